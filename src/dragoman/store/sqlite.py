"""The SQLite event store: stdlib sqlite3, WAL, foreign keys, versioned schema.

The schema is a numbered list of SQL scripts in `migrations/` (0001_initial.sql,
0002_..., never edited once released). `open_sqlite` applies the ones a database
lacks, in order, in one transaction, and records each in `schema_migrations`.
A database migrated by a newer dragoman is refused rather than guessed at.

Each event row carries the full `Event.to_dict()` JSON in `record`; the other
columns copy the fields queries filter and sort on. Events are read back from
`record` alone, so adding a field to Event needs no migration.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..records import Document, Event, Sentence, event_from_dict
from . import EventQuery

SQLITE_HEADER = b"SQLite format 3\x00"
MEMORY = ":memory:"

_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
_ORDER = " ORDER BY date IS NULL, date, doc_id, sentence_index, event_id"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str  # the file name, e.g. "0001_initial.sql"
    sql: str


def load_migrations() -> tuple[Migration, ...]:
    """The packaged migrations, checked to be numbered 1, 2, 3, ... without gaps."""
    folder = resources.files("dragoman.store").joinpath("migrations")
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


def open_sqlite(path: str, migrations: Sequence[Migration] | None = None) -> SqliteStore:
    """Open or create the store at `path` and bring its schema up to date."""
    if path != MEMORY:
        _check_path(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None)  # we issue BEGIN/COMMIT ourselves
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the event store ({exc})") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")  # readers do not block the writer
        apply_migrations(conn, load_migrations() if migrations is None else migrations, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{path}: cannot open the event store ({exc})") from exc
        raise
    return SqliteStore(conn, path)


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
        return  # the common case takes no write lock, so read-only files open too
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = _schema_version(conn, path)  # again: another process may have migrated meanwhile
        if current is None:
            conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            current = 0
        if current > known:
            raise StoreError(
                f"{path}: the store has schema version {current} but this dragoman knows only up to {known}; "
                "upgrade dragoman to use it"
            )
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

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path

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

    def save(self, result_document: Document, sentences: Sequence[Sentence], events: Sequence[Event]) -> None:
        """Replace everything stored for this document in one transaction.

        The rows are built before the transaction starts, so a record that cannot
        be serialised fails without touching the database; a failure while
        writing (say, an event_id another document already uses) rolls back to
        the previous content.
        """
        conn = self._connection()
        doc_id = result_document.doc_id
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
            conn.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", document_row)
            conn.executemany("INSERT INTO doc_references VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", reference_rows)
            conn.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sentence_rows)
            conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 18)})", event_rows)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, OverflowError, ValueError)):  # ValueError: text sqlite cannot encode
                raise StoreError(f"{self.path}: cannot store document {doc_id!r}: {exc}") from exc
            raise

    def events(self, query: EventQuery) -> Iterator[Event]:
        """Matching events, ordered by date (undated last), doc_id, sentence_index, event_id."""
        where, params = _where(query)
        sql = "SELECT record FROM events" + where + _ORDER
        if query.limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = query.limit
        cursor = self._execute(sql, params)
        return (event_from_dict(json.loads(record)) for (record,) in cursor)

    def documents(self) -> Iterator[tuple[str, str | None, int]]:
        """(doc_id, title, number of events) for every stored document, by doc_id."""
        cursor = self._execute(
            "SELECT d.doc_id, d.title, count(e.event_id) FROM documents AS d"
            " LEFT JOIN events AS e ON e.doc_id = d.doc_id GROUP BY d.doc_id ORDER BY d.doc_id",
            {},
        )
        return ((doc_id, title, count) for doc_id, title, count in cursor)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the event store is closed")
        return self._conn

    def _execute(self, sql: str, params: dict[str, Any]) -> sqlite3.Cursor:
        try:
            return self._connection().execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read the event store ({exc})") from exc


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
_EXACT = {"modality": "modality", "basis": "date_basis", "root": "root", "doc_id": "doc_id"}


def _where(query: EventQuery) -> tuple[str, dict[str, Any]]:
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
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


# ---------------------------------------------------------------- rows


def _check_doc_ids(document: Document, sentences: Sequence[Sentence], events: Sequence[Event]) -> None:
    records: list[Sentence | Event] = [*sentences, *events]
    for record in records:
        if record.doc_id != document.doc_id:
            kind = type(record).__name__.lower()
            raise ValueError(f"a {kind} of document {record.doc_id!r} was passed with it")


def _document_row(doc: Document) -> tuple[Any, ...]:
    sha256 = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return (doc.doc_id, doc.title, doc.date, doc.url, doc.outlet, doc.path, sha256, doc.text)


def _reference_rows(doc: Document) -> list[tuple[Any, ...]]:
    return [
        (doc.doc_id, position, r.key, r.raw, r.outlet, r.author, r.title,
         r.published, r.retrieved, r.language, r.url, r.uses)
        for position, r in enumerate(doc.references)
    ]  # fmt: skip


def _sentence_row(s: Sentence) -> tuple[Any, ...]:
    keys = json.dumps(list(s.citation_keys), ensure_ascii=False)
    return (s.doc_id, s.index, s.start, s.end, s.text, s.block_index, s.section, keys)


def _event_row(e: Event) -> tuple[Any, ...]:
    record = json.dumps(e.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    source, target, date = e.source, e.target, e.date
    return (
        e.event_id, e.doc_id, e.sentence_index, e.cameo, e.root, e.goldstein, e.quad_class, e.plover,
        date.date, date.date_end, date.precision, date.basis, e.modality,
        source.code if source else None, source.country if source else None,
        target.code if target else None, target.country if target else None,
        record,
    )  # fmt: skip
