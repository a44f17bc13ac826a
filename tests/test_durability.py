"""What already holds, kept holding (issue 9): `kill -9` during `code --db` and a rerun give
exactly the clean run's documents and events; two writers on one database both finish with
the right counts; coding the same corpus again adds nothing.

Each run is a real `python -m dragoman code` process on a corpus of 40 documents.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

COUNTRIES = [("Russia", "Poland"), ("Iran", "Israel"), ("Chile", "Peru"), ("France", "Germany"), ("Japan", "China")]


def _corpus(path: Path, first: int, count: int) -> Path:
    lines = []
    for n in range(first, first + count):
        a, b = COUNTRIES[n % len(COUNTRIES)]
        text = " ".join(
            f"On {1 + (n + k) % 27} June 2023, {a} threatened {b}. {b} accused {a} of spying. "
            f"{a} and {b} held talks in Geneva on {2 + k} July 2023."
            for k in range(6)
        )
        lines.append(json.dumps({"id": f"doc-{n:03d}", "text": text, "date": "2023-07-20"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dragoman", "code", str(corpus), "--db", str(db), "-q", "--batch-size", "2"]


def _run(corpus: Path, db: Path) -> None:
    done = subprocess.run(_command(corpus, db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr


def _contents(db: Path) -> tuple[list[str], list[str], int]:
    """Stored document ids, event ids (sorted) and the number of sentences."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        documents = [r[0] for r in conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
        events = [r[0] for r in conn.execute("SELECT event_id FROM events ORDER BY event_id")]
        sentences = conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
    return documents, events, sentences


def _stored_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created yet, or mid-migration
        return -1


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("durability")
    paths = {
        "all": _corpus(folder / "all.jsonl", 0, 40),
        "first": _corpus(folder / "first.jsonl", 0, 20),
        "second": _corpus(folder / "second.jsonl", 20, 20),
    }
    clean = folder / "clean.db"
    _run(paths["all"], clean)
    paths["clean"] = clean
    return paths


def test_the_clean_run_stores_every_document(corpus: dict[str, Path]) -> None:
    documents, events, sentences = _contents(corpus["clean"])
    assert documents == [f"doc-{n:03d}" for n in range(40)]
    assert len(events) > 40 * 6 and sentences == 40 * 18


@pytest.mark.parametrize("stored", [-1, 3, 25])  # -1: as soon as the database file exists
def test_kill_9_then_a_rerun_gives_the_clean_runs_contents(corpus: dict[str, Path], tmp_path: Path, stored: int) -> None:
    db = tmp_path / "killed.db"
    process = subprocess.Popen(_command(corpus["all"], db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            if (db.exists() and stored < 0) or _stored_documents(db) >= stored >= 0:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    interrupted = _stored_documents(db)
    assert interrupted < 40  # killed mid-run
    _run(corpus["all"], db)
    assert _contents(db) == _contents(corpus["clean"])


def test_coding_the_same_corpus_again_adds_nothing(corpus: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    _run(corpus["all"], db)
    first = _contents(db)
    _run(corpus["all"], db)
    assert _contents(db) == first == _contents(corpus["clean"])


def test_two_writers_on_one_database_both_finish(corpus: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    writers = [subprocess.Popen(_command(corpus[half], db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for half in ("first", "second")]  # fmt: skip
    errors = [w.communicate(timeout=300)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], errors
    assert _contents(db) == _contents(corpus["clean"])
