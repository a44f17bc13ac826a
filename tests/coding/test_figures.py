"""Force in a figure of speech: a force word whose classifier names another domain ("a trade
war", "a war of words", "a legal battle") is conflict in that domain, or no event; without
such a classifier force stays force (coding/figures.py, policy.yaml force.figures).

Generated: force words x classifiers x the verbs that carry them, each coded through the
whole pipeline; our own sentences.
"""

from __future__ import annotations

import itertools

import pytest

from dragoman.coding.figures import figure_of

PAIRS = [("Kenya", "Uganda", "KEN", "UGA"), ("Chile", "Peru", "CHL", "PER"), ("Norway", "Sweden", "NOR", "SWE")]
# the verbs and force words the coder reads as force (checked below with military classifiers)
ACTS = [
    "{A} waged a {m} war against {B}.",
    "{A} launched a {m} offensive against {B}.",
    "{A} launched a {m} attack against {B}.",
    "{A} fought a {m} war with {B}.",
    "{A} stepped up its {m} attack against {B}.",
    "{A} began a {m} offensive against {B}.",
]
THREATS = ["{A} threatened {B} with a {m} war.", "{A} threatened {B} with a {m} attack."]
# classifier -> the root of the act, of the threat (None: no event)
FIGURES = {
    "trade": ("16", "13"),
    "tariff": ("16", "13"),
    "propaganda": ("11", "13"),
    "media": ("11", "13"),
    "legal": ("11", "13"),
    "pressure": ("17", "13"),
    "diplomatic": (None, None),
    "charm": (None, None),
    "price": (None, None),
}
LITERAL = ["military", "ground", "bloody", "full-scale"]


def _acts_of(events) -> list:
    return sorted((e.source.code, e.target.code if e.target else None, e.root) for e in events)


CASES = [
    (template, modifier, pair)
    for i, (template, modifier, pair) in enumerate(itertools.product(ACTS + THREATS, FIGURES, PAIRS))
    if i % 3 == 0 and not (modifier == "pressure" and "stepped up" in template)  # PETRARCH's own "step up pressure" is a demand
]


@pytest.mark.parametrize(("template", "modifier", "pair"), CASES, ids=[f"{t.split()[1]} {m}" for t, m, _ in CASES])
def test_a_figure_of_force_is_conflict_in_its_domain(code_text, template, modifier, pair):
    a, b, a_code, b_code = pair
    sentence = template.format(A=a, B=b, m=modifier)
    act, threat = FIGURES[modifier]
    root = threat if template in THREATS else act
    events = code_text(sentence).acts()
    assert not [e for e in events if e.root >= "18" or e.cameo.startswith("138")], sentence
    if root is not None:  # where the domain codes nothing, the dictionaries may read the words otherwise
        assert _acts_of(events) == [(a_code, b_code, root)], sentence


@pytest.mark.parametrize(("template", "modifier", "pair"), list(zip(ACTS + THREATS, itertools.cycle(LITERAL), itertools.cycle(PAIRS))))
def test_force_with_a_military_classifier_or_none_stays_force(code_text, template, modifier, pair):
    a, b, a_code, b_code = pair
    for text in (template.format(A=a, B=b, m=modifier), template.replace(" {m}", "").format(A=a, B=b)):
        codes = [(e.source.code, e.target.code if e.target else None, e.cameo) for e in code_text(text).acts()]
        assert any(src == a_code and tgt == b_code and (c[:2] >= "18" or c.startswith("138")) for src, tgt, c in codes), (text, codes)


@pytest.mark.parametrize("pair", PAIRS)
def test_the_of_phrase_and_an_adverb_classify_too(code_text, pair):
    a, b, a_code, b_code = pair
    assert _acts_of(code_text(f"{a} waged a war of words against {b}.").acts()) == [(a_code, b_code, "11")]
    assert _acts_of(code_text(f"{a} verbally attacked {b}.").acts()) == [(a_code, b_code, "11")]
    assert _acts_of(code_text(f"{a} threatened to wage a trade war against {b}.").acts()) == [(a_code, b_code, "13")]


@pytest.mark.parametrize(("pair", "modifier"), zip(PAIRS, ["trade", "tariff", "trade"]))
def test_a_threat_of_a_trade_war_is_a_threat_of_sanctions(code_text, pair, modifier):
    a, b, a_code, b_code = pair
    for text in (f"{a} threatened {b} with a {modifier} war.", f"{a} warned {b} of a {modifier} war."):
        assert [(e.source.code, e.target.code, e.cameo) for e in code_text(text).acts()] == [(a_code, b_code, "1312")], text


@pytest.mark.parametrize("pair", PAIRS)
def test_a_domain_word_on_what_force_strikes_is_no_figure(code_text, pair):
    # the force word is the verb itself; "trade" classifies the ministry, not the attack
    a, b, a_code, _ = pair
    events = code_text(f"{a} attacked {b}'s trade ministry.").acts()
    assert [e.root for e in events if e.source.code == a_code] == ["19"]


@pytest.mark.parametrize(
    ("sentence", "word", "figure"),
    [
        ("Russia waged a trade war against Georgia.", "waged", "economic"),
        ("Iran and Israel stepped up their war of words.", "stepped", "verbal"),
        ("Washington kept up a campaign of maximal pressure against Tehran.", "kept", "coercive"),
        ("Russia began a legal battle with Georgia.", "began", "legal"),
        ("Russia launched a charm offensive in Georgia.", "launched", "other"),
        ("Russia launched a military offensive against Georgia.", "launched", None),
        ("Russia attacked Georgia's trade ministry.", "attacked", None),
    ],
)
def test_which_domain_makes_the_figure(nlp, knowledge, sentence, word, figure):
    force = knowledge.policy.force
    doc = nlp(sentence)
    found = figure_of(next(t for t in doc if t.text == word), force)
    assert found is (force.figures[figure] if figure else None)
