"""A deadline met (record.yaml deadlines.met_verbs): what it asked was done in time. Our own sentences."""

from __future__ import annotations

import pytest
from record_digest import digest

SET = "On 2 May 2026 Lithuania gave Belarus 30 days to take back the migrants. "
DUE = "t1 30 day from c1 2026-05-02 due 2026-06-01 for d1 | not passed"


@pytest.mark.parametrize("told", [
    "Belarus met the deadline on 28 May.",
    "On 28 May Belarus complied with the ultimatum.",
    "Minsk honoured the demand on 28 May.",
])
def test_a_deadline_met(code_text, told):
    (line,) = digest(code_text(SET + told).record)["deadlines"]
    assert line.startswith(DUE + " | met 2026-05-28 BLR")


@pytest.mark.parametrize("told", [
    "Belarus failed to meet the deadline.",
    "Belarus did not comply with the ultimatum.",
    "If Belarus meets the deadline, the border will reopen.",
    "Belarus will comply with the demand, its foreign minister said on 28 May.",
])
def test_no_deadline_met(code_text, told):
    (line,) = digest(code_text(SET + told).record)["deadlines"]
    assert "met" not in line.split(DUE)[1]
