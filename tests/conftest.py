"""Shared fixtures: the model and knowledge load once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Compiled knowledge is cached between runs (dragoman.knowledge): the tests keep theirs under
# the checkout's build/ folder, not in the user's home; CLI subprocesses inherit the variable.
os.environ.setdefault("DRAGOMAN_CACHE", str(Path(__file__).resolve().parents[1] / "build" / "knowledge-cache"))


def _shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the ../shared reference data is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def shared_file():
    """shared_file("corpus", "seed-article.txt"): a file under ../shared, or skip saying what is missing."""
    return _shared_file


@pytest.fixture(scope="session")
def loaded():
    """The pipeline as users load it (`dragoman.load()`): knowledge and model, once per session."""
    import dragoman

    return dragoman.load(dragoman.Settings())


@pytest.fixture(scope="session")
def nlp(loaded):
    return loaded.model()


@pytest.fixture(scope="session")
def knowledge(loaded):
    return loaded.knowledge


@pytest.fixture(scope="session")
def code_text(loaded):
    """Code a text as one document: code_text("Iran threatened ...") -> DocumentResult."""

    def run(text: str, date: str | None = None, doc_id: str = "t"):
        return loaded(text, date=date, doc_id=doc_id)

    return run


@pytest.fixture
def cli(capsys):
    """cli("code", path, "--format", "jsonl") -> (exit code, stdout, stderr); never a traceback."""
    from dragoman.cli import main

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


@pytest.fixture
def cli_usage(capsys):
    """As `cli`, with a usage mistake (argparse's exit 2) returned as its exit code."""
    from dragoman.cli import main

    def run(*argv):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as stop:
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run
