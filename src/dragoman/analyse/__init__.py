"""Pure functions over coded events: summaries an analyst reads before trusting a timeline.

    sources.py   on whose word: single-source, non-English-only and unsourced events
    dyads.py     pairs of parties; a pair's Goldstein totals and counts over time
    actors.py    who appears, how often, with whom; names left unresolved
    timeline.py  events grouped by date; events per day and QuadClass
"""

from .actors import ActorRow, UnresolvedName, actor_table, unresolved_mentions
from .dyads import QUAD_CLASSES, Dyad, DyadSeries, dyad_series, dyads, involves, party
from .sources import SourceSummary, summarize_sources
from .timeline import DateGroup, DayCount, date_groups, day_counts

__all__ = [
    "QUAD_CLASSES",
    "ActorRow",
    "DateGroup",
    "DayCount",
    "Dyad",
    "DyadSeries",
    "SourceSummary",
    "UnresolvedName",
    "actor_table",
    "date_groups",
    "day_counts",
    "dyad_series",
    "dyads",
    "involves",
    "party",
    "summarize_sources",
    "unresolved_mentions",
]
