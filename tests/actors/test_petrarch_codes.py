"""PETRARCH's actor codes from its own unit-test records, with its validation dictionaries alone.

Each row of petrarch_actor_codes.yaml names a record, an actor phrase of its sentence and the
code PETRARCH's gold gives it; the sentence is parsed, read by the mention reader (what the coder
sees), and the phrase's head must carry that code. Rows with `miss` are known differences (the
reason is in the file); they are strict expected failures, so a miss that starts passing shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from dragoman.actors import load_knowledge, resolve_span
from dragoman.mentions import MentionMemory, MentionReader

PETR = Path(__file__).resolve().parents[3] / "shared" / "reference" / "petrarch2"
ROWS = yaml.safe_load((Path(__file__).parent / "petrarch_actor_codes.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(not PETR.is_dir(), reason="../shared/reference/petrarch2 is absent")


@pytest.fixture(scope="module")
def validate():
    return load_knowledge([str(PETR / "PETR.Validate.actors.txt"), str(PETR / "PETR.Validate.agents.txt")], builtin=False)


@pytest.fixture(scope="module")
def records():
    return {r["id"]: r for r in map(json.loads, (PETR / "petr_unit_dev.jsonl").read_text(encoding="utf-8").splitlines())}


def petrarch_code(actor):
    """PETRARCH writes an actor of no country as ---GOV; dragoman as code None + sector GOV."""
    if actor is None:
        return None
    return actor.code or "---" + (actor.sector or "")


def _case(row):
    marks = [pytest.mark.xfail(strict=True, reason=row["miss"])] if "miss" in row else []
    return pytest.param(row, id=f"{row['id']}:{row['phrase']}:{row['code']}", marks=marks)


@pytest.mark.parametrize("row", [_case(r) for r in ROWS])
def test_petrarch_actor_code(row, records, validate, nlp):
    record = records[row["id"]]
    doc = nlp(record["text"])
    start = record["text"].index(row["phrase"])
    span = doc.char_span(start, start + len(row["phrase"]), alignment_mode="expand")
    sent = span.root.sent
    mentions = MentionReader(validate).read_sentence(MentionMemory(), sent, 0, record["date"])
    actor = mentions.actor_of(span.root) if span.root.i in mentions.actors else resolve_span(span, validate, record["date"])
    assert petrarch_code(actor) == row["code"]


def test_validate_dictionaries_read_with_their_problems(validate):
    """Every line of the validation dictionaries is read or named: the lines PETRARCH's own tests
    use to check its error handling come back as problems."""
    reasons = [p.split(": ", 1)[1] for p in validate.problems]
    assert reasons == [
        "null code [---]: the name is left out: BOROMIR  [---]",
        "country 'G77' must be three capital letters (or IGO/NGO/IMG): GROUP OF 77  [G77]",
        "not a CAMEO code: '+++': ISILDUR  [+++]",
        "several codes in one block (ELR/GAL): only ELR is used: LORIEN  [ELR/GAL]",
        "null code [---]: that period is left out: PRINCE OF DOL AMROTH",
        "several codes in one block (FRO/BIL/SAM): only FRO is used: THE_SHIRE  [FRO/BIL/SAM]",
    ]
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in validate.problems] == ["50", "101", "112", "130", "163", "188"]
