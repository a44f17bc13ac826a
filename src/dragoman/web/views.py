"""Each page's data, as the JSON its twin returns: functions from a store and a request to a dict.

The HTML pages are drawn from exactly these dicts, so a page and its JSON
twin cannot disagree. Reading goes through the store's own methods
(`events`, `event_page`, `count_events`, `event`, `document`, `documents`,
`record_summaries`) and
the queries of `dragoman.queries`; the counting and the series are the pure
functions of `dragoman.analyse`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..analyse import actor_table, date_groups, day_counts, dyad_series, dyads, unresolved_mentions
from ..coding.lexicon import load_cameo
from ..errors import DragomanError, UsageError, clip
from ..policy import Policy, load_policy
from ..record.service import list_records, record_of
from ..records import Event
from ..store import EventQuery, EventStore, PageRequest, RecordQuery
from .params import BadParameter, Filters, NotFound, actor_key
from .record import narrow_record

__all__ = [
    "Catalogue",
    "actors_view",
    "check_filters",
    "document_view",
    "documents_view",
    "dyads_view",
    "event_json",
    "event_view",
    "events_view",
    "highlights",
    "load_catalogue",
    "record_view",
    "records_view",
    "series_view",
    "timeline_view",
]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What pages need to know besides the store: which modalities are acts, and CAMEO root names."""

    policy: Policy
    roots: dict[str, str]  # "13" -> "Threaten"
    modalities: dict[str, str]  # "asserted" -> its meaning (policy.yaml)

    @property
    def non_events(self) -> frozenset[str]:
        return self.policy.non_events


def load_catalogue() -> Catalogue:
    """Read policy.yaml and the CAMEO table (once, when the app is made)."""
    policy, _ = load_policy()
    roots = {c.code: c.name.capitalize() for c in load_cameo().values() if len(c.code) == 2}
    return Catalogue(policy, dict(sorted(roots.items())), {name: m.meaning for name, m in policy.modalities.items()})


# ---------------------------------------------------------------- events as JSON


def event_json(event: Event) -> dict[str, Any]:
    """`event.to_dict()` (kept as a name the views and their tests use)."""
    return event.to_dict()


# ---------------------------------------------------------------- checks


def check_filters(store: EventStore, filters: Filters) -> None:
    """An actor or document the store has never heard of is a NotFound, not an empty page."""
    if filters.actor is not None:
        _check_actor(store, "actor", filters.actor)
    if filters.doc is not None:
        _check_document(store, filters.doc)


def _check_actor(store: EventStore, name: str, key: str) -> None:
    actor_key(name, key)
    if store.count_events(EventQuery(actor=key)) == 0:
        raise NotFound(f"{name}={key}: no event in this store has an actor with that code or country; see /api/actors")


def _check_document(store: EventStore, doc_id: str) -> None:
    if store.count_events(EventQuery(doc_id=doc_id)) == 0 and store.document(doc_id) is None:
        raise NotFound(f"doc={clip(doc_id)}: no such document in this store; see /api/documents")


def _filters_dict(filters: Filters) -> dict[str, Any]:
    return {"since": filters.since, "until": filters.until, "actor": filters.actor, "root": filters.root,
            "modality": filters.modality, "doc": filters.doc, "all": filters.all}  # fmt: skip


# ---------------------------------------------------------------- events


def events_view(store: EventStore, cat: Catalogue, filters: Filters, *, limit: int, offset: int = 0, cursor: str | None = None) -> dict[str, Any]:
    check_filters(store, filters)
    query = filters.query(cat.policy, limit=limit, offset=offset, cursor=cursor)
    page = store.event_page(query)
    return {
        "filters": _filters_dict(filters),
        "total": store.count_events(query),
        "limit": limit,
        "offset": offset,
        "next_cursor": page.next_cursor,
        "events": [event_json(e) for e in page.items],
    }


def highlights(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Where, in the event's sentence, its trigger, source and target are: offsets into `sentence`.

    Offsets in an event are into the document; the sentence starts at span[0].
    Spans outside the sentence, or overlapping one already kept (the trigger
    first), are left out, so the result can be drawn as marks in order.
    """
    start = event["span"][0]
    length = len(event["sentence"])
    wanted: list[tuple[str, Any, Any]] = [("trigger", *event["trigger_span"])]
    for role in ("source", "target"):
        actor = event.get(role)
        if actor and actor.get("start") is not None and actor.get("end") is not None:
            wanted.append((role, actor["start"], actor["end"]))
    kept: list[dict[str, Any]] = []
    for kind, a, b in wanted:
        lo, hi = a - start, b - start
        if not 0 <= lo < hi <= length:
            continue
        if any(lo < k["end"] and k["start"] < hi for k in kept):
            continue
        kept.append({"kind": kind, "start": lo, "end": hi, "text": event["sentence"][lo:hi]})
    kept.sort(key=lambda k: k["start"])
    return kept


def event_view(store: EventStore, event_id: str) -> dict[str, Any]:
    event = store.event(event_id)
    if event is None:
        raise NotFound(f"no event {clip(event_id)} in this store")
    record = event_json(event)
    stored = store.document(event.doc_id)
    document = None
    if stored is not None:
        d = stored.document
        document = {"doc_id": d.doc_id, "title": d.title, "date": d.date, "url": d.url, "outlet": d.outlet}
    return {"event": record, "highlights": highlights(record), "document": document}


# ---------------------------------------------------------------- timeline


def timeline_view(store: EventStore, cat: Catalogue, filters: Filters, *, limit: int, offset: int = 0, cursor: str | None = None) -> dict[str, Any]:
    """One page of events grouped by date, and (over every matching event) events per day and QuadClass."""
    check_filters(store, filters)
    query = filters.query(cat.policy, limit=limit, offset=offset, cursor=cursor)
    page = store.event_page(query)
    groups = [
        {"date": g.date, "precision": g.precision, "events": [event_json(e) for e in g.events]} for g in date_groups(page.items)
    ]
    return {
        "filters": _filters_dict(filters),
        "total": store.count_events(query),
        "limit": limit,
        "offset": offset,
        "next_cursor": page.next_cursor,
        "groups": groups,
        "days": [d.to_dict() for d in day_counts(store.events(filters.query(cat.policy)))],
    }


# ---------------------------------------------------------------- dyads


def dyads_view(store: EventStore, cat: Catalogue, filters: Filters, *, limit: int, offset: int = 0) -> dict[str, Any]:
    """Pairs of parties, most active first; `default` is the pair the trajectory opens on."""
    check_filters(store, filters)
    found = dyads(store.events(filters.query(cat.policy)))
    default = {"a": found[0].a, "b": found[0].b} if found else None
    return {
        "filters": _filters_dict(filters),
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "default": default,
        "dyads": [d.to_dict() for d in found[offset : offset + limit]],
    }


def series_view(
    store: EventStore, cat: Catalogue, filters: Filters, a: str, b: str, *, bin: str = "week", turning_points: int = 3
) -> dict[str, Any]:
    """The pair's series (see analyse.dyads), with the events its turning points name."""
    check_filters(store, filters)
    _check_actor(store, "a", a)
    _check_actor(store, "b", b)
    if a == b:
        raise BadParameter(f"a and b are both {a}: a trajectory needs two different actors")
    if bin not in ("day", "week"):
        raise BadParameter(f"bin={clip(bin)}: use day or week")
    # Without an actor filter of its own, ask the store only for a's events.
    narrowed = filters if filters.actor is not None else replace(filters, actor=a)
    events = list(store.events(narrowed.query(cat.policy)))
    series = dyad_series(events, a, b, bin=bin, turning_points=turning_points)
    named = {i for t in (*series.escalations, *series.deescalations) for i in t.event_ids}
    out = series.to_dict()
    out["filters"] = _filters_dict(filters)
    out["events"] = {e.event_id: event_json(e) for e in events if e.event_id in named}
    return out


# ---------------------------------------------------------------- actors


def actors_view(store: EventStore, cat: Catalogue, filters: Filters, *, limit: int, offset: int = 0) -> dict[str, Any]:
    """Actors by code with roles and partners; the unresolved names (events whose side has no code)."""
    check_filters(store, filters)
    events = list(store.events(filters.query(cat.policy)))
    table = actor_table(events)
    unresolved = unresolved_mentions(events)
    return {
        "filters": _filters_dict(filters),
        "limit": limit,
        "offset": offset,
        "total": len(table),
        "actors": [r.to_dict() for r in table[offset : offset + limit]],
        "unresolved_total": len(unresolved),
        "unresolved": [u.to_dict() for u in unresolved[offset : offset + limit]],
    }


# ---------------------------------------------------------------- documents


def documents_view(store: EventStore, *, limit: int, offset: int = 0, cursor: str | None = None) -> dict[str, Any]:
    try:
        request = PageRequest(offset=offset, limit=limit, cursor=cursor)
    except DragomanError as exc:  # a cursor this store did not make, a cursor with an offset
        raise BadParameter(str(exc)) from exc
    page = store.documents(request)
    return {
        "limit": limit,
        "offset": offset,
        "next_cursor": page.next_cursor,
        "documents": [
            {"doc_id": d.doc_id, "title": d.title, "date": d.date, "url": d.url, "outlet": d.outlet, "events": d.events}
            for d in page.items
        ],
    }


def document_view(store: EventStore, cat: Catalogue, doc_id: str, filters: Filters) -> dict[str, Any]:
    """A document's text, its layout and references, and its events (filtered) overlaid on the text."""
    stored = store.document(doc_id)
    if stored is None:
        raise NotFound(f"no document {clip(doc_id)} in this store; see /api/documents")
    filters = filters.without("doc")
    check_filters(store, filters)
    events = list(store.events(filters.query(cat.policy, doc=doc_id)))
    d = stored.document
    return {
        "filters": _filters_dict(filters),
        "document": {"doc_id": d.doc_id, "title": d.title, "date": d.date, "url": d.url, "outlet": d.outlet, "text": d.text},
        "blocks": [{"start": b.start, "end": b.end, "kind": b.kind, "section": b.section} for b in d.blocks],
        "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in stored.sentences],
        "references": [
            {"key": r.key, "outlet": r.outlet, "title": r.title, "published": r.published, "language": r.language, "url": r.url}
            for r in d.references
        ],
        "overlay": overlay(events, len(d.text)),
        "events": [event_json(e) for e in events],
    }


def overlay(events: Sequence[Event], text_length: int) -> list[dict[str, Any]]:
    """The trigger spans to mark in the text, each with the events it carries, in order, never overlapping."""
    spans: dict[tuple[int, int], list[str]] = {}
    for e in events:
        lo, hi = e.trigger_span
        if 0 <= lo < hi <= text_length:
            spans.setdefault((lo, hi), []).append(e.event_id)
    marks: list[dict[str, Any]] = []
    for (lo, hi), ids in sorted(spans.items()):
        if marks and lo < marks[-1]["end"]:
            marks[-1]["event_ids"].extend(ids)  # overlaps the mark before: carried by it
            continue
        marks.append({"start": lo, "end": hi, "event_ids": ids})
    return marks


# ---------------------------------------------------------------- the record


def record_view(store: EventStore, cat: Catalogue, filters: Filters, *, limit: int, offset: int = 0, cursor: str | None = None) -> dict[str, Any]:
    """The stored record of one document (`doc`), else of a page of documents by id, narrowed by the filters.

    `record_of`'s dict (docs/record.md), its parts narrowed by actor and period
    as web/record.py says; the CAMEO root and the modality choose events, not
    parts of the record, so they are only checked here.
    """
    check_filters(store, filters)
    query = filters.query(cat.policy)  # a malformed date or an unknown modality is a 400 here too
    try:
        request = PageRequest(offset=offset, limit=limit, cursor=cursor)
    except DragomanError as exc:
        raise BadParameter(str(exc)) from exc
    record = record_of(store, filters.doc, request)
    narrowed = narrow_record(record, actor=filters.actor, since=query.since, until=query.until)
    return {"filters": _filters_dict(filters), "limit": limit, "offset": offset} | narrowed


def records_view(
    store: EventStore, cat: Catalogue, filters: Filters, *, party: str | None = None, sort: str = "items", limit: int, offset: int = 0
) -> dict[str, Any]:
    """The documents whose record holds at least one item, most items first (or by id), a page
    of them; `party` (else the actor filter) keeps those whose record involves that actor.

    The other filters are checked (a bad date is a 400 here too) but choose parts of a
    record, not documents: they narrow each record once it is opened.
    """
    filters.query(cat.policy)
    party = party.strip() if party and party.strip() else filters.actor
    try:
        query = RecordQuery(party=party, sort=sort, offset=offset, limit=limit)
    except DragomanError as exc:
        raise BadParameter(str(exc)) from exc
    try:
        listing = list_records(store, query)
    except UsageError as exc:  # a party no stored record involves
        raise NotFound(str(exc)) from exc
    return {"filters": _filters_dict(filters)} | listing.to_dict()
