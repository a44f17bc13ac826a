"""Issue 19, part A: the command line and the server against a hostile surrounding.

Closed standard streams, signals to a run and its workers, a worker lost, outputs that are
devices or a store's own files, a damaged store, an in-memory store, formula-like CSV
cells, a faked X-Forwarded-For, document ids with slashes, and values of megabytes in
error messages. Each test reproduces one finding through the command line (a child
process where the finding is about the process itself) or the real server.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NEWS = "On 4 June 2023, Russia threatened Poland."
DRAGOMAN = [sys.executable, "-m", "dragoman"]
WAIT = 120.0  # seconds a child may take to reach a state the test waits for (a slow shared machine): no timing is asserted


def _run(*argv: object, shell_suffix: str = "", stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`dragoman ARGV`, in a shell when `shell_suffix` redirects its streams (`>&-`, `2>&-`)."""
    args = [str(a) for a in argv]
    if shell_suffix:
        return subprocess.run(["sh", "-c", f'exec "$@" {shell_suffix}', "sh", *DRAGOMAN, *args],
                              capture_output=True, text=True, timeout=600, input=stdin, check=False)  # fmt: skip
    return subprocess.run([*DRAGOMAN, *args], capture_output=True, text=True, timeout=600, input=stdin, check=False)


def _jsonl(path: Path, documents: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": doc_id, "text": text}) + "\n" for doc_id, text in documents.items()))
    return path


@pytest.fixture(scope="module")
def store(loaded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of two documents, coded once; tests copy it before changing it."""
    import dragoman
    from dragoman.ingest import parse_text

    db = tmp_path_factory.mktemp("round2") / "x.db"
    documents = [parse_text(NEWS, "a"), parse_text("On 5 June 2023, Iran praised Iraq.", "b"),
                 parse_text(NEWS, "=HYPERLINK(\"http://x\")")]  # fmt: skip
    with dragoman.open_store(str(db)) as opened:
        dragoman.code_into(opened, documents, loaded)
    return db


def _copy(db: Path, folder: Path) -> Path:
    copy = folder / db.name
    shutil.copyfile(db, copy)
    return copy


# ---------------------------------------------------------------- 1, 2: closed standard streams


def test_closed_stdout_is_one_line_and_exit_1(store: Path, tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "t.jsonl", {"a": NEWS})
    for argv in (["events", "--db", store, "--all"], ["code", corpus, "--format", "jsonl"]):
        done = _run(*argv, shell_suffix=">&-")
        assert (done.returncode, done.stderr) == (1, "dragoman: error: standard output is closed: redirect it (> events.txt) or give --output FILE\n")


def test_closed_stdout_does_not_stop_a_run_that_only_stores(tmp_path: Path) -> None:
    corpus, db = _jsonl(tmp_path / "t.jsonl", {"a": NEWS}), tmp_path / "y.db"
    done = _run("code", corpus, "--db", db, "-q", shell_suffix=">&-")
    assert (done.returncode, done.stderr) == (0, "")
    assert sqlite3.connect(db).execute("SELECT doc_id FROM documents").fetchall() == [("a",)]


def test_closed_stderr_still_codes_and_a_failure_still_exits_1(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "t.jsonl", {"a": NEWS})
    done = _run("code", corpus, "--format", "jsonl", shell_suffix="2>&-")
    assert done.returncode == 0
    assert [json.loads(line)["doc_id"] for line in done.stdout.splitlines()] == ["a"]
    done = _run("code", tmp_path / "missing.txt", "--format", "jsonl", shell_suffix="2>&-")
    assert (done.returncode, done.stdout) == (1, "")


# ---------------------------------------------------------------- 3: a stored row that is not UTF-8


def test_a_row_that_is_not_utf8_is_one_line_naming_it(store: Path, tmp_path: Path, cli) -> None:
    bad = _copy(store, tmp_path)
    with sqlite3.connect(bad) as conn:
        (event_id,) = conn.execute("SELECT event_id FROM events WHERE doc_id = 'a'").fetchone()
        conn.execute("UPDATE events SET record = CAST(X'7B2261223A22FF227D' AS TEXT) WHERE event_id = ?", (event_id,))
        (rowid,) = conn.execute("SELECT rowid FROM events WHERE event_id = ?", (event_id,)).fetchone()
    expected = (f"dragoman: error: {bad}: events row {rowid} (event_id '{event_id}', doc_id 'a'): column record is not valid "
                "UTF-8 text, so the store is damaged there; code document 'a' again into it (--recode), or delete that row\n")  # fmt: skip
    assert cli("events", "--db", bad, "--all") == (1, "", expected)
    assert cli("events", "--db", bad, "--all", "--format", "jsonl", "-o", tmp_path / "e.jsonl") == (1, "", expected)
    assert not (tmp_path / "e.jsonl").exists()  # no export half-written
    code, out, _ = cli("events", "--db", bad, "--doc", "b", "--format", "jsonl")  # the other rows still read
    assert code == 0 and [json.loads(line)["doc_id"] for line in out.splitlines()] == ["b"]


# ---------------------------------------------------------------- 4, 5: worker processes


def _children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not made yet
        return 0


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT:g} s for {what}"
        time.sleep(0.1)


LINES = [json.dumps({"id": f"d{i:02d}", "text": f"On 4 June 2023, Russia threatened Poland {i} times."}) + "\n" for i in range(20)]


def _two_workers(db: Path, *extra: str) -> tuple[subprocess.Popen[str], list[int]]:
    """A `--n-process 2` run fed by a pipe: 10 documents, one a chunk; returns once some are stored
    and the run waits for more (the window of chunks ahead is 6, so 4 or more are stored)."""
    run = subprocess.Popen([*DRAGOMAN, "code", "-", "--db", str(db), "--n-process", "2", "--batch-size", "1", "-q", *extra],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert run.stdin is not None
    run.stdin.write("".join(LINES[:10]))
    run.stdin.flush()
    _until(lambda: _stored(db) >= 4, "the first documents to be stored")
    workers = _children(run.pid)
    assert len(workers) == 2
    return run, workers


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_quietly_with_their_parent(tmp_path: Path, sig: signal.Signals) -> None:
    db = tmp_path / "k.db"
    run, workers = _two_workers(db, "--recode")  # --recode: no look-up batch of 256 documents waits for the pipe
    run.send_signal(sig)
    run.wait(timeout=WAIT)  # before its standard input is closed, which would end the run as well
    _, err = run.communicate(timeout=WAIT)  # stderr ends when the last process holding it (a worker) has ended
    assert (run.returncode, err) == ((143, "dragoman: terminated\n") if sig == signal.SIGTERM else (-9, ""))
    _until(lambda: not any(_alive(w) for w in workers), "the workers to end")
    with sqlite3.connect(db) as conn:  # every stored document whole
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == conn.execute(
            "SELECT count(DISTINCT doc_id) FROM events").fetchone()[0]  # fmt: skip


@linux_only
def test_a_worker_killed_ends_the_run_saying_what_was_saved_and_a_rerun_completes_it(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run, workers = _two_workers(db, "--recode")
    os.kill(workers[0], signal.SIGKILL)
    _, err = run.communicate("".join(LINES[10:]), timeout=WAIT)
    stored = _stored(db)
    assert run.returncode == 1 and 4 <= stored < 20
    assert err == (f"dragoman: error: a worker process was killed by SIGKILL, perhaps by the out-of-memory killer, and the run "
                   f"stopped; fewer --n-process or a smaller --batch-size need less memory. {stored} documents were coded and "
                   f"stored in {db} before it stopped; the same command without --recode codes the rest\n")  # fmt: skip
    done = _run("code", "-", "--db", db, "--n-process", "2", stdin="".join(LINES))
    assert done.returncode == 0
    assert done.stderr == f"dragoman: coded {20 - stored} documents, {20 - stored} events into {db}; {stored} already coded, skipped (--recode codes them again)\n"
    assert _stored(db) == 20


# ---------------------------------------------------------------- 6: outputs that are devices or a store's files


def test_plot_writes_into_a_device_or_pipe_and_never_replaces_it(store: Path, tmp_path: Path, cli) -> None:
    pytest.importorskip("matplotlib")
    link = tmp_path / "null.svg"
    link.symlink_to(os.devnull)
    code, _, err = cli("plot", "--dyad", "RUS-POL", "--db", store, "-o", link, "--force", "-q")
    assert (code, err) == (0, "") and link.is_symlink() and os.readlink(link) == os.devnull
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    got = io.BytesIO()
    reader = threading.Thread(target=lambda: got.write(fifo.read_bytes()))
    reader.start()
    code, _, err = cli("plot", "--dyad", "RUS-POL", "--db", store, "-o", fifo, "--force", "-q")
    reader.join(WAIT)
    assert (code, err) == (0, "") and fifo.is_fifo() and b"<svg" in got.getvalue()


@pytest.mark.parametrize("suffix,what", [("-wal", "write-ahead log"), ("-shm", "shared-memory index"), ("-journal", "rollback journal")])
def test_no_command_writes_over_a_store_or_its_files(store: Path, tmp_path: Path, cli, suffix: str, what: str) -> None:
    db = _copy(store, tmp_path)
    side = Path(f"{db}{suffix}")
    side.write_bytes(b"kept")
    corpus = _jsonl(tmp_path / "t.jsonl", {"a": NEWS})
    for argv in (["events", "--db", db], ["code", corpus, "--db", db, "--format", "jsonl"],
                 ["code", corpus, "--db", f"sqlite:///{db}", "--format", "parquet"],
                 ["plot", "--dyad", "RUS-POL", "--db", db]):  # fmt: skip
        code, out, err = cli(*argv, "-o", side, "--force")
        assert (code, out, err) == (1, "", f"dragoman: error: {side}: is the {what} of the store {db} and cannot be the output; name another output file\n")
        assert side.read_bytes() == b"kept"
    code, out, err = cli("plot", "--dyad", "RUS-POL", "--db", db, "-o", db, "--force")
    assert code == 1 and "is an input" in err


# ---------------------------------------------------------------- 7: SIGTERM during an export


def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    run = subprocess.Popen([*DRAGOMAN, "code", "-", "--format", "jsonl", "-o", str(out), "-q"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    _until(lambda: any(name.endswith(".tmp") for name in os.listdir(tmp_path)), "the temporary output")  # then it waits for stdin
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=WAIT)
    assert (run.returncode, err) == (143, "dragoman: terminated\n")
    assert os.listdir(tmp_path) == []


# ---------------------------------------------------------------- 8: an in-memory store


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://", ":memory:"])
def test_an_in_memory_store_is_refused(tmp_path: Path, url: str) -> None:
    corpus = _jsonl(tmp_path / "t.jsonl", {"a": NEWS})
    done = _run("code", corpus, "--db", url)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"dragoman: error: dragoman code: --db {url}: an in-memory store is thrown away when the command ends; "
                           "give a file (--db events.db), or leave out --db to print the events (see: dragoman code --help)\n")  # fmt: skip


# ---------------------------------------------------------------- 9: formula-like CSV cells


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(store: Path, cli) -> None:
    code, out, _ = cli("events", "--db", store, "--doc", '=HYPERLINK("http://x")', "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and row["doc_id"] == "'=HYPERLINK(\"http://x\")" and row["goldstein"] == "-4.4"
    code, out, _ = cli("events", "--db", store, "--doc", '=HYPERLINK("http://x")', "--format", "tsv", "--columns", "phoenix")
    assert code == 0 and "\t'=HYPERLINK(\"http://x\")_0\t" in out and "\t-4.4\t" in out
    code, out, _ = cli("events", "--db", store, "--doc", '=HYPERLINK("http://x")', "--format", "csv", "--keep-formulas")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and row["doc_id"] == '=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    "value,cell",
    [("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("-5.0", "-5.0"), ("+3", "+3"), ("-", "'-"), (-5.0, -5.0), (3, 3), ("Iran", "Iran")],
)  # fmt: skip
def test_spreadsheet_cell(value: object, cell: object) -> None:
    from dragoman.formats import spreadsheet_cell

    assert spreadsheet_cell(value) == cell


def test_happenings_csv_cells_start_with_a_quote(monkeypatch) -> None:
    from types import SimpleNamespace

    from dragoman.happenings.commands import write_happenings

    happening = SimpleNamespace(happening_id="h1", date="2023-06-04", date_precision="day", family="threaten", cameo="130",
                                cameo_name="Threaten", source_code="RUS", source_name="=cmd|x", target_code="POL", target_name="Poland",
                                reports=2, outlets=("a",), documents=("-a", "b"), members=())  # fmt: skip
    for formulas, name, documents in ((False, "'=cmd|x", "'-a;b"), (True, "=cmd|x", "-a;b")):
        out = io.StringIO()
        write_happenings([happening], "csv", out, formulas=formulas)  # type: ignore[list-item]
        (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert (row["source_name"], row["documents"], row["reports"]) == (name, documents, "2")


# ---------------------------------------------------------------- 10: X-Forwarded-For


@pytest.fixture
def serve(store: Path) -> Iterator:
    """serve(*options) -> the base URL of a real `dragoman serve` over the store, stopped after the test."""
    import socket

    servers: list[subprocess.Popen[str]] = []

    def start(*options: str) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([*DRAGOMAN, "serve", "--db", str(store), "--port", str(port), "-q", *options],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
        servers.append(server)

        def listening() -> bool:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        _until(listening, "the server to listen")
        return f"http://127.0.0.1:{port}"

    yield start
    for server in servers:
        server.terminate()
        server.communicate(timeout=WAIT)


def _status(url: str, forwarded_for: str) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"X-Forwarded-For": forwarded_for})
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_faked_x_forwarded_for_does_not_reset_the_rate_limit(serve) -> None:
    pytest.importorskip("uvicorn")
    base = serve("--rate-limit", "2")
    assert [_status(f"{base}/api/documents", f"10.0.0.{i}") for i in range(3)] == [200, 200, 429]


def test_x_forwarded_for_counts_from_a_trusted_proxy(serve) -> None:
    pytest.importorskip("uvicorn")
    base = serve("--rate-limit", "2", "--trust-proxy", "127.0.0.1")
    assert [_status(f"{base}/api/documents", f"10.0.0.{i}") for i in range(3)] == [200, 200, 200]
    assert [_status(f"{base}/api/documents", "10.0.0.9") for _ in range(3)] == [200, 200, 429]


def test_trust_proxy_takes_only_addresses(tmp_path: Path) -> None:
    done = _run("serve", "--db", tmp_path / "none.db", "--trust-proxy", "proxy.example")
    assert done.returncode == 2 and "argument --trust-proxy: 'proxy.example' is not an IP address or network" in done.stderr


# ---------------------------------------------------------------- 11: document ids with slashes


def test_a_document_id_with_a_slash_is_reachable_from_its_link(tmp_path: Path, cli) -> None:
    pytest.importorskip("fastapi")
    import re
    import warnings

    (tmp_path / "bbc" / "business").mkdir(parents=True)
    (tmp_path / "bbc" / "business" / "001.txt").write_text(NEWS + "\n")
    db = tmp_path / "f.db"
    assert cli("code", tmp_path / "bbc", "--db", db, "-q")[0] == 0
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from fastapi.testclient import TestClient

    from dragoman.web.app import ServerSettings, create_app

    client = TestClient(create_app(ServerSettings(db=str(db), rate_limit=0)), raise_server_exceptions=False)
    page = client.get("/documents")
    (link,) = re.findall(r'href="(/documents/[^"#?]+)', page.text)
    assert link == "/documents/business%2F001"
    shown = client.get(link)
    assert shown.status_code == 200 and "business/001" in shown.text and "threatened" in shown.text
    api = client.get("/api/documents/business%2F001")
    assert api.status_code == 200 and api.json()["document"]["doc_id"] == "business/001"
    assert client.get("/api/documents/business%2F002").status_code == 404


# ---------------------------------------------------------------- 12: values of megabytes in error messages


def test_a_name_of_two_megabytes_is_clipped_in_its_error_line(tmp_path: Path, cli) -> None:
    actors = tmp_path / "big.yaml"
    actors.write_text("states:\n  - name: " + "A " * 1_000_000 + "\n    code: CAF\n")
    corpus = _jsonl(tmp_path / "t.jsonl", {"a": NEWS})
    code, out, err = cli("code", corpus, "--actors", actors, "--format", "jsonl")
    assert code == 1 and out == "" and err.count("\n") == 1 and len(err) < 2_100
    assert err.startswith(f"dragoman: error: {actors}:2") and "characters left out" in err


def test_an_option_value_is_clipped_in_its_error_line(store: Path, cli) -> None:
    code, _, err = cli("events", "--db", store, "--modality", "X" * 100_000)
    assert code == 1 and err.startswith("dragoman: error: no modality 'XXX") and "(100,000 characters)" in err and len(err) < 400
