"""The Dask runner codes exactly what the local run codes, on a LocalCluster of two worker processes.

One cluster serves the module (its scheduler address is given to the runner,
as a user's `--scheduler` would be); the command-line test starts its own
LocalCluster, as `--engine dask` without an address does. The corpus is the
bundled example and ten BBC politics articles (skipped, saying why, without
../shared).
"""

from __future__ import annotations

import json
import sys
import time
from collections import deque
from pathlib import Path

import pytest

import dragoman
from dragoman import Settings
from dragoman.errors import EngineError, UsageError
from dragoman.runners import RUNNERS
from dragoman.store import open_store

distributed = pytest.importorskip(
    "distributed",
    reason="the dask extra is not installed (pip install 'dragoman[dask]')",
)

EXAMPLE = Path(dragoman.__file__).parent / "examples" / "us-iran-2025.txt"
BBC_ARTICLES = 10


@pytest.fixture(scope="module")
def cluster():
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(shared_file, tmp_path_factory) -> Path:
    """The example and ten BBC politics articles, as one JSONL corpus."""
    bbc = shared_file("corpus", "bbc-news-2004-2005.jsonl")
    lines = [
        json.dumps({"id": "us-iran-2025", "text": EXAMPLE.read_text(encoding="utf-8")})
    ]
    with open(bbc, encoding="utf-8") as src:
        for line in src:
            if len(lines) > BBC_ARTICLES:
                break
            if json.loads(line)["category"] == "politics":
                lines.append(line.strip())
    path = tmp_path_factory.mktemp("dask") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _events(results) -> list[dict]:
    return [event.to_dict() for result in results for event in result.events]


def test_the_dask_runner_codes_the_same_events_as_the_local_run(
    loaded, cluster, corpus
) -> None:
    documents = list(loaded.read(corpus))
    assert len(documents) == BBC_ARTICLES + 1
    local = list(loaded.pipe(documents))
    on_dask = dragoman.Dragoman(
        Settings(runner="dask", scheduler=cluster.scheduler_address), loaded.knowledge
    )
    remote = list(on_dask.pipe(documents))
    assert [r.document.doc_id for r in remote] == [
        d.doc_id for d in documents
    ]  # input order
    assert _events(remote) == _events(local)
    assert len(_events(local)) > 20 and any(
        r.acts() != r.events for r in local
    )  # non-events compared too
    assert [r.sentences for r in remote] == [r.sentences for r in local]


def test_a_worker_loads_the_pipeline_once_for_every_partition(
    loaded, cluster, corpus
) -> None:
    from dragoman.runners_dask import PipelinePlugin

    settings = Settings(runner="dask", scheduler=cluster.scheduler_address)
    on_dask = dragoman.Dragoman(settings, loaded.knowledge)
    list(on_dask.pipe(loaded.read(corpus)))
    name = PipelinePlugin(settings, loaded.knowledge).name
    with distributed.Client(cluster.scheduler_address) as client:

        def loaded_models(dask_worker) -> int:
            plugin = dask_worker.plugins[name]
            return id(plugin._loaded) if plugin._loaded else 0  # the same object: nothing reloaded

        first = client.run(loaded_models)
        list(on_dask.pipe(loaded.read(corpus)))  # a second run finds the model loaded
        assert client.run(loaded_models) == first and all(first.values())


def test_code_with_the_dask_engine_stores_what_a_serial_run_stores(
    cli, corpus, tmp_path
) -> None:
    serial, dask = tmp_path / "serial.db", tmp_path / "dask.db"
    assert cli("code", corpus, "--db", serial, "-q")[0] == 0
    code, out, err = cli(
        "code", corpus, "--db", dask, "--engine", "dask", "--n-process", "2"
    )
    assert (
        code == 0
        and out == ""
        and err.startswith(f"dragoman: coded {BBC_ARTICLES + 1} documents")
    ), err
    with (
        open_store(str(serial), read_only=True) as one,
        open_store(str(dask), read_only=True) as two,
    ):
        ids = [d.doc_id for d in one.documents().items]
        assert (
            ids == [d.doc_id for d in two.documents().items]
            and len(ids) == BBC_ARTICLES + 1
        )
        assert [one.document(i) for i in ids] == [
            two.document(i) for i in ids
        ]  # documents, sentences, events


def test_an_unreachable_scheduler_is_one_line_soon(cli, corpus, monkeypatch) -> None:
    from dragoman import runners_dask

    monkeypatch.setattr(runners_dask, "CONNECT_TIMEOUT", 2.0)
    started = time.monotonic()
    code, out, err = cli(
        "code", corpus, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "-q"
    )
    assert code == 1 and out == ""
    assert (
        err.count("\n") == 1
        and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    ), err
    assert time.monotonic() - started < 60


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(cli, corpus) -> None:
    with pytest.raises(SystemExit) as stop:
        cli("code", corpus, "--scheduler", "tcp://127.0.0.1:8786")
    assert stop.value.code == 2
    with pytest.raises(UsageError, match="dask runner"):
        Settings(scheduler="tcp://127.0.0.1:8786")


def test_without_the_extra_the_dask_engine_names_it(loaded, monkeypatch) -> None:
    monkeypatch.setitem(
        sys.modules, "distributed", None
    )  # import distributed raises ImportError
    monkeypatch.delitem(sys.modules, "dragoman.runners_dask", raising=False)
    on_dask = dragoman.Dragoman(Settings(runner="dask"), loaded.knowledge)
    with pytest.raises(UsageError, match=r"pip install 'dragoman\[dask\]'"):
        list(on_dask.pipe(["Russia threatened Poland."]))


def test_the_command_line_engines_are_the_runners() -> None:
    from dragoman.cli import ENGINES

    assert sorted(ENGINES) == sorted(RUNNERS)


class _Future:
    def __init__(self, client, value) -> None:
        self.client, self.value = client, value

    def result(self):
        self.client.outstanding -= 1
        return self.value

    def release(self) -> None:
        pass


class _Client:
    """Counts the partitions submitted and not yet collected."""

    def __init__(self) -> None:
        self.outstanding = self.most = 0

    def submit(self, function, name, partition, pure):
        self.outstanding += 1
        self.most = max(self.most, self.outstanding)
        return _Future(self, [f"coded {d}" for d in partition])


def test_partitions_in_flight_stay_within_the_window() -> None:
    from dragoman.runners_dask import PARTITION, _stream

    client = _Client()
    documents = iter(range(PARTITION * 50 + 3))
    stream = _stream(client, "plugin", documents, window=4)
    results = deque()
    for result in stream:
        results.append(result)
    assert list(results) == [f"coded {i}" for i in range(PARTITION * 50 + 3)]
    assert client.most == 4


def test_a_failed_partition_is_one_dragoman_error() -> None:
    from dragoman.runners_dask import _result

    class Broken:
        def result(self):
            raise RuntimeError("worker tcp://10.0.0.7:4242 lost\nmore detail")

    with pytest.raises(
        EngineError,
        match=r"^the Dask run failed: RuntimeError: worker tcp://10.0.0.7:4242 lost$",
    ):
        _result(Broken())
