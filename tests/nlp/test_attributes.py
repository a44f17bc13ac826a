"""The cached attribute ruler and lemmatizer give every token what the model's own components give it."""

from __future__ import annotations

import itertools
import json

import pytest

spacy = pytest.importorskip("spacy")

from dragoman.nlp.attributes import NAME, REPLACED, install  # noqa: E402

# Every kind of pattern the ruler has: multi-token ones ("gon na", "let 's", "y' all", "c'm on",
# "ai n't", "there is"), pronouns by their label (I/you/it as subject and object), auxiliaries,
# "but" as an adverb, determiners standing alone, whitespace tokens (which the ruler relabels),
# the dialect forms it lemmatizes, and the same word in several tags.
TRICKY = [
    "I'm gonna go, y'all. Let's see: ain't it odd? There is a man; there are two, and there was a third.",
    "C'mon, he'd say he'd have gone. She's got ta leave, but they gets it and we got it.",
    "Nothin' doin', ol' man: 'em too. I'll tell you and you tell me; it saw it.",
    "Both left. All agreed that all of them had done it, but not all did.\n\n  Then    nothing.",
    "The minister did not say whether he had met them. Did they? They did. Do it!",
    "Talks were held. Being there, he was being watched; it has been done, and has been said.",
    "Iran's foreign minister said on Tuesday that the U.S. had sent a letter, which Tehran rejected.",
]


def _signature(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def models(model_name):
    name = model_name
    own = spacy.load(name, exclude=["ner"])
    cached = install(spacy.load(name, exclude=["ner"]))
    return own, cached


def test_the_cache_replaces_the_two_components(models):
    own, cached = models
    assert own.pipe_names[-2:] == list(REPLACED)
    assert cached.pipe_names == [*own.pipe_names[:-2], NAME]


def test_the_lemmatizers_word_index_is_looked_up_in_sets(models):
    # the model's index lists thousands of words per part of speech; `form in index` on a list
    # scanned them all for every candidate form (the attribute tests above check the same lemmas)
    own, cached = models
    index = cached.get_pipe(NAME).lemmatizer.lookups.get_table("lemma_index")
    shipped = own.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())
    assert {k: frozenset(v) for k, v in shipped.items()} == dict(index.items())


def test_the_matcher_runs_only_where_a_longer_pattern_may_match(models):
    own, cached = models
    component = cached.get_pipe(NAME)
    assert component.gates is not None
    plain = cached.make_doc("The minister met his counterpart in Cairo on Monday.")
    assert not component._may_match(plain)
    for text in ("I'm gonna go.", "Let's see.", "There is a man."):
        assert component._may_match(cached(text)), text
    _same(own, cached, ["The minister met his counterpart in Cairo on Monday. There was no deal."])


def _same(own, cached, texts):
    # each text twice: the second time every token comes from the cache
    for text in [*texts, *texts]:
        assert _signature(cached(text)) == _signature(own(text)), text[:80]


def test_tricky_tokens_get_the_models_own_attributes(models):
    _same(*models, TRICKY)


def test_the_example_gets_the_models_own_attributes(models):
    from dragoman import parse_text
    from dragoman.nlp import block_text, parse_pieces
    from importlib import resources

    text = (resources.files("dragoman") / "examples" / "us-iran-2025.txt").read_text(encoding="utf-8")
    document = parse_text(text, "example")
    _same(*models, [block_text(document, piece) for _, piece in parse_pieces(document)])


def test_news_gets_the_models_own_attributes(models, shared_file):
    path = shared_file("corpus", "bbc-news-2004-2005.jsonl")
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, 0, 400, 8)]  # 50 articles of every kind
    _same(*models, texts)


def test_a_pipeline_without_the_two_is_left_alone(models, model_name):
    own, _ = models
    bare = spacy.blank("en")
    assert install(bare).pipe_names == []
    keeps = spacy.load(model_name, exclude=["ner", "lemmatizer"])
    assert install(keeps).pipe_names == [n for n in own.pipe_names if n != "lemmatizer"]


def test_a_pattern_it_cannot_read_keeps_the_models_components(model_name):
    nlp = spacy.load(model_name, exclude=["ner"])
    nlp.get_pipe("attribute_ruler").add([[{"LENGTH": 3}]], {"LEMMA": "three"})  # LENGTH: not read here
    assert install(nlp).pipe_names[-2:] == list(REPLACED)
    assert nlp("The cat sat.")[1].lemma_ == "three"
