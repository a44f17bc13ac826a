"""Speed of resolve_span over BBC noun chunks (a benchmark, not a test).

    .venv/bin/python bench/resolve_speed.py [N_ARTICLES]

Parses the first N articles of ../shared/corpus/bbc-news-2004-2005.jsonl (parsing
is not timed), then times resolve_span on every noun chunk, and prints
microseconds per call and the most frequent unresolved names.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dragoman.actors import load_knowledge, resolve_span, unresolved_counts
from dragoman.nlp import load_model

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-news-2004-2005.jsonl"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    texts = [json.loads(line)["text"] for line, _ in zip(CORPUS.open(encoding="utf-8"), range(n))]
    nlp = load_model()  # the model as the pipeline loads it
    knowledge = load_knowledge()
    chunks = [chunk for doc in nlp.pipe(texts, batch_size=64) for chunk in doc.noun_chunks]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    actors = [resolve_span(chunk, knowledge, "2005-01-01") for chunk in chunks]
    elapsed = time.perf_counter() - start
    coded = sum(1 for a in actors if a is not None and a.code)
    print(f"{len(texts)} articles, {words} words, {len(chunks)} noun chunks")
    print(f"resolve_span: {elapsed * 1e6 / len(chunks):.1f} us per call ({elapsed:.2f} s); "
          f"{coded} coded, {sum(1 for a in actors if a is None)} not actors")
    print("most frequent unresolved:", unresolved_counts(actors)[:15])


if __name__ == "__main__":
    main()
