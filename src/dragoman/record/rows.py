"""A Record as flat rows, for the stores' record_items table: one row per part of it.

Each communication, demand, deadline, channel step, position, agreement and rupture is one row of
plain columns (part, item_id, order, kind, date, source and target codes, the
communication it belongs to, and a one-line summary), so that SQL tools read the
record without parsing its JSON. The JSON (`Record.to_dict`) stays what is read back.
"""

from __future__ import annotations

from typing import Any

from ..records import Actor
from .brief import show_actor, show_date
from .records import Record

__all__ = ["ITEM_COLUMNS", "item_rows"]

ITEM_COLUMNS = ("doc_id", "part", "item_id", "position", "kind", "date", "source_code", "target_code", "communication", "summary")


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


def item_rows(record: Record) -> list[tuple[Any, ...]]:
    """The rows of record_items for one record (ITEM_COLUMNS, in order)."""
    doc = record.doc_id
    rows: list[tuple[Any, ...]] = []
    for n, c in enumerate(record.communications):
        summary = f"{c.kind} from {show_actor(c.sender)} to {show_actor(c.recipient)}: " + ", ".join(
            f"{s.state} {show_date(s.date)}" for s in c.states
        )
        rows.append((doc, "communications", c.comm_id, n, c.kind, c.date.date, _code(c.sender), _code(c.recipient), c.comm_id, summary))
    for n, d in enumerate(record.demands):
        rows.append((doc, "demands", d.item_id, n, d.kind, d.date.date, _code(d.by), _code(d.of), d.communication,
                     f"{d.kind}: {d.text} ({d.status})"))  # fmt: skip
    for n, t in enumerate(record.deadlines):
        rows.append((doc, "deadlines", t.deadline_id, n, t.unit, t.due.date, _code(t.by), _code(t.of), t.communication,
                     f"{t.expression}: due {show_date(t.due)}" + (f", passed {show_date(t.passed)}" if t.passed else "")))  # fmt: skip
    n = 0
    for channel in record.channels:
        a, b = channel.parties[0], channel.parties[1]
        for step in channel.steps:
            what = f"{step.mode} {step.what}" if step.mode else step.what
            # by one side (its own code) towards the other (of three or more: the first other one);
            # talks held: the channel's first party and the second
            others = [p for p in channel.parties if step.by is None or p.country != step.by.country] or [b]
            source, target = (a, b) if step.by is None else (step.by, others[0])
            summary = f"{channel.channel_id}: {step.status} {what}" + (f" in {step.venue}" if step.venue else "")
            rows.append((doc, "channels", step.step_id, n, step.status, step.date.date, _code(source), _code(target),
                         step.communication, summary))  # fmt: skip
            n += 1
    for n, p in enumerate(record.positions):
        rows.append((doc, "positions", p.position_id, n, p.stance, p.date.date, _code(p.party), None, p.communication,
                     f"{show_actor(p.party)} {p.stance} {p.on}"))  # fmt: skip
    for n, g in enumerate(record.agreements):
        first, second = (g.parties + (None, None))[:2]
        summary = f"{g.what} of {', '.join(show_actor(a) for a in g.parties)}: " + ", ".join(
            f"{s.state.replace('_', ' ')} {show_date(s.date)}" for s in g.states
        )
        rows.append((doc, "agreements", g.agreement_id, n, g.what, g.date.date, _code(first), _code(second), None, summary))
    for n, r in enumerate(record.ruptures):
        rows.append((doc, "ruptures", r.rupture_id, n, r.act, r.date.date, _code(r.by), _code(r.toward), None,
                     f"{show_actor(r.by)} {r.act.replace('_', ' ')} {show_actor(r.toward)}" + (f": {r.what}" if r.what else "")))  # fmt: skip
    return rows
