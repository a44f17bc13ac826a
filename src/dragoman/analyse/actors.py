"""Who appears in the events, how often, with whom; and the names no dictionary resolved.

    actor_table(events)          one row per actor code, most events first
    unresolved_mentions(events)  the words of sources and targets left without a code

Both are pure functions over events. The store keeps no separate list of
unresolved names: an event whose source or target has no code still keeps the
words the sentence used ("the militants"), and those are what is counted here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import Actor, Event

__all__ = ["ActorRow", "UnresolvedName", "actor_table", "unresolved_mentions"]


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One actor code: its most frequent name, how often it acts and is acted on, and its partners."""

    code: str
    name: str  # the most frequent of `names`
    names: tuple[tuple[str, int], ...]  # names it appears under and how often (as source or target), most first
    country: str | None
    sector: str | None
    events: int  # events it takes part in (an event that has it on both sides counts once)
    as_source: int
    as_target: int
    partners: tuple[tuple[str, int], ...]  # the other side's code and how many events, most first

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "names": [{"name": name, "count": n} for name, n in self.names],
            "country": self.country,
            "sector": self.sector,
            "events": self.events,
            "as_source": self.as_source,
            "as_target": self.as_target,
            "partners": [{"code": code, "events": n} for code, n in self.partners],
        }


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """Words a sentence used for a source or target that got no code."""

    text: str
    count: int
    event_ids: tuple[str, ...]  # the first few events that use it

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "count": self.count, "event_ids": list(self.event_ids)}


@dataclass(slots=True)
class _Tally:
    names: Counter[str] = field(default_factory=Counter)
    country: str | None = None
    sector: str | None = None
    events: int = 0
    as_source: int = 0
    as_target: int = 0
    partners: Counter[str] = field(default_factory=Counter)


def actor_table(events: Iterable[Event], *, partners: int = 5, names: int = 5) -> list[ActorRow]:
    """One row per actor code, most events first (ties by code); at most `partners` partners and `names` names each.

    A code stands for many people and bodies (IRNGOV: the foreign minister, the
    supreme leader, "Tehran"), so each row lists the names it appeared under.
    """
    tallies: dict[str, _Tally] = {}
    for e in events:
        sides = [(e.source, e.target, "source"), (e.target, e.source, "target")]
        seen: set[str] = set()
        for actor, other, role in sides:
            if actor is None or not actor.code:
                continue
            tally = tallies.setdefault(actor.code, _Tally(country=actor.country, sector=actor.sector))
            tally.names[actor.name or actor.text] += 1
            if role == "source":
                tally.as_source += 1
            else:
                tally.as_target += 1
            if actor.code not in seen:
                tally.events += 1
                seen.add(actor.code)
                if other is not None and other.code and other.code != actor.code:
                    tally.partners[other.code] += 1
    rows = [
        ActorRow(
            code=code, name=_top(t.names, 1)[0][0], names=_top(t.names, names), country=t.country, sector=t.sector, events=t.events,
            as_source=t.as_source, as_target=t.as_target, partners=_top(t.partners, partners),
        )  # fmt: skip
        for code, t in tallies.items()
    ]
    rows.sort(key=lambda r: (-r.events, r.code))
    return rows


def unresolved_mentions(events: Iterable[Event], *, examples: int = 5) -> list[UnresolvedName]:
    """The words of sources and targets with no code, most frequent first (ties by text)."""
    counts: Counter[str] = Counter()
    ids: dict[str, list[str]] = {}
    for e in events:
        for actor in (e.source, e.target):
            if not _unresolved(actor):
                continue
            assert actor is not None  # for mypy: _unresolved is False for None
            text = " ".join(actor.text.split())
            counts[text] += 1
            seen = ids.setdefault(text, [])
            if len(seen) < examples and e.event_id not in seen:
                seen.append(e.event_id)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [UnresolvedName(text, n, tuple(ids[text])) for text, n in ordered]


def _unresolved(actor: Actor | None) -> bool:
    return actor is not None and not actor.code and bool(actor.text.strip())


def _top(counter: Counter[str], n: int) -> tuple[tuple[str, int], ...]:
    # most frequent, then alphabetical, so the choice does not depend on the order of events
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n])
