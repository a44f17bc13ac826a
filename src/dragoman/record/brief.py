"""A Record as a readable brief: `brief(record, "text" | "markdown", title=None) -> str`.

The brief follows the record's parts: a dated chronology of each communication
(its lifecycle, who did what, on whose word), the demands, offers and threats
with their status and sourcing, the deadlines and what happened when they
passed, the channel of talks of each pair (or group) of parties, each party's
positions over time, the agreements and their life, and the ruptures of relations. Sentences are named by their index in the document
("s27"), sources by the report's footnote keys ("[1]").
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Actor, DateValue
from .records import Agreement, Channel, ChannelStep, CommState, Communication, Deadline, Evidence, Item, Position, Record, Rupture

__all__ = ["FORMATS", "brief", "show_actor", "show_date"]

FORMATS = ("text", "markdown")

_STATE_WORDS = {
    "written": "written", "announced": "announced", "sent": "sent", "delivered": "delivered",
    "received": "received", "not_received": "not received", "acknowledged": "acknowledged",
    "not_acknowledged": "not acknowledged", "answered": "answered", "not_answered": "not answered",
    "rejected": "rejected", "accepted": "accepted",
}  # fmt: skip
_STATUS_WORDS = {
    "proposed": "proposed", "refused": "refused", "ready": "ready", "agreed": "agreed", "held": "held",
    "mediated": "mediated", "continued": "continued", "ended": "ended",
}  # fmt: skip


def show_actor(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    name = actor.name or (actor.text if actor.basis != "pronoun" else None)
    if name and name[:4] == "The ":
        name = "the " + name[4:]  # a name in the middle of a line
    if not name:
        return actor.code or "-"  # "he": the code says who
    return f"{name} ({actor.code})" if actor.code else name


def show_date(value: DateValue | None) -> str:
    if value is None or not value.date:
        return "undated"
    shown = value.date
    if value.precision == "decade":
        shown = f"the {value.date}0s"
    elif value.precision == "range" and value.date_end:
        shown = f"{value.date}/{value.date_end}"
    if value.flag == "on_or_before":
        return f"by {shown}"
    if value.flag == "on_or_after":
        return f"since {shown}"
    return shown


def _sourcing(evidence: Iterable[Evidence | None], *, sentences: bool = True) -> str:
    found = [e for e in evidence if e is not None]
    parts: list[str] = []
    reliability = sorted({e.reliability for e in found if e.reliability})
    if reliability:
        parts.append(", ".join(reliability))
    chains = list(dict.fromkeys(" / ".join(e.attribution.chain or (e.attribution.text,)) for e in found if e.attribution))
    if chains:
        parts.append("according to " + "; ".join(chains))
    if sentences and found:
        parts.append(", ".join(dict.fromkeys(f"s{e.sentence_index}" for e in found)))
    keys = list(dict.fromkeys(c.key for e in found for c in e.citations if c.key != "article"))
    if keys:
        parts.append(" ".join(f"[{k}]" for k in keys))
    return "; ".join(parts)


def _state_line(state: CommState) -> str:
    words = _STATE_WORDS.get(state.state, state.state)
    line = f"{show_date(state.date)}: {words}"
    if state.by is not None:
        line += f" by {show_actor(state.by)}" if state.state not in ("not_received", "received") else f" ({show_actor(state.by)})"
    if state.said_by is not None and (state.by is None or state.said_by.code != state.by.code or state.said_by.name != state.by.name):
        line += f", says {show_actor(state.said_by)}"
    sourcing = _sourcing([state.evidence])
    return f"{line} — {sourcing}" if sourcing else line


def _comm_title(c: Communication, record: Record) -> str:
    title = f"{c.comm_id}. {c.kind.capitalize()} from {show_actor(c.sender)} to {show_actor(c.recipient)}"
    if c.carrier is not None:
        title += f", through {show_actor(c.carrier)}"
    title += f", {show_date(c.date)}"
    if c.answers:
        answered = record.communication(c.answers)
        title += f" (answers {c.answers}" + (f", the {answered.kind}" if answered else "") + ")"
    return title


def _comm_notes(c: Communication) -> list[str]:
    lines = [_state_line(s) for s in c.states]
    for content in c.content:
        lines.append(f"says: \u201c{content}\u201d")
    if c.answered_by:
        lines.append("answered by " + ", ".join(c.answered_by))
    if c.items:
        lines.append(f"carries {len(c.items)} item{'s' if len(c.items) != 1 else ''}: " + ", ".join(c.items))
    if c.deadlines:
        lines.append("deadlines: " + ", ".join(c.deadlines))
    return lines


def _item_cells(item: Item) -> list[str]:
    parties = f"{show_actor(item.by)} → {show_actor(item.of)}"
    status = item.status + (f" ({', '.join(item.positions)})" if item.positions else "")
    text = item.text + (f" [condition: {item.condition}]" if item.condition else "")
    return [
        item.item_id, show_date(item.date), item.kind, text, item.topic or "-", item.cameo or "-", parties,
        item.communication or "-", status if item.kind != "threat" else "-", _sourcing([item.evidence]) or "-",
    ]  # fmt: skip


_ITEM_HEAD = ["#", "date", "kind", "item", "topic", "CAMEO", "from → to", "in", "status", "sourcing"]


def _deadline_line(d: Deadline) -> str:
    line = f"{d.deadline_id}. \u201c{d.expression}\u201d"
    if d.amount is not None and d.unit is not None:
        line += f" ({d.amount} {d.unit}{'s' if d.amount != 1 else ''})"
        counted = f"from {d.communication} " if d.communication else "from "
        line += f", {counted}{show_date(d.anchor)}: due {show_date(d.due)}"
    else:
        line += f": due {show_date(d.due)}" + (f", in {d.communication}" if d.communication else "")
    for later in d.extended:
        line += f"; extended to {show_date(later)}"
    if d.item:
        line += f"; for {d.item}"
    if d.by is not None or d.of is not None:
        line += f"; set by {show_actor(d.by)} for {show_actor(d.of)}"
    if d.met is not None:
        line += f"; met {show_date(d.met)}" + (f" by {show_actor(d.met_by)}" if d.met_by else "")
    if d.passed is not None:
        line += f"; passed {show_date(d.passed)}"
        if d.outcome:
            then = "; ".join(f"{show_actor(o.source)} {o.cameo} {o.cameo_name} {show_actor(o.target)} ({show_date(o.date)})" for o in d.outcome)
            line += f"; then: {then}"
    sourcing = _sourcing([d.evidence, d.passed_evidence, *d.extended_evidence, d.met_evidence])
    return f"{line} — {sourcing}" if sourcing else line


def _agreement_lines(g: Agreement) -> list[str]:
    head = f"{g.agreement_id}. {g.what} of {', '.join(show_actor(a) for a in g.parties) or '-'}"
    if g.mediator is not None:
        head += f", mediated by {show_actor(g.mediator)}"
    if g.text:
        head += f": \u201c{g.text}\u201d"
    lines = [head]
    for st in g.states:
        by = f" by {', '.join(show_actor(a) for a in st.by)}" if st.by else ""
        sourcing = _sourcing([st.evidence])
        lines.append(f"{show_date(st.date)}: {st.state.replace('_', ' ')}{by}" + (f" — {sourcing}" if sourcing else ""))
    return lines


def _rupture_line(r: Rupture) -> str:
    line = f"{r.rupture_id}. {show_date(r.date)}: {show_actor(r.by)} {r.act.replace('_', ' ')} {show_actor(r.toward)}"
    if r.what:
        line += f" ({r.what})"
    if r.within:
        line += f", {r.within}"
    sourcing = _sourcing([r.evidence])
    return f"{line} — {sourcing}" if sourcing else line


def _step_cells(step: ChannelStep) -> list[str]:
    what = step.what if step.mode is None else f"{step.mode} {step.what}"
    notes: list[str] = []
    if step.participants and step.status == "held":
        notes.append("between " + ", ".join(show_actor(p) for p in step.participants))
    if step.first_since:
        notes.append(f"first{' ' + step.mode if step.mode else ''} {step.first_since}")
    if step.condition:
        notes.append(f"condition: {step.condition}")
    if step.communication:
        notes.append(f"in {step.communication}")
    return [
        step.step_id, show_date(step.date), f"{_STATUS_WORDS.get(step.status, step.status)}: {what}",
        show_actor(step.by) if step.by else "-",
        show_actor(step.mediator) if step.mediator else (step.mediator_text or "-"), step.venue or "-",
        "; ".join(notes) or "-", _sourcing(step.evidence) or "-",
    ]  # fmt: skip


_STEP_HEAD = ["#", "date", "step", "by", "mediator", "venue", "notes", "sourcing"]


def _position_line(p: Position) -> str:
    line = f"{show_date(p.date)}: {p.stance} {p.on}"
    if p.condition:
        line += f" ({p.condition})"
    line += f" — {show_actor(p.party)}"
    if p.items:
        line += f"; on {', '.join(p.items)}"
    if p.communication:
        line += f"; {p.communication}"
    sourcing = _sourcing([p.evidence])
    return f"{p.position_id}. {line}" + (f"; {sourcing}" if sourcing else "")


def _party_key(actor: Actor) -> str:
    return actor.country if actor.country and actor.country not in ("IGO", "NGO") else (actor.code or actor.text)


def _by_party(record: Record) -> list[tuple[str, list[Position]]]:
    """Positions grouped by party (the channels name each party; else its first actor)."""
    names = {_party_key(a): show_actor(a) for c in record.channels for a in c.parties}
    groups: dict[str, list[Position]] = {}
    for p in record.positions:
        groups.setdefault(_party_key(p.party), []).append(p)
    return [(names.get(key) or show_actor(found[0].party), found) for key, found in groups.items()]


def _channel_title(c: Channel) -> str:
    return " – ".join(show_actor(a) for a in c.parties)


# ---------------------------------------------------------------- the two formats


def brief(record: Record, fmt: str = "text", *, title: str | None = None) -> str:
    """The record as a readable brief, in `fmt` ("text" or "markdown")."""
    if fmt == "markdown":
        return _markdown(record, title)
    if fmt == "text":
        return _text(record, title)
    raise ValueError(f"no brief format {fmt!r}; use one of {', '.join(FORMATS)}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _markdown(record: Record, title: str | None) -> str:
    out = [f"## The diplomatic record: {title or record.doc_id}", ""]
    if record.is_empty():
        return "\n".join([*out, "Nothing in this report is a communication, a demand, a deadline, talks, a position, an agreement or a rupture.", ""])
    if record.communications:
        out += ["### Communications", ""]
        for c in record.communications:
            out.append(f"**{_comm_title(c, record)}**")
            out += [f"- {line}" for line in _comm_notes(c)]
            out.append("")
    if record.demands:
        out += ["### Demands, offers and threats", ""]
        out += _table(_ITEM_HEAD, [_item_cells(i) for i in record.demands])
        out.append("")
    if record.deadlines:
        out += ["### Deadlines", ""]
        out += [f"- {_deadline_line(d)}" for d in record.deadlines]
        out.append("")
    if record.channels:
        out += ["### Channels", ""]
        for channel in record.channels:
            out += [f"#### {_channel_title(channel)}", ""]
            out += _table(_STEP_HEAD, [_step_cells(s) for s in channel.steps])
            out.append("")
    if record.positions:
        out += ["### Positions", ""]
        for party, positions in _by_party(record):
            out += [f"#### {party}", ""]
            out += [f"- {_position_line(p)}" for p in positions]
            out.append("")
    if record.agreements:
        out += ["### Agreements", ""]
        for g in record.agreements:
            head, *states = _agreement_lines(g)
            out += [f"**{head}**", *(f"- {line}" for line in states), ""]
    if record.ruptures:
        out += ["### Relations: ruptures and restorations", ""]
        out += [f"- {_rupture_line(r)}" for r in record.ruptures]
        out.append("")
    return "\n".join(out)


def _text(record: Record, title: str | None) -> str:
    heading = f"The diplomatic record: {title or record.doc_id}"
    out = [heading, "=" * len(heading)]
    if record.is_empty():
        return "\n".join([*out, "Nothing in this report is a communication, a demand, a deadline, talks, a position, an agreement or a rupture.", ""])
    if record.communications:
        out += ["", "Communications"]
        for c in record.communications:
            out.append(f"  {_comm_title(c, record)}")
            out += [f"      {line}" for line in _comm_notes(c)]
    if record.demands:
        out += ["", "Demands, offers and threats"]
        for i in record.demands:
            cells = dict(zip(_ITEM_HEAD, _item_cells(i), strict=True))
            out.append(f"  {cells['#']}. {cells['date']} {cells['kind']}: {cells['item']}")
            out.append(f"      {cells['from → to']}; topic {cells['topic']}; CAMEO {cells['CAMEO']}; in {cells['in']}; status {cells['status']}")
            out.append(f"      {cells['sourcing']}")
    if record.deadlines:
        out += ["", "Deadlines"]
        out += [f"  {_deadline_line(d)}" for d in record.deadlines]
    if record.channels:
        out += ["", "Channels"]
        for channel in record.channels:
            out.append(f"  {_channel_title(channel)}")
            for s in channel.steps:
                cells = dict(zip(_STEP_HEAD, _step_cells(s), strict=True))
                extras = [f"{k} {v}" for k, v in cells.items() if k in ("by", "mediator", "venue") and v != "-"]
                extras += [cells["notes"]] if cells["notes"] != "-" else []
                out.append(f"    {cells['#']}. {cells['date']} {cells['step']}" + (f" ({'; '.join(extras)})" if extras else ""))
                out.append(f"        {cells['sourcing']}")
    if record.positions:
        out += ["", "Positions"]
        for party, positions in _by_party(record):
            out.append(f"  {party}")
            out += [f"    {_position_line(p)}" for p in positions]
    if record.agreements:
        out += ["", "Agreements"]
        for g in record.agreements:
            head, *states = _agreement_lines(g)
            out += [f"  {head}", *(f"      {line}" for line in states)]
    if record.ruptures:
        out += ["", "Relations: ruptures and restorations"]
        out += [f"  {_rupture_line(r)}" for r in record.ruptures]
    out.append("")
    return "\n".join(out)
