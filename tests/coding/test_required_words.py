"""A pattern's required words (`Pattern.required`) are a necessary condition of its conditions:
the coder skips, with a set test, a pattern whose words are not in the sentence. So every pattern
that holds of a trigger must pass that test; the sentences are our own, and the bundled example."""

from __future__ import annotations

from importlib import resources

from dragoman.coding import syntax as sx
from dragoman.coding.lexicon import Pattern, PrepCond, SeqItem
from dragoman.coding.matching import Seen, pattern_holds, sentence_forms
from dragoman.coding.rules import RuleCoder

SENTENCES = [
    "The rebels laid down their arms in the north on Sunday.",
    "Iran cut off diplomatic ties with Britain after the embassy was stormed.",
    "Soldiers opened fire on protesters outside the parliament.",
    "France called for talks with the rebels and offered to host them in Paris.",
    "The two ministers signed a peace agreement with the rebel leaders.",
    "Russia pledged financial aid to Georgia and promised not to raise gas prices.",
    "The court sentenced the opposition leader to five years in prison.",
    "Japan lodged a formal protest with China over the drilling.",
    "The police cracked down on the demonstrators and arrested dozens of them.",
    "Venezuela did not rule out cutting its oil exports to the United States.",
]


def test_each_condition_names_the_words_it_needs():
    p = Pattern(
        "010",
        obj=frozenset({"aid", "swiss francs"}),
        particle=("down",),
        prep="with",
        preps=(PrepCond(frozenset({"by", "with"}), frozenset({"talks"}), (frozenset({"peace"}),)),),
        pre_seq=(SeqItem(frozenset({"not"})),),
    )
    assert sorted(map(sorted, p.required)) == sorted(
        [["with"], ["aid", "swiss"], ["down"], ["by", "with"], ["talks"], ["peace"], ["not"]]
    )
    assert Pattern("010").required == ()  # a bare verb asks nothing of the sentence
    assert Pattern("010", words=frozenset()).required == ()  # an empty set: no requirement, not "impossible"


def test_every_pattern_that_holds_passes_its_required_words(nlp, knowledge):
    coder = RuleCoder.from_knowledge(knowledge)
    example = resources.files("dragoman").joinpath("examples/us-iran-2025.txt").read_text(encoding="utf-8")
    holding = skipped = 0
    for doc in nlp.pipe(SENTENCES + example.split("\n\n")):
        for sent in doc.sents:
            forms = sentence_forms(sent)
            for tok in sent:
                entry = coder.lexicon.entry("verbs", tok.lemma_.lower()) if tok.pos_ in ("VERB", "AUX") else None
                if entry is None:
                    continue
                verb = sx.clause_head(tok)
                seen = Seen(tok, verb, sx.first_object(tok), coder.grammar)
                words = seen.object_words()
                for p in entry[0]:
                    passes = all(not forms.isdisjoint(needed) for needed in p.required)
                    if pattern_holds(p, seen, words, coder.valence):
                        assert passes, (sent.text, tok.text, p.origin, p.required)
                        holding += bool(p.required)
                    skipped += not passes
    # not vacuous: patterns with required words do hold here, and most others are skipped by them
    assert holding >= 10 and skipped > 1000
