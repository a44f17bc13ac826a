"""events_flat read by other tools, with plain SQL: sqlite3 on the store, DuckDB on the store and the Parquet export."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from dragoman.profiles import FLAT_COLUMNS, load_profile, profile_names

# What analysts ask of the view: names, countries, sectors, codes, dates, location, the document's URL and outlet.
ANALYSIS = (
    "SELECT source_name, source_country, source_sector, target_name, target_country, target_sector,"
    " cameo, root, goldstein, quad_class, date, date_precision, location, url, outlet, document_date"
    " FROM events_flat WHERE root = '13' ORDER BY event_id"
)


@pytest.fixture
def store(cli, corpus, tmp_path):
    db = tmp_path / "own.db"
    assert cli("code", corpus, "--db", db, "--all", "-q")[0] == 0
    return db


def test_sqlite3_reads_the_view_without_json_extract(store) -> None:
    assert "json" not in ANALYSIS
    with closing(sqlite3.connect(store)) as conn:
        names = [
            d[0] for d in conn.execute("SELECT * FROM events_flat LIMIT 0").description
        ]
        rows = conn.execute(ANALYSIS).fetchall()
    assert sorted(names) == sorted(
        c for c in FLAT_COLUMNS if c != "citations"
    )  # the flat record, less the citation list
    (russia,) = [r for r in rows if r[1] == "RUS"]
    assert russia[1:] == ("RUS", None, russia[3], "POL", None, "138", "13", -7.0, 3, "2023-06-04", "day", None,
                          "https://news.example/0", "Example News", "2025-06-01")  # fmt: skip
    assert russia[0] and russia[3]  # the names as the dictionaries give them


def test_every_profile_reads_fields_the_view_has_too() -> None:
    view = set(FLAT_COLUMNS) - {"citations"}
    for name in profile_names():
        fields = {c.field for c in load_profile(name).columns if c.field is not None}
        assert fields - {"citations"} <= view, name


def test_duckdb_reads_the_parquet_export_and_the_view(cli, store, tmp_path) -> None:
    duckdb = pytest.importorskip(
        "duckdb", reason="DuckDB is not installed (pip install duckdb)"
    )
    out = tmp_path / "flat.parquet"
    assert (
        cli(
            "events",
            "--db",
            store,
            "--all",
            "--format",
            "parquet",
            "--columns",
            "flat",
            "-o",
            out,
        )[0]
        == 0
    )
    with closing(sqlite3.connect(store)) as conn:
        from_sqlite = conn.execute(ANALYSIS).fetchall()
    with closing(duckdb.connect()) as conn:
        from_parquet = conn.execute(
            ANALYSIS.replace("events_flat", f"read_parquet('{out}')")
        ).fetchall()
        assert from_parquet and from_parquet == from_sqlite
        try:
            conn.execute(f"ATTACH '{store}' AS own (TYPE sqlite, READ_ONLY)")
        except (
            duckdb.Error
        ) as exc:  # the sqlite extension is fetched on first use: not offline
            pytest.skip(
                f"DuckDB read the Parquet export; its sqlite extension cannot load here ({str(exc)[:60]})"
            )
        assert (
            conn.execute(ANALYSIS.replace("events_flat", "own.events_flat")).fetchall()
            == from_sqlite
        )
