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
their reference list and their sentences, and are read back whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import OutdatedStoreError, StoreError
from ..records import Block, Document, Event, Marker, Reference, Sentence, event_from_dict
from .base import (
    FIRST_PAGE,
    DocumentSummary,
    EventQuery,
    Page,
    PageRequest,
    StoredDocument,
    decode_document_cursor,
    document_cursor,
    event_cursor,
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

_PACKAGE = __name__.rpartition(".")[0]  # the migrations live in this package's data
_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
# (date IS NULL, coalesce(date, ''), doc_id, sentence_index, event_id): the
# columns of the events_order index (0002), so that SQLite reads events in order
# from the index and a cursor starts from a seek.
_SORT_KEY = "undated, sort_date, doc_id, sentence_index, event_id"
_ORDER = f" ORDER BY {_SORT_KEY}"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str  # the file name, e.g. "0001_initial.sql"
    sql: str


def load_migrations() -> tuple[Migration, ...]:
    """The packaged migrations, checked to be numbered 1, 2, 3, ... without gaps."""
    folder = resources.files(_PACKAGE).joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    if not found:
        raise StoreError("no schema migrations are packaged with dragoman; reinstall it")
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(f"migration {migration.name}: expected version {expected}; the package is broken")
    return tuple(found)


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
            raise _too_new(path, current, known)
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
    known = migrations[-1].version if migrations else 0
    current = _schema_version(conn, path)
    if current is None:
        raise StoreError(f"{path}: an empty database, not an event store yet; store something in it first")
    if current > known:
        raise _too_new(path, current, known)
    if current < known:
        raise OutdatedStoreError(
            f"{path}: the store has schema version {current}, older than this dragoman's {known}, and it was "
            f"opened read-only; open it once for writing to migrate it (e.g. by dragoman code REPORT --db {path})"
        )


def _too_new(path: str, current: int, known: int) -> StoreError:
    return StoreError(
        f"{path}: the store has schema version {current} but this dragoman knows only up to {known}; "
        "upgrade dragoman to use it"
    )


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

    def save(self, result_document: Document, sentences: Sequence[Sentence], events: Sequence[Event]) -> None:
        """Replace everything stored for this document in one transaction.

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
            _check_doc_ids(result_document, sentences, events)
            document_row = _document_row(result_document)
            reference_rows = _reference_rows(result_document)
            sentence_rows = [_sentence_row(s) for s in sentences]
            event_rows = [_event_row(e) for e in events]
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot store document {doc_id!r}: {exc}") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Explicit deletes rather than relying on ON DELETE CASCADE alone.
            for table in ("events", "sentences", "doc_references", "documents"):
                conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            conn.execute(_INSERT_DOCUMENT, document_row)
            conn.executemany(_INSERT_REFERENCE, reference_rows)
            conn.executemany(_INSERT_SENTENCE, sentence_rows)
            conn.executemany(_INSERT_EVENT, event_rows)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OverflowError, ValueError)):  # ValueError: text sqlite cannot encode
                raise StoreError(f"{self.path}: cannot store document {doc_id!r}: {exc}") from exc
            raise

    # ------------------------------------------------------------ events

    def events(self, query: EventQuery) -> Iterator[Event]:
        """Matching events, ordered by date (undated last), doc_id, sentence_index, event_id."""
        cursor = self._execute(*_event_select(query, query.limit))
        return (self._load_event(record) for (record,) in cursor)

    def event_page(self, query: EventQuery) -> Page[Event]:
        """One page of matching events: `query.limit` of them (None: all that remain).

        One row more than the page is read, to know whether another page follows.
        A limit of 0 is refused: an empty page could not say where the next starts.
        """
        if query.limit == 0:
            raise StoreError("a page needs limit of at least 1 (or None for all events)")
        fetch = None if query.limit is None else query.limit + 1
        events = [self._load_event(record) for (record,) in self._execute(*_event_select(query, fetch))]
        if query.limit is None or len(events) <= query.limit:
            return Page(tuple(events), None)
        items = tuple(events[: query.limit])
        return Page(items, event_cursor(items[-1]))

    def count_events(self, query: EventQuery) -> int:
        """How many events the query's filters match; its offset, limit and cursor are ignored."""
        where, params = _where(query, after_cursor=False)
        (count,) = self._execute("SELECT count(*) FROM events" + where, params).fetchone()
        return int(count)

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        row = self._execute("SELECT record FROM events WHERE event_id = :id", {"id": event_id}).fetchone()
        return None if row is None else self._load_event(row[0])

    # ------------------------------------------------------------ documents

    def document(self, doc_id: str) -> StoredDocument | None:
        """The document with this id, read back whole (one snapshot), or None."""
        with self._snapshot():
            row = self._execute(
                "SELECT doc_id, text, title, date, url, outlet, path, blocks, markers"
                " FROM documents WHERE doc_id = :id",
                {"id": doc_id},
            ).fetchone()
            if row is None:
                return None
            references = self._execute(
                f"SELECT {', '.join(_REFERENCE_FIELDS)} FROM doc_references WHERE doc_id = :id ORDER BY position",
                {"id": doc_id},
            ).fetchall()
            sentences = self._execute(
                'SELECT doc_id, idx, start, "end", text, block_index, section, citation_keys'
                " FROM sentences WHERE doc_id = :id ORDER BY idx",
                {"id": doc_id},
            ).fetchall()
            events = tuple(self.events(EventQuery(doc_id=doc_id)))
        try:
            document = _document_from_row(row, references)
            loaded = tuple(_sentence_from_row(s) for s in sentences)
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self.path}: stored document {doc_id!r} is damaged ({exc})") from exc
        return StoredDocument(document, loaded, events)

    def documents(self, page: PageRequest = FIRST_PAGE) -> Page[DocumentSummary]:
        """One page of stored documents, by doc_id, each with its number of events."""
        params: dict[str, Any] = {"limit": page.limit + 1, "offset": page.offset}
        where = ""
        if page.cursor is not None:
            where = " WHERE d.doc_id > :after"
            params["after"] = decode_document_cursor(page.cursor)
        rows = self._execute(
            "SELECT d.doc_id, d.title, d.date, d.url, d.outlet,"
            " (SELECT count(*) FROM events AS e WHERE e.doc_id = d.doc_id)"
            f" FROM documents AS d{where} ORDER BY d.doc_id LIMIT :limit OFFSET :offset",
            params,
        ).fetchall()
        items = tuple(DocumentSummary(*row) for row in rows[: page.limit])
        more = len(rows) > page.limit
        return Page(items, document_cursor(items[-1].doc_id) if more else None)

    # ------------------------------------------------------------ plumbing

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the event store is closed")
        return self._conn

    def _execute(self, sql: str, params: dict[str, Any]) -> sqlite3.Cursor:
        try:
            return self._connection().execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read the event store ({exc})") from exc

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

    def _load_event(self, record: str) -> Event:
        try:
            return event_from_dict(json.loads(record))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise StoreError(f"{self.path}: a stored event is damaged ({exc})") from exc


# ---------------------------------------------------------------- queries

# Partial ISO dates compare at the coarser precision of the two: cut both to the
# shorter length, then compare as text ("2025" vs "2025-03" -> "2025" vs "2025").
_SINCE = (
    "substr(coalesce(date_end, date), 1, min(length(coalesce(date_end, date)), length(:since)))"
    " >= substr(:since, 1, min(length(coalesce(date_end, date)), length(:since)))"
)
_UNTIL = "substr(date, 1, min(length(date), length(:until))) <= substr(:until, 1, min(length(date), length(:until)))"
_ACTOR = (
    "(substr(source_code, 1, length(:actor)) = :actor OR substr(target_code, 1, length(:actor)) = :actor"
    " OR source_country = :actor OR target_country = :actor)"
)
_AFTER = f"({_SORT_KEY}) > (:after_undated, :after_date, :after_doc, :after_index, :after_event)"
_EXACT = {"modality": "modality", "basis": "date_basis", "root": "root", "doc_id": "doc_id"}


def _where(query: EventQuery, *, after_cursor: bool) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if query.actor is not None:
        clauses.append(_ACTOR)
        params["actor"] = query.actor
    if query.since is not None or query.until is not None:
        clauses.append("date IS NOT NULL AND date <> ''")
    if query.since is not None:
        clauses.append(_SINCE)
        params["since"] = query.since
    if query.until is not None:
        clauses.append(_UNTIL)
        params["until"] = query.until
    for field_name, column in _EXACT.items():
        value = getattr(query, field_name)
        if value is not None:
            clauses.append(f"{column} = :{field_name}")
            params[field_name] = value
    if query.exclude_modalities:
        names = [f"exclude_{i}" for i in range(len(query.exclude_modalities))]
        clauses.append(f"modality NOT IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, sorted(query.exclude_modalities), strict=True))
    after = query.after() if after_cursor else None
    if after is not None:
        clauses.append(_AFTER)
        names = ["after_undated", "after_date", "after_doc", "after_index", "after_event"]
        params.update(zip(names, after, strict=True))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _event_select(query: EventQuery, limit: int | None) -> tuple[str, dict[str, Any]]:
    where, params = _where(query, after_cursor=True)
    sql = "SELECT record FROM events" + where + _ORDER
    if limit is not None or query.offset:
        sql += " LIMIT :limit OFFSET :offset"
        params["limit"] = -1 if limit is None else limit  # SQLite takes OFFSET only after a LIMIT; -1 is none
        params["offset"] = query.offset
    return sql, params


# ---------------------------------------------------------------- rows

# Columns named, so that a migration adding a column does not shift the values.
_INSERT_DOCUMENT = (
    "INSERT INTO documents (doc_id, title, date, url, outlet, path, text_sha256, text, blocks, markers)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_REFERENCE = (
    "INSERT INTO doc_references (doc_id, position, key, raw, outlet, author, title, published, retrieved,"
    " language, url, uses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SENTENCE = (
    'INSERT INTO sentences (doc_id, idx, start, "end", text, block_index, section, citation_keys)'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_EVENT_COLUMNS = (
    "event_id, doc_id, sentence_index, cameo, root, goldstein, quad_class, plover, date, date_end,"
    " date_precision, date_basis, modality, source_code, source_country, target_code, target_country, record"
)
_INSERT_EVENT = f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES ({', '.join('?' * 18)})"


_REFERENCE_FIELDS = ("key", "raw", "outlet", "author", "title", "published", "retrieved", "language", "url", "uses")


def _check_doc_ids(document: Document, sentences: Sequence[Sentence], events: Sequence[Event]) -> None:
    records: list[Sentence | Event] = [*sentences, *events]
    for record in records:
        if record.doc_id != document.doc_id:
            kind = type(record).__name__.lower()
            raise ValueError(f"a {kind} of document {record.doc_id!r} was passed with it")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _document_row(doc: Document) -> tuple[Any, ...]:
    sha256 = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    blocks = _json([asdict(b) for b in doc.blocks])
    markers = _json([asdict(m) for m in doc.markers])
    return (doc.doc_id, doc.title, doc.date, doc.url, doc.outlet, doc.path, sha256, doc.text, blocks, markers)


def _reference_rows(doc: Document) -> list[tuple[Any, ...]]:
    return [
        (doc.doc_id, position, r.key, r.raw, r.outlet, r.author, r.title,
         r.published, r.retrieved, r.language, r.url, r.uses)
        for position, r in enumerate(doc.references)
    ]  # fmt: skip


def _sentence_row(s: Sentence) -> tuple[Any, ...]:
    keys = _json(list(s.citation_keys))
    return (s.doc_id, s.index, s.start, s.end, s.text, s.block_index, s.section, keys)


def _event_row(e: Event) -> tuple[Any, ...]:
    record = _json(e.to_dict())
    source, target, date = e.source, e.target, e.date
    return (
        e.event_id, e.doc_id, e.sentence_index, e.cameo, e.root, e.goldstein, e.quad_class, e.plover,
        date.date, date.date_end, date.precision, date.basis, e.modality,
        source.code if source else None, source.country if source else None,
        target.code if target else None, target.country if target else None,
        record,
    )  # fmt: skip


def _document_from_row(row: Sequence[Any], references: Sequence[Sequence[Any]]) -> Document:
    doc_id, text, title, date, url, outlet, path, blocks, markers = row
    return Document(
        doc_id=doc_id, text=text, title=title, date=date, url=url, outlet=outlet, path=path,
        # NULL: saved before migration 0002 kept the layout.
        blocks=tuple(Block(**b) for b in json.loads(blocks)) if blocks is not None else (),
        markers=tuple(Marker(**m) for m in json.loads(markers)) if markers is not None else (),
        references=tuple(Reference(**dict(zip(_REFERENCE_FIELDS, r, strict=True))) for r in references),
    )  # fmt: skip


def _sentence_from_row(row: Sequence[Any]) -> Sentence:
    doc_id, index, start, end, text, block_index, section, keys = row
    return Sentence(doc_id, index, start, end, text, block_index, section, tuple(json.loads(keys)))
