"""How a stream of documents is run through a pipeline: runners by name (`Settings.runner`).

    serial      parse and code in this process (the default with one process)
    processes   a pool of worker processes (the default with --n-process > 1):
                each worker gets the settings and the loaded knowledge once
                (pickled, never re-read), loads the spaCy model once, then
                parses and codes chunks of documents; results come back in
                input order

A runner is a function `(settings, knowledge, nlp, documents) -> results`;
`nlp` is the parent's loaded model (None when the runner loads its own). A
distributed engine is one more entry in RUNNERS.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .coding.coders import make_coder
from .config import Settings
from .errors import UsageError
from .knowledge import Knowledge
from .nlp import load_model, parse_documents
from .pipeline import Pipeline
from .records import Document
from .stages import default_stages
from .state import DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language

CHUNK = 8  # documents per worker task: small enough to balance, large enough to batch the parser

Runner = Callable[[Settings, Knowledge, "Language | None", Iterable[Document]], Iterator[DocumentResult]]


@dataclass(frozen=True, slots=True)
class RunnerSpec:
    run: Runner
    needs_model: bool  # whether the caller should load the spaCy model for it in this process


def build_pipeline(settings: Settings, knowledge: Knowledge) -> Pipeline:
    """The default stages around the coder the settings name."""
    return Pipeline(knowledge, default_stages(knowledge, make_coder(settings.coder, knowledge)))


def run_serial(
    settings: Settings, knowledge: Knowledge, nlp: Language | None, documents: Iterable[Document]
) -> Iterator[DocumentResult]:
    pipeline = build_pipeline(settings, knowledge)
    model = nlp if nlp is not None else load_model(settings.model)
    for parsed in parse_documents(model, documents, batch_size=settings.batch_size):
        yield pipeline.code(parsed)


# ---------------------------------------------------------------- worker processes


@dataclass(slots=True)
class _Worker:
    pipeline: Pipeline
    nlp: Language
    batch_size: int


_worker: list[_Worker] = []  # set once in each worker process by _init; the parent never touches it


def _init(settings: Settings, knowledge: Knowledge) -> None:
    _worker.append(_Worker(build_pipeline(settings, knowledge), load_model(settings.model), settings.batch_size))


def _code_chunk(documents: list[Document]) -> list[DocumentResult]:
    worker = _worker[0]
    return [worker.pipeline.code(p) for p in parse_documents(worker.nlp, documents, batch_size=worker.batch_size)]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_processes(
    settings: Settings, knowledge: Knowledge, nlp: Language | None, documents: Iterable[Document]
) -> Iterator[DocumentResult]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(settings.n_process, initializer=_init, initargs=(settings, knowledge)) as pool:
        for results in pool.imap(_code_chunk, _chunks(documents, CHUNK)):
            yield from results


RUNNERS: Mapping[str, RunnerSpec] = {
    "serial": RunnerSpec(run_serial, needs_model=True),
    "processes": RunnerSpec(run_processes, needs_model=False),
}


def runner(name: str) -> RunnerSpec:
    try:
        return RUNNERS[name]
    except KeyError:
        raise UsageError(f"no runner named {name!r}; known runners: {', '.join(sorted(RUNNERS))}") from None
