"""Stores chosen by URL scheme, and a store package without import cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dragoman.store
from dragoman.errors import StoreError
from dragoman.store import STORES, lazy_opener, open_store
from dragoman.store.sqlite import SqliteStore, open_sqlite_url

PACKAGE = Path(dragoman.store.__file__).parent


def test_the_registry_holds_sqlite_and_postgres_and_cannot_be_changed() -> None:
    assert sorted(STORES) == ["postgres", "postgresql", "sqlite"]
    assert STORES["sqlite"] is open_sqlite_url
    with pytest.raises(TypeError):
        STORES["mysql"] = open_sqlite_url  # type: ignore[index]


def test_unknown_schemes_list_the_known_ones_and_not_the_url() -> None:
    with pytest.raises(StoreError) as info:
        open_store("mysql://admin:secret@host/db")
    assert str(info.value) == (
        "mysql://...: unknown store; known schemes: postgres://, postgresql://, sqlite:// (or a bare path for SQLite)"
    )


def test_importing_dragoman_does_not_import_the_postgres_driver() -> None:
    code = "import sys, dragoman, dragoman.store; print(sorted(m for m in sys.modules if m.startswith(('psycopg', 'dragoman.store.postgres'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


@pytest.mark.parametrize("url", ["postgres://user:secret@/db?host=/nowhere", "postgresql://user:secret@/db?host=/nowhere",
                                 "PostgreSQL://user:secret@/db?host=/nowhere"])  # fmt: skip
def test_without_psycopg_postgres_urls_say_what_to_install(monkeypatch, url) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    monkeypatch.delitem(sys.modules, "dragoman.store.postgres", raising=False)
    with pytest.raises(StoreError) as info:
        open_store(url)
    scheme = url.partition("://")[0].lower()
    assert str(info.value) == (
        f"{scheme}://...: PostgreSQL stores need psycopg, which is not installed: pip install 'dragoman[postgres]'"
    )


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(StoreError, match="no store given"):
        open_store("")


def test_schemes_are_case_insensitive(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("SQLite:///upper.db") as store:
        assert isinstance(store, SqliteStore) and store.path == "upper.db"
    assert (tmp_path / "upper.db").exists()


@pytest.mark.parametrize(
    ("name", "path"),
    [("events.db", "events.db"), ("sqlite:///events.db", "events.db"), ("sub/e.db", "sub/e.db"),
     (":memory:", ":memory:"), ("sqlite://", ":memory:")],
)  # fmt: skip
def test_bare_paths_and_sqlite_urls_name_the_same_files(tmp_path, monkeypatch, name, path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with open_store(name) as store:
        assert isinstance(store, SqliteStore) and (store.path, store.read_only) == (path, False)


def test_an_absolute_bare_path(tmp_path) -> None:
    path = str(tmp_path / "abs.db")
    with open_store(path) as store:
        assert isinstance(store, SqliteStore) and store.path == path
    with open_store(f"sqlite:///{path}", read_only=True) as store:
        assert isinstance(store, SqliteStore) and (store.path, store.read_only) == (path, True)


def test_a_lazy_opener_imports_its_module_when_used(tmp_path) -> None:
    opener = lazy_opener("dragoman.store.sqlite:open_sqlite_url")
    path = str(tmp_path / "lazy.db")
    with opener("/" + path, False) as store:
        assert isinstance(store, SqliteStore) and store.path == path
    with pytest.raises(StoreError, match="the store opener dragoman.store.nowhere:open is not available"):
        lazy_opener("dragoman.store.nowhere:open")("", False)
    with pytest.raises(StoreError, match="not available"):
        lazy_opener("dragoman.store.sqlite:no_such_function")("", False)


# ---------------------------------------------------------------- imports


def imported_modules(path: Path) -> set[str]:
    """The dragoman modules a module of the store package names in its imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # Relative to dragoman.store, where every module checked here lives.
            package = ["dragoman", "store"][: max(0, 3 - node.level)] if node.level else []
            module = ".".join([*package, *([node.module] if node.module else [])])
            found.add(module)
            if module == "dragoman":  # "from .. import store" imports dragoman.store
                found.update(f"dragoman.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and node.value == "dragoman.store":
            found.add("dragoman.store")  # importlib.import_module or resources.files by name
    return {name for name in found if name.startswith("dragoman")}


def test_no_module_of_the_store_imports_the_store_package() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert [m.name for m in modules] == ["__init__.py", "base.py", "happening_sql.py", "postgres.py", "sql.py", "sqlite.py"]
    for module in modules:
        assert "dragoman.store" not in imported_modules(module), module.name


def test_each_store_module_imports_only_what_lies_below_it() -> None:
    # the diplomatic record's records (and their flat rows: items, parties) and the happenings' records lie below
    # the store, as the events' do
    # and so do the checks every query shares (dragoman.filters: it imports only the errors)
    records = {"dragoman.errors", "dragoman.filters", "dragoman.records", "dragoman.record.records", "dragoman.happenings.records"}
    assert imported_modules(PACKAGE / "base.py") == records
    below = {"dragoman.errors", "dragoman.records", "dragoman.record.records", "dragoman.store.base"}
    assert imported_modules(PACKAGE / "sql.py") == below | {"dragoman.record.rows", "dragoman.record.parties"}
    happenings = {"dragoman.errors", "dragoman.happenings.records", "dragoman.store.sql"}
    assert imported_modules(PACKAGE / "happening_sql.py") == happenings
    for store in ("sqlite.py", "postgres.py"):
        assert imported_modules(PACKAGE / store) == below | happenings | {"dragoman.store.happening_sql"}
    assert imported_modules(PACKAGE / "__init__.py") == {
        "dragoman.errors", "dragoman.store.base", "dragoman.store.sqlite",
    }  # fmt: skip


@pytest.mark.parametrize(
    "source",
    ["from . import EventQuery", "from .. import store", "import dragoman.store", "from dragoman import store",
     "from dragoman.store import open_store",
     "def f():\n    from . import EventQuery", "importlib.import_module('dragoman.store')"],
)  # fmt: skip
def test_the_import_check_catches_the_package_import(tmp_path, source) -> None:
    module = tmp_path / "m.py"
    module.write_text(source)
    assert "dragoman.store" in imported_modules(module)
