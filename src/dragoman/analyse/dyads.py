"""Dyads: who acts on whom, and how a relation moves over time. Pure functions over events.

    dyads(events)                          pairs of parties, most active first
    dyad_series(events, "USA", "IRN")      Goldstein totals and counts per day (or week),
                                           both directions, with the largest escalations
                                           and de-escalations and the events behind them

A *party* is what an actor stands for in a pair: its country ("USA" for USAGOV
and USAMIL alike), or its own code when its country field names a kind of body
rather than a state ("IGO", "NGO": every UN agency would otherwise be one party).
A *key* given by a caller ("USA", "USAGOV", "IGOUNO") matches an actor the way
the store's actor filter does: a prefix of its code, or exactly its country.

A series has one point per period in which the pair did something, in date
order; empty periods are left out (a chart's date axis shows the gap). An
event is placed on its day when its date is a day or a range (by its first
day); events dated only to a month, a year or a decade, and undated ones,
cannot be placed on a day and are listed as `unplaced`.

The change at a point is its total Goldstein score (both directions) minus
that of the point before (0 before the first: opening hostilities is an
escalation). The largest drops are the escalations, the largest rises the
de-escalations; each names the events of its period, most extreme first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Actor, Event

__all__ = [
    "BINS",
    "DAY_PRECISIONS",
    "NON_STATE_COUNTRIES",
    "QUAD_CLASSES",
    "Direction",
    "Dyad",
    "DyadSeries",
    "Period",
    "TurningPoint",
    "dyad_series",
    "dyads",
    "involves",
    "party",
    "quad_counts",
]

BINS = ("day", "week")
# QuadClass number -> the name JSON and charts use
QUAD_CLASSES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
# Country fields that name a kind of body, not a state: such actors are parties by their own code.
NON_STATE_COUNTRIES = frozenset({"IGO", "NGO"})
# Date precisions that place an event on a day (a range by its first day)
DAY_PRECISIONS = frozenset({"day", "range"})


def party(actor: Actor | None) -> str | None:
    """The party an actor stands for in a dyad (see the module docstring); None when unresolved."""
    if actor is None:
        return None
    if actor.country and actor.country not in NON_STATE_COUNTRIES:
        return actor.country
    return actor.code or None


def involves(actor: Actor | None, key: str) -> bool:
    """Whether `key` names this actor: a prefix of its code, or exactly its country (as the store matches)."""
    if actor is None or not key:
        return False
    return bool(actor.code and actor.code.startswith(key)) or actor.country == key


def quad_counts(events: Iterable[Event]) -> dict[str, int]:
    """How many events fall in each QuadClass, by name (all four present)."""
    counts = dict.fromkeys(QUAD_CLASSES.values(), 0)
    for e in events:
        name = QUAD_CLASSES.get(e.quad_class)
        if name is not None:
            counts[name] += 1
    return counts


# ---------------------------------------------------------------- pairs


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two parties (a before b in code order) and what each did to the other."""

    a: str
    b: str
    a_to_b: int
    b_to_a: int
    goldstein_a_to_b: float
    goldstein_b_to_a: float

    @property
    def events(self) -> int:
        return self.a_to_b + self.b_to_a

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "events": self.events,
            "a_to_b": self.a_to_b,
            "b_to_a": self.b_to_a,
            "goldstein_a_to_b": round(self.goldstein_a_to_b, 2),
            "goldstein_b_to_a": round(self.goldstein_b_to_a, 2),
        }


def dyads(events: Iterable[Event]) -> list[Dyad]:
    """Every pair of different parties that acted on each other, most events first (ties by a, then b).

    Events with an unresolved side, or whose two sides are the same party, belong to no pair.
    """
    counts: dict[tuple[str, str], list[float]] = {}  # (a, b) -> [a_to_b, b_to_a, g_a_to_b, g_b_to_a]
    for e in events:
        source, target = party(e.source), party(e.target)
        if source is None or target is None or source == target:
            continue
        forward = source < target
        pair = (source, target) if forward else (target, source)
        row = counts.setdefault(pair, [0, 0, 0.0, 0.0])
        row[0 if forward else 1] += 1
        row[2 if forward else 3] += e.goldstein
    found = [Dyad(a, b, int(r[0]), int(r[1]), r[2], r[3]) for (a, b), r in counts.items()]
    found.sort(key=lambda d: (-d.events, d.a, d.b))
    return found


# ---------------------------------------------------------------- series


@dataclass(frozen=True, slots=True)
class Direction:
    """What one side did to the other in one period (or over the whole series)."""

    count: int
    goldstein: float
    quad: dict[str, int]
    event_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "goldstein": round(self.goldstein, 2), "quad": self.quad, "event_ids": list(self.event_ids)}


@dataclass(frozen=True, slots=True)
class Period:
    """One day or week (named by its first day) in which the pair acted."""

    period: str
    a_to_b: Direction
    b_to_a: Direction

    @property
    def goldstein(self) -> float:
        return self.a_to_b.goldstein + self.b_to_a.goldstein

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "goldstein": round(self.goldstein, 2),
            "count": self.a_to_b.count + self.b_to_a.count,
            "a_to_b": self.a_to_b.to_dict(),
            "b_to_a": self.b_to_a.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A period whose total moved most from the one before (None before the first)."""

    period: str
    previous: str | None
    change: float
    goldstein: float
    event_ids: tuple[str, ...]  # the period's events, the ones that moved it most first

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "previous": self.previous,
            "change": round(self.change, 2),
            "goldstein": round(self.goldstein, 2),
            "event_ids": list(self.event_ids),
        }


@dataclass(frozen=True, slots=True)
class DyadSeries:
    a: str
    b: str
    bin: str
    periods: tuple[Period, ...]
    a_to_b: Direction  # the whole series, one direction
    b_to_a: Direction
    escalations: tuple[TurningPoint, ...]
    deescalations: tuple[TurningPoint, ...]
    unplaced: tuple[str, ...]  # ids of the pair's events with no day to stand on

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "bin": self.bin,
            "periods": [p.to_dict() for p in self.periods],
            "a_to_b": self.a_to_b.to_dict(),
            "b_to_a": self.b_to_a.to_dict(),
            "escalations": [t.to_dict() for t in self.escalations],
            "deescalations": [t.to_dict() for t in self.deescalations],
            "unplaced": list(self.unplaced),
        }


def dyad_series(events: Iterable[Event], a: str, b: str, *, bin: str = "day", turning_points: int = 3) -> DyadSeries:
    """What `a` did to `b` and `b` to `a`, per day or week (see the module docstring).

    An event whose source matches both keys and whose target matches both
    (say, a="USA", b="USAGOV") is a's act on b: the first reading wins.
    """
    if bin not in BINS:
        raise ValueError(f"bin={bin!r}: use one of {', '.join(BINS)}")
    if turning_points < 0:
        raise ValueError(f"turning_points={turning_points} must not be negative")
    forward: list[Event] = []
    backward: list[Event] = []
    for e in events:
        if involves(e.source, a) and involves(e.target, b):
            forward.append(e)
        elif involves(e.source, b) and involves(e.target, a):
            backward.append(e)
    by_period: dict[str, tuple[list[Event], list[Event]]] = {}
    unplaced: list[str] = []
    for side, group in ((0, forward), (1, backward)):
        for e in group:
            start = _period(e, bin)
            if start is None:
                unplaced.append(e.event_id)
            else:
                by_period.setdefault(start, ([], []))[side].append(e)
    periods = tuple(Period(p, _direction(f), _direction(r)) for p, (f, r) in sorted(by_period.items()))
    escalations, deescalations = _turning_points(periods, by_period, turning_points)
    return DyadSeries(
        a=a, b=b, bin=bin, periods=periods, a_to_b=_direction(forward), b_to_a=_direction(backward),
        escalations=escalations, deescalations=deescalations, unplaced=tuple(sorted(unplaced)),
    )  # fmt: skip


def _period(event: Event, bin: str) -> str | None:
    """The first day of the event's period, ISO; None when its date is not a day."""
    value = event.date
    if value.date is None or value.precision not in DAY_PRECISIONS:
        return None
    try:
        day = datetime.date.fromisoformat(value.date[:10])
    except ValueError:
        return None
    if bin == "week":
        day -= datetime.timedelta(days=day.weekday())  # ISO weeks start on Monday
    return day.isoformat()


def _direction(events: Sequence[Event]) -> Direction:
    return Direction(
        count=len(events),
        goldstein=sum(e.goldstein for e in events),
        quad=quad_counts(events),
        event_ids=tuple(e.event_id for e in events),
    )


def _turning_points(
    periods: Sequence[Period], by_period: dict[str, tuple[list[Event], list[Event]]], k: int
) -> tuple[tuple[TurningPoint, ...], tuple[TurningPoint, ...]]:
    points: list[TurningPoint] = []
    previous: Period | None = None
    for period in periods:
        change = period.goldstein - (previous.goldstein if previous else 0.0)
        forward, backward = by_period[period.period]
        # most extreme first: the lowest scores for a drop, the highest for a rise
        ordered = sorted((*forward, *backward), key=lambda e: (e.goldstein if change < 0 else -e.goldstein, e.event_id))
        points.append(TurningPoint(period.period, previous.period if previous else None, change, period.goldstein,
                                   tuple(e.event_id for e in ordered)))  # fmt: skip
        previous = period
    drops = sorted((p for p in points if p.change < 0), key=lambda p: (p.change, p.period))
    rises = sorted((p for p in points if p.change > 0), key=lambda p: (-p.change, p.period))
    return tuple(drops[:k]), tuple(rises[:k])
