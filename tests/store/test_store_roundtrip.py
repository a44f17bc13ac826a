"""Store then load gives back the same events, in the documented order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.records import Actor, Attribution, Citation, DateValue, Document, Event, Reference, Sentence
from dragoman.store import EventQuery, open_store

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
attributions = st.builds(Attribution, text=text, speaker=st.none() | actors, chain=st.lists(text, max_size=3).map(tuple))


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
        references=tuple(draw(st.lists(st.builds(Reference, key=text, raw=text, uses=st.integers(0, 9)), max_size=3))),
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


def stored_order(event: Event) -> tuple[bool, str, str, int, str]:
    return (event.date.date is None, event.date.date or "", event.doc_id, event.sentence_index, event.event_id)


@settings(max_examples=60, deadline=None)
@given(first=coded_documents("doc-a"), second=coded_documents("doc-b"))
def test_saved_events_load_back_equal_and_in_order(first, second) -> None:
    with open_store(":memory:") as store:
        store.save(*first)
        store.save(*second)
        loaded = list(store.events(EventQuery()))
        documents = list(store.documents())
    assert loaded == sorted([*first[2], *second[2]], key=stored_order)
    assert documents == [("doc-a", first[0].title, len(first[2])), ("doc-b", second[0].title, len(second[2]))]


@settings(max_examples=30, deadline=None)
@given(old=coded_documents("doc-a"), new=coded_documents("doc-a"))
def test_saving_a_document_again_replaces_what_was_stored(old, new) -> None:
    with open_store(":memory:") as store:
        store.save(*old)
        store.save(*new)
        assert list(store.events(EventQuery())) == sorted(new[2], key=stored_order)


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
