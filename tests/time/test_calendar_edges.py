"""Dates at the calendar's edges (issue 9): a document dated in year 1 or 9999 with a
relative expression must not crash the date stage; what cannot be counted has no date."""

from __future__ import annotations

import pytest

from dragoman.time import DocumentClock, load_date_rules
from dragoman.time.calendar import decade_span, parse_iso

RULES = load_date_rules()
EDGE_DATES = ["0001-01-01", "0001-01", "0001", "000", "9999-12-31", "9999-12", "9999", "999"]
SENTENCES = [
    "Last year Iran warned Israel.",
    "Next year they will meet again.",
    "Iran demanded compliance within 2 months.",
    "A week earlier they had met.",
    "Two years ago the talks failed.",
    "The day before, the envoy left.",
    "In ten years the treaty ends.",
    "On Friday the ministers met.",
    "In December they met.",
    "A decade ago it fell.",
]
EXAMPLES = sorted({example for rule in RULES.rules for example in rule.examples})


@pytest.mark.parametrize("doc_date", EDGE_DATES)
def test_every_rule_example_and_relative_expression_at_the_edges(doc_date: str) -> None:
    clock = DocumentClock(RULES, doc_date, [doc_date])
    for text in SENTENCES + EXAMPLES:
        dates = clock.date_sentence(text, 0, [doc_date])
        for value in (dates.main, dates.deadline, *(e.value for e in dates.expressions)):
            if value is not None and value.date is not None:
                assert parse_iso(value.date) is not None, (doc_date, text, value)


def test_last_year_in_year_one_has_no_date_and_next_year_in_9999_neither() -> None:
    first = DocumentClock(RULES, "0001-06-01").date_sentence("Last year Iran warned Israel.", 0)
    assert [e.rule for e in first.expressions] == [] and first.main.basis == "document"
    last = DocumentClock(RULES, "9999-06-01").date_sentence("Next year Iran will meet Israel.", 0)
    assert last.expressions == () and last.main.date == "9999-06-01"
    within = DocumentClock(RULES, "9999-12-01").date_sentence("Iran demanded compliance within 2 months.", 0)
    assert within.deadline is None


def test_counting_inside_the_calendar_still_works_at_its_edges() -> None:
    dates = DocumentClock(RULES, "0002-06-01").date_sentence("Last year Iran warned Israel.", 0)
    assert (dates.main.date, dates.main.basis) == ("0001", "relative")


def test_the_first_and_last_decades_are_cut_to_the_calendar() -> None:
    assert (decade_span(1).first.isoformat(), decade_span(1).last.isoformat()) == ("0001-01-01", "0009-12-31")
    assert decade_span(9995).last.isoformat() == "9999-12-31"
    assert parse_iso("000") is not None and parse_iso("0000") is None
