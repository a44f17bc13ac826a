"""Where coded events are kept: the `EventStore` protocol, and `open_store` to pick one by URL.

    open_store("events.db")                      SQLite file (created if missing)
    open_store("sqlite:///events.db")            the same, as a URL (relative path)
    open_store("sqlite:////abs/ev.db")           absolute path: four slashes, as in SQLAlchemy
    open_store(":memory:")                       a throw-away in-memory store ("sqlite://" too)
    open_store("events.db", read_only=True)      read an existing store; never migrate or write
    open_store("postgresql://user@host/db")      PostgreSQL (postgres:// too; needs dragoman[postgres])

A store keeps, per document, the document itself (text, metadata, blocks,
footnote markers), its reference list, its sentences and its events. `save`
replaces everything stored for that document in one transaction, so coding the
same document twice never duplicates rows. Everything saved reads back:
`event`, `events` / `event_page` (filtered by an `EventQuery`, paged by offset
or cursor), `count_events`, `document` and `documents`; the document's
diplomatic record (`save(..., record)`) with `record`, `records` and
`record_links` (docs/record.md), and the documents that have one, counted per
part and filtered by party, with `record_summaries(RecordQuery(...))`; what
each document was coded from (`save(..., coded_with=stamp)`, `codings(doc_ids)`:
dragoman.resume skips what is current).

Stores are chosen by URL scheme through `STORES`; a path without "://" is SQLite.
The PostgreSQL store (`postgres.py`) is imported only when such a URL is opened,
so `import dragoman` never imports its driver.
The protocol and its records live in `base.py`, which imports no store, so the
stores import it and this module imports them without a cycle.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType

from ..errors import StoreError
from .base import (
    Coding,
    DocumentSummary,
    EventQuery,
    EventStore,
    Page,
    PageRequest,
    RecordQuery,
    RecordSummaries,
    RecordSummary,
    StoredDocument,
)
from .sqlite import MEMORY, open_sqlite_url

__all__ = [
    "STORES",
    "Coding",
    "DocumentSummary",
    "EventQuery",
    "EventStore",
    "Opener",
    "Page",
    "PageRequest",
    "RecordQuery",
    "RecordSummaries",
    "RecordSummary",
    "StoredDocument",
    "lazy_opener",
    "open_store",
    "sqlite_path",
]

# Takes what follows "scheme://" in the URL, and whether to open read-only.
Opener = Callable[[str, bool], EventStore]


def lazy_opener(spec: str, *, missing: str | None = None) -> Opener:
    """An opener named "package.module:function", imported only when a store of its scheme is opened.

    For stores whose driver is an optional dependency: naming it costs nothing
    until someone opens such a URL. `missing` is the message for when the module
    is there but something it imports (the driver) is not: say how to install it.
    """
    module_name, _, function_name = spec.partition(":")

    def open_lazily(location: str, read_only: bool) -> EventStore:
        try:
            opener: Opener = getattr(importlib.import_module(module_name), function_name)
        except ImportError as exc:
            if missing is not None and exc.name is not None and not module_name.startswith(exc.name):
                raise StoreError(missing) from exc
            raise StoreError(f"the store opener {spec} is not available ({exc})") from exc
        except AttributeError as exc:
            raise StoreError(f"the store opener {spec} is not available ({exc})") from exc
        return opener(location, read_only)

    return open_lazily


# One line per scheme. Read-only, like every module-level table here: two
# configurations must not see each other's stores.
_NO_PSYCOPG = "{}://...: PostgreSQL stores need psycopg, which is not installed: pip install 'dragoman[postgres]'"
STORES: Mapping[str, Opener] = MappingProxyType(
    {
        "postgres": lazy_opener("dragoman.store.postgres:open_postgres_url", missing=_NO_PSYCOPG.format("postgres")),
        "postgresql": lazy_opener(
            "dragoman.store.postgres:open_postgresql_url", missing=_NO_PSYCOPG.format("postgresql")
        ),
        "sqlite": open_sqlite_url,
    }
)
_DEFAULT = "sqlite"  # what a bare path is


def sqlite_path(url_or_path: str) -> str | None:
    """The file an SQLite store's path or URL names (":memory:" for an in-memory one), or None
    for a store of another kind; read as `open_store` reads it, opening nothing."""
    scheme, sep, location = url_or_path.partition("://")
    if not sep:
        return url_or_path
    if scheme.lower() != "sqlite" or (location and not location.startswith("/")):
        return None
    return location[1:] or MEMORY


def open_store(url_or_path: str, *, read_only: bool = False) -> EventStore:
    """Open the store a path or URL names: writable (created or migrated as needed) or read-only."""
    if not url_or_path:
        raise StoreError("no store given: pass a path such as events.db or a URL such as sqlite:///events.db")
    scheme, sep, location = url_or_path.partition("://")
    if not sep:
        # A bare path is what follows "sqlite://" minus the slash that starts every sqlite:/// URL.
        scheme, location = _DEFAULT, "/" + url_or_path
    scheme = scheme.lower()
    opener = STORES.get(scheme)
    if opener is None:
        # Only the scheme is echoed: the rest of a URL may hold a password.
        known = ", ".join(f"{name}://" for name in sorted(STORES))
        raise StoreError(f"{scheme}://...: unknown store; known schemes: {known} (or a bare path for SQLite)")
    return opener(location, read_only)
