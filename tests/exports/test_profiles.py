"""Column profiles (data/columns.yaml): the Phoenix and GDELT layouts, filled from events coded here."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from dragoman.errors import KnowledgeError
from dragoman.profiles import (
    DOCUMENT_FIELDS,
    FLAT_COLUMNS,
    load_profile,
    profile_names,
    read_profiles,
)
from dragoman.records import Actor

PHOENIX = (
    "EventID", "Date", "Year", "Month", "Day",
    "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues", "Lat", "Lon",
    "LocationName", "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources",
)  # fmt: skip
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
GDELT = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip


def _rows(profile_name, coded):
    profile = load_profile(profile_name)
    return [
        dict(zip(profile.names, profile.row(e, doc), strict=True))
        for doc, events in coded
        for e in events
    ]


def test_the_layouts_are_phoenix_s_and_gdelt_s() -> None:
    assert load_profile("phoenix").names == PHOENIX and len(PHOENIX) == 26
    assert load_profile("gdelt").names == GDELT and len(GDELT) == 58


def test_phoenix_rows(coded) -> None:
    rows = _rows("phoenix", coded)
    first = rows[0]  # On 4 June 2023, Russia threatened Poland ...
    assert {k: first[k] for k in ("Date", "Year", "Month", "Day")} == {
        "Date": "20230604",
        "Year": 2023,
        "Month": 6,
        "Day": 4,
    }
    assert (
        first["SourceActorFull"],
        first["SourceActorEntity"],
        first["SourceActorRole"],
    ) == ("RUS", "RUS", None)
    assert (first["TargetActorFull"], first["EventCode"], first["EventRootCode"]) == (
        "POL",
        "138",
        "13",
    )
    assert (first["QuadClass"], first["GoldsteinScore"]) == (3, -7.0)
    assert (first["SentenceID"], first["URLs"], first["NewsSources"]) == (
        "own-0_0",
        "https://news.example/0",
        "Example News",
    )
    month = rows[1]  # In March 2025 ...: a month, so no day and no YYYYMMDD
    assert (month["Date"], month["Year"], month["Month"], month["Day"]) == (
        None,
        2025,
        3,
        None,
    )
    assert (
        month["SourceActorFull"],
        month["SourceActorEntity"],
        month["SourceActorRole"],
    ) == ("EGYGOV", "EGY", "GOV")
    assert month["QuadClass"] == 1  # 057, verbal cooperation in Phoenix's five classes
    year = next(r for r in rows if r["SourceActorFull"] == "FRAGOV")
    assert (year["Date"], year["Year"], year["Month"], year["Day"]) == (
        None,
        2021,
        None,
        None,
    )
    un = next(r for r in rows if r["SourceActorFull"] == "IGOUNO")
    assert (
        un["SourceActorEntity"],
        un["SourceActorRole"],
        un["SourceActorAttribute"],
    ) == ("IGO", "UNO", None)


def test_gdelt_rows(coded) -> None:
    rows = _rows("gdelt", coded)
    first = rows[0]
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == (
        "20230604",
        "202306",
        2023,
    )
    assert first["FractionDate"] == round(2023 + (6 * 30 + 4) / 365, 4)
    russia = coded[0][1][0].source
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"]) == (
        "RUS",
        russia.name,
        "RUS",
    )
    assert (first["Actor2Code"], first["Actor2CountryCode"], first["IsRootEvent"]) == (
        "POL",
        "POL",
        1,
    )
    assert (
        first["EventCode"],
        first["EventBaseCode"],
        first["EventRootCode"],
        first["QuadClass"],
    ) == ("138", "138", "13", 3)
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == (
        1,
        1,
        1,
    )
    assert (first["DATEADDED"], first["SOURCEURL"]) == (
        "20250601",
        "https://news.example/0",
    )
    month = rows[1]
    assert (
        month["SQLDATE"],
        month["MonthYear"],
        month["FractionDate"],
        month["Actor1Type1Code"],
    ) == (None, "202503", None, "GOV")


def test_codes_split_into_entity_role_and_attributes(events) -> None:
    phoenix = load_profile("phoenix")
    event = replace(events[0], source=Actor(text="US lawmakers", name="US Congress", code="USAGOVLEGELI", country="USA", sector="GOV"),
                    location="Geneva")  # fmt: skip
    row = dict(zip(phoenix.names, phoenix.row(event), strict=True))
    assert (
        row["SourceActorEntity"],
        row["SourceActorRole"],
        row["SourceActorAttribute"],
    ) == ("USA", "GOV", "LEGELI")
    assert (
        row["LocationName"] == "Geneva" and row["URLs"] is None
    )  # no document given: its columns are empty
    gdelt = load_profile("gdelt")
    assert (
        dict(zip(gdelt.names, gdelt.row(event), strict=True))["ActionGeo_FullName"]
        == "Geneva"
    )


def test_what_dragoman_cannot_fill_stays_empty_and_says_why(coded) -> None:
    for name in ("phoenix", "gdelt"):
        profile = load_profile(name)
        empty = [c for c in profile.columns if c.field is None and c.value is None]
        assert empty and all(c.empty for c in empty)  # each with its reason in the file
        for row in _rows(name, coded):
            assert all(row[c.name] is None for c in empty)
    assert {c.name for c in load_profile("phoenix").columns if c.empty} == {
        "Issues",
        "Lat",
        "Lon",
        "StateName",
        "CountryCode",
    }


def test_flat_is_the_frame_and_its_document(coded) -> None:
    flat = load_profile("flat")
    assert flat.names == FLAT_COLUMNS and FLAT_COLUMNS[-4:] == DOCUMENT_FIELDS
    document, events = coded[0]
    row = dict(zip(flat.names, flat.row(events[0], document), strict=True))
    assert (row["url"], row["outlet"], row["document_date"], row["cameo"]) == (
        "https://news.example/0",
        "Example News",
        "2025-06-01",
        "138",
    )


def test_the_command_line_knows_every_profile() -> None:
    from dragoman.cli import PROFILES

    assert sorted(PROFILES) == sorted(profile_names())


@pytest.mark.parametrize(
    ("column", "needle"),
    [
        ("{name: A, field: cameo, transform: shout}", "no transform named 'shout'"),
        ("{name: A, field: tone}", "field 'tone' is not a field of the flat record"),
        ("{name: A, field: cameo, value: 1}", "exactly one of field, value, empty"),
        ("{name: A, field: root, table: missing}", "no table named 'missing'"),
        ("{name: A, empty: why, type: decimal}", "type 'decimal'"),
        ("{name: A, fields: cameo}", "unknown key(s) ['fields']"),
    ],
)
def test_a_broken_columns_file_names_the_file_and_column(
    tmp_path, column, needle
) -> None:
    path = tmp_path / "columns.yaml"
    path.write_text(
        f"tables: {{}}\nprofiles:\n  mine:\n    about: mine\n    columns:\n      - {column}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as error:
        read_profiles(path)
    assert (
        str(path) in str(error.value)
        and "mine" in str(error.value)
        and needle in str(error.value)
    )


# ---------------------------------------------------------------- the command line


def test_events_as_gdelt_tsv_with_the_stored_documents(cli, corpus, tmp_path) -> None:
    db = tmp_path / "own.db"
    assert cli("code", corpus, "--db", db, "-q")[0] == 0
    code, out, _ = cli("events", "--db", db, "--format", "tsv", "--columns", "gdelt")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split("\t") == list(GDELT)
    rows = [dict(zip(GDELT, line.split("\t"), strict=True)) for line in lines[1:]]
    assert rows and all(
        r["SOURCEURL"].startswith("https://news.example/")
        and r["DATEADDED"] == "20250601"
        for r in rows
    )
    russia = next(r for r in rows if r["Actor1Code"] == "RUS")
    assert (russia["SQLDATE"], russia["EventCode"], russia["GoldsteinScale"]) == (
        "20230604",
        "138",
        "-7.0",
    )


def test_code_as_phoenix_csv(cli, corpus) -> None:
    code, out, _ = cli("code", corpus, "--format", "csv", "--columns", "phoenix")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == PHOENIX
    assert (
        rows[0]["Date"] == "20230604"
        and rows[0]["NewsSources"] == "Example News"
        and rows[0]["Issues"] == ""
    )
