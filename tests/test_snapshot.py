"""The bundled example codes to exactly the events of tests/snapshots/ (every field).

A refactoring must not change a single field. A deliberate change to coding
rewrites the snapshot with `python tools/snapshot.py --update` in the same
commit. The knowledge fingerprint is left out: every data file changes it.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshots" / "us-iran-2025.jsonl"
EXAMPLE = ROOT / "src" / "dragoman" / "examples" / "us-iran-2025.txt"


def test_the_example_codes_to_the_snapshot(loaded):
    (result,) = loaded.pipe(loaded.read(EXAMPLE))
    as_json = [json.loads(json.dumps(e.to_dict(), ensure_ascii=False)) for e in result.events]  # tuples -> lists
    now = [{k: v for k, v in e.items() if k != "lexicon_fingerprint"} for e in as_json]
    stored = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
    assert len(now) == len(stored) == 26
    for before, after in zip(stored, now):
        assert after == before, f"event {before['event_id']} ({before['sentence'][:60]}) changed"
