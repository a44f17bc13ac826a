"""`dragoman code` on inputs at scale (issue 12): folders, patterns, standard input, compressed
files, CSV with a field mapping; a rerun into a store skips what is coded; outputs are never inputs."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

THREAT = "On 4 June 2023, Russia threatened Poland."
TALKS = "On 5 June 2023, Poland and Germany held talks in Berlin."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "2023" / "june").mkdir(parents=True)
    (root / "2023" / "june" / "threat.txt").write_text(THREAT, encoding="utf-8")
    (root / "2023" / "talks.txt.gz").write_bytes(gzip.compress(TALKS.encode()))
    (root / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": THREAT}) + "\n", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "old.txt").write_text(TALKS, encoding="utf-8")
    return root


def doc_ids(out: str) -> list[str]:
    return sorted({json.loads(line)["doc_id"] for line in out.splitlines()})


def test_a_folder_codes_every_report_in_it(cli, corpus) -> None:
    code, out, _ = cli("code", corpus, "--format", "jsonl")
    assert code == 0 and doc_ids(out) == ["2023/june/threat", "2023/talks", "f1"]


def test_a_pattern_the_shell_did_not_expand(cli, corpus) -> None:
    code, out, _ = cli("code", str(corpus / "**" / "*.txt*"), "--format", "jsonl")
    assert code == 0 and doc_ids(out) == ["2023/june/threat", "2023/talks"]


def test_a_pattern_that_matches_nothing_is_one_line_and_the_rest_is_coded(cli, corpus) -> None:
    code, out, err = cli("code", str(corpus / "*.nothing"), corpus / "feed.jsonl", "--format", "jsonl")
    assert code == 1 and doc_ids(out) == ["f1"]
    assert err.strip() == f"dragoman: error: {corpus / '*.nothing'}: no file matches this pattern"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8"))


def test_standard_input_is_jsonl_by_default(cli, monkeypatch) -> None:
    _stdin(monkeypatch, (json.dumps({"id": "in-1", "text": THREAT}) + "\n").encode())
    code, out, _ = cli("code", "-", "--format", "jsonl")
    assert code == 0 and doc_ids(out) == ["in-1"]


def test_standard_input_as_text_or_compressed(cli, monkeypatch) -> None:
    _stdin(monkeypatch, THREAT.encode())
    code, out, _ = cli("code", "-", "--input-format", "txt", "--format", "jsonl")
    assert code == 0 and doc_ids(out) == ["stdin"]
    _stdin(monkeypatch, gzip.compress((json.dumps({"id": "gz", "text": THREAT}) + "\n").encode()))
    code, out, _ = cli("code", "-", "--format", "jsonl")
    assert code == 0 and doc_ids(out) == ["gz"]


def test_a_csv_corpus_through_a_field_mapping(cli, tmp_path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('link,body,published\nhttps://example.org/1,"' + THREAT + '",Sun 04 Jun 2023 09:00:00 +0000\n', encoding="utf-8")
    code, out, _ = cli("code", path, "--text-field", "body", "--id-field", "link", "--date-field", "published", "--format", "jsonl")
    (event,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and event["doc_id"] == "https://example.org/1" and event["date"] == "2023-06-04"


def test_a_mapping_the_file_cannot_meet_is_one_line(cli, tmp_path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("content\n" + THREAT + "\n", encoding="utf-8")
    code, out, err = cli("code", path, "--text-field", "body")
    assert code == 1 and out == ""
    assert err.strip() == f'dragoman: error: {path}: no column "body" (--text-field); its columns are "content"'


def test_an_output_in_a_folder_that_is_read_is_refused_once_it_is_an_input(cli, corpus) -> None:
    output = corpus / "events.jsonl"
    assert cli("code", corpus, "--format", "jsonl", "-o", output)[0] == 0
    before = output.read_bytes()
    code, _, err = cli("code", corpus, "--format", "jsonl", "-o", output, "--force")
    assert code == 1 and "is an input and cannot also be the output" in err
    assert output.read_bytes() == before


def test_a_rerun_into_a_store_skips_what_is_coded_and_writes_the_same_events(cli, corpus, tmp_path) -> None:
    db = tmp_path / "events.db"
    code, first, err = cli("code", corpus, "--db", db, "--format", "jsonl")
    assert code == 0 and err.strip().endswith(f"coded 3 documents, 4 events into {db}")
    code, again, err = cli("code", corpus, "--db", db, "--format", "jsonl")
    assert code == 0 and again == first
    assert err.strip() == f"dragoman: coded 0 documents, 0 events into {db}; 3 already coded, skipped (--recode codes them again)"
    (corpus / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": TALKS}) + "\n", encoding="utf-8")
    code, _, err = cli("code", corpus, "--db", db)
    assert code == 0 and err.strip().endswith("coded 1 documents, 2 events into " + f"{db}; 2 already coded, skipped (--recode codes them again)")
    code, _, err = cli("code", corpus, "--db", db, "--recode")
    assert code == 0 and err.strip() == f"dragoman: coded 3 documents, 5 events into {db}"


def test_recode_without_a_store_is_a_usage_error(capsys, corpus) -> None:
    from dragoman.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["code", str(corpus), "--recode"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "--recode is for --db" in err and "Traceback" not in err


def test_actors_unresolved_reads_a_folder(cli, corpus) -> None:
    code, _, _ = cli("actors", "unresolved", corpus, "--limit", "5")
    assert code == 0


def test_the_parser_names_what_ingest_knows() -> None:
    from dragoman import cli as cli_module
    from dragoman.ingest.rows import ROLES
    from dragoman.ingest.sources import FORMATS

    assert cli_module.INPUT_FORMATS == FORMATS and set(cli_module._FIELD_ROLES) == set(ROLES)
