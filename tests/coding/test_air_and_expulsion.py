"""Force from the air is CAMEO 195 whatever the verb; where it landed may be named "in",
"inside" or "across" a state; a diplomat declared persona non grata is expelled (161), however
the parser reads "persona". Sentences generated from the project's own templates."""

from __future__ import annotations

import itertools

import pytest

_PAIRS = list(itertools.permutations([("PAK", "Pakistani", "Pakistan"), ("ISR", "Israeli", "Israel"), ("TUR", "Turkish", "Turkey"),
                                      ("SYR", "Syrian", "Syria")], 2))  # fmt: skip
_AIR = ["jets", "warplanes", "military helicopters"]
_VERBS = ["struck", "hit", "attacked"]
_WHERE = ["targets inside {state}", "positions in {state}", "several camps inside {state}"]


def _air_cases():
    for (src, other), craft, verb, where in itertools.product(_PAIRS, _AIR, _VERBS, _WHERE):
        yield f"{src[1]} {craft} {verb} {where.format(state=other[2])} on Monday.", (src[0] + "MIL", "195", other[0])


@pytest.mark.parametrize(("sentence", "coded"), list(_air_cases()))
def test_force_from_the_air_is_aerial_and_lands_where_the_text_says(code_text, sentence, coded):
    events = code_text(sentence, date="2025-10-13").events
    assert [(e.source.code, e.cameo, e.target.code if e.target else None) for e in events] == [coded]


@pytest.mark.parametrize("verb", ["struck", "attacked"])
def test_force_on_the_ground_stays_force(code_text, verb):
    events = code_text(f"Pakistani troops {verb} targets inside Afghanistan.").events
    assert [(e.source.code, e.cameo, e.target.code if e.target else None) for e in events] == [("PAKMIL", "190", "AFG")]


@pytest.mark.parametrize(
    "named",
    ["two Belarusian diplomats", "the Belarusian ambassador", "two diplomats of Belarus", "a Belarusian consul"],
)
@pytest.mark.parametrize("when", ["", " on Monday"])
def test_a_diplomat_declared_persona_non_grata_is_expelled(code_text, named, when):
    events = code_text(f"Lithuania declared {named} persona non grata{when}.", date="2026-06-16").events
    assert [(e.source.code, e.cameo, e.target.country if e.target else None) for e in events] == [("LTU", "161", "BLR")]
