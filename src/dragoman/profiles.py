"""Column profiles: events laid out in the columns another tool reads (`--columns NAME`).

    profile = load_profile("gdelt")           # from data/columns.yaml
    profile.names                             # ("GLOBALEVENTID", "SQLDATE", ...)
    profile.row(event, document)              # one value per column, None where empty

A profile maps each of its columns to a field of dragoman's flat record of an
event (`flat_row`: the columns of `frames.events_frame` and the document's url,
outlet, title and document_date, as the events_flat view has them), through a
small named transform (TRANSFORMS) or a table of the data file, or to a fixed
value, or leaves it empty where dragoman has nothing to put in it. The layouts
are data (data/columns.yaml, which says where they come from and how dates of a
month or a year fill day columns); this module only knows the transforms.

Besides the file's profiles there is `flat`: every column of events_frame,
then the document's (FLAT_COLUMNS), typed as the DataFrame types them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KnowledgeError, UsageError
from .frames import COLUMNS, STRING_COLUMNS, flat_record
from .policy import data_file
from .records import Document, Event
from .yamlfile import LINE_KEY, read_yaml

if TYPE_CHECKING:
    from .store import EventStore

DOCUMENT_FIELDS = ("url", "outlet", "title", "document_date")
FLAT_COLUMNS = (*COLUMNS, *DOCUMENT_FIELDS)
TYPES = ("string", "int", "float", "bool")
FRAME_TYPES: Mapping[str, str] = {
    **{name: "string" for name in (*STRING_COLUMNS, *DOCUMENT_FIELDS)},
    "sentence_index": "int",
    "quad_class": "int",
    "goldstein": "float",
    "reciprocal": "bool",
}
FLAT = "flat"


def flat_row(event: Event, document: Document | None = None) -> dict[str, Any]:
    """The event's flat record (frames.flat_record) and its document's url, outlet, title and date."""
    row = flat_record(event)
    row["url"] = document.url if document else None
    row["outlet"] = document.outlet if document else None
    row["title"] = document.title if document else None
    row["document_date"] = document.date if document else None
    return row


def store_documents(
    store: EventStore, size: int = 4096
) -> Callable[[str], Document | None]:
    """Each event's document, read from the store (the last `size` kept), for profiles that need it."""

    @lru_cache(maxsize=size)
    def lookup(doc_id: str) -> Document | None:
        stored = store.document(doc_id)
        return stored.document if stored is not None else None

    return lookup


# ---------------------------------------------------------------- transforms

# A transform takes the field's value and the whole flat row (for a date, its precision).
Transform = Callable[[Any, Mapping[str, Any]], Any]
_PARTS_BY_PRECISION = {"day": 3, "month": 2, "year": 1}


def _date_parts(value: Any, row: Mapping[str, Any], field: str) -> tuple[int, ...]:
    """(year, month, day) as far as the date is known: the event's by its precision, a document's by its shape."""
    if not isinstance(value, str) or not value:
        return ()
    if field == "date":
        known = _PARTS_BY_PRECISION.get(row.get("date_precision") or "", 0)
    else:  # an ISO date at its own precision: "2025", "2025-03", "2025-03-08"
        known = value.count("-") + 1 if len(value.split("-")[0]) == 4 else 0
    parts = value.split("-")[:known]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        return ()


def _date_transform(field: str, pick: Callable[[tuple[int, ...]], Any]) -> Transform:
    def transform(value: Any, row: Mapping[str, Any]) -> Any:
        return pick(_date_parts(value, row, field))

    return transform


def _yyyymmdd(parts: tuple[int, ...]) -> str | None:
    return f"{parts[0]:04d}{parts[1]:02d}{parts[2]:02d}" if len(parts) == 3 else None


def _yyyymm(parts: tuple[int, ...]) -> str | None:
    return f"{parts[0]:04d}{parts[1]:02d}" if len(parts) >= 2 else None


def _fraction(parts: tuple[int, ...]) -> float | None:
    """GDELT's YYYY.FFFF: the year plus (MONTH * 30 + DAY) / 365, four decimals (its codebook's rule)."""
    if len(parts) != 3:
        return None
    return round(parts[0] + (parts[1] * 30 + parts[2]) / 365, 4)


def _code_part(index: int, rest: bool = False) -> Transform:
    """Phoenix's split of an actor code into three-letter parts: entity, role, then attributes."""

    def transform(value: Any, row: Mapping[str, Any]) -> Any:
        if not isinstance(value, str) or not value:
            return None
        part = value[3 * index :] if rest else value[3 * index : 3 * index + 3]
        return part or None

    return transform


def _sentence_id(value: Any, row: Mapping[str, Any]) -> str:
    return f"{row['doc_id']}_{value}"


def _first_sentence(value: Any, row: Mapping[str, Any]) -> int:
    return 1 if value == 0 else 0


def _base_code(value: Any, row: Mapping[str, Any]) -> str | None:
    return value[:3] if isinstance(value, str) and value else None


def _date_transforms(field: str) -> dict[str, Transform]:
    return {
        "yyyymmdd": _date_transform(field, _yyyymmdd),
        "yyyymm": _date_transform(field, _yyyymm),
        "year": _date_transform(field, lambda p: p[0] if p else None),
        "month": _date_transform(field, lambda p: p[1] if len(p) >= 2 else None),
        "day": _date_transform(field, lambda p: p[2] if len(p) == 3 else None),
        "fraction_date": _date_transform(field, _fraction),
    }


DATE_TRANSFORMS = ("yyyymmdd", "yyyymm", "year", "month", "day", "fraction_date")
TRANSFORMS: Mapping[str, Transform] = {
    "code_entity": _code_part(0),
    "code_role": _code_part(1),
    "code_attributes": _code_part(2, rest=True),
    "sentence_id": _sentence_id,
    "first_sentence": _first_sentence,
    "base_code": _base_code,
}


def _transform(name: str, field: str) -> Transform | None:
    if name in DATE_TRANSFORMS:
        return _date_transforms(field)[name]
    return TRANSFORMS.get(name)


# ---------------------------------------------------------------- profiles


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # one of TYPES: the column's type in Parquet
    field: str | None = None  # the flat row's field it is filled from
    transform: Transform | None = None
    table: Mapping[str, Any] | None = None
    value: Any = None  # a fixed value (field is None)
    empty: str | None = None  # why dragoman cannot fill it

    def __call__(self, row: Mapping[str, Any]) -> Any:
        if self.field is None:
            return self.value
        value = row[self.field]
        if self.transform is not None:
            value = self.transform(value, row)
        elif self.table is not None:
            value = self.table.get(value) if value is not None else None
        if isinstance(value, float) and math.isnan(value):
            return None
        return value


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    about: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def needs_documents(self) -> bool:
        """Whether a row reads its document's fields (a store must then be asked for them)."""
        return any(c.field in DOCUMENT_FIELDS for c in self.columns)

    def row(self, event: Event, document: Document | None = None) -> list[Any]:
        flat = flat_row(event, document)
        return [column(flat) for column in self.columns]


def flat_profile() -> Profile:
    """Every column of events_frame, then the document's, typed as the DataFrame types them."""
    columns = tuple(
        Column(name, FRAME_TYPES[name], field=name) for name in FLAT_COLUMNS
    )
    return Profile(
        FLAT,
        "dragoman's flat record: events_frame's columns and the document's",
        columns,
    )


def profile_names() -> tuple[str, ...]:
    """The profiles `--columns` takes: the data file's, and `flat`."""
    return (FLAT, *load_profiles())


def load_profile(name: str) -> Profile:
    if name == FLAT:
        return flat_profile()
    profiles = load_profiles()
    try:
        return profiles[name]
    except KeyError:
        known = ", ".join((FLAT, *profiles))
        raise UsageError(
            f"no column profile named {name!r}; known profiles: {known}"
        ) from None


@cache
def _builtin_profiles() -> Mapping[str, Profile]:
    return read_profiles(data_file("columns.yaml"))


def load_profiles(path: str | Path | None = None) -> Mapping[str, Profile]:
    """The profiles of a columns file (data/columns.yaml by default), validated."""
    return _builtin_profiles() if path is None else read_profiles(path)


def read_profiles(path: str | Path) -> dict[str, Profile]:
    where = str(path)
    data = read_yaml(path, lines=True)
    _keys(data, where, {"tables", "profiles"}, {"tables", "profiles"})
    tables = data["tables"]
    if not isinstance(tables, dict) or not all(
        isinstance(t, dict) for k, t in tables.items() if k != LINE_KEY
    ):
        raise KnowledgeError(f"{where}: tables: expected a mapping of named tables")
    profiles = data["profiles"]
    if not isinstance(profiles, dict) or not profiles:
        raise KnowledgeError(f"{where}: profiles: expected a mapping of named profiles")
    found: dict[str, Profile] = {}
    for name, spec in profiles.items():
        if name == LINE_KEY:
            continue
        if name == FLAT:
            raise KnowledgeError(
                f"{where}: profiles: {FLAT!r} is built in (events_frame's columns); name it otherwise"
            )
        found[name] = _profile(str(name), spec, tables, f"{where}: profiles: {name}")
    return found


def _profile(name: str, spec: Any, tables: Mapping[str, Any], where: str) -> Profile:
    _keys(spec, where, {"about", "columns"}, {"about", "columns"})
    columns = spec["columns"]
    if not isinstance(columns, list) or not columns:
        raise KnowledgeError(f"{where}: columns: expected a list of columns")
    built = tuple(_column(c, tables, where, i) for i, c in enumerate(columns))
    names = [c.name for c in built]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise KnowledgeError(f"{where}: columns: {duplicates} named twice")
    return Profile(name, str(spec["about"]), built)


def _column(spec: Any, tables: Mapping[str, Any], where: str, index: int) -> Column:
    """One column of a profile; `where` names the profile, errors name the column and its line."""
    name = spec.get("name") if isinstance(spec, dict) else None
    where = f"{where}: columns: {name if isinstance(name, str) else f'#{index + 1}'}"
    if isinstance(spec, dict) and spec.get(LINE_KEY):
        where = f"{where} (line {spec[LINE_KEY]})"
    allowed = {"name", "type", "field", "transform", "table", "value", "empty"}
    _keys(spec, where, allowed, {"name"})
    kind = spec.get("type", "string")
    if kind not in TYPES:
        raise KnowledgeError(
            f"{where}: type {kind!r}: expected one of {', '.join(TYPES)}"
        )
    sources = [k for k in ("field", "value", "empty") if k in spec]
    if len(sources) != 1:
        raise KnowledgeError(
            f"{where}: give exactly one of field, value, empty (found {sources or 'none'})"
        )
    if "field" not in spec:
        if "transform" in spec or "table" in spec:
            raise KnowledgeError(f"{where}: a transform or table needs a field")
        return Column(
            str(spec["name"]), kind, value=spec.get("value"), empty=spec.get("empty")
        )
    field = spec["field"]
    if field not in FLAT_COLUMNS:
        raise KnowledgeError(
            f"{where}: field {field!r} is not a field of the flat record ({', '.join(FLAT_COLUMNS)})"
        )
    if "transform" in spec and "table" in spec:
        raise KnowledgeError(f"{where}: give a transform or a table, not both")
    transform = None
    if "transform" in spec:
        transform = _transform(str(spec["transform"]), field)
        if transform is None:
            known = ", ".join((*DATE_TRANSFORMS, *TRANSFORMS))
            raise KnowledgeError(
                f"{where}: no transform named {spec['transform']!r}; known: {known}"
            )
    table = None
    if "table" in spec:
        table = tables.get(spec["table"])
        if not isinstance(table, dict):
            raise KnowledgeError(
                f"{where}: no table named {spec['table']!r} under tables"
            )
        table = {k: v for k, v in table.items() if k != LINE_KEY}
    return Column(
        str(spec["name"]), kind, field=field, transform=transform, table=table
    )


def _keys(spec: Any, where: str, allowed: set[str], required: set[str]) -> None:
    if not isinstance(spec, dict):
        raise KnowledgeError(f"{where}: expected a mapping")
    keys = {k for k in spec if k != LINE_KEY}
    if unknown := sorted(str(k) for k in keys - allowed):
        raise KnowledgeError(
            f"{where}: unknown key(s) {unknown}; expected {sorted(allowed)}"
        )
    if missing := sorted(required - keys):
        raise KnowledgeError(f"{where}: {', '.join(missing)}: missing (a required key)")
