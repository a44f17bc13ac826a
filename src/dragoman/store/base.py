"""What a store is, independent of any database: the `EventStore` protocol and its records.

    EventQuery       which events to read, and which page of them
    PageRequest      which page of documents to read
    Page             one page of results and the cursor of the next
    DocumentSummary  one line of the document list
    RecordQuery      which documents with a record to list: by party, in which order, which page
    RecordSummary    one line of that list: a document and how many items each part of its record holds
    RecordSummaries  one page of that list and how many documents the query matches
    StoredDocument   a document read back whole, with its sentences and events

Every store orders events by the same key, `event_key`: undated events last,
then date (as text), doc_id, sentence_index, event_id. Cursors are that key
(or, for documents, the doc_id) of the last row of a page, as urlsafe base64 of
JSON. Paging by cursor (keyset paging) lets a store seek to a page instead of
counting through every row before it, and an event saved meanwhile cannot make
the next page repeat or skip rows, as it can with offsets.

Nothing here imports a store implementation, so implementations import this
module and the package `__init__` imports them, with no cycle.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from ..errors import StoreError
from ..filters import check_actor_and_dates
from ..happenings.records import GroupingStamp, Happening, HappeningQuery
from ..record.records import PARTS, Record, RecordLink
from ..records import Document, Event, Sentence

__all__ = [
    "FIRST_PAGE",
    "MAX_ROWS",
    "RECORD_SORTS",
    "Coding",
    "DocumentSummary",
    "EventKey",
    "EventQuery",
    "EventStore",
    "Page",
    "PageRequest",
    "RecordQuery",
    "RecordSummaries",
    "RecordSummary",
    "StoredDocument",
    "decode_document_cursor",
    "decode_event_cursor",
    "document_cursor",
    "event_cursor",
    "event_key",
    "input_digest",
    "record_summary",
]

T = TypeVar("T")

# Far more rows than any store holds, and small enough for every database's integers.
MAX_ROWS = 1_000_000_000

# An ISO date at any precision the dating stage produces: decade ("201"), year,
# month or day. [0-9], not \d, which also matches other scripts' digits.

# (undated, date or "", doc_id, sentence_index, event_id): the order of every store.
EventKey = tuple[bool, str, str, int, str]

_EVENT_CURSOR = "e"
_DOCUMENT_CURSOR = "d"
_SQL_INT = 2**63  # a sentence_index outside +-2**63 cannot be bound as an SQL integer


def event_key(event: Event) -> EventKey:
    """Where `event` sits in the store's order."""
    date = event.date.date
    return (date is None, date or "", event.doc_id, event.sentence_index, event.event_id)


def event_cursor(event: Event) -> str:
    """A cursor that continues after `event`."""
    return _encode([_EVENT_CURSOR, event.date.date, event.doc_id, event.sentence_index, event.event_id])


def document_cursor(doc_id: str) -> str:
    """A cursor that continues after the document `doc_id`."""
    return _encode([_DOCUMENT_CURSOR, doc_id])


def decode_event_cursor(cursor: str) -> EventKey:
    """The key an event cursor continues after; a StoreError for anything else."""
    payload = _decode(cursor, _EVENT_CURSOR, 5)
    _, date, doc_id, index, event_id = payload
    if not (
        (date is None or isinstance(date, str))
        and isinstance(doc_id, str)
        and type(index) is int  # not bool
        and -_SQL_INT <= index < _SQL_INT
        and isinstance(event_id, str)
    ):
        raise _not_a_cursor(cursor)
    return (date is None, date or "", doc_id, index, event_id)


def decode_document_cursor(cursor: str) -> str:
    """The doc_id a document cursor continues after; a StoreError for anything else."""
    _, doc_id = _decode(cursor, _DOCUMENT_CURSOR, 2)
    if not isinstance(doc_id, str):
        raise _not_a_cursor(cursor)
    return doc_id


def _encode(payload: list[Any]) -> str:
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")  # "=" would need escaping in a URL


def _decode(cursor: str, kind: str, length: int) -> list[Any]:
    if not isinstance(cursor, str) or not cursor.isascii():
        raise _not_a_cursor(cursor)
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        payload = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise _not_a_cursor(cursor) from exc
    if not (isinstance(payload, list) and len(payload) == length and payload[0] == kind):
        raise _not_a_cursor(cursor)
    return payload


def _not_a_cursor(cursor: object) -> StoreError:
    shown = repr(cursor) if len(repr(cursor)) <= 40 else repr(cursor)[:37] + "..."
    return StoreError(f"cursor={shown} is not a cursor this store made; pass back a page's next_cursor unchanged")


def _check_count(name: str, value: object, *, smallest: int) -> None:
    # type() rather than isinstance: True is an int, and "limit=True" is a mistake.
    if type(value) is not int:
        raise StoreError(f"{name}={value!r} must be a whole number")
    if not smallest <= value <= MAX_ROWS:
        raise StoreError(f"{name}={value} must be between {smallest} and {MAX_ROWS:_}")


# ---------------------------------------------------------------- queries


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to read back; every filter left as None (or empty) matches everything.

    actor     a code prefix ("USAGOV", "IRN") of the source or target code, or
              exactly the source's or target's country ("IRN")
    since     ISO date, maybe partial ("2025", "2025-03", "2025-03-08", "201" for
              the 2010s); it must be a real date ("2025-02-30" is refused)
    until     the same. Dates are compared at the coarser of the two precisions,
              so an event is kept unless its date lies wholly outside the window:
              since="2025-03" keeps "2025-03-08" and "2025" but not "2025-02-28";
              until="2025-03" keeps "2025-03-31". A range event counts by its end
              for `since`. Events without a date are left out when either is given.
    modality  "asserted", "threatened", ... (exact)
    basis     the date basis: "explicit", "inherited", "relative", ... (exact)
    root      CAMEO root code, e.g. "13" (exact)
    doc_id    one document (exact)
    limit     at most this many events (None: all), 0 to 1_000_000_000
    exclude_modalities
              leave out events with any of these modalities (callers pass the
              modalities they count as non-events). Applied by the store before
              offset and limit, so limit=5 gives 5 events whenever 5 remain.
    offset    skip this many matching events first
    cursor    start after the event a page's `next_cursor` names. Use either a
              cursor or an offset, not both: an offset counted from a cursor
              would have to be dropped again for the page after, which is
              easy to get wrong, so the combination is refused.
    """

    actor: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    basis: str | None = None
    root: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    # Added after the fields above, so that positional arguments keep their meaning.
    exclude_modalities: frozenset[str] = frozenset()
    offset: int = 0
    cursor: str | None = None

    def __post_init__(self) -> None:
        check_actor_and_dates(self.actor, self.since, self.until)
        excluded = self.exclude_modalities
        if not isinstance(excluded, (frozenset, set, list, tuple)) or not all(isinstance(m, str) for m in excluded):
            raise StoreError(f"exclude_modalities={excluded!r} must be a set of modality names such as {{'negated'}}")
        if not isinstance(excluded, frozenset):
            object.__setattr__(self, "exclude_modalities", frozenset(excluded))  # so the query stays hashable
        _check_count("offset", self.offset, smallest=0)
        if self.limit is not None:
            _check_count("limit", self.limit, smallest=0)
        if self.cursor is not None:
            decode_event_cursor(self.cursor)
            if self.offset:
                raise StoreError("use either a cursor or an offset, not both: a cursor already says where to start")

    def after(self) -> EventKey | None:
        """The key the cursor continues after; None without a cursor."""
        return None if self.cursor is None else decode_event_cursor(self.cursor)


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page of a list to read: by offset, or after a page's `next_cursor`.

    limit is at least 1: a page of nothing could not say where the next one starts.
    As for events, a cursor and an offset together are refused.
    """

    offset: int = 0
    limit: int = 100
    cursor: str | None = None

    def __post_init__(self) -> None:
        _check_count("offset", self.offset, smallest=0)
        _check_count("limit", self.limit, smallest=1)
        if self.cursor is not None:
            decode_document_cursor(self.cursor)
            if self.offset:
                raise StoreError("use either a cursor or an offset, not both: a cursor already says where to start")


FIRST_PAGE = PageRequest()  # frozen, so one shared default is safe


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results; `next_cursor` is None on the last page."""

    items: tuple[T, ...]
    next_cursor: str | None


# ---------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One stored document, as listed; `events` counts all its events, non-events included."""

    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    events: int


# ---------------------------------------------------------------- the record, listed

RECORD_SORTS = ("items", "doc")  # most items first (then by doc_id), or by doc_id alone
_MAX_PARTY = 200  # longer is no code or name anyone typed


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Which documents with a record to list: those whose record holds at least one item
    (a row of record_items), maybe only those that involve a party.

    party   a code prefix or a country in any case ("irn", "USAGOV"), or the name of an
            actor as the record gives it, in any case ("iran", "Abbas Araghchi"), or the
            first words of one ("united states" finds "United States government"); a
            record involves an actor it names anywhere (record/parties.py)
    sort    "items": most items first, then by doc_id; "doc": by doc_id
    offset  skip this many matching documents first
    limit   at most this many (None: all; 0: none, only the total)
    """

    party: str | None = None
    sort: str = "items"
    offset: int = 0
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.party is not None:
            if not isinstance(self.party, str) or not self.party.strip():
                raise StoreError("party must not be empty: use a code such as IRN or a name such as Iran")
            if len(self.party) > _MAX_PARTY:
                raise StoreError(f"party is {len(self.party)} characters long; at most {_MAX_PARTY} make sense")
        if self.sort not in RECORD_SORTS:
            raise StoreError(f"sort={self.sort!r}: use {' or '.join(RECORD_SORTS)}")
        _check_count("offset", self.offset, smallest=0)
        if self.limit is not None:
            _check_count("limit", self.limit, smallest=0)


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """One document with a record: how many items each part of it holds (PARTS, in order;
    a channel counts its steps, as record_items does), and all of them together."""

    doc_id: str
    title: str | None
    date: str | None
    outlet: str | None
    parts: tuple[tuple[str, int], ...]  # (part, items) for every part of PARTS
    items: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "date": self.date, "outlet": self.outlet,
                "items": self.items, "parts": dict(self.parts)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RecordSummaries:
    """One page of documents with a record, and how many the query matches in all."""

    total: int
    items: tuple[RecordSummary, ...]


def record_summary(row: Sequence[Any], parts: Sequence[str] = PARTS) -> RecordSummary:
    """A RecordSummary from a row: doc_id, title, date, outlet, items, then one count per part."""
    doc_id, title, date, outlet, items, *counts = row
    return RecordSummary(doc_id, title, date, outlet, tuple(zip(parts, map(int, counts), strict=True)), int(items))


@dataclass(frozen=True, slots=True)
class Coding:
    """What a stored document was coded from (migration 0006): both None if stored before it."""

    input_sha256: str | None  # input_digest of the document as it was read
    coded_with: str | None  # the coding stamp the caller saved it with (dragoman.resume.coding_stamp)


def input_digest(document: Document) -> str:
    """sha256 (hex) over what coding reads of a document: its text, title, date, url and outlet.

    Not its path (the same corpus read from another folder is the same input) nor what ingest
    derives from the text (blocks, references), which the knowledge fingerprint covers."""
    digest = hashlib.sha256(document.text.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + json.dumps([document.title, document.date, document.url, document.outlet]).encode("ascii"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as stored: the Document itself, its sentences by index, its events in store order."""

    document: Document
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]


# ---------------------------------------------------------------- the protocol


class EventStore(Protocol):
    """What every store offers; use it as a context manager to close it.

    A store opened read-only raises StoreError from `save`.
    """

    @property
    def read_only(self) -> bool: ...

    def save(
        self,
        result_document: Document,
        sentences: Sequence[Sentence],
        events: Sequence[Event],
        record: Record | None = None,
        *,
        coded_with: str | None = None,
    ) -> None:
        """Replace everything stored for this document, atomically: its diplomatic record too
        (None stores none; every event the record names must be among `events`), and what it
        was coded from (its input_digest, and `coded_with`, the caller's coding stamp)."""
        ...

    def codings(self, doc_ids: Sequence[str]) -> dict[str, Coding]:
        """What each of these documents that is stored was coded from, by doc_id (the others
        are left out): one query per few hundred ids, whatever the store holds."""
        ...

    def events(self, query: EventQuery) -> Iterator[Event]:
        """Matching events in store order (see `event_key`), streamed."""
        ...

    def event_page(self, query: EventQuery) -> Page[Event]:
        """One page of matching events: query.limit of them (None: all that remain; 0 is refused)."""
        ...

    def count_events(self, query: EventQuery) -> int:
        """How many events the query's filters match; its offset, limit and cursor are ignored."""
        ...

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        ...

    def document(self, doc_id: str) -> StoredDocument | None:
        """The document with this id, read back whole, or None."""
        ...

    def documents(self, page: PageRequest = FIRST_PAGE) -> Page[DocumentSummary]:
        """One page of stored documents, by doc_id."""
        ...

    def record(self, doc_id: str) -> Record | None:
        """The diplomatic record stored with this document, or None (no such document, or one
        stored without a record: by a dragoman before schema 0004)."""
        ...

    def records(self, page: PageRequest = FIRST_PAGE) -> Page[Record]:
        """One page of the stored records, by doc_id (documents without a record are not listed)."""
        ...

    def record_summaries(self, query: RecordQuery) -> RecordSummaries:
        """The documents whose record holds at least one item (and involves query.party), with
        how many items each part holds; counted in the database, so no record is read whole."""
        ...

    def record_links(self, event_id: str) -> tuple[RecordLink, ...]:
        """The parts of records that name this event (its communication, demand, deadline, channel
        step, position), by doc_id, part and item id."""
        ...

    def events_version(self) -> int:
        """A number every change to the stored events raises: a grouping stamped with it knows
        whether the events changed since (migration 0005)."""
        ...

    def document_digests(self) -> Iterator[tuple[str, str, str | None]]:
        """(doc_id, sha256 of its text, outlet) of every stored document, by doc_id."""
        ...

    def grouping(self) -> GroupingStamp | None:
        """What the stored happenings were grouped from; None before any grouping was stored."""
        ...

    def replace_happenings(self, happenings: Sequence[Happening], stamp: GroupingStamp) -> bool:
        """Replace every stored happening, atomically, if the events are still at
        `stamp.events_version`; False, writing nothing, if they changed meanwhile."""
        ...

    def happenings(self, query: HappeningQuery) -> Iterator[Happening]:
        """The stored happenings the query keeps: undated last, by date, by id."""
        ...

    def happening_of(self, event_id: str) -> Happening | None:
        """The stored happening this event is part of, or None."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> EventStore: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
