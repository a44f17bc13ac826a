"""The happenings of a store, as the command line and the web app ask for them.

    listing = list_happenings("dragoman.db", HappeningQuery(actor="IRN"))   # opens, regroups if needed
    listing = happenings_in(store, HappeningQuery(min_reports=3))          # a store already open

When grouping runs: a store keeps its last grouping with a stamp (the events'
version, which every change to the events raises, and the rules' fingerprint).
A listing whose stamp still holds reads the stored happenings. Otherwise the
store's acts are grouped now (`grouping.group_stream`, in the store's date
order) and, if the store can be written, stored in one transaction, unless the
events changed while they were read (then the next listing groups again); a
read-only store is grouped in memory, each time, and left as it is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import StoreError
from ..policy import Policy, load_policy
from ..queries import open_existing
from ..records import Event
from ..store import EventQuery, EventStore, open_store
from .grouping import group_stream, happening_order
from .records import GroupingStamp, Happening, HappeningQuery
from .rules import HappeningRules, load_happening_rules

__all__ = [
    "HappeningListing",
    "group_store",
    "happenings_in",
    "is_current",
    "list_happenings",
]


def _ignore(message: str) -> None:
    """Notes go nowhere unless the caller says where."""


@dataclass(frozen=True, slots=True)
class HappeningListing:
    """The happenings a query keeps, and how they were found.

    regrouped  True when they were grouped now (the stored grouping was missing or stale)
    stored     True when that grouping was stored (False: read-only store, or it changed meanwhile)
    acts       how many acts were grouped (0 when the stored grouping was read)
    found      how many happenings of two reports or more the grouping holds
    seconds    the time grouping took (reading the events included)
    """

    happenings: tuple[Happening, ...]
    regrouped: bool
    stored: bool
    acts: int
    found: int
    seconds: float


def is_current(store: EventStore, rules: HappeningRules) -> bool:
    """Whether the store's stored grouping was made from its events as they are, with these rules."""
    stamp = store.grouping()
    return (
        stamp is not None
        and stamp.events_version == store.events_version()
        and stamp.rules == rules.fingerprint
    )


def group_store(
    store: EventStore, rules: HappeningRules, policy: Policy
) -> tuple[list[Happening], int, int]:
    """(the happenings of the store's acts, in listing order; how many acts; the events' version read first)."""
    version = store.events_version()
    outlets, copies = _documents(store)
    acts = 0

    def counted() -> Iterator[Event]:
        nonlocal acts
        for event in store.events(EventQuery(exclude_modalities=policy.non_events)):
            acts += 1
            yield event

    found = list(
        group_stream(
            counted(),
            rules,
            non_events=policy.non_events,
            outlets=outlets,
            copies=copies,
        )
    )
    found.sort(key=happening_order)
    return found, acts, version


def happenings_in(
    store: EventStore,
    query: HappeningQuery,
    *,
    rules: HappeningRules | None = None,
    policy: Policy | None = None,
    save: bool = True,
    on_note: Callable[[str], None] = _ignore,
) -> HappeningListing:
    """The happenings of an open store the query keeps: stored ones if current, else grouped now
    (and stored, when `save` and the store is writable)."""
    rules = rules or load_happening_rules()
    policy = policy or load_policy()[0]
    stamp = store.grouping()
    if (
        stamp is not None
        and stamp.events_version == store.events_version()
        and stamp.rules == rules.fingerprint
    ):
        found_before = stamp.happenings
        return HappeningListing(
            tuple(store.happenings(query)),
            regrouped=False,
            stored=True,
            acts=0,
            found=found_before,
            seconds=0.0,
        )
    started = time.perf_counter()
    found, acts, version = group_store(store, rules, policy)
    seconds = time.perf_counter() - started
    stored = False
    if save and not store.read_only:
        stamp = GroupingStamp(
            version,
            rules.fingerprint,
            datetime.now(UTC).isoformat(timespec="seconds"),
            len(found),
        )
        stored = store.replace_happenings(found, stamp)
        if not stored:
            on_note(
                "the events changed while they were grouped: the grouping is shown but not stored"
            )
    kept = [h for h in found if query.matches(h)]
    if query.limit is not None:
        kept = kept[: query.limit]
    return HappeningListing(
        tuple(kept),
        regrouped=True,
        stored=stored,
        acts=acts,
        found=len(found),
        seconds=seconds,
    )


def list_happenings(
    url_or_path: str,
    query: HappeningQuery,
    *,
    rules: HappeningRules | None = None,
    policy: Policy | None = None,
    save: bool = True,
    on_note: Callable[[str], None] = _ignore,
) -> HappeningListing:
    """The happenings of the store at `url_or_path` (which must exist) the query keeps.

    The store is read read-only; only when its grouping is stale, `save` is set and it
    can be written is it opened for writing, to store the new grouping. A store that
    cannot be written (a read-only file, a user without the right) is grouped in memory.
    """
    rules = rules or load_happening_rules()
    policy = policy or load_policy()[0]
    with open_existing(url_or_path) as store:
        if not save or is_current(store, rules) or not _may_write(url_or_path):
            return happenings_in(
                store, query, rules=rules, policy=policy, save=False, on_note=on_note
            )
    try:
        writable = open_store(url_or_path)
    except StoreError as exc:
        on_note(f"cannot open the store for writing ({exc}); grouping in memory")
        return _in_memory(url_or_path, query, rules, policy, on_note)
    with writable:
        try:
            return happenings_in(
                writable, query, rules=rules, policy=policy, save=True, on_note=on_note
            )
        except StoreError as exc:
            if "cannot store happenings" not in str(exc):
                raise
            on_note(f"{exc}; grouping in memory")
    return _in_memory(url_or_path, query, rules, policy, on_note)


def _in_memory(
    url_or_path: str,
    query: HappeningQuery,
    rules: HappeningRules,
    policy: Policy,
    on_note: Callable[[str], None],
) -> HappeningListing:
    with open_existing(url_or_path) as store:
        return happenings_in(
            store, query, rules=rules, policy=policy, save=False, on_note=on_note
        )


def _may_write(url_or_path: str) -> bool:
    """Whether to try writing: an SQLite file we may write in a folder we may write (WAL needs
    its side files); for a server, try (the server says)."""
    if "://" in url_or_path and not url_or_path.lower().startswith("sqlite://"):
        return True
    path = (
        url_or_path.removeprefix("sqlite:///") if "://" in url_or_path else url_or_path
    )
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _documents(store: EventStore) -> tuple[dict[str, str | None], dict[str, str]]:
    """Each stored document's outlet, and the report it counts as: itself, or the first document
    (by doc_id) stored with the very same text (a corpus that holds an article twice)."""
    outlets: dict[str, str | None] = {}
    copies: dict[str, str] = {}
    first: dict[str, str] = {}
    for doc_id, digest, outlet in store.document_digests():
        outlets[doc_id] = outlet
        copies[doc_id] = first.setdefault(digest, doc_id)
    return outlets, copies
