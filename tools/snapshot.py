"""Write (or check) the event snapshot the test suite compares against.

    python tools/snapshot.py            # show what differs from tests/snapshots/
    python tools/snapshot.py --update   # rewrite the snapshot after a deliberate change

The snapshot is every field of every event (non-events included) that the
bundled example (src/dragoman/examples/us-iran-2025.txt) gives, except the
knowledge fingerprint, which changes with any data file. A refactoring must
leave it as it is; a change to coding updates it in the same commit, and the
commit says why.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "dragoman" / "examples" / "us-iran-2025.txt"
SNAPSHOT = ROOT / "tests" / "snapshots" / "us-iran-2025.jsonl"
IGNORED = ("lexicon_fingerprint",)


def current_events() -> list[dict[str, object]]:
    import dragoman

    nlp = dragoman.load()
    (result,) = nlp.pipe(nlp.read(EXAMPLE))
    as_json = [json.loads(json.dumps(e.to_dict(), ensure_ascii=False)) for e in result.events]
    return [{k: v for k, v in e.items() if k not in IGNORED} for e in as_json]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite the snapshot file")
    args = ap.parse_args()
    events = current_events()
    if args.update:
        SNAPSHOT.write_text("".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in events), encoding="utf-8")
        print(f"{SNAPSHOT}: {len(events)} events written")
        return 0
    stored = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
    if stored == events:
        print(f"{SNAPSHOT}: {len(events)} events, no difference")
        return 0
    print(f"{SNAPSHOT}: {len(stored)} stored, {len(events)} now; run with --update if the change is deliberate")
    return 1


if __name__ == "__main__":
    sys.exit(main())
