"""Local multiprocessing: each worker loads the model and knowledge once, then codes chunks.

Results come back in input order. Everything that crosses the process
boundary is a frozen record, so this also proves the pipeline pickles.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..records import Document

if TYPE_CHECKING:
    from ..pipeline import DocumentResult

CHUNK = 8  # documents per task: small enough to balance, large enough to batch the parser

_worker: dict[str, Any] = {}  # per-process state set by the initializer (never in the parent)


def _init(settings: Settings) -> None:
    from ..nlp import load_model
    from ..pipeline import load

    _worker["settings"] = settings
    _worker["knowledge"] = load(settings)
    _worker["nlp"] = load_model(settings.model)


def _code_chunk(documents: list[Document]) -> list[DocumentResult]:
    from ..nlp import parse_documents
    from ..pipeline import code_document

    settings: Settings = _worker["settings"]
    parsed = parse_documents(_worker["nlp"], documents, batch_size=settings.batch_size)
    return [code_document(p, _worker["knowledge"]) for p in parsed]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_parallel(documents: Iterable[Document], settings: Settings) -> Iterator[DocumentResult]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(settings.n_process, initializer=_init, initargs=(settings,)) as pool:
        for results in pool.imap(_code_chunk, _chunks(documents, CHUNK)):
            yield from results
