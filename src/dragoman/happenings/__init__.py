"""One happening, many reports: events of different documents grouped into the happening they report.

    records.py   Happening, Member, HappeningQuery, GroupingStamp (frozen; to_dict and back)
    rules.py     data/happenings.yaml as typed rules (load_happening_rules)
    wording.py   an event's content words and the similarity of two events' words
    grouping.py  group_events / group_stream: block, sort by date, sweep (pure)
    service.py   the happenings of a store: regrouped when its events changed, stored, listed
    commands.py  `dragoman happenings`

This package's __init__ imports only the records, so that the store's protocol
(store/base.py), which names them, imports nothing else of it.
"""

from .records import (
    GroupingStamp,
    Happening,
    HappeningQuery,
    Member,
    happening_from_dict,
)

__all__ = [
    "GroupingStamp",
    "Happening",
    "HappeningQuery",
    "Member",
    "happening_from_dict",
]
