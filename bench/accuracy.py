"""Every development set in one table, in two fixed halves and two configurations: `python bench/accuracy.py` (or `make eval`).

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
                   PETR.Validate.* dictionaries: recall and precision of (source code, target
                   code, event code) exactly, and with the event code cut to its root
    grid           the construction grid (tools/grid.py): share of sentences exactly right,
                   and right at the level of countries and root; exact share per
                   construction and per root (n in brackets)
    own reports    the project's own reports with hand-written records
                   (tests/record/reports, tools/record_reports.py): record items found
                   exactly of those expected, extra items, reports exactly right

Halves: every set is reported in two fixed halves, "tune" and "check", beside the whole
("all"). Write rules looking at tune only; a change that lifts tune and not check is a
narrow rule. The cuts: BBC dev by document as ../shared/hooks/before-stop cuts it (the
documents sorted, tune = docs[0::2], check = docs[1::2]); the seed by its gold rows (ids
sorted, alternately); PETRARCH unit records by sorted id, alternately; ConfliBERT by idx
(even: tune, odd: check); sport by article order, alternately; the grid by row id,
alternately; the own reports by the folder each is kept in (tune/, check/).

Configurations (columns; the ablation of the built-in layer): "built-in" is the default
`dragoman.Settings()`; "PETRARCH only" has no built-in layer, PETRARCH2's verb dictionary
(CAMEO.2.0.txt) and the Phoenix actors, agents and discards. For the PETRARCH unit set the
two are the PETR.Validate dictionaries with the built-in layer under them, and alone.
`python bench/layering.py` lists what lies under these figures: the records and grid rows
whose reading the built-in layer changes or lowers.

Every configuration is coded with the pre-filter on (prefilter.py: sentences without an event
cue or a possible actor are not parsed); `--prefilter both` adds the columns without it (and
doubles the time), `--prefilter off` runs those alone. Sets whose files are absent are
reported as such. Options: --only NAME[,NAME] to run some sets, --config to run one
configuration, --show to list the BBC dev set's misses and false positives and the grid's
failures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_events.py"
PETR = SHARED / "reference" / "petrarch2"
SETS = ("seed", "bbc", "sport", "conflibert", "petrarch", "grid", "reports")
CONFIGS = ("built-in", "PETRARCH only")
HALVES = ("tune", "check", "all")

T = TypeVar("T")
Measures = list[tuple[str, dict[str, str]]]  # (measure, {half: value}); a half may lack a value


def _tool(name: str = "grid") -> Any:
    spec = importlib.util.spec_from_file_location(f"dragoman_{name}_tool", ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


grid_tool = _tool()


def alternate(items: Sequence[T]) -> dict[str, Sequence[T]]:
    """The halves of items in a fixed order: tune takes the 1st, 3rd, ...; check the 2nd, 4th, ..."""
    return {"tune": items[0::2], "check": items[1::2], "all": items}


def _score(gold: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]], *flags: str) -> dict[str, float]:
    paths = []
    for rows in (gold, events):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
            out.writelines(json.dumps(r) + "\n" for r in rows)
            paths.append(out.name)
    run = subprocess.run([sys.executable, str(SCORER), *paths, *flags], capture_output=True, text=True, check=True)
    for path in paths:
        Path(path).unlink()
    if "--show" in flags:
        print(run.stdout)
    last = run.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def seed(nlp: Any) -> Measures:
    article, gold = SHARED / "corpus" / "seed-article.txt", sorted(_jsonl(SHARED / "eval" / "seed_dev.jsonl"), key=lambda g: g["id"])
    (result,) = nlp.pipe(nlp.read(article))
    events = [e.to_dict() for e in result.acts()]
    recall = {half: f"{_score(rows, events, '--subset')['recall_required']:.2f}" for half, rows in alternate(gold).items()}
    return [("recall_required (subset)", recall), ("acts coded", {"all": f"{len(events)}"})]


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


def bbc(nlp: Any, show: bool = False) -> Measures:
    gold = _jsonl(SHARED / "eval" / "bbc_dev.jsonl")
    docs = sorted({g["doc"] for g in gold})
    events = [e.to_dict() for result in nlp.pipe(_documents(nlp, _corpus(set(docs)))) for e in result.acts()]
    out: dict[str, dict[str, str]] = {m: {} for m in ("recall_required", "recall_all", "precision", "F1", "acts")}
    for half, kept in alternate(docs).items():
        keep = set(kept)
        s = _score([g for g in gold if g["doc"] in keep], events, *(["--show"] if show and half == "all" else []))
        for measure in ("recall_required", "recall_all", "precision", "F1"):
            out[measure][half] = f"{s[measure]:.2f}"
        out["acts"][half] = f"{sum(e['doc_id'] in keep for e in events)}"
    return list(out.items())


def sport(nlp: Any) -> Measures:
    rows = _corpus(category="sport")
    conflict = []
    for result in nlp.pipe(_documents(nlp, rows)):
        n = 0
        for e in result.acts():
            if "13" <= e.root <= "20" and e.source and e.target and e.source.country and e.target.country:
                n += e.source.country != e.target.country
        conflict.append(n)
    halves = alternate(conflict)
    return [
        ("articles", {h: f"{len(v)}" for h, v in halves.items()}),
        ("inter-state conflict events per 100", {h: f"{100 * sum(v) / max(1, len(v)):.1f}" for h, v in halves.items()}),
    ]


def pentaclass(root: str) -> int:
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4


def conflibert(nlp: Any) -> Measures:
    from dragoman import parse_text

    rows = _jsonl(SHARED / "eval" / "conflibert_train_coarse.jsonl")
    documents = [parse_text(r["text"], str(r["idx"]), tables=nlp.knowledge.ingest) for r in rows]
    firsts = [(row["idx"], row["pentaclass"], result.acts()[0].root if result.acts() else None) for row, result in zip(rows, nlp.pipe(documents))]
    halves = {"tune": [f for f in firsts if f[0] % 2 == 0], "check": [f for f in firsts if f[0] % 2 == 1], "all": firsts}
    out: Measures = [(m, {}) for m in ("sentences", "with an act", "class right, of all sentences", "class right, of coded")]
    for half, part in halves.items():
        coded = sum(root is not None for _, _, root in part)
        agree = sum(root is not None and pentaclass(root) == label for _, label, root in part)
        n = max(1, len(part))
        for (_, values), value in zip(out, (f"{len(part)}", f"{coded / n:.2f}", f"{agree / n:.2f}", f"{agree / max(1, coded):.2f}")):
            values[half] = value
    return out


def petrarch_unit_settings(builtin: bool, prefilter: bool) -> Any:
    """PETRARCH's unit-test dictionaries (PETR.Validate.*), with the built-in layer under them or alone."""
    from dragoman import Settings

    files = {kind: (str(PETR / f"PETR.Validate.{kind}.txt"),) for kind in ("verbs", "actors", "agents", "discards")}
    return Settings(
        verb_files=files["verbs"], actor_files=files["actors"], agent_files=files["agents"], discard_files=files["discards"],
        builtin=builtin, prefilter=prefilter,
    )  # fmt: skip


def _matched(want: list[tuple[str, str, str]], got: list[tuple[str, str, str]]) -> int:
    remaining, tp = list(got), 0
    for item in want:
        if item in remaining:
            remaining.remove(item)
            tp += 1
    return tp


def petrarch(nlp: Any) -> Measures:
    from dragoman import parse_text

    rows = sorted(_jsonl(PETR / "petr_unit_dev.jsonl"), key=lambda r: r["id"])
    documents = [parse_text(r["text"], r["id"], date=r["date"], tables=nlp.knowledge.ingest) for r in rows]
    counts = []  # per record: {level: (true positives, gold, coded)}
    for row, result in zip(rows, nlp.pipe(documents)):
        got = [((e.source.code if e.source else None) or "---", (e.target.code if e.target else None) or "---", e.cameo) for e in result.acts()]
        want = [(g["source"], g["target"], g["code"]) for g in row["gold"]]
        record = {}
        for level, cut in (("exact", lambda c: c), ("root", lambda c: c[:2])):
            g = [(s, t, cut(c)) for s, t, c in want]
            e = [(s, t, cut(c)) for s, t, c in got]
            record[level] = (_matched(g, e), len(g), len(e))
        counts.append(record)
    out: Measures = [("records", {h: f"{len(v)}" for h, v in alternate(counts).items()})]
    for level in ("exact", "root"):
        recall, precision = {}, {}
        for half, part in alternate(counts).items():
            tp, gold, coded = (sum(r[level][k] for r in part) for k in range(3))
            recall[half], precision[half] = f"{tp / max(1, gold):.2f}", f"{tp / max(1, coded):.2f}"
        out += [(f"{level}: recall", recall), (f"{level}: precision", precision)]
    return out


def grid(nlp: Any, show: bool = False) -> Measures:
    rows = sorted(grid_tool.generate(), key=lambda r: r["id"])
    scored = grid_tool.score(rows, grid_tool.code_rows(nlp, rows))
    halves = alternate(scored)

    def share(test: Callable[[Any], bool], keep: Callable[[Any], bool] = lambda s: True, n: bool = False) -> dict[str, str]:
        out = {}
        for half, part in halves.items():
            kept = [s for s in part if keep(s)]
            out[half] = f"{sum(test(s) for s in kept) / max(1, len(kept)):.2f}" + (f" ({len(kept)})" if n else "")
        return out

    exact, loose = (lambda s: s.exact), (lambda s: s.loose)
    out: Measures = [("sentences", {h: f"{len(v)}" for h, v in halves.items()}), ("exact", share(exact)), ("countries and root", share(loose))]
    for construction in grid_tool.load_grid()["constructions"]:
        out.append((f"exact: {construction}", share(exact, lambda s, c=construction: s.row["construction"] == c, n=True)))
    for root in sorted({r["root"] for r in rows}):
        out.append((f"exact: root {root}", share(exact, lambda s, r=root: s.row["root"] == r, n=True)))
    if show:
        grid_tool.show_failures(scored)
    return out


def reports(nlp: Any) -> Measures:
    scores = _tool("record_reports").score_reports(ROOT, nlp)["groups"]
    return [
        ("items found/expected", {h: f"{t['found']}/{t['expected']}" for h, t in scores.items()}),
        ("extra items", {h: f"{t['extra']}" for h, t in scores.items()}),
        ("reports exact", {h: f"{t['exact']}/{t['reports']}" for h, t in scores.items()}),
    ]


def _settings(config: str, prefilter: bool) -> Any:
    import dragoman

    return dragoman.Settings(prefilter=prefilter) if config == "built-in" else grid_tool.petrarch_settings(prefilter=prefilter)


def run_sets(wanted: list[str], config: str, prefilter: bool, show: bool) -> list[tuple[str, str, dict[str, str]]]:
    """Every wanted set coded in one configuration: (set, measure, {half: value}) rows."""
    import dragoman

    nlp = None
    rows: list[tuple[str, str, dict[str, str]]] = []
    for name in wanted:
        started = time.perf_counter()
        try:
            if name == "petrarch":
                found = petrarch(dragoman.load(petrarch_unit_settings(config == "built-in", prefilter)))
            else:
                nlp = nlp or dragoman.load(_settings(config, prefilter))
                found = {"seed": seed, "bbc": lambda n: bbc(n, show), "sport": sport, "conflibert": conflibert,
                         "grid": lambda n: grid(n, show), "reports": reports}[name](nlp)  # fmt: skip
        except FileNotFoundError as exc:
            found = [("absent", {"all": str(exc.filename)})]
        except dragoman.DragomanError as exc:
            found = [("error", {"all": str(exc)})]
        print(f"  {name}: {config}, pre-filter {'on' if prefilter else 'off'}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        rows.extend((name, measure, values) for measure, values in found)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help=f"comma-separated sets among {', '.join(SETS)}")
    ap.add_argument("--show", action="store_true", help="list the BBC dev set's misses and false positives, and the grid's failures")
    ap.add_argument("--prefilter", choices=("both", "on", "off"), default="on", help="code with the pre-filter (default), without it, or both")
    ap.add_argument("--config", choices=("both", "built-in", "petrarch"), default="both", help="the configurations to run (default both)")
    args = ap.parse_args()
    wanted = [s.strip() for s in args.only.split(",")] if args.only else list(SETS)
    unknown = [name for name in wanted if name not in SETS]
    if unknown:
        print(f"unknown set {unknown[0]!r}; sets: {', '.join(SETS)}", file=sys.stderr)
        return 2
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: the development sets live there", file=sys.stderr)
        return 2
    modes = {"both": (True, False), "on": (True,), "off": (False,)}[args.prefilter]
    configs = {"both": CONFIGS, "built-in": CONFIGS[:1], "petrarch": CONFIGS[1:]}[args.config]
    started = time.perf_counter()
    columns = [(config, mode, run_sets(wanted, config, mode, args.show)) for config in configs for mode in modes]
    print_table(columns)
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


def print_table(columns: list[tuple[str, bool, list[tuple[str, str, dict[str, str]]]]]) -> None:
    """One line per measure: for each configuration, its tune, check and all values."""
    keys = list(dict.fromkeys((name, measure) for _, _, rows in columns for name, measure, _ in rows))
    keys.sort(key=lambda key: SETS.index(key[0]))  # stable: each set's measures keep their order
    found = [{(name, measure): values for name, measure, values in rows} for _, _, rows in columns]
    width = max(len(measure) for _, measure in keys) + 2
    cell = max(7, *(len(v) + 2 for values in (f.values() for f in found) for vs in values for v in vs.values() if len(v) < 14))
    modes = len({mode for _, mode, _ in columns})
    labels = [config + (f", pre-filter {'on' if mode else 'off'}" if modes > 1 else "") for config, mode, _ in columns]
    print(f"{'':<12}{'':<{width}}" + "".join(f"{label:<{cell * len(HALVES) + 2}}" for label in labels))
    print(f"{'set':<12}{'measure':<{width}}" + "".join("".join(f"{h:<{cell}}" for h in HALVES) + "  " for _ in columns))
    for key in keys:
        line = f"{key[0]:<12}{key[1]:<{width}}"
        for column in found:
            line += "".join(f"{column.get(key, {}).get(h, '-'):<{cell}}" for h in HALVES) + "  "
        print(line.rstrip())
    if any(name == "petrarch" for name, _ in keys):
        print("petrarch: 'built-in' is PETR.Validate.* over the built-in layer, 'PETRARCH only' PETR.Validate.* alone")


if __name__ == "__main__":
    sys.exit(main())
