"""What the happenings tests share: the reports of reports.yaml coded into a store of each kind.

`store_url` is a fresh store (an SQLite file, or a PostgreSQL schema of its own when
DRAGOMAN_TEST_POSTGRES names a server; without one the PostgreSQL runs skip, saying
why) holding the documents of reports.yaml, coded through the real pipeline
(`dragoman.load()`, `code_into`). Each test codes them into a store of its own.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import yaml

from dragoman.records import Document
from dragoman.service import code_into
from dragoman.store import open_store

POSTGRES_ENV = "DRAGOMAN_TEST_POSTGRES"
REPORTS = Path(__file__).with_name("reports.yaml")


@pytest.fixture(scope="session")
def cases() -> dict[str, Any]:
    return yaml.safe_load(REPORTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus(cases, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documents of reports.yaml as a JSONL corpus, one document a line, as users give them."""
    path = tmp_path_factory.mktemp("happenings") / "reports.jsonl"
    lines = [
        json.dumps(
            {
                "id": d["id"],
                "title": d["id"],
                "date": d["date"],
                "outlet": d["outlet"],
                "text": d["text"],
            }
        )
        for d in cases["documents"]
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def documents(corpus: Path, loaded) -> list[Document]:
    """The documents of the corpus, as the reader gives them."""
    return list(loaded.read(corpus))


def _in_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    options = " ".join(
        [
            *(v for k, v in parse_qsl(parts.query) if k == "options"),
            f"-csearch_path={schema}",
        ]
    )
    return urlunsplit(parts._replace(query=urlencode([*query, ("options", options)])))


@pytest.fixture(scope="session")
def postgres_server() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(
            f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"
        )
    psycopg = pytest.importorskip(
        "psycopg", reason="psycopg is not installed: pip install 'dragoman[postgres]'"
    )
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(
            f"{POSTGRES_ENV} names a PostgreSQL server that cannot be reached: {' '.join(str(exc).split())}"
        )
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A location for a fresh store of each kind."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    import psycopg

    server = request.getfixturevalue("postgres_server")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with closing(psycopg.connect(server, autocommit=True)) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _in_schema(server, schema)
    finally:
        with closing(psycopg.connect(server, autocommit=True)) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store_url(empty_url: str, documents: list[Document], loaded) -> str:
    """A store of each kind into which the reports were coded (`code_into`, the real pipeline)."""
    with open_store(empty_url) as store:
        summary = code_into(store, documents, loaded)
    assert summary.documents == len(documents)
    return empty_url
