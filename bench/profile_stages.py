"""Where the time goes: parsing against each declared stage of the pipeline, on a corpus sample.

    python bench/profile_stages.py [CORPUS.jsonl] [--limit N] [--no-prefilter]

One process, the default settings. The sample is read first; then it is parsed
(the pre-filter deciding what to parse, as in a run) and every stage's `run` /
`run_document` is timed with a wall clock around each call (no profiler: it
would slow Python code and not spaCy's, and shift the shares). Prints seconds
and shares per stage, the parse first.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"


class Timed:
    """A stage with a clock around its run / run_document; everything else is the stage's."""

    def __init__(self, stage: Any, totals: dict[str, float]) -> None:
        self._stage, self._totals = stage, totals

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stage, name)

    def run(self, work: Any, state: Any) -> None:
        t0 = time.perf_counter()
        self._stage.run(work, state)
        self._totals[self._stage.name] += time.perf_counter() - t0

    def run_document(self, state: Any) -> None:
        t0 = time.perf_counter()
        self._stage.run_document(state)
        self._totals[self._stage.name] += time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--no-prefilter", action="store_true", help="parse every sentence")
    args = parser.parse_args()

    from dragoman.config import Settings
    from dragoman.ingest import read_path
    from dragoman.knowledge import load_knowledge
    from dragoman.nlp import parse_documents
    from dragoman.runners import load_pipeline

    settings = Settings(prefilter=not args.no_prefilter)
    loaded = load_pipeline(settings, load_knowledge(settings))
    documents = list(itertools.islice(read_path(args.corpus), args.limit))
    totals: dict[str, float] = defaultdict(float)
    pipeline = loaded.pipeline
    for stages in (pipeline._before, pipeline._per_sentence, pipeline._unparsed, pipeline._after):
        stages[:] = [Timed(stage, totals) for stage in stages]  # the pipeline's own lists, for this bench

    t0 = time.perf_counter()
    parsed = list(parse_documents(loaded.nlp, documents, batch_size=loaded.batch_size, select=loaded.select))
    parse_seconds = time.perf_counter() - t0
    sentences = events = 0
    t0 = time.perf_counter()
    for one in parsed:
        result = loaded.pipeline.code(one)
        sentences += len(result.sentences)
        events += len(result.events)
    coding_seconds = time.perf_counter() - t0

    whole = parse_seconds + coding_seconds
    print(f"{len(documents)} documents, {sentences} sentences, {events} events; one process, "
          f"pre-filter {'off' if args.no_prefilter else 'on'}")
    print(f"{'':<28}{'seconds':>9}{'of coding':>11}{'of all':>9}")
    print(f"{'parse (spaCy, pre-filter)':<28}{parse_seconds:>9.2f}{'':>11}{parse_seconds / whole:>9.1%}")
    print(f"{'coding, all stages':<28}{coding_seconds:>9.2f}{'':>11}{coding_seconds / whole:>9.1%}")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<26}{seconds:>9.2f}{seconds / coding_seconds:>11.1%}{seconds / whole:>9.1%}")
    print(f"sentences/s: parse alone {sentences / parse_seconds:.0f}, whole {sentences / whole:.0f}")


if __name__ == "__main__":
    main()
