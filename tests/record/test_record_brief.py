"""The brief: a record as text and as markdown, exactly."""

from __future__ import annotations

import pytest

from dragoman.record import Channel, ChannelStep, CommState, Communication, Deadline, EventRef, Evidence, Item, Position, Record
from dragoman.record.brief import brief
from dragoman.records import Actor, Attribution, Citation, DateValue

A = Actor(text="Arnor", name="Arnor", code="ARN", country="ARN")
B = Actor(text="Gondor", name="Gondor", code="GON", country="GON")
MINISTER = Actor(text="he", name=None, code="GONGOV", country="GON", sector="GOV", basis="pronoun")
C = Actor(text="Rohan", name="Rohan", code="ROH", country="ROH")


def ev(sentence, *, keys=(), via=None, reliability=None):
    attribution = Attribution(text=via, chain=(via,)) if via else None
    return Evidence(sentence, (0, 1), "s", attribution=attribution, reliability=reliability, citations=tuple(Citation(k) for k in keys))


RECORD = Record(
    "report",
    communications=(
        Communication(
            "c1", "letter", A, B, None, DateValue("3019-03-07", "day", "explicit"),
            states=(
                CommState("sent", DateValue("3019-03-07", "day", "explicit", flag="on_or_before"), A, None, ev(0, keys=("1",))),
                CommState("not_received", DateValue("3019-03-08", "day", "explicit"), B, MINISTER, ev(2, keys=("2",))),
            ),
            content=("demanding an end to the raids",), items=("d1",), deadlines=("t1",),
        ),
    ),
    demands=(
        Item("d1", "demand", "an end to the raids", "military action", "100", A, B, "c1", DateValue("3019-03-07", "day", "communication"),
             status="rejected", positions=("p1",), deadline="t1", evidence=ev(0, via="Rohirric media", reliability="unofficial")),
    ),  # fmt: skip
    deadlines=(
        Deadline("t1", "within 2 weeks", 2, "week", DateValue("3019-03-07", "day"), DateValue("3019-03-21", "day", "relative"), "c1",
                 "d1", A, B, passed=DateValue("3019-03-21", "day"),
                 outcome=(EventRef("e1", "190", "Use conventional military force", A, B, DateValue("3019-03-22", "day"), "asserted", 5),),
                 evidence=ev(0)),
    ),  # fmt: skip
    channels=(
        Channel("ARN-GON", (A, B), steps=(
            ChannelStep("s1", DateValue("3019-03-09", "day"), "refused", "talks", "direct", B, condition="under threat", evidence=(ev(3),)),
            ChannelStep("s2", DateValue("3019-04-01", "day"), "held", "talks", "indirect", None, participants=(A, B), mediator=C,
                        venue="Edoras", first_since="since the 2990s", evidence=(ev(6), ev(7))),
        )),
    ),  # fmt: skip
    positions=(Position("p1", B, "the demands", "rejects", DateValue("3019-03-09", "day"), items=("d1",), communication="c1", evidence=ev(3)),),
)

MARKDOWN = """\
## The diplomatic record: A report

### Communications

**c1. Letter from Arnor (ARN) to Gondor (GON), 3019-03-07**
- by 3019-03-07: sent by Arnor (ARN) — s0; [1]
- 3019-03-08: not received (Gondor (GON)), says GONGOV — s2; [2]
- says: “demanding an end to the raids”
- carries 1 item: d1
- deadlines: t1

### Demands, offers and threats

| # | date | kind | item | topic | CAMEO | from → to | in | status | sourcing |
|---|---|---|---|---|---|---|---|---|---|
| d1 | 3019-03-07 | demand | an end to the raids | military action | 100 | Arnor (ARN) → Gondor (GON) | c1 | rejected (p1) | unofficial; according to Rohirric media; s0 |

### Deadlines

- t1. “within 2 weeks” (2 weeks), from c1 3019-03-07: due 3019-03-21; for d1; set by Arnor (ARN) for Gondor (GON); passed 3019-03-21; then: Arnor (ARN) 190 Use conventional military force Gondor (GON) (3019-03-22) — s0

### Channels

#### Arnor (ARN) – Gondor (GON)

| # | date | step | by | mediator | venue | notes | sourcing |
|---|---|---|---|---|---|---|---|
| s1 | 3019-03-09 | refused: direct talks | Gondor (GON) | - | - | condition: under threat | s3 |
| s2 | 3019-04-01 | held: indirect talks | - | Rohan (ROH) | Edoras | between Arnor (ARN), Gondor (GON); first indirect since the 2990s | s6, s7 |

### Positions

#### Gondor (GON)

- p1. 3019-03-09: rejects the demands — Gondor (GON); on d1; c1; s3
"""

TEXT = """\
The diplomatic record: A report
===============================

Communications
  c1. Letter from Arnor (ARN) to Gondor (GON), 3019-03-07
      by 3019-03-07: sent by Arnor (ARN) — s0; [1]
      3019-03-08: not received (Gondor (GON)), says GONGOV — s2; [2]
      says: “demanding an end to the raids”
      carries 1 item: d1
      deadlines: t1

Demands, offers and threats
  d1. 3019-03-07 demand: an end to the raids
      Arnor (ARN) → Gondor (GON); topic military action; CAMEO 100; in c1; status rejected (p1)
      unofficial; according to Rohirric media; s0

Deadlines
  t1. “within 2 weeks” (2 weeks), from c1 3019-03-07: due 3019-03-21; for d1; set by Arnor (ARN) for Gondor (GON); passed 3019-03-21; then: Arnor (ARN) 190 Use conventional military force Gondor (GON) (3019-03-22) — s0

Channels
  Arnor (ARN) – Gondor (GON)
    s1. 3019-03-09 refused: direct talks (by Gondor (GON); condition: under threat)
        s3
    s2. 3019-04-01 held: indirect talks (mediator Rohan (ROH); venue Edoras; between Arnor (ARN), Gondor (GON); first indirect since the 2990s)
        s6, s7

Positions
  Gondor (GON)
    p1. 3019-03-09: rejects the demands — Gondor (GON); on d1; c1; s3
"""


def test_the_brief_in_markdown():
    assert brief(RECORD, "markdown", title="A report") == MARKDOWN


def test_the_brief_in_text():
    assert brief(RECORD, "text", title="A report") == TEXT


def test_an_empty_record_says_so_and_an_unknown_format_is_refused():
    assert brief(Record("x"), "text") == (
        "The diplomatic record: x\n========================\n"
        "Nothing in this report is a communication, a demand, a deadline, talks, a position, an agreement or a rupture.\n"
    )
    with pytest.raises(ValueError, match="no brief format 'html'"):
        brief(RECORD, "html")
