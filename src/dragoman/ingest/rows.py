"""A corpus record (a JSONL object, a CSV row, a Parquet row) -> a Document, through a field mapping.

    Fields(text="body", id="url", date="published")   which field holds what
    row_document(record, fields, ...)                 the Document, or None (a warning says why)

The same rules for every corpus format, so a JSONL, CSV or Parquet corpus of
the same records gives the same documents:

* **text**: a non-empty string, or the row is skipped with a warning naming
  file:line (a row of a CSV file: the line it starts on; of Parquet: its row
  number). Longer than the size limit: an error, as for a whole file.
* **id**: a string or a whole number (at most MAX_ID_CHARS characters); none,
  an empty one, or an over-long one (with a warning) gives an id made from the
  file and the line or row. A row without the field a `--id-field` names is
  skipped with a warning: its id cannot be the one asked for.
* **date**: any common shape (`ingest.dates.document_date`), a Parquet date or
  timestamp, or a number written as YYYYMMDD; anything else is a warning and no
  date, never an error.
* **title, url, outlet**: strings; anything else is a warning and no value.

An empty CSV cell is no value. Which fields the user named is kept
(`Fields.named`), so a reader can refuse a mapping that names a column the
file does not have.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields as dataclass_fields
from typing import Any

from dragoman.errors import InputError
from dragoman.ingest.dates import document_date
from dragoman.ingest.tables import IngestTables
from dragoman.ingest.text import parse_text
from dragoman.ingest.untrusted import MAX_ID_CHARS, LongNumber
from dragoman.records import Document

__all__ = ["DEFAULT_FIELDS", "ROLES", "Fields", "row_document", "too_long"]

ROLES = ("text", "id", "title", "date", "url", "outlet")
_METADATA = ("title", "url", "outlet")


@dataclass(frozen=True, slots=True)
class Fields:
    """The field (JSON key, CSV column, Parquet column) that holds each part of a document."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    outlet: str = "outlet"
    named: frozenset[str] = field(default=frozenset())  # the roles the user named (the others are defaults)

    @classmethod
    def mapping(cls, **names: str | None) -> Fields:
        """Fields from options: `Fields.mapping(text="body", id=None)`; None keeps the default."""
        unknown = set(names) - set(ROLES)
        if unknown:
            raise ValueError(f"no such field role: {', '.join(sorted(unknown))}")
        given = {role: name for role, name in names.items() if name is not None}
        return cls(**given, named=frozenset(given))

    def columns(self) -> dict[str, str]:
        """role -> field name, for every role."""
        return {f.name: getattr(self, f.name) for f in dataclass_fields(self) if f.name != "named"}


DEFAULT_FIELDS = Fields()


def too_long(size: str, limit: int) -> str:
    """The message for a document over the size limit (`size` says how big it is)."""
    return f"document is {size}, over the limit of {limit:,} characters; split it into smaller files (or raise the limit with --max-chars)"


def row_document(
    record: Mapping[str, Any],
    fields: Fields,
    *,
    where: str,
    number: int,
    made_id: str,
    max_doc_chars: int,
    on_warning: Callable[[str], None],
    tables: IngestTables | None,
    place: str = "line",
) -> Document | None:
    """The document one record holds, or None (and a warning) when it holds none."""
    at = f"{where}:{number}"
    text = record.get(fields.text)
    if type(text) is not str or not text.strip():
        on_warning(f'{at}: no non-empty "{fields.text}" string; {place} skipped')
        return None
    if len(text) > max_doc_chars:
        raise InputError(too_long(f"{len(text):,} characters", max_doc_chars), where, number)
    if "id" in fields.named and _empty(record.get(fields.id)):
        on_warning(f'{at}: no "{fields.id}" (the id field); {place} skipped')
        return None
    values: dict[str, str | None] = {}
    for role in _METADATA:
        name = getattr(fields, role)
        value = _value(record.get(name))
        if value is not None and type(value) is not str:
            on_warning(f'{at}: "{name}" is not a string; ignored')
            value = None
        values[role] = value
    values["date"] = _date(record.get(fields.date), fields.date, at, on_warning)
    doc_id = _doc_id(record.get(fields.id), fields.id, made_id, at, on_warning)
    return parse_text(text, doc_id, path=where, tables=tables, **values)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _value(value: Any) -> Any:
    return None if value == "" else value


def _date(value: Any, name: str, at: str, on_warning: Callable[[str], None]) -> str | None:
    if _empty(value):
        return None
    if isinstance(value, _dt.datetime):  # Parquet's timestamps (before date: a datetime is a date)
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if type(value) is int and 10_000_000 <= value <= 99_991_231:  # YYYYMMDD as a number
        value = str(value)
    if type(value) is not str:
        on_warning(f'{at}: "{name}" is not a string; ignored')
        return None
    found = document_date(value)
    if found is None:
        on_warning(f'{at}: "{name}" {value[:40]!r} is not a date I can read; ignored')
    return found


def _doc_id(value: Any, name: str, made: str, at: str, on_warning: Callable[[str], None]) -> str:
    """The record's id (a string or a whole number), or one made from the file and line."""
    if value is None or isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        return made
    doc_id = str(value) if isinstance(value, (int, LongNumber)) else value
    if len(doc_id) > MAX_ID_CHARS:
        on_warning(f'{at}: "{name}" is {len(doc_id):,} characters long, over {MAX_ID_CHARS}; coded as {made!r}')
        return made
    return doc_id
