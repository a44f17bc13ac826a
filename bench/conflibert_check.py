"""A coarse check of event detection on real news unlike the seed (ConfliBERT sentences).

    python bench/conflibert_check.py [../shared/eval/conflibert_train_coarse.jsonl] [--limit N]

Each sentence carries a 5-way label (0 statements/appeals, 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict). Prints how many
sentences get at least one coded act, and how often the class of dragoman's
first act agrees with the label, overall and per class.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "conflibert_train_coarse.jsonl"


def pentaclass(root: str) -> int:
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()

    from dragoman.config import Settings
    from dragoman.ingest import parse_text
    from dragoman.pipeline import run

    rows = [json.loads(line) for line in itertools.islice(open(args.path, encoding="utf-8"), args.limit)]
    documents = (parse_text(r["text"], str(r["idx"])) for r in rows)
    coded = agree = 0
    per_class: Counter[tuple[int, str]] = Counter()
    for row, result in zip(rows, run(documents, Settings())):
        acts = result.acts()
        label = row["pentaclass"]
        per_class[(label, "n")] += 1
        if not acts:
            continue
        coded += 1
        per_class[(label, "coded")] += 1
        if pentaclass(acts[0].root) == label:
            agree += 1
            per_class[(label, "agree")] += 1
    n = len(rows)
    print(f"{n} sentences: {coded} ({coded / n:.0%}) with an act; class agrees on {agree} ({agree / max(coded, 1):.0%} of coded)")
    for label in range(5):
        total = per_class[(label, "n")]
        c, a = per_class[(label, "coded")], per_class[(label, "agree")]
        print(f"  class {label}: {total:4d} sentences, coded {c / max(total, 1):4.0%}, agree {a / max(c, 1):4.0%} of coded")


if __name__ == "__main__":
    main()
