"""`dragoman happenings`: the command, added to the command line by `add_commands(sub, command)`.

cli.build_parser calls it with the subparsers object and cli's helper that makes
a subcommand from a handler, as it does for the web commands.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from ..argtypes import whole_number
from ..formats import spreadsheet_cell
from .records import Happening, HappeningQuery

__all__ = ["add_commands", "cmd_happenings", "write_happenings"]

FORMATS = ("table", "jsonl", "csv")
_SHOWN_DOCUMENTS = 4  # documents named in a table row; the rest are counted
CSV_COLUMNS = (
    "happening_id", "date", "date_precision", "family", "cameo", "cameo_name", "source_code", "source_name",
    "target_code", "target_name", "reports", "outlets", "documents", "event_ids",
)  # fmt: skip


def cmd_happenings(args: argparse.Namespace) -> int:
    """List happenings: the acts of different reports that tell of one thing that happened.

    example: dragoman happenings --db dragoman.db
             dragoman happenings --db dragoman.db --actor IRN --since 2025-03 --min-reports 3 --reports

    Groups the store's acts first when its events (or the rules, data/happenings.yaml)
    changed since the last grouping, and stores the grouping if the store can be
    written (--no-store: never write); a read-only store is grouped in memory.
    """
    from .service import list_happenings

    query = HappeningQuery(
        actor=args.actor,
        since=args.since,
        until=args.until,
        min_reports=args.min_reports,
        limit=args.limit,
    )

    def note(message: str) -> None:
        if not args.quiet:
            print(f"dragoman: {message}", file=sys.stderr)

    listing = list_happenings(args.db, query, save=not args.no_store, on_note=note)
    if listing.regrouped:
        where = "stored" if listing.stored else "in memory, not stored"
        note(
            f"grouped {listing.acts:,} acts into {listing.found:,} happenings of 2+ reports in {listing.seconds:.2f} s ({where})"
        )
    write_happenings(listing.happenings, args.format, sys.stdout, reports=args.reports, formulas=args.keep_formulas)
    if not listing.happenings:
        note("0 happenings match")
    return 0


def write_happenings(
    happenings: Sequence[Happening], fmt: str, out: TextIO, *, reports: bool = False, formulas: bool = False
) -> None:
    """Write happenings as an aligned table (with each report's sentence under it if `reports`),
    JSON lines (Happening.to_dict, which holds the reports) or CSV (one row each; text that
    a spreadsheet would run as a formula starts with a single quote unless `formulas`:
    formats.spreadsheet_cell)."""
    if fmt == "jsonl":
        out.writelines(
            json.dumps(h.to_dict(), ensure_ascii=False) + "\n" for h in happenings
        )
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for h in happenings:
            row = _csv_row(h)
            writer.writerow(row if formulas else [spreadsheet_cell(v) for v in row])
    else:
        _table(happenings, out, reports=reports)


def _csv_row(h: Happening) -> list[Any]:
    return [
        h.happening_id, h.date or "", h.date_precision or "", h.family, h.cameo, h.cameo_name, h.source_code or "",
        h.source_name or "", h.target_code or "", h.target_name or "", h.reports, len(h.outlets),
        ";".join(h.documents), ";".join(m.event_id for m in h.members),
    ]  # fmt: skip


def _actor(name: str | None, code: str | None) -> str:
    if not code:
        return "-"
    return f"{name} ({code})" if name else code


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(happenings: Sequence[Happening], out: TextIO, *, reports: bool) -> None:
    header = ("DATE", "SOURCE", "ACTION", "TARGET", "REPORTS", "OUTLETS", "DOCUMENTS")
    rows: list[tuple[str, ...]] = []
    for h in happenings:
        documents = list(h.documents)
        shown = ", ".join(documents[:_SHOWN_DOCUMENTS]) + (
            f" +{len(documents) - _SHOWN_DOCUMENTS}"
            if len(documents) > _SHOWN_DOCUMENTS
            else ""
        )
        date = (h.date or "-") + (
            "" if h.date is None or h.date_precision == "day" else "~"
        )
        rows.append((
            date, _cut(_actor(h.source_name, h.source_code), 32), _cut(f"{h.cameo} {h.cameo_name}", 40),
            _cut(_actor(h.target_name, h.target_code), 32), str(h.reports), str(len(h.outlets)), shown,
        ))  # fmt: skip
    if not rows:
        return
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths[:-1]) + "  {}"
    out.write(line.format(*header).rstrip() + "\n")
    for h, row in zip(happenings, rows, strict=True):
        out.write(line.format(*row).rstrip() + "\n")
        if reports:
            for m in h.members:
                outlet = f" [{m.outlet}]" if m.outlet else ""
                dated = m.date or "undated"
                out.write(
                    f"    {m.doc_id}{outlet} {dated} {m.cameo} {m.trigger!r}: {_cut(' '.join(m.sentence.split()), 110)}\n"
                )


_min_reports = whole_number(2, 1_000_000_000, not_a="a whole number of reports",
                            out_of_range="a happening has 2 to 1,000,000,000 reports")  # fmt: skip
_limit = whole_number(0, 1_000_000_000)


def add_commands(sub: Any, command: Callable[..., Any]) -> None:
    """Add `happenings` to the command line."""
    parser = command(sub, "happenings", cmd_happenings)
    parser.add_argument(
        "--db",
        default="dragoman.db",
        help="the event store: an SQLite file, sqlite:/// or postgresql:// URL (default dragoman.db)",
    )
    parser.add_argument(
        "--min-reports",
        type=_min_reports,
        default=2,
        metavar="N",
        help="only happenings reported by at least N documents (default 2)",
    )
    parser.add_argument(
        "--actor", help="source or target code prefix, e.g. IRN or USAGOV"
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="ISO date, maybe partial: 2025, 2025-03, 2025-03-01",
    )
    parser.add_argument("--until", metavar="DATE", help="ISO date, maybe partial")
    parser.add_argument(
        "--limit", type=_limit, metavar="N", help="at most N happenings"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (default), jsonl or csv",
    )
    parser.add_argument(
        "--keep-formulas",
        action="store_true",
        help="csv: write text as it is, even where a spreadsheet would run it as a formula (by default =, +, -, @ first get a ' before them)",
    )
    parser.add_argument(
        "--reports",
        "--list",
        action="store_true",
        help="under each happening, each report's document and sentence (table)",
    )
    parser.add_argument(
        "--no-store",
        action="store_true",
        help="never write the grouping into the store (group in memory when it is stale)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr")
