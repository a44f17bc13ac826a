"""Every EventQuery filter, on a small hand-made set of events, in every store."""

from __future__ import annotations

import base64

import pytest

from dragoman.errors import StoreError
from dragoman.records import Actor, DateValue
from dragoman.store import DocumentSummary, EventQuery, Page, PageRequest

IRN_GOV = Actor(text="Tehran", name="Iran", code="IRNGOV", country="IRN", sector="GOV")
USA_GOV = Actor(text="Washington", name="United States", code="USAGOV", country="USA", sector="GOV")
USA_MIL = Actor(text="the Pentagon", name="US military", code="USAMIL", country="USA", sector="MIL")
ISR = Actor(text="Israel", name="Israel", code="ISR", country="ISR")
UN = Actor(text="the UN", name="United Nations", code="IGOUNO", country=None)
HEZ = Actor(text="Hezbollah", name="Hezbollah", code="LBNREB", country="IRN")  # country on purpose: proxy test


def sample_events(make_event):
    def ev(event_id, doc_id="d1", **changes):
        return make_event(event_id, doc_id, **changes)

    return [
        ev("a", source=IRN_GOV, target=USA_GOV, date="2025-03-08", root="13", modality="asserted"),
        ev("b", source=USA_MIL, target=IRN_GOV, date="2025-03", root="19", modality="asserted", sentence_index=1),
        ev("c", source=ISR, target=UN, date="2025", basis="document", root="04", modality="threatened"),
        ev("d", source=UN, target=ISR, date=None, root="04", modality="denied"),
        ev("e", doc_id="d2", source=HEZ, target=ISR, date="2024-12-31", root="19", modality="asserted"),
        ev("f", doc_id="d2", source=USA_GOV, target=None, root="13", modality="asserted",
           date=DateValue(date="2025-02-20", date_end="2025-03-02", precision="range", basis="relative")),
        ev("g", doc_id="d2", source=None, target=IRN_GOV, date="201", basis="citation", root="13"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def store(backend, make_event, make_document):
    events = sample_events(make_event)
    with backend.store() as store:
        for doc_id in ("d1", "d2"):
            store.save(make_document(doc_id), [], [e for e in events if e.doc_id == doc_id])
        yield store


def found(store, **query) -> list[str]:
    return [e.event_id for e in store.events(EventQuery(**query))]


def test_no_filter_gives_everything_by_date_then_document(store) -> None:
    # "201" (a decade) < "2024-12-31" < "2025" < ... as text; undated last.
    assert found(store) == ["g", "e", "c", "f", "b", "a", "d"]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("IRN", {"a", "b", "e", "g"}),  # code prefix IRNGOV, or country IRN (Hezbollah here)
        ("IRNGOV", {"a", "b", "g"}),
        ("USA", {"a", "b", "f"}),
        ("USAGOV", {"a", "f"}),
        ("USAMIL", {"b"}),
        ("IGO", {"c", "d"}),
        ("ISR", {"c", "d", "e"}),
        ("LBN", {"e"}),
        ("RUS", set()),
        ("US%", set()),  # no LIKE wildcards
    ],
)
def test_actor_matches_code_prefix_or_country(store, actor, expected) -> None:
    assert set(found(store, actor=actor)) == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2025-03", None, ["c", "f", "b", "a"]),  # "2025" overlaps March on; f's range ends 2025-03-02
        ("2025-03-03", None, ["c", "b", "a"]),  # after f's range ended
        ("2025-03-09", None, ["c", "b"]),
        ("2025-04", None, ["c"]),
        ("2026", None, []),
        (None, "2024", ["g", "e"]),
        (None, "2025-02", ["g", "e", "c", "f"]),
        (None, "2025-03-08", ["g", "e", "c", "f", "b", "a"]),
        (None, "2025-03-07", ["g", "e", "c", "f", "b"]),
        ("2025-03", "2025-03", ["c", "f", "b", "a"]),
        ("2025-01", "2025-02", ["c", "f"]),
        ("2019", "2019", ["g"]),
        ("2000", "2100", ["g", "e", "c", "f", "b", "a"]),  # undated "d" excluded
    ],
)
def test_since_and_until_compare_at_the_coarser_precision(store, since, until, expected) -> None:
    assert found(store, since=since, until=until) == expected


def test_modality(store) -> None:
    assert found(store, modality="threatened") == ["c"]
    assert found(store, modality="denied") == ["d"]


def test_date_basis(store) -> None:
    assert found(store, basis="explicit") == ["e", "b", "a"]
    assert found(store, basis="relative") == ["f"]
    assert found(store, basis="citation") == ["g"]


def test_root(store) -> None:
    assert found(store, root="19") == ["e", "b"]
    assert found(store, root="1") == []


def test_doc_id(store) -> None:
    assert found(store, doc_id="d2") == ["g", "e", "f"]
    assert found(store, doc_id="nope") == []


def test_limit(store) -> None:
    assert found(store, limit=2) == ["g", "e"]
    assert found(store, limit=0) == []


def test_filters_combine(store) -> None:
    assert found(store, actor="USA", root="13", since="2025-03-05") == ["a"]
    assert found(store, actor="IRN", doc_id="d2", limit=1) == ["g"]


def test_documents_lists_event_counts(store) -> None:
    d1 = DocumentSummary("d1", "Report d1", None, None, None, 4)
    d2 = DocumentSummary("d2", "Report d2", None, None, None, 3)
    assert store.documents() == Page((d1, d2), None)


def cursor_of(payload: str) -> str:
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "March 2025"}, "not an ISO date"),
        ({"until": "2025-3"}, "not an ISO date"),
        ({"since": ""}, "not an ISO date"),
        ({"since": "\u0662\u0660\u0662\u0665"}, "not an ISO date"),  # Arabic-Indic digits
        ({"since": "2025-13-01"}, "not a real date"),
        ({"until": "2025-02-30"}, "not a real date"),
        ({"until": "2025-13"}, "not a real date"),
        ({"since": "2025-00"}, "not a real date"),
        ({"since": "2025-04-31"}, "not a real date"),
        ({"since": "0000"}, "not a real date"),
        ({"since": "201-03"}, "a decade"),
        ({"actor": ""}, "actor must not be empty"),
        ({"limit": -1}, "between 0 and"),
        ({"limit": 10**22}, "between 0 and"),  # 23 digits: no OverflowError from SQLite
        ({"limit": 1_000_000_001}, "between 0 and"),
        ({"limit": True}, "whole number"),
        ({"limit": 2.5}, "whole number"),
        ({"offset": -1}, "between 0 and"),
        ({"offset": 10**22}, "between 0 and"),
        ({"offset": "3"}, "whole number"),
        ({"exclude_modalities": "negated"}, "set of modality names"),
        ({"exclude_modalities": frozenset({1})}, "set of modality names"),
        ({"exclude_modalities": None}, "set of modality names"),
        ({"cursor": "nope"}, "not a cursor this store made"),
        ({"cursor": ""}, "not a cursor this store made"),
        ({"cursor": "é"}, "not a cursor this store made"),
        ({"cursor": cursor_of('["e", null, "d1", 0]')}, "not a cursor this store made"),  # too short
        ({"cursor": cursor_of('["e", 2025, "d1", 0, "a"]')}, "not a cursor this store made"),  # date not text
        ({"cursor": cursor_of('["e", null, "d1", true, "a"]')}, "not a cursor this store made"),
        ({"cursor": cursor_of('["e", null, "d1", 99999999999999999999, "a"]')}, "not a cursor this store made"),
        ({"cursor": cursor_of('["d", "d1"]')}, "not a cursor this store made"),  # a document cursor
        ({"cursor": cursor_of("{")}, "not a cursor this store made"),
        ({"cursor": cursor_of('["e", null, "d1", 0, "a"]'), "offset": 2}, "either a cursor or an offset"),
    ],
)
def test_bad_queries_are_refused_in_one_line(query, message) -> None:
    with pytest.raises(StoreError, match=message) as info:
        EventQuery(**query)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": 0}, "between 1 and"),
        ({"limit": -1}, "between 1 and"),
        ({"limit": 10**22}, "between 1 and"),
        ({"offset": -1}, "between 0 and"),
        ({"cursor": "nope"}, "not a cursor this store made"),
        ({"cursor": cursor_of('["d", "a"]'), "offset": 1}, "either a cursor or an offset"),
    ],
)
def test_bad_page_requests_are_refused(query, message) -> None:
    with pytest.raises(StoreError, match=message):
        PageRequest(**query)


@pytest.mark.parametrize("date", ["201", "2025", "2025-03", "2024-02-29", "2025-12-31", "0001-01-01"])
def test_real_dates_are_accepted(date) -> None:
    assert EventQuery(since=date, until=date).since == date


def test_the_largest_limit_is_accepted(store) -> None:
    assert found(store, limit=1_000_000_000, offset=1_000_000_000) == []


def test_exclude_modalities_takes_any_collection_of_names() -> None:
    query = EventQuery(exclude_modalities={"negated", "denied"})  # type: ignore[arg-type]
    assert query.exclude_modalities == frozenset({"negated", "denied"})
    assert hash(query) == hash(EventQuery(exclude_modalities=frozenset({"denied", "negated"})))
