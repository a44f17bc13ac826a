"""Store then load gives back the same events, in the documented order, and the same documents."""

from __future__ import annotations

from hypothesis import given, settings
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
    event_from_dict,
)
from dragoman.store import DocumentSummary, EventQuery, Page, StoredDocument, open_store

text = st.text(max_size=20)
maybe_text = st.none() | text
small_int = st.integers(min_value=-(2**31), max_value=2**31)
finite = st.floats(allow_nan=False, allow_infinity=False)
span = st.tuples(small_int, small_int)
iso_date = st.none() | st.sampled_from(["201", "2025", "2025-03", "2025-03-08", "2025-03-30", "2024-12-31"])

actors = st.builds(
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
dates = st.builds(
    DateValue,
    date=iso_date,
    precision=maybe_text,
    basis=maybe_text,
    date_end=iso_date,
    expression=maybe_text,
    anchor=maybe_text,
    flag=maybe_text,
)
citations = st.builds(Citation, key=text, outlet=maybe_text, title=maybe_text, published=maybe_text,
                      language=text, url=maybe_text)  # fmt: skip
blocks = st.builds(Block, start=small_int, end=small_int, kind=text, section=maybe_text)
markers = st.builds(Marker, start=small_int, end=small_int, key=text)
references = st.builds(Reference, key=text, raw=text, outlet=maybe_text, author=maybe_text, title=maybe_text,
                       published=maybe_text, retrieved=maybe_text, language=text, url=maybe_text,
                       uses=st.integers(0, 9))  # fmt: skip
attributions = st.builds(Attribution, text=text, speaker=st.none() | actors,
                         chain=st.lists(text, max_size=3).map(tuple))  # fmt: skip


def events_of(doc_id: str, event_id: str) -> st.SearchStrategy[Event]:
    return st.builds(
        Event,
        event_id=st.just(event_id),
        doc_id=st.just(doc_id),
        sentence_index=st.integers(0, 5),
        sentence=text,
        span=span,
        trigger=text,
        trigger_span=span,
        source=st.none() | actors,
        target=st.none() | actors,
        cameo=text,
        root=text,
        cameo_name=text,
        goldstein=finite,
        quad_class=small_int,
        plover=maybe_text,
        date=dates,
        deadline=st.none() | dates,
        modality=text,
        condition=maybe_text,
        quote=maybe_text,
        quote_speaker=maybe_text,
        attribution=st.none() | attributions,
        reliability=maybe_text,
        citations=st.lists(citations, max_size=3).map(tuple),
        reciprocal=st.booleans(),
        location=maybe_text,
        coder_version=text,
        lexicon_fingerprint=text,
    )


@st.composite
def coded_documents(draw: st.DrawFn, doc_id: str) -> tuple[Document, list[Sentence], list[Event]]:
    document = Document(
        doc_id=doc_id,
        text=draw(st.text(max_size=200)),
        title=draw(maybe_text),
        date=draw(iso_date),
        url=draw(maybe_text),
        outlet=draw(maybe_text),
        path=draw(maybe_text),
        blocks=tuple(draw(st.lists(blocks, max_size=3))),
        markers=tuple(draw(st.lists(markers, max_size=3))),
        references=tuple(draw(st.lists(references, max_size=3))),
    )
    sentences = [
        Sentence(doc_id=doc_id, index=i, start=draw(small_int), end=draw(small_int), text=draw(text),
                 block_index=draw(small_int), section=draw(maybe_text),
                 citation_keys=tuple(draw(st.lists(text, max_size=3))))
        for i in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    ids = draw(st.lists(st.text(min_size=1, max_size=8), max_size=6, unique=True))
    events = [draw(events_of(doc_id, f"{doc_id}:{event_id}")) for event_id in ids]
    return document, sentences, events


def summary(document: Document, events: list[Event]) -> DocumentSummary:
    return DocumentSummary(document.doc_id, document.title, document.date, document.url, document.outlet, len(events))


def stored_order(event: Event) -> tuple[bool, str, str, int, str]:
    return (event.date.date is None, event.date.date or "", event.doc_id, event.sentence_index, event.event_id)


@settings(max_examples=60, deadline=None)
@given(first=coded_documents("doc-a"), second=coded_documents("doc-b"))
def test_saved_events_load_back_equal_and_in_order(first, second) -> None:
    with open_store(":memory:") as store:
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
@given(old=coded_documents("doc-a"), new=coded_documents("doc-a"))
def test_saving_a_document_again_replaces_what_was_stored(old, new) -> None:
    with open_store(":memory:") as store:
        store.save(*old)
        store.save(*new)
        assert list(store.events(EventQuery())) == sorted(new[2], key=stored_order)
        assert store.document("doc-a") == StoredDocument(new[0], tuple(new[1]), tuple(sorted(new[2], key=stored_order)))


def test_round_trip_through_a_file(tmp_path) -> None:
    path = str(tmp_path / "events.db")
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
    with open_store(path) as store:
        store.save(Document(doc_id="d1", text="Iran warned Israel."), [], [event])
    with open_store(path) as store:
        assert list(store.events(EventQuery())) == [event]


DEADLINE = DateValue(date="2025-03-21", precision="range", basis="relative", date_end="2025-03-31",
                     expression="by the end of March", anchor="2025-03-07", flag="after_citations")  # fmt: skip


def test_a_deadline_keeps_all_its_fields(tmp_path) -> None:
    path = str(tmp_path / "events.db")
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
    with open_store(path) as store:
        store.save(Document(doc_id="d1", text="Comply by the end of March."), [], [event])
    with open_store(path) as store:
        assert store.event("d1:0:0") == event
        assert store.event("d1:0:0").deadline == DEADLINE


def test_a_deadline_written_by_an_older_dragoman_reads_as_relative(make_event) -> None:
    old = {"date": "2025-05-07", "precision": "day", "anchor": "2025-03-07", "expression": "within 2 months"}
    record = {**make_event("e1").to_dict(), "deadline": old}
    assert event_from_dict(record).deadline == DateValue(
        date="2025-05-07", precision="day", basis="relative", expression="within 2 months", anchor="2025-03-07"
    )
