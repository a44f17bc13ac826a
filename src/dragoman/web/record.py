"""The diplomatic record as the dashboard shows it: the stored record, narrowed by the page's filters.

The record itself comes from `dragoman.record.service.record_of` (the JSON of
docs/record.md, each part with its `doc_id`). The dashboard's filters narrow it
as they narrow events, by the same rules:

- `actor` (a code prefix or a country, as for events) keeps a communication,
  demand, deadline or position one of whose parties is that actor, and a
  channel between the actor and another party or with the actor in one of its
  steps (as mediator, participant, or the side that took it);
- `since` and `until` keep what is dated in the period, compared at the
  coarser precision of the two dates, as events are: a communication with
  its own date or any state of its lifecycle in the period (its whole
  lifecycle is shown), a demand or a position by its date, a deadline by its
  anchor, due date or the day it passed, a channel's steps in the period.
  Undated parts are left out once a period is given;
- `root`, `modality` and `all` choose events, not parts of the record.

Everything here is pure: dicts in, dicts out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..record import PARTS

__all__ = ["RECORD_PARTS", "actor_matches", "in_period", "narrow_record"]

# The parts of the record, in the order the page shows them.
RECORD_PARTS = PARTS

Json = Mapping[str, Any]


def actor_matches(actor: Json | None, key: str) -> bool:
    """Whether an actor is `key`: its code starts with it, or its country is it (as for events)."""
    if not actor:
        return False
    code = actor.get("code") or ""
    return code.startswith(key) or actor.get("country") == key


def in_period(date: Json | None, since: str | None, until: str | None) -> bool:
    """Whether a record date falls between since and until, compared at the coarser precision of each pair.

    The rule of the event store's query: a range counts by its end for `since`;
    no date is in no period.
    """
    if not date or not date.get("date"):
        return False
    start: str = date["date"]
    end: str = date.get("date_end") or start
    if since is not None and end[: len(since)] < since[: len(end)]:
        return False
    return until is None or start[: len(until)] <= until[: len(start)]


def _any_actor(actors: Iterable[Json | None], key: str) -> bool:
    return any(actor_matches(a, key) for a in actors)


def _any_date(dates: Iterable[Json | None], since: str | None, until: str | None) -> bool:
    return any(in_period(d, since, until) for d in dates)


def _communication(c: Json, actor: str | None, since: str | None, until: str | None) -> bool:
    states = c.get("states") or ()
    if actor is not None and not _any_actor([c.get("sender"), c.get("recipient"), c.get("carrier"),
                                             *(s.get("by") for s in states), *(s.get("said_by") for s in states)], actor):  # fmt: skip
        return False
    return (since is None and until is None) or _any_date([c.get("date"), *(s.get("date") for s in states)], since, until)


def _demand(d: Json, actor: str | None, since: str | None, until: str | None) -> bool:
    if actor is not None and not _any_actor([d.get("by"), d.get("of")], actor):
        return False
    return (since is None and until is None) or in_period(d.get("date"), since, until)


def _deadline(t: Json, actor: str | None, since: str | None, until: str | None) -> bool:
    if actor is not None and not _any_actor([t.get("by"), t.get("of")], actor):
        return False
    return (since is None and until is None) or _any_date([t.get("anchor"), t.get("due"), t.get("passed")], since, until)


def _position(p: Json, actor: str | None, since: str | None, until: str | None) -> bool:
    if actor is not None and not actor_matches(p.get("party"), actor):
        return False
    return (since is None and until is None) or in_period(p.get("date"), since, until)


def _agreement(g: Json, actor: str | None, since: str | None, until: str | None) -> bool:
    states = g.get("states") or ()
    if actor is not None and not _any_actor([*(g.get("parties") or ()), g.get("mediator"), *(a for s in states for a in s.get("by") or ())], actor):
        return False
    return (since is None and until is None) or _any_date([s.get("date") for s in states] or [g.get("date")], since, until)


def _rupture(r: Json, actor: str | None, since: str | None, until: str | None) -> bool:
    if actor is not None and not _any_actor([r.get("by"), r.get("toward")], actor):
        return False
    return (since is None and until is None) or in_period(r.get("date"), since, until)


def _channel(ch: Json, actor: str | None, since: str | None, until: str | None) -> dict[str, Any] | None:
    steps = list(ch.get("steps") or ())
    if actor is not None:
        in_steps = [a for s in steps for a in (s.get("by"), s.get("mediator"), *(s.get("participants") or ()))]
        if not _any_actor([*(ch.get("parties") or ()), *in_steps], actor):
            return None
    if since is not None or until is not None:
        steps = [s for s in steps if in_period(s.get("date"), since, until)]
        if not steps:
            return None
    return {**ch, "steps": steps}


def narrow_record(record: Json, *, actor: str | None = None, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """The record (record_of's dict) with only the parts the filters keep; the rest of the dict as it was."""
    out = dict(record)
    if actor is None and since is None and until is None:
        return out
    out["communications"] = [c for c in record["communications"] if _communication(c, actor, since, until)]
    out["demands"] = [d for d in record["demands"] if _demand(d, actor, since, until)]
    out["deadlines"] = [t for t in record["deadlines"] if _deadline(t, actor, since, until)]
    out["positions"] = [p for p in record["positions"] if _position(p, actor, since, until)]
    channels = (_channel(ch, actor, since, until) for ch in record["channels"])
    out["channels"] = [ch for ch in channels if ch is not None]
    out["agreements"] = [g for g in record.get("agreements") or () if _agreement(g, actor, since, until)]
    out["ruptures"] = [r for r in record.get("ruptures") or () if _rupture(r, actor, since, until)]
    return out
