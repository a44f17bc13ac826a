"""A reporting verb of order ("told"; grammar.yaml order_verbs) with an object and a to-infinitive is a
demand on the object, combined with the ordered act, which did not happen; with a that-clause
it stays a report. Sentences generated from the project's own templates."""

from __future__ import annotations

import itertools

import pytest

_PAIRS = list(itertools.permutations([("Egypt", "EGY"), ("Ethiopia", "ETH"), ("Chile", "CHL")], 2))
_ORDERS = [
    ("{a} told {b} to withdraw its troops from the border.", "1056"),
    ("{a} told {b} on Monday to withdraw its troops from the border.", "1056"),
    ("{a} told {b} to return the seized trucks.", "1053"),
    ("{a} told {b} to free the detained engineers within ten days.", "1053"),
]


@pytest.mark.parametrize(("template", "code"), _ORDERS)
@pytest.mark.parametrize(("a", "b"), _PAIRS)
def test_an_order_is_a_demand_on_the_one_told(code_text, template, code, a, b):
    events = code_text(template.format(a=a[0], b=b[0]), date="2026-03-04").events
    asserted = [(e.source.code, e.cameo, e.target.code if e.target else None) for e in events if e.modality == "asserted"]
    assert asserted == [(a[1], code, b[1])]
    assert all(e.modality == "hypothetical" for e in events if e.source.code == b[1])  # the ordered act was not done


@pytest.mark.parametrize(("a", "b"), _PAIRS)
def test_told_with_a_that_clause_stays_a_report(code_text, a, b):
    events = code_text(f"{a[0]} told reporters that {b[0]} had withdrawn its troops.", date="2026-03-04").events
    assert not any(e.root == "10" for e in events)
