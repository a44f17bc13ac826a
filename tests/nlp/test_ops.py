"""Matrix products through numpy's BLAS leave the model's output as it was: same tags, heads, labels."""

from __future__ import annotations

import itertools
import json

import pytest

spacy = pytest.importorskip("spacy")
numpy = pytest.importorskip("numpy")

from thinc.api import NumpyOps  # noqa: E402

from dragoman.nlp import load_model  # noqa: E402
from dragoman.nlp.ops import BlasOps, blas_threads, install  # noqa: E402


@pytest.fixture(scope="module")
def models(model_name):
    name = model_name
    return spacy.load(name, exclude=["ner"]), install(spacy.load(name, exclude=["ner"]))


def _signature(doc):
    return [(t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in doc]


def test_gemm_agrees_with_thincs_own_in_every_transposition():
    rng = numpy.random.default_rng(7)
    own, blas = NumpyOps(), BlasOps()
    x, y = rng.random((37, 19), dtype="float32"), rng.random((19, 23), dtype="float32")
    cases = [(x, y, False, False), (x.T.copy(), y, True, False), (x, y.T.copy(), False, True), (x.T.copy(), y.T.copy(), True, True)]
    for a, b, t1, t2 in cases:
        want = own.gemm(a, b, trans1=t1, trans2=t2)
        got = blas.gemm(a, b, trans1=t1, trans2=t2)
        assert got.shape == (37, 23)
        numpy.testing.assert_allclose(got, want, rtol=1e-5)
        out = numpy.zeros((37, 23), dtype="float32")
        assert blas.gemm(a, b, out=out, trans1=t1, trans2=t2) is out
        numpy.testing.assert_allclose(out, want, rtol=1e-5)


def _layers(nlp):
    return [node for _, pipe in nlp.pipeline if getattr(pipe, "model", None) is not None for node in pipe.model.walk()]


def test_every_layer_of_the_loaded_models_gets_blas_ops(models):
    own, fast = models
    assert len(_layers(fast)) > 20 and all(isinstance(node.ops, BlasOps) for node in _layers(fast))
    # the other pipeline (loaded the same way, not installed) keeps thinc's ops: nothing process-wide
    assert _layers(own) and all(type(node.ops) is NumpyOps for node in _layers(own))
    assert all(isinstance(node.ops, BlasOps) for node in _layers(load_model()))


def test_news_parses_as_the_model_parses_it(models, shared_file):
    own, fast = models
    path = shared_file("corpus", "bbc-news-2004-2005.jsonl")
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, 0, 800, 8)]  # 100 articles of every kind
    for mine, theirs in zip(fast.pipe(texts, batch_size=16), own.pipe(texts, batch_size=16), strict=True):
        assert _signature(mine) == _signature(theirs), mine.text[:80]


def test_one_blas_thread_parses_the_same(models):
    own, fast = models
    text = "The envoy said on Monday that Oman had passed the letter to Tehran, which rejected its demands."
    with blas_threads(1):  # undone after the block: the rest of the session keeps its threads
        assert _signature(fast(text)) == _signature(own(text))
