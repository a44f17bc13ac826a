"""Every hostile input of issue 9 through the command line: a one-line error naming the file
(and line) with a non-zero exit, or events; never a traceback.

One `dragoman code` run takes every input (the pipeline loads once); a file that cannot be
read is reported and skipped, so the run's stderr says, line by line, what became of each.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

NEWS = "On 4 June 2023, Russia threatened Poland."


def _hostile_inputs(folder: Path) -> dict[str, bytes]:
    return {
        "marked.html": f"<p>{NEWS}</p><![ x".encode(),
        "list.html": ("<ol>" + "".join(f"<li>{NEWS[:-1]} {i}.</li>" for i in range(1200)) + "</ol>").encode(),
        "deep.jsonl": (json.dumps({"id": "deep-a", "text": NEWS}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"
                       + json.dumps({"id": "deep-b", "text": NEWS}) + "\n").encode(),  # fmt: skip
        "digits.jsonl": ('{"id": ' + "9" * 5000 + ', "text": "' + NEWS + '"}\n').encode(),
        "surrogates.jsonl": ('{"id": "\\ud800", "text": "Russia \\udc00threatened Poland on 4 June 2023."}\n').encode(),
        "utf16.txt": codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"),
        "broken16.txt": codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le") + b"\x00\xdc",
        "nul.txt": (NEWS + " ") .encode() * 300 + b"\x00",
        "amp.html": b"&" * 300_000,
        "stray.html": f"<p>{NEWS}</p>".encode() + b"</b>" * 50_000,
        "unclosed.html": b"<ul>" + f"<li>{NEWS} ".encode() * 300,
        "open-tags.html": f"<p>{NEWS}</p>".encode() + b"<a b " * 50_000,
        "one-line.txt": (NEWS[:-1] + " and ") .encode() * 5000,
    }


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("hostile")
    for name, data in _hostile_inputs(folder).items():
        (folder / name).write_bytes(data)
    names = sorted(_hostile_inputs(folder))
    done = subprocess.run(
        [sys.executable, "-m", "dragoman", "code", *(str(folder / n) for n in names), "--format", "jsonl", "--all", "-q"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr, folder


def test_no_traceback_and_every_message_is_one_line_naming_its_file(hostile_run: tuple[int, str, str, Path]) -> None:
    code, _, err, folder = hostile_run
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.startswith(("dragoman: error: ", "dragoman: warning: ")) and str(folder) in line for line in lines), err


def test_only_the_binary_and_the_broken_files_are_refused(hostile_run: tuple[int, str, str, Path]) -> None:
    code, _, err, folder = hostile_run
    errors = [line for line in err.splitlines() if line.startswith("dragoman: error: ")]
    assert code == 1
    assert errors == [
        f"dragoman: error: {folder / 'broken16.txt'}: starts as UTF-16 but is not valid UTF-16 at byte 84; re-encode the file as UTF-8",
        f"dragoman: error: {folder / 'nul.txt'}: binary file, not text (a NUL byte at byte 12600); give a .txt, .html or .jsonl file",
    ]


def test_the_skipped_lines_are_warnings_naming_file_and_line(hostile_run: tuple[int, str, str, Path]) -> None:
    _, _, err, folder = hostile_run
    warnings = [line for line in err.splitlines() if line.startswith("dragoman: warning: ")]
    assert warnings == [
        f"dragoman: warning: {folder / 'deep.jsonl'}:2: not a JSON object; line skipped",  # an array: skipped unparsed
        f"dragoman: warning: {folder / 'digits.jsonl'}:1: \"id\" is 5,000 characters long, over 256; coded as 'digits-1'",
    ]


def test_every_other_input_is_coded(hostile_run: tuple[int, str, str, Path]) -> None:
    _, out, _, _ = hostile_run
    events = [json.loads(line) for line in out.splitlines()]
    by_document: dict[str, int] = {}
    for event in events:
        by_document[event["doc_id"]] = by_document.get(event["doc_id"], 0) + 1
    assert by_document["list"] == 1200 and by_document["unclosed"] == 300
    for doc_id in ("marked", "deep-a", "deep-b", "digits-1", "\ufffd", "utf16", "stray", "open-tags", "one-line"):
        assert by_document.get(doc_id, 0) >= 1, doc_id
    assert "amp" not in by_document  # ampersands are a document without events


EDGE_DATES = ["0001-01-01", "9999-12-31", "0001", "9999"]
RELATIVE = ["Last year Iran warned Israel.", "Next year Iran will meet Israel.", "Iran demanded compliance within 2 months."]


def test_document_dates_at_the_calendars_edges(tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = tmp_path / "edges.jsonl"
    corpus.write_text("".join(
        json.dumps({"id": f"edge-{i}-{j}", "date": d, "text": t}) + "\n" for i, d in enumerate(EDGE_DATES) for j, t in enumerate(RELATIVE)
    ))  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "dragoman", "code", str(corpus), "--format", "jsonl", "--all", "-q"],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted({e["doc_id"] for e in events}) == sorted(f"edge-{i}-{j}" for i in range(4) for j in range(3))
    assert {e["date"] for e in events if e["doc_id"] == "edge-0-0"} == {"0001-01-01"}  # "last year" has no date: the document's


# ------------------------------------------------------------ actor dictionaries

ACTOR_YAML = "states:\n  - name: Cafeland\n    code: CAF\n"


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("latin1.yaml", "states:\n  - name: Caf\xe9land\n    code: CAF\n".encode("latin-1"), "not valid UTF-8 at byte 21; re-encode"),
        ("deep.yaml", b"states: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nested too deeply to be a dictionary file"),
        ("deepmap.yaml", b"states:\n" + b"".join(b"  " * i + b"a:\n" for i in range(1, 3000)), "nested too deeply"),
        ("month13.yaml", (ACTOR_YAML + "    from: 2024-13-01\n").encode(), "not valid YAML (month must be in 1..12)"),
    ],
)
def test_a_broken_actor_file_is_one_line_naming_it(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    from dragoman.actors import load_knowledge
    from dragoman.errors import KnowledgeError

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(KnowledgeError) as exc:
        load_knowledge([str(path)], builtin=False)
    message = str(exc.value)
    assert "\n" not in message and message.startswith(str(path)) and needle in message


def test_a_utf16_actor_file_is_read_or_refused(tmp_path: Path) -> None:
    from dragoman.actors import load_knowledge
    from dragoman.errors import KnowledgeError

    path = tmp_path / "utf16.yaml"
    path.write_bytes(ACTOR_YAML.encode("utf-16"))
    try:
        knowledge = load_knowledge([str(path)], builtin=False)
    except KnowledgeError as exc:
        assert "UTF-16" in str(exc)
    else:
        assert list(knowledge.entities) == ["state:CAF"]
