"""Every development set in one table: `python bench/accuracy.py` (or `make eval`).

    seed dev       ../shared/eval/seed_dev.jsonl over ../shared/corpus/seed-article.txt,
                   scored by ../shared/eval/score_events.py --subset (recall only)
    BBC dev        ../shared/eval/bbc_dev.jsonl over its 10 articles of the BBC corpus,
                   scored by score_events.py (recall on required and all rows, precision, F1)
    BBC sport      the corpus's sport articles: inter-state conflict events (roots 13-20
                   between different countries) per 100 articles (fewer is better)
    ConfliBERT     ../shared/eval/conflibert_train_coarse.jsonl: share of sentences with an
                   act, and the coarse class of the first act against the label (per
                   sentence: the accuracy over all sentences; and over coded ones)
    PETRARCH unit  ../shared/reference/petrarch2/petr_unit_dev.jsonl coded with the
                   PETR.Validate.* dictionaries alone (--no-builtin): recall and precision
                   of (source code, target code, event code) exactly, and with the event
                   code cut to its root

Every set is coded twice, with the pre-filter (prefilter.py: sentences without an event cue
or a possible actor are not parsed) and without it, side by side: what the pre-filter costs
is the difference (--prefilter on|off runs one column only).

Sets whose files are absent are reported as such. Options: --only NAME[,NAME] to run
some sets, --show to list the misses and false positives of the BBC dev set.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_events.py"
PETR = SHARED / "reference" / "petrarch2"
SETS = ("seed", "bbc", "sport", "conflibert", "petrarch")


def _score(gold: Path, events: Iterable[dict[str, Any]], *flags: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for e in events:
            out.write(json.dumps(e) + "\n")
    run = subprocess.run([sys.executable, str(SCORER), str(gold), out.name, *flags], capture_output=True, text=True, check=True)
    Path(out.name).unlink()
    if "--show" in flags:
        print(run.stdout)
    last = run.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


def seed(nlp: Any) -> list[tuple[str, str]]:
    article, gold = SHARED / "corpus" / "seed-article.txt", SHARED / "eval" / "seed_dev.jsonl"
    (result,) = nlp.pipe(nlp.read(article))
    s = _score(gold, (e.to_dict() for e in result.acts()), "--subset")
    return [("recall_required (subset)", f"{s['recall_required']:.2f}"), ("acts coded", f"{len(result.acts())}")]


def _corpus(ids: set[str] | None = None, category: str | None = None) -> list[dict[str, Any]]:
    rows = []
    with open(SHARED / "corpus" / "bbc-news-2004-2005.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if (ids is None or row["id"] in ids) and (category is None or row.get("category") == category):
                rows.append(row)
    return rows


def _documents(nlp: Any, rows: list[dict[str, Any]]) -> list[Any]:
    from dragoman import parse_text

    return [parse_text(r["text"], r["id"], tables=nlp.knowledge.ingest) for r in rows]


def bbc(nlp: Any, show: bool = False) -> list[tuple[str, str]]:
    gold = SHARED / "eval" / "bbc_dev.jsonl"
    ids = {json.loads(line)["doc"] for line in open(gold, encoding="utf-8") if line.strip()}
    events = [e.to_dict() for result in nlp.pipe(_documents(nlp, _corpus(ids))) for e in result.acts()]
    s = _score(gold, events, *(["--show"] if show else []))
    return [
        ("recall_required", f"{s['recall_required']:.2f}"),
        ("recall_all", f"{s['recall_all']:.2f}"),
        ("precision", f"{s['precision']:.2f}"),
        ("F1", f"{s['F1']:.2f}"),
        ("acts", f"{len(events)}"),
    ]


def sport(nlp: Any) -> list[tuple[str, str]]:
    rows = _corpus(category="sport")
    conflict = 0
    for result in nlp.pipe(_documents(nlp, rows)):
        for e in result.acts():
            if "13" <= e.root <= "20" and e.source and e.target and e.source.country and e.target.country:
                conflict += e.source.country != e.target.country
    return [("articles", f"{len(rows)}"), ("inter-state conflict events per 100", f"{100 * conflict / max(1, len(rows)):.1f}")]


def pentaclass(root: str) -> int:
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4


def conflibert(nlp: Any) -> list[tuple[str, str]]:
    from dragoman import parse_text

    path = SHARED / "eval" / "conflibert_train_coarse.jsonl"
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    documents = [parse_text(r["text"], str(r["idx"]), tables=nlp.knowledge.ingest) for r in rows]
    coded = agree = 0
    for row, result in zip(rows, nlp.pipe(documents)):
        acts = result.acts()
        if acts:
            coded += 1
            agree += pentaclass(acts[0].root) == row["pentaclass"]
    n = len(rows)
    return [
        ("sentences", f"{n}"),
        ("with an act", f"{coded / n:.2f}"),
        ("class right, of all sentences", f"{agree / n:.2f}"),
        ("class right, of coded", f"{agree / max(1, coded):.2f}"),
    ]


def petrarch(nlp_factory: Callable[..., Any], prefilter: bool) -> list[tuple[str, str]]:
    from dragoman import Settings, parse_text

    dictionaries = {kind: (str(PETR / f"PETR.Validate.{kind}.txt"),) for kind in ("verbs", "actors", "agents", "discards")}
    settings = Settings(
        verb_files=dictionaries["verbs"], actor_files=dictionaries["actors"], agent_files=dictionaries["agents"],
        discard_files=dictionaries["discards"], builtin=False, prefilter=prefilter,
    )  # fmt: skip
    nlp = nlp_factory(settings)
    rows = [json.loads(line) for line in open(PETR / "petr_unit_dev.jsonl", encoding="utf-8") if line.strip()]
    documents = [parse_text(r["text"], r["id"], date=r["date"], tables=nlp.knowledge.ingest) for r in rows]
    totals = {"exact": [0, 0, 0], "root": [0, 0, 0]}  # true positives, gold, coded
    for row, result in zip(rows, nlp.pipe(documents)):
        got = [((e.source.code if e.source else None) or "---", (e.target.code if e.target else None) or "---", e.cameo) for e in result.acts()]
        want = [(g["source"], g["target"], g["code"]) for g in row["gold"]]
        for level, cut in (("exact", lambda c: c), ("root", lambda c: c[:2])):
            g = [(s, t, cut(c)) for s, t, c in want]
            e = [(s, t, cut(c)) for s, t, c in got]
            remaining = list(e)
            tp = 0
            for item in g:
                if item in remaining:
                    remaining.remove(item)
                    tp += 1
            totals[level][0] += tp
            totals[level][1] += len(g)
            totals[level][2] += len(e)
    out = [("records", f"{len(rows)}")]
    for level, (tp, gold, coded) in totals.items():
        out.append((f"{level}: recall", f"{tp / max(1, gold):.2f}"))
        out.append((f"{level}: precision", f"{tp / max(1, coded):.2f}"))
    return out


def run_sets(wanted: list[str], prefilter: bool, show: bool) -> list[tuple[str, str, str]]:
    import dragoman

    nlp = dragoman.load(dragoman.Settings(prefilter=prefilter))
    rows: list[tuple[str, str, str]] = []
    for name in wanted:
        try:
            if name == "seed":
                found = seed(nlp)
            elif name == "bbc":
                found = bbc(nlp, show)
            elif name == "sport":
                found = sport(nlp)
            elif name == "conflibert":
                found = conflibert(nlp)
            else:
                found = petrarch(dragoman.load, prefilter)
        except FileNotFoundError as exc:
            found = [("absent", str(exc.filename))]
        except dragoman.DragomanError as exc:
            found = [("error", str(exc))]
        rows.extend((name, measure, value) for measure, value in found)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help=f"comma-separated sets among {', '.join(SETS)}")
    ap.add_argument("--show", action="store_true", help="list the BBC dev set's misses and false positives")
    ap.add_argument("--prefilter", choices=("both", "on", "off"), default="both", help="code with the pre-filter, without it, or both (default)")
    args = ap.parse_args()
    wanted = [s.strip() for s in args.only.split(",")] if args.only else list(SETS)
    unknown = [name for name in wanted if name not in SETS]
    if unknown:
        print(f"unknown set {unknown[0]!r}; sets: {', '.join(SETS)}", file=sys.stderr)
        return 2
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: the development sets live there", file=sys.stderr)
        return 2
    modes = {"both": (False, True), "on": (True,), "off": (False,)}[args.prefilter]
    columns = [run_sets(wanted, mode, args.show) for mode in modes]
    labels = ["pre-filter " + ("on" if mode else "off") for mode in modes]
    width = max(len(m) for _, m, _ in columns[0])
    print(f"{'set':<12}{'measure':<{width + 2}}" + "".join(f"{label:<16}" for label in labels))
    for i, (name, measure, value) in enumerate(columns[0]):
        others = [column[i][2] if i < len(column) else "-" for column in columns[1:]]
        print(f"{name:<12}{measure:<{width + 2}}" + "".join(f"{v:<16}" for v in (value, *others)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
