"""The documents of a store that have a record, listed: what `dragoman record --db` prints
and `/api/records` returns.

    RecordListing                     one page of them, the query, the total, a message
    write_listing(listing, fmt, out)  as an aligned table, JSON lines, CSV or TSV

A document's line says how many items each part of its record holds (every part of
PARTS, in order; a channel counts its steps, as the stores' record_items does) and all
of them together. Nothing here reads a store (`service.list_records` does).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from ..formats import spreadsheet_cell
from ..store.base import RecordQuery, RecordSummary
from .records import PARTS

__all__ = ["LIST_FORMATS", "RecordListing", "write_listing"]

LIST_FORMATS = ("table", "jsonl", "csv", "tsv")
_TITLE_WIDTH = 60
_TSV_BREAKS = re.compile(r"[\t\r\n]")


@dataclass(frozen=True, slots=True)
class RecordListing:
    """One page of the documents with a record that `query` asks for.

    total     how many documents the query matches (its offset and limit aside)
    message   why nothing is listed, when the store has no record at all; else None
    """

    query: RecordQuery
    total: int
    documents: tuple[RecordSummary, ...]
    message: str | None = None
    parts: tuple[str, ...] = PARTS

    def to_dict(self) -> dict[str, Any]:
        """The JSON of /api/records (and of `dragoman record --db ... --format jsonl`, line by line)."""
        q = self.query
        return {
            "available": self.message is None, "message": self.message, "party": q.party, "sort": q.sort,
            "total": self.total, "limit": q.limit, "offset": q.offset, "parts": list(self.parts),
            "documents": [d.to_dict() for d in self.documents],
        }  # fmt: skip


def write_listing(listing: RecordListing, fmt: str, out: TextIO) -> None:
    """Write the listing's documents: `table` (aligned, for people), `jsonl` (one object a
    document), `csv` or `tsv` (a header, then one row a document)."""
    if fmt == "jsonl":
        out.writelines(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in listing.documents)
    elif fmt in ("csv", "tsv"):
        _delimited(listing, out, fmt)
    elif fmt == "table":
        _table(listing, out)
    else:
        raise ValueError(f"no listing format {fmt!r}; use one of {', '.join(LIST_FORMATS)}")


def _columns(parts: Sequence[str]) -> list[str]:
    return ["doc_id", "title", "date", "outlet", "items", *parts]


def _values(d: RecordSummary) -> list[Any]:
    return [d.doc_id, d.title or "", d.date or "", d.outlet or "", d.items, *(n for _, n in d.parts)]


def _delimited(listing: RecordListing, out: TextIO, fmt: str) -> None:
    if fmt == "tsv":  # one document a line, nothing quoted, as the events' TSV
        out.write("\t".join(_columns(listing.parts)) + "\n")
        for d in listing.documents:
            out.write("\t".join(_TSV_BREAKS.sub(" ", str(spreadsheet_cell(v))) for v in _values(d)) + "\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_columns(listing.parts))
    writer.writerows([spreadsheet_cell(v) for v in _values(d)] for d in listing.documents)  # no cell a spreadsheet runs


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(listing: RecordListing, out: TextIO) -> None:
    """items, each part's items (headed by the part's name), the document id and its title."""
    if not listing.documents:
        return
    heads = ["items", *listing.parts]
    rows = [[str(d.items), *(str(n) for _, n in d.parts)] for d in listing.documents]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    ids = [d.doc_id for d in listing.documents]
    id_width = max(len("document"), *(len(i) for i in ids))
    out.write("  ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True)) + f"  {'document'.ljust(id_width)}  title\n")
    for d, row in zip(listing.documents, rows, strict=True):
        counts = "  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True))
        out.write(f"{counts}  {d.doc_id.ljust(id_width)}  {_cut(d.title or '', _TITLE_WIDTH)}".rstrip() + "\n")
