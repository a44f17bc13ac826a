"""Every EventQuery filter, on a small hand-made set of events."""

from __future__ import annotations

import pytest

from dragoman.errors import StoreError
from dragoman.records import Actor, DateValue
from dragoman.store import EventQuery, open_store

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
def store(make_event, make_document):
    events = sample_events(make_event)
    with open_store(":memory:") as store:
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
    assert list(store.documents()) == [("d1", "Report d1", 4), ("d2", "Report d2", 3)]


@pytest.mark.parametrize(
    "query", [{"since": "March 2025"}, {"until": "2025-3"}, {"since": ""}, {"actor": ""}, {"limit": -1}]
)
def test_bad_queries_are_refused(query) -> None:
    with pytest.raises(StoreError):
        EventQuery(**query)
