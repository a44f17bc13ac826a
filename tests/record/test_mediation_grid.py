"""Mediation offered, accepted by one side and refused by the other, in the project's own
templates crossed (offer x acceptance x refusal x states): each story is three channel steps,
whatever words each step is told in. "Guyana agreed to the mediation" and "Venezuela refused any
mediation" name no mediator: they answer the latest one offered."""

from __future__ import annotations

import itertools

import pytest
from record_digest import digest

_MEDIATORS = [("Brazil", "BRA", "Brazilian"), ("Norway", "NOR", "Norwegian"), ("Qatar", "QAT", "Qatari")]
_SIDES = [("Guyana", "GUY"), ("Venezuela", "VEN"), ("Kenya", "KEN"), ("Somalia", "SOM")]
_OFFERS = [
    "On 3 February 2027 {m} offered to mediate between {a} and {b}.",
    "On 3 February 2027 {m} offered its good offices to {a} and {b}.",
    "On 3 February 2027 {m} proposed to act as a go-between for {a} and {b}.",
    "{m} offered on 3 February 2027 to mediate in the dispute between {a} and {b}.",
]
_ACCEPTS = [
    "{a} accepted the offer on 5 February.",
    "{a} accepted {m}'s mediation on 5 February.",
    "On 5 February {a} welcomed the {adj} offer.",
    "{a}'s government agreed to the mediation on 5 February.",
]
_REFUSALS = [
    "{b} rejected the offer on 8 February.",
    "On 8 February {b} turned down {m}'s offer.",
    "{b} refused any mediation on 8 February.",
    "{b}'s foreign ministry declined the offer on 8 February, saying the dispute was bilateral.",
]


def _stories():
    for n, (offer, accept, refuse) in enumerate(itertools.product(_OFFERS, _ACCEPTS, _REFUSALS)):
        m = _MEDIATORS[n % len(_MEDIATORS)]
        a, b = _SIDES[n % len(_SIDES)], _SIDES[(n + 1) % len(_SIDES)]
        fill = {"m": m[0], "adj": m[2], "a": a[0], "b": b[0]}
        yield " ".join(s.format(**fill) for s in (offer, accept, refuse)), (m[1], a[1], b[1])


@pytest.mark.parametrize(("text", "codes"), list(_stories()))
def test_an_offer_of_mediation_and_each_sides_answer(code_text, text, codes):
    """Each step as (date, status, what, whose country, mediator's country): a side named by its
    government ("Guyana's government") is that side."""
    mediator, accepting, refusing = codes
    steps = []
    for line in digest(code_text(text, date="2027-02-10").record)["channels"]:
        head, mediated = line.split(" | ")[:2]
        _, _, date, status, what, _, by = head.split(" ")
        steps.append((date, status, what, by[:3], mediated.removeprefix("mediator ")[:3]))
    assert steps == [
        ("2027-02-03", "proposed", "mediation", mediator, mediator),
        ("2027-02-05", "agreed", "mediation", accepting, mediator),
        ("2027-02-08", "refused", "mediation", refusing, mediator),
    ]
