"""The construction grid (tools/grid.py over tools/grid.yaml): the generator, and a fixed sample
of its rows coded exactly (the acts' multiset of source code, target code and root must equal
the row's `expect`: no extra event allowed).

Rows of the sample the coder gets wrong today are listed in grid_known_failures.txt (beside
this file) and marked xfail(strict=True): a change that fixes one shows as XPASS, and its
line must go. `python tools/grid.py --refresh-known-failures tests/coding/grid_known_failures.txt`
rewrites the list from the current coder.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("dragoman_grid_tool", ROOT / "tools" / "grid.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


grid = _tool()
KNOWLEDGE = grid.load_grid()
ROWS = grid.generate(KNOWLEDGE)
SAMPLE = grid.sample(ROWS)
KNOWN = grid.read_known_failures()
NEGATIVE = {"passive_agentless", "negated", "speculative"}


def test_the_grid_is_deterministic():
    assert grid.generate(grid.load_grid()) == ROWS
    assert grid.sample(ROWS) == SAMPLE


def test_ids_are_unique_and_the_grid_is_thousands_of_sentences():
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids))
    assert 2000 <= len(ROWS) <= 6000
    assert len({row["sentence"] for row in ROWS}) > 0.95 * len(ROWS)


def test_every_root_has_at_least_three_predicates():
    roots = KNOWLEDGE["predicates"]
    assert sorted(roots) == [f"{r:02d}" for r in range(1, 21)]
    for root, predicates in roots.items():
        assert len({p["verb"] for p in predicates}) >= 3, root
        assert all(len(p["vp"]) == 3 and all("{t" in part for part in p["vp"]) for p in predicates), root


def test_every_construction_and_actor_form_is_present():
    assert {row["construction"] for row in ROWS} == set(KNOWLEDGE["constructions"])
    assert {row["source_form"] for row in ROWS} == set(grid.FORMS) == {row["target_form"] for row in ROWS}
    assert set(KNOWLEDGE["forms"]) == set(grid.FORMS)


def test_every_root_and_construction_meets_every_form():
    met = defaultdict(set)
    for row in ROWS:
        met[row["construction"], row["root"]] |= {row["source_form"], row["target_form"]}
    for cell, forms in met.items():
        assert forms == set(grid.FORMS), cell


def test_negatives_expect_nothing_and_the_rest_something():
    for row in ROWS:
        assert (row["expect"] == []) == (row["construction"] in NEGATIVE), row["id"]


def test_expected_codes_are_full_cameo_codes():
    for row in ROWS:
        for e in row["expect"]:
            assert len(e["root"]) == 2 and "01" <= e["root"] <= "20"
            for code in (e["source"], e["target"]):
                assert code is None or (len(code) >= 3 and code.isupper() or code.startswith("---")), (row["id"], code)
            assert e["source"] != e["target"], row["id"]


def test_the_knowledge_says_where_it_comes_from():
    head = (ROOT / "tools" / "grid.yaml").read_text(encoding="utf-8")[:400]
    assert "the project's own sentences and words" in head


def test_the_sample_is_spread_over_constructions():
    assert 150 <= len(SAMPLE) <= 250
    counts = defaultdict(int)
    for row in SAMPLE:
        counts[row["construction"]] += 1
    assert set(counts) == set(KNOWLEDGE["constructions"])
    assert len({row["root"] for row in SAMPLE}) == 20


def test_known_failures_name_rows_of_the_sample():
    ids = {row["id"] for row in SAMPLE}
    stale = sorted(set(KNOWN) - ids)
    assert not stale, f"not in the sample (run tools/grid.py --refresh-known-failures): {stale}"


def _case(row):
    reason = KNOWN.get(row["id"])
    marks = [pytest.mark.xfail(strict=True, reason=reason or "known failure")] if row["id"] in KNOWN else []
    return pytest.param(row, id=row["id"], marks=marks)


@pytest.mark.parametrize("row", [_case(row) for row in SAMPLE])
def test_grid_sample(row, code_text):
    got = grid.acts_of(code_text(row["sentence"], date=KNOWLEDGE["date"], doc_id=row["id"]))
    assert got == grid.expected(row), f"{row['sentence']}\n  {grid.Scored(row, got).reason()}"
