"""PETRARCH2's transformations ("~" lines of a user's verb dictionary): what an act said or
wanted of another becomes. Our own small dictionary, in PETRARCH's format."""

from __future__ import annotations

import pytest

import dragoman
from dragoman.coding.transformations import VerbClass, read_transformation

DICTIONARY = """\
--- SAY [010] ---
SAY {SAYS SAID SAYING}
STATE
--- ATTACK [190] ---
ATTACK
SHELL
--- MEET [040] ---
MEET {MEETS MET MEETING}
--- WANT [030] ---
WANT
--- ATTEMPT [---] ---
ATTEMPT
TRY
--- ASSASSINATE [186] ---
ASSASSINATE

~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK) SAY = a b 112
~ a (a b Q) SAY = a b Q
~ a (_ b ATTACK) WANT = a b 138
~ a (_ b ASSASSINATE) ATTEMPT = a b 185
"""


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    path = tmp_path_factory.mktemp("verbs") / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    nlp = dragoman.load(dragoman.Settings(verb_files=(str(path),)))

    def run(text):
        return sorted((e.source.code, e.cameo, e.target.code if e.target else None) for e in nlp(text, date="2024-05-01").acts())

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a says b attacked: a accuses b (whatever b attacked)
        ("Kenya said Uganda attacked Tanzania.", [("KEN", "112", "UGA")]),
        ("Chile said that Peru had shelled Bolivia.", [("CHL", "112", "PER")]),
        # a says a attacked b: a claims it
        ("Kenya said it attacked Uganda.", [("KEN", "015", "UGA")]),
        # a says a did anything else to b: that act itself
        ("Kenya said it met Uganda.", [("KEN", "040", "UGA")]),
        # a wants to attack b: a threat of force
        ("Kenya wants to attack Uganda.", [("KEN", "138", "UGA")]),
        # an upper verb without a code of its own is matched by its block's words
        ("Kenya tried to assassinate the Ugandan president.", [("KEN", "185", "UGAGOV")]),
    ],
)
def test_transformations_rewrite_what_they_govern(coded, text, expected):
    assert coded(text) == expected


def test_an_act_nobody_says_is_left_alone(coded):
    assert coded("Uganda attacked Tanzania.") == [("UGA", "190", "TZA")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("~ a (b . ATTACK) SAY a b 112", "must read"),
        ("~ a (b . BOMBARD) SAY = a b 112", "BOMBARD is in no verb block"),
        ("~ a (b . ATTACK) SAY = a c 112", "does not bind"),
        ("~ a (b . ATTACK) SAY = a b X12", "not a CAMEO code"),
    ],
)
def test_a_line_that_cannot_be_read_says_why(line, reason):
    verbs = {"SAY": VerbClass("010"), "ATTACK": VerbClass("190")}
    found = read_transformation(line, verbs)
    assert isinstance(found, str) and reason in found


def test_the_built_in_layer_reads_no_transformation(knowledge):
    assert knowledge.lexicon.transformations == ()
