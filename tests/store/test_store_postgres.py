"""What only the PostgreSQL store does: URLs and connection errors, schemas it must not touch,
the server's own read-only transactions, concurrent openers and writers, NUL, streaming, collation.

Tests that need a server take the `postgres` fixture and skip, saying why, without one;
the others need only psycopg.
"""

from __future__ import annotations

import math
import threading
import uuid
from contextlib import closing, contextmanager
from dataclasses import replace
from urllib.parse import urlsplit, urlunsplit

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'dragoman[postgres]'")

from dragoman.errors import StoreError  # noqa: E402
from dragoman.store import EventQuery, StoredDocument, open_store  # noqa: E402
from dragoman.store import postgres as pg  # noqa: E402
from dragoman.store.base import event_cursor  # noqa: E402
from dragoman.store.postgres import PostgresStore, redact  # noqa: E402

# ---------------------------------------------------------------- URLs and errors, no server needed


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://user:secret@host/db", "postgresql://user@host/db"),
        ("postgres://user:secret@host:5433/db?sslmode=require&password=other",
         "postgres://user@host:5433/db?sslmode=require"),
        ("postgresql://host/db", "postgresql://host/db"),
        ("postgresql://us%40er:p%3Aw@h1:5432,h2:5433/db", "postgresql://us%40er@h1:5432,h2:5433/db"),
        ("postgresql://user@/db?host=/run/postgresql&PASSWORD=x", "postgresql://user@/db?host=/run/postgresql"),
        ("postgresql://a:secret@[bad/x", "postgresql://..."),  # not even a URL urllib can split
    ],
)  # fmt: skip
def test_urls_are_shown_without_their_password(url, shown) -> None:
    assert redact(url) == shown


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    url = "postgresql://user:secret@/db?host=/nonexistent-dragoman-dir&port=1"
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert message.startswith("postgresql://user@/db?host=/nonexistent-dragoman-dir&port=1: cannot reach the "
                              'PostgreSQL server (connection to server on socket "/nonexistent-dragoman-dir/.s.PGSQL.1"'
                              " failed: No such file or directory")  # fmt: skip
    assert message.endswith("; start it, or check the host and port in the URL")
    assert "secret" not in message and "\n" not in message


def test_a_url_libpq_cannot_read_is_refused() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://user:secret@host/db?colour=blue")
    assert str(info.value) == (
        'postgresql://user@host/db?colour=blue: not a PostgreSQL URL (invalid URI query parameter: "colour"); '
        "write it as postgresql://user@host:port/database"
    )


def test_a_url_libpq_cannot_split_is_refused_without_its_password() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://user:secret@[::1/db")
    assert str(info.value) == (
        'postgresql://...: not a PostgreSQL URL (end of string reached when looking for matching "]" in IPv6 host '
        'address in URI: "postgresql://..."); write it as postgresql://user@host:port/database'
    )


def test_a_refused_password_says_where_to_look() -> None:
    # libpq's own words; a password check needs a server set up for passwords, which CI's is not.
    said = psycopg.OperationalError(
        'connection failed: connection to server at "10.0.0.7", port 5432 failed: '
        'FATAL:  password authentication failed for user "alice"'
    )
    assert str(pg._connect_error("postgresql://alice@10.0.0.7/events", "hunter2", said)) == (
        'postgresql://alice@10.0.0.7/events: the PostgreSQL server refused the login (connection to server at '
        '"10.0.0.7", port 5432 failed: FATAL: password authentication failed for user "alice"); check the user '
        "name and the password (in the URL, PGPASSWORD or ~/.pgpass)"
    )


# ---------------------------------------------------------------- connecting to a real server


def with_path(url: str, *, database: str | None = None, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc if user is None else f"{user}@{parts.netloc.rpartition('@')[2]}"
    return urlunsplit(parts._replace(netloc=netloc, path=parts.path if database is None else f"/{database}"))


def test_a_missing_database_says_how_to_create_it(postgres) -> None:
    url = with_path(postgres.url, database="dragoman_no_such_db")
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert str(info.value) == (
        f"{url}: the PostgreSQL database 'dragoman_no_such_db' does not exist; create it first "
        "(createdb dragoman_no_such_db, or CREATE DATABASE in psql) or name an existing one"
    )


def test_an_unknown_user_is_a_refused_login(postgres) -> None:
    url = with_path(postgres.url, user="dragoman_no_such_role")
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert message.startswith(f"{url}: the PostgreSQL server refused the login (")
    assert 'role "dragoman_no_such_role" does not exist' in message
    assert message.endswith("check the user name and the password (in the URL, PGPASSWORD or ~/.pgpass)")


def test_a_schema_of_someone_else_is_refused_and_left_alone(postgres) -> None:
    with postgres.location() as location:
        postgres.sql(location, "CREATE TABLE customers (name text)")
        postgres.sql(location, "INSERT INTO customers VALUES ('Ada')")
        schema = postgres.sql(location, "SELECT current_schema()")[0][0]
        for read_only in (False, True):
            with pytest.raises(StoreError) as info:
                open_store(location, read_only=read_only)
            assert str(info.value) == (
                f"{location}: schema {schema} holds tables but no schema_migrations, so it is not an event store; "
                "use an empty database, or a schema of its own (?options=-csearch_path%3Ddragoman, after "
                "CREATE SCHEMA dragoman)"
            )
        assert postgres.tables(location) == {"customers"}
        assert postgres.sql(location, "SELECT name FROM customers") == [("Ada",)]


def test_an_empty_schema_is_not_opened_read_only_and_stays_empty(postgres) -> None:
    with postgres.location() as location:
        with pytest.raises(StoreError) as info:
            open_store(location, read_only=True)
        assert str(info.value) == f"{location}: an empty database, not an event store yet; store something in it first"
        assert postgres.tables(location) == set()


def test_a_search_path_that_names_no_schema_is_refused(postgres) -> None:
    url = postgres.in_schema("dragoman_no_such_schema")
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert str(info.value) == (
        f"{url}: no schema of the search_path exists to keep the store in; create it (CREATE SCHEMA ...) "
        "or name another with ?options=-csearch_path%3Dname"
    )


@contextmanager
def database(postgres, options: str):
    """A throw-away database made with these CREATE DATABASE options; its URL."""
    name = f"dragoman_test_{uuid.uuid4().hex[:8]}"
    with closing(postgres.admin()) as conn:
        try:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 {options}")
        except psycopg.Error as exc:
            pytest.skip(f"this server cannot create a database with {options}: {exc}")
    try:
        yield with_path(postgres.url, database=name)
    finally:
        with closing(postgres.admin()) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def test_a_database_that_cannot_hold_every_script_is_refused(postgres) -> None:
    with database(postgres, "ENCODING 'LATIN1' LOCALE 'C'") as url:
        with pytest.raises(StoreError) as info:
            open_store(url)
        assert str(info.value) == (
            f"{url}: the database's encoding is LATIN1, but an event store keeps text in any script; "
            "use a database created with ENCODING 'UTF8'"
        )


def test_order_is_by_code_point_whatever_the_database_collation(postgres, make_document, make_event) -> None:
    # en-US sorts "_" first, "a" before "B", and ignores "-": the store's columns say COLLATE "C".
    ids = ["b", "B", "a", "_", "é", "z", "A-2", "A1", "日本"]
    with database(postgres, "ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'") as url:
        with closing(psycopg.connect(url)) as conn:
            in_english = [x for (x,) in conn.execute("SELECT x FROM unnest(%s::text[]) AS x ORDER BY x", (ids,))]
        assert in_english != sorted(ids)  # the database's own order differs, or the test proves nothing
        with open_store(url) as store:
            for doc_id in ids:
                store.save(make_document(doc_id), [], [make_event(f"{doc_id}:0", doc_id, date="2025-03-08"),
                                                       make_event(f"{doc_id}:1", doc_id)])  # fmt: skip
            assert [d.doc_id for d in store.documents().items] == sorted(ids)
            dated = [e.doc_id for e in store.events(EventQuery(since="2025"))]
            assert dated == sorted(ids)
            page = store.event_page(EventQuery(limit=4))
            rest = list(store.events(EventQuery(cursor=page.next_cursor)))
            assert [e.event_id for e in [*page.items, *rest]] == [
                *(f"{d}:0" for d in sorted(ids)), *(f"{d}:1" for d in sorted(ids))
            ]


def test_a_user_without_create_on_the_schema_is_told_what_to_grant(postgres) -> None:
    role = f"dragoman_reader_{uuid.uuid4().hex[:8]}"
    with postgres.location() as location:
        schema = postgres.sql(location, "SELECT current_schema()")[0][0]
        with closing(postgres.admin()) as conn:
            conn.execute(f"CREATE ROLE {role} LOGIN")
            conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        try:
            url = with_path(location, user=role)
            with pytest.raises(StoreError) as info:
                open_store(url)
            assert str(info.value) == (
                f"{url}: cannot open the event store (permission denied for schema {schema}); "
                "grant the user CREATE on the schema, or use a database or schema the user owns"
            )
        finally:
            with closing(postgres.admin()) as conn:
                conn.execute(f"DROP OWNED BY {role}")
                conn.execute(f"DROP ROLE {role}")


# ---------------------------------------------------------------- read-only


def test_the_server_itself_refuses_writes_on_a_read_only_store(postgres, make_document, make_event) -> None:
    with postgres.location() as location:
        with open_store(location) as store:
            store.save(make_document("d1"), [], [make_event("d1:0")])
        before = postgres.fingerprint(location)
        with open_store(location, read_only=True) as store:
            assert isinstance(store, PostgresStore)
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                store._conn.execute("DELETE FROM events")
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                with store._conn.transaction():
                    store._conn.execute("INSERT INTO schema_migrations VALUES (99, 'now')")
            assert [e.event_id for e in store.events(EventQuery())] == ["d1:0"]
        assert postgres.fingerprint(location) == before


# ---------------------------------------------------------------- several processes at once


def run_together(count: int, work) -> list[BaseException]:
    """Run work(n) in `count` threads that start together; the exceptions they raised."""
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def run(n: int) -> None:
        start.wait()
        try:
            work(n)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_openers_of_a_fresh_database_at_once_migrate_it_once(postgres) -> None:
    with postgres.location() as location:
        assert run_together(4, lambda n: open_store(location).close()) == []
        assert [v for (v,) in postgres.sql(location, "SELECT version FROM schema_migrations ORDER BY version")] == [
            1, 2, 3, 4, 5, 6, 7,
        ]  # fmt: skip


SAVES = 15


def test_writers_of_different_documents_at_once(postgres, make_document, make_sentence, make_event) -> None:
    def work(n: int) -> None:
        doc_id = f"d{n}"
        with open_store(location) as store:
            for round_ in range(SAVES):
                events = [make_event(f"{doc_id}:{round_}:{i}", doc_id, sentence_index=i) for i in range(3)]
                store.save(make_document(doc_id), [make_sentence(doc_id, i) for i in range(3)], events)

    with postgres.location() as location:
        assert run_together(2, work) == []
        with open_store(location) as store:
            last = SAVES - 1
            assert [e.event_id for e in store.events(EventQuery())] == [
                f"{d}:{last}:{i}" for d in ("d0", "d1") for i in range(3)
            ]
            assert [(d.doc_id, d.events) for d in store.documents().items] == [("d0", 3), ("d1", 3)]
        assert postgres.sql(location, "SELECT count(*) FROM sentences") == [(6,)]


def test_writers_of_the_same_document_at_once_leave_one_version_whole(postgres, make_document, make_sentence,
                                                                      make_event) -> None:  # fmt: skip
    versions = {
        n: (make_document("d1", text=f"version {n}"), [make_sentence("d1", i) for i in range(n + 1)],
            [make_event(f"d1:v{n}:{i}", sentence_index=i) for i in range(n + 2)])
        for n in (0, 1)
    }  # fmt: skip

    def work(n: int) -> None:
        with open_store(location) as store:
            for _ in range(SAVES):
                store.save(*versions[n])

    with postgres.location() as location:
        assert run_together(2, work) == []
        with open_store(location) as store:
            stored = store.document("d1")
            assert stored in [StoredDocument(d, tuple(s), tuple(e)) for d, s, e in versions.values()]
            assert store.count_events(EventQuery()) == len(stored.events)
        counts = {t: postgres.sql(location, f"SELECT count(*) FROM {t}")[0][0] for t in ("documents", "sentences")}
        assert counts == {"documents": 1, "sentences": len(stored.sentences)}


# ---------------------------------------------------------------- what PostgreSQL text cannot hold


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("the document", lambda d, s, e: (replace(d, title="a\x00b"), s, e)),
        ("sentence 0", lambda d, s, e: (d, [replace(s[0], text="\x00")], e)),
        ("event 'd1:1'", lambda d, s, e: (d, s, [e[0], replace(e[1], condition="if\x00")])),
    ],
)
def test_text_with_nul_is_refused_saying_where(postgres, make_document, make_sentence, make_event, where,
                                               change) -> None:  # fmt: skip
    good = (make_document("d1"), [make_sentence("d1", 0)], [make_event("d1:0"), make_event("d1:1")])
    with postgres.location() as location, open_store(location) as store:
        store.save(*good)
        with pytest.raises(StoreError) as info:
            store.save(*change(*good))
        assert str(info.value) == (
            f"{location}: cannot store document 'd1': {where} holds the NUL character (U+0000), which PostgreSQL "
            "cannot store; remove it"
        )
        assert store.document("d1") == StoredDocument(good[0], tuple(good[1]), tuple(good[2]))


# ---------------------------------------------------------------- reading


def test_events_stream_in_batches_and_leave_the_connection_free(postgres, monkeypatch, make_document,
                                                                 make_event) -> None:  # fmt: skip
    monkeypatch.setattr(pg, "BATCH", 2)
    events = [make_event(f"e{i}", date=f"2025-03-{10 + i}" if i % 3 else None) for i in range(7)]
    with postgres.store() as store:
        store.save(make_document("d1"), [], events)
        everything = [e.event_id for e in store.events(EventQuery())]
        assert everything == ["e1", "e2", "e4", "e5", "e0", "e3", "e6"]
        for query, expected in [
            (EventQuery(limit=5), everything[:5]),
            (EventQuery(limit=4), everything[:4]),
            (EventQuery(offset=1, limit=5), everything[1:6]),
            (EventQuery(offset=3), everything[3:]),
            (EventQuery(limit=0), []),
        ]:
            assert [e.event_id for e in store.events(query)] == expected
        # Each batch is read whole, so other calls can run between the events of a stream.
        assert [store.event(e.event_id).event_id for e in store.events(EventQuery())] == everything


def test_records_are_kept_as_written(postgres, make_document, make_event) -> None:
    # json, not jsonb: jsonb would read -0.0 back as 0 and reorder the keys.
    event = make_event("d1:0", goldstein=-0.0, quad_class=2**31, sentence_index=2**40)
    with postgres.store() as store:
        store.save(make_document("d1"), [], [event])
        loaded = store.event("d1:0")
        page = store.event_page(EventQuery(limit=1))
        assert list(store.events(EventQuery(cursor=event_cursor(event)))) == []
    assert loaded == event and math.copysign(1.0, loaded.goldstein) == -1.0
    assert page.items == (event,)
