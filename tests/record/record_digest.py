"""A Record as short lines, one per part of it, for exact expectations that a reader can check.

    communications  "c1 letter EGYGOV>ETHGOV 2021-02-04 | sent 2021-02-04 EGYGOV; received ... | answers - | items d1,d2 | deadlines t1"
    demands         "d1 demand c1 2021-02-04 EGYGOV>ETH water 100 open: Ethiopia stop filling the reservoir"
    deadlines       "t1 30 day from c1 2021-02-04 due 2021-03-06 for d2 | passed 2021-03-06 then 161 EGY>ETH"
    channels        "EGY-ETH s1 2021-03-01 proposed indirect talks by ETHGOV | mediator IGOAFRAFU | venue - | first - | in c2"
    positions       "p1 2021-03-01 ETHGOV rejects arbitration | on d2 | in c2"
    agreements      "a1 ceasefire ARM+AZE mediator RUS | proposed 2026-10-01 RUS; agreed 2026-10-10 ARM+AZE; violated 2026-10-14 AZE"
    ruptures        "r1 2026-03-02 expelled EST>RUS"

A deadline set by a day has no amount ("t1 - - from - ..."); an extension adds " | extended DATE",
a deadline met " | met DATE BY".

A date is shown as the brief shows it ("by 2025-03-07", "since 2025-04-12", "undated").
"""

from __future__ import annotations

from dragoman.record import Record
from dragoman.record.records import PARTS
from dragoman.record.brief import show_date
from dragoman.records import Actor


def code(actor: Actor | None) -> str:
    return (actor.code or "?") if actor is not None else "-"


def digest(record: Record) -> dict[str, list[str]]:
    comms = [
        f"{c.comm_id} {c.kind} {code(c.sender)}>{code(c.recipient)}"
        + (f" via {code(c.carrier)}" if c.carrier else "")
        + f" {show_date(c.date)} | "
        + "; ".join(f"{s.state} {show_date(s.date)} {code(s.by)}" for s in c.states)
        + f" | answers {c.answers or '-'} | items {','.join(c.items) or '-'} | deadlines {','.join(c.deadlines) or '-'}"
        for c in record.communications
    ]
    demands = [
        f"{d.item_id} {d.kind} {d.communication or '-'} {show_date(d.date)} {code(d.by)}>{code(d.of)} {d.topic or '-'} "
        f"{d.cameo or '-'} {d.status}: {d.text}"
        for d in record.demands
    ]
    deadlines = [
        f"{t.deadline_id} {t.amount if t.amount is not None else '-'} {t.unit or '-'} from {t.communication or '-'} {show_date(t.anchor)} due {show_date(t.due)} "
        f"for {t.item or '-'} | "
        + (f"passed {show_date(t.passed)} then " + (", ".join(f"{o.cameo} {code(o.source)}>{code(o.target)}" for o in t.outcome) or "-") if t.passed else "not passed")
        + "".join(f" | extended {show_date(x)}" for x in t.extended)
        + (f" | met {show_date(t.met)} {code(t.met_by)}" if t.met is not None else "")
        for t in record.deadlines
    ]
    channels = [
        f"{c.channel_id} {s.step_id} {show_date(s.date)} {s.status} {(s.mode + ' ') if s.mode else ''}{s.what} by {code(s.by)} | "
        f"mediator {code(s.mediator) if s.mediator else (s.mediator_text or '-')} | venue {s.venue or '-'} | "
        f"first {s.first_since or '-'} | in {s.communication or '-'}"
        for c in record.channels
        for s in c.steps
    ]
    positions = [
        f"{p.position_id} {show_date(p.date)} {code(p.party)} {p.stance} {p.on}"
        + (f" | if {p.condition}" if p.condition else "")
        + f" | on {','.join(p.items) or '-'} | in {p.communication or '-'}"
        for p in record.positions
    ]
    agreements = [
        f"{a.agreement_id} {a.what} {_codes(a.parties)} mediator {code(a.mediator)} | "
        + "; ".join(f"{s.state} {show_date(s.date)} {_codes(s.by)}" for s in a.states)
        for a in record.agreements
    ]
    ruptures = [f"{r.rupture_id} {show_date(r.date)} {r.act} {code(r.by)}>{code(r.toward)}" for r in record.ruptures]
    return {
        "communications": comms, "demands": demands, "deadlines": deadlines, "channels": channels, "positions": positions,
        "agreements": agreements, "ruptures": ruptures,
    }  # fmt: skip


def expected(expect: dict[str, list[str]]) -> dict[str, list[str]]:
    """A case's expectations with every part: a part it does not list is expected empty."""
    return {part: list(expect.get(part) or []) for part in PARTS}


def _codes(actors: tuple[Actor, ...]) -> str:
    return "+".join(sorted(code(a) for a in actors)) or "-"
