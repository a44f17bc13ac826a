"""The SQLite event store: stdlib sqlite3, WAL, foreign keys, versioned schema.

The schema is a numbered list of SQL scripts in `migrations/` (0001_initial.sql,
0002_document_layout.sql, ..., never edited once released). A writable
`open_sqlite` applies the ones a database lacks, in order, in one transaction,
and records each in `schema_migrations`. A database migrated by a newer dragoman
is refused rather than guessed at.

`open_sqlite(path, read_only=True)` opens the file through a `mode=ro` URI: it
never migrates, never changes the journal mode and never writes, so it refuses
a store whose schema is older than this code (open it once for writing first).

Each event row carries the full `Event.to_dict()` JSON in `record`; the other
columns copy the fields queries filter and sort on. Events are read back from
`record` alone, so adding a field to Event needs no migration. Documents keep
their text, metadata, blocks and footnote markers (JSON columns since 0002),
their reference list and their sentences, and are read back whole. The rows,
the event query and the loading of migrations are shared with the PostgreSQL
store (`sql.py`); what is here is SQLite's own: files, URIs, PRAGMAs, locking.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import StoreError, clip
from ..happenings.records import GroupingStamp, Happening, HappeningQuery
from ..record.records import Record, RecordLink
from ..records import Document, Event, Sentence
from .base import (
    FIRST_PAGE,
    Coding,
    DocumentSummary,
    EventQuery,
    Page,
    PageRequest,
    RecordQuery,
    RecordSummaries,
    StoredDocument,
    document_cursor,
    event_cursor,
    record_summary,
)
from .happening_sql import (
    DELETE_HAPPENINGS,
    HAPPENING_COLUMNS,
    REPORT_COLUMNS,
    SELECT_DIGESTS,
    SELECT_EVENTS_VERSION,
    SELECT_HAPPENING_OF,
    SELECT_STAMP,
    STAMP_COLUMNS,
    happening_row,
    happenings_select,
    load_happening,
    report_rows,
    stamp_from_row,
    stamp_row,
)
from .sql import (
    CODINGS_BATCH,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    ITEM_COLUMNS,
    LINK_COLUMNS,
    PARTY_COLUMNS,
    RECORD_COLUMNS,
    RECORD_TABLES,
    REFERENCE_COLUMNS,
    SELECT_DOCUMENT,
    SELECT_EVENT,
    SELECT_LINKS,
    SELECT_RECORD,
    SELECT_REFERENCES,
    SELECT_SENTENCES,
    SENTENCE_COLUMNS,
    SQLITE,
    Migration,
    check_doc_ids,
    check_schema_version,
    codings_select,
    count_select,
    document_from_row,
    document_row,
    documents_select,
    event_row,
    event_select,
    load_event,
    load_migrations as load_dialect_migrations,
    load_record,
    record_count_select,
    record_link,
    record_rows,
    record_summaries_select,
    records_select,
    reference_rows,
    sentence_from_row,
    sentence_row,
    too_new,
)

__all__ = [
    "MEMORY",
    "Migration",
    "SqliteStore",
    "apply_migrations",
    "load_migrations",
    "open_sqlite",
    "open_sqlite_url",
    "split_statements",
]

SQLITE_HEADER = b"SQLite format 3\x00"
MEMORY = ":memory:"


def load_migrations() -> tuple[Migration, ...]:
    """The packaged SQLite migrations, checked to be numbered 1, 2, 3, ... without gaps."""
    return load_dialect_migrations(SQLITE)


# ---------------------------------------------------------------- opening


def open_sqlite_url(location: str, read_only: bool = False) -> SqliteStore:
    """The opener `open_store` uses for sqlite:// URLs; `location` is what follows "sqlite://"."""
    # SQLAlchemy's convention: "sqlite:///x.db" is relative, "sqlite:////x.db"
    # absolute, and "sqlite://" alone is an in-memory database.
    if location and not location.startswith("/"):
        raise StoreError(f"sqlite://{location}: write SQLite URLs as sqlite:///relative.db or sqlite:////absolute.db")
    return open_sqlite(location[1:] or MEMORY, read_only=read_only)


def open_sqlite(path: str, migrations: Sequence[Migration] | None = None, *, read_only: bool = False) -> SqliteStore:
    """Open the store at `path`: writable (created or migrated as needed) or read-only (as it is)."""
    migrations = load_migrations() if migrations is None else migrations
    if read_only:
        return _open_read_only(path, migrations)
    if path != MEMORY:
        _check_path(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None)  # we issue BEGIN/COMMIT ourselves
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the event store ({exc})") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")  # readers do not block the writer
        apply_migrations(conn, migrations, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{path}: cannot open the event store ({exc})") from exc
        raise
    return SqliteStore(conn, path)


def _open_read_only(path: str, migrations: Sequence[Migration]) -> SqliteStore:
    if path == MEMORY:
        raise StoreError(f"{MEMORY}: an in-memory store starts empty, so there is nothing to open read-only")
    _check_path(path)
    if not os.path.exists(path):
        raise StoreError(f"{path}: no such database; give the path of an existing event store")
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the event store ({exc})") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        check_schema(conn, migrations, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{path}: cannot open the event store ({exc})") from exc
        raise
    return SqliteStore(conn, path, read_only=True)


def _connect_read_only(path: str) -> sqlite3.Connection:
    # A URI (percent-encoded by as_uri, so "?" and "#" in names are safe) is the
    # only way to pass mode=ro, which makes SQLite itself refuse every write.
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if exc.sqlite_errorname != "SQLITE_READONLY_DIRECTORY" or os.path.exists(path + "-wal"):
            raise
    # A WAL reader needs a -shm file beside the database, which an unwritable
    # directory cannot take. With no -wal file there, no writer is active (it
    # would have to create one), so reading the file as immutable is exact.
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)


def _check_path(path: str) -> None:
    """Refuse, without touching it, anything at `path` that is not an SQLite file."""
    if os.path.isdir(path):
        raise StoreError(f"{path}: is a directory; give a database file name such as events.db")
    if os.path.exists(path):
        try:
            with open(path, "rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the event store ({exc.strerror})") from exc
        if header and header != SQLITE_HEADER:
            raise StoreError(f"{path}: not an SQLite database; give a new file name or an existing event store")
        return
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        raise StoreError(f"{path}: directory {parent} does not exist; create it first")


# ---------------------------------------------------------------- migrations


def apply_migrations(conn: sqlite3.Connection, migrations: Sequence[Migration], path: str) -> None:
    """Apply the migrations newer than the database's version, all in one transaction."""
    known = migrations[-1].version if migrations else 0
    if _schema_version(conn, path) == known:
        return  # the common case takes no write lock
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = _schema_version(conn, path)  # again: another process may have migrated meanwhile
        if current is None:
            conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            current = 0
        if current > known:
            raise too_new(path, current, known)
        applied_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for migration in migrations:
            if migration.version > current:
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (migration.version, applied_at))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def check_schema(conn: sqlite3.Connection, migrations: Sequence[Migration], path: str) -> None:
    """Refuse a store a read-only connection cannot use as it is: empty, older or newer."""
    check_schema_version(path, _schema_version(conn, path), migrations[-1].version if migrations else 0)


def _schema_version(conn: sqlite3.Connection, path: str) -> int | None:
    """The highest applied migration; None for an empty database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_migrations" not in tables:
        if tables:
            raise StoreError(f"{path}: an SQLite database but not an event store (no schema_migrations table)")
        return None
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def split_statements(script: str) -> list[str]:
    """Cut a SQL script into statements, so they can run inside our own transaction.

    (`executescript` would commit any open transaction first.) sqlite3's own
    `complete_statement` decides where a statement ends, so semicolons inside
    strings, comments and trigger bodies are handled as SQLite handles them.
    """
    statements: list[str] = []
    pending = ""
    *pieces, tail = script.split(";")
    for piece in pieces:
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _strip_comments(pending).strip(" \t\r\n;"):
                statements.append(pending.strip())
            pending = ""
    pending += tail
    if _strip_comments(pending).strip():
        raise StoreError(f"migration script ends without a semicolon: {pending.strip()[:60]!r}")
    return statements


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


# ---------------------------------------------------------------- the store


class SqliteStore:
    """An open SQLite event store. Build it with `open_sqlite` (or `open_store`)."""

    def __init__(self, conn: sqlite3.Connection, path: str, *, read_only: bool = False) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._read_only = read_only
        self.path = path

    @property
    def read_only(self) -> bool:
        return self._read_only

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------ writing

    def save(
        self,
        result_document: Document,
        sentences: Sequence[Sentence],
        events: Sequence[Event],
        record: Record | None = None,
        *,
        coded_with: str | None = None,
    ) -> None:
        """Replace everything stored for this document (its record too) in one transaction.

        The rows are built before the transaction starts, so a record that cannot
        be serialised fails without touching the database; a failure while
        writing (say, an event_id another document already uses) rolls back to
        the previous content.
        """
        conn = self._connection()
        doc_id = result_document.doc_id
        if self._read_only:
            raise StoreError(f"{self.path}: opened read-only, so document {doc_id!r} cannot be stored")
        try:
            check_doc_ids(result_document, sentences, events)
            document = document_row(result_document, coded_with)
            references = reference_rows(result_document)
            sentence_rows = [sentence_row(s) for s in sentences]
            event_rows = [event_row(e) for e in events]
            rows = record_rows(result_document, record, events)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot store document {doc_id!r}: {exc}") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Explicit deletes rather than relying on ON DELETE CASCADE alone.
            for table in (*RECORD_TABLES, "events", "sentences", "doc_references", "documents"):
                conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            conn.execute(_INSERT_DOCUMENT, document)
            conn.executemany(_INSERT_REFERENCE, references)
            conn.executemany(_INSERT_SENTENCE, sentence_rows)
            conn.executemany(_INSERT_EVENT, event_rows)
            if rows.record is not None:
                conn.execute(_INSERT_RECORD, rows.record)
                conn.executemany(_INSERT_ITEM, rows.items)
                conn.executemany(_INSERT_LINK, rows.links)
                conn.executemany(_INSERT_PARTY, rows.parties)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OverflowError, ValueError)):  # ValueError: text sqlite cannot encode
                raise StoreError(f"{self.path}: cannot store document {doc_id!r}: {exc}") from exc
            raise

    def codings(self, doc_ids: Sequence[str]) -> dict[str, Coding]:
        """What each of these documents that is stored was coded from, by doc_id (migration 0006)."""
        found: dict[str, Coding] = {}
        unique = list(dict.fromkeys(doc_ids))
        for start in range(0, len(unique), CODINGS_BATCH):
            rows = self._execute(*codings_select(unique[start : start + CODINGS_BATCH], SQLITE))
            found.update((doc_id, Coding(digest, stamp)) for doc_id, digest, stamp in rows)
        return found

    # ------------------------------------------------------------ events

    def events(self, query: EventQuery) -> Iterator[Event]:
        """Matching events, ordered by date (undated last), doc_id, sentence_index, event_id."""
        sql, params = event_select(query, SQLITE, limit=query.limit, offset=query.offset, after=query.after())
        cursor = self._execute(sql, params)
        return (load_event(record, self.path) for (record,) in cursor)

    def event_page(self, query: EventQuery) -> Page[Event]:
        """One page of matching events: `query.limit` of them (None: all that remain).

        One row more than the page is read, to know whether another page follows.
        A limit of 0 is refused: an empty page could not say where the next starts.
        """
        if query.limit == 0:
            raise StoreError("a page needs limit of at least 1 (or None for all events)")
        fetch = None if query.limit is None else query.limit + 1
        sql, params = event_select(query, SQLITE, limit=fetch, offset=query.offset, after=query.after())
        events = [load_event(record, self.path) for (record,) in self._execute(sql, params)]
        if query.limit is None or len(events) <= query.limit:
            return Page(tuple(events), None)
        items = tuple(events[: query.limit])
        return Page(items, event_cursor(items[-1]))

    def count_events(self, query: EventQuery) -> int:
        """How many events the query's filters match; its offset, limit and cursor are ignored."""
        (count,) = self._execute(*count_select(query, SQLITE)).fetchone()
        return int(count)

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        row = self._execute(_SELECT_EVENT, {"id": event_id}).fetchone()
        return None if row is None else load_event(row[0], self.path)

    # ------------------------------------------------------------ documents

    def document(self, doc_id: str) -> StoredDocument | None:
        """The document with this id, read back whole (one snapshot), or None."""
        with self._snapshot():
            row = self._execute(_SELECT_DOCUMENT, {"id": doc_id}).fetchone()
            if row is None:
                return None
            references = self._execute(_SELECT_REFERENCES, {"id": doc_id}).fetchall()
            sentences = self._execute(_SELECT_SENTENCES, {"id": doc_id}).fetchall()
            events = tuple(self.events(EventQuery(doc_id=doc_id)))
        try:
            document = document_from_row(row, references)
            loaded = tuple(sentence_from_row(s) for s in sentences)
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self.path}: stored document {doc_id!r} is damaged ({exc})") from exc
        return StoredDocument(document, loaded, events)

    def documents(self, page: PageRequest = FIRST_PAGE) -> Page[DocumentSummary]:
        """One page of stored documents, by doc_id, each with its number of events."""
        rows = self._execute(*documents_select(page, SQLITE)).fetchall()
        items = tuple(DocumentSummary(*row) for row in rows[: page.limit])
        more = len(rows) > page.limit
        return Page(items, document_cursor(items[-1].doc_id) if more else None)

    # ------------------------------------------------------------ the record

    def record(self, doc_id: str) -> Record | None:
        """The diplomatic record stored with this document, or None."""
        row = self._execute(_SELECT_RECORD, {"id": doc_id}).fetchone()
        return None if row is None else load_record(row[0], self.path)

    def records(self, page: PageRequest = FIRST_PAGE) -> Page[Record]:
        """One page of the stored records, by doc_id."""
        rows = self._execute(*records_select(page, SQLITE)).fetchall()
        items = tuple(load_record(text, self.path) for _, text in rows[: page.limit])
        more = len(rows) > page.limit
        return Page(items, document_cursor(rows[page.limit - 1][0]) if more else None)

    def record_summaries(self, query: RecordQuery) -> RecordSummaries:
        """The documents with a record the query matches, counted per part (one snapshot)."""
        with self._snapshot():
            (total,) = self._execute(*record_count_select(query, SQLITE)).fetchone()
            rows = self._execute(*record_summaries_select(query, SQLITE)).fetchall() if query.limit != 0 else []
        return RecordSummaries(int(total), tuple(record_summary(row) for row in rows))

    def record_links(self, event_id: str) -> tuple[RecordLink, ...]:
        """The parts of records that name this event."""
        return tuple(record_link(row) for row in self._execute(_SELECT_LINKS, {"id": event_id}))

    # ------------------------------------------------------------ happenings (0005)

    def events_version(self) -> int:
        """A number that every insert, update or delete of an event raises (migration 0005's triggers)."""
        (version,) = self._execute(_SELECT_EVENTS_VERSION, {}).fetchone()
        return int(version)

    def document_digests(self) -> Iterator[tuple[str, str, str | None]]:
        """(doc_id, sha256 of its text, outlet) of every stored document, by doc_id."""
        return (tuple(row) for row in self._execute(_SELECT_DIGESTS, {}))

    def grouping(self) -> GroupingStamp | None:
        """What the stored happenings were grouped from; None before any grouping was stored."""
        return stamp_from_row(self._execute(_SELECT_STAMP, {}).fetchone())

    def replace_happenings(self, happenings: Sequence[Happening], stamp: GroupingStamp) -> bool:
        """Replace every stored happening by these, in one transaction, if the events are still
        at `stamp.events_version`; False (and nothing written) if they changed meanwhile."""
        conn = self._connection()
        if self._read_only:
            raise StoreError(f"{self.path}: opened read-only, so happenings cannot be stored")
        try:
            rows = [happening_row(h) for h in happenings]
            reports = [row for h in happenings for row in report_rows(h)]
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot store happenings: {exc}") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            (version,) = conn.execute(_SELECT_EVENTS_VERSION).fetchone()
            if int(version) != stamp.events_version:
                conn.execute("ROLLBACK")
                return False
            for statement in DELETE_HAPPENINGS:
                conn.execute(statement)
            conn.executemany(_INSERT_HAPPENING, rows)
            conn.executemany(_INSERT_HAPPENING_REPORT, reports)
            conn.execute(_INSERT_STAMP, stamp_row(stamp))
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OverflowError, ValueError)):
                raise StoreError(f"{self.path}: cannot store happenings: {exc}") from exc
            raise
        return True

    def happenings(self, query: HappeningQuery) -> Iterator[Happening]:
        """The stored happenings the query keeps: undated last, by date, by id."""
        cursor = self._execute(*happenings_select(query, SQLITE))
        return (load_happening(record, self.path) for (record,) in cursor)

    def happening_of(self, event_id: str) -> Happening | None:
        """The stored happening this event is part of, or None."""
        row = self._execute(_SELECT_HAPPENING_OF, {"id": event_id}).fetchone()
        return None if row is None else load_happening(row[0], self.path)

    # ------------------------------------------------------------ plumbing

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the event store is closed")
        return self._conn

    def _execute(self, sql: str, params: dict[str, Any]) -> _Rows:
        try:
            return _Rows(self._connection().execute(sql, params), self)
        except sqlite3.Error as exc:
            raise self._read_error(exc) from None

    def _read_error(self, exc: sqlite3.Error) -> StoreError:
        if _NOT_UTF8.match(str(exc)):  # its message repeats the whole text: say where it is instead
            return StoreError(self._undecodable())
        return StoreError(f"{self.path}: cannot read the event store ({exc})")

    def _undecodable(self) -> str:
        """Where the store holds text that is not UTF-8 (which sqlite3 cannot read back): its
        first such row, found by reading every table as bytes (only when a read has failed)."""
        conn = self._connection()
        tables = [name for (name,) in conn.execute(_TABLES)]
        previous, conn.text_factory = conn.text_factory, bytes
        try:
            for table in tables:
                try:
                    cursor = conn.execute(f'SELECT rowid, * FROM "{table}"')
                except sqlite3.Error:  # a table without rowid: none of dragoman's
                    continue
                names = [column[0] for column in cursor.description][1:]
                for rowid, *values in cursor:
                    for name, value in zip(names, values, strict=True):
                        if isinstance(value, bytes) and not _is_utf8(value):
                            keys = dict(zip(names, values, strict=True))
                            return _damaged_row(self.path, table, rowid, name, keys)
        finally:
            conn.text_factory = previous
        return f"{self.path}: holds text that is not valid UTF-8; the store is damaged"

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Run several reads in one transaction, so a concurrent save cannot land between them."""
        conn = self._connection()
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")  # nothing was written: COMMIT only ends the read


class _Rows:
    """A cursor's rows, with text that is not UTF-8 a StoreError saying where it is stored."""

    def __init__(self, cursor: sqlite3.Cursor, store: SqliteStore) -> None:
        self._cursor = cursor
        self._store = store

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except sqlite3.Error as exc:
            raise self._store._read_error(exc) from None

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except sqlite3.Error as exc:
            raise self._store._read_error(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return self._cursor.fetchall()
        except sqlite3.Error as exc:
            raise self._store._read_error(exc) from None


_NOT_UTF8 = re.compile(r"Could not decode to UTF-8 column")
_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name != 'events', name"


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _damaged_row(path: str, table: str, rowid: int, column: str, keys: dict[str, Any]) -> str:
    """One line naming a damaged row by its table, rowid and the ids it holds, and what to do."""
    named = [f"{key} {clip(value.decode('utf-8', 'replace') if isinstance(value, bytes) else value, 40)}"
             for key, value in keys.items() if key in ("event_id", "doc_id") and value is not None]  # fmt: skip
    doc = keys.get("doc_id")
    again = (f"code document {clip(doc.decode('utf-8', 'replace'), 40)} again into it (--recode)"
             if isinstance(doc, bytes) and _is_utf8(doc) else "code its document again into it (--recode)")  # fmt: skip
    return (f"{path}: {table} row {rowid} ({', '.join(named) or 'no id'}): column {column} is not valid UTF-8 text, "
            f"so the store is damaged there; {again}, or delete that row")  # fmt: skip


# ---------------------------------------------------------------- statements

_INSERT_DOCUMENT = SQLITE.insert("documents", DOCUMENT_COLUMNS)
_INSERT_REFERENCE = SQLITE.insert("doc_references", REFERENCE_COLUMNS)
_INSERT_SENTENCE = SQLITE.insert("sentences", SENTENCE_COLUMNS)
_INSERT_EVENT = SQLITE.insert("events", EVENT_COLUMNS)
_SELECT_EVENT = SQLITE.render(SELECT_EVENT)
_SELECT_DOCUMENT = SQLITE.render(SELECT_DOCUMENT)
_SELECT_REFERENCES = SQLITE.render(SELECT_REFERENCES)
_SELECT_SENTENCES = SQLITE.render(SELECT_SENTENCES)
_INSERT_RECORD = SQLITE.insert("records", RECORD_COLUMNS)
_INSERT_ITEM = SQLITE.insert("record_items", ITEM_COLUMNS)
_INSERT_LINK = SQLITE.insert("record_events", LINK_COLUMNS)
_INSERT_PARTY = SQLITE.insert("record_parties", PARTY_COLUMNS)
_SELECT_RECORD = SQLITE.render(SELECT_RECORD)
_SELECT_LINKS = SQLITE.render(SELECT_LINKS)
_SELECT_EVENTS_VERSION = SQLITE.render(SELECT_EVENTS_VERSION)
_SELECT_DIGESTS = SQLITE.render(SELECT_DIGESTS)
_SELECT_STAMP = SQLITE.render(SELECT_STAMP)
_SELECT_HAPPENING_OF = SQLITE.render(SELECT_HAPPENING_OF)
_INSERT_HAPPENING = SQLITE.insert("happenings", HAPPENING_COLUMNS)
_INSERT_HAPPENING_REPORT = SQLITE.insert("happening_reports", REPORT_COLUMNS)
_INSERT_STAMP = SQLITE.insert("happening_stamp", STAMP_COLUMNS)
