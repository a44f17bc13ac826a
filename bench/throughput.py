"""Throughput of the whole pipeline against spaCy parsing alone, on one corpus.

    python bench/throughput.py [CORPUS.jsonl] [--limit N] [--n-process N] [--batch-size N]
                               [--baseline OTHER_CHECKOUT/src]

Two phases, each in a fresh child process so that one phase's peak memory does
not hide the other's (ru_maxrss only ever grows):

  parse  spacy.load(model) and nlp.pipe over the texts the pipeline parses
         (each Document's blocks, or its whole text when it has none; for the
         BBC corpus that is the article text). Documents are read before the
         clock starts; model loading is timed and shown separately.
  full   dragoman.ingest.read_path + dragoman.pipeline.run: reading, parsing,
         coding; the model and knowledge are loaded before the clock starts
         (with --n-process > 1 the workers' loading is inside the clock, as
         spaCy's own workers' is in the parse phase).

  baseline  (with --baseline DIR) the full phase again, importing dragoman from
         DIR (another checkout's src/, e.g. a `git worktree` of the previous
         commit), so a change can be compared with what it replaces in one run.

Parse-only runs first. Words are counted the same way in every phase (runs of
word characters in the parsed texts), so words/s compare like with like.
Peak RSS is the larger of the phase process and its largest worker.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"
WORD = re.compile(r"\w+")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="JSONL corpus (default: the BBC corpus)")
    ap.add_argument("--limit", type=int, default=None, help="code only the first N documents")
    ap.add_argument("--n-process", type=int, default=1, help="worker processes (spaCy n_process / Settings.n_process)")
    ap.add_argument("--batch-size", type=int, default=None, help="texts per nlp.pipe batch (default: Settings' default)")
    ap.add_argument("--model", default=None, help="spaCy model (default: the pipeline's default)")
    ap.add_argument(
        "--phases", default="parse,full", help="comma-separated phases to run, in order (default: parse,full)"
    )
    ap.add_argument("--repeat", type=int, default=1, help="alternate the phases N times and keep each one's fastest run")
    ap.add_argument("--baseline", metavar="SRC", help="also run the full phase with dragoman imported from this src/ folder")
    ap.add_argument("--phase", choices=("parse", "full"), help=argparse.SUPPRESS)  # internal: run one phase here
    return ap.parse_args(argv)


# ---------------------------------------------------------------- reading


def read_documents(path: str, limit: int | None, warnings: list[str]) -> Iterator[Any]:
    from dragoman.config import Settings
    from dragoman.ingest import read_path

    docs = read_path(path, max_doc_chars=Settings().max_doc_chars, on_warning=warnings.append)
    for i, doc in enumerate(docs):
        if limit is not None and i >= limit:
            break
        yield doc


def parsed_texts(doc: Any) -> list[str]:
    """The texts the pipeline hands to spaCy for one document."""
    if doc.blocks:
        return [doc.text[b.start : b.end] for b in doc.blocks]
    return [doc.text]


def raw_jsonl_texts(path: str, limit: int | None) -> list[list[str]]:
    """Fallback while dragoman.ingest is unavailable: each line's "text"."""
    out: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            if line.strip():
                out.append([json.loads(line)["text"]])
    return out


def load_model(name: str | None) -> Any:
    """The model exactly as the pipeline loads it (same components), so the comparison is fair."""
    from dragoman.nlp import load_model as pipeline_model

    return pipeline_model(name)


def peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return max(own, kids) * scale / 2**20


# ---------------------------------------------------------------- phases


def phase_parse(args: argparse.Namespace) -> dict[str, Any]:
    from dragoman.config import Settings

    note = ""
    try:
        per_doc = [parsed_texts(d) for d in read_documents(args.corpus, args.limit, [])]
    except (ImportError, NotImplementedError):
        per_doc = raw_jsonl_texts(args.corpus, args.limit)
        note = "dragoman.ingest unavailable: parsed each JSONL line's text"
    texts = [t for doc_texts in per_doc for t in doc_texts]
    words = sum(len(WORD.findall(t)) for t in texts)
    batch_size = args.batch_size or Settings().batch_size

    t_load = time.perf_counter()
    nlp = load_model(args.model)
    t0 = t1 = time.perf_counter()
    sentences = 0
    for parsed in nlp.pipe(texts, batch_size=batch_size, n_process=args.n_process):
        sentences += sum(1 for _ in parsed.sents)
    t2 = time.perf_counter()
    return {
        "phase": "parse",
        "model": f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}",
        "documents": len(per_doc),
        "sentences": sentences,
        "words": words,
        "seconds": t2 - t0,
        "load_seconds": t1 - t_load,
        "events": None,
        "note": note,
    }


def _pipeline(settings: Any) -> Any:
    """A function documents -> results, loaded before the clock starts (this API or the older one)."""
    import dragoman

    if hasattr(dragoman, "Dragoman"):
        nlp = dragoman.load(settings)
        return nlp.pipe
    from dragoman.pipeline import load, run  # dragoman before the service layer (a --baseline checkout)

    knowledge = load(settings)
    model = load_model(settings.model) if settings.n_process == 1 else None
    return lambda documents: run(documents, settings, knowledge=knowledge, nlp=model)


def phase_full(args: argparse.Namespace) -> dict[str, Any]:
    from dragoman.config import Settings

    kwargs: dict[str, Any] = {"n_process": args.n_process}
    if args.batch_size:
        kwargs["batch_size"] = args.batch_size
    if args.model:
        kwargs["model"] = args.model
    settings = Settings(**kwargs)
    warnings: list[str] = []

    documents = sentences = words = events = 0
    t_load = time.perf_counter()
    pipe = _pipeline(settings)
    t0 = time.perf_counter()
    for result in pipe(read_documents(args.corpus, args.limit, warnings)):
        documents += 1
        sentences += len(result.sentences)
        events += len(result.events)
        words += sum(len(WORD.findall(t)) for t in parsed_texts(result.document))
    t1 = time.perf_counter()
    return {
        "phase": "full",
        "model": settings.model or "default",
        "documents": documents,
        "sentences": sentences,
        "words": words,
        "seconds": t1 - t0,
        "load_seconds": t0 - t_load,
        "events": events,
        "note": f"{len(warnings)} ingest warnings" if warnings else "",
    }


def run_phase_here(args: argparse.Namespace) -> None:
    result = phase_parse(args) if args.phase == "parse" else phase_full(args)
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))


def run_phase_in_child(phase: str, argv: list[str], baseline: str | None = None) -> dict[str, Any] | str:
    env = dict(os.environ)
    if phase == "baseline" and baseline:
        env["PYTHONPATH"] = os.pathsep.join([baseline, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run(
        [sys.executable, __file__, *argv, "--phase", "full" if phase == "baseline" else phase],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
        env=env,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return f"failed (exit {proc.returncode}); see its error above"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# ---------------------------------------------------------------- report


def print_table(results: dict[str, dict[str, Any] | str], n_process: int) -> None:
    header = f"{'phase':<7}{'docs':>7}{'sents':>9}{'words':>10}{'secs':>9}{'docs/s':>9}{'sents/s':>9}{'words/s':>10}{'peak MiB':>10}"
    print(f"\nn_process={n_process}")
    print(header)
    print("-" * len(header))
    for phase, r in results.items():
        if isinstance(r, str):
            print(f"{phase:<7}{r}")
            continue
        secs = max(r["seconds"], 1e-9)
        print(
            f"{phase:<7}{r['documents']:>7}{r['sentences']:>9}{r['words']:>10}{secs:>9.1f}"
            f"{r['documents'] / secs:>9.1f}{r['sentences'] / secs:>9.1f}{r['words'] / secs:>10.0f}"
            f"{r['peak_rss_mib']:>10.0f}"
        )
    for phase, r in results.items():
        if isinstance(r, str):
            continue
        extra = [f"model {r['model']}"]
        if r["load_seconds"] is not None:
            extra.append(f"loading {r['load_seconds']:.1f}s, not timed")
        if r["events"] is not None:
            extra.append(f"{r['events']} events")
        if r["note"]:
            extra.append(r["note"])
        print(f"  {phase}: {'; '.join(extra)}")
    parse, full, base = results.get("parse"), results.get("full"), results.get("baseline")
    if isinstance(parse, dict) and isinstance(full, dict) and full["seconds"] > 0:
        ratio = (full["words"] / full["seconds"]) / (parse["words"] / parse["seconds"])
        print(f"full / parse-only speed (words/s): {ratio:.2f}")
    if isinstance(base, dict) and isinstance(full, dict) and full["seconds"] > 0:
        ratio = (full["words"] / full["seconds"]) / (base["words"] / base["seconds"])
        print(f"full / baseline speed (words/s): {ratio:.2f}; events {full['events']} vs {base['events']}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.phase:
        run_phase_here(args)
        return 0
    if not Path(args.corpus).is_file():
        print(f"corpus not found: {args.corpus} (give a JSONL path as the first argument)", file=sys.stderr)
        return 2
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    if args.baseline:
        if not Path(args.baseline, "dragoman").is_dir():
            print(f"--baseline {args.baseline}: no dragoman package there (give another checkout's src/ folder)", file=sys.stderr)
            return 2
        phases.append("baseline")
    unknown = set(phases) - {"parse", "full", "baseline"}
    if unknown:
        print(f"unknown phase(s): {', '.join(sorted(unknown))}; use parse and/or full", file=sys.stderr)
        return 2
    # Phases alternate (parse, full, parse, full, ...) and each keeps its fastest run, so a
    # machine whose speed drifts during the run does not favour the phase that ran first.
    results: dict[str, dict[str, Any] | str] = {}
    for round_ in range(args.repeat):
        for phase in phases:
            print(f"running {phase} ({round_ + 1}/{args.repeat}) ...", file=sys.stderr, flush=True)
            result = run_phase_in_child(phase, argv, args.baseline)
            best = results.get(phase)
            if not isinstance(best, dict) or (isinstance(result, dict) and result["seconds"] < best["seconds"]):
                results[phase] = result
    print_table(results, args.n_process)
    return 0 if all(isinstance(r, dict) for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
