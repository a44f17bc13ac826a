"""What the SQL stores share for happenings (migration 0005): rows, the listing query, the stamp.

    happening_row, report_rows   a Happening as the rows of happenings and happening_reports
    happenings_select            the SELECT for a HappeningQuery, in listing order
    load_happening               a stored record back as a Happening

Apart from sql.py, which holds the events' and documents' statements, so that
the two grow without touching each other; written once for both dialects, as
there, with `{name}` placeholders each renders in its own parameter style.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import StoreError
from ..happenings.records import (
    GroupingStamp,
    Happening,
    HappeningQuery,
    happening_from_dict,
)
from .sql import Dialect, actor_and_dates

__all__ = [
    "DELETE_HAPPENINGS",
    "HAPPENING_COLUMNS",
    "REPORT_COLUMNS",
    "SELECT_DIGESTS",
    "SELECT_EVENTS_VERSION",
    "SELECT_HAPPENING_OF",
    "SELECT_STAMP",
    "STAMP_COLUMNS",
    "happening_row",
    "happenings_select",
    "load_happening",
    "report_rows",
    "stamp_from_row",
    "stamp_row",
]

HAPPENING_COLUMNS = (
    "happening_id", "date", "date_end", "date_precision", "family", "cameo", "source_code", "target_code",
    "reports", "outlets", "record",
)  # fmt: skip
REPORT_COLUMNS = ("happening_id", "event_id", "doc_id", "position")
STAMP_COLUMNS = ("id", "events_version", "rules", "grouped_at", "happenings")

SELECT_EVENTS_VERSION = "SELECT version FROM event_changes WHERE id = 1"
# what grouping needs of every document: its outlet, and the hash of its text (a copy is one report)
SELECT_DIGESTS = "SELECT doc_id, text_sha256, outlet FROM documents ORDER BY doc_id"
SELECT_STAMP = "SELECT events_version, rules, grouped_at, happenings FROM happening_stamp WHERE id = 1"
SELECT_HAPPENING_OF = (
    "SELECT h.record FROM happening_reports AS r JOIN happenings AS h ON h.happening_id = r.happening_id"
    " WHERE r.event_id = {id}"
)
# happening_reports goes with its happenings (ON DELETE CASCADE), but say it: both stores delete both
DELETE_HAPPENINGS = (
    "DELETE FROM happening_reports",
    "DELETE FROM happenings",
    "DELETE FROM happening_stamp",
)

_ORDER = "undated, sort_date, happening_id"
_ACTOR = "(substr(source_code, 1, length({actor})) = {actor} OR substr(target_code, 1, length({actor})) = {actor})"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def happening_row(h: Happening) -> tuple[Any, ...]:
    return (
        h.happening_id, h.date, h.date_end, h.date_precision, h.family, h.cameo, h.source_code, h.target_code,
        h.reports, len(h.outlets), _json(h.to_dict()),
    )  # fmt: skip


def report_rows(h: Happening) -> list[tuple[Any, ...]]:
    return [
        (h.happening_id, m.event_id, m.doc_id, position)
        for position, m in enumerate(h.members)
    ]


def stamp_row(stamp: GroupingStamp) -> tuple[Any, ...]:
    return (1, stamp.events_version, stamp.rules, stamp.grouped_at, stamp.happenings)


def stamp_from_row(row: Any) -> GroupingStamp | None:
    if row is None:
        return None
    version, rules, grouped_at, count = row
    return GroupingStamp(int(version), rules, grouped_at, int(count))


def happenings_select(
    query: HappeningQuery, dialect: Dialect
) -> tuple[str, dict[str, Any]]:
    """SELECT record of the happenings the query keeps, undated last, by date and id, at most its limit."""
    clauses, params = actor_and_dates(_ACTOR, query.actor, query.since, query.until)
    clauses.insert(0, "reports >= {min_reports}")
    params["min_reports"] = query.min_reports
    sql = (
        "SELECT record FROM happenings WHERE "
        + " AND ".join(clauses)
        + f" ORDER BY {_ORDER}"
    )
    if query.limit is not None:
        sql += " LIMIT {limit}"
        params["limit"] = query.limit
    return dialect.render(sql), params


def load_happening(record: str, where: str) -> Happening:
    """The happening a stored record holds; a StoreError naming `where` if it is damaged."""
    try:
        return happening_from_dict(json.loads(record))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoreError(f"{where}: a stored happening is damaged ({exc})") from exc
