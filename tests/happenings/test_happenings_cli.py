"""`dragoman happenings` on a store of the reports (reports.yaml), coded by `dragoman code`."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest


@pytest.fixture
def db(cli, corpus: Path, tmp_path: Path) -> str:
    path = str(tmp_path / "reports.db")
    code, _, err = cli("code", corpus, "--db", path, "-q")
    assert code == 0, err
    return path


def test_the_table_lists_each_happening_with_its_reports(cli, db: str) -> None:
    code, out, err = cli("happenings", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "DATE",
        "SOURCE",
        "ACTION",
        "TARGET",
        "REPORTS",
        "OUTLETS",
        "DOCUMENTS",
    ]
    assert len(lines) == 5  # the four pairs
    accord = next(line for line in lines if "057" in line)
    assert accord.split("  ")[0] == "2005-05-03"
    assert accord.split()[-4:] == ["2", "2", "andes-accord,", "pacific-accord"]
    assert "grouped" in err and "(stored)" in err
    again = cli("happenings", "--db", db)
    assert again[1] == out and "grouped" not in again[2]  # read from the store


def test_reports_shows_each_report_under_its_happening(cli, db: str) -> None:
    code, out, _ = cli("happenings", "--db", db, "--actor", "ISR", "--reports")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4  # header, the raid, its two reports
    assert lines[2].startswith(
        "    gulf-raid [Gulf Observer] 2024-02-12 195 'bombed': Israeli aircraft bombed"
    )
    assert lines[3].startswith(
        "    levant-raid [Levant Post] 2024-02-12 190 'struck': Israel struck"
    )


def test_jsonl_and_csv(cli, db: str) -> None:
    _, out, _ = cli("happenings", "--db", db, "--format", "jsonl", "--since", "2025")
    (talks,) = [json.loads(line) for line in out.splitlines()]
    # the report dated to April comes before the one dated to 12 April: the store's order
    assert talks["family"] == "talks" and talks["documents"] == [
        "desert-talks",
        "gulf-talks",
    ]
    assert (
        talks["outlets"] == ["Desert Review", "Gulf Observer"] and talks["reports"] == 2
    )
    _, out, _ = cli("happenings", "--db", db, "--format", "csv", "--until", "2005")
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["date"], row["cameo"], row["reports"], row["documents"]) == (
        "2005-05-03",
        "057",
        "2",
        "andes-accord;pacific-accord",
    )


def test_filters_that_match_nothing_say_so(cli, db: str) -> None:
    code, out, err = cli("happenings", "--db", db, "--min-reports", "3")
    assert (code, out) == (0, "") and "0 happenings match" in err
    code, out, err = cli("happenings", "--db", db, "--limit", "0", "-q")
    assert (code, out, err) == (0, "", "")


def test_a_read_only_store_is_grouped_in_memory(cli, db: str) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files anyway")
    os.chmod(db, stat.S_IRUSR)
    code, out, err = cli("happenings", "--db", db)
    assert code == 0 and len(out.splitlines()) == 5 and "in memory, not stored" in err


def test_no_store_never_writes(cli, db: str) -> None:
    before = Path(db).read_bytes()
    code, out, err = cli("happenings", "--db", db, "--no-store")
    assert code == 0 and len(out.splitlines()) == 5 and "not stored" in err
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["--since", "2025-13"], 1, "since='2025-13' is not a real date"),
        (["--until", "March"], 1, "until='March' is not an ISO date"),
        (["--actor", ""], 1, "actor must not be empty"),
        (["--min-reports", "1"], 2, "a happening has 2 to 1,000,000,000 reports"),
        (["--limit", "many"], 2, "'many' is not a whole number"),
        (["--format", "xml"], 2, "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    cli, capsys, db: str, argv: list[str], status: int, message: str
) -> None:
    try:
        code, out, err = cli("happenings", "--db", db, *argv)
    except SystemExit as exit:  # argparse: a mistake in the command line itself
        code = exit.code
        out, err = capsys.readouterr()
    assert (code, out) == (status, "")
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_missing_store_is_one_line(cli, tmp_path: Path) -> None:
    code, _, err = cli("happenings", "--db", tmp_path / "none.db")
    assert (
        code == 1 and "no such database" in err and len(err.strip().splitlines()) == 1
    )
