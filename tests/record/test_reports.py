"""The project's own reports -> their records (tests/record/reports/{tune,check}/*.yaml), issue 18.

Twenty-five short reports written for dragoman (real states, invented officials), each about one
kind of crisis diplomacy (communications, offers, demands and deadlines, channels,
agreements, ruptures) in one style (wire copy, analysis, encyclopedia page, timeline, news),
with the record a careful analyst draws from it written by hand, as the lines of
`record_digest.digest`. Twenty are "tune" (write rules looking at them), five "check" (kept
aside, in other words). Each case holds the whole digest to `expect` exactly.

Reports whose record is not yet the expected one are listed in reports/known_failures.txt
and marked xfail(strict=True, raises=AssertionError): one that starts passing shows as XPASS
and its line must go; one that crashes fails.
`python tools/record_reports.py --verbose` shows what each one misses;
`--refresh-known-failures tests/record/reports/known_failures.txt` rewrites the list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from record_digest import digest

HERE = Path(__file__).parent / "reports"
GROUPS = ("tune", "check")
PARTS = ("communications", "demands", "deadlines", "channels", "positions", "agreements", "ruptures")
REPORTS = [
    (f"{group}/{path.stem}", yaml.safe_load(path.read_text(encoding="utf-8")))
    for group in GROUPS
    for path in sorted((HERE / group).glob("*.yaml"))
]


def _known_failures() -> dict[str, str]:
    """id -> reason, from lines 'id  reason' ('#' starts a comment line)."""
    out = {}
    for line in (HERE / "known_failures.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, _, reason = line.strip().partition(" ")
            out[ident] = reason.strip()
    return out


KNOWN = _known_failures()


def _param(ident: str, report: dict) -> object:
    # raises=AssertionError: a known failure is a record that differs; a crash still fails the run
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN[ident] or "known failure")] if ident in KNOWN else []
    return pytest.param(report, id=ident, marks=marks)


@pytest.mark.parametrize("report", [_param(ident, report) for ident, report in REPORTS])
def test_own_report_record(report, code_text):
    result = code_text(report["text"], date=report.get("date"), doc_id=report["name"])
    assert digest(result.record) == report["expect"]


def test_the_reports_are_twenty_to_tune_and_five_to_check_each_with_every_part():
    groups = [ident.split("/")[0] for ident, _ in REPORTS]
    assert (groups.count("tune"), groups.count("check")) == (20, 5)
    for ident, report in REPORTS:
        assert ident.endswith("/" + report["name"]), f"{ident}: its name is {report['name']!r}"
        assert tuple(report["expect"]) == PARTS, f"{ident}: parts {tuple(report['expect'])}"
        assert any(report["expect"].values()), f"{ident}: an empty record tests nothing"


def test_known_failures_name_reports():
    stale = sorted(set(KNOWN) - {ident for ident, _ in REPORTS})
    assert not stale, f"not a report (run tools/record_reports.py --refresh-known-failures): {stale}"
