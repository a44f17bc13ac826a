"""Where the built-in layer changes PETRARCH's reading, item by item: `python bench/layering.py`.

The ablation of `make eval` (bench/accuracy.py) in figures; this lists what lies under them
(issue 17, item 4: the built-in layer must never lower a set):

    petrarch  each PETRARCH unit record (../shared/reference/petrarch2/petr_unit_dev.jsonl)
              whose events differ between the PETR.Validate dictionaries alone and over the
              built-in layer: the gold, both codings, and each event's trigger and pattern
    grid      each row of the construction grid (tools/grid.py) that PETRARCH2's and Phoenix's
              dictionaries alone get exactly right and the default settings do not

Options: --only petrarch|grid, --half tune|check|all (the grid's; default tune: look at tune,
confirm on check).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import PETR, alternate, grid_tool, petrarch_unit_settings


@contextmanager
def evidence() -> Iterator[dict[tuple[str, int], list[str]]]:
    """What each draft's code rests on, by (document id, trigger offset), while coding."""
    from dragoman import stages

    found: dict[tuple[str, int], list[str]] = {}
    run: Callable[..., None] = stages.CoderStage.run

    def noting(self: Any, work: Any, state: Any) -> None:
        run(self, work, state)
        for d in work.drafts:
            found.setdefault((state.document.doc_id, d.start), []).append(f"{d.code} {d.evidence}")

    stages.CoderStage.run = noting
    try:
        yield found
    finally:
        stages.CoderStage.run = run


def _code(actor: Any) -> str:
    return (actor.code if actor is not None else None) or "---"


def petrarch() -> None:
    import dragoman
    from dragoman import parse_text

    with open(PETR / "petr_unit_dev.jsonl", encoding="utf-8") as fh:
        rows = sorted((json.loads(line) for line in fh if line.strip()), key=lambda r: r["id"])
    coded = {}
    for builtin in (False, True):
        nlp = dragoman.load(petrarch_unit_settings(builtin, prefilter=True))
        with evidence() as found:
            results = list(nlp.pipe(parse_text(r["text"], r["id"], date=r["date"], tables=nlp.knowledge.ingest) for r in rows))
            coded[builtin] = [
                [(_code(e.source), _code(e.target), e.cameo, e.trigger, "; ".join(found.get((e.doc_id, e.trigger_span[0]), []))) for e in result.acts()]
                for result in results
            ]
    changed = 0
    for row, alone, layered in zip(rows, coded[False], coded[True]):
        if Counter(a[:3] for a in alone) == Counter(a[:3] for a in layered):
            continue
        changed += 1
        print(f"{row['id']}  {row['text']}")
        print(f"    gold     {[(g['source'], g['target'], g['code']) for g in row['gold']]}")
        for label, acts in (("alone", alone), ("built-in", layered)):
            print(f"    {label:<8} " + ("; ".join(f"{s} {c} {t} <{w}> [{why}]" for s, t, c, w, why in acts) or "nothing"))
    print(f"petrarch: {changed} of {len(rows)} records coded differently over the built-in layer")


def grid(half: str) -> None:
    import dragoman

    rows = alternate(sorted(grid_tool.generate(), key=lambda r: r["id"]))[half]
    scored = {}
    for name, settings in (("built-in", dragoman.Settings()), ("PETRARCH only", grid_tool.petrarch_settings())):
        scored[name] = grid_tool.score(rows, grid_tool.code_rows(dragoman.load(settings), rows))
    lowered = [b for b, p in zip(scored["built-in"], scored["PETRARCH only"]) if p.exact and not b.exact]
    raised = sum(b.exact and not p.exact for b, p in zip(scored["built-in"], scored["PETRARCH only"]))
    for s in lowered:
        print(f"{s.row['id']:<28}{s.row['sentence']}\n{'':<28}built-in: {s.reason()}")
    print(f"grid ({half}): the built-in layer lowers {len(lowered)} rows, raises {raised}; lowered by construction: "
          + ", ".join(f"{k} {n}" for k, n in Counter(s.row["construction"] for s in lowered).most_common()))  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("petrarch", "grid"))
    ap.add_argument("--half", choices=("tune", "check", "all"), default="tune")
    args = ap.parse_args()
    if not PETR.is_dir():
        print(f"{PETR} is absent: the PETRARCH records live there", file=sys.stderr)
        return 2
    if args.only in (None, "petrarch"):
        petrarch()
    if args.only in (None, "grid"):
        grid(args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
