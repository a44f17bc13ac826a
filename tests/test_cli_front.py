"""What a new user meets at the front door: limits, paging, formats, ids, mistakes, the Python API."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

# Two acts and, in the middle sentence, a negated one (kept in the store, hidden by default).
REPORT = (
    "On 4 June 2023, Russia threatened Poland with missile strikes. "
    "On 5 June 2023, Russia did not attack Poland. "
    "On 6 June 2023, Poland and Germany held talks in Berlin. "
    "On 7 June 2023, Germany criticised Russia.\n"
)


@pytest.fixture
def db(cli, tmp_path):
    report = tmp_path / "border.txt"
    report.write_text(REPORT, encoding="utf-8")
    path = tmp_path / "d.db"
    assert cli("code", report, "--db", path, "-q")[0] == 0
    return path


def _events(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_events_limit_counts_only_what_is_shown(cli, db):
    _, out, _ = cli("events", "--db", db, "--format", "jsonl", "--all")
    everything = _events(out)
    modalities = [e["modality"] for e in everything]
    assert "negated" in modalities and len(everything) >= 4
    acts = [e for e in everything if e["modality"] != "negated"]
    for n in range(1, len(acts) + 1):
        _, out, _ = cli("events", "--db", db, "--format", "jsonl", "--limit", n)
        assert [e["event_id"] for e in _events(out)] == [e["event_id"] for e in acts[:n]]


def test_events_offset_pages_through_the_acts(cli, db):
    _, out, _ = cli("events", "--db", db, "--format", "jsonl")
    acts = [e["event_id"] for e in _events(out)]
    pages = []
    for offset in range(0, len(acts), 2):
        _, out, _ = cli("events", "--db", db, "--format", "jsonl", "--limit", 2, "--offset", offset)
        pages.extend(e["event_id"] for e in _events(out))
    assert pages == acts


def test_a_query_that_matches_nothing_says_so(cli, db):
    code, out, err = cli("events", "--db", db, "--actor", "BRA")
    assert code == 0 and out == "" and err.strip() == "dragoman: 0 events match"
    code, out, err = cli("events", "--db", db, "--actor", "BRA", "-q")
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    "argv,status,needle",
    [
        (["--since", "2025-13-01"], 1, "since='2025-13-01' is not a real date"),
        (["--until", "2025-02-30"], 1, "until='2025-02-30' is not a real date"),
        (["--modality", "bogus"], 1, "no modality 'bogus'; use one of: asserted, reported"),
        (["--limit", "1" + "0" * 22], 2, "--limit: 10000000000000000000000 is out of range"),
        (["--limit", "-1"], 2, "--limit: -1 is out of range"),
        (["--offset", "x"], 2, "--offset: 'x' is not a whole number"),
    ],
)
def test_bad_query_values_are_one_line_and_non_zero(cli_usage, db, argv, status, needle):
    code, out, err = cli_usage("events", "--db", db, *argv)
    assert code == status and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err, err


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["--batch-size", "0"], "--batch-size: 0 is out of range"),
        (["--batch-size", "-5"], "--batch-size: -5 is out of range"),
        (["--n-process", "0"], "--n-process: 0 is out of range"),
        (["--n-process", "-2"], "--n-process: -2 is out of range"),
        (["--max-chars", "ten"], "'ten' is not a whole number"),
    ],
)
def test_counts_no_run_can_use_are_refused(cli_usage, tmp_path, argv, needle):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = cli_usage("code", report, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and needle in err, err


def test_settings_refuse_the_same_values_from_python():
    from dragoman import Settings, UsageError

    for bad in ({"batch_size": 0}, {"n_process": -2}, {"n_process": True}, {"max_doc_chars": 0}):
        with pytest.raises(UsageError):
            Settings(**bad)


def test_csv_over_a_corpus_has_one_header(cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    texts = ["On 4 June 2023, Russia threatened Poland.", "On 5 May 2021, Egypt criticised Israel.", "Chile praised Peru."]
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    code, out, _ = cli("code", corpus, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][0] == "event_id"
    assert sum(1 for r in rows if r[0] == "event_id") == 1
    assert sorted({r[1] for r in rows[1:]}) == ["d0", "d1", "d2"]


def test_an_empty_result_is_still_a_csv_with_its_header(cli, tmp_path):
    report = tmp_path / "quiet.txt"
    report.write_text("The weather was mild all week.\n", encoding="utf-8")
    code, out, err = cli("code", report, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("event_id,") and len(out.splitlines()) == 1
    assert "0 events" in err


def test_two_files_with_one_name_are_both_kept(cli, tmp_path):
    for folder, text in (("a", "On 4 June 2023, Russia threatened Poland."), ("b", "On 5 May 2021, Egypt criticised Israel.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "d.db"
    code, _, err = cli("code", tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt", "--db", db)
    assert code == 0
    assert "id 'report' is already used by" in err and "coded as 'report~2'" in err
    _, out, _ = cli("events", "--db", db, "--format", "jsonl")
    assert {e["doc_id"]: e["source"]["country"] for e in _events(out)} == {"report": "RUS", "report~2": "EGY"}


def test_repeated_jsonl_ids_are_both_kept(cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [{"id": "x", "text": "On 4 June 2023, Russia threatened Poland."}, {"id": "x", "text": "Chile praised Peru."}]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, out, err = cli("code", corpus, "--format", "jsonl")
    assert code == 0 and f"{corpus}: id 'x' is already used by {corpus}" in err
    assert [e["doc_id"] for e in _events(out)] == ["x", "x~2"]


def test_the_deadline_survives_the_store(cli, tmp_path):
    report = tmp_path / "ultimatum.txt"
    report.write_text("On 3 March 2024, Turkey gave Syria an ultimatum to withdraw within 2 months.\n", encoding="utf-8")
    db = tmp_path / "d.db"
    _, coded, _ = cli("code", report, "--format", "jsonl", "--all")
    cli("code", report, "--db", db, "-q")
    _, stored, _ = cli("events", "--db", db, "--format", "jsonl", "--all")
    with_deadline = [e for e in _events(coded) if e["deadline"]]
    assert with_deadline, coded
    assert set(with_deadline[0]["deadline"]) == {"date", "precision", "basis", "date_end", "expression", "anchor", "flag"}
    assert _events(stored) == _events(coded)


def test_version_and_python_dash_m(cli):
    from dragoman import __version__

    run = subprocess.run([sys.executable, "-m", "dragoman", "--version"], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and run.stdout.strip() == f"dragoman {__version__}"


def test_every_option_has_help():
    import argparse

    from dragoman.cli import build_parser

    missing = []

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub)
            elif not action.help:
                missing.append(f"{parser.prog} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser())
    assert missing == []


def test_progress_shows_on_a_terminal_and_not_with_quiet(cli, tmp_path, monkeypatch):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": "Chile praised Peru."}) + "\n" for i in range(3)), encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, _, err = cli("code", corpus, "--format", "jsonl")
    assert "0/3 [" in err and "doc/s" in err  # the bar knows the total, so it can give an ETA
    _, _, err = cli("code", corpus, "--format", "jsonl", "-q")
    assert err == ""


def test_a_loaded_pipeline_loads_nothing_again(monkeypatch):
    import dragoman
    from dragoman import service

    calls = {"model": 0, "knowledge": 0}
    real_model, real_knowledge = service.load_model, service.load_knowledge

    def count(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(service, "load_model", count("model", real_model))
    monkeypatch.setattr(service, "load_knowledge", count("knowledge", real_knowledge))
    nlp = dragoman.load()
    first = nlp("On 4 June 2023, Russia threatened Poland.")
    second = list(nlp.pipe(["Chile praised Peru.", "On 5 May 2021, Egypt criticised Israel."]))
    assert calls == {"model": 1, "knowledge": 1}
    assert [e.target.country for e in first.acts()] == ["POL"]
    assert [r.document.doc_id for r in second] == ["text-1", "text-2"]
    assert [e.source.country for r in second for e in r.acts()] == ["CHL", "EGY"]


def test_events_as_a_dataframe_keep_codes_and_partial_dates(code_text):
    pandas = pytest.importorskip("pandas")
    from dragoman import events_frame

    result = code_text("In March 2025, Iran said that Oman was a friend. On 4 June 2023, Russia threatened Poland.")
    frame = events_frame(result.acts())
    assert list(frame["cameo"]) == ["051", "130"]  # calling Oman a friend is praise (a code with its leading zero)
    assert frame["cameo"].dtype == pandas.StringDtype() and frame["root"].iloc[0].startswith("0")
    assert list(frame["date"]) == ["2025-03", "2023-06-04"] and list(frame["date_precision"]) == ["month", "day"]
    assert list(frame["source_country"]) == ["IRN", "RUS"] and frame["goldstein"].dtype == pandas.Float64Dtype()


def test_a_query_never_writes_to_the_store(cli, db):
    import hashlib

    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert cli("events", "--db", db, "--format", "jsonl")[0] == 0
    assert cli("sources", "--db", db)[0] == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_store_of_an_older_dragoman_is_migrated_once_then_read(cli, tmp_path):
    from dragoman.store.sqlite import load_migrations, open_sqlite

    old = tmp_path / "old.db"
    open_sqlite(str(old), migrations=load_migrations()[:1]).close()  # the schema of dragoman's first release
    code, out, err = cli("events", "--db", old)
    assert code == 0 and out == "" and err.strip() == "dragoman: 0 events match"
    import sqlite3

    with sqlite3.connect(old) as conn:
        (version,) = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    assert version == load_migrations()[-1].version


def test_a_store_url_is_printed_without_its_password():
    from dragoman.cli import _without_password

    assert _without_password("postgresql://ana:s3cret@db.example:5433/events") == "postgresql://ana:***@db.example:5433/events"
    assert _without_password("postgresql://ana@db.example/events") == "postgresql://ana@db.example/events"
    assert _without_password("events.db") == "events.db"
