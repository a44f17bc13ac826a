"""The diplomatic record in every store: saved with its document in one transaction, read back whole,
paged, linked to its events both ways, and added to older stores by migration 0004."""

from __future__ import annotations

import json

import pytest

from dragoman.errors import StoreError
from dragoman.record import Communication, Evidence, Item, Record, RecordLink
from dragoman.records import Actor, DateValue
from dragoman.store import PageRequest, open_store

A = Actor(text="Arnor", name="Arnor", code="ARN", country="ARN")
B = Actor(text="Gondor", name="Gondor", code="GON", country="GON")


def record_of(doc_id: str, *events: str, text: str = "stop the raids") -> Record:
    letter = Communication(
        "c1", "letter", A, B, None, DateValue("3019-03-07", "day", "explicit"), items=("d1",),
        evidence=(Evidence(0, (0, 46), "Arnor wrote to Gondor.", "wrote", (6, 11), events=events[:1]),),
    )  # fmt: skip
    demand = Item(
        "d1", "demand", text, None, "100", A, B, "c1", DateValue("3019-03-07", "day", "communication"),
        evidence=Evidence(1, (47, 60), "Stop the raids.", events=events[1:]),
    )  # fmt: skip
    return Record(doc_id, communications=(letter,), demands=(demand,))


def save(store, make_document, make_sentence, make_event, doc_id: str, record: Record | None, ids=("e1", "e2")) -> None:
    events = [make_event(f"{doc_id}:{i}", doc_id, sentence_index=n) for n, i in enumerate(ids)]
    store.save(make_document(doc_id), [make_sentence(doc_id, 0)], events, record)


def test_a_record_is_saved_with_its_document_and_read_back_whole(backend, make_document, make_sentence, make_event):
    record = record_of("d1", "d1:e1", "d1:e2")
    with backend.store() as store:
        save(store, make_document, make_sentence, make_event, "d1", record)
        assert store.record("d1") == record
        assert store.record("d2") is None
        assert store.record_links("d1:e2") == (RecordLink("d1", "demands", "d1", "d1:e2"),)
        assert store.record_links("d1:e1") == (RecordLink("d1", "communications", "c1", "d1:e1"),)
        assert store.record_links("nope") == ()


def test_saving_again_replaces_the_record_and_none_leaves_none(backend, make_document, make_sentence, make_event):
    with backend.store() as store:
        save(store, make_document, make_sentence, make_event, "d1", record_of("d1", "d1:e1", "d1:e2"))
        changed = record_of("d1", "d1:e2", text="withdraw")
        save(store, make_document, make_sentence, make_event, "d1", changed)
        assert store.record("d1") == changed
        assert store.record_links("d1:e1") == ()
        save(store, make_document, make_sentence, make_event, "d1", None)
        assert store.record("d1") is None
        assert store.record_links("d1:e2") == ()


def test_records_page_by_doc_id_by_offset_and_by_cursor(backend, make_document, make_sentence, make_event):
    with backend.store() as store:
        for doc_id in ("b", "a", "c"):
            save(store, make_document, make_sentence, make_event, doc_id, record_of(doc_id))
        save(store, make_document, make_sentence, make_event, "d", None)  # no record: not listed
        first = store.records(PageRequest(limit=2))
        assert [r.doc_id for r in first.items] == ["a", "b"] and first.next_cursor is not None
        rest = store.records(PageRequest(limit=2, cursor=first.next_cursor))
        assert ([r.doc_id for r in rest.items], rest.next_cursor) == (["c"], None)
        assert [r.doc_id for r in store.records(PageRequest(offset=1, limit=5)).items] == ["b", "c"]


def test_a_record_that_names_an_event_not_saved_with_it_is_refused_and_nothing_changes(backend, make_document, make_sentence, make_event):
    with backend.store() as store:
        save(store, make_document, make_sentence, make_event, "d1", record_of("d1", "d1:e1"))
        with pytest.raises(StoreError) as info:
            save(store, make_document, make_sentence, make_event, "d1", record_of("d1", "d1:e1", "other:e9"))
        assert "cannot store document 'd1': its record names event 'other:e9', which is not saved with it" in str(info.value)
        assert store.record("d1") == record_of("d1", "d1:e1")
        with pytest.raises(StoreError, match="the record of document 'd2' was passed with it"):
            save(store, make_document, make_sentence, make_event, "d1", record_of("d2"))


def test_a_record_without_a_doc_id_takes_its_documents(backend, make_document, make_sentence, make_event):
    with backend.store() as store:
        save(store, make_document, make_sentence, make_event, "d1", Record())
        assert store.record("d1") == Record("d1")


def test_the_record_items_and_links_read_with_plain_sql(backend, location, make_document, make_sentence, make_event):
    with open_store(location) as store:
        save(store, make_document, make_sentence, make_event, "d1", record_of("d1", "d1:e1", "d1:e2"))
    rows = backend.sql(location, "SELECT part, item_id, position, kind, date, source_code, target_code, communication, summary"
                                 " FROM record_items ORDER BY part, position")  # fmt: skip
    assert rows == [
        ("communications", "c1", 0, "letter", "3019-03-07", "ARN", "GON", "c1", "letter from Arnor (ARN) to Gondor (GON): "),
        ("demands", "d1", 0, "demand", "3019-03-07", "ARN", "GON", "c1", "demand: stop the raids (open)"),
    ]
    assert backend.sql(location, "SELECT part, item_id, event_id FROM record_events ORDER BY event_id") == [
        ("communications", "c1", "d1:e1"), ("demands", "d1", "d1:e2"),
    ]  # fmt: skip
    (stored,) = backend.sql(location, "SELECT record FROM records")
    assert json.loads(stored[0]) == record_of("d1", "d1:e1", "d1:e2").to_dict()


def test_a_0003_store_is_migrated_and_keeps_its_documents_without_a_record(backend, location, make_document, make_sentence, make_event):
    backend.open(location, backend.migrations()[:3]).close()  # a store of schema 0003, with a document
    backend.sql(location, "INSERT INTO documents (doc_id, text_sha256, text) VALUES (?, ?, ?)", ("d1", "0" * 64, "Arnor wrote."))
    assert "records" not in backend.tables(location)
    with open_store(location) as store:
        assert store.document("d1") is not None and store.record("d1") is None
        save(store, make_document, make_sentence, make_event, "d1", record_of("d1", "d1:e1"), ids=("e1",))
    with open_store(location, read_only=True) as store:
        assert store.record("d1") == record_of("d1", "d1:e1")
        assert [r.doc_id for r in store.records().items] == ["d1"]


def test_postgres_refuses_a_record_with_nul(postgres, make_document, make_sentence, make_event):
    with postgres.store() as store, pytest.raises(StoreError, match="its record holds the NUL character"):
        save(store, make_document, make_sentence, make_event, "d1", record_of("d1", text="a\x00b"))
