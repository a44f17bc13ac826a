"""The command line as a user meets it: outputs, the store, and every kind of bad input."""

from __future__ import annotations

import json

import pytest


REPORT = (
    "Border talks\n\n"
    "On 4 June 2023, Russia threatened Poland with missile strikes. "
    "The next day, Poland and Germany held talks in Berlin.\n"
)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path



def test_code_jsonl_output(cli, report):
    code, out, _ = cli("code", report, "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    threat = next(e for e in events if e["root"] == "13")
    assert (threat["source"]["country"], threat["target"]["country"], threat["date"]) == ("RUS", "POL", "2023-06-04")
    assert REPORT[threat["span"][0] : threat["span"][1]] == threat["sentence"]
    assert REPORT[threat["trigger_span"][0] : threat["trigger_span"][1]] == "threatened"


def test_code_table_and_csv(cli, report, tmp_path):
    code, out, _ = cli("code", report)
    assert code == 0 and "(RUS" in out and "2023-06-04" in out
    target = tmp_path / "events.csv"
    code, _, _ = cli("code", report, "--format", "csv", "--output", target)
    assert code == 0 and target.read_text().startswith("event_id,")


def test_store_round_trip_without_duplicates(cli, report, tmp_path):
    db = tmp_path / "d.db"
    assert cli("code", report, "--db", db)[0] == 0
    assert cli("code", report, "--db", db)[0] == 0  # re-coding the same report
    code, out, _ = cli("events", "--db", db, "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(events) == len({e["event_id"] for e in events}) > 0
    code, out, _ = cli("events", "--db", db, "--actor", "RUS", "--since", "2023-06", "--format", "jsonl")
    assert code == 0 and all("RUS" in (e["source"]["country"], (e["target"] or {}).get("country")) for e in map(json.loads, out.splitlines()))


def _bad(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "whitespace"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 100, "binary"),
        ("latin1.txt", "Caf\u00e9 talks in Paris".encode("latin-1"), "UTF-8"),
        ("bad.jsonl", b"not json\n{\"id\": 1}\n[1, 2]\n", "no document"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(cli, tmp_path, name, data, needle):
    path = _bad(tmp_path, name, data)
    code, _, err = cli("code", path)
    assert code != 0
    lines = [line for line in err.splitlines() if "error" in line]
    assert len(lines) == 1 and str(path) in lines[0] and needle.lower() in lines[0].lower(), err


def test_missing_path(cli, tmp_path):
    code, _, err = cli("code", tmp_path / "nope.txt")
    assert code == 1 and "nope.txt" in err and len(err.strip().splitlines()) == 1


def test_twenty_megabytes_of_text_is_refused_clearly(cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(("Iran and Oman held talks. " * 40 + "\n\n") * 20_000, encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    code, _, err = cli("code", path)
    assert code == 1 and "big.txt" in err and "split" in err


def test_jsonl_bad_lines_warn_and_good_lines_are_coded(cli, tmp_path):
    path = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "a1", "text": "On 4 June 2023, Russia threatened Poland."})
    path.write_text(f"{{broken\n{good}\n{json.dumps({'id': 'x'})}\n", encoding="utf-8")
    code, out, err = cli("code", path, "--format", "jsonl")
    assert code == 0
    assert f"{path}:1" in err and f"{path}:3" in err
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["a1"]


def test_bad_input_never_touches_the_stored_events(cli, report, tmp_path):
    db = tmp_path / "d.db"
    cli("code", report, "--db", db)
    before = cli("events", "--db", db, "--format", "jsonl")[1]
    bad = _bad(tmp_path, "b.txt", b"\x00\x00")
    assert cli("code", bad, "--db", db)[0] == 1
    assert cli("events", "--db", db, "--format", "jsonl")[1] == before


def test_a_file_that_is_not_a_database_is_refused_unchanged(cli, report, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    code, _, err = cli("code", report, "--db", notes)
    assert code == 1 and "notes.txt" in err
    assert notes.read_text(encoding="utf-8") == "my notes"


def test_events_on_a_missing_database(cli, tmp_path):
    code, _, err = cli("events", "--db", tmp_path / "none.db")
    assert code == 1 and "none.db" in err


def test_two_processes_give_the_same_events(cli, tmp_path):
    path = tmp_path / "c.jsonl"
    texts = [
        "On 4 June 2023, Russia threatened Poland.",
        "On 5 May 2021, Egypt and Israel signed a trade deal.",
        "The French president criticised Britain over fishing.",
    ] * 4
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    one = cli("code", path, "--format", "jsonl")[1]
    two = cli("code", path, "--format", "jsonl", "--n-process", "2")[1]
    assert one and one == two


def test_the_document_size_limit_can_be_raised(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("On 4 June 2023, Russia threatened Poland. " * 50, encoding="utf-8")
    code, _, err = cli("code", path, "--max-chars", "100")
    assert code == 1 and "--max-chars" in err
    code, out, _ = cli("code", path, "--max-chars", "100000", "--format", "jsonl")
    assert code == 0 and out


def test_an_html_report_is_coded_with_its_footnotes(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Border row</title><script>var x = 1;</script></head><body>"
        "<nav>Jump to content</nav><h1>Border row</h1>"
        "<p>On 4 June 2023, Russia threatened Poland with missile strikes.<sup class='reference'>[1]</sup></p>"
        "<h2>References</h2><ol class='references'><li>^ \"Warning to Warsaw\". Baltic Wire. 5 June 2023.</li></ol>"
        "</body></html>",
        encoding="utf-8",
    )
    code, out, _ = cli("code", page, "--format", "jsonl")
    (event,) = [json.loads(line) for line in out.splitlines()]
    assert (event["source"]["country"], event["target"]["country"], event["root"]) == ("RUS", "POL", "13")
    assert [(c["key"], c["outlet"], c["published"]) for c in event["citations"]] == [("1", "Baltic Wire", "2023-06-05")]
