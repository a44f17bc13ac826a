"""Writing events out: an aligned table for people, JSONL, CSV and TSV for programs.

CSV and TSV take a column profile (`profiles.load_profile`: phoenix, gdelt,
flat) instead of their own columns. TSV is one event per line: a tab, newline
or carriage return inside a value is written as a space, and nothing is
quoted, as Phoenix and GDELT files are.

A CSV or TSV file is opened in spreadsheets, which run a cell starting with
=, +, -, @, a tab or a carriage return as a formula (`=cmd|' /C calc'!A0`,
from a report's sentence or an actor's name). So a text cell that starts so
gets a single quote before it (`spreadsheet_cell`, OWASP's advice on CSV
injection); numbers, and text that is only a number ("-5.0"), stay as they
are. `formulas=True` (`--keep-formulas`) writes every cell as it is. Parquet (parquet.py) writes to a path,
not to a text stream, and so has a writer of its own.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from .records import Actor, Document, Event

if TYPE_CHECKING:
    from .profiles import Profile

FORMATS = ("table", "jsonl", "csv", "tsv", "parquet")
TEXT_FORMATS = ("table", "jsonl", "csv", "tsv")  # written by EventWriter to a text stream
PROFILE_FORMATS = ("csv", "tsv", "parquet")  # the formats --columns applies to
_TSV_BREAKS = re.compile(r"[\t\r\n]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula (OWASP)
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
CSV_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "date", "date_precision", "date_basis", "source_code", "source_text",
    "cameo", "cameo_name", "goldstein", "quad_class", "plover", "target_code", "target_text", "modality",
    "attribution", "citations", "trigger", "quote", "sentence",
)  # fmt: skip
# how far a date can be trusted, at a glance: a day, a month (~) or a year (~~)
PRECISION_MARKS = {"day": "", "month": "~", "year": "~~", "decade": "~~~", "range": "~"}  # range: from this date on


def show_date(event: Event) -> str:
    d = event.date
    if not d.date:
        return "?"
    return d.date + PRECISION_MARKS.get(d.precision or "", "")


def show_actor(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    label = actor.name or actor.text
    return f"{label} ({actor.code})" if actor.code else f"{label} (?)"


def spreadsheet_cell(value: Any) -> Any:
    """A cell no spreadsheet runs as a formula: text starting with one of FORMULA_STARTS gets a
    single quote before it, unless it is a number; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write events in a format; returns how many were written."""
    writer = EventWriter(fmt, out)
    writer.write(events)
    writer.finish()
    return writer.count


class EventWriter:
    """Writes events in batches (say, one document's at a time) as one output:
    one CSV header, one aligned table at the end, JSON lines as they come.

    With a `profile` (CSV and TSV), its columns; a profile that reads the
    document's fields (url, outlet, ...) takes the document given to `write`,
    or asks `documents` for each event's. CSV and TSV text that a spreadsheet would run
    as a formula starts with a single quote unless `formulas` (see the module docstring)."""

    def __init__(
        self,
        fmt: str,
        out: TextIO,
        profile: Profile | None = None,
        documents: Callable[[str], Document | None] | None = None,
        *,
        formulas: bool = False,
    ) -> None:
        if fmt not in TEXT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        if profile is not None and fmt not in PROFILE_FORMATS:
            raise ValueError(f"a column profile is for {', '.join(PROFILE_FORMATS)}, not {fmt}")
        self.fmt = fmt
        self.out = out
        self.count = 0
        self.profile = profile
        self.documents = documents
        self.formulas = formulas  # write CSV/TSV cells that start like a formula as they are
        self._header = profile.names if profile is not None else CSV_COLUMNS
        self._csv: Any = None
        if fmt == "csv":
            self._csv = csv.writer(out)
        elif fmt == "tsv":
            self._csv = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n")
        self._rows: list[Event] = []  # the table aligns its columns over all rows

    def write(self, events: Iterable[Event], document: Document | None = None) -> None:
        for e in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                if self.count == 1:
                    self._csv.writerow(self._header)
                row = self._row(e, document)
                if self.fmt == "tsv":
                    row = [_tsv_cell(v) for v in row]
                self._csv.writerow(row if self.formulas else [spreadsheet_cell(v) for v in row])
            else:
                self._rows.append(e)

    def _row(self, event: Event, document: Document | None) -> list[Any]:
        if self.profile is None:
            return _csv_row(event)
        if document is None and self.documents is not None and self.profile.needs_documents:
            document = self.documents(event.doc_id)
        return ["" if v is None else v for v in self.profile.row(event, document)]

    def finish(self) -> None:
        if self._csv is not None and self.count == 0:
            self._csv.writerow(self._header)  # an empty result is still a CSV file with its header
        if self.fmt == "table":
            _write_table(self._rows, self.out)
        self.out.flush()


def _tsv_cell(value: object) -> str:
    return _TSV_BREAKS.sub(" ", "" if value is None else str(value))


def _csv_row(e: Event) -> list[object]:
    return [
        e.event_id, e.doc_id, e.sentence_index, e.date.date or "", e.date.precision or "", e.date.basis or "",
        e.source.code if e.source else "", e.source.text if e.source else "",
        e.cameo, e.cameo_name, e.goldstein, e.quad_class, e.plover or "",
        e.target.code if e.target else "", e.target.text if e.target else "", e.modality,
        e.attribution.text if e.attribution else "", " ".join(c.key for c in e.citations),
        e.trigger, e.quote or "", e.sentence,
    ]  # fmt: skip


def _write_table(events: Iterable[Event], out: TextIO) -> int:
    rows = [
        (
            show_date(e),
            show_actor(e.source),
            f"{e.cameo} {e.cameo_name[:38]}",
            show_actor(e.target),
            e.modality + ("*" if e.attribution else ""),
            ",".join(c.key for c in e.citations) or "-",
        )
        for e in events
    ]
    if not rows:
        return 0
    header = ("DATE", "SOURCE", "ACTION", "TARGET", "MODALITY", "CITES")
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out.write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() + "\n")
    out.write(
        f"\n{len(rows)} event{'' if len(rows) == 1 else 's'}. Dates: 2025-03-30 a day, 2025-03-30~ a window starting then, 2025-03~ a month, "
        "2025~~ a year, 201~~~ a decade, ? unknown. * = on someone else's word.\n"
    )
    return len(rows)
