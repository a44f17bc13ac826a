"""Golden sentence -> events cases (every tests/golden/*.yaml), run as one parametrised test.

An expected event names src/tgt countries and the root, and may add modality,
date, `src_code` / `tgt_code` (full actor codes) and `speaker` (the country of
the attribution's speaker).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dragoman.records import Event

CASES = [
    case
    for path in sorted((Path(__file__).parent / "golden").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []
]


def _country(actor) -> str | None:
    return actor.country if actor is not None else None


def _code(actor) -> str | None:
    return actor.code if actor is not None else None


def _speaker(event: Event) -> str | None:
    return _country(event.attribution.speaker) if event.attribution is not None else None


def _matches(want: dict, event: Event) -> bool:
    if _country(event.source) != want["src"] or event.root != want["root"]:
        return False
    if "tgt" in want and _country(event.target) != want["tgt"]:
        return False
    if "src_code" in want and _code(event.source) != want["src_code"]:
        return False
    if "tgt_code" in want and _code(event.target) != want["tgt_code"]:
        return False
    if "speaker" in want and _speaker(event) != want["speaker"]:
        return False
    if "modality" in want and event.modality != want["modality"]:
        return False
    return "date" not in want or event.date.date == want["date"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case, code_text):
    result = code_text(case["text"], date=case.get("date"))
    acts = result.acts()
    shown = "\n".join(
        f"  {_code(e.source)} {e.cameo} {_code(e.target)} {e.modality} {e.date.date} speaker={_speaker(e)} <{e.trigger}>"
        for e in acts
    )
    if case.get("none"):
        assert not acts, f"expected no events, got:\n{shown}"
        return
    for want in case.get("expect", []):
        assert any(_matches(want, e) for e in acts), f"missing {want}; got:\n{shown}"
    if case.get("exact"):
        assert len(acts) == len(case["expect"]), f"unexpected extra events:\n{shown}"
    for root in case.get("forbid_roots", []):
        assert all(e.root != root for e in acts), f"root {root} must not be coded:\n{shown}"
