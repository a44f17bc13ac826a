"""Outputs never destroy a user's file (issue 9): never an input, never an existing file
without --force, always replaced whole; a write that fails is one line naming the output."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dragoman.errors import OutputError
from dragoman.outputs import check_output, open_output, output_path

REPORT = "On 4 June 2023, Russia threatened Poland.\n"
PHOENIX = "FRANCE [FRA]\nGERMANY [DEU]\n"


def _no_temporaries(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the pipeline fails the test: a refusal must come before anything is read."""
    import dragoman.service

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the pipeline was loaded before the output was checked")

    monkeypatch.setattr(dragoman.service, "load", refuse)


# ------------------------------------------------------------ the library


def test_a_new_output_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with open_output(str(path)) as out:
        out.write("one\n")
        assert not path.exists()  # nothing there until the end
    assert path.read_text() == "one\n" and _no_temporaries(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("old\n")
    with pytest.raises(RuntimeError):
        with open_output(str(path), force=True) as out:
            out.write("new, half written")
            raise RuntimeError("the run failed")
    assert path.read_text() == "old\n" and _no_temporaries(tmp_path)


def test_an_existing_output_is_replaced_only_with_force_keeping_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("old\n")
    path.chmod(0o640)
    with pytest.raises(OutputError, match=r"events\.csv: already exists; give --force to replace it"):
        check_output(str(path))
    with open_output(str(path), force=True) as out:
        out.write("new\n")
    assert path.read_text() == "new\n" and stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("alias", ["same", "dotted", "hard link", "symbolic link"])
def test_an_input_is_never_the_output_by_any_name(tmp_path: Path, alias: str) -> None:
    report = tmp_path / "q.txt"
    report.write_text(REPORT)
    other = {"same": report, "dotted": tmp_path / "." / "q.txt", "hard link": tmp_path / "h.txt", "symbolic link": tmp_path / "s.txt"}[alias]
    if alias == "hard link":
        os.link(report, other)
    if alias == "symbolic link":
        other.symlink_to(report)
    with pytest.raises(OutputError, match="is an input and cannot also be"):
        check_output(str(other), [str(report)], force=True)
    assert report.read_text() == REPORT


def test_a_symbolic_link_to_an_output_replaces_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    real = tmp_path / "runs" / "3.jsonl"
    real.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    with open_output(str(link), force=True) as out:
        out.write("new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_devices_are_written_straight_into() -> None:
    with open_output("/dev/null") as out:
        out.write("gone\n")
    with pytest.raises(OutputError, match=r"^/dev/full: cannot write \(No space left on device\)$"):
        with open_output("/dev/full") as out:
            out.write("x" * 100_000)


def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        check_output(str(tmp_path))
    with pytest.raises(OutputError, match="no such folder"):
        check_output(str(tmp_path / "no" / "x.jsonl"))


def test_output_path_removes_the_temporary_when_the_writer_fails(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("mine\n")
    with pytest.raises(OutputError, match=r"mine\.yaml: cannot write \(Permission denied\)"):
        with output_path(str(path), force=True) as temporary:
            Path(temporary).write_text("half")
            raise PermissionError(13, "Permission denied")
    assert path.read_text() == "mine\n" and _no_temporaries(tmp_path)


# ------------------------------------------------------------ the commands


def test_code_refuses_its_input_as_output_before_reading_anything(cli, tmp_path: Path, no_model: None) -> None:
    report = tmp_path / "q.txt"
    report.write_text(REPORT)
    code, out, err = cli("code", report, "-o", report)
    assert (code, out) == (1, "") and err == f"dragoman: error: {report}: is an input and cannot also be the output; name another output file\n"
    assert report.read_text() == REPORT


def test_code_refuses_the_database_as_output_and_an_existing_output(cli, tmp_path: Path, no_model: None) -> None:
    report, db, events = tmp_path / "q.txt", tmp_path / "x.db", tmp_path / "events.jsonl"
    report.write_text(REPORT)
    code, _, err = cli("code", report, "--db", db, "-o", db)
    assert code == 1 and "is an input" in err and not db.exists()
    events.write_text("keep\n")
    code, _, err = cli("code", report, "-o", events, "--format", "jsonl")
    assert code == 1 and err == f"dragoman: error: {events}: already exists; give --force to replace it\n"
    assert events.read_text() == "keep\n"


def test_code_replaces_an_output_with_force_and_fails_on_a_full_disk(cli, tmp_path: Path) -> None:
    report, events = tmp_path / "q.txt", tmp_path / "events.jsonl"
    report.write_text(REPORT)
    events.write_text("old\n")
    code, out, _ = cli("code", report, "-o", events, "--format", "jsonl", "--force", "-q")
    assert (code, out) == (0, "") and events.read_text().startswith('{"event_id"')
    code, out, err = cli("code", report, "-o", "/dev/full", "--format", "jsonl", "-q")
    assert (code, out, err) == (1, "", "dragoman: error: /dev/full: cannot write (No space left on device)\n")
    assert _no_temporaries(tmp_path)


def test_events_refuses_the_database_and_an_existing_output(cli, tmp_path: Path) -> None:
    db, events = tmp_path / "x.db", tmp_path / "e.csv"
    code, _, err = cli("events", "--db", db, "-o", db)
    assert code == 1 and "is an input" in err and not db.exists()
    events.write_text("keep\n")
    code, _, err = cli("events", "--db", db, "-o", events)
    assert code == 1 and "already exists; give --force" in err and events.read_text() == "keep\n"


def test_actors_import_never_replaces_its_input(cli, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(PHOENIX)
    code, out, err = cli("actors", "import", mine)
    assert (code, out) == (1, "") and "is an input and cannot also be the output" in err
    assert mine.read_text() == PHOENIX


def test_actors_import_writes_beside_a_file_in_a_dotted_folder(cli, tmp_path: Path) -> None:
    folder = tmp_path / "dir.v2"
    folder.mkdir()
    (folder / "DICT").write_text(PHOENIX)
    (tmp_path / "dir.yaml").write_text("not mine to touch\n")
    code, out, _ = cli("actors", "import", folder / "DICT")
    assert code == 0 and out.startswith(f"{folder / 'DICT'}: 2 states written to {folder / 'DICT.yaml'}")
    assert "FRA" in (folder / "DICT.yaml").read_text() and (tmp_path / "dir.yaml").read_text() == "not mine to touch\n"
    code, _, err = cli("actors", "import", folder / "DICT")
    assert code == 1 and "already exists; give --force" in err
    code, _, _ = cli("actors", "import", folder / "DICT", "--force")
    assert code == 0 and _no_temporaries(folder)


def test_actors_import_refuses_two_inputs_with_one_output(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PHOENIX)
    (tmp_path / "a.dat").write_text(PHOENIX)
    code, _, err = cli("actors", "import", tmp_path / "a.txt", tmp_path / "a.dat")
    assert code == 1 and "would both be written to" in err and not (tmp_path / "a.yaml").exists()
