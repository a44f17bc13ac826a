"""How long the web API and pages take over a whole corpus: each endpoint with typical parameters.

    python bench/web_api.py [CORPUS.jsonl] [--db STORE] [--repeat N] [--n-process N]

Without --db (or with a --db that does not exist yet) the corpus (default: the
BBC corpus in ../shared) is coded into a store first, and that time is shown
apart. Then `dragoman serve` runs in a child process on a free port (rate
limit off, so the benchmark measures the work), and each call below is made
--repeat times over HTTP with httpx, one at a time. The typical
parameters come from the store itself: its most active pair, its first
document, an event, its most frequent actor. Printed: per call, the median and
the slowest of its runs and the response size, then the slowest call.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="JSONL corpus (default: the BBC corpus)")
    ap.add_argument("--db", help="the store to serve; coded from the corpus first if it does not exist")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each call (default 5)")
    ap.add_argument("--n-process", type=int, default=2, help="worker processes when coding the corpus (default 2)")
    return ap.parse_args(argv)


def code_corpus(corpus: str, db: str, n_process: int) -> float:
    import dragoman

    started = time.perf_counter()
    nlp = dragoman.load(dragoman.Settings(n_process=n_process))
    with dragoman.open_store(db) as store:
        summary = dragoman.code_into(store, nlp.read(corpus), nlp)
    elapsed = time.perf_counter() - started
    print(f"coded {summary.documents} documents, {summary.events} events into {db} in {elapsed:.0f} s")
    return elapsed


def serve(db: str) -> tuple[str, subprocess.Popen[bytes]]:
    """`dragoman serve` in its own process (a server thread here would share this process's GIL with the client)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "dragoman", "serve", "--db", db, "--port", str(port), "--rate-limit", "0", "-q"]
    server = subprocess.Popen(command)
    base = f"http://127.0.0.1:{port}"
    while server.poll() is None:
        try:
            httpx.get(base + "/api/record", timeout=5)
            return base, server
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"dragoman serve exited with status {server.returncode}")


def calls(client: httpx.Client) -> list[tuple[str, str]]:
    """(label, path) of each call, with parameters taken from the store."""
    first = client.get("/api/events?limit=100").json()
    pair = client.get("/api/dyads?limit=1").json()["default"]
    doc = client.get("/api/documents?limit=1").json()["documents"][0]["doc_id"]
    actor = client.get("/api/actors?limit=1").json()["actors"][0]["code"]
    event = first["events"][0]["event_id"]
    a, b = pair["a"], pair["b"]
    return [
        ("events, first page of 100", "/api/events?limit=100"),
        ("events, a page of 1000", "/api/events?limit=1000"),
        ("events, next page by cursor", f"/api/events?limit=100&cursor={first['next_cursor']}"),
        ("events, by actor and date", f"/api/events?actor={actor}&since=2004&limit=100"),
        ("events, non-events too", "/api/events?all=1&limit=100"),
        ("one event", f"/api/events/{event}"),
        ("timeline, 200 by day + chart", "/api/timeline"),
        ("documents, 100", "/api/documents?limit=100"),
        ("one document with overlay", f"/api/documents/{doc}"),
        ("dyads", "/api/dyads"),
        (f"series {a}-{b} per week", f"/api/dyads/{a}/{b}/series?bin=week"),
        (f"series {a}-{b} per day", f"/api/dyads/{a}/{b}/series?bin=day"),
        ("actors", "/api/actors"),
        ("record", "/api/record"),
        ("page: timeline", "/timeline"),
        ("page: trajectory (default pair)", "/trajectory"),
        ("page: actors", "/actors"),
        ("page: a document", f"/documents/{doc}"),
        ("openapi.json", "/openapi.json"),
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    db = args.db or str(Path(tempfile.mkdtemp(prefix="dragoman-web-bench-")) / "bench.db")
    if not Path(db).exists():
        code_corpus(args.corpus, db, args.n_process)
    base, server = serve(db)
    rows = []
    with httpx.Client(base_url=base, timeout=120) as client:
        totals = client.get("/api/events?limit=1").json()["total"], client.get("/api/events?all=1&limit=1").json()["total"]
        print(f"store {db}: {totals[0]} events ({totals[1]} with the non-events); {args.repeat} runs of each call\n")
        for label, path in calls(client):
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
            rows.append((label, statistics.median(times), max(times), len(response.content)))
    server.terminate()
    server.wait()
    print(f"{'call':36} {'median ms':>10} {'max ms':>9} {'bytes':>10}")
    for label, median, slowest, size in rows:
        print(f"{label:36} {median * 1000:10.1f} {slowest * 1000:9.1f} {size:10,}")
    label, median, slowest, _ = max(rows, key=lambda r: r[1])
    print(f"\nslowest call: {label}: median {median * 1000:.1f} ms, slowest run {slowest * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
