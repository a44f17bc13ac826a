"""The PostgreSQL event store: psycopg 3 (sync), one connection, the SQLite store's schema and queries.

    open_store("postgresql://user@host/db")                    created or migrated as needed
    open_store("postgres://user@host:5433/db", read_only=True)   read an existing store; never write
    open_store("postgresql://user@/db?host=/run/postgresql")     a Unix socket
    open_store("postgresql://user@host/db?options=-csearch_path%3Ddragoman")
                                                               the store in a schema of its own

The URL is libpq's, so everything libpq reads (PGPASSWORD, ~/.pgpass, sslmode=...)
works. The store lives in the first schema of the search_path (`public` unless
the URL says otherwise), which must be empty or an event store already.

Schema: the tables and columns of the SQLite store, one migration script per
version (migrations/NNNN_*.postgres.sql beside SQLite's NNNN_*.sql), recorded in
`schema_migrations` as there; the scripts say where the types differ and why.
A writable open applies the missing ones in one transaction, holding an advisory
lock, so two processes opening a fresh database at once migrate it once. A
database migrated by a newer dragoman is refused. The queries are the same text
as SQLite's (`sql.py`), so both stores give the same events for the same query.

Writers: `save` replaces everything of one doc_id in one transaction that first
takes an advisory lock on that doc_id, so two processes saving the same document
at once queue (one's version wins whole) instead of one failing on the other's
rows; saves of different documents do not wait for each other.

Readers: `events` streams in batches, each continuing after the last event of
the one before (as a cursor page does), so memory stays flat however many events
match; `document` reads in one repeatable-read snapshot. `read_only=True` makes
every transaction of the connection read-only (default_transaction_read_only),
so PostgreSQL itself refuses writes, and never migrates.

PostgreSQL text cannot hold the NUL character (U+0000), which SQLite can: a
document, sentence or event with one is refused with a StoreError saying where.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.string import TextLoader

from ..errors import StoreError
from ..happenings.records import GroupingStamp, Happening, HappeningQuery
from ..record.records import Record, RecordLink
from ..records import Document, Event, Sentence
from .base import (
    FIRST_PAGE,
    Coding,
    DocumentSummary,
    EventKey,
    EventQuery,
    Page,
    PageRequest,
    RecordQuery,
    RecordSummaries,
    StoredDocument,
    document_cursor,
    event_cursor,
    event_key,
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
    POSTGRES,
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
from .sql import (
    load_migrations as load_dialect_migrations,
)

__all__ = [
    "PostgresStore",
    "apply_migrations",
    "document_lock",
    "load_migrations",
    "open_postgres",
    "open_postgres_url",
    "open_postgresql_url",
    "redact",
]

Connection = psycopg.Connection[tuple[Any, ...]]

# Events read per query while streaming: few round trips, little memory.
BATCH = 1000
_CONNECT_TIMEOUT = 10  # seconds, unless the URL says; libpq's default is to wait forever


def _lock_key(text: str) -> int:
    """A signed 64-bit advisory lock key from sha256 (stable across processes, unlike hash())."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big", signed=True)


# Migrations lock a pair of 32-bit keys, documents a single 64-bit one: PostgreSQL
# keeps the two key spaces apart, so no doc_id can collide with the migration lock.
_MIGRATION_LOCK = (_lock_key("dragoman") >> 32, 1)


def document_lock(doc_id: str) -> int:
    """The advisory lock key `save` holds while it replaces the document `doc_id`."""
    return _lock_key("document:" + doc_id)


def load_migrations() -> tuple[Migration, ...]:
    """The packaged PostgreSQL migrations, numbered 1, 2, 3, ... as SQLite's are."""
    return load_dialect_migrations(POSTGRES)


# ---------------------------------------------------------------- opening


def open_postgresql_url(location: str, read_only: bool = False) -> PostgresStore:
    """The opener `open_store` uses for postgresql:// URLs; `location` is what follows "postgresql://"."""
    return open_postgres("postgresql://" + location, read_only=read_only)


def open_postgres_url(location: str, read_only: bool = False) -> PostgresStore:
    """The opener for postgres:// URLs (libpq reads both schemes alike)."""
    return open_postgres("postgres://" + location, read_only=read_only)


def open_postgres(url: str, migrations: Sequence[Migration] | None = None, *, read_only: bool = False) -> PostgresStore:
    """Open the store at the libpq URL `url`: writable (created or migrated as needed) or read-only (as it is)."""
    shown = redact(url)
    migrations = load_migrations() if migrations is None else migrations
    conn = _connect(url, shown)
    try:
        _check_database(conn, shown)
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
            check_schema_version(shown, _schema_version(conn, shown), migrations[-1].version if migrations else 0)
        else:
            apply_migrations(conn, migrations, shown)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, psycopg.Error):
            raise StoreError(f"{shown}: cannot open the event store ({_one_line(exc)}){_hint(exc)}") from exc
        raise
    return PostgresStore(conn, shown, read_only=read_only)


def redact(url: str) -> str:
    """The URL without its password (in the user part or as ?password=), fit to show in a message."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.partition("://")[0] + "://..."
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}@{hosts}"
    query = "&".join(p for p in parts.query.split("&") if p and p.partition("=")[0].lower() != "password")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _connect(url: str, shown: str) -> Connection:
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        detail = _one_line(exc).replace(url, shown)  # libpq quotes the whole URL, password and all
        raise StoreError(
            f"{shown}: not a PostgreSQL URL ({detail}); write it as postgresql://user@host:port/database"
        ) from exc
    extra: dict[str, Any] = {}
    if "connect_timeout" not in params:
        extra["connect_timeout"] = _CONNECT_TIMEOUT
    if "application_name" not in params:
        extra["application_name"] = "dragoman"  # what pg_stat_activity shows
    try:
        conn = psycopg.connect(url, autocommit=True, **extra)
    except psycopg.Error as exc:
        raise _connect_error(shown, str(params.get("password") or ""), exc) from exc
    # json columns read back as their text, which the stores parse themselves (as SQLite's).
    conn.adapters.register_loader("json", TextLoader)
    return conn


_MISSING_DATABASE = re.compile(r'database "(?P<name>[^"]*)" does not exist')
_LOGIN_REFUSED = ("password authentication failed", "no password supplied", "authentication failed",
                  "role \"", "no pg_hba.conf entry", "peer authentication failed")  # fmt: skip
_UNREACHABLE = ("connection refused", "no such file or directory", "could not translate host name",
                "timeout expired", "network is unreachable", "no route to host", "server closed the connection",
                "name or service not known")  # fmt: skip


def _connect_error(shown: str, password: str, exc: Exception) -> StoreError:
    """One line a user can act on, from what libpq said when the connection failed."""
    detail = re.sub(r"^connection (failed|is bad): ", "", _one_line(exc))
    if password:
        detail = detail.replace(password, "***")  # libpq does not echo it; be sure
    lowered = detail.lower()
    missing = _MISSING_DATABASE.search(detail)
    if missing:
        name = missing.group("name")
        return StoreError(
            f"{shown}: the PostgreSQL database {name!r} does not exist; create it first "
            f"(createdb {name}, or CREATE DATABASE in psql) or name an existing one"
        )
    if any(sign in lowered for sign in _LOGIN_REFUSED):
        return StoreError(
            f"{shown}: the PostgreSQL server refused the login ({detail}); check the user name and the password "
            "(in the URL, PGPASSWORD or ~/.pgpass)"
        )
    if any(sign in lowered for sign in _UNREACHABLE):
        return StoreError(
            f"{shown}: cannot reach the PostgreSQL server ({detail}); start it, or check the host and port in the URL"
        )
    return StoreError(f"{shown}: cannot connect to PostgreSQL ({detail})")


def _check_database(conn: Connection, shown: str) -> None:
    row = conn.execute("SELECT current_setting('server_encoding'), current_schema()").fetchone()
    encoding, schema = row if row is not None else (None, None)
    if encoding != "UTF8":
        raise StoreError(
            f"{shown}: the database's encoding is {encoding}, but an event store keeps text in any script; "
            "use a database created with ENCODING 'UTF8'"
        )
    if schema is None:
        raise StoreError(
            f"{shown}: no schema of the search_path exists to keep the store in; create it (CREATE SCHEMA ...) "
            "or name another with ?options=-csearch_path%3Dname"
        )


def _hint(exc: psycopg.Error) -> str:
    if exc.sqlstate == "42501":  # insufficient_privilege, e.g. CREATE on public, which PostgreSQL 15 no longer grants
        return "; grant the user CREATE on the schema, or use a database or schema the user owns"
    return ""


def _one_line(exc: Exception) -> str:
    """The server's message and detail, without the query excerpt psycopg adds (LINE 1: ... ^), on one line."""
    text = str(exc)
    if isinstance(exc, psycopg.Error) and exc.diag.message_primary:
        text = exc.diag.message_primary
        if exc.diag.message_detail:
            text += ": " + exc.diag.message_detail
    return " ".join(text.split())


# ---------------------------------------------------------------- migrations


def apply_migrations(conn: Connection, migrations: Sequence[Migration], shown: str) -> None:
    """Apply the migrations newer than the database's version, all in one transaction, under the migration lock."""
    known = migrations[-1].version if migrations else 0
    if _schema_version(conn, shown) == known:
        return  # the common case takes no lock
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", _MIGRATION_LOCK)
        # Again, now that the lock is held: another process may have migrated
        # meanwhile, and each statement reads what was committed before it began.
        current = _schema_version(conn, shown)
        if current is None:
            conn.execute("CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)")
            current = 0
        if current > known:
            raise too_new(shown, current, known)
        applied_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for migration in migrations:
            if migration.version > current:
                # No parameters, so the whole script goes as one simple query, inside this transaction.
                conn.execute(migration.sql)
                conn.execute("INSERT INTO schema_migrations VALUES (%s, %s)", (migration.version, applied_at))


def _schema_version(conn: Connection, shown: str) -> int | None:
    """The highest applied migration; None for an empty schema; a StoreError for a schema of someone else."""
    names = {
        name
        for (name,) in conn.execute(
            "SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        )
    }
    if "schema_migrations" not in names:
        if names:
            row = conn.execute("SELECT current_schema()").fetchone()
            schema = row[0] if row else "?"
            raise StoreError(
                f"{shown}: schema {schema} holds tables but no schema_migrations, so it is not an event store; "
                "use an empty database, or a schema of its own (?options=-csearch_path%3Ddragoman, after "
                "CREATE SCHEMA dragoman)"
            )
        return None
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0) if row else 0


# ---------------------------------------------------------------- the store


class PostgresStore:
    """An open PostgreSQL event store. Build it with `open_postgres` (or `open_store`).

    One connection, used by one thread at a time: open a store per thread or process.
    """

    def __init__(self, conn: Connection, url: str, *, read_only: bool = False) -> None:
        self._conn: Connection | None = conn
        self._read_only = read_only
        self.url = url  # without its password

    @property
    def read_only(self) -> bool:
        return self._read_only

    def __enter__(self) -> PostgresStore:
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
        """Replace everything stored for this document (its record too) in one transaction, under the document's lock.

        As in SQLite, the rows are built before the transaction starts, so a
        record that cannot be stored fails without touching the database, and a
        failure while writing rolls back to the previous content.
        """
        conn = self._connection()
        doc_id = result_document.doc_id
        if self._read_only:
            raise StoreError(f"{self.url}: opened read-only, so document {doc_id!r} cannot be stored")
        try:
            check_doc_ids(result_document, sentences, events)
            _refuse_nul(result_document, sentences, events, record)
            document = document_row(result_document, coded_with)
            references = reference_rows(result_document)
            sentence_rows = [sentence_row(s) for s in sentences]
            event_rows = [event_row(e) for e in events]
            rows = record_rows(result_document, record, events)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.url}: cannot store document {doc_id!r}: {exc}") from exc
        try:
            with conn.transaction():
                # Taken first, so the deletes below see whatever a save that held it committed.
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (document_lock(doc_id),))
                for table in (*RECORD_TABLES, "events", "sentences", "doc_references", "documents"):
                    conn.execute(f"DELETE FROM {table} WHERE doc_id = %s", (doc_id,))
                with conn.cursor() as cursor:
                    cursor.execute(_INSERT_DOCUMENT, document)
                    cursor.executemany(_INSERT_REFERENCE, references)
                    cursor.executemany(_INSERT_SENTENCE, sentence_rows)
                    cursor.executemany(_INSERT_EVENT, event_rows)
                    if rows.record is not None:
                        cursor.execute(_INSERT_RECORD, rows.record)
                        cursor.executemany(_INSERT_ITEM, rows.items)
                        cursor.executemany(_INSERT_LINK, rows.links)
                        cursor.executemany(_INSERT_PARTY, rows.parties)
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot store document {doc_id!r}: {_one_line(exc)}") from exc

    def codings(self, doc_ids: Sequence[str]) -> dict[str, Coding]:
        """What each of these documents that is stored was coded from, by doc_id (migration 0006)."""
        found: dict[str, Coding] = {}
        unique = list(dict.fromkeys(doc_ids))
        for start in range(0, len(unique), CODINGS_BATCH):
            rows = self._fetch(*codings_select(unique[start : start + CODINGS_BATCH], POSTGRES))
            found.update((doc_id, Coding(digest, stamp)) for doc_id, digest, stamp in rows)
        return found

    # ------------------------------------------------------------ events

    def events(self, query: EventQuery) -> Iterator[Event]:
        """Matching events in store order, read in batches of BATCH (the first one now, the rest as needed)."""
        size = BATCH if query.limit is None else min(BATCH, query.limit)
        first = self._read_events(query, limit=size, offset=query.offset, after=query.after())
        return self._continue(query, first, size)

    def _continue(self, query: EventQuery, batch: list[Event], size: int) -> Iterator[Event]:
        left = query.limit  # None: all that match
        while True:
            yield from batch
            if left is not None:
                left -= len(batch)
            if len(batch) < size or left == 0:
                return
            size = BATCH if left is None else min(BATCH, left)
            batch = self._read_events(query, limit=size, offset=0, after=event_key(batch[-1]))

    def event_page(self, query: EventQuery) -> Page[Event]:
        """One page of matching events: `query.limit` of them (None: all that remain).

        One row more than the page is read, to know whether another page follows.
        A limit of 0 is refused: an empty page could not say where the next starts.
        """
        if query.limit == 0:
            raise StoreError("a page needs limit of at least 1 (or None for all events)")
        fetch = None if query.limit is None else query.limit + 1
        events = self._read_events(query, limit=fetch, offset=query.offset, after=query.after())
        if query.limit is None or len(events) <= query.limit:
            return Page(tuple(events), None)
        items = tuple(events[: query.limit])
        return Page(items, event_cursor(items[-1]))

    def count_events(self, query: EventQuery) -> int:
        """How many events the query's filters match; its offset, limit and cursor are ignored."""
        (count,) = self._fetch(*count_select(query, POSTGRES))[0]
        return int(count)

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        rows = self._fetch(_SELECT_EVENT, {"id": event_id})
        return load_event(rows[0][0], self.url) if rows else None

    # ------------------------------------------------------------ documents

    def document(self, doc_id: str) -> StoredDocument | None:
        """The document with this id, read back whole (one snapshot), or None."""
        with self._snapshot():
            rows = self._fetch(_SELECT_DOCUMENT, {"id": doc_id})
            if not rows:
                return None
            references = self._fetch(_SELECT_REFERENCES, {"id": doc_id})
            sentences = self._fetch(_SELECT_SENTENCES, {"id": doc_id})
            events = tuple(self.events(EventQuery(doc_id=doc_id)))
        try:
            document = document_from_row(rows[0], references)
            loaded = tuple(sentence_from_row(s) for s in sentences)
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self.url}: stored document {doc_id!r} is damaged ({exc})") from exc
        return StoredDocument(document, loaded, events)

    def documents(self, page: PageRequest = FIRST_PAGE) -> Page[DocumentSummary]:
        """One page of stored documents, by doc_id, each with its number of events."""
        rows = self._fetch(*documents_select(page, POSTGRES))
        items = tuple(DocumentSummary(*row) for row in rows[: page.limit])
        more = len(rows) > page.limit
        return Page(items, document_cursor(items[-1].doc_id) if more else None)

    # ------------------------------------------------------------ the record

    def record(self, doc_id: str) -> Record | None:
        """The diplomatic record stored with this document, or None."""
        rows = self._fetch(_SELECT_RECORD, {"id": doc_id})
        return load_record(rows[0][0], self.url) if rows else None

    def records(self, page: PageRequest = FIRST_PAGE) -> Page[Record]:
        """One page of the stored records, by doc_id."""
        rows = self._fetch(*records_select(page, POSTGRES))
        items = tuple(load_record(text, self.url) for _, text in rows[: page.limit])
        more = len(rows) > page.limit
        return Page(items, document_cursor(rows[page.limit - 1][0]) if more else None)

    def record_summaries(self, query: RecordQuery) -> RecordSummaries:
        """The documents with a record the query matches, counted per part (one snapshot)."""
        with self._snapshot():
            ((total,),) = self._fetch(*record_count_select(query, POSTGRES))
            rows = self._fetch(*record_summaries_select(query, POSTGRES)) if query.limit != 0 else []
        return RecordSummaries(int(total), tuple(record_summary(row) for row in rows))

    def record_links(self, event_id: str) -> tuple[RecordLink, ...]:
        """The parts of records that name this event."""
        return tuple(record_link(row) for row in self._fetch(_SELECT_LINKS, {"id": event_id}))

    # ------------------------------------------------------------ happenings (0005)

    def events_version(self) -> int:
        """A number that every insert, update or delete of an event raises, when its transaction commits."""
        return int(self._fetch(_SELECT_EVENTS_VERSION, {})[0][0])

    def document_digests(self) -> Iterator[tuple[str, str, str | None]]:
        """(doc_id, sha256 of its text, outlet) of every stored document, by doc_id."""
        return (tuple(row) for row in self._fetch(_SELECT_DIGESTS, {}))

    def grouping(self) -> GroupingStamp | None:
        """What the stored happenings were grouped from; None before any grouping was stored."""
        rows = self._fetch(_SELECT_STAMP, {})
        return stamp_from_row(rows[0] if rows else None)

    def replace_happenings(self, happenings: Sequence[Happening], stamp: GroupingStamp) -> bool:
        """Replace every stored happening by these, in one transaction, if the events are still
        at `stamp.events_version`; False (and nothing written) if they changed meanwhile.

        The version row is read FOR SHARE: a writer committing meanwhile waits for this
        transaction, so the check holds until the commit."""
        conn = self._connection()
        if self._read_only:
            raise StoreError(f"{self.url}: opened read-only, so happenings cannot be stored")
        try:
            rows = [happening_row(h) for h in happenings]
            reports = [row for h in happenings for row in report_rows(h)]
            if any("\x00" in row[-1] for row in rows):
                raise ValueError("a happening holds the NUL character (U+0000), which PostgreSQL cannot store")
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.url}: cannot store happenings: {exc}") from exc
        try:
            with conn.transaction():
                found = conn.execute(_SELECT_EVENTS_VERSION_FOR_SHARE).fetchone()
                if found is None or int(found[0]) != stamp.events_version:
                    return False
                for statement in DELETE_HAPPENINGS:
                    conn.execute(statement)
                with conn.cursor() as cursor:
                    cursor.executemany(_INSERT_HAPPENING, rows)
                    cursor.executemany(_INSERT_HAPPENING_REPORT, reports)
                    cursor.execute(_INSERT_STAMP, stamp_row(stamp))
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot store happenings: {_one_line(exc)}{_hint(exc)}") from exc
        return True

    def happenings(self, query: HappeningQuery) -> Iterator[Happening]:
        """The stored happenings the query keeps: undated last, by date, by id."""
        rows = self._fetch(*happenings_select(query, POSTGRES))
        return (load_happening(record, self.url) for (record,) in rows)

    def happening_of(self, event_id: str) -> Happening | None:
        """The stored happening this event is part of, or None."""
        rows = self._fetch(_SELECT_HAPPENING_OF, {"id": event_id})
        return load_happening(rows[0][0], self.url) if rows else None

    # ------------------------------------------------------------ plumbing

    def _connection(self) -> Connection:
        if self._conn is None:
            raise StoreError(f"{self.url}: the event store is closed")
        return self._conn

    def _fetch(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot read the event store ({_one_line(exc)})") from exc

    def _read_events(self, query: EventQuery, *, limit: int | None, offset: int, after: EventKey | None) -> list[Event]:
        rows = self._fetch(*event_select(query, POSTGRES, limit=limit, offset=offset, after=after))
        return [load_event(record, self.url) for (record,) in rows]

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Run several reads in one repeatable-read transaction, so a concurrent save cannot land between them."""
        conn = self._connection()
        if conn.info.transaction_status != TransactionStatus.IDLE:
            yield
            return
        try:
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot read the event store ({_one_line(exc)})") from exc


# ---------------------------------------------------------------- statements and checks

_INSERT_DOCUMENT = POSTGRES.insert("documents", DOCUMENT_COLUMNS)
_INSERT_REFERENCE = POSTGRES.insert("doc_references", REFERENCE_COLUMNS)
_INSERT_SENTENCE = POSTGRES.insert("sentences", SENTENCE_COLUMNS)
_INSERT_EVENT = POSTGRES.insert("events", EVENT_COLUMNS)
_SELECT_EVENT = POSTGRES.render(SELECT_EVENT)
_SELECT_DOCUMENT = POSTGRES.render(SELECT_DOCUMENT)
_SELECT_REFERENCES = POSTGRES.render(SELECT_REFERENCES)
_SELECT_SENTENCES = POSTGRES.render(SELECT_SENTENCES)
_INSERT_RECORD = POSTGRES.insert("records", RECORD_COLUMNS)
_INSERT_ITEM = POSTGRES.insert("record_items", ITEM_COLUMNS)
_INSERT_LINK = POSTGRES.insert("record_events", LINK_COLUMNS)
_INSERT_PARTY = POSTGRES.insert("record_parties", PARTY_COLUMNS)
_SELECT_RECORD = POSTGRES.render(SELECT_RECORD)
_SELECT_LINKS = POSTGRES.render(SELECT_LINKS)

_SELECT_EVENTS_VERSION = POSTGRES.render(SELECT_EVENTS_VERSION)
_SELECT_DIGESTS = POSTGRES.render(SELECT_DIGESTS)
_SELECT_EVENTS_VERSION_FOR_SHARE = POSTGRES.render(SELECT_EVENTS_VERSION + " FOR SHARE")
_SELECT_STAMP = POSTGRES.render(SELECT_STAMP)
_SELECT_HAPPENING_OF = POSTGRES.render(SELECT_HAPPENING_OF)
_INSERT_HAPPENING = POSTGRES.insert("happenings", HAPPENING_COLUMNS)
_INSERT_HAPPENING_REPORT = POSTGRES.insert("happening_reports", REPORT_COLUMNS)
_INSERT_STAMP = POSTGRES.insert("happening_stamp", STAMP_COLUMNS)

def _refuse_nul(document: Document, sentences: Sequence[Sentence], events: Sequence[Event], record: Record | None = None) -> None:
    """A ValueError saying where, if any text holds U+0000, which PostgreSQL text cannot."""
    records: list[tuple[str, object]] = [("the document", document)]
    records += [(f"sentence {s.index}", s) for s in sentences]
    records += [(f"event {e.event_id!r}", e) for e in events]
    records += [("its record", record)] if record is not None else []
    for where, value in records:
        if _has_nul(value):
            raise ValueError(f"{where} holds the NUL character (U+0000), which PostgreSQL cannot store; remove it")


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (tuple, list)):
        return any(_has_nul(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_has_nul(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False
