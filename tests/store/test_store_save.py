"""Saving is atomic and idempotent per document, in every store."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from dragoman.errors import StoreError
from dragoman.store import EventQuery, open_store

TABLES = ("documents", "doc_references", "sentences", "events")


@pytest.fixture
def db(location) -> str:
    return location


@pytest.fixture
def row_counts(backend):
    def count(location: str) -> dict[str, int]:
        return {table: backend.sql(location, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}

    return count


def save_v1(store, make_document, make_sentence, make_event) -> None:
    events = [make_event("d1:0"), make_event("d1:1", sentence_index=1)]
    store.save(make_document("d1"), [make_sentence("d1", 0), make_sentence("d1", 1)], events)


def listed(store) -> list[tuple[str, str | None, int]]:
    return [(d.doc_id, d.title, d.events) for d in store.documents().items]


def ids(store) -> list[str]:
    return [e.event_id for e in store.events(EventQuery())]


def test_saving_the_same_document_twice_duplicates_nothing(db, row_counts, make_document, make_sentence,
                                                           make_event) -> None:
    with open_store(db) as store:
        save_v1(store, make_document, make_sentence, make_event)
        first = row_counts(db)
        save_v1(store, make_document, make_sentence, make_event)
        assert row_counts(db) == first == {"documents": 1, "doc_references": 1, "sentences": 2, "events": 2}
        assert ids(store) == ["d1:0", "d1:1"]


def test_resaving_leaves_other_documents_alone(db, make_document, make_event) -> None:
    with open_store(db) as store:
        store.save(make_document("d1"), [], [make_event("d1:0")])
        store.save(make_document("d2"), [], [make_event("d2:0", doc_id="d2")])
        store.save(make_document("d1"), [], [])
        assert listed(store) == [("d1", "Report d1", 0), ("d2", "Report d2", 1)]


@pytest.fixture
def assert_v1_intact(backend, row_counts):
    def check(store, db) -> None:
        assert ids(store) == ["d1:0", "d1:1"]
        assert row_counts(db) == {"documents": 1, "doc_references": 1, "sentences": 2, "events": 2}
        assert not backend.in_transaction(store)

    return check


def test_a_failing_insert_rolls_back_to_the_previous_content(db, assert_v1_intact, make_document, make_sentence,
                                                             make_event) -> None:  # fmt: skip
    with open_store(db) as store:
        save_v1(store, make_document, make_sentence, make_event)
        # Duplicate event ids fail on the second insert, after the old rows were deleted.
        with pytest.raises(StoreError, match="d1"):
            store.save(make_document("d1"), [make_sentence("d1", 0)], [make_event("d1:x"), make_event("d1:x")])
        assert_v1_intact(store, db)


# A trigger that fails the insert of event d1:boom, in each dialect.
FAILING_TRIGGER = {
    "sqlite": [
        "CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.event_id = 'd1:boom'"
        " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    ],
    "postgres": [
        "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN IF NEW.event_id = 'd1:boom' THEN RAISE 'injected failure'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER boom BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION boom()",
    ],
}


def test_a_failure_on_the_last_insert_rolls_back_everything(backend, db, assert_v1_intact, make_document,
                                                            make_sentence, make_event) -> None:  # fmt: skip
    with open_store(db) as store:
        save_v1(store, make_document, make_sentence, make_event)
        for statement in FAILING_TRIGGER[backend.name]:
            backend.sql(db, statement)
        new_events = [make_event("d1:a"), make_event("d1:b"), make_event("d1:boom")]
        with pytest.raises(StoreError, match="injected failure"):
            store.save(make_document("d1", text="new text"), [make_sentence("d1", 5)], new_events)
        assert_v1_intact(store, db)
        store.save(make_document("d1"), [], [make_event("d1:a")])  # the store is still usable
        assert ids(store) == ["d1:a"]


def test_an_event_id_used_by_another_document_is_refused(db, make_document, make_event) -> None:
    with open_store(db) as store:
        store.save(make_document("d1"), [], [make_event("same")])
        with pytest.raises(StoreError):
            store.save(make_document("d2"), [], [make_event("same", doc_id="d2")])
        assert listed(store) == [("d1", "Report d1", 1)]


def test_an_unserialisable_event_fails_without_touching_the_store(db, assert_v1_intact, make_document, make_sentence,
                                                                  make_event) -> None:  # fmt: skip
    with open_store(db) as store:
        save_v1(store, make_document, make_sentence, make_event)
        bad = make_event("d1:bad", location=object())
        with pytest.raises(StoreError, match="cannot store document 'd1'"):
            store.save(make_document("d1"), [], [make_event("d1:ok"), bad])
        with pytest.raises(StoreError):
            store.save(make_document("d1"), [], [make_event("d1:nan", goldstein=float("nan"))])
        assert_v1_intact(store, db)


def test_records_of_another_document_are_refused(db, make_document, make_sentence, make_event) -> None:
    with open_store(db) as store:
        with pytest.raises(StoreError, match="'d2'"):
            store.save(make_document("d1"), [], [make_event("d2:0", doc_id="d2")])
        with pytest.raises(StoreError, match="sentence"):
            store.save(make_document("d1"), [make_sentence("d2")], [])
        assert listed(store) == []


def test_stored_columns(backend, db, make_document, make_sentence, make_event) -> None:
    with open_store(db) as store:
        save_v1(store, make_document, make_sentence, make_event)
    document = make_document("d1")
    assert backend.sql(db, "SELECT text_sha256 FROM documents") == [(hashlib.sha256(document.text.encode()).hexdigest(),)]
    assert backend.sql(db, "SELECT citation_keys FROM sentences WHERE idx = 0") == [('["1"]',)]
    row = backend.sql(db, "SELECT source_code, source_country, root, cameo, goldstein FROM events WHERE event_id = 'd1:0'")
    assert row == [("IRN", "IRN", "13", "138", -7.0)]


def test_deleting_a_document_deletes_what_was_coded_from_it(backend, db, row_counts, make_document, make_sentence,
                                                            make_event) -> None:  # fmt: skip
    with open_store(db) as store:
        save_v1(store, make_document, make_sentence, make_event)
    backend.sql(db, "DELETE FROM documents WHERE doc_id = 'd1'")
    assert row_counts(db) == {"documents": 0, "doc_references": 0, "sentences": 0, "events": 0}


def test_sqlite_keeps_a_write_ahead_log_and_enforces_foreign_keys(tmp_path) -> None:
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_closed_store_says_so(db, make_document) -> None:
    store = open_store(db)
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.save(make_document("d1"), [], [])
    with pytest.raises(StoreError, match="closed"):
        store.events(EventQuery())
