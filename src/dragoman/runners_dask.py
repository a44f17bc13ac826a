"""The Dask runner (`Settings(runner="dask")`, `dragoman code --engine dask`).

    Settings(runner="dask")                                  a LocalCluster of n_process workers
    Settings(runner="dask", scheduler="tcp://host:8786")     a cluster someone started

Each worker gets a `WorkerPlugin` holding the settings and the loaded
knowledge (pickled once per worker, never re-read); the first partition a
worker codes loads the spaCy model and builds the pipeline, and every later
one reuses them. The plugin is named after dragoman's version, the settings
and the knowledge fingerprint, so runs with other dictionaries can share a
cluster, and a rerun with the same ones finds the model already loaded.

Documents go to the cluster in partitions of PARTITION, with at most
IN_FLIGHT_PER_THREAD partitions per worker thread submitted and not yet
returned, so memory on both sides stays flat whatever the corpus size.
Results come back in input order, and the caller (`service.code_into`) saves
each document in its own transaction: the store is where the partitions meet.

dask and distributed are an optional extra (pip install 'dragoman[dask]'):
this module imports them, and `runners.RUNNERS` imports this module only when
a Dask run starts, saying which extra to install when they are missing.
"""

from __future__ import annotations

import hashlib
import logging
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

import distributed

from .config import Settings
from .errors import DragomanError, EngineError
from .knowledge import Knowledge
from .records import Document
from .runners import Loaded, chunks, load_pipeline
from .state import DocumentResult
from .version import __version__

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language

PARTITION = 16  # documents per task: enough to batch the parser, few enough to balance the workers
IN_FLIGHT_PER_THREAD = (
    2  # partitions submitted ahead per worker thread: one running, one waiting
)
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler
WORKERS_TIMEOUT = 60.0  # seconds to wait for a scheduler with no worker to get one


def run_dask(
    settings: Settings,
    knowledge: Knowledge,
    nlp: Language | None,
    documents: Iterable[Document],
) -> Iterator[DocumentResult]:
    """Code documents on a Dask cluster; results in input order (see the module docstring)."""
    with ExitStack() as stack:
        client = _client(stack, settings)
        plugin = PipelinePlugin(settings, knowledge)
        try:
            client.register_plugin(plugin, name=plugin.name)
        except DragomanError:
            raise
        except Exception as exc:  # noqa: BLE001 - a worker that cannot unpickle it (no dragoman there)
            raise EngineError(
                f"the Dask workers cannot load dragoman's pipeline ({_one_line(exc)}); install dragoman on every worker"
            ) from None
        yield from _stream(client, plugin.name, documents, _window(client))


def _client(stack: ExitStack, settings: Settings) -> Client:
    """A client of the scheduler the settings name, or of a LocalCluster closed with the stack."""
    if settings.scheduler is None:
        with _workers_ignore_ctrl_c():
            cluster = _local_cluster(settings)
        stack.enter_context(cluster)
        client: Client = stack.enter_context(distributed.Client(cluster))  # type: ignore[no-untyped-call]
        return client
    address = settings.scheduler
    try:
        client = stack.enter_context(
            distributed.Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        )
    except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, ValueError for a bad address
        raise EngineError(
            f"cannot reach the Dask scheduler at {address} ({_one_line(exc)})"
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except Exception:  # noqa: BLE001 - a timeout, or the scheduler gone meanwhile
        raise EngineError(
            f"the Dask scheduler at {address} has no worker after {WORKERS_TIMEOUT:g} s; start some: dask worker {address}"
        ) from None
    return client


def _local_cluster(settings: Settings) -> distributed.LocalCluster:
    return distributed.LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=settings.n_process,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,  # no dashboard, and its HTTP server on a free port (8787 may be taken)
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start the local workers with SIGINT ignored (they inherit it), so that Ctrl-C in a terminal,
    sent to the whole process group, reaches only this process, which then closes the cluster in
    order, instead of killing the workers under their nannies. Only the main thread can do this."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _window(client: Client) -> int:
    """How many partitions may be submitted and not yet returned: a few per worker thread."""
    threads = sum(
        int(w.get("nthreads", 1))
        for w in client.scheduler_info().get("workers", {}).values()
    )
    return max(2, IN_FLIGHT_PER_THREAD * threads)


def _stream(
    client: Client, plugin_name: str, documents: Iterable[Document], window: int
) -> Iterator[DocumentResult]:
    """Submit partitions ahead up to `window`, and yield the oldest's results as soon as it is done."""
    pending: deque[Future[list[DocumentResult]]] = deque()
    partitions = chunks(documents, PARTITION)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            partition = next(partitions, None)
            if partition is None:
                exhausted = True
                break
            pending.append(
                client.submit(code_partition, plugin_name, partition, pure=False)
            )
        if not pending:
            return
        future = pending.popleft()
        yield from _result(future)
        future.release()  # type: ignore[no-untyped-call]


def _result(future: Future[list[DocumentResult]]) -> list[DocumentResult]:
    try:
        return future.result()
    except DragomanError:
        raise  # bad input or a missing model on a worker: the same one line as in a local run
    except Exception as exc:  # noqa: BLE001 - a worker lost (KilledWorker), the scheduler gone
        raise EngineError(
            f"the Dask run failed: {type(exc).__name__}: {_one_line(exc)}"
        ) from None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


# ---------------------------------------------------------------- on the workers


def _plugin_name(settings: Settings, knowledge: Knowledge) -> str:
    digest = hashlib.sha256(
        f"{__version__}|{settings!r}|{knowledge.fingerprint}".encode()
    ).hexdigest()[:16]
    return f"dragoman-{digest}"


class PipelinePlugin(distributed.WorkerPlugin):
    """What a worker keeps between partitions: the settings, the knowledge, and (once loaded) the model.

    Registered once per worker, and not again while a plugin of its name is there.
    """

    idempotent = True  # a second run with the same settings and knowledge keeps the worker's loaded model

    def __init__(self, settings: Settings, knowledge: Knowledge) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self.name = _plugin_name(settings, knowledge)
        self._loaded: Loaded | None = None
        self._lock = (
            threading.Lock()
        )  # a worker with several threads codes one partition at a time

    def __getstate__(self) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "knowledge": self.knowledge,
            "name": self.name,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"], state["knowledge"])  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        """Nothing heavy here: this runs on the worker's event loop; the model loads in the first task."""

    def teardown(self, worker: Any) -> None:
        self._loaded = None

    def code(self, documents: list[Document]) -> list[DocumentResult]:
        with self._lock:
            if self._loaded is None:
                self._loaded = load_pipeline(self.settings, self.knowledge)
            return list(self._loaded.code(documents))


def code_partition(plugin_name: str, documents: list[Document]) -> list[DocumentResult]:
    """The task: code one partition with this worker's plugin."""
    plugin: PipelinePlugin = distributed.get_worker().plugins[plugin_name]  # type: ignore[assignment]
    return plugin.code(documents)
