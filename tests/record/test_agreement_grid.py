"""A ceasefire proposed by a third state, agreed or signed by both sides, in force, then broken
by one side, in the project's own templates crossed (proposal x agreement x entry into force x
breach, states rotated): its states, days and who, whatever words each step is told in."""

from __future__ import annotations

import itertools

import pytest

_SIDES = [("Armenia", "ARM", "Armenian"), ("Azerbaijan", "AZE", "Azerbaijani"), ("Sudan", "SDN", "Sudanese"), ("Chad", "TCD", "Chadian")]
_MEDIATORS = [("Russia", "RUS", "Moscow"), ("Turkey", "TUR", "Ankara"), ("Qatar", "QAT", "Doha")]
_PROPOSALS = [
    "On 3 April 2027 {m} proposed a ceasefire between {a} and {b}.",
    "{m} floated a truce between {a} and {b} on 3 April 2027.",
    "On 3 April 2027 {m} called for a ceasefire between {a} and {b}.",
]
_AGREEMENTS = [
    ("{a} and {b} agreed to the ceasefire on 6 April.", "agreed"),
    ("On 6 April {a} and {b} signed a truce in {capital}.", "signed"),
    ("The two sides accepted it on 6 April.", "agreed"),
    ("{a} accepted the truce on 6 April, and {b} followed the same day.", "agreed"),
]
_IN_FORCE = ["The ceasefire took effect on 7 April.", "It came into force at midnight on 7 April."]
_BREACHES = [
    "On 12 April {b}'s army violated the truce by shelling villages in {a}.",
    "The truce was broken on 12 April when {badj} troops fired on {aadj} positions.",
    "{a} accused {b} of breaching the ceasefire on 12 April.",
]


def _stories():
    for n, (proposal, (agreement, agreed), in_force, breach) in enumerate(itertools.product(_PROPOSALS, _AGREEMENTS, _IN_FORCE, _BREACHES)):
        a, b, m = _SIDES[n % 4], _SIDES[(n + 1) % 4], _MEDIATORS[n % 3]
        fill = {"a": a[0], "aadj": a[2], "b": b[0], "badj": b[2], "m": m[0], "capital": m[2]}
        text = " ".join(s.format(**fill) for s in (proposal, agreement, in_force, breach))
        yield text, (m[1], agreed, b[1], tuple(sorted((a[1], b[1]))))


@pytest.mark.parametrize(("text", "expected"), list(_stories()))
def test_a_ceasefire_proposed_agreed_in_force_and_broken(code_text, text, expected):
    mediator, agreed, breaker, sides = expected
    (agreement,) = code_text(text, date="2027-04-20").record.agreements
    assert agreement.what == "ceasefire" and tuple(sorted(p.country for p in agreement.parties)) == sides
    assert agreement.mediator is not None and agreement.mediator.country == mediator
    states = [(s.state, s.date.date, sorted({a.country for a in s.by})) for s in agreement.states]
    assert states == [
        ("proposed", "2027-04-03", [mediator]),
        (agreed, "2027-04-06", list(sides)),
        ("took_effect", "2027-04-07", states[2][2]),  # (whoever the text names, if anyone)
        ("violated", "2027-04-12", [breaker]),
    ]
