"""The golden cases of date_cases.yaml, one test per document."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from dragoman.time import DateRules, DocumentClock, load_date_rules

CASES = yaml.safe_load((Path(__file__).parent / "date_cases.yaml").read_text(encoding="utf-8"))

@pytest.fixture(scope="module")
def date_rules() -> DateRules:
    return load_date_rules()



@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_date_case(case: dict[str, Any], date_rules: DateRules) -> None:
    clock = DocumentClock(date_rules, doc_date=case.get("doc_date"), reference_dates=case.get("references") or ())
    for sentence in case["sentences"]:
        text = sentence["text"]
        got = clock.date_sentence(text, sentence.get("block", 0), sentence.get("cites") or ())
        where = f"{case['name']!r}, sentence {text!r}"
        expect = sentence.get("expect")
        if expect == "none":
            assert all(v is None for v in asdict(got.main).values()), f"{where}: {got.main}"
        elif expect:
            _check(asdict(got.main), expect, where)
        if "deadline" in sentence:
            assert got.deadline is not None, f"{where}: no deadline"
            _check(asdict(got.deadline), sentence["deadline"], where + " (deadline)")
        if sentence.get("no_expressions"):
            assert got.expressions == (), f"{where}: {got.expressions}"
        for wanted in sentence.get("expressions") or ():
            by_text = {e.text: e for e in got.expressions}
            assert wanted["text"] in by_text, f"{where}: {wanted['text']!r} not in {list(by_text)}"
            found = by_text[wanted["text"]]
            assert text[found.start : found.end] == found.text
            flat = {"role": found.role, **asdict(found.value)}
            _check(flat, {k: v for k, v in wanted.items() if k != "text"}, where)


def _check(got: dict[str, Any], expect: dict[str, Any], where: str) -> None:
    for key, value in expect.items():
        assert got[key] == value, f"{where}: {key} is {got[key]!r}, expected {value!r} (all: {got})"
