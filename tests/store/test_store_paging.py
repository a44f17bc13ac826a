"""Paging through events and documents, in every store: by cursor, by offset, the non-event filter before the limit."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.errors import StoreError
from dragoman.records import DateValue
from dragoman.store import DocumentSummary, EventQuery, Page, PageRequest, open_store
from dragoman.store.base import event_key

NON_EVENTS = frozenset({"negated", "hypothetical", "denied", "threatened"})

# (event_id, doc_id, sentence_index, date, modality), saved in this (unsorted) order.
ROWS = [
    ("k", "d2", 0, None, "asserted"),
    ("a", "d1", 0, "2025-03-08", "threatened"),
    ("b", "d1", 1, "2025-03-08", "asserted"),
    ("c", "d1", 1, "2025-03", "negated"),
    ("d", "d2", 2, "2025-03-08", "asserted"),
    ("e", "d1", 2, "2025-03-08", "denied"),
    ("f", "d1", 3, "2025-03-08", "reported"),
    ("g", "d2", 0, "2024", "hypothetical"),
    ("h", "d2", 1, "2024", "asserted"),
    ("i", "d1", 0, None, "negated"),
    ("j", "d3", 0, "", "asserted"),  # an empty date sorts first among the dated, not with the undated
    ("l", "d3", 1, "2025-03-08", "asserted"),
]
# Undated last, then date as text, doc_id, sentence_index, event_id.
ORDER = ["j", "g", "h", "c", "a", "b", "e", "f", "d", "l", "i", "k"]
ACTS = ["j", "h", "b", "f", "d", "l", "k"]


@pytest.fixture(scope="module")
def store(backend, make_event, make_document):
    events = [
        make_event(event_id, doc_id, sentence_index=index, modality=modality,
                   date=DateValue(date, "day" if date else None, "explicit" if date else None))
        for event_id, doc_id, index, date, modality in ROWS
    ]  # fmt: skip
    with backend.location() as location:
        with open_store(location) as store:
            for doc_id in ("d1", "d2", "d3"):
                store.save(make_document(doc_id), [], [e for e in events if e.doc_id == doc_id])
        with open_store(location) as store:
            yield store


def ids(events) -> list[str]:
    return [e.event_id for e in events]


def pages_by_cursor(store, query: EventQuery) -> list[list[str]]:
    pages: list[list[str]] = []
    cursor = None
    while True:
        page = store.event_page(replace(query, cursor=cursor))
        pages.append(ids(page.items))
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_the_store_order(store) -> None:
    assert ids(store.events(EventQuery())) == ORDER


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_cursor_pages_give_every_event_once_in_order(store, size) -> None:
    pages = pages_by_cursor(store, EventQuery(limit=size))
    assert [event_id for page in pages for event_id in page] == ORDER
    assert [len(page) for page in pages] == [min(size, len(ORDER) - start) for start in range(0, len(ORDER), size)]
    assert len(pages) == math.ceil(len(ORDER) / size)


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_cursor_pages_of_acts_only(store, size) -> None:
    pages = pages_by_cursor(store, EventQuery(limit=size, exclude_modalities=NON_EVENTS))
    assert [event_id for page in pages for event_id in page] == ACTS
    assert len(pages) == math.ceil(len(ACTS) / size)


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_offset_pages_give_every_event_once_in_order(store, size) -> None:
    pages = [ids(store.event_page(EventQuery(offset=start, limit=size)).items) for start in range(0, len(ORDER), size)]
    assert pages == [ORDER[start : start + size] for start in range(0, len(ORDER), size)]


def test_offset_with_and_without_limit(store) -> None:
    assert ids(store.events(EventQuery(offset=3, limit=2))) == ["c", "a"]
    assert ids(store.events(EventQuery(offset=9))) == ["l", "i", "k"]
    assert ids(store.events(EventQuery(offset=12))) == []
    assert ids(store.events(EventQuery(offset=2, limit=3, exclude_modalities=NON_EVENTS))) == ["b", "f", "d"]


def test_a_page_from_an_offset_continues_by_cursor(store) -> None:
    first = store.event_page(EventQuery(offset=4, limit=3))
    assert ids(first.items) == ["a", "b", "e"]
    second = store.event_page(EventQuery(cursor=first.next_cursor, limit=3))
    assert ids(second.items) == ["f", "d", "l"]


def test_the_limit_counts_acts_when_non_events_are_left_out(store) -> None:
    # The first five rows in order hold three non-events (g, c, a): filtering
    # after the limit would give two acts.
    assert ids(store.events(EventQuery(limit=5))) == ["j", "g", "h", "c", "a"]
    assert ids(store.events(EventQuery(limit=5, exclude_modalities=NON_EVENTS))) == ["j", "h", "b", "f", "d"]


def test_exclude_modalities_combines_with_other_filters(store) -> None:
    assert ids(store.events(EventQuery(doc_id="d1", exclude_modalities=NON_EVENTS))) == ["b", "f"]
    assert ids(store.events(EventQuery(modality="negated", exclude_modalities=frozenset({"denied"})))) == ["c", "i"]
    assert ids(store.events(EventQuery(modality="negated", exclude_modalities=NON_EVENTS))) == []
    assert ids(store.events(EventQuery(exclude_modalities=frozenset({"asserted", "reported"})))) == [
        "g", "c", "a", "e", "i",
    ]  # fmt: skip


def test_the_last_page_has_no_next_cursor(store) -> None:
    assert store.event_page(EventQuery(limit=12)) == Page(tuple(store.events(EventQuery())), None)
    assert store.event_page(EventQuery()).next_cursor is None
    assert ids(store.event_page(EventQuery()).items) == ORDER
    page = store.event_page(EventQuery(limit=11))
    assert ids(page.items) == ORDER[:11]
    last = store.event_page(EventQuery(limit=11, cursor=page.next_cursor))
    assert (ids(last.items), last.next_cursor) == (["k"], None)


def test_a_page_of_nothing_is_refused(store) -> None:
    with pytest.raises(StoreError, match="limit of at least 1"):
        store.event_page(EventQuery(limit=0))


def test_count_events_counts_what_the_filters_match_whatever_the_page(store) -> None:
    assert store.count_events(EventQuery()) == 12
    assert store.count_events(EventQuery(limit=2, offset=3)) == 12
    assert store.count_events(EventQuery(exclude_modalities=NON_EVENTS)) == 7
    page = store.event_page(EventQuery(limit=2))
    assert store.count_events(EventQuery(limit=2, cursor=page.next_cursor)) == 12
    assert store.count_events(EventQuery(doc_id="d2", since="2025")) == 1
    assert store.count_events(EventQuery(doc_id="none")) == 0


def test_events_saved_meanwhile_do_not_shift_cursor_pages(location, make_event, make_document) -> None:
    with open_store(location) as store:
        store.save(make_document("d1"), [], [make_event(f"d1:{i}", date=f"2025-03-{10 + i}") for i in range(6)])
        first = store.event_page(EventQuery(limit=3))
        assert ids(first.items) == ["d1:0", "d1:1", "d1:2"]
        # One event before the cursor and one after: offset paging would repeat d1:2.
        store.save(make_document("d0"), [], [make_event("d0:early", "d0", date="2025-01-01"),
                                              make_event("d0:late", "d0", date="2025-03-30")])  # fmt: skip
        rest = store.event_page(EventQuery(limit=10, cursor=first.next_cursor))
        assert (ids(rest.items), rest.next_cursor) == (["d1:3", "d1:4", "d1:5", "d0:late"], None)


# ---------------------------------------------------------------- any events, any page size

keys = st.tuples(
    st.sampled_from(["d1", "d2", "d3"]),
    st.integers(0, 3),
    st.none() | st.sampled_from(["", "201", "2025", "2025-03", "2025-03-08"]),
    st.sampled_from(sorted(NON_EVENTS | {"asserted", "reported"})),
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(keys, max_size=15), size=st.integers(1, 8), acts_only=st.booleans())
def test_cursor_paging_equals_the_sorted_list(backend, make_event, make_document, rows, size, acts_only) -> None:
    events = [
        make_event(f"e{n}", doc_id, sentence_index=index, modality=modality, date=DateValue(date))
        for n, (doc_id, index, date, modality) in enumerate(rows)
    ]
    query = EventQuery(limit=size, exclude_modalities=NON_EVENTS if acts_only else frozenset())
    expected = sorted((e for e in events if not (acts_only and e.modality in NON_EVENTS)), key=event_key)
    with backend.store() as store:
        for doc_id in ("d1", "d2", "d3"):
            store.save(make_document(doc_id), [], [e for e in events if e.doc_id == doc_id])
        pages = pages_by_cursor(store, query)
        count = store.count_events(query)
    assert [event_id for page in pages for event_id in page] == ids(expected)
    assert len(pages) == max(1, math.ceil(len(expected) / size))
    assert count == len(expected)


# ---------------------------------------------------------------- documents


@pytest.fixture(scope="module")
def library(backend, make_event, make_document):
    with backend.store() as store:
        for n, doc_id in enumerate(["e", "a", "d", "b", "c"]):
            store.save(make_document(doc_id), [], [make_event(f"{doc_id}:{i}", doc_id) for i in range(n)])
        yield store


def summary(doc_id: str, events: int) -> DocumentSummary:
    return DocumentSummary(doc_id, f"Report {doc_id}", None, None, None, events)


ALL_DOCUMENTS = [summary("a", 1), summary("b", 3), summary("c", 4), summary("d", 2), summary("e", 0)]


def test_documents_by_default_are_one_page(library) -> None:
    assert library.documents() == Page(tuple(ALL_DOCUMENTS), None)


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_document_pages_by_cursor(library, size) -> None:
    pages = [library.documents(PageRequest(limit=size))]
    while pages[-1].next_cursor is not None:
        pages.append(library.documents(PageRequest(limit=size, cursor=pages[-1].next_cursor)))
    assert [d for page in pages for d in page.items] == ALL_DOCUMENTS
    assert len(pages) == math.ceil(len(ALL_DOCUMENTS) / size)


def test_document_pages_by_offset(library) -> None:
    assert library.documents(PageRequest(offset=1, limit=2)) == Page(
        (summary("b", 3), summary("c", 4)), library.documents(PageRequest(limit=3)).next_cursor
    )
    assert library.documents(PageRequest(offset=3, limit=2)) == Page((summary("d", 2), summary("e", 0)), None)
    assert library.documents(PageRequest(offset=5)) == Page((), None)


def test_cursors_are_not_interchangeable(library, store) -> None:
    document_cursor = library.documents(PageRequest(limit=1)).next_cursor
    event_cursor = store.event_page(EventQuery(limit=1)).next_cursor
    assert document_cursor is not None and event_cursor is not None
    with pytest.raises(StoreError, match="not a cursor this store made"):
        EventQuery(cursor=document_cursor)
    with pytest.raises(StoreError, match="not a cursor this store made"):
        PageRequest(cursor=event_cursor)
