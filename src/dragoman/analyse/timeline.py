"""The timeline: events grouped by their date, and how many fall on each day. Pure functions.

    date_groups(events)   runs of events that share a date and its precision, in the order given
    day_counts(events)    per day, events in each QuadClass (for a chart)

A date keeps its precision: "2025-03" (a month) is its own group, never the
first of March, and the store's order puts it before "2025-03-01".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..records import Event
from .dyads import DAY_PRECISIONS, QUAD_CLASSES

__all__ = ["DateGroup", "DayCount", "date_groups", "day_counts"]


@dataclass(frozen=True, slots=True)
class DateGroup:
    date: str | None  # ISO, maybe partial; None: undated
    precision: str | None
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class DayCount:
    day: str
    quad: dict[str, int]  # QuadClass name -> events

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "quad": self.quad}


def date_groups(events: Iterable[Event]) -> list[DateGroup]:
    """Consecutive events with the same date and precision, as groups (store order keeps days together)."""
    groups: list[DateGroup] = []
    run: list[Event] = []
    for e in events:
        if run and (run[0].date.date, run[0].date.precision) != (e.date.date, e.date.precision):
            groups.append(DateGroup(run[0].date.date, run[0].date.precision, tuple(run)))
            run = []
        run.append(e)
    if run:
        groups.append(DateGroup(run[0].date.date, run[0].date.precision, tuple(run)))
    return groups


def day_counts(events: Iterable[Event]) -> list[DayCount]:
    """Events per day and QuadClass, by day; only events dated to a day (or a range, by its first day)."""
    days: dict[str, dict[str, int]] = {}
    for e in events:
        if e.date.date is None or e.date.precision not in DAY_PRECISIONS:
            continue
        name = QUAD_CLASSES.get(e.quad_class)
        if name is None:
            continue
        counts = days.setdefault(e.date.date[:10], dict.fromkeys(QUAD_CLASSES.values(), 0))
        counts[name] += 1
    return [DayCount(day, counts) for day, counts in sorted(days.items())]
