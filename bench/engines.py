"""The engines side by side: `dragoman code CORPUS --db` with serial, processes and dask, on one corpus.

    python bench/engines.py [CORPUS.jsonl] [--limit N] [--n-process 2] [--engines serial,processes,dask]

Each engine runs the command line as a user would (`python -m dragoman code
CORPUS --db FRESH.db -q --engine E`, with --n-process N for processes and
dask), in a child process, so the wall time holds everything a user waits
for: starting Python, loading the knowledge and the model (in each worker),
starting and closing the Dask LocalCluster, coding, and saving each document.
It reports wall seconds, documents per second, the speed-up over the first
engine in the same run, the events stored, the largest process's peak RSS,
the machine's load average before and after (on a shared machine, other
work shows there), and whether the store holds exactly the events of the
first engine's store (event ids and records).

No timing is asserted anywhere: this prints figures for the README.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "corpus",
        nargs="?",
        default=str(DEFAULT_CORPUS),
        help="JSONL corpus (default: the BBC corpus)",
    )
    ap.add_argument("--limit", type=int, help="only the first N documents")
    ap.add_argument(
        "--n-process",
        type=int,
        default=2,
        help="workers for processes and dask (default 2)",
    )
    ap.add_argument(
        "--engines",
        default="serial,processes,dask",
        help="comma-separated, in order (default: all three)",
    )
    return ap.parse_args(argv)


def store_digest(db: Path) -> tuple[int, int, str]:
    """(documents, events, sha256 over every event's id and record in id order)."""
    with closing(sqlite3.connect(db)) as conn:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        digest = hashlib.sha256()
        events = 0
        for event_id, record in conn.execute(
            "SELECT event_id, record FROM events ORDER BY event_id"
        ):
            digest.update(f"{event_id}\t{record}\n".encode())
            events += 1
    return documents, events, digest.hexdigest()[:16]


# Runs the command and writes the largest RSS of its processes (workers included: they are waited for).
_MEASURED = (
    "import resource, subprocess, sys; rc = subprocess.run(sys.argv[2:]).returncode; "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(rc)"
)


def run_engine(
    engine: str, corpus: str, n_process: int, folder: Path
) -> dict[str, object]:
    db = folder / f"{engine}.db"
    command = [
        sys.executable,
        "-m",
        "dragoman",
        "code",
        corpus,
        "--db",
        str(db),
        "-q",
        "--engine",
        engine,
    ]
    if engine != "serial":
        command += ["--n-process", str(n_process)]
    peak_file = folder / f"{engine}.peak"
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak_file), *command],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(
            f"{engine}: exit {done.returncode}: {done.stderr.strip()[-500:]}"
        )
    peak = int(
        peak_file.read_text()
    )  # KiB on Linux: the largest process of this engine's run
    documents, events, digest = store_digest(db)
    return {
        "engine": engine if engine == "serial" else f"{engine} ({n_process})",
        "seconds": seconds,
        "documents": documents,
        "docs_per_s": documents / seconds,
        "events": events,
        "digest": digest,
        "peak_rss_mib": peak / 1024,
        "load": (
            load_before,
            os.getloadavg()[0],
        ),  # the machine's 1-minute load average before and after
        "stderr": done.stderr.strip(),
    }


def limited_corpus(path: str, limit: int | None, folder: Path) -> str:
    if limit is None:
        return path
    out = folder / "corpus.jsonl"
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            dst.write(line)
    return str(out)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dragoman-engines-") as tmp:
        folder = Path(tmp)
        corpus = limited_corpus(args.corpus, args.limit, folder)
        rows = [
            run_engine(e, corpus, args.n_process, folder)
            for e in args.engines.split(",")
        ]
    base = rows[0]
    print(
        f"corpus {args.corpus}{f' (first {args.limit})' if args.limit else ''}; {os.cpu_count()} CPUs"
    )
    print(
        f"{'engine':<16}{'wall s':>9}{'docs/s':>9}{'x first':>9}{'events':>8}{'peak MiB':>10}  same events"
    )
    for row in rows:
        peak = f"{row['peak_rss_mib']:.0f}"
        same = (
            "yes"
            if (row["documents"], row["events"], row["digest"])
            == (base["documents"], base["events"], base["digest"])
            else "NO"
        )
        ratio = float(base["seconds"]) / float(row["seconds"])  # type: ignore[arg-type]
        print(
            f"{row['engine']:<16}{row['seconds']:>9.1f}{row['docs_per_s']:>9.1f}{ratio:>9.2f}{row['events']:>8}{peak:>10}  {same}"
        )
        if row["stderr"]:
            print(f"    stderr: {row['stderr'][:300]}")
    print(json.dumps([{k: v for k, v in r.items() if k != "stderr"} for r in rows]))


if __name__ == "__main__":
    main()
