"""Golden reports -> their records (every tests/record/golden/*.yaml), run as one parametrised test.

Each file is a short report in the project's own words (none of them is the seed
article's story) with the record a careful reader draws from it, part by part, as
the lines of `record_digest.digest`: exact lists, so a missing, extra or changed
communication, demand, deadline, channel step or position fails the case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from record_digest import digest, expected

CASES = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((Path(__file__).parent / "golden").glob("*.yaml"))]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_record(case, code_text):
    result = code_text(case["text"], date=case.get("date"), doc_id=case["name"])
    assert result.record.doc_id == case["name"]
    assert digest(result.record) == expected(case["expect"])


def test_the_golden_reports_hold_the_three_stories_of_the_issue():
    assert {"letters", "mediator", "ultimatum"} <= {c["name"] for c in CASES} and len(CASES) == 8
