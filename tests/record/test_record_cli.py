"""`dragoman record REPORT_OR_DB`: a report is coded, a store's records are read back; and record_of for the web."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from dragoman.cli import main
from dragoman.record import record_from_dict
from dragoman.record.service import is_store, record_of
from dragoman.store import PageRequest, open_store

REPORT = (
    "On 4 February 2021, the Egyptian president sent a letter to the Ethiopian prime minister, demanding that Ethiopia "
    "stop filling the reservoir. The Ethiopian prime minister answered it on 1 March.\n"
)


def run(*argv) -> tuple[int, str, str]:
    """The command line, outside pytest's per-test capture (for module fixtures: each load of the
    pipeline costs seconds)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("record") / "dam.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stored(report):
    db = report.with_suffix(".db")
    assert run("code", report, "--db", db, "-q") == (0, "", "")
    return db


@pytest.fixture(scope="module")
def coded(report):
    code, out, err = run("record", report, "--format", "json", "-q")
    assert (code, err) == (0, "")
    return out


def test_a_report_is_coded_and_its_record_printed_as_json(coded, code_text):
    (line,) = coded.splitlines()
    record = record_from_dict(json.loads(line))
    assert record == code_text(REPORT, doc_id="dam").record
    assert [(c.kind, c.sender.code, c.recipient.code) for c in record.communications] == [("letter", "EGYGOV", "ETHGOV"), ("reply", "ETHGOV", "EGYGOV")]


def test_a_store_gives_back_the_record_it_keeps(cli, coded, stored):
    code, out, err = cli("record", stored, "--format", "json")
    assert (code, err, out) == (0, "", coded)
    code, out, _ = cli("record", f"sqlite:///{stored}", "--doc", "dam", "--format", "markdown")
    assert code == 0 and out.startswith("## The diplomatic record: dam\n\n### Communications\n\n**c1. Letter from the Egyptian president (EGYGOV)")
    code, out, _ = cli("record", stored, "--format", "text")  # without --doc: the records of the documents listed
    assert code == 0 and out.startswith("The diplomatic record: dam\n==========================\n\nCommunications\n  c1. Letter")
    code, out, _ = cli("record", stored)  # without a format: the list of them (tests/record/test_record_list_cli.py)
    assert code == 0 and out.splitlines()[0].split()[-2:] == ["document", "title"] and " dam" in out.splitlines()[1]


def test_an_unknown_document_is_one_line(cli, report, stored):
    assert cli("record", stored, "--doc", "nope") == (1, "", "dragoman: error: no document 'nope' in this store\n")
    assert cli("record", report, "--doc", "nope", "-q") == (1, "", f"dragoman: error: record: {report} has no document 'nope'\n")


def test_record_of_a_store_for_the_web(stored):
    with open_store(str(stored), read_only=True) as store:
        one = record_of(store, "dam")
        page = record_of(store)
        missing = record_of(store, "nope")
        second = record_of(store, page=PageRequest(offset=1))
    assert (one["available"], one["message"], one["documents"], one["next_cursor"]) == (True, None, ["dam"], None)
    assert [(c["doc_id"], c["comm_id"], c["kind"]) for c in one["communications"]] == [("dam", "c1", "letter"), ("dam", "c2", "reply")]
    assert [d["text"] for d in one["demands"]] == ["Ethiopia stop filling the reservoir"]
    assert page == one | {"doc_id": None}
    assert (missing["available"], missing["message"], missing["communications"]) == (False, "no document 'nope' in this store", [])
    assert (second["available"], second["documents"], second["message"]) == (True, [], None)


def test_what_is_a_store(tmp_path, report, stored):
    assert [is_store(str(p)) for p in (report, stored, tmp_path / "new.db", tmp_path / "missing.txt")] == [False, True, True, False]
    assert is_store("postgresql://u@h/db") and is_store("sqlite:///x.db")
