"""Fixtures of the web tests: a hand-made store, an app over it, and stores coded from real text."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from web_store import build_store

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "dragoman" / "examples" / "us-iran-2025.txt"


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> str:
    return str(build_store(tmp_path_factory.mktemp("web") / "tiny.db"))


@pytest.fixture(scope="session")
def make_client(tiny_db):
    """make_client(rate_limit=..., cors_origins=..., clock=...) -> a TestClient over the tiny store."""
    with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 instead of httpx; httpx works
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from fastapi.testclient import TestClient

    from dragoman.web.app import ServerSettings, create_app

    def make(db: str = tiny_db, *, clock=None, **settings) -> TestClient:
        settings.setdefault("rate_limit", 0)
        kwargs = {} if clock is None else {"clock": clock}
        return TestClient(create_app(ServerSettings(db=db, **settings), **kwargs), raise_server_exceptions=False)

    return make


@pytest.fixture(scope="session")
def client(make_client):
    return make_client()


def _code(loaded, path: Path, db: Path) -> str:
    import dragoman

    with dragoman.open_store(str(db)) as store:
        dragoman.code_into(store, loaded.read(path), loaded)
    return str(db)


@pytest.fixture(scope="session")
def example_db(loaded, tmp_path_factory) -> str:
    """The bundled example (what `make demo` codes), coded once per session."""
    return _code(loaded, EXAMPLE, tmp_path_factory.mktemp("example") / "example.db")


@pytest.fixture(scope="session")
def seed_db(loaded, shared_file, tmp_path_factory) -> str:
    """The seed article from ../shared, coded once per session (skips when ../shared is absent)."""
    return _code(loaded, shared_file("corpus", "seed-article.txt"), tmp_path_factory.mktemp("seed") / "seed.db")
