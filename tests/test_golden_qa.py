"""QA golden cases (tests/golden/qa_events.yaml), run like test_golden_events.py.

Extra keys a case's expected event may carry: `src_code` / `tgt_code` (the full
actor code) and `speaker` (the attribution speaker's country). A case with
`xfail: "<diagnosis>"` is a known failure; remove the key when the fix lands.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dragoman.records import Event

CASES = yaml.safe_load((Path(__file__).parent / "golden" / "qa_events.yaml").read_text(encoding="utf-8"))


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
def test_golden_qa(case, code_text):
    if case.get("xfail"):
        pytest.xfail(case["xfail"])
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
