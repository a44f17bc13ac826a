"""What the SQL stores share: migrations per dialect, the rows a record becomes, and the event query.

    Dialect          how a dialect writes parameters, finds its migrations, says "no limit"
    load_migrations  the numbered migration scripts of one dialect
    event_select     the SELECT for an EventQuery: filters, order, offset and limit
    *_row, *_from_row
                     a record as a row of plain values, and back
    record_rows, load_record, records_select
                     a document's diplomatic record (dragoman.record) as rows, and back
    record_summaries_select
                     the documents with a record, counted per part, by party (0007)

SQLite and PostgreSQL keep the same tables with the same columns, one
migration script per version and dialect (migrations/0001_initial.sql for
SQLite beside 0001_initial.postgres.sql), so a record becomes the same row
in either, and the query text below is written once, with `{name}`
placeholders that each dialect renders in its own parameter style. The filters
use only functions both dialects define alike (substr, length, coalesce, row
comparison), so "the same query" is the same text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from importlib import resources
from typing import Any

from ..errors import OutdatedStoreError, StoreError
from ..record.parties import PARTY_COLUMNS, party_keys, party_rows
from ..record.records import PARTS, Record, RecordLink, record_from_dict
from ..record.rows import ITEM_COLUMNS
from ..record.rows import item_rows as record_item_rows
from ..records import Block, Document, Event, Marker, Reference, Sentence, event_from_dict
from .base import EventKey, EventQuery, PageRequest, RecordQuery, decode_document_cursor, input_digest

__all__ = [
    "CODINGS_BATCH",
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "ITEM_COLUMNS",
    "LINK_COLUMNS",
    "PARTY_COLUMNS",
    "POSTGRES",
    "RECORD_COLUMNS",
    "RECORD_TABLES",
    "RecordRows",
    "REFERENCE_COLUMNS",
    "REFERENCE_FIELDS",
    "SENTENCE_COLUMNS",
    "SELECT_DOCUMENT",
    "SELECT_EVENT",
    "SELECT_LINKS",
    "SELECT_RECORD",
    "SELECT_REFERENCES",
    "SELECT_SENTENCES",
    "SORT_KEY",
    "SQLITE",
    "Dialect",
    "Migration",
    "actor_and_dates",
    "check_doc_ids",
    "check_schema_version",
    "codings_select",
    "count_select",
    "document_from_row",
    "document_row",
    "documents_select",
    "event_row",
    "event_select",
    "load_event",
    "load_migrations",
    "load_record",
    "record_count_select",
    "record_link",
    "record_rows",
    "record_summaries_select",
    "records_select",
    "reference_rows",
    "sentence_from_row",
    "sentence_row",
    "too_new",]

_PACKAGE = __name__.rpartition(".")[0]  # the migrations live in this package's data


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str  # as in messages: "SQLite", "PostgreSQL"
    migration_suffix: str  # the file name ending of its migration scripts
    named: str  # a named parameter, "{}" standing for its name
    positional: str  # a positional parameter
    no_limit: int | None  # the LIMIT that means none

    def render(self, template: str) -> str:
        """`template` with each `{name}` written as this dialect's named parameter."""
        return template.format_map(_Placeholders(self.named))

    def insert(self, table: str, columns: Sequence[str]) -> str:
        """An INSERT of one row of `columns`, by position; columns named, so a later column shifts nothing."""
        quoted = ", ".join(f'"{c}"' if c == "end" else c for c in columns)
        return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join([self.positional] * len(columns))})"


class _Placeholders(dict[str, str]):
    def __init__(self, named: str) -> None:
        super().__init__()
        self._named = named

    def __missing__(self, key: str) -> str:
        return self._named.format(key)


SQLITE = Dialect("SQLite", ".sql", ":{}", "?", -1)  # SQLite takes OFFSET only after a LIMIT; -1 is none
POSTGRES = Dialect("PostgreSQL", ".postgres.sql", "%({})s", "%s", None)  # LIMIT NULL is none


# ---------------------------------------------------------------- migrations


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str  # the file name, e.g. "0001_initial.sql"
    sql: str


def load_migrations(dialect: Dialect) -> tuple[Migration, ...]:
    """The dialect's packaged migrations, checked to be numbered 1, 2, 3, ... without gaps."""
    pattern = re.compile(r"(\d{4})_[a-z0-9_]+" + re.escape(dialect.migration_suffix))
    folder = resources.files(_PACKAGE).joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = pattern.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    if not found:
        raise StoreError(f"no {dialect.name} schema migrations are packaged with dragoman; reinstall it")
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(f"migration {migration.name}: expected version {expected}; the package is broken")
    return tuple(found)


def too_new(where: str, current: int, known: int) -> StoreError:
    return StoreError(
        f"{where}: the store has schema version {current} but this dragoman knows only up to {known}; "
        "upgrade dragoman to use it"
    )


def check_schema_version(where: str, current: int | None, known: int) -> None:
    """Refuse a store a read-only connection cannot use as it is: empty (None), older or newer."""
    if current is None:
        raise StoreError(f"{where}: an empty database, not an event store yet; store something in it first")
    if current > known:
        raise too_new(where, current, known)
    if current < known:
        raise OutdatedStoreError(
            f"{where}: the store has schema version {current}, older than this dragoman's {known}, and it was "
            f"opened read-only; open it once for writing to migrate it (e.g. by dragoman code REPORT --db {where})"
        )


# ---------------------------------------------------------------- the event query

# The store's order (see base.event_key), as the columns of the events_order
# index (0002), so that a store reads events in order from the index and a
# cursor starts from a seek.
SORT_KEY = "undated, sort_date, doc_id, sentence_index, event_id"

# Partial ISO dates compare at the coarser precision of the two: each is cut to
# the other's length, which cuts the longer to the shorter and leaves the
# shorter whole ("2025" vs "2025-03" -> "2025" vs "2025"), then compared as text.
_SINCE = (
    "substr(coalesce(date_end, date), 1, length({since}))"
    " >= substr({since}, 1, length(coalesce(date_end, date)))"
)
_UNTIL = "substr(date, 1, length({until})) <= substr({until}, 1, length(date))"
_ACTOR = (
    "(substr(source_code, 1, length({actor})) = {actor} OR substr(target_code, 1, length({actor})) = {actor}"
    " OR source_country = {actor} OR target_country = {actor})"
)
_AFTER = f"({SORT_KEY}) > ({{after_undated}}, {{after_date}}, {{after_doc}}, {{after_index}}, {{after_event}})"
_EXACT = {"modality": "modality", "basis": "date_basis", "root": "root", "doc_id": "doc_id"}


def actor_and_dates(
    actor_clause: str, actor: str | None, since: str | None, until: str | None
) -> tuple[list[str], dict[str, Any]]:
    """The clauses and parameters of an actor filter (`actor_clause`, reading {actor}) and a
    date range compared at the coarser precision; a date range leaves the undated out."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if actor is not None:
        clauses.append(actor_clause)
        params["actor"] = actor
    if since is not None or until is not None:
        clauses.append("date IS NOT NULL AND date <> ''")
    if since is not None:
        clauses.append(_SINCE)
        params["since"] = since
    if until is not None:
        clauses.append(_UNTIL)
        params["until"] = until
    return clauses, params


def _where(query: EventQuery, after: EventKey | None) -> tuple[str, dict[str, Any]]:
    clauses, params = actor_and_dates(_ACTOR, query.actor, query.since, query.until)
    for field_name, column in _EXACT.items():
        value = getattr(query, field_name)
        if value is not None:
            clauses.append(f"{column} = {{{field_name}}}")
            params[field_name] = value
    if query.exclude_modalities:
        names = [f"exclude_{i}" for i in range(len(query.exclude_modalities))]
        clauses.append(f"modality NOT IN ({', '.join('{' + n + '}' for n in names)})")
        params.update(zip(names, sorted(query.exclude_modalities), strict=True))
    if after is not None:
        clauses.append(_AFTER)
        names = ["after_undated", "after_date", "after_doc", "after_index", "after_event"]
        params.update(zip(names, after, strict=True))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def event_select(
    query: EventQuery, dialect: Dialect, *, limit: int | None, offset: int, after: EventKey | None
) -> tuple[str, dict[str, Any]]:
    """SELECT record for the query's filters, in store order, after `after`, from `offset`, at most `limit`.

    The caller says where to start and how many to read (a page reads one more
    than it shows, a stream reads in batches); the query's own limit, offset and
    cursor are not read here.
    """
    where, params = _where(query, after)
    sql = "SELECT record FROM events" + where + f" ORDER BY {SORT_KEY}"
    if limit is not None or offset:
        sql += " LIMIT {limit} OFFSET {offset}"
        params["limit"] = dialect.no_limit if limit is None else limit
        params["offset"] = offset
    return dialect.render(sql), params


def count_select(query: EventQuery, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """SELECT count(*) of the events the query's filters match (offset, limit and cursor ignored)."""
    where, params = _where(query, None)
    return dialect.render("SELECT count(*) FROM events" + where), params


def documents_select(page: PageRequest, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """One more document summary than the page shows, by doc_id, so the caller knows whether more follow."""
    params: dict[str, Any] = {"limit": page.limit + 1, "offset": page.offset}
    where = ""
    if page.cursor is not None:
        where = " WHERE d.doc_id > {after}"
        params["after"] = decode_document_cursor(page.cursor)
    sql = (
        "SELECT d.doc_id, d.title, d.date, d.url, d.outlet,"
        " (SELECT count(*) FROM events AS e WHERE e.doc_id = d.doc_id)"
        f" FROM documents AS d{where} ORDER BY d.doc_id LIMIT {{limit}} OFFSET {{offset}}"
    )
    return dialect.render(sql), params


# ---------------------------------------------------------------- rows

DOCUMENT_COLUMNS = (
    "doc_id", "title", "date", "url", "outlet", "path", "text_sha256", "text", "blocks", "markers",
    "input_sha256", "coded_with",
)  # fmt: skip
REFERENCE_FIELDS = ("key", "raw", "outlet", "author", "title", "published", "retrieved", "language", "url", "uses")
REFERENCE_COLUMNS = ("doc_id", "position", *REFERENCE_FIELDS)
SENTENCE_COLUMNS = ("doc_id", "idx", "start", "end", "text", "block_index", "section", "citation_keys")
EVENT_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "cameo", "root", "goldstein", "quad_class", "plover", "date", "date_end",
    "date_precision", "date_basis", "modality", "source_code", "source_country", "target_code", "target_country",
    "record",
)  # fmt: skip
# Reading back one event or document: templates, rendered by each store's dialect.
SELECT_EVENT = "SELECT record FROM events WHERE event_id = {id}"
SELECT_DOCUMENT = "SELECT doc_id, text, title, date, url, outlet, path, blocks, markers FROM documents WHERE doc_id = {id}"
SELECT_REFERENCES = f"SELECT {', '.join(REFERENCE_FIELDS)} FROM doc_references WHERE doc_id = {{id}} ORDER BY position"
SELECT_SENTENCES = (
    'SELECT doc_id, idx, start, "end", text, block_index, section, citation_keys'
    " FROM sentences WHERE doc_id = {id} ORDER BY idx"
)


def check_doc_ids(document: Document, sentences: Sequence[Sentence], events: Sequence[Event]) -> None:
    records: list[Sentence | Event] = [*sentences, *events]
    for record in records:
        if record.doc_id != document.doc_id:
            kind = type(record).__name__.lower()
            raise ValueError(f"a {kind} of document {record.doc_id!r} was passed with it")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def document_row(doc: Document, coded_with: str | None = None) -> tuple[Any, ...]:
    sha256 = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    blocks = _json([asdict(b) for b in doc.blocks])
    markers = _json([asdict(m) for m in doc.markers])
    return (
        doc.doc_id, doc.title, doc.date, doc.url, doc.outlet, doc.path, sha256, doc.text, blocks, markers,
        input_digest(doc), coded_with,
    )  # fmt: skip


# Ids per codings query: far below SQLite's 32,766 bound parameters (999 before SQLite 3.32).
CODINGS_BATCH = 500


def codings_select(doc_ids: Sequence[str], dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """SELECT doc_id, input_sha256, coded_with of the stored documents among `doc_ids` (at most CODINGS_BATCH)."""
    params = {f"d{i}": doc_id for i, doc_id in enumerate(doc_ids)}
    listed = ", ".join("{" + name + "}" for name in params)
    sql = f"SELECT doc_id, input_sha256, coded_with FROM documents WHERE doc_id IN ({listed})"
    return dialect.render(sql), params


def reference_rows(doc: Document) -> list[tuple[Any, ...]]:
    return [
        (doc.doc_id, position, r.key, r.raw, r.outlet, r.author, r.title,
         r.published, r.retrieved, r.language, r.url, r.uses)
        for position, r in enumerate(doc.references)
    ]  # fmt: skip


def sentence_row(s: Sentence) -> tuple[Any, ...]:
    keys = _json(list(s.citation_keys))
    return (s.doc_id, s.index, s.start, s.end, s.text, s.block_index, s.section, keys)


def event_row(e: Event) -> tuple[Any, ...]:
    record = _json(e.to_dict())
    source, target, date = e.source, e.target, e.date
    return (
        e.event_id, e.doc_id, e.sentence_index, e.cameo, e.root, e.goldstein, e.quad_class, e.plover,
        date.date, date.date_end, date.precision, date.basis, e.modality,
        source.code if source else None, source.country if source else None,
        target.code if target else None, target.country if target else None,
        record,
    )  # fmt: skip


def document_from_row(row: Sequence[Any], references: Sequence[Sequence[Any]]) -> Document:
    doc_id, text, title, date, url, outlet, path, blocks, markers = row
    return Document(
        doc_id=doc_id, text=text, title=title, date=date, url=url, outlet=outlet, path=path,
        # NULL: saved before migration 0002 kept the layout.
        blocks=tuple(Block(**b) for b in json.loads(blocks)) if blocks is not None else (),
        markers=tuple(Marker(**m) for m in json.loads(markers)) if markers is not None else (),
        references=tuple(Reference(**dict(zip(REFERENCE_FIELDS, r, strict=True))) for r in references),
    )  # fmt: skip


def sentence_from_row(row: Sequence[Any]) -> Sentence:
    doc_id, index, start, end, text, block_index, section, keys = row
    return Sentence(doc_id, index, start, end, text, block_index, section, tuple(json.loads(keys)))


def load_event(record: str, where: str) -> Event:
    """The event a stored `record` (the JSON of Event.to_dict) holds; a StoreError naming `where` if damaged."""
    try:
        return event_from_dict(json.loads(record))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoreError(f"{where}: a stored event is damaged ({exc})") from exc


# ---------------------------------------------------------------- the record (0004)

RECORD_COLUMNS = ("doc_id", "record")
LINK_COLUMNS = ("doc_id", "part", "item_id", "event_id")
# Deleted before a document's events when it is saved again (they reference them).
RECORD_TABLES = ("record_events", "record_items", "record_parties", "records")
SELECT_RECORD = "SELECT record FROM records WHERE doc_id = {id}"
SELECT_LINKS = (
    "SELECT doc_id, part, item_id, event_id FROM record_events WHERE event_id = {id} ORDER BY doc_id, part, item_id"
)


@dataclass(frozen=True, slots=True)
class RecordRows:
    """What a document's record becomes: the records row (None: no record) and the rows of
    record_items, record_events and record_parties."""

    record: tuple[Any, ...] | None
    items: list[tuple[Any, ...]]
    links: list[tuple[Any, ...]]
    parties: list[tuple[Any, ...]]


def record_rows(document: Document, record: Record | None, events: Sequence[Event]) -> RecordRows:
    """The rows of a document's record; a ValueError for a record of another document, or one
    that names an event not saved with it."""
    if record is None:
        return RecordRows(None, [], [], [])
    if record.doc_id not in ("", document.doc_id):
        raise ValueError(f"the record of document {record.doc_id!r} was passed with it")
    if record.doc_id != document.doc_id:
        record = replace(record, doc_id=document.doc_id)  # every part kept, whatever parts there are
    saved = {e.event_id for e in events}
    links = list(dict.fromkeys(record.links()))
    for link in links:
        if link.event_id not in saved:
            raise ValueError(f"its record names event {link.event_id!r}, which is not saved with it")
    row = (document.doc_id, _json(record.to_dict()))
    link_rows = [(k.doc_id, k.part, k.item_id, k.event_id) for k in links]
    return RecordRows(row, record_item_rows(record), link_rows, party_rows(record))


def load_record(text: str, where: str) -> Record:
    """The record a stored JSON text holds; a StoreError naming `where` if damaged."""
    try:
        return record_from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoreError(f"{where}: a stored record is damaged ({exc})") from exc


def record_link(row: Sequence[Any]) -> RecordLink:
    doc_id, part, item_id, event_id = row
    return RecordLink(doc_id, part, item_id, event_id)


def records_select(page: PageRequest, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """One more record than the page shows, by doc_id, so the caller knows whether more follow."""
    params: dict[str, Any] = {"limit": page.limit + 1, "offset": page.offset}
    where = ""
    if page.cursor is not None:
        where = " WHERE doc_id > {after}"
        params["after"] = decode_document_cursor(page.cursor)
    sql = f"SELECT doc_id, record FROM records{where} ORDER BY doc_id LIMIT {{limit}} OFFSET {{offset}}"
    return dialect.render(sql), params


# ---------------------------------------------------------------- the record, listed (0007)

# A document whose record involves the party: a code prefix or a country (any case, made
# upper case), or a name, whole or its first words (made lower case, as name_key is).
_INVOLVES = (
    "i.doc_id IN (SELECT p.doc_id FROM record_parties AS p WHERE substr(p.code, 1, length({party_code})) = {party_code}"
    " OR p.country = {party_code} OR p.name_key = {party_name}"
    " OR substr(p.name_key, 1, length({party_words})) = {party_words})"
)


def _involves(query: RecordQuery) -> tuple[str, dict[str, Any]]:
    if query.party is None:
        return "", {}
    code, name = party_keys(query.party)
    return " WHERE " + _INVOLVES, {"party_code": code, "party_name": name, "party_words": name + " "}


def record_summaries_select(query: RecordQuery, dialect: Dialect, parts: Sequence[str] = PARTS) -> tuple[str, dict[str, Any]]:
    """SELECT doc_id, title, date, outlet, items, then the items of each part, of the page of
    documents with a record the query asks for: counted from record_items, so no record is read."""
    where, params = _involves(query)
    counts = ""
    for n, part in enumerate(parts):
        counts += f", sum(CASE WHEN i.part = {{part_{n}}} THEN 1 ELSE 0 END)"
        params[f"part_{n}"] = part
    order = "items DESC, d.doc_id" if query.sort == "items" else "d.doc_id"
    sql = (
        f"SELECT d.doc_id, d.title, d.date, d.outlet, count(*) AS items{counts}"
        f" FROM record_items AS i JOIN documents AS d ON d.doc_id = i.doc_id{where}"
        f" GROUP BY d.doc_id ORDER BY {order} LIMIT {{limit}} OFFSET {{offset}}"
    )
    params["limit"] = dialect.no_limit if query.limit is None else query.limit
    params["offset"] = query.offset
    return dialect.render(sql), params


def record_count_select(query: RecordQuery, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """SELECT how many documents with a record the query matches (its offset and limit ignored)."""
    where, params = _involves(query)
    return dialect.render(f"SELECT count(DISTINCT i.doc_id) FROM record_items AS i{where}"), params
