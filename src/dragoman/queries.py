"""Queries over a store, as the command line and the web app ask them (no spaCy needed).

    with open_existing("dragoman.db") as store:
        events = store.events(event_query(actor="IRN", since="2025-03"))

`event_query` builds an `EventQuery` that leaves out the events that did not
happen (the non-act modalities of policy.yaml) unless `all_modalities` is set
or a modality is asked for by name; the filter runs inside the store, before
any limit. A modality name the policy does not know is a `UsageError`.
"""

from __future__ import annotations

import os

from .errors import OutdatedStoreError, StoreError, UsageError, clip
from .policy import Policy, load_policy
from .store import EventQuery, EventStore, open_store


def event_query(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    basis: str | None = None,
    root: str | None = None,
    doc_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    cursor: str | None = None,
    all_modalities: bool = False,
    policy: Policy | None = None,
) -> EventQuery:
    policy = policy or load_policy()[0]
    if modality is not None and modality not in policy.modalities:
        raise UsageError(f"no modality {clip(modality)}; use one of: {', '.join(policy.modalities)}")
    # asking for a modality by name shows it, non-events included
    exclude = frozenset() if all_modalities or modality is not None else policy.non_events
    return EventQuery(
        actor=actor, since=since, until=until, modality=modality, basis=basis, root=root, doc_id=doc_id,
        limit=limit, offset=offset, cursor=cursor, exclude_modalities=exclude,
    )  # fmt: skip


def open_existing(url_or_path: str) -> EventStore:
    """A store that must already exist, opened read-only: queries never write to it.

    The one exception: a store made by an older dragoman, in a file we may
    write, is migrated first (one transaction), so an upgrade needs no extra step.
    """
    if "://" not in url_or_path and not os.path.exists(url_or_path):
        raise StoreError(f"{url_or_path}: no such database; create it with: dragoman code REPORT --db {url_or_path}")
    try:
        return open_store(url_or_path, read_only=True)
    except OutdatedStoreError:
        if "://" in url_or_path or not os.access(url_or_path, os.W_OK):
            raise
    open_store(url_or_path).close()  # applies the missing migrations
    return open_store(url_or_path, read_only=True)
