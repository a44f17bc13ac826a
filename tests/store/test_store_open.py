"""Opening stores: paths and URLs, refusing what is not ours, and migrations."""

from __future__ import annotations

import os
import sqlite3

import pytest

from dragoman.errors import StoreError
from dragoman.store import EventQuery, Page, open_store
from dragoman.store.sqlite import Migration, load_migrations, open_sqlite, split_statements


def applied(path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version, applied_at FROM schema_migrations ORDER BY version").fetchall()


def test_packaged_migrations_are_numbered_from_one() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "0001_initial.sql"


def test_migrations_are_applied_once(tmp_path) -> None:
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    first = applied(path)
    assert [version for version, _ in first] == [m.version for m in load_migrations()]
    open_store(str(path)).close()
    open_store(str(path)).close()
    assert applied(path) == first


def test_new_migrations_are_applied_in_order_on_open(tmp_path) -> None:
    path = str(tmp_path / "events.db")
    base = load_migrations()
    open_sqlite(path, base).close()
    more = [
        Migration(len(base) + 1, "add_notes.sql", "CREATE TABLE notes (note TEXT);"),
        Migration(len(base) + 2, "fill_notes.sql", "INSERT INTO notes VALUES ('a;b');\nINSERT INTO notes VALUES ('c');"),
    ]
    open_sqlite(path, [*base, *more]).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT note FROM notes").fetchall() == [("a;b",), ("c",)]
    assert [v for v, _ in applied(path)] == list(range(1, len(base) + 3))


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path) -> None:
    path = str(tmp_path / "events.db")
    base = load_migrations()
    open_sqlite(path, base).close()
    broken = [
        Migration(len(base) + 1, "ok.sql", "CREATE TABLE notes (note TEXT);"),
        Migration(len(base) + 2, "bad.sql", "INSERT INTO no_such_table VALUES (1);"),
    ]
    with pytest.raises(StoreError, match="no_such_table"):
        open_sqlite(path, [*base, *broken])
    assert [v for v, _ in applied(path)] == [m.version for m in base]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'notes'").fetchall() == []


def test_a_store_from_a_newer_dragoman_is_refused(tmp_path) -> None:
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, '2099-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError, match="schema version 999") as info:
        open_store(str(path))
    assert str(path) in str(info.value) and "upgrade dragoman" in str(info.value)


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


@pytest.mark.parametrize("url", ["postgres://user:secret@host/db", "postgresql://host/db"])
def test_postgres_is_not_supported_yet(url) -> None:
    with pytest.raises(StoreError, match="not supported yet") as info:
        open_store(url)
    assert "secret" not in str(info.value)


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
