"""What the store tests share: small record builders, and the stores to run them on.

A test that takes `backend` (or `location`) runs once per kind of store:
`[sqlite]` always, `[postgres]` when DRAGOMAN_TEST_POSTGRES names a PostgreSQL
server that answers (.ci/run starts a throw-away one); otherwise the PostgreSQL
runs skip, saying why. Each PostgreSQL location is a schema of its own, created
for the test and dropped after it (its URL sets the search_path), so no test
sees another's rows. `Backend` also runs plain SQL on a location, for the few
checks that look underneath the store.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from hypothesis import strategies as st

from dragoman.records import (
    Actor,
    Attribution,
    Block,
    Citation,
    DateValue,
    Document,
    Event,
    Marker,
    Reference,
    Sentence,
)
from dragoman.store import EventStore, open_store
from dragoman.store.sql import Migration

POSTGRES_ENV = "DRAGOMAN_TEST_POSTGRES"


def build_event(event_id: str, doc_id: str = "d1", **changes: Any) -> Event:
    """A plausible event; keyword arguments replace fields ("date" takes an ISO string or a DateValue)."""
    date = changes.pop("date", None)
    basis = changes.pop("basis", "explicit" if date else None)
    fields: dict[str, Any] = {
        "event_id": event_id,
        "doc_id": doc_id,
        "sentence_index": 0,
        "sentence": "Iran threatened to close the Strait of Hormuz.",
        "span": (0, 46),
        "trigger": "threatened",
        "trigger_span": (5, 15),
        "source": Actor(text="Iran", name="Iran", code="IRN", country="IRN"),
        "target": None,
        "cameo": "138",
        "root": "13",
        "cameo_name": "Threaten with military force",
        "goldstein": -7.0,
        "quad_class": 3,
        "plover": "THREATEN",
        "date": date if isinstance(date, DateValue) else DateValue(date, "day" if date else None, basis),
    }
    fields.update(changes)
    return Event(**fields)


def build_document(doc_id: str = "d1", text: str = "Iran threatened to close the Strait of Hormuz.") -> Document:
    return Document(
        doc_id=doc_id,
        text=text,
        title=f"Report {doc_id}",
        references=(Reference(key="1", raw="Reuters (2025). Title.", outlet="Reuters"),),
    )


def build_sentence(doc_id: str = "d1", index: int = 0) -> Sentence:
    return Sentence(doc_id=doc_id, index=index, start=0, end=46, text="Iran threatened.", block_index=0,
                    citation_keys=("1",))  # fmt: skip


@pytest.fixture(scope="session")
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture(scope="session")
def make_document() -> Callable[..., Document]:
    return build_document


@pytest.fixture(scope="session")
def make_sentence() -> Callable[..., Sentence]:
    return build_sentence


# ---------------------------------------------------------------- any records (hypothesis)

ISO_DATES = ["201", "2025", "2025-03", "2025-03-08", "2025-03-30", "2024-12-31"]


class Records:
    """Strategies for every record a store keeps, their text drawn from `characters`."""

    def __init__(self, characters: st.SearchStrategy[str]) -> None:
        self.text = text = st.text(characters, max_size=20)
        maybe_text = st.none() | text
        self.small_int = small_int = st.integers(min_value=-(2**31), max_value=2**31)
        finite = st.floats(allow_nan=False, allow_infinity=False)
        self.span = st.tuples(small_int, small_int)
        self.iso_date = iso_date = st.none() | st.sampled_from(ISO_DATES)
        self.actors = actors = st.builds(
            Actor,
            text=text,
            name=maybe_text,
            code=st.none() | st.sampled_from(["IRN", "IRNGOV", "USA", "USAGOV", "IGOUNO"]),
            country=st.none() | st.sampled_from(["IRN", "USA", "ISR"]),
            sector=maybe_text,
            start=st.none() | small_int,
            end=st.none() | small_int,
            basis=text,
            confidence=finite,
        )
        self.dates = st.builds(
            DateValue,
            date=iso_date,
            precision=maybe_text,
            basis=maybe_text,
            date_end=iso_date,
            expression=maybe_text,
            anchor=maybe_text,
            flag=maybe_text,
        )
        self.citations = st.builds(Citation, key=text, outlet=maybe_text, title=maybe_text, published=maybe_text,
                                   language=text, url=maybe_text)  # fmt: skip
        self.blocks = st.builds(Block, start=small_int, end=small_int, kind=text, section=maybe_text)
        self.markers = st.builds(Marker, start=small_int, end=small_int, key=text)
        self.references = st.builds(
            Reference, key=text, raw=text, outlet=maybe_text, author=maybe_text, title=maybe_text,
            published=maybe_text, retrieved=maybe_text, language=text, url=maybe_text, uses=st.integers(0, 9),
        )  # fmt: skip
        self.attributions = st.builds(Attribution, text=text, speaker=st.none() | actors,
                                      chain=st.lists(text, max_size=3).map(tuple))  # fmt: skip
        self.maybe_text = maybe_text
        self.document_text = st.text(characters, max_size=200)
        self.event_ids = st.text(characters, min_size=1, max_size=8)
        self.finite = finite

    def events_of(self, doc_id: str, event_id: str) -> st.SearchStrategy[Event]:
        text, maybe_text = self.text, self.maybe_text
        return st.builds(
            Event,
            event_id=st.just(event_id),
            doc_id=st.just(doc_id),
            sentence_index=st.integers(0, 5),
            sentence=text,
            span=self.span,
            trigger=text,
            trigger_span=self.span,
            source=st.none() | self.actors,
            target=st.none() | self.actors,
            cameo=text,
            root=text,
            cameo_name=text,
            goldstein=self.finite,
            quad_class=self.small_int,
            plover=maybe_text,
            date=self.dates,
            deadline=st.none() | self.dates,
            modality=text,
            condition=maybe_text,
            quote=maybe_text,
            quote_speaker=maybe_text,
            attribution=st.none() | self.attributions,
            reliability=maybe_text,
            citations=st.lists(self.citations, max_size=3).map(tuple),
            reciprocal=st.booleans(),
            location=maybe_text,
            coder_version=text,
            lexicon_fingerprint=text,
        )

    def coded_documents(self, doc_id: str) -> st.SearchStrategy[tuple[Document, list[Sentence], list[Event]]]:
        """A document with its sentences and events, as `save` takes them."""

        @st.composite
        def build(draw: st.DrawFn) -> tuple[Document, list[Sentence], list[Event]]:
            text, maybe_text, small_int = self.text, self.maybe_text, self.small_int
            document = Document(
                doc_id=doc_id,
                text=draw(self.document_text),
                title=draw(maybe_text),
                date=draw(self.iso_date),
                url=draw(maybe_text),
                outlet=draw(maybe_text),
                path=draw(maybe_text),
                blocks=tuple(draw(st.lists(self.blocks, max_size=3))),
                markers=tuple(draw(st.lists(self.markers, max_size=3))),
                references=tuple(draw(st.lists(self.references, max_size=3))),
            )
            sentences = [
                Sentence(doc_id=doc_id, index=i, start=draw(small_int), end=draw(small_int), text=draw(text),
                         block_index=draw(small_int), section=draw(maybe_text),
                         citation_keys=tuple(draw(st.lists(text, max_size=3))))
                for i in range(draw(st.integers(0, 3)))
            ]  # fmt: skip
            ids = draw(st.lists(self.event_ids, max_size=6, unique=True))
            events = [draw(self.events_of(doc_id, f"{doc_id}:{event_id}")) for event_id in ids]
            return document, sentences, events

        return build()


# ---------------------------------------------------------------- the stores to test


class Backend:
    """One kind of store, as the tests see it."""

    name: str
    # Any records it can store (hypothesis): PostgreSQL text cannot hold U+0000.
    records: Records

    @contextmanager
    def location(self) -> Iterator[str]:
        """A fresh location for a store (nothing there yet), removed afterwards."""
        raise NotImplementedError

    @contextmanager
    def store(self) -> Iterator[EventStore]:
        """A fresh writable store, closed and removed afterwards."""
        with self.location() as location, open_store(location) as store:
            yield store

    def sql(self, location: str, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (parameters as ?), committed; its rows, if any."""
        return self.sql_many(location, statement, [params])

    def sql_many(self, location: str, statement: str, rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def columns(self, location: str, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The column names and rows of a query."""
        raise NotImplementedError

    def migrations(self) -> tuple[Migration, ...]:
        raise NotImplementedError

    def open(self, location: str, migrations: Sequence[Migration]) -> EventStore:
        """A writable store migrated with exactly these migrations."""
        raise NotImplementedError

    def tables(self, location: str) -> set[str]:
        raise NotImplementedError

    def fingerprint(self, location: str) -> str:
        """Changes whenever anything stored at the location does."""
        raise NotImplementedError

    def in_transaction(self, store: EventStore) -> bool:
        raise NotImplementedError


class SqliteBackend(Backend):
    name = "sqlite"
    records = Records(st.characters(exclude_categories=("Cs",)))  # what st.text() draws by default

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.numbers = itertools.count()

    @contextmanager
    def location(self) -> Iterator[str]:
        path = self.folder / f"events-{next(self.numbers)}.db"
        yield str(path)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)

    @contextmanager
    def store(self) -> Iterator[EventStore]:
        with open_store(":memory:") as store:
            yield store

    def sql_many(self, location: str, statement: str, rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(location)) as conn, conn:
            conn.execute("PRAGMA foreign_keys = ON")  # as the store's own connections: off by default in SQLite
            found: list[tuple[Any, ...]] = []
            for params in rows:
                found += conn.execute(statement, tuple(params)).fetchall()
            return found

    def columns(self, location: str, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with closing(sqlite3.connect(location)) as conn:
            cursor = conn.execute(query)
            return [d[0] for d in cursor.description], cursor.fetchall()

    def migrations(self) -> tuple[Migration, ...]:
        from dragoman.store.sqlite import load_migrations

        return load_migrations()

    def open(self, location: str, migrations: Sequence[Migration]) -> EventStore:
        from dragoman.store.sqlite import open_sqlite

        return open_sqlite(location, migrations)

    def tables(self, location: str) -> set[str]:
        return {name for (name,) in self.sql(location, "SELECT name FROM sqlite_master WHERE type = 'table'")}

    def fingerprint(self, location: str) -> str:
        return hashlib.sha256(Path(location).read_bytes()).hexdigest()

    def in_transaction(self, store: EventStore) -> bool:
        return bool(store._conn.in_transaction)  # type: ignore[attr-defined]


class PostgresBackend(Backend):
    name = "postgres"
    records = Records(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))

    def __init__(self, url: str) -> None:
        self.url = url
        self.emptied: list[str] = []  # schemas store() handed out before, migrated and empty again

    def admin(self):  # noqa: ANN201 - a psycopg connection
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    @contextmanager
    def location(self) -> Iterator[str]:
        schema = self.create_schema()
        try:
            yield in_schema(self.url, schema)
        finally:
            self.drop_schema(schema)

    @contextmanager
    def store(self) -> Iterator[EventStore]:
        # Migrating a fresh schema for every hypothesis example would cost more
        # than the example: a schema whose store was used without failing is
        # emptied (TRUNCATE) and handed out again, migrated and empty.
        schema = self.emptied.pop() if self.emptied else self.create_schema()
        try:
            with open_store(in_schema(self.url, schema)) as store:
                yield store
        except BaseException:
            self.drop_schema(schema)
            raise
        with closing(self.admin()) as conn:
            conn.execute(
                f"TRUNCATE {schema}.documents, {schema}.doc_references, {schema}.sentences, {schema}.events,"
                f" {schema}.records, {schema}.record_items, {schema}.record_events, {schema}.record_parties"
            )
        self.emptied.append(schema)

    def in_schema(self, schema: str) -> str:
        """The server's URL with the search_path set to `schema`."""
        return in_schema(self.url, schema)

    def create_schema(self) -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with closing(self.admin()) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        return schema

    def drop_schema(self, schema: str) -> None:
        with closing(self.admin()) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    def close(self) -> None:
        while self.emptied:
            self.drop_schema(self.emptied.pop())

    def connect(self, location: str):  # noqa: ANN201 - a psycopg connection
        import psycopg
        from psycopg.types.string import TextLoader

        conn = psycopg.connect(location, autocommit=True)
        conn.adapters.register_loader("json", TextLoader)  # JSON as its text, as sqlite3 gives it
        return conn

    def sql_many(self, location: str, statement: str, rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        with closing(self.connect(location)) as conn, conn.transaction():
            found: list[tuple[Any, ...]] = []
            for params in rows:
                cursor = conn.execute(statement.replace("?", "%s"), tuple(params))
                found += cursor.fetchall() if cursor.description else []
            return found

    def columns(self, location: str, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with closing(self.connect(location)) as conn:
            cursor = conn.execute(query)
            return [d.name for d in cursor.description], cursor.fetchall()

    def migrations(self) -> tuple[Migration, ...]:
        from dragoman.store.postgres import load_migrations

        return load_migrations()

    def open(self, location: str, migrations: Sequence[Migration]) -> EventStore:
        from dragoman.store.postgres import open_postgres

        return open_postgres(location, migrations)

    def tables(self, location: str) -> set[str]:
        return {name for (name,) in self.sql(location, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    def fingerprint(self, location: str) -> str:
        digest = hashlib.sha256()
        relations = self.sql(location, "SELECT relname, relkind FROM pg_class AS c JOIN pg_namespace AS n"
                                       " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() ORDER BY relname")  # fmt: skip
        digest.update(repr(relations).encode())
        for table in sorted(self.tables(location)):
            digest.update(repr(sorted(map(repr, self.sql(location, f"SELECT * FROM {table}")))).encode())
        return digest.hexdigest()

    def in_transaction(self, store: EventStore) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(store._conn.info.transaction_status != TransactionStatus.IDLE)  # type: ignore[attr-defined]


def in_schema(url: str, schema: str) -> str:
    """The libpq URL with the search_path set to `schema` (through libpq's options)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    options = " ".join([*(v for k, v in parse_qsl(parts.query) if k == "options"), f"-csearch_path={schema}"])
    return urlunsplit(parts._replace(query=urlencode([*query, ("options", options)])))


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The server DRAGOMAN_TEST_POSTGRES names; the test skips, saying why, when there is none to reach."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'dragoman[postgres]'")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"{POSTGRES_ENV} names a PostgreSQL server that cannot be reached: {' '.join(str(exc).split())}")
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield SqliteBackend(tmp_path_factory.mktemp("sqlite"))
        return
    postgres = PostgresBackend(request.getfixturevalue("postgres_url"))
    yield postgres
    postgres.close()


@pytest.fixture
def location(backend: Backend) -> Iterator[str]:
    """A fresh, empty location for a store of the backend under test."""
    with backend.location() as where:
        yield where


@pytest.fixture(scope="session")
def postgres(postgres_url: str) -> Iterator[PostgresBackend]:
    """The PostgreSQL backend alone, for tests of what only PostgreSQL does."""
    backend = PostgresBackend(postgres_url)
    yield backend
    backend.close()
