"""Actor commands: user dictionaries, unresolved names, PETRARCH/Phoenix import."""

from __future__ import annotations

import json

import pytest




def test_a_user_dictionary_resolves_a_new_official(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("On 2 May 2024, Zorvan Quillet threatened Chile with missile strikes.\n", encoding="utf-8")
    code, out, _ = cli("code", report, "--format", "jsonl")
    assert code == 0 and not [json.loads(line) for line in out.splitlines()]
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "people:\n  - name: Zorvan Quillet\n    aliases: [Quillet]\n    country: BOL\n"
        "    roles:\n      - {sector: GOV, start: 2023-01-01, end: null, title: defence minister}\n",
        encoding="utf-8",
    )
    code, out, _ = cli("code", report, "--format", "jsonl", "--actors", mine)
    (event,) = [json.loads(line) for line in out.splitlines()]
    assert (event["source"]["code"], event["target"]["country"], event["root"]) == ("BOLGOV", "CHL", "13")


def test_a_broken_user_dictionary_is_one_clear_line(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Chile praised Peru.\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - name: X\n    roles: [{start: not-a-date}]\n", encoding="utf-8")
    code, _, err = cli("code", report, "--actors", bad)
    assert code == 1 and "bad.yaml" in err and len(err.strip().splitlines()) == 1


def test_unresolved_names_are_listed_by_frequency(cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    texts = ["Blorvik Tandem criticised Chile.", "Blorvik Tandem praised Peru.", "Ostrava Menk visited Chile."]
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    code, out, _ = cli("actors", "unresolved", corpus)
    rows = [line.split(None, 1) for line in out.splitlines()]
    assert code == 0 and rows[0] == ["2", "Blorvik Tandem"]


def test_phoenix_import_reports_what_it_could_not_read(cli, tmp_path, shared_file):
    source = shared_file("reference", "phoenix", "Phoenix.MilNonState.actors.txt")
    target = tmp_path / "mil.yaml"
    code, out, err = cli("actors", "import", source, "--output", target)
    assert code == 0 and target.exists()
    assert "organisations" in out and "lines not read" in out
    assert f"{source}:" in err  # each unreadable line is named with its number
    # the converted file loads as a user dictionary
    report = tmp_path / "r.txt"
    report.write_text("On 4 May 2010, Hezbollah threatened Israel.\n", encoding="utf-8")
    code, out, _ = cli("code", report, "--format", "jsonl", "--actors", target)
    assert code == 0 and json.loads(out.splitlines()[0])["source"]["country"] == "LBN"


def test_actors_without_an_action_says_what_to_do(capsys):
    from dragoman.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["actors"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "{import,unresolved}" in err and "Traceback" not in err
