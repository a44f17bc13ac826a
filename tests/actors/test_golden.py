"""Golden phrases -> actors (the cases are in golden_actors.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dragoman.actors import resolve_span

CASES = yaml.safe_load((Path(__file__).parent / "golden_actors.yaml").read_text(encoding="utf-8"))["cases"]


def _date(value):
    return None if value is None else str(value)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['phrase']}@{c['date']}" for c in CASES])
def test_golden(case, nlp, knowledge):
    doc = nlp(case["sentence"])
    start = case["sentence"].index(case["phrase"])
    span = doc.char_span(start, start + len(case["phrase"]), alignment_mode="expand")
    actor = resolve_span(span, knowledge, _date(case["date"]))
    if case["expect"] is None:
        assert actor is None
        return
    assert actor is not None
    for field, want in case["expect"].items():
        assert getattr(actor, field) == want, f"{field}: {getattr(actor, field)!r} != {want!r} ({actor})"
    assert actor.text == span.text and actor.start == span.start_char
    if actor.basis == "fuzzy":
        assert actor.confidence < 1
