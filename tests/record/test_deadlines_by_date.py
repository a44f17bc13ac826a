"""Deadlines and what followed them, each dated by the day the text gives (issue 18).

Our own sentences and short reports (real states, invented events). What followed a deadline is
dated by its own words ("the next morning"), counted from the day the deadline passed, also when a
"when" or "after" clause of the same sentence tells the passing.
"""

from __future__ import annotations

import pytest
from record_digest import digest

GAVE = "On 2 May Ethiopia gave Eritrea 30 days to withdraw its troops from Badme. "


def _outcome(record) -> list[tuple[str, str | None]]:
    (deadline,) = record.deadlines
    return [(o.cameo, o.date.date) for o in deadline.outcome]


@pytest.mark.parametrize(
    "told",
    [
        "The deadline passed on 1 June. The next morning, Ethiopian troops shelled Eritrean positions.",
        "The deadline passed on 1 June with no withdrawal. Ethiopian troops shelled Eritrean positions the next day.",
        "When the deadline passed on 1 June, Ethiopian troops shelled Eritrean positions the next morning.",
        "After the deadline passed on 1 June, Ethiopian troops shelled Eritrean positions the next morning.",
    ],
)
def test_what_followed_the_deadline_is_dated_by_its_own_words(code_text, told):
    record = code_text(GAVE + told, date="2026-06-10").record
    (line,) = digest(record)["deadlines"]
    assert line.startswith("t1 30 day from c1 2026-05-02 due 2026-06-01 for d1 | passed 2026-06-01 then 194 ETHMIL>ERI")
    assert _outcome(record) == [("194", "2026-06-02")]


def test_a_when_clause_dates_the_act_only_when_the_act_has_no_date_of_its_own(code_text):
    events = code_text("When the ceasefire collapsed on 3 June, Armenian troops shelled Azerbaijani positions.", date="2026-06-10").events
    assert [(e.cameo, e.date.date) for e in events if e.cameo == "194"] == [("194", "2026-06-03")]
