"""A diplomatic mission closed or reopened, or a diplomat withdrawn, is an act toward the state
the mission is in or accredited to, or toward the owner of another's mission; never toward the
source's own government, which "its embassy" names. Sentences generated from the project's own
templates (verbs x how the mission is named x pairs of states)."""

from __future__ import annotations

import itertools

import pytest

_STATES = [("POL", "Poland", "Polish", "Warsaw"), ("BLR", "Belarus", "Belarusian", "Minsk"), ("KEN", "Kenya", "Kenyan", "Nairobi")]
_ACTS = [("closed", "161"), ("shut", "161"), ("reopened", "054")]
_FORMS = ["its embassy in {capital}", "its embassy in {state}", "the {adjective} embassy in {home}", "its consulate in {capital}"]


def _cases():
    for (src, other), (verb, code), form in itertools.product(itertools.permutations(_STATES, 2), _ACTS, _FORMS):
        obj = form.format(capital=other[3], state=other[1], adjective=other[2], home=src[3])
        yield f"{src[1]} {verb} {obj} on Monday.", (src[0], code, other[0])


@pytest.mark.parametrize(("sentence", "coded"), list(_cases()))
def test_a_mission_act_is_toward_the_host_or_the_owner(code_text, sentence, coded):
    events = code_text(sentence, date="2026-06-03").events
    assert [(e.source.code, e.cameo, e.target.country if e.target else None) for e in events] == [coded]


@pytest.mark.parametrize(("src", "other"), list(itertools.permutations(_STATES, 2)))
def test_a_withdrawn_ambassador_is_withdrawn_from_the_host(code_text, src, other):
    events = code_text(f"{src[1]} withdrew its ambassador to {other[1]}.").events
    assert [(e.source.code, e.cameo, e.target.country if e.target else None) for e in events] == [(src[0], "161", other[0])]
