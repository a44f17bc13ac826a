"""Where coded events are kept: the `EventStore` protocol and `open_store`.

    open_store("events.db")              SQLite file (created if missing)
    open_store("sqlite:///events.db")    the same, as a URL (relative path)
    open_store("sqlite:////abs/ev.db")   absolute path: four slashes, as in SQLAlchemy
    open_store(":memory:")               a throw-away in-memory store ("sqlite://" too)

A store keeps, per document, the document itself, its reference list, its
sentences and its events. `save` replaces everything stored for that document
in one transaction, so coding the same document twice never duplicates rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol

from ..errors import StoreError
from ..records import Document, Event, Sentence

__all__ = ["EventQuery", "EventStore", "open_store"]

# An ISO date at any precision the dating stage produces: decade ("201"), year,
# month or day.
_PARTIAL_DATE = re.compile(r"\d{3,4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to read back; every field left as None matches everything.

    actor     a code prefix ("USAGOV", "IRN") of the source or target code, or
              exactly the source's or target's country ("IRN")
    since     ISO date, maybe partial ("2025", "2025-03", "2025-03-08")
    until     the same. Dates are compared at the coarser of the two precisions,
              so an event is kept unless its date lies wholly outside the window:
              since="2025-03" keeps "2025-03-08" and "2025" but not "2025-02-28";
              until="2025-03" keeps "2025-03-31". A range event counts by its end
              for `since`. Events without a date are left out when either is given.
    modality  "asserted", "threatened", ... (exact)
    basis     the date basis: "explicit", "inherited", "relative", ... (exact)
    root      CAMEO root code, e.g. "13" (exact)
    doc_id    one document (exact)
    limit     at most this many events
    """

    actor: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    basis: str | None = None
    root: str | None = None
    doc_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _PARTIAL_DATE.fullmatch(value):
                raise StoreError(f"{name}={value!r} is not an ISO date: use e.g. 2025, 2025-03 or 2025-03-30")
        if self.actor is not None and not self.actor:
            raise StoreError("actor must not be empty: use a code such as IRN or USAGOV")
        if self.limit is not None and self.limit < 0:
            raise StoreError(f"limit={self.limit} must be zero or more")


class EventStore(Protocol):
    """What every store offers; use it as a context manager to close it."""

    def save(self, result_document: Document, sentences: Sequence[Sentence], events: Sequence[Event]) -> None:
        """Replace everything stored for this document, atomically."""
        ...

    def events(self, query: EventQuery) -> Iterator[Event]:
        """Matching events, ordered by (date, nulls last), doc_id, sentence_index, event_id."""
        ...

    def documents(self) -> Iterator[tuple[str, str | None, int]]:
        """(doc_id, title, number of events) for every stored document, by doc_id."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> EventStore: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_store(url_or_path: str) -> EventStore:
    """Open (creating or migrating as needed) the store a path or URL names."""
    scheme, sep, rest = url_or_path.partition("://")
    if not sep:
        path = url_or_path
    elif scheme == "sqlite":
        # SQLAlchemy's convention: "sqlite:///x.db" is relative, "sqlite:////x.db"
        # absolute, and "sqlite://" alone is an in-memory database.
        if rest and not rest.startswith("/"):
            raise StoreError(f"{url_or_path}: write SQLite URLs as sqlite:///relative.db or sqlite:////absolute.db")
        path = rest[1:] or ":memory:"
    elif scheme in ("postgres", "postgresql"):
        raise StoreError(f"{scheme}://...: PostgreSQL stores are not supported yet; use a SQLite path")
    else:
        raise StoreError(f"{scheme}://...: unknown store; use a SQLite path or sqlite:/// URL")
    from .sqlite import open_sqlite  # here, not at the top: sqlite.py imports EventQuery from us

    return open_sqlite(path)
