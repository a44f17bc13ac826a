"""How a stream of documents is run through a pipeline: runners by name (`Settings.runner`).

    serial      parse and code in this process (the default with one process)
    processes   a pool of worker processes (the default with --n-process > 1):
                each worker gets the settings and the loaded knowledge once
                (on Linux it is forked and inherits them, nothing pickled;
                elsewhere it is spawned and they are pickled to it, never
                re-read), loads the spaCy model once (or inherits the parent's),
                then parses and codes chunks of documents, each chunk about one
                parser batch; results come back in input order. A worker that
                dies (the out-of-memory killer, kill -9) ends the run with an
                EngineError, never a hang; workers die with the parent, even
                under kill -9, and leave Ctrl-C and SIGTERM to it
    dask        the same on a Dask cluster (runners_dask.py): a LocalCluster of
                n_process workers, or the scheduler at Settings.scheduler;
                needs the dask extra, imported only when such a run starts

A runner is a function `(settings, knowledge, nlp, documents) -> results`;
`nlp` is the parent's loaded model (None when the runner loads its own).
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .coding.coders import make_coder
from .config import Settings
from .errors import DragomanError, EngineError, UsageError
from .knowledge import Knowledge
from .nlp import Select, load_model, parse_documents
from .nlp.pieces import BATCH_CHARS
from .pipeline import Pipeline
from .prefilter import selector
from .records import Document
from .stages import default_stages
from .state import DocumentResult

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from spacy.language import Language

# A worker task is one parser batch (Settings.batch_size documents, BATCH_CHARS characters at most):
# fewer documents per batch parse slower (8 BBC articles a batch: some 15% slower than 20 or more)
IN_FLIGHT_PER_PROCESS = 3  # chunks submitted ahead per worker: one running, the next ones waiting

Runner = Callable[
    [Settings, Knowledge, "Language | None", Iterable[Document]],
    Iterator[DocumentResult],
]


@dataclass(frozen=True, slots=True)
class RunnerSpec:
    run: Runner
    needs_model: (
        bool  # whether the caller should load the spaCy model for it in this process
    )


def build_pipeline(settings: Settings, knowledge: Knowledge) -> Pipeline:
    """The default stages around the coder the settings name."""
    return Pipeline(
        knowledge, default_stages(knowledge, make_coder(settings.coder, knowledge))
    )


@dataclass(slots=True)
class Loaded:
    """A pipeline with its model and pre-filter, loaded once (in the parent, or once per worker)."""

    pipeline: Pipeline
    nlp: Language
    select: Select | None  # the pre-filter (Settings.prefilter), built for this knowledge and model
    batch_size: int

    def code(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Parse (what the pre-filter keeps) and code documents, in order, streaming."""
        for parsed in parse_documents(self.nlp, documents, batch_size=self.batch_size, select=self.select):
            yield self.pipeline.code(parsed)


def load_pipeline(settings: Settings, knowledge: Knowledge, nlp: Language | None = None) -> Loaded:
    """The pipeline the settings name, the model (loaded unless given) and the pre-filter."""
    model = nlp if nlp is not None else load_model(settings.model)
    select = selector(knowledge, model) if settings.prefilter else None
    return Loaded(build_pipeline(settings, knowledge), model, select, settings.batch_size)


def run_serial(
    settings: Settings,
    knowledge: Knowledge,
    nlp: Language | None,
    documents: Iterable[Document],
) -> Iterator[DocumentResult]:
    yield from load_pipeline(settings, knowledge, nlp).code(documents)


# ---------------------------------------------------------------- worker processes


_worker: list[Loaded] = []  # set once in each worker process by _init; the parent never touches it
_failed: list[DragomanError] = []  # or why it could not be


def _init(settings: Settings, knowledge: Knowledge, nlp: Language | None, parent: int) -> None:
    from .nlp.ops import blas_threads  # imports thinc: only workers need it

    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork: a SIGTERM ends a worker quietly
    blas_threads(1)  # n_process workers share the cores: one BLAS thread each, not one per core each
    try:
        _worker.append(load_pipeline(settings, knowledge, nlp))
    except DragomanError as exc:  # a missing model: said by the first chunk, as one line, not as a broken pool
        _failed.append(exc)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """End this worker when the parent process ends, even by kill -9 (which leaves it no
    time to stop its workers): on Linux the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG),
    elsewhere a thread looks for the parent twice a second."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the call
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), name="dragoman-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _code_chunk(documents: list[Document]) -> list[DocumentResult]:
    if _failed:
        raise _failed[0]
    return list(_worker[0].code(documents))


def chunks(documents: Iterable[Document], size: int, max_chars: int | None = None) -> Iterator[list[Document]]:
    """Lists of at most `size` documents (the last one shorter), read from the stream as they are
    needed; with `max_chars`, a list also ends before the document that would take its text past
    that many characters (a longer document is a list by itself)."""
    chunk: list[Document] = []
    chars = 0
    for document in documents:
        length = len(document.text) if max_chars is not None else 0
        if chunk and max_chars is not None and chars + length > max_chars:
            yield chunk
            chunk, chars = [], 0
        chunk.append(document)
        chars += length
        if len(chunk) >= size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _start_method() -> str:
    """fork where it is safe and cheap (Linux: the workers inherit the knowledge and any loaded
    model instead of unpickling them, some seconds each), else spawn (macOS, Windows)."""
    return "fork" if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods() else "spawn"


def run_processes(
    settings: Settings,
    knowledge: Knowledge,
    nlp: Language | None,
    documents: Iterable[Document],
) -> Iterator[DocumentResult]:
    """Chunks submitted from this thread (so `documents` is read where it was made: a
    generator that asks the store what to skip stays on the store's thread), at most
    IN_FLIGHT_PER_PROCESS per worker ahead of the oldest, whose results are yielded first.

    concurrent.futures' pool, not multiprocessing's: a worker that dies breaks it (an
    EngineError here), where multiprocessing.Pool would start another and wait forever
    for the lost chunk. Whatever ends the run early (an error, Ctrl-C, SIGTERM, the
    caller closing this generator) stops the workers at once."""
    method = _start_method()
    window = IN_FLIGHT_PER_PROCESS * settings.n_process
    inherited = nlp if method == "fork" else None  # a spawned worker loads its own: a model is not pickled
    pool = ProcessPoolExecutor(
        settings.n_process, mp_context=mp.get_context(method), initializer=_init, initargs=(settings, knowledge, inherited, os.getpid())
    )
    workers: list[BaseProcess] = []
    try:
        pending: deque[Future[list[DocumentResult]]] = deque()
        for chunk in chunks(documents, settings.batch_size, BATCH_CHARS):
            pending.append(_submit(pool, chunk, workers))
            if len(pending) >= window:
                yield from _result(pool, pending.popleft(), workers)
        while pending:
            yield from _result(pool, pending.popleft(), workers)
    except BaseException:
        _stop(pool, workers)
        raise
    pool.shutdown(wait=True)


def _submit(pool: ProcessPoolExecutor, chunk: list[Document], workers: list[BaseProcess]) -> Future[list[DocumentResult]]:
    try:
        future = pool.submit(_code_chunk, chunk)
    except BrokenProcessPool:
        raise EngineError(_worker_died(pool, workers)) from None
    if not workers:  # started by the first submit: kept to stop them and to say how one died
        workers.extend(pool._processes.values())
    return future


def _result(pool: ProcessPoolExecutor, future: Future[list[DocumentResult]], workers: list[BaseProcess]) -> list[DocumentResult]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise EngineError(_worker_died(pool, workers)) from None


def _worker_died(pool: ProcessPoolExecutor, workers: list[BaseProcess]) -> str:
    pool.shutdown(wait=True)  # the pool's own thread stops and reaps the other workers: every exit code is known
    killed = [-code for code in (w.exitcode for w in workers) if code is not None and code < 0 and -code != signal.SIGTERM]
    how = f"was killed by {_signal_name(killed[0])}" if killed else "ended"
    return (f"a worker process {how}, perhaps by the out-of-memory killer, and the run stopped; "
            "fewer --n-process or a smaller --batch-size need less memory")  # fmt: skip


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _stop(pool: ProcessPoolExecutor, workers: list[BaseProcess]) -> None:
    """Stop the workers now (SIGTERM: they end quietly), dropping the chunks not yet coded."""
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.exitcode is None:
            worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.exitcode is None:
            worker.kill()
    pool.shutdown(wait=True)


def lazy_runner(spec: str, *, extra: str) -> Runner:
    """A runner named "package.module:function", imported when a run starts (its engine is an optional extra).

    When the module is there but something it imports is not, the run is a
    UsageError saying to install `extra`.
    """
    module_name, _, function_name = spec.partition(":")

    def run_lazily(
        settings: Settings,
        knowledge: Knowledge,
        nlp: Language | None,
        documents: Iterable[Document],
    ) -> Iterator[DocumentResult]:
        try:
            run: Runner = getattr(importlib.import_module(module_name), function_name)
        except ImportError as exc:
            if exc.name is not None and not module_name.startswith(exc.name):
                raise UsageError(
                    f"the {settings.runner_name} runner needs the {extra} extra ({exc.name} is missing): pip install 'dragoman[{extra}]'"
                ) from None
            raise
        return run(settings, knowledge, nlp, documents)

    return run_lazily


RUNNERS: Mapping[str, RunnerSpec] = {
    "serial": RunnerSpec(run_serial, needs_model=True),
    "processes": RunnerSpec(run_processes, needs_model=False),
    "dask": RunnerSpec(
        lazy_runner("dragoman.runners_dask:run_dask", extra="dask"), needs_model=False
    ),
}


def runner(name: str) -> RunnerSpec:
    try:
        return RUNNERS[name]
    except KeyError:
        raise UsageError(
            f"no runner named {name!r}; known runners: {', '.join(sorted(RUNNERS))}"
        ) from None
