"""SQLite and PostgreSQL give the same answers: the same records saved into both, then the same queries.

The other store tests run once per store with hand-made expectations; here any
events (hypothesis) meet any query, and the two stores must agree row for row,
page for page. Needs a PostgreSQL server (skips, saying why, without one).
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.records import Actor, DateValue
from dragoman.store import EventQuery, PageRequest, open_store

# Values that queries can hit: codes with common prefixes, partial dates, ranges.
CODES = ["IRN", "IRNGOV", "IRNMIL", "USA", "USAGOV", "ISR", "IGOUNO", "I", None]
COUNTRIES = ["IRN", "USA", "ISR", None]
DATES = [None, "", "201", "2024", "2024-12-31", "2025", "2025-02", "2025-02-28", "2025-03", "2025-03-08", "2025-03-31"]
MODALITIES = ["asserted", "reported", "threatened", "negated", "denied", "hypothetical"]
BASES = ["explicit", "relative", "document", "citation", None]
ROOTS = ["01", "04", "13", "19"]
# Ids in several scripts and cases, so that order is by code point in both or the test fails.
DOC_IDS = ["a", "B", "_x", "é", "日本", "A-2", "A1"]

actors = st.builds(Actor, text=st.just("someone"), name=st.none() | st.just("Someone"), code=st.sampled_from(CODES),
                   country=st.sampled_from(COUNTRIES))  # fmt: skip
dates = st.builds(
    DateValue,
    date=st.sampled_from(DATES),
    precision=st.sampled_from(["day", "month", "year", "decade", "range"]),
    basis=st.sampled_from(BASES),
    date_end=st.none() | st.sampled_from(["2025-03-02", "2025-03-31", "2025-04"]),
)
since_or_until = st.none() | st.sampled_from(["201", "2019", "2024", "2024-12", "2025", "2025-02", "2025-03",
                                              "2025-03-01", "2025-03-08", "2025-03-31", "2025-04", "2026"])  # fmt: skip
queries = st.builds(
    EventQuery,
    actor=st.none() | st.sampled_from(["IRN", "IR", "I", "USA", "USAGOV", "ISR", "IGO", "IRNGOV", "RUS"]),
    since=since_or_until,
    until=since_or_until,
    modality=st.none() | st.sampled_from(MODALITIES),
    basis=st.none() | st.sampled_from([b for b in BASES if b]),
    root=st.none() | st.sampled_from(ROOTS),
    doc_id=st.none() | st.sampled_from(DOC_IDS),
    limit=st.none() | st.integers(0, 6),
    exclude_modalities=st.frozensets(st.sampled_from(MODALITIES), max_size=4),
    offset=st.integers(0, 4),
)


@st.composite
def corpora(draw, records):
    """Documents (ids from DOC_IDS) with events whose query fields come from the values above."""
    corpus = []
    for doc_id in draw(st.lists(st.sampled_from(DOC_IDS), min_size=1, max_size=4, unique=True)):
        document, sentences, events = draw(records.coded_documents(doc_id))
        events = [
            replace(event, source=draw(st.none() | actors), target=draw(st.none() | actors), date=draw(dates),
                    modality=draw(st.sampled_from(MODALITIES)), root=draw(st.sampled_from(ROOTS)),
                    sentence_index=draw(st.integers(0, 2)))
            for event in events
        ]  # fmt: skip
        corpus.append((document, sentences, events))
    return corpus


def ids(events) -> list[str]:
    return [e.event_id for e in events]


def cursor_pages(store, query: EventQuery) -> list[list[str]]:
    pages, page = [], store.event_page(replace(query, offset=0))
    pages.append(ids(page.items))
    while page.next_cursor is not None:
        page = store.event_page(replace(query, offset=0, cursor=page.next_cursor))
        pages.append(ids(page.items))
    return pages


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_both_stores_answer_every_query_alike(postgres, data) -> None:
    corpus = data.draw(corpora(postgres.records), label="corpus")
    asked = data.draw(st.lists(queries, min_size=1, max_size=12), label="queries")
    with open_store(":memory:") as sqlite, postgres.store() as pg:
        for store in (sqlite, pg):
            for document in corpus:
                store.save(*document)
        assert list(pg.events(EventQuery())) == list(sqlite.events(EventQuery()))
        assert pg.documents() == sqlite.documents()
        assert pg.documents(PageRequest(limit=2, offset=1)) == sqlite.documents(PageRequest(limit=2, offset=1))
        for query in asked:
            assert list(pg.events(query)) == list(sqlite.events(query)), query
            assert pg.count_events(query) == sqlite.count_events(query), query
            if query.limit:
                assert cursor_pages(pg, query) == cursor_pages(sqlite, query), query
        for document, _, _ in corpus:
            assert pg.document(document.doc_id) == sqlite.document(document.doc_id)
