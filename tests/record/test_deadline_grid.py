"""A deadline set, perhaps given more time, then passed (and what followed) or met, in the
project's own templates crossed (setting x extension x outcome, states rotated). The digest's
deadline line carries the due day, the day it was extended to, and how it ended."""

from __future__ import annotations

import itertools

import pytest
from record_digest import digest

_STATES = [("Egypt", "EGY", "Cairo"), ("Ethiopia", "ETH", "Addis Ababa"), ("Chile", "CHL", "Santiago"), ("Peru", "PER", "Lima")]
_SETS = [
    "On 2 March 2026 {a} gave {b} ten days to withdraw its troops from the border.",
    "On 2 March 2026 {a} demanded that {b} withdraw its troops from the border by 12 March.",
    "On 2 March 2026 {a} set {b} a deadline of 12 March to withdraw its troops.",
    "{a} issued an ultimatum to {b} on 2 March 2026: withdraw its troops within ten days.",
    "{a} told {b} on 2 March 2026 to pull its troops back from the border within ten days.",
]
_EXTENSIONS = [
    "On 11 March {a} extended the deadline to 19 March.",
    "The deadline was pushed back to 19 March on 11 March.",
    "On 11 March {a} gave {b} another week.",
    "",
]
_OUTCOMES = [
    ("The deadline passed on 19 March.", "passed 2026-03-19 then -"),
    ("It expired on 19 March without a withdrawal.", "passed 2026-03-19 then -"),
    ("When the deadline lapsed on 19 March, {a} recalled its ambassador from {b}.", "passed 2026-03-19 then 161 {A}>{B}"),
    ("The deadline ran out on 19 March. The next day {a} closed its embassy in {capital}.", "passed 2026-03-19 then 161 {A}>{B}GOV"),
    ("{b} met the deadline, withdrawing its troops on 18 March.", "not passed | met 2026-03-18 {B}"),
]


def _stories():
    for n, (setting, extension, (outcome, ended)) in enumerate(itertools.product(_SETS, _EXTENSIONS, _OUTCOMES)):
        a, b = _STATES[n % 4], _STATES[(n + 1) % 4]
        fill = {"a": a[0], "b": b[0], "capital": b[2], "A": a[1], "B": b[1]}
        text = " ".join(s.format(**fill) for s in (setting, extension, outcome) if s)
        tail = ended.format(**fill) + (" | extended 2026-03-19" if extension else "")
        if extension and ended.startswith("not passed"):
            tail = "not passed | extended 2026-03-19 | " + ended.format(**fill).split(" | ")[1]
        yield text, tail


@pytest.mark.parametrize(("text", "ending"), list(_stories()))
def test_a_deadline_set_extended_and_ended(code_text, text, ending):
    (line,) = digest(code_text(text, date="2026-03-25").record)["deadlines"]
    due, ended = line.split(" | ", 1)
    assert due.split(" due ")[1].startswith("2026-03-12 for d1")
    assert ended == ending
