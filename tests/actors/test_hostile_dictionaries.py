"""Hostile dictionaries (issue 19, items 10 and 12): a device, a pipe, a binary file or JSON nested
50,000 deep, named as a dictionary, is one line naming the file, never a hang, a traceback or a
dictionary made of its bytes."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from dragoman.actors import import_phoenix, load_knowledge
from dragoman.errors import KnowledgeError
from dragoman.yamlfile import read_bytes

BINARY = sys.executable  # an executable: NUL bytes within its first few


def test_a_device_is_refused_unread() -> None:
    with pytest.raises(KnowledgeError, match=r"^/dev/zero: not a regular file \(a device, a pipe or a socket\); give the actor dictionary file itself$"):
        load_knowledge(["/dev/zero"], builtin=False)


def test_a_pipe_is_refused_unread(tmp_path: Path) -> None:
    fifo = tmp_path / "actors.txt"
    os.mkfifo(fifo)
    handle = os.open(fifo, os.O_RDWR)  # a writer that never writes: reading it would wait for ever
    try:
        with pytest.raises(KnowledgeError, match="actors.txt: not a regular file"):
            import_phoenix(str(fifo))
    finally:
        os.close(handle)


def test_a_binary_file_is_no_dictionary(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r": a binary file, not text \(a NUL byte at byte \d+\); give the Phoenix dictionary file itself$"):
        import_phoenix(BINARY)
    with pytest.raises(KnowledgeError, match=r": a binary file, not text"):
        load_knowledge([BINARY], builtin=False)


def test_bytes_without_nul_that_are_no_text_are_no_phoenix_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 256)) * 40)  # not UTF-8, no NUL: Latin-1 would take it
    with pytest.raises(KnowledgeError, match=r"noise.txt: a binary file, not text \([\d,]+ control characters\)"):
        import_phoenix(str(path))


def test_a_latin1_dictionary_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.test.txt"
    path.write_bytes("SAO_TOM\xc9 [STP]\nC\xd4TE_D'IVOIRE [CIV]\n".encode("latin-1"))
    assert import_phoenix(str(path)).entries


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dragoman.yamlfile as yamlfile

    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("states: []\n" + "# padding\n" * 200, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="big.yaml: over 0 MB"):
        read_bytes(path)


def test_json_lines_nested_50000_deep_is_one_line_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "actors.jsonl"
    path.write_text('{"states": []}\n{"states": ' + "[" * 50_000 + "]" * 50_000 + "}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"actors.jsonl:2: nested too deeply to be an actor document$"):
        load_knowledge([str(path)], builtin=False)
    path.write_text('{"states": ' + "[" * 500 + "]" * 500 + "}\n", encoding="utf-8")  # parsed, then refused
    with pytest.raises(KnowledgeError, match=r"actors.jsonl:1: nested too deeply .*more than 100 levels"):
        load_knowledge([str(path)], builtin=False)


def test_the_cli_says_one_line_for_a_binary_or_device_dictionary(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Russia threatened Poland.", encoding="utf-8")
    code, out, err = cli("actors", "import", BINARY, "--output", tmp_path / "ls.yaml")
    assert code == 1 and err.count("\n") == 1 and "a binary file, not text" in err and not (tmp_path / "ls.yaml").exists()
    for option, path in (("--actors", "/dev/zero"), ("--verbs", "/dev/zero"), ("--discards", BINARY)):
        code, out, err = cli("code", report, option, path, "--format", "jsonl")
        assert code == 1 and err.count("\n") == 1 and err.startswith(f"dragoman: error: {path}: "), (option, err)


@pytest.mark.skipif(shutil.which("ls") is None, reason="no ls")
def test_actors_import_of_ls_writes_nothing(cli, tmp_path: Path) -> None:
    code, _, err = cli("actors", "import", shutil.which("ls"), "--output", tmp_path / "out.yaml")
    assert code == 1 and "binary" in err and not (tmp_path / "out.yaml").exists()
