"""Steps of a channel told in the project's own templates, crossed with pairs of states: each
sentence gives its step (status, mode, whose) on its day. A refusal of an offer of talks made by
the other side is two steps: the offer, then the refusal."""

from __future__ import annotations

import itertools

import pytest
from record_digest import digest

_STATES = [("Cyprus", "CYP", "Nicosia"), ("Turkey", "TUR", "Ankara"), ("Guyana", "GUY", "Georgetown"), ("Venezuela", "VEN", "Caracas")]
_TEMPLATES = [
    ("On 4 May 2026 {a} refused to hold direct talks with {b}.", ["refused direct talks by {A}"]),
    ("{a} ruled out direct talks with {b} on 4 May 2026.", ["refused direct talks by {A}"]),
    ("On 4 May 2026 {a} rejected {b}'s offer of direct talks.", ["proposed direct talks by {B}", "refused direct talks by {A}"]),
    ("On 4 May 2026 {a} proposed direct talks with {b} in {capital}.", ["proposed direct talks by {A}"]),
    ("{a} offered on 4 May 2026 to hold direct talks with {b}.", ["proposed direct talks by {A}"]),
    ("On 4 May 2026 {a} and {b} held indirect talks in Geneva.", ["held indirect talks by -"]),
    ("On 4 May 2026 {a} and {b} began proximity talks in Geneva.", ["held indirect talks by -"]),
    ("{a} and {b} met face to face in Geneva on 4 May 2026.", ["held direct talks by -"]),
    ("On 4 May 2026 {a} said it was ready to talk to {b}.", ["ready talks by {A}"]),
    ("On 4 May 2026 {a} said it would not negotiate with {b}.", ["refused talks by {A}"]),
    ("{a} broke off talks with {b} on 4 May 2026.", ["ended talks by -"]),
    ("On 4 May 2026 {a} called off the talks with {b}.", ["ended talks by -"]),
]


@pytest.mark.parametrize(("template", "steps"), _TEMPLATES)
@pytest.mark.parametrize(("a", "b"), list(itertools.permutations(_STATES, 2)))
def test_a_step_of_a_channel(code_text, template, steps, a, b):
    text = template.format(a=a[0], b=b[0], capital=a[2])
    told = [line.split(" | ")[0].split(" ", 2)[2] for line in digest(code_text(text, date="2026-05-10").record)["channels"]]
    # (a side named by its government is that side: "GOV" dropped)
    assert [s.replace("GOV", "") for s in told] == [f"2026-05-04 {s.format(A=a[1], B=b[1])}" for s in steps]
