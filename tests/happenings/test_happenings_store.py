"""Happenings in the stores (migration 0005), on both backends: the event version, the stamped,
all-or-nothing replacement of a grouping, and reading it back."""

from __future__ import annotations

import pytest

from dragoman.errors import StoreError
from dragoman.happenings import GroupingStamp, Happening, HappeningQuery
from dragoman.happenings.rules import load_happening_rules
from dragoman.happenings.service import group_store
from dragoman.policy import load_policy
from dragoman.queries import open_existing
from dragoman.store import open_store


def _grouped(url: str) -> tuple[list[Happening], int]:
    with open_existing(url) as store:
        found, _, version = group_store(store, load_happening_rules(), load_policy()[0])
    return found, version


def test_every_save_raises_the_event_version(store_url: str) -> None:
    with open_store(store_url) as store:
        before = store.events_version()
        stored = store.document("gulf-raid")
        assert stored is not None
        store.save(stored.document, stored.sentences, stored.events)
        after = store.events_version()
        assert after > before
        assert store.events_version() == after  # reading changes nothing


def test_a_grouping_is_stored_whole_and_read_back(store_url: str) -> None:
    found, version = _grouped(store_url)
    assert len(found) == 4
    with open_store(store_url) as store:
        assert store.grouping() is None
        stamp = GroupingStamp(
            version, "rules-1", "2026-01-01T00:00:00+00:00", len(found)
        )
        assert store.replace_happenings(found, stamp)
        assert store.grouping() == stamp
        assert list(store.happenings(HappeningQuery())) == sorted(
            found, key=lambda h: (h.date is None, h.date or "", h.happening_id)
        )
        assert store.replace_happenings(
            found[:1], GroupingStamp(version, "rules-2", "2026-01-02T00:00:00+00:00", 1)
        )
        assert list(store.happenings(HappeningQuery())) == found[:1]
        assert store.happening_of(found[1].members[0].event_id) is None


def test_a_grouping_of_events_that_changed_meanwhile_is_not_stored(
    store_url: str,
) -> None:
    found, version = _grouped(store_url)
    with open_store(store_url) as store:
        stored = store.document("gulf-raid")
        assert stored is not None
        store.save(
            stored.document, stored.sentences, stored.events
        )  # after the events were read
        stale = GroupingStamp(version, "rules", "2026-01-01T00:00:00+00:00", len(found))
        assert not store.replace_happenings(found, stale)
        assert (
            store.grouping() is None and list(store.happenings(HappeningQuery())) == []
        )


def test_a_read_only_store_refuses_a_grouping(store_url: str) -> None:
    found, version = _grouped(store_url)
    with (
        open_existing(store_url) as store,
        pytest.raises(StoreError, match="read-only"),
    ):
        store.replace_happenings(
            found,
            GroupingStamp(version, "rules", "2026-01-01T00:00:00+00:00", len(found)),
        )
