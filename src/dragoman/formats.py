"""Writing events out: an aligned table for people, JSONL and CSV for programs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from .records import Actor, Event

FORMATS = ("table", "jsonl", "csv")
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


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write events in a format; returns how many were written."""
    writer = EventWriter(fmt, out)
    writer.write(events)
    writer.finish()
    return writer.count


class EventWriter:
    """Writes events in batches (say, one document's at a time) as one output:
    one CSV header, one aligned table at the end, JSON lines as they come."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.fmt = fmt
        self.out = out
        self.count = 0
        self._csv = csv.writer(out) if fmt == "csv" else None
        self._rows: list[Event] = []  # the table aligns its columns over all rows

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                if self.count == 1:
                    self._csv.writerow(CSV_COLUMNS)
                self._csv.writerow(_csv_row(e))
            else:
                self._rows.append(e)

    def finish(self) -> None:
        if self._csv is not None and self.count == 0:
            self._csv.writerow(CSV_COLUMNS)  # an empty result is still a CSV file with its header
        if self.fmt == "table":
            _write_table(self._rows, self.out)
        self.out.flush()


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
