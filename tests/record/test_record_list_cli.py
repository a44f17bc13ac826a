"""`dragoman record --db DB` without --doc: the documents that have a record, how many items each
part of it holds, in order, paged, by party, as a table, JSON lines, CSV or TSV.

The reports are written for this test, in our own words: a note with a demand and a deadline
that is rejected, talks refused and then held through a mediator, and a report with no
diplomacy at all (no record item, so never listed).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json

import pytest

from dragoman import cli as cli_module
from dragoman.cli import main
from dragoman.record import PARTS
from dragoman.record.listing import LIST_FORMATS
from dragoman.store.base import RECORD_SORTS

REPORTS = {
    "baltic-note": (
        "Helsinki protests to Moscow\n\n"
        "On 12 May 2024, the Finnish foreign minister sent a note to the Russian ambassador, demanding an explanation "
        "for the violation of Finnish airspace within 48 hours. Russia rejected the demand on 14 May.\n"
    ),
    "andes-talks": (
        "Santiago and La Paz talk in Brasilia\n\n"
        "On 3 June 2024, Chile proposed direct talks with Bolivia over access to the sea. Bolivia refused direct talks "
        "but said it would accept talks mediated by Brazil. On 20 June 2024, the two governments held talks in Brasilia, "
        "with the Brazilian foreign minister as mediator. Chile sent a letter to Bolivia on 25 June, proposing a second round.\n"
    ),
    "quiet-day": "A calm Monday\n\nMarkets in Lisbon were calm on Monday and the weather stayed mild across the coast.\n",
}


def run(*argv) -> tuple[int, str, str]:
    """The command line, outside pytest's per-test capture (for module fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("record-list")
    for doc_id, text in REPORTS.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(folder):
    db = folder / "records.db"
    assert run("code", *sorted(folder.glob("*.txt")), "--db", db, "-q") == (0, "", "")
    return db


@pytest.fixture(scope="module")
def records(db):
    """Each listed document's stored record, as `record --doc ID --format json` prints it."""
    found = {}
    for doc_id in REPORTS:
        code, out, err = run("record", "--db", db, "--doc", doc_id, "--format", "json")
        assert (code, err) == (0, "")
        found[doc_id] = json.loads(out)
    return found


def items_of(record: dict) -> dict[str, int]:
    """How many items each part holds, as the listing counts them (a channel, its steps)."""
    return {p: sum(len(c["steps"]) for c in record[p]) if p == "channels" else len(record[p]) for p in PARTS}


def test_the_documents_with_a_record_most_items_first_with_each_part_s_items(cli, db, records):
    code, out, err = cli("record", "--db", db, "--format", "jsonl")
    assert (code, err) == (0, "")
    listed = [json.loads(line) for line in out.splitlines()]
    assert [d["doc_id"] for d in listed] == ["andes-talks", "baltic-note"]  # quiet-day has no item: not listed
    for d in listed:
        assert d["parts"] == items_of(records[d["doc_id"]]) and d["items"] == sum(d["parts"].values())
    assert listed[0]["items"] > listed[1]["items"] and listed[1]["title"] == "Helsinki protests to Moscow"
    assert listed[0]["parts"]["channels"] >= 2 and listed[1]["parts"]["demands"] == 1


def test_the_table_is_the_default_with_a_column_per_part(cli, db):
    code, out, err = cli("record", "--db", db)
    assert (code, err) == (0, "")
    head, *rows = out.splitlines()
    assert head.split() == ["items", *PARTS, "document", "title"]
    assert [r.split()[len(PARTS) + 1] for r in rows] == ["andes-talks", "baltic-note"]
    assert rows[1].endswith("baltic-note  Helsinki protests to Moscow")
    assert cli("record", db)[1] == out  # the store named as REPORT_OR_DB lists the same


def test_by_document_id_and_a_page_at_a_time(cli, db):
    by_id = cli("record", "--db", db, "--sort", "doc")[1].splitlines()[1:]
    assert [r.split()[len(PARTS) + 1] for r in by_id] == ["andes-talks", "baltic-note"]
    code, out, err = cli("record", "--db", db, "--format", "csv", "--limit", "1", "--offset", "1")
    assert code == 0 and err == "dragoman: 2 documents have a record; shown: 2 (--limit, --offset for others)\n"
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["doc_id"] == "baltic-note" and list(row) == ["doc_id", "title", "date", "outlet", "items", *PARTS]
    tsv = cli("record", "--db", db, "--format", "tsv", "--sort", "doc", "-q")[1].splitlines()
    assert tsv[0].split("\t") == ["doc_id", "title", "date", "outlet", "items", *PARTS] and tsv[1].startswith("andes-talks\tSantiago")


@pytest.mark.parametrize(
    "party,documents",
    [
        ("fin", ["baltic-note"]),  # a code prefix in any case: the Finnish foreign minister, FINGOV
        ("RUSGOV", ["baltic-note"]),
        ("russia", ["baltic-note"]),  # a name as the record gives it
        ("Bolivia", ["andes-talks"]),
        ("bra", ["andes-talks"]),  # the mediator's side only
    ],
)
def test_only_the_documents_whose_record_involves_a_party(cli, db, party, documents):
    code, out, err = cli("record", "--db", db, "--party", party, "--format", "jsonl")
    assert (code, err) == (0, "")
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == documents


def test_a_record_format_prints_the_records_of_the_documents_listed(cli, db, records):
    code, out, err = cli("record", "--db", db, "--party", "chl", "--format", "json")
    assert (code, err) == (0, "")
    assert [json.loads(line) for line in out.splitlines()] == [records["andes-talks"]]
    text = cli("record", "--db", db, "--format", "text", "--sort", "doc")[1]
    assert text.index("Santiago and La Paz talk in Brasilia\n===") < text.index("Helsinki protests to Moscow\n===")


def test_a_store_without_a_record_says_so(cli, folder, tmp_path):
    empty = tmp_path / "quiet.db"
    assert cli("code", folder / "quiet-day.txt", "--db", empty, "-q") == (0, "", "")
    message = "dragoman: no record in this store yet: code reports into it with this dragoman (dragoman code REPORT --db ...)\n"
    assert cli("record", "--db", empty) == (0, "", message)
    header = "doc_id,title,date,outlet,items," + ",".join(PARTS) + "\n"  # an empty CSV keeps its header, as the events'
    assert cli("record", "--db", empty, "--party", "IRN", "--format", "csv") == (0, header, message)
    assert cli("record", "--db", empty, "-q") == (0, "", "")


@pytest.mark.parametrize(
    "argv,status,says",
    [
        (["--party", "zzz"], 1, "dragoman: error: party 'zzz': no record in this store involves an actor with that code, country or name;"),
        (["--party", "Finland"], 1, "party 'Finland': no record in this store involves"),  # no actor of a record is named so
        (["--party", " "], 1, "dragoman: error: party must not be empty: use a code such as IRN or a name such as Iran"),
        (["--doc", "baltic-note", "--party", "fin"], 2, "--party chooses the documents to list; --doc names one"),
        (["--doc", "baltic-note", "--format", "csv"], 2, "--format csv lists documents; one document's record (--doc) prints as text, json or markdown"),
        (["--sort", "date"], 2, "argument --sort: invalid choice: 'date'"),
        (["--limit", "-1"], 2, "argument --limit: -1 is out of range"),
    ],
)
def test_a_bad_option_is_one_line_and_a_non_zero_exit(cli_usage, db, argv, status, says):
    code, out, err = cli_usage("record", "--db", db, *argv)
    assert (code, out) == (status, "")
    assert err.count("\n") == 1 and err.startswith("dragoman: error: ") and says in err


def test_a_report_or_a_missing_store_is_one_line_too(cli, cli_usage, folder, tmp_path):
    report = folder / "quiet-day.txt"
    code, out, err = cli("record", report, "--party", "IRN")
    assert (code, out) == (1, "") and err == (
        f"dragoman: error: record: {report} is a report to code; --format table/jsonl/csv/tsv, --party, --sort, "
        "--limit and --offset list the documents of a store (dragoman record --db DB)\n"
    )
    missing = tmp_path / "missing.db"
    assert cli("record", "--db", missing) == (1, "", f"dragoman: error: {missing}: no such database; create it with: dragoman code REPORT --db {missing}\n")
    code, _, err = cli_usage("record", report, "--db", missing)
    assert code == 2 and err.startswith("dragoman: error: dragoman record: give a report or a store") and err.count("\n") == 1


def test_the_command_line_names_the_library_s_formats_and_orders():
    assert cli_module.LIST_FORMATS == LIST_FORMATS and cli_module.RECORD_SORTS == RECORD_SORTS


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_listing_cell_a_spreadsheet_would_run_starts_with_a_quote(fmt):
    import csv
    import io

    from dragoman.record.listing import RecordListing, write_listing
    from dragoman.record.records import PARTS
    from dragoman.store.base import RecordQuery, RecordSummary

    summary = RecordSummary("=cmd|' /C calc'!A0", "@SUM(1+1)", "2026-03-02", "-2+3", tuple((p, 1) for p in PARTS), len(PARTS))
    out = io.StringIO()
    write_listing(RecordListing(RecordQuery(), 1, (summary,)), fmt, out)
    row = out.getvalue().splitlines()[1]
    cells = next(csv.reader([row], delimiter="," if fmt == "csv" else "\t"))
    assert cells[:4] == ["'=cmd|' /C calc'!A0", "'@SUM(1+1)", "2026-03-02", "'-2+3"]
