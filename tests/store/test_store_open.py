"""Opening stores: migrations (every store), SQLite paths and URLs, refusing what is not ours."""

from __future__ import annotations

import os
import sqlite3

import pytest

from dragoman.errors import StoreError
from dragoman.store import EventQuery, Page, open_store
from dragoman.store.sql import POSTGRES
from dragoman.store.sql import load_migrations as load_dialect_migrations
from dragoman.store.sqlite import Migration, load_migrations, split_statements


def applied(backend, location) -> list[tuple[int, str]]:
    return backend.sql(location, "SELECT version, applied_at FROM schema_migrations ORDER BY version")


def test_packaged_migrations_are_numbered_from_one_in_each_dialect() -> None:
    sqlite = load_migrations()
    postgres = load_dialect_migrations(POSTGRES)
    assert [m.version for m in sqlite] == [m.version for m in postgres] == [1, 2, 3, 4, 5, 6, 7]
    assert [m.name for m in sqlite] == [
        "0001_initial.sql", "0002_document_layout.sql", "0003_events_flat.sql", "0004_record.sql",
        "0005_happenings.sql", "0006_resume.sql", "0007_record_parties.sql",
    ]  # fmt: skip
    assert [m.name for m in postgres] == [
        "0001_initial.postgres.sql", "0002_document_layout.postgres.sql", "0003_events_flat.postgres.sql",
        "0004_record.postgres.sql", "0005_happenings.postgres.sql", "0006_resume.postgres.sql",
        "0007_record_parties.postgres.sql",
    ]  # fmt: skip


def test_migrations_are_applied_once(backend, location) -> None:
    open_store(location).close()
    first = applied(backend, location)
    assert [version for version, _ in first] == [m.version for m in backend.migrations()]
    open_store(location).close()
    open_store(location).close()
    assert applied(backend, location) == first


def test_new_migrations_are_applied_in_order_on_open(backend, location) -> None:
    base = backend.migrations()
    backend.open(location, base).close()
    more = [
        Migration(len(base) + 1, "add_notes.sql", "CREATE TABLE notes (note TEXT);"),
        Migration(len(base) + 2, "fill_notes.sql", "INSERT INTO notes VALUES ('a;b');\nINSERT INTO notes VALUES ('c');"),
    ]
    backend.open(location, [*base, *more]).close()
    assert backend.sql(location, "SELECT note FROM notes ORDER BY note") == [("a;b",), ("c",)]
    assert [v for v, _ in applied(backend, location)] == list(range(1, len(base) + 3))


def test_a_failing_migration_leaves_the_database_as_it_was(backend, location) -> None:
    base = backend.migrations()
    backend.open(location, base).close()
    broken = [
        Migration(len(base) + 1, "ok.sql", "CREATE TABLE notes (note TEXT);"),
        Migration(len(base) + 2, "bad.sql", "INSERT INTO no_such_table VALUES (1);"),
    ]
    with pytest.raises(StoreError, match="no_such_table"):
        backend.open(location, [*base, *broken])
    assert [v for v, _ in applied(backend, location)] == [m.version for m in base]
    assert backend.tables(location) == {
        "documents", "doc_references", "sentences", "events", "records", "record_items", "record_events", "schema_migrations",
        "event_changes", "happenings", "happening_reports", "happening_stamp", "record_parties",
    }  # fmt: skip


def test_a_store_from_a_newer_dragoman_is_refused(backend, location) -> None:
    open_store(location).close()
    backend.sql(location, "INSERT INTO schema_migrations VALUES (999, '2099-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError) as info:
        open_store(location)
    assert str(info.value) == (
        f"{location}: the store has schema version 999 but this dragoman knows only up to {len(backend.migrations())}; upgrade dragoman to use it"
    )


def test_a_text_file_is_refused_and_left_unchanged(tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Iran threatened to close the Strait of Hormuz.\n")
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    with pytest.raises(StoreError) as info:
        open_store(str(path))
    message = str(info.value)
    assert str(path) in message and "not an SQLite database" in message and "\n" not in message
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]  # no -wal or -shm files either


def test_an_sqlite_database_of_someone_else_is_refused(tmp_path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(StoreError, match="not an event store"):
        open_store(str(path))
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert names == ["customers"]


def test_an_empty_file_becomes_a_store(tmp_path) -> None:
    path = tmp_path / "events.db"
    path.touch()
    with open_store(str(path)) as store:
        assert store.documents() == Page((), None)
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_directory_is_refused(tmp_path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_a_missing_directory_is_refused(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nowhere" / "events.db"))
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere")
def test_an_unwritable_directory_is_refused(tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreError):
        open_store(str(locked / "events.db"))


def test_sqlite_urls(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    open_store("sqlite:///relative.db").close()
    assert (tmp_path / "relative.db").exists()
    absolute = tmp_path / "absolute.db"
    open_store(f"sqlite:///{absolute}").close()  # sqlite:// + /tmp/...: four slashes in all
    assert absolute.exists()
    with open_store("sqlite://") as store:  # in memory
        assert list(store.events(EventQuery())) == []
    with pytest.raises(StoreError, match="sqlite:///"):
        open_store("sqlite://host/events.db")


def test_unknown_schemes_are_refused() -> None:
    with pytest.raises(StoreError, match="unknown store"):
        open_store("mysql://host/db")


def test_split_statements_follows_sqlite() -> None:
    script = """
        -- a comment; with a semicolon
        CREATE TABLE t (a TEXT);
        INSERT INTO t VALUES ('x;y'); INSERT INTO t VALUES ('z');
        CREATE TRIGGER tr AFTER INSERT ON t BEGIN
            UPDATE t SET a = a || ';'; SELECT 1;
        END;
        -- trailing comment
    """
    statements = split_statements(script)
    assert len(statements) == 4
    assert statements[-1].startswith("CREATE TRIGGER") and statements[-1].endswith("END;")
    with pytest.raises(StoreError, match="without a semicolon"):
        split_statements("CREATE TABLE t (a TEXT)")
