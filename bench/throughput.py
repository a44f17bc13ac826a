"""Throughput of the whole pipeline against spaCy parsing alone, on one corpus, in one run.

    python bench/throughput.py [CORPUS.jsonl] [--limit N] [--times K] [--n-process N]
                               [--phases parse1,parse2,shipped1,shipped2,own1,own2,full,nofilter]
                               [--baseline OTHER/src]

Each phase runs in a fresh child process, so that one phase's peak memory does
not hide another's (ru_maxrss only ever grows):

  parse1, parse2  spaCy alone: `spacy.load(model)` as spaCy ships it (only its
                 named-entity recognizer left out, which dragoman never reads:
                 that makes this baseline faster, not slower) and `nlp.pipe`
                 over the texts dragoman would parse (each document's blocks),
                 with n_process 1 and 2. The faster of the two is "spaCy's best".
  shipped1, shipped2  the same with the model exactly as spaCy ships it, its
                 named-entity recognizer included (what a user of spaCy gets
                 from `spacy.load`); the faster is "spaCy's best as shipped".
                 Texts are read before the clock starts; loading is not timed.
  own1, own2     dragoman's own parse alone, coding nothing: the model as
                 `dragoman.nlp.load_model` loads it (cached attributes, matrix
                 products through numpy's BLAS, one BLAS thread per process
                 with 2) and `nlp.pipe` over every text, no pre-filter. The
                 strictest baseline: what dragoman would cost if coding were
                 free and nothing were left unparsed.
  full           dragoman: reading the corpus, the pre-filter, parsing, coding,
                 with --n-process workers (default 2); knowledge and model are
                 loaded before the clock starts (workers load theirs inside it,
                 as spaCy's own workers do in parse2).
  nofilter       the same with the pre-filter off (Settings.prefilter=False).
  baseline       (with --baseline DIR) the full phase importing dragoman from DIR
                 (another checkout's src/), to compare a change with what it
                 replaces in the same run.

Sentences are what each phase reports: the parser's sentences for parse1/2,
the stored sentences for dragoman (parsed or not); words are counted the same
way everywhere (runs of word characters in the texts). --times K streams the
corpus K times over (ids made unique), for memory at K times the size: the
documents are never all held. Peak RSS is the larger of the phase's process and
its largest worker.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"
WORD = re.compile(r"\w+")
PHASES = ("parse1", "parse2", "shipped1", "shipped2", "own1", "own2", "full", "nofilter", "baseline")
CHOOSABLE = PHASES[:-1]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="JSONL corpus (default: the BBC corpus)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--times", type=int, default=1, help="stream the corpus this many times over (default 1)")
    ap.add_argument("--n-process", type=int, default=2, help="dragoman's worker processes (default 2)")
    ap.add_argument("--batch-size", type=int, default=None, help="texts per nlp.pipe batch (default: Settings' default)")
    ap.add_argument("--model", default=None, help="spaCy model (default: the pipeline's default)")
    ap.add_argument("--phases", default="parse1,parse2,full", help=f"comma-separated, in order, among {', '.join(CHOOSABLE)}")
    ap.add_argument("--repeat", type=int, default=1, help="alternate the phases N times and keep each one's fastest run")
    ap.add_argument("--baseline", metavar="SRC", help="also run the full phase with dragoman imported from this src/ folder")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    ap.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)  # internal: run one phase here
    return ap.parse_args(argv)


# ---------------------------------------------------------------- reading


def read_documents(args: argparse.Namespace, warnings: list[str]) -> Iterator[Any]:
    """The corpus, --times over, each round's ids made unique; streamed."""
    from dragoman.config import Settings
    from dragoman.ingest import read_path

    for round_ in range(args.times):
        docs = read_path(args.corpus, max_doc_chars=Settings().max_doc_chars, on_warning=warnings.append)
        for doc in itertools.islice(docs, args.limit):
            yield doc if round_ == 0 else replace(doc, doc_id=f"{doc.doc_id}~r{round_}")


def parsed_texts(doc: Any) -> list[str]:
    """The texts dragoman hands to spaCy for one document (its blocks, or the whole text)."""
    if doc.blocks:
        return [doc.text[b.start : b.end] for b in doc.blocks if b.kind != "heading"]
    return [doc.text]


def model_name(name: str | None) -> str:
    import spacy

    from dragoman.config import DEFAULT_MODELS

    for candidate in (name,) if name else DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise SystemExit(f"no spaCy model among {name or DEFAULT_MODELS} is installed")


def peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return max(own, kids) * scale / 2**20


# ---------------------------------------------------------------- phases


def phase_parse(args: argparse.Namespace, n_process: int, kind: str) -> dict[str, Any]:
    import spacy

    from dragoman.config import Settings

    texts: list[str] = []
    documents = 0
    for doc in read_documents(args, []):
        documents += 1
        texts.extend(parsed_texts(doc))
    words = sum(len(WORD.findall(t)) for t in texts)
    batch_size = args.batch_size or Settings().batch_size
    name = model_name(args.model)
    t_load = time.perf_counter()
    if kind == "own":
        from dragoman.nlp import load_model
        from dragoman.nlp.ops import blas_threads

        nlp = load_model(name)
        if n_process > 1:
            blas_threads(1)  # as dragoman's workers do (spaCy's workers are forked: they inherit it)
    else:
        nlp = spacy.load(name) if kind == "shipped" else spacy.load(name, exclude=["ner"])
    t0 = time.perf_counter()
    sentences = 0
    for parsed in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        sentences += sum(1 for _ in parsed.sents)
    t1 = time.perf_counter()
    return {
        "phase": f"{kind}{n_process}",
        "model": f"{name} {'+'.join(nlp.pipe_names)}",
        "documents": documents,
        "sentences": sentences,
        "words": words,
        "seconds": t1 - t0,
        "load_seconds": t0 - t_load,
        "events": None,
        "note": "",
    }


def _pipeline(settings: Any) -> Any:
    """A function documents -> results, loaded before the clock starts (this API or an older one)."""
    import dragoman

    if hasattr(dragoman, "Dragoman"):
        return dragoman.load(settings).pipe
    from dragoman.pipeline import load, run  # dragoman before the service layer (a --baseline checkout)

    knowledge = load(settings)
    return lambda documents: run(documents, settings, knowledge=knowledge)


def phase_full(args: argparse.Namespace, prefilter: bool) -> dict[str, Any]:
    from dragoman.config import Settings

    kwargs: dict[str, Any] = {"n_process": args.n_process}
    if args.batch_size:
        kwargs["batch_size"] = args.batch_size
    if args.model:
        kwargs["model"] = args.model
    if "prefilter" in Settings.__dataclass_fields__:
        kwargs["prefilter"] = prefilter
    settings = Settings(**kwargs)
    warnings: list[str] = []
    documents = sentences = words = events = 0
    t_load = time.perf_counter()
    pipe = _pipeline(settings)
    t0 = time.perf_counter()
    for result in pipe(read_documents(args, warnings)):
        documents += 1
        sentences += len(result.sentences)
        events += len(result.events)
        words += sum(len(WORD.findall(t)) for t in parsed_texts(result.document))
    t1 = time.perf_counter()
    return {
        "phase": "full" if prefilter else "nofilter",
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
    if args.phase[:-1] in ("parse", "shipped", "own"):
        result = phase_parse(args, int(args.phase[-1]), kind=args.phase[:-1])
    else:
        result = phase_full(args, prefilter=args.phase != "nofilter")
        result["phase"] = args.phase
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))


def run_phase_in_child(phase: str, argv: list[str], baseline: str | None = None) -> dict[str, Any] | str:
    env = dict(os.environ)
    if phase == "baseline" and baseline:
        env["PYTHONPATH"] = os.pathsep.join([baseline, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run([sys.executable, __file__, *argv, "--phase", phase], stdout=subprocess.PIPE, text=True, check=False, env=env)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return f"failed (exit {proc.returncode}); see its error above"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# ---------------------------------------------------------------- report


def print_table(results: dict[str, dict[str, Any] | str], args: argparse.Namespace) -> None:
    header = f"{'phase':<10}{'docs':>8}{'sents':>10}{'words':>11}{'secs':>9}{'docs/s':>9}{'sents/s':>9}{'words/s':>10}{'peak MiB':>10}"
    times = f", corpus x{args.times}" if args.times > 1 else ""
    print(f"\n{Path(args.corpus).name}{times}; dragoman with n_process={args.n_process}")
    print(header)
    print("-" * len(header))
    for phase, r in results.items():
        if isinstance(r, str):
            print(f"{phase:<10}{r}")
            continue
        secs = max(r["seconds"], 1e-9)
        print(
            f"{phase:<10}{r['documents']:>8}{r['sentences']:>10}{r['words']:>11}{secs:>9.1f}"
            f"{r['documents'] / secs:>9.1f}{r['sentences'] / secs:>9.1f}{r['words'] / secs:>10.0f}{r['peak_rss_mib']:>10.0f}"
        )
    for phase, r in results.items():
        if isinstance(r, dict):
            extra = [f"model {r['model']}", f"loading {r['load_seconds']:.1f}s, not timed"]
            extra += [f"{r['events']} events"] if r["events"] is not None else []
            extra += [r["note"]] if r["note"] else []
            print(f"  {phase}: {'; '.join(extra)}")
    baselines = (("parse", "spaCy's best parse"), ("shipped", "spaCy's best parse as shipped"), ("own", "dragoman's own parse alone"))
    for prefix, what in baselines:
        parses = [r for k, r in results.items() if k.startswith(prefix) and isinstance(r, dict)]
        best = max(parses, key=lambda r: r["sentences"] / max(r["seconds"], 1e-9), default=None)
        for phase in ("full", "nofilter", "baseline"):
            r = results.get(phase)
            if best is not None and isinstance(r, dict) and r["seconds"] > 0:
                sents = (r["sentences"] / r["seconds"]) / (best["sentences"] / best["seconds"])
                words = (r["words"] / r["seconds"]) / (best["words"] / best["seconds"])
                print(f"{phase} / {what} ({best['phase']}): {sents:.2f}x sentences/s, {words:.2f}x words/s")
    full, nofilter, base = results.get("full"), results.get("nofilter"), results.get("baseline")
    if isinstance(full, dict) and isinstance(nofilter, dict):
        print(f"full / nofilter: {nofilter['seconds'] / max(full['seconds'], 1e-9):.2f}x; events {full['events']} vs {nofilter['events']}")
    if isinstance(full, dict) and isinstance(base, dict):
        print(f"full / baseline: {base['seconds'] / max(full['seconds'], 1e-9):.2f}x; events {full['events']} vs {base['events']}")


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
    unknown = set(phases) - set(CHOOSABLE)
    if unknown:
        print(f"unknown phase(s): {', '.join(sorted(unknown))}; use {', '.join(CHOOSABLE)}", file=sys.stderr)
        return 2
    if args.baseline:
        if not Path(args.baseline, "dragoman").is_dir():
            print(f"--baseline {args.baseline}: no dragoman package there (give another checkout's src/ folder)", file=sys.stderr)
            return 2
        phases.append("baseline")
    # Phases alternate (parse1, parse2, full, ...) and each keeps its fastest run, so a machine
    # whose speed drifts during the run does not favour the phase that ran first.
    results: dict[str, dict[str, Any] | str] = {}
    for round_ in range(args.repeat):
        for phase in phases:
            print(f"running {phase} ({round_ + 1}/{args.repeat}) ...", file=sys.stderr, flush=True)
            result = run_phase_in_child(phase, argv, args.baseline)
            best = results.get(phase)
            if not isinstance(best, dict) or (isinstance(result, dict) and result["seconds"] < best["seconds"]):
                results[phase] = result
    print_table(results, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(isinstance(r, dict) for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
