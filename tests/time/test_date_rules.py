"""The rules file: it loads, its examples match, bad files fail with one clear line."""

from __future__ import annotations

import functools
import pickle
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.errors import KnowledgeError
from dragoman.time import DateRules, DocumentClock, load_date_rules
from dragoman.time.calendar import parse_iso
from dragoman.time.rules import compile_date_rules

RULES_FILE = Path(__file__).resolve().parents[2] / "src" / "dragoman" / "data" / "date_rules.yaml"

@pytest.fixture(scope="module")
def date_rules() -> DateRules:
    return load_date_rules()



def _examples() -> list[tuple[str, str]]:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return [(rule["name"], example) for rule in data["rules"] for example in rule.get("examples") or ()]


@pytest.mark.parametrize(("name", "example"), _examples())
def test_rule_example_matches_whole_and_passes_the_fast_path(name: str, example: str, date_rules: DateRules) -> None:
    candidates = {rule.name: rule for rule in date_rules.candidates(example)}
    assert name in candidates, f"{example!r} does not meet the needs of rule {name}"
    assert candidates[name].pattern.fullmatch(example), f"rule {name} does not match {example!r}"


def test_rules_pickle_and_fingerprint(date_rules: DateRules) -> None:
    again = pickle.loads(pickle.dumps(date_rules))
    assert again.fingerprint == date_rules.fingerprint
    assert len(date_rules.fingerprint) == 64
    assert load_date_rules(str(RULES_FILE)).fingerprint == date_rules.fingerprint


def test_clock_state_pickles(date_rules: DateRules) -> None:
    clock = DocumentClock(date_rules, doc_date="2010-05-05")
    clock.date_sentence("On 3 May 2010 the talks began.", 0)
    copy = pickle.loads(pickle.dumps(clock))
    assert copy.date_sentence("They ended.", 0).main.date == "2010-05-03"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("months"), "missing section"),
        (lambda d: d["rules"].append({"name": "x", "pattern": "(", "means": {"kind": "calendar"}, "needs": ["digit"]}), "bad pattern"),
        (lambda d: d["rules"].append({"name": "y", "pattern": "y", "means": {"kind": "guess"}, "needs": ["digit"]}), "kind must be"),
        (lambda d: d["rules"].append({"name": "z", "pattern": "z", "means": {"kind": "calendar"}}), "needs is required"),
        (lambda d: d["comparison_cues"].append(True), "quote it"),
    ],
)
def test_invalid_rules_are_refused(change, message: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(KnowledgeError, match=message):
        compile_date_rules(data, source="test.yaml")


def test_unreadable_rules_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        load_date_rules(str(tmp_path / "absent.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML") as info:
        load_date_rules(str(bad))
    assert "\n" not in str(info.value)


WORDS = st.sampled_from(
    "On March 7 , 2025 the next day 16 May in 2015 since 1990s later that month Friday week weeks two after "
    "sending letter within 3 months by end of $21m 100% 120,000 last year today ago . mid- early April 2004-11-10 "
    "the same year 31 February Section 2015 earlier a couple of days hours".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=25).map(" ".join), min_size=1, max_size=6), st.sampled_from([None, "2004-11-10"]))
def test_any_text_gives_well_formed_dates(sentences: list[str], doc_date: str | None) -> None:
    rules = load_date_rules_once()
    clock = DocumentClock(rules, doc_date=doc_date)
    for index, text in enumerate(sentences):
        result = clock.date_sentence(text, index // 2, ["2025-03-08"] if index % 3 == 0 else [])
        for value in [result.main, result.deadline, *(e.value for e in result.expressions)]:
            if value is None or value.date is None:
                continue
            assert parse_iso(value.date) is not None, value
            assert value.precision in {"day", "range", "month", "year", "decade"}
            assert value.basis in {"explicit", "relative", "inherited", "citation", "document"}
            if value.date_end is not None:
                assert parse_iso(value.date_end) is not None
                assert parse_iso(value.date_end).last >= parse_iso(value.date).first  # type: ignore[union-attr]
        for expression in result.expressions:
            assert text[expression.start : expression.end] == expression.text
        if not rules.candidates(text):  # the fast path skips exactly the texts no rule matches
            assert not any(rule.pattern.search(text) for rule in rules.rules), text


@functools.cache
def load_date_rules_once() -> DateRules:
    """Hypothesis does not mix with function-scoped fixtures; load once here instead."""
    return load_date_rules()
