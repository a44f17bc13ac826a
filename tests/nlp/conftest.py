"""Fixtures of the model-level tests: which installed spaCy model they compare against."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def model_name():
    """The first installed model of DEFAULT_MODELS (loaded with nothing but its tokenizer, to see
    that it is there); the tests skip, with the reason, when none is."""
    spacy = pytest.importorskip("spacy")
    from dragoman.config import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            spacy.load(name, exclude=["ner", "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
            return name
        except OSError:
            continue
    pytest.skip(f"no spaCy model installed ({' or '.join(DEFAULT_MODELS)})")
