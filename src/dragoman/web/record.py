"""The diplomatic record as the dashboard shows it: for now, an empty record that says so.

The record (communications and their lifecycle, demands and offers, deadlines,
channels, positions) is not yet kept by the store. Its page and `/api/record`
already have their shape, so that filling it in changes what the lists hold,
not what a client reads: each list is empty and `available` is false.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RECORD_PARTS", "empty_record"]

# The parts of the record, in the order the page shows them.
RECORD_PARTS = ("communications", "demands", "deadlines", "channels", "positions")

NO_RECORD = (
    "no record in this store yet: this dragoman codes events but does not yet keep the diplomatic record "
    "(letters, demands, deadlines, channels, positions)"
)


def empty_record(doc_id: str | None) -> dict[str, Any]:
    """The record of a document (or of the whole store, doc_id None) when none is stored."""
    record: dict[str, Any] = {"available": False, "message": NO_RECORD, "doc_id": doc_id}
    record.update({part: [] for part in RECORD_PARTS})
    return record
