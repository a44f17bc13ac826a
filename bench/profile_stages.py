"""Where the time goes inside the coding stages (parsing excluded), on a corpus sample.

    python bench/profile_stages.py [CORPUS.jsonl] [--limit N]

Parses the sample first, then times code_document over the parsed documents
under cProfile and prints the share of the coding time each stage takes, and
the share of the whole pipeline (parse + coding) that each takes: shares come
from the profile, seconds from a second, unprofiled pass.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"
STAGES = {
    "actors (mentions, resolution, coreference)": "read_sentence",
    "events (coder)": "code_sentence",
    "dates": "date_sentence",
    "voice": "read_voice",
    "event records": "_event",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()

    import itertools

    from dragoman.config import Settings
    from dragoman.ingest import read_path
    from dragoman.nlp import load_model, parse_documents
    from dragoman.pipeline import code_document, load

    knowledge = load(Settings())
    nlp = load_model()
    documents = list(itertools.islice(read_path(args.corpus), args.limit))
    t0 = time.perf_counter()
    parsed = list(parse_documents(nlp, documents))
    parse_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    for p in parsed:
        code_document(p, knowledge)
    coding_seconds = time.perf_counter() - t0  # unprofiled: cProfile slows Python code, not spaCy's

    profile = cProfile.Profile()
    profile.enable()
    for p in parsed:
        code_document(p, knowledge)
    profile.disable()

    stats = pstats.Stats(profile)
    cumulative = {}
    for (_, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        cumulative[name] = cumulative.get(name, 0.0) + row[3]
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    print(f"{len(documents)} documents: parse {parse_seconds:.1f}s, coding {coding_seconds:.1f}s "
          f"(coding = {coding_seconds / (parse_seconds + coding_seconds):.0%} of the pipeline)")
    for label, func in STAGES.items():
        share = cumulative.get(func, 0.0) / total if total else 0.0
        print(f"  {label:<45} {share:6.1%} of coding, {share * coding_seconds / (parse_seconds + coding_seconds):6.1%} of the pipeline")


if __name__ == "__main__":
    main()
