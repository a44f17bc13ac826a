"""Reports written for these tests, coded through the real pipeline into a real store of each kind:
the pairs that tell of one happening are grouped, the lookalikes stay apart (reports.yaml)."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from dragoman.happenings import Happening, HappeningQuery
from dragoman.happenings.rules import load_happening_rules
from dragoman.happenings.service import happenings_in, is_current, list_happenings
from dragoman.queries import open_existing
from dragoman.store import EventQuery, open_store


def _country(code: str | None) -> str:
    return (code or "")[:3]


def _all(url: str) -> list[Happening]:
    return list(list_happenings(url, HappeningQuery()).happenings)


def test_the_pairs_are_grouped_and_nothing_else(
    store_url: str, cases: dict[str, Any]
) -> None:
    found = _all(store_url)
    expected = {
        (frozenset(t["documents"]), t["family"], frozenset(t["actors"]))
        for t in cases["together"]
    }
    got = [
        (
            frozenset(h.documents),
            h.family,
            frozenset({_country(h.source_code), _country(h.target_code)}),
        )
        for h in found
    ]
    assert (
        len(got) == len(expected) and set(got) == expected
    )  # exactly these happenings, no others


def test_the_lookalikes_stay_apart(store_url: str, cases: dict[str, Any]) -> None:
    found = _all(store_url)
    for entry in cases["apart"]:
        for a, b in combinations(entry["documents"], 2):
            assert not [h for h in found if {a, b} <= set(h.documents)], entry["why"]
    for h in found:  # never two events of one document from different sentences
        sentences: dict[str, set[int]] = {}
        for m in h.members:
            sentences.setdefault(m.doc_id, set()).add(m.sentence_index)
        assert all(len(s) == 1 for s in sentences.values()), h


def test_a_happening_says_what_happened_and_who_told_it(store_url: str) -> None:
    (accord,) = [h for h in _all(store_url) if h.family == "agreement"]
    assert (accord.date, accord.date_precision, accord.cameo, accord.reports) == (
        "2005-05-03",
        "day",
        "057",
        2,
    )
    assert accord.documents == ("andes-accord", "pacific-accord")
    assert accord.outlets == ("Andes Herald", "Pacific Wire")
    # the mirror events of each sentence ("Chile and Peru signed" is coded both ways) are all in it
    assert len(accord.members) == 4
    (talks,) = [h for h in _all(store_url) if h.family == "talks"]
    # the day-dated report gives the date; the more specific codes (USAGOV, IRNGOV) name the actors
    assert (talks.date, talks.date_precision) == ("2025-04-12", "day")
    assert {talks.source_code, talks.target_code} == {"USAGOV", "IRNGOV"}


def test_the_events_stay_as_they_were(store_url: str) -> None:
    with open_existing(store_url) as store:
        before = list(store.events(EventQuery()))
    _all(store_url)
    with open_existing(store_url) as store:
        assert list(store.events(EventQuery())) == before
        for h in store.happenings(HappeningQuery()):
            for m in h.members:
                event = store.event(m.event_id)
                assert (
                    event is not None
                    and event.doc_id == m.doc_id
                    and event.sentence == m.sentence
                )
                assert store.happening_of(m.event_id) == h


def test_a_rerun_reads_the_stored_grouping_and_a_change_regroups_it(
    store_url: str, loaded
) -> None:
    first = list_happenings(store_url, HappeningQuery())
    assert first.regrouped and first.stored
    again = list_happenings(store_url, HappeningQuery())
    assert not again.regrouped and again.happenings == first.happenings
    with open_store(store_url) as store:
        stored = store.document("levant-raid")
        assert stored is not None
        store.save(
            stored.document, stored.sentences, stored.events
        )  # the same events, saved again
        assert not is_current(store, load_happening_rules())
    redone = list_happenings(store_url, HappeningQuery())
    assert redone.regrouped and redone.stored
    # deterministic: the same ids, the same members
    assert redone.happenings == first.happenings


def test_a_read_only_store_is_grouped_in_memory(store_url: str) -> None:
    expected = _all_without_storing(store_url)
    with open_existing(store_url) as store:  # read-only
        listing = happenings_in(store, HappeningQuery())
        assert listing.regrouped and not listing.stored
        assert store.grouping() is None
    assert listing.happenings == expected


def _all_without_storing(url: str) -> tuple[Happening, ...]:
    return list_happenings(url, HappeningQuery(), save=False).happenings


@pytest.mark.parametrize(
    "query",
    [
        HappeningQuery(actor="CHL"),
        HappeningQuery(actor="USAGOV"),
        HappeningQuery(actor="ISRMIL"),
        HappeningQuery(since="2024"),
        HappeningQuery(until="2005-05"),
        HappeningQuery(since="2025-04-12", until="2025-04-12"),
        HappeningQuery(since="2005-05-04"),
        HappeningQuery(min_reports=3),
        HappeningQuery(limit=2),
        HappeningQuery(limit=0),
    ],
    ids=repr,
)
def test_the_store_filters_as_the_grouping_in_memory_does(
    store_url: str, query: HappeningQuery
) -> None:
    in_memory = list_happenings(store_url, query, save=False)
    assert in_memory.regrouped and not in_memory.stored
    list_happenings(store_url, HappeningQuery())  # stores the grouping
    stored = list_happenings(store_url, query)
    assert not stored.regrouped
    assert stored.happenings == in_memory.happenings


def test_the_stored_grouping_is_stamped_with_the_rules(
    store_url: str, tmp_path
) -> None:
    from dragoman.policy import data_file

    list_happenings(store_url, HappeningQuery())
    changed = tmp_path / "happenings.yaml"
    changed.write_text(
        data_file("happenings.yaml")
        .read_text(encoding="utf-8")
        .replace("day_window: 1", "day_window: 0")
    )
    rules = load_happening_rules(changed)
    listing = list_happenings(store_url, HappeningQuery(), rules=rules)
    assert listing.regrouped  # another fingerprint
    # with no day of lag allowed, the raid reported for Monday and for 12 February still groups
    # (both are 12 February), and so does everything else here
    assert len(listing.happenings) == 4
