"""Fuzzing every reader and the pipeline (issue 9): whatever the input, a result or the
project's own error (a DragomanError subclass), never another exception.

Inputs are built from the pieces that steer each reader (markup, JSON shapes, dictionary
syntax, date words) mixed with any character at all, lone surrogates and control
characters included. The example counts keep the whole file well under a minute
(DRAGOMAN_FUZZ_SCALE multiplies them).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.actors import import_phoenix, load_knowledge
from dragoman.errors import DragomanError
from dragoman.ingest import parse_html, parse_text, read_path
from dragoman.records import Document

SCALE = float(os.environ.get("DRAGOMAN_FUZZ_SCALE", "1"))  # DRAGOMAN_FUZZ_SCALE=20 for a long hunt


def fuzz(examples: int) -> settings:
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

ANY_CHAR = st.characters(exclude_categories=())  # every code point, surrogates and controls included
NOISE = st.text(ANY_CHAR, max_size=24)

TEXT_PIECES = [
    "Iran warned Israel. ", "On 4 June 2023, Russia threatened Poland. ", "Last year ", "next year ", "within 2 months ",
    "the day before ", "in the 1990s ", "[1]", "[note 2]", "^ a b \"Title\". Outlet. 8 March 2025.", "References\n",
    "\n", "\n\n", "\r\n", " ", "\t", "1000. ", "- ", "* ", "&" * 40, "x" * 600, "\x00", "\ud800", "\udfff", "\x1b[2J",
    "Jump to content\n", "[edit]\n", ":", "“", "”", "Ünïcödé – دیپلماسی – 中文. ",
]
TEXT = st.lists(st.one_of(st.sampled_from(TEXT_PIECES), NOISE), max_size=40).map("".join)

HTML_PIECES = [
    "<p>", "</p>", "<li>", "</li>", "<ol>", "</ol>", "<ul>", "<ol class=references>", "<h2>", "</h2>", "<div>", "</div>",
    "<![", "<![ x", "<![CDATA[", "]]>", "<!--", "-->", "<!doctype html>", "<?xml ?>", "</b>", "<br/>", "<script>", "</script>",
    "<sup class=reference>[1]</sup>", "<meta property=og:title content='T'>", "<title>", "</title>", "&amp;", "&#x", "&#1114112;",
    "&#xd800;", "&", "<", ">", "<a href='", "'>", "=", "<table><tr><td>", "<span style='display:none'>", "<nav>",
]
HTML = st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.sampled_from(TEXT_PIECES), NOISE), max_size=50).map("".join)

DATES = st.one_of(st.none(), st.sampled_from(["0001-01-01", "9999-12-31", "0001", "9999", "2024-13-01", "2025-02-30", "x"]), NOISE)


def check_document(doc: Document) -> None:
    """What every reader promises of a Document: text the parser and store can take, offsets inside it."""
    doc.text.encode("utf-8")  # no lone surrogate survives
    doc.doc_id.encode("utf-8")
    assert "\x00" not in doc.text and "\x00" not in doc.doc_id
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)
    for marker in doc.markers:
        assert doc.text[marker.start : marker.end] == f"[{marker.key}]"


@contextmanager
def a_file(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


# ------------------------------------------------------------ readers


@fuzz(250)
@given(TEXT, DATES)
def test_text_reader(text: str, date: str | None) -> None:
    check_document(parse_text(text, "fuzz", date=date, title=text[:20]))


@fuzz(250)
@given(HTML)
def test_html_reader(html: str) -> None:
    check_document(parse_html(html, "fuzz"))


_JSON_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), NOISE, TEXT,
    st.sampled_from(["9" * 5000, "[" * 3000 + "]" * 3000, "{}", "[]"]).map(lambda raw: _Raw(raw)),
)  # fmt: skip


class _Raw(str):
    """JSON text to put in a record as it is (a 5,000-digit number, deep nesting)."""


def _json_line(record: dict[str, object]) -> str:
    parts = []
    for key, value in record.items():
        parts.append(json.dumps(key) + ": " + (str(value) if isinstance(value, _Raw) else json.dumps(value)))
    return "{" + ", ".join(parts) + "}"


_RECORD = st.dictionaries(st.sampled_from(["id", "text", "title", "date", "url", "outlet", "extra"]), _JSON_VALUE, max_size=6)
_JSONL_LINE = st.one_of(
    _RECORD.map(_json_line),
    st.builds(lambda t, i: json.dumps({"id": i, "text": t}), TEXT, st.one_of(NOISE, st.integers())),
    st.sampled_from(["[" * 100_000 + "]" * 100_000, "{oops", "", "[1]", '"text"', '{"text": "\\ud800\\u0000"}']),
    NOISE,
)  # fmt: skip


@fuzz(120)
@given(st.lists(_JSONL_LINE, max_size=8), st.sampled_from(["utf-8", "utf-16", "utf-32"]), st.binary(max_size=12))
def test_jsonl_reader(lines: list[str], codec: str, junk: bytes) -> None:
    data = "\n".join(lines).encode(codec, "surrogatepass") + junk
    with a_file("corpus.jsonl", data) as path:
        try:
            for doc in read_path(path, on_warning=lambda _m: None):
                check_document(doc)
        except DragomanError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)


@fuzz(80)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html", ".md"]))
def test_any_bytes_as_a_file(data: bytes, suffix: str) -> None:
    with a_file("report" + suffix, data) as path:
        try:
            for doc in read_path(path):
                check_document(doc)
        except DragomanError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)


# ------------------------------------------------------------ issue 19: quoting, truncation, trees of files

_CSV_CELL = st.one_of(
    NOISE, TEXT, st.sampled_from(['"', '""', '"quoted, cell"', 'He said "yes"', '"open', 'close"', "\n", "\r\n", ",", ""]),
)  # fmt: skip


@fuzz(120)
@given(st.lists(st.lists(_CSV_CELL, min_size=1, max_size=4), max_size=12))
def test_csv_quoting(rows: list[list[str]]) -> None:
    """Any quoting at all: documents, warnings naming file:line, or one error naming the file."""
    data = ("id,text\n" + "".join(",".join(row) + "\n" for row in rows)).encode("utf-8", "surrogatepass")
    with a_file("corpus.csv", data) as path:
        warnings: list[str] = []
        try:
            for doc in read_path(path, on_warning=warnings.append):
                check_document(doc)
        except DragomanError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
        assert all(w.startswith(f"{path}:") and "\n" not in w for w in warnings)


def _compress(data: bytes, suffix: str) -> bytes:
    import bz2
    import gzip

    if suffix == ".gz":
        return gzip.compress(data)
    if suffix == ".bz2":
        return bz2.compress(data)
    zstandard = pytest.importorskip("zstandard")
    return bytes(zstandard.ZstdCompressor().compress(data))


@fuzz(90)
@given(st.lists(TEXT, min_size=1, max_size=6), st.sampled_from([".gz", ".bz2", ".zst"]), st.floats(0, 1))
def test_a_truncated_compressed_corpus_is_an_error_for_the_three_alike(texts: list[str], suffix: str, kept: float) -> None:
    data = "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)).encode("utf-8", "surrogatepass")
    whole = _compress(data, suffix)
    cut = whole[: int(len(whole) * kept)]
    with a_file("corpus.jsonl" + suffix, cut) as path:
        try:
            docs = list(read_path(path, on_warning=lambda _m: None))
        except DragomanError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
            return
        assert len(cut) == len(whole), f"{len(whole) - len(cut)} bytes cut from a {suffix} and no error"
        for doc in docs:
            check_document(doc)


_TREE_ENTRY = st.tuples(
    st.sampled_from(["a", "b", "a/c", "b/d", "a/c/e"]),
    st.sampled_from(["x.jsonl", "y.txt", "link", "loop", "pipe.jsonl", "dev.txt", "gone.txt"]),
)


@fuzz(60)
@given(st.lists(_TREE_ENTRY, max_size=12), st.sampled_from(["", "**", "**/*.jsonl", "*/**/*", "a/**/*.txt"]))
def test_folders_and_patterns_over_links_loops_pipes_and_devices(entries: list[tuple[str, str]], pattern: str) -> None:
    """Whatever the tree (links between folders that loop, pipes, devices, broken links): expanding it
    ends, gives regular files only, each once, and reads them without waiting on a pipe."""
    from dragoman.ingest import expand_inputs

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for place in ("a/c/e", "b/d"):
            (root / place).mkdir(parents=True, exist_ok=True)
        for n, (place, kind) in enumerate(entries):
            path = root / place / (f"{n}{kind}" if kind not in ("link", "loop") else f"{kind}{n}")
            if kind in ("x.jsonl", "y.txt"):
                path.write_text(json.dumps({"text": "Iran warned Israel."}) if kind == "x.jsonl" else "Iran warned Israel.")
            elif kind == "link":
                path.symlink_to(root / "b")
            elif kind == "loop":
                path.symlink_to(root)
            elif kind == "pipe.jsonl":
                os.mkfifo(path)
            elif kind == "dev.txt":
                path.symlink_to("/dev/zero")
            else:
                path.symlink_to(root / "nowhere")
        warnings: list[str] = []
        sources = expand_inputs([str(root / pattern) if pattern else str(root)], on_warning=warnings.append)
        readable = [s for s in sources if s.problem is None]
        assert len({os.path.realpath(s.path or "") for s in readable}) == len(readable)
        for source in readable:
            assert source.path is not None and os.path.isfile(source.path) and not source.path.endswith(("pipe.jsonl", "dev.txt"))
            for doc in read_path(source.path, on_warning=lambda _m: None):
                check_document(doc)


# ------------------------------------------------------------ dictionaries

_YAML_SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), NOISE,
    st.sampled_from(["VAL", "IRNGOV", "2024-13-01", "2024-02-30", "1999-01-01", "yes", "~", "&a", "*a", "!!python/object"]),
)  # fmt: skip
_YAML_TREE = st.recursive(
    _YAML_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["name", "code", "names", "from", "until", "country", "sector", "x"]) | NOISE, inner, max_size=4)),
    max_leaves=20,
)
_ACTOR_FILE = st.dictionaries(st.sampled_from(["states", "places", "sectors", "agents", "organisations", "people", "other"]), _YAML_TREE, max_size=3)


def _yaml_text(tree: object, mutation: str, codec: str) -> bytes:
    import yaml

    text = yaml.safe_dump(tree, allow_unicode=True) + mutation
    return text.encode(codec, "surrogatepass")


@fuzz(80)
@given(_ACTOR_FILE, st.one_of(st.just(""), NOISE, st.sampled_from(["\n  - [" * 50, "\t", ": :", "\nstates: {}\n", "[" * 50])),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))  # fmt: skip
def test_yaml_actor_dictionary(tree: dict[str, object], mutation: str, codec: str) -> None:
    try:
        data = _yaml_text(tree, mutation, codec)
    except UnicodeEncodeError:
        return  # latin-1 cannot hold it: nothing to read
    with a_file("mine.yaml", data) as path:
        try:
            load_knowledge([str(path)], builtin=False)
        except DragomanError as exc:
            assert "\n" not in str(exc)


@fuzz(40)
@given(st.integers(1, 60_000), st.sampled_from(["[", '{"a": ']), st.sampled_from(["states", "people", "x"]))
def test_an_actor_line_nested_any_depth(depth: int, opener: str, section: str) -> None:
    closer = "]" if opener == "[" else "}"
    line = '{"%s": ' % section + opener * depth + ("1" if opener == "[" else "1") + closer * depth + "}\n"
    with a_file("mine.jsonl", ('{"states": []}\n' + line).encode()) as path:
        try:
            load_knowledge([str(path)], builtin=False)
        except DragomanError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)


def test_an_actor_file_nested_10000_deep_is_a_knowledge_error() -> None:
    with a_file("mine.yaml", b"{}\n" + b"[" * 10_000) as path:  # JSON lines, by its first line
        with pytest.raises(DragomanError):
            load_knowledge([str(path)], builtin=False)


_PHOENIX_PIECES = [
    "FRANCE [FRA]", "+PARIS", "+LE_GOUVERNEMENT", "[FRAGOV 750101-801231]", "[FRAGOV >20150101]", "[FRAGOV <19990101]",
    "&SET", "&SET2", "$SET", "_", " ", "#", "# comment", "~FRA", "[]", "[", "]", "{", "}", "<", ">", "=", "-", "\t",
    "!PERSON!", "NAME_WITH_A_VERY_LONG_SEQUENCE_OF_WORDS_THAT_GOES_ON", "750101", "991399", "[~MIL]",
]
_PHOENIX_LINE = st.lists(st.one_of(st.sampled_from(_PHOENIX_PIECES), NOISE), max_size=8).map(" ".join)


@fuzz(120)
@given(st.lists(_PHOENIX_LINE, max_size=15), st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_phoenix_dictionary(lines: list[str], codec: str) -> None:
    try:
        data = "\n".join(lines).encode(codec, "surrogatepass")
    except UnicodeEncodeError:
        return
    with a_file("Phoenix.test.txt", data) as path:
        try:
            import_phoenix(str(path))
        except DragomanError as exc:
            assert "\n" not in str(exc)


# ------------------------------------------------------------ the pipeline


@fuzz(60)
@given(TEXT, DATES)
def test_pipeline(loaded, text: str, date: str | None) -> None:  # type: ignore[no-untyped-def]
    try:
        result = loaded(text, date=date, doc_id="fuzz")
    except DragomanError:
        return
    for event in result.events:
        assert result.document.text[event.span[0] : event.span[1]] == event.sentence
        json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8")


@pytest.mark.xfail(
    strict=True, raises=ValueError,
    reason="found by test_pipeline: a document dated to the first decade ('000', only the Python API passes it: "
    "files give dates through iso_date) reaches actors/knowledge.py role_at, whose date_bounds('000') gives "
    "'0000-01-01' and _day builds date(0, 1, 1) (fix: clamp date_bounds to 0001-01-01, or catch the year 0 in _day)",
)  # fmt: skip
def test_a_document_dated_in_the_first_decade(loaded) -> None:  # type: ignore[no-untyped-def]
    result = loaded("Last year On 4 June 2023, Russia threatened Poland.", date="000", doc_id="fuzz")
    assert result.document.date == "000"
