"""The model's matrix products through numpy's BLAS: same weights, same parses, less time.

spaCy's CPU backend (thinc's NumpyOps) multiplies matrices with the `blis`
package. On this project's machines blis reaches about 30 GFLOP/s on one core
where numpy's own OpenBLAS reaches about 95 (bench/throughput.py's `ops`
phase measures both), and the window encoder of en_core_web_sm's tok2vec and
the parser's precomputed features are mostly such products: half of parsing.

`BlasOps` is NumpyOps with one method changed, `gemm`, done by `numpy.matmul`
(into the caller's output array when it gives one). Everything else -- the
parser's own transition loop in Cython, which keeps blis for its small
per-state products, hashing, maxout, layer norm -- is thinc's. `install` puts
it on every layer of a loaded pipeline's models (not process-wide: other thinc
users in the process keep their ops). A test checks, token for token, that the
tags, heads and labels are those of the pipeline as spaCy loads it.

Threads: OpenBLAS uses every core by default. `blas_threads(n)` caps it, so
that N worker processes on N cores do not each start N threads (the process
runner caps each worker at one; a single process keeps the default).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy
from thinc.api import NumpyOps

if TYPE_CHECKING:
    from spacy.language import Language


class BlasOps(NumpyOps):  # type: ignore[misc]  # thinc's classes are untyped for mypy
    """thinc's NumpyOps with matrix products done by numpy (OpenBLAS) instead of blis."""

    name = "dragoman_blas"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def install(nlp: Language) -> Language:
    """Give every layer of the pipeline's models BlasOps (CPU pipelines only; others are left alone)."""
    ops = BlasOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return nlp


def blas_threads(n: int) -> Any:
    """Cap the BLAS threads of this process at n (threadpoolctl): for the rest of the process, or,
    used as a context manager (`with blas_threads(1):`), until the block ends."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=n, user_api="blas")
