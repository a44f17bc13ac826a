"""Store then load gives back the same events, in the documented order, and the same documents, in every store."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.records import (
    Actor,
    Attribution,
    Citation,
    DateValue,
    Document,
    Event,
    event_from_dict,
)
from dragoman.store import DocumentSummary, EventQuery, Page, StoredDocument, open_store

def summary(document: Document, events: list[Event]) -> DocumentSummary:
    return DocumentSummary(document.doc_id, document.title, document.date, document.url, document.outlet, len(events))


def stored_order(event: Event) -> tuple[bool, str, str, int, str]:
    return (event.date.date is None, event.date.date or "", event.doc_id, event.sentence_index, event.event_id)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_saved_events_load_back_equal_and_in_order(backend, data) -> None:
    first = data.draw(backend.records.coded_documents("doc-a"), label="first")
    second = data.draw(backend.records.coded_documents("doc-b"), label="second")
    with backend.store() as store:
        store.save(*first)
        store.save(*second)
        loaded = list(store.events(EventQuery()))
        documents = store.documents()
        read_back = {doc_id: store.document(doc_id) for doc_id in ("doc-a", "doc-b")}
        by_id = {event.event_id: store.event(event.event_id) for event in [*first[2], *second[2]]}
    assert by_id == {event.event_id: event for event in [*first[2], *second[2]]}
    assert loaded == sorted([*first[2], *second[2]], key=stored_order)
    for document, sentences, events in (first, second):
        assert read_back[document.doc_id] == StoredDocument(
            document, tuple(sentences), tuple(sorted(events, key=stored_order))
        )
    assert documents == Page(tuple(summary(document, events) for document, _, events in (first, second)), None)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_saving_a_document_again_replaces_what_was_stored(backend, data) -> None:
    old = data.draw(backend.records.coded_documents("doc-a"), label="old")
    new = data.draw(backend.records.coded_documents("doc-a"), label="new")
    with backend.store() as store:
        store.save(*old)
        store.save(*new)
        assert list(store.events(EventQuery())) == sorted(new[2], key=stored_order)
        assert store.document("doc-a") == StoredDocument(new[0], tuple(new[1]), tuple(sorted(new[2], key=stored_order)))


def test_round_trip_through_a_reopened_store(location) -> None:
    event = Event(
        event_id="d1:0:0", doc_id="d1", sentence_index=0, sentence="Iran warned Israel.", span=(0, 19),
        trigger="warned", trigger_span=(5, 11),
        source=Actor(text="Iran", name="Iran", code="IRN", country="IRN"),
        target=Actor(text="Israel", name="Israel", code="ISR", country="ISR", start=12, end=18, confidence=0.5),
        cameo="130", root="13", cameo_name="Threaten", goldstein=-4.4, quad_class=3, plover="THREATEN",
        date=DateValue(date="2025-06-13", precision="day", basis="explicit", expression="on 13 June"),
        attribution=Attribution(text="according to IRNA", speaker=Actor(text="IRNA", name="IRNA", code="IRNMED"),
                                chain=("IRNA", "a spokesman")),
        citations=(Citation(key="3", outlet="Tasnim", language="fa"),), quote="«هشدار»",
    )  # fmt: skip
    with open_store(location) as store:
        store.save(Document(doc_id="d1", text="Iran warned Israel."), [], [event])
    with open_store(location) as store:
        assert list(store.events(EventQuery())) == [event]


DEADLINE = DateValue(date="2025-03-21", precision="range", basis="relative", date_end="2025-03-31",
                     expression="by the end of March", anchor="2025-03-07", flag="after_citations")  # fmt: skip


def test_a_deadline_keeps_all_its_fields(location) -> None:
    event = Event(
        event_id="d1:0:0", doc_id="d1", sentence_index=0, sentence="Comply by the end of March.", span=(0, 27),
        trigger="Comply", trigger_span=(0, 6), source=None, target=None, cameo="100", root="10",
        cameo_name="Demand", goldstein=-5.0, quad_class=3, plover="DEMAND",
        date=DateValue(date="2025-03-07", precision="day", basis="explicit"), deadline=DEADLINE,
    )  # fmt: skip
    assert event.to_dict()["deadline"] == {
        "date": "2025-03-21", "precision": "range", "basis": "relative", "date_end": "2025-03-31",
        "expression": "by the end of March", "anchor": "2025-03-07", "flag": "after_citations",
    }  # fmt: skip
    with open_store(location) as store:
        store.save(Document(doc_id="d1", text="Comply by the end of March."), [], [event])
    with open_store(location) as store:
        assert store.event("d1:0:0") == event
        assert store.event("d1:0:0").deadline == DEADLINE


def test_a_deadline_written_by_an_older_dragoman_reads_as_relative(make_event) -> None:
    old = {"date": "2025-05-07", "precision": "day", "anchor": "2025-03-07", "expression": "within 2 months"}
    record = {**make_event("e1").to_dict(), "deadline": old}
    assert event_from_dict(record).deadline == DateValue(
        date="2025-05-07", precision="day", basis="relative", expression="within 2 months", anchor="2025-03-07"
    )
