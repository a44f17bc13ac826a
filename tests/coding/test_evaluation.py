"""Evaluations: what a speaker calls another's act is criticism or praise of its owner, by the
valence VADER's lexicon gives the words (coding/evaluation.py).

Generated as the construction grid is: evaluative words (our own choice, none typed into a
list the coder reads) x constructions x pairs of actors, each coded through the whole pipeline
with the one event it must give; and the negatives: a neutral word, one's own side, a negated
report, an adjective with its own complement.
"""

from __future__ import annotations

import itertools

import pytest

from dragoman.coding.evaluation import Valence, evaluation, weigh

PAIRS = [("Kenya", "Uganda", "KEN", "UGA"), ("Chile", "Peru", "CHL", "PER"), ("Norway", "Sweden", "NOR", "SWE")]
CRITICAL = ["reckless", "short-sighted", "a grave mistake", "irresponsible", "a betrayal", "unjustified", "a disaster", "a provocation"]
PRAISING = ["a welcome step", "wise", "a positive development", "encouraging", "helpful", "a success", "brave", "generous"]
NEUTRAL = ["technical", "a first step", "complex", "unusual"]
THINGS = ["plan", "decision", "proposal", "initiative"]
# {A} speaks of {B}'s thing; every construction names the owner in its own way
CONSTRUCTIONS = {
    "reported": "{A} said {B}'s {thing} was {word}.",
    "reported, that-clause, by-phrase": "{A} said that the {thing} by {B} was {word}.",
    "reported, future": "{A} said {B}'s {thing} would be {word}.",
    "reported, seem": "{A} said {B}'s {thing} seemed {word}.",
    "call X Y": "{A} called {B}'s {thing} {word}.",
    "describe X as Y": "{A} described {B}'s {thing} as {word}.",
    "label X as Y": "{A} labelled {B}'s {thing} as {word}.",
    "call the person": "{A} called {B} {word}.",
}
CASES = [
    (name, word, root, pair, THINGS[i % len(THINGS)])
    for i, ((name, _), (word, root), pair) in enumerate(
        itertools.product(CONSTRUCTIONS.items(), [(w, "11") for w in CRITICAL] + [(w, "05") for w in PRAISING], PAIRS)
    )
    if i % 3 == 0  # every word and construction, each pair in turn: a third of the product
]


def _acts(result):
    return sorted((e.source.code, e.target.code if e.target else None, e.root) for e in result.acts())


@pytest.mark.parametrize(("construction", "word", "root", "pair", "thing"), CASES, ids=[f"{c}: {w}" for c, w, _, _, _ in CASES])
def test_an_evaluation_of_anothers_act_is_criticism_or_praise_of_its_owner(code_text, construction, word, root, pair, thing):
    a, b, a_code, b_code = pair
    sentence = CONSTRUCTIONS[construction].format(A=a, B=b, thing=thing, word=word)
    assert _acts(code_text(sentence)) == [(a_code, b_code, root)], sentence


@pytest.mark.parametrize(("word", "pair"), list(zip(NEUTRAL * 2, PAIRS * 3)))
def test_a_neutral_evaluation_is_neither(code_text, word, pair):
    a, b, *_ = pair
    for template in ("{A} said {B}'s plan was {word}.", "{A} called {B}'s plan {word}.", "{A} described {B}'s plan as {word}."):
        sentence = template.format(A=a, B=b, word=word)
        assert not [r for *_, r in _acts(code_text(sentence)) if r in ("11", "05")], sentence


@pytest.mark.parametrize(("word", "pair"), list(zip(CRITICAL[:4] + PRAISING[:4], PAIRS * 3)))
def test_an_evaluation_of_ones_own_side_is_no_act_toward_another(code_text, word, pair):
    a, b, *_ = pair
    for template in (
        "{A} said its own plan was {word}.",
        "{A} called its own decision {word}.",
        "{A} said its decision to expel {B}'s envoy was {word}.",
    ):
        sentence = template.format(A=a, B=b, word=word)
        assert not [r for *_, r in _acts(code_text(sentence)) if r in ("11", "05")], sentence


@pytest.mark.parametrize("pair", PAIRS)
def test_a_negated_predicate_turns_praise_into_criticism(code_text, pair):
    a, b, a_code, b_code = pair
    assert _acts(code_text(f"{a} said {b}'s plan was not a good idea.")) == [(a_code, b_code, "11")]


@pytest.mark.parametrize("pair", PAIRS)
def test_saying_it_is_not_bad_defends_it(code_text, pair):
    a, b, a_code, b_code = pair
    result = code_text(f"{a} said {b}'s plan was not reckless.")
    assert [(e.source.code, e.target.code, e.cameo) for e in result.acts()] == [(a_code, b_code, "052")]


@pytest.mark.parametrize("pair", PAIRS)
def test_a_negated_report_is_no_evaluation(code_text, pair):
    a, b, *_ = pair
    assert _acts(code_text(f"{a} did not say {b}'s plan was reckless.")) == []


@pytest.mark.parametrize(("pair", "sentence"), itertools.product(PAIRS, [
    "{A} said {B} was responsible for the attack.", "{A} said {B} was ready to talk.", "{A} said {B} was happy with the deal.",
    "{A} said {B} was committed to peace.",
]))  # fmt: skip
def test_an_adjective_or_participle_with_its_own_complement_is_no_evaluation(code_text, pair, sentence):
    a, b, *_ = pair
    text = sentence.format(A=a, B=b)
    assert not [r for *_, r in _acts(code_text(text)) if r == "05"], text


# ---------------------------------------------------------------- the reading itself


@pytest.fixture(scope="module")
def judge(nlp, knowledge):
    """judge(sentence, trigger word) -> (thing, predicate, polarity) or None."""

    def run(sentence: str, word: str):
        doc = nlp(sentence)
        trigger = next(t for t in doc if t.text == word)
        found = evaluation(trigger, knowledge.grammar, knowledge.valence)
        return None if found is None else (found.thing.text, found.predicate.text, found.polarity)

    return run


@pytest.mark.parametrize(
    ("sentence", "word", "want"),
    [
        ("Kenya said Uganda's plan was reckless.", "said", ("plan", "reckless", -1)),
        ("Kenya said the Ugandan proposal would prove a grave mistake.", "said", ("proposal", "mistake", -1)),
        ("Kenya said that the decision by Uganda was short-sighted.", "said", ("decision", "sighted", -1)),
        ("Kenya described Uganda's move as a welcome step.", "described", ("move", "step", 1)),
        ("Kenya called Uganda's offer dangerous.", "called", ("offer", "dangerous", -1)),
        ("Kenya said Uganda's plan was technical.", "said", ("plan", "technical", 0)),
        ("Kenya said Uganda's plan was not a good idea.", "said", ("plan", "idea", -1)),
        ("Kenya called Uganda on Monday.", "called", None),
        ("Kenya said Uganda had expelled its envoy.", "said", None),
    ],
)
def test_the_predicate_and_what_it_evaluates(judge, sentence, word, want):
    assert judge(sentence, word) == want


def test_a_modifier_strengthens_a_valenced_head_and_directs_a_neutral_one(nlp, knowledge):
    valence = Valence({"mistake": -1.4, "huge": 1.3, "welcome": 2.0}, threshold=1.0, negation=-0.74)
    doc = nlp("It was a huge mistake and a welcome step.")
    mistake, step = doc[4], doc[8]
    assert weigh(mistake, valence) == pytest.approx(-2.7 + 2.0)  # the step is coordinated with it
    assert weigh(step, valence) == pytest.approx(2.0)
    # an adverb says how much, never which way: "pretty" (VADER: +2.2, the adjective) is a degree here
    modest = nlp("It was pretty modest.")[3]
    assert weigh(modest, Valence({"pretty": 2.2}, threshold=1.0, negation=-0.74)) == 0.0


def test_the_threshold_and_the_negation_come_from_the_policy(knowledge):
    valence = knowledge.valence
    assert (valence.threshold, valence.negation) == (knowledge.policy.evaluation.threshold, knowledge.policy.evaluation.negation)
    assert valence.words["reckless"] < 0 < valence.words["welcome"] and len(valence.fingerprint) == 16
    assert [valence.polarity(x) for x in (-valence.threshold, -0.5, 0.5, valence.threshold)] == [-1, 0, 0, 1]
