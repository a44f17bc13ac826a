"""Opening a store read-only: it reads everything, and writes, migrates and creates nothing (any store; SQLite files)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat

import pytest

from dragoman.errors import OutdatedStoreError, StoreError
from dragoman.store import EventQuery, open_store

AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else True
needs_permissions = pytest.mark.skipif(AS_ROOT, reason="root ignores file permissions")


@pytest.fixture
def stored(location, make_document, make_sentence, make_event) -> str:
    """A store of any kind holding one document with two events."""
    with open_store(location) as store:
        store.save(make_document("d1"), [make_sentence("d1", 0)], [make_event("d1:0"), make_event("d1:1")])
    return location


@pytest.fixture
def db(tmp_path, make_document, make_sentence, make_event) -> str:
    """An SQLite file holding one document with two events."""
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        store.save(make_document("d1"), [make_sentence("d1", 0)], [make_event("d1:0"), make_event("d1:1")])
    return path


def fingerprint(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def event_ids(store) -> list[str]:
    return [e.event_id for e in store.events(EventQuery())]


def test_a_read_only_store_reads_and_refuses_to_save(backend, stored, make_document, make_event) -> None:
    before = backend.fingerprint(stored)
    with open_store(stored, read_only=True) as store:
        assert store.read_only is True
        assert event_ids(store) == ["d1:0", "d1:1"]
        assert [d.doc_id for d in store.documents().items] == ["d1"]
        assert [e.event_id for e in store.document("d1").events] == ["d1:0", "d1:1"]
        with pytest.raises(StoreError, match="opened read-only") as info:
            store.save(make_document("d2"), [], [make_event("d2:0", "d2")])
        assert str(info.value) == f"{stored}: opened read-only, so document 'd2' cannot be stored"
        assert event_ids(store) == ["d1:0", "d1:1"]
    assert backend.fingerprint(stored) == before
    with open_store(stored) as store:
        assert store.read_only is False
        assert [d.doc_id for d in store.documents().items] == ["d1"]


def test_sqlite_itself_refuses_writes_on_a_read_only_connection(db) -> None:
    # The mode=ro URI, not only our own check in save(): it holds for root too.
    before = fingerprint(db)
    with open_store(db, read_only=True) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._conn.execute("DELETE FROM events")
        assert event_ids(store) == ["d1:0", "d1:1"]
    assert fingerprint(db) == before


def test_the_journal_mode_is_left_as_it_is(db) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    before = fingerprint(db)
    with open_store(db, read_only=True) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert event_ids(store) == ["d1:0", "d1:1"]
    assert fingerprint(db) == before
    assert sorted(os.listdir(os.path.dirname(db))) == ["events.db"]  # no -wal or -shm either


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_schema_is_refused_not_migrated(backend, location, version) -> None:
    backend.open(location, backend.migrations()[:version]).close()
    before = backend.fingerprint(location)
    with pytest.raises(OutdatedStoreError) as info:
        open_store(location, read_only=True)
    assert str(info.value) == (
        f"{location}: the store has schema version {version}, older than this dragoman's {len(backend.migrations())}, and it was opened "
        f"read-only; open it once for writing to migrate it (e.g. by dragoman code REPORT --db {location})"
    )
    assert backend.fingerprint(location) == before
    assert backend.sql(location, "SELECT version FROM schema_migrations ORDER BY version") == [
        (v,) for v in range(1, version + 1)
    ]


def test_a_newer_schema_is_refused(backend, stored) -> None:
    backend.sql(stored, "INSERT INTO schema_migrations VALUES (999, '2099-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError) as info:
        open_store(stored, read_only=True)
    assert str(info.value) == (
        f"{stored}: the store has schema version 999 but this dragoman knows only up to {len(backend.migrations())}; upgrade dragoman to use it"
    )


def test_a_missing_file_is_refused_and_not_created(tmp_path) -> None:
    path = str(tmp_path / "missing.db")
    with pytest.raises(StoreError) as info:
        open_store(path, read_only=True)
    assert str(info.value) == f"{path}: no such database; give the path of an existing event store"
    assert os.listdir(tmp_path) == []


def test_an_empty_file_is_not_a_store_yet(tmp_path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError, match="an empty database, not an event store yet"):
        open_store(str(path), read_only=True)
    assert path.read_bytes() == b""


def test_a_text_file_is_refused(tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n")
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_store(str(path), read_only=True)


@pytest.mark.parametrize("url", [":memory:", "sqlite://"])
def test_an_in_memory_store_cannot_be_read_only(url) -> None:
    with pytest.raises(StoreError, match="nothing to open read-only"):
        open_store(url, read_only=True)


def test_odd_file_names_work_through_the_uri(tmp_path, make_document, make_event) -> None:
    path = str(tmp_path / "a?b#c%20 d.db")
    with open_store(path) as store:
        store.save(make_document("d1"), [], [make_event("d1:0")])
    with open_store(path, read_only=True) as store:
        assert event_ids(store) == ["d1:0"]
    with open_store(f"sqlite:///{path}", read_only=True) as store:
        assert event_ids(store) == ["d1:0"]


@needs_permissions
def test_a_file_without_write_permission_opens_read_only(db, make_document) -> None:
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = fingerprint(db)
    with open_store(db, read_only=True) as store:
        assert event_ids(store) == ["d1:0", "d1:1"]
        with pytest.raises(StoreError, match="opened read-only"):
            store.save(make_document("d1"), [], [])
    assert fingerprint(db) == before


@needs_permissions
def test_a_store_in_a_directory_without_write_permission_opens_read_only(db) -> None:
    folder = os.path.dirname(db)
    os.chmod(db, stat.S_IRUSR)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        with open_store(db, read_only=True) as store:
            assert event_ids(store) == ["d1:0", "d1:1"]
        assert sorted(os.listdir(folder)) == ["events.db"]
    finally:
        os.chmod(folder, stat.S_IRWXU)
