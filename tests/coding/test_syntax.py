"""Noun phrases read off the parse (coding.syntax), on parses given by hand: what the parser
may produce, whatever the model of the day does with a sentence."""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.actors import resolve_span
from dragoman.coding.syntax import phrase_span

# "Peru and the Organization of American States (OEA) agree ...", parsed as a parser may: the
# bracketed short form heads the phrase, the name hangs off it
WORDS = ["Peru", "and", "the", "Organization", "of", "American", "States", "(", "OEA", ")", "agree"]
HEADS = [10, 0, 3, 8, 3, 6, 4, 8, 0, 0, 10]
DEPS = ["nsubj", "cc", "det", "nmod", "prep", "compound", "pobj", "punct", "conj", "punct", "ROOT"]
TAGS = ["NNP", "CC", "DT", "NNP", "IN", "NNP", "NNP", "-LRB-", "NNP", "-RRB-", "VBP"]
POS = ["PROPN", "CCONJ", "DET", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB"]


def _doc(nlp, heads=HEADS, deps=DEPS) -> Doc:
    return Doc(nlp.vocab, words=WORDS, heads=heads, deps=deps, tags=TAGS, pos=POS)


def test_a_bracketed_short_form_heading_the_phrase_stands_for_the_name_before_it(nlp):
    assert phrase_span(_doc(nlp)[8]).text == "the Organization of American States"


def test_the_name_before_the_bracket_resolves_by_its_own_head(nlp, knowledge):
    actor = resolve_span(phrase_span(_doc(nlp)[8]), knowledge.actors)
    assert actor is not None and actor.code == "IGOOAS"


def test_a_short_form_in_apposition_keeps_its_own_phrase(nlp):
    # "the Organization of American States (OEA)" parsed with the name as head: unchanged
    heads = [10, 0, 3, 0, 3, 6, 4, 8, 3, 8, 10]
    deps = ["nsubj", "cc", "det", "conj", "prep", "compound", "pobj", "punct", "appos", "punct", "ROOT"]
    doc = _doc(nlp, heads, deps)
    assert phrase_span(doc[8]).text == "OEA"
    assert phrase_span(doc[3]).text == "the Organization of American States"
