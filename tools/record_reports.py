"""The project's own reports and their hand-written records, scored item by item (issue 18).

    python tools/record_reports.py              # per report, per group (tune, check) and in all
    python tools/record_reports.py --verbose    # ... with each report's missing and extra lines
    python tools/record_reports.py --refresh-known-failures tests/record/reports/known_failures.txt

A report is tests/record/reports/{tune,check}/NAME.yaml: `name`, an optional document
`date`, `text` and `expect`, the record a careful analyst draws from the text as the lines of
tests/record/record_digest.py (part -> lines). An *item* is one expected line; it is *found*
when the digest of the coded record has the same line, exactly; an *extra* is a line of the
digest that no expected line matches. A part the digest does not have yet counts its
expected lines as missing. Write rules looking at tune only; check is kept aside to judge them.

`score_reports(root)` returns the figures as a dict (bench/accuracy.py prints them in its
table); tests/record/test_reports.py holds every report to its record exactly, with the ones
that fail today listed in known_failures.txt (xfail, strict).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
REPORTS = Path("tests") / "record" / "reports"
GROUPS = ("tune", "check")
KNOWN_HEADER = """\
# Own reports (tests/record/reports/{tune,check}/*.yaml) whose record is not yet exactly the
# expected one: one id per line, then what is missing or extra. tests/record/test_reports.py
# marks them xfail(strict): a report that starts passing shows as XPASS and its line must go.
# Rewrite this file from the current code with
#     python tools/record_reports.py --refresh-known-failures tests/record/reports/known_failures.txt
"""


def load_reports(root: Path = ROOT) -> list[tuple[str, dict[str, Any]]]:
    """("tune/NAME", report) for every report, tune first, each group by file name."""
    out = []
    for group in GROUPS:
        for path in sorted((root / REPORTS / group).glob("*.yaml")):
            report = yaml.safe_load(path.read_text(encoding="utf-8"))
            out.append((f"{group}/{report['name']}", report))
    return out


def _digest_function(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("dragoman_record_digest", root / "tests" / "record" / "record_digest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.digest


def compare(expect: dict[str, list[str]], got: dict[str, list[str]]) -> tuple[list[str], list[str], list[str]]:
    """(found, missing, extra) lines, each as 'part: line'; lines match exactly, once each."""
    found, missing, extra = [], [], []
    for part in dict.fromkeys([*expect, *got]):
        left = Counter(got.get(part, []))
        for line in expect.get(part, []):
            if left[line]:
                left[line] -= 1
                found.append(f"{part}: {line}")
            else:
                missing.append(f"{part}: {line}")
        for line in got.get(part, []):
            if left[line]:
                left[line] -= 1
                extra.append(f"{part}: {line}")
    return found, missing, extra


def _totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "reports": len(rows),
        "exact": sum(not r["missing"] and not r["extra"] and not r["error"] for r in rows),
        "expected": sum(r["expected"] for r in rows),
        "found": sum(r["found"] for r in rows),
        "extra": sum(len(r["extra"]) for r in rows),
        "errors": sum(bool(r["error"]) for r in rows),
    }


def score_reports(root: Path = ROOT, nlp: Any = None) -> dict[str, Any]:
    """Code every report and compare its record with the expected one.

    {"reports": [{"id", "group", "expected", "found", "missing", "extra", "error"}, ...],
     "groups": {"tune" | "check" | "all": {"reports", "exact", "expected", "found", "extra", "errors"}}}
    `nlp` is a loaded pipeline (`dragoman.load(...)`); the default settings' when None. A report
    the code fails on keeps its error (the exception, in one line) and finds nothing."""
    if nlp is None:
        import dragoman

        nlp = dragoman.load(dragoman.Settings())
    digest = _digest_function(root)
    rows = []
    for ident, report in load_reports(root):
        expect = {part: list(lines) for part, lines in report["expect"].items()}
        try:
            result = nlp(report["text"], date=report.get("date"), doc_id=report["name"])
            found, missing, extra = compare(expect, digest(result.record))
            error = None
        except Exception as exc:  # noqa: BLE001 - a crash is a finding to report, not a reason to stop scoring
            found, missing, extra, error = [], [f"{p}: {line}" for p, lines in expect.items() for line in lines], [], f"{type(exc).__name__}: {exc}"
        rows.append({"id": ident, "group": ident.split("/")[0], "expected": len(found) + len(missing), "found": len(found),
                     "missing": missing, "extra": extra, "error": error})  # fmt: skip
    groups = {group: _totals([r for r in rows if r["group"] == group]) for group in GROUPS}
    groups["all"] = _totals(rows)
    return {"reports": rows, "groups": groups}


def print_scores(scores: dict[str, Any], verbose: bool = False, out: Any = sys.stdout) -> None:
    width = max(len(r["id"]) for r in scores["reports"]) + 2
    for r in scores["reports"]:
        print(f"{r['id']:<{width}}{r['found']:>3}/{r['expected']:<3} found, {len(r['extra']):>2} extra" + (f"  CRASH {r['error']}" if r["error"] else ""), file=out)
        if verbose:
            for line in r["missing"]:
                print(f"    - {line}", file=out)
            for line in r["extra"]:
                print(f"    + {line}", file=out)
    print(file=out)
    for group, t in scores["groups"].items():
        crashed = f", {t['errors']} crashed" if t["errors"] else ""
        print(f"{group:<6} {t['found']}/{t['expected']} items found, {t['extra']} extra; {t['exact']}/{t['reports']} reports exact{crashed}", file=out)


def refresh_known_failures(path: Path, scores: dict[str, Any]) -> int:
    """Rewrite the known-failures file from the scores: every report not exactly right, with what differs."""
    lines = []
    for r in scores["reports"]:
        if r["missing"] or r["extra"] or r["error"]:
            parts = sorted({line.split(":")[0] for line in r["missing"]}), sorted({line.split(":")[0] for line in r["extra"]})
            reason = r["error"] and f"crashes: {r['error']}" or (
                f"{r['found']}/{r['expected']} found; missing in {','.join(parts[0]) or '-'}; extra in {','.join(parts[1]) or '-'}"
            )
            lines.append(f"{r['id']}  {reason}")
    path.write_text(KNOWN_HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list each report's missing (-) and extra (+) lines")
    ap.add_argument("--refresh-known-failures", metavar="FILE", type=Path, help="rewrite FILE: the reports not exactly right today")
    args = ap.parse_args(argv)
    scores = score_reports(ROOT)
    print_scores(scores, verbose=args.verbose)
    if args.refresh_known_failures:
        n = refresh_known_failures(args.refresh_known_failures, scores)
        print(f"{args.refresh_known_failures}: {n} reports", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
