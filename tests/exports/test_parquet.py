"""Parquet: what pandas and pyarrow read back is the DataFrame events_frame makes, written in row groups."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.frames import COLUMNS, events_frame
from dragoman.parquet import ParquetEventWriter

pq = pytest.importorskip(
    "pyarrow.parquet",
    reason="pyarrow is not installed (pip install 'dragoman[frames]')",
)
pandas = pytest.importorskip("pandas")


def _write(path, events, **options) -> None:
    with ParquetEventWriter(str(path), **options) as writer:
        writer.write(events)
        writer.finish()


def test_pandas_reads_back_the_data_frame_of_the_events(events, tmp_path) -> None:
    assert {e.date.precision for e in events} >= {"day", "month", "year"}
    sparse = replace(
        events[0], event_id="sparse", source=None, target=None, plover=None, quote=None
    )
    blank = replace(
        events[0], event_id="blank", quote="", condition=""
    )  # "" stays "", not null
    wanted = [*events, sparse, blank]
    _write(tmp_path / "e.parquet", wanted)
    back = pandas.read_parquet(tmp_path / "e.parquet")
    pandas.testing.assert_frame_equal(
        back, events_frame(wanted)
    )  # values and dtypes alike
    assert (
        list(back["cameo"]) == [e.cameo for e in wanted]
        and back["cameo"].dtype == "string"
    )
    assert list(back["date"][:3]) == [
        "2023-06-04",
        "2025-03",
        "2025-03",
    ]  # ISO strings at their precision


def test_pyarrow_sees_the_frame_s_types(events, tmp_path) -> None:
    import pyarrow as pa

    _write(tmp_path / "e.parquet", events)
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == list(COLUMNS)
    types = {name: table.schema.field(name).type for name in table.column_names}
    assert types["cameo"] == types["date"] == types["source_code"] == pa.large_string()
    assert (types["goldstein"], types["quad_class"], types["sentence_index"], types["reciprocal"]) == (
        pa.float64(), pa.int64(), pa.int64(), pa.bool_())  # fmt: skip
    assert table.num_rows == len(events)


def test_events_are_written_in_row_groups(events, tmp_path) -> None:
    many = [replace(e, event_id=f"{e.event_id}-{i}") for i in range(7) for e in events]
    _write(tmp_path / "e.parquet", many, row_group=10)
    file = pq.ParquetFile(tmp_path / "e.parquet")
    assert file.metadata.num_rows == len(many)
    assert file.num_row_groups == -(-len(many) // 10)
    assert (
        next(file.metadata.row_group(i).num_rows for i in range(file.num_row_groups))
        == 10
    )
    pandas.testing.assert_frame_equal(
        pandas.read_parquet(tmp_path / "e.parquet"), events_frame(many)
    )


def test_no_events_is_a_file_with_its_columns(tmp_path) -> None:
    _write(tmp_path / "e.parquet", [])
    back = pandas.read_parquet(tmp_path / "e.parquet")
    assert list(back.columns) == list(COLUMNS) and len(back) == 0
    pandas.testing.assert_frame_equal(back, events_frame([]))


def test_a_profile_is_written_in_its_types(coded, tmp_path) -> None:
    import pyarrow as pa

    from dragoman.profiles import load_profile

    gdelt = load_profile("gdelt")
    with ParquetEventWriter(str(tmp_path / "g.parquet"), gdelt) as writer:
        for document, doc_events in coded:
            writer.write(doc_events, document)
        writer.finish()
    table = pq.read_table(tmp_path / "g.parquet")
    assert table.column_names == list(gdelt.names)
    assert (
        table.schema.field("SQLDATE").type == pa.int64()
        and table.schema.field("EventCode").type == pa.string()
    )
    rows = table.to_pylist()
    assert (
        rows[0]["SQLDATE"] == 20230604
        and rows[0]["EventCode"] == "138"
        and rows[0]["DATEADDED"] == 20250601
    )
    assert (
        rows[1]["SQLDATE"] is None and rows[1]["MonthYear"] == 202503
    )  # a month: no day
    assert (
        rows[0]["SOURCEURL"] == "https://news.example/0" and rows[0]["AvgTone"] is None
    )


# ---------------------------------------------------------------- the command line


def test_code_and_events_write_the_same_parquet_file(cli, corpus, tmp_path) -> None:
    db = tmp_path / "own.db"
    coded_file, stored_file = tmp_path / "coded.parquet", tmp_path / "stored.parquet"
    code, out, _ = cli(
        "code",
        corpus,
        "--db",
        db,
        "--format",
        "parquet",
        "-o",
        coded_file,
        "--all",
        "-q",
    )
    assert code == 0 and out == ""
    assert (
        cli("events", "--db", db, "--format", "parquet", "-o", stored_file, "--all")[0]
        == 0
    )
    coded_frame, stored_frame = (
        pandas.read_parquet(coded_file),
        pandas.read_parquet(stored_file),
    )
    key = [
        "doc_id",
        "sentence_index",
        "event_id",
    ]  # coded in input order, stored in date order
    pandas.testing.assert_frame_equal(
        coded_frame.sort_values(key).reset_index(drop=True),
        stored_frame.sort_values(key).reset_index(drop=True),
    )
    assert len(coded_frame) >= 6 and "negated" in set(coded_frame["modality"])


def test_parquet_output_is_atomic_and_never_an_input(cli, corpus, tmp_path) -> None:
    out = tmp_path / "e.parquet"
    out.write_bytes(b"keep me")
    code, _, err = cli("code", corpus, "--format", "parquet", "-o", out, "-q")
    assert (
        code == 1
        and "already exists; give --force" in err
        and out.read_bytes() == b"keep me"
    )
    assert (
        cli("code", corpus, "--format", "parquet", "-o", out, "--force", "-q")[0] == 0
    )
    assert len(pandas.read_parquet(out)) >= 5
    code, _, err = cli(
        "code", corpus, "--format", "parquet", "-o", corpus, "--force", "-q"
    )
    assert code == 1 and "is an input" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "e.parquet",
        "own.jsonl",
    ]  # no temporary file left


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("events", "--format", "parquet"), "give --output FILE"),
        (
            ("events", "--format", "jsonl", "--columns", "gdelt"),
            "--columns gdelt is for --format csv, tsv, parquet",
        ),
        (
            ("events", "--format", "csv", "--columns", "acled"),
            "invalid choice: 'acled'",
        ),
        (("code", "CORPUS", "--format", "parquet"), "give --output FILE"),
        (
            ("code", "CORPUS", "--columns", "phoenix"),
            "--columns phoenix is for --format csv, tsv, parquet",
        ),
    ],
)
def test_a_bad_export_is_one_line_and_exit_2(
    capsys, corpus, tmp_path, argv, needle
) -> None:
    from dragoman.cli import main

    db = tmp_path / "none.db"
    with pytest.raises(SystemExit) as stop:
        main([str(corpus) if a == "CORPUS" else a for a in argv] + ["--db", str(db)])
    out, err = capsys.readouterr()
    assert (
        stop.value.code == 2 and out == "" and err.count("\n") == 1 and needle in err
    ), err
    assert not db.exists()  # refused before anything was opened
