"""The record of a store or of reports, as the command line and the web app ask for it.

    record_of(store, doc_id=None, page=FIRST_PAGE) -> dict   the JSON of docs/record.md, for
                                                            /api/record and the Record page
    stored_records(store, doc_id=None) -> Iterator[Record]   every stored record (or one)
    list_records(store, RecordQuery(...)) -> RecordListing  the documents that have a record,
                                                            counted per part, by party: for
                                                            `dragoman record --db` and /api/records
    is_store(path_or_url) -> bool                           a database, not a report to code

Nothing here parses arguments or prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError, UsageError
from ..store.base import FIRST_PAGE, EventStore, PageRequest, RecordQuery
from .listing import RecordListing
from .records import PARTS, Record

__all__ = ["NO_RECORD", "NO_RECORDS", "is_store", "list_records", "record_of", "stored_records"]

NO_RECORD = (
    "no record stored for this document: it was stored by a dragoman older than the record "
    "(schema 0004); code it again to keep its record"
)
NO_RECORDS = "no record in this store yet: code reports into it with this dragoman (dragoman code REPORT --db ...)"
_SQLITE_HEADER = b"SQLite format 3\x00"


def is_store(path_or_url: str) -> bool:
    """A store URL (sqlite://, postgresql://, ...) or an existing SQLite file, rather than a report."""
    if "://" in path_or_url or path_or_url == ":memory:":
        return True
    try:
        with open(path_or_url, "rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False if os.path.exists(path_or_url) else path_or_url.endswith((".db", ".sqlite", ".sqlite3"))


def stored_records(store: EventStore, doc_id: str | None = None) -> Iterator[Record]:
    """The record of one stored document (a StoreError if it has none), or every stored record by doc_id."""
    if doc_id is not None:
        found = store.record(doc_id)
        if found is None:
            known = store.document(doc_id) is not None
            raise StoreError(f"document {doc_id!r}: {NO_RECORD}" if known else f"no document {doc_id!r} in this store")
        yield found
        return
    page = store.records(FIRST_PAGE)
    yield from page.items
    while page.next_cursor is not None:
        page = store.records(PageRequest(limit=FIRST_PAGE.limit, cursor=page.next_cursor))
        yield from page.items


def record_of(store: EventStore, doc_id: str | None = None, page: PageRequest = FIRST_PAGE) -> dict[str, Any]:
    """The record of one document (doc_id) or of a page of the store's documents, as JSON.

    {"available": bool, "message": str | None, "doc_id": ..., "documents": [doc_id, ...],
     "communications": [...], "demands": [...], "deadlines": [...], "channels": [...],
     "positions": [...], "next_cursor": str | None}

    Each listed part is the part's JSON (docs/record.md) with the "doc_id" of its document
    added. `available` is false, with a message, when the document has no stored record;
    an unknown doc_id is an empty, unavailable record too.
    """
    records: tuple[Record, ...]
    cursor: str | None = None
    message: str | None = None
    if doc_id is not None:
        found = store.record(doc_id)
        records = (found,) if found is not None else ()
        if found is None:
            message = NO_RECORD if store.document(doc_id) is not None else f"no document {doc_id!r} in this store"
    else:
        got = store.records(page)
        records, cursor = got.items, got.next_cursor
        if not records and page.offset == 0 and page.cursor is None:
            message = NO_RECORDS
    out: dict[str, Any] = {
        "available": message is None,
        "message": message,
        "doc_id": doc_id,
        "documents": [r.doc_id for r in records],
    }
    dicts = [(r.doc_id, r.to_dict()) for r in records]
    for part in PARTS:
        out[part] = [{"doc_id": doc, **item} for doc, data in dicts for item in data[part]]
    out["next_cursor"] = cursor
    return out


def list_records(store: EventStore, query: RecordQuery) -> RecordListing:
    """The documents whose record holds at least one item (and involves query.party), a page
    of them, with how many documents match in all.

    A store with no record at all gives an empty listing with a message (NO_RECORDS); a
    party no stored record involves is a UsageError (a code or a name mistyped, most likely).
    """
    found = store.record_summaries(query)
    if found.total:
        return RecordListing(query, found.total, found.items)
    if query.party is not None and store.record_summaries(RecordQuery(limit=0)).total:
        raise UsageError(
            f"party {query.party!r}: no record in this store involves an actor with that code, country or name; "
            "give a code or country such as RUS or USAGOV, or a name as the record gives it, such as Russia"
        )
    return RecordListing(query, 0, (), NO_RECORDS)
