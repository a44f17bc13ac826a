"""What the user named -> the inputs to read -> Documents.

    expand_inputs(["corpus/", "extra/*.jsonl", "-"])   -> [Source, ...]  (files, in a stable order)
    read_source(source, fields=..., ...)              -> Iterator[Document]
    read_path("report.txt")                           one file, as a Source of its own
    expected_documents(sources)                       for a progress bar: a cheap count, or None

**Expanding.** A folder is every regular file under it, recursively, whose suffix names a
format (`.txt .html .htm .xhtml .jsonl .ndjson .csv .parquet`, each maybe followed by
`.gz .bz2 .zst`), hidden files and folders (a name starting with ".") left out,
in the order of their paths (the same order on every run and machine); a device, pipe
or socket in a folder or among a pattern's matches is left out with a warning, and no
link to a folder is followed down. A pattern
(`'corpus/**/*.jsonl'`, quoted so the shell does not expand it) is expanded here,
`**` across folders; its matches in path order, folders among them expanded as
folders. `-` is standard input. A path that is not UTF-8 is read as it is, and named
(in messages, ids and `Document.path`) with its bytes written out: `caf\xe9.txt`. A file named as it is is read whatever its suffix
(an unknown one as text). A file reached twice is read once. What cannot be
expanded (no such file, a pattern nothing matches, an empty folder) is a Source
whose `problem` says so: reading it is the error, so a command reports it in its
turn and goes on with the rest.

**Formats** come from the suffix under the compression suffix (`news.jsonl.gz` is
gzip-compressed JSONL); `input_format` overrides them all; standard input is JSONL
unless `input_format` says otherwise. Compression comes from the suffix, or else
from the first bytes (ingest/streams.py). Standard input is read as a stream, line
by line for JSONL and CSV, and never twice.

**Document ids** of a file found in a folder or by a pattern are its path below the
folder (or the pattern's fixed part) without its suffixes, so `bbc/business/001.txt`
under `bbc/` is `business/001` and two files of one name in different folders keep
ids of their own; a file named as it is keeps its stem (`report.txt` is `report`).
Ids made for corpus rows without one start the same way (`business/feed-12`).
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from dragoman.errors import InputError
from dragoman.ingest.corpora import csv_documents, parquet_documents, parquet_rows
from dragoman.ingest.files import DEFAULT_MAX_DOC_CHARS, jsonl_documents, read_text
from dragoman.ingest.markup import parse_html
from dragoman.ingest.rows import DEFAULT_FIELDS, Fields
from dragoman.ingest.streams import COMPRESSIONS, open_stream
from dragoman.ingest.tables import IngestTables
from dragoman.ingest.text import parse_text
from dragoman.records import Document

__all__ = [
    "FORMATS",
    "STDIN",
    "SUFFIXES",
    "Source",
    "expand_inputs",
    "expected_documents",
    "read_path",
    "read_source",
    "shown",
    "source_of",
]

STDIN = "-"
STDIN_NAME = "<stdin>"
FORMATS = ("txt", "html", "jsonl", "csv", "parquet")
SUFFIXES = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}
_COUNT_BYTES = 2**30  # counting JSONL lines for a progress bar reads at most this much in all
_GLOB_MAGIC = frozenset("*?[")


def _warn_to_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _ignore(message: str) -> None:
    pass


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file or standard input, its format and compression."""

    name: str  # how messages name it (and Document.path): the path, or "<stdin>"
    path: str | None  # None: standard input
    format: str  # one of FORMATS
    compression: str | None  # from the suffix ("gzip", "bzip2", "zstd"); None: found from the first bytes
    stem: str  # what ids made for it start with
    problem: str | None = None  # why it cannot be read; reading it raises this

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.problem is None


def _split_suffixes(name: str) -> tuple[str, str | None, str | None]:
    """(stem, format, compression) of a file name: "a.jsonl.gz" -> ("a", "jsonl", "gzip")."""
    path = PurePath(name)
    compression = COMPRESSIONS.get(path.suffix.lower())
    if compression is not None:
        path = path.with_suffix("")
    form = SUFFIXES.get(path.suffix.lower())
    if form is not None:
        path = path.with_suffix("")
    return str(path), form, compression


def shown(path: str) -> str:
    """A path as messages, ids and stores show it: a name that is not UTF-8 (kept by Python as
    lone surrogates) with its bytes written out, "caf\\xe9.txt", so that it can be printed and stored."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def source_of(path: str | os.PathLike[str], *, input_format: str | None = None, stem: str | None = None) -> Source:
    """The Source of one named file (an unknown suffix is text), or one whose problem says why not."""
    name = str(path)
    base, form, compression = _split_suffixes(Path(name).name)
    source = Source(shown(name), name, input_format or form or "txt", compression, shown(stem if stem is not None else base))
    if not os.path.exists(name):
        return _problem(source, "no such file")
    if os.path.isdir(name):
        return _problem(source, "is a directory, not a file; name the files inside it")
    if source.format == "parquet" and compression is not None:
        return _problem(source, f"a {compression}-compressed Parquet file cannot be read as it is; decompress it first")
    if source.format == "parquet" and not _regular(name):
        return _problem(source, "Parquet is read by seeking, and this is no regular file (a pipe or a device); give the file")
    return source


def _regular(path: str) -> bool:
    """Whether `path` is (or links to) a regular file: not a pipe, a device or a socket."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _problem(source: Source, problem: str) -> Source:
    return Source(source.name, source.path, source.format, source.compression, source.stem, problem)


def expand_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    input_format: str | None = None,
    on_warning: Callable[[str], None] = _ignore,
) -> list[Source]:
    """The inputs `paths` name, in order (see the module docstring)."""
    if input_format is not None and input_format not in FORMATS:
        raise InputError(f"no input format {input_format!r}; the formats are {', '.join(FORMATS)}")
    sources: list[Source] = []
    seen: dict[str, str] = {}  # real path -> as first named
    for given in paths:
        name = str(given)
        for source in _expand(name, input_format, on_warning):
            key = STDIN if source.is_stdin else (os.path.realpath(source.path) if source.path and source.problem is None else None)
            if key is not None and key in seen:
                what = "standard input" if key == STDIN else source.name
                also = "" if seen[key] == what else f" (also as {seen[key]})"
                on_warning(f"{what}: named twice{also}; read once")
                continue
            if key is not None:
                seen[key] = source.name
            sources.append(source)
    return sources


def _expand(name: str, input_format: str | None, on_warning: Callable[[str], None]) -> list[Source]:
    if name == STDIN:
        form = input_format or "jsonl"
        stdin = Source(STDIN_NAME, None, form, None, "stdin")
        if form == "parquet":
            return [_problem(stdin, "Parquet cannot be read from standard input (it is read by seeking); give the file")]
        return [stdin]
    if os.path.isdir(name):
        found = _folder(name, input_format, on_warning)
        if not found:
            formats = " ".join(sorted(SUFFIXES))
            return [Source(shown(name), name, "txt", None, shown(name), f"no file to read in this folder (by suffix: {formats}, maybe compressed)")]
        return found
    if os.path.lexists(name) or not (_GLOB_MAGIC & set(name)):
        return [source_of(name, input_format=input_format)]
    matches = sorted(_glob(name), key=_path_key)
    if not matches:
        return [Source(shown(name), name, "txt", None, shown(name), "no file matches this pattern")]
    base = _fixed_part(name)
    matched: list[Source] = []
    for match in matches:
        if os.path.isdir(match):
            matched += _folder(match, input_format, on_warning, base)
        elif _regular(match):
            matched.append(source_of(match, input_format=input_format, stem=_relative_stem(match, base)))
        else:
            _not_regular(match, on_warning)
    return matched


def _glob(pattern: str) -> set[str]:
    """What a pattern matches, as glob.glob(pattern, recursive=True) finds it, but with `**`
    never going down a symbolic link to a folder (glob's does: two links that loop made it
    run for ever). A folder matched by a pattern is still read, as `_folder` reads one."""
    parts = PurePath(pattern).parts
    if "**" not in parts:
        return set(glob.glob(pattern))
    return set(_matches("", list(parts)))


def _matches(base: str, parts: list[str]) -> Iterator[str]:
    if not parts:
        yield base
        return
    head, rest = parts[0], parts[1:]
    if head == "**":  # this folder and every folder under it, not through links, hidden ones left out
        for top, folders, files in os.walk(base or os.curdir):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            here = "" if top == os.curdir else top.removeprefix(os.curdir + os.sep)
            if rest:
                yield from _matches(here, rest)
            else:
                yield here or os.curdir
                yield from (os.path.join(here, f) for f in files if not f.startswith("."))
        return
    if not (_GLOB_MAGIC & set(head)):
        path = os.path.join(base, head)
        if os.path.lexists(path):
            yield from _matches(path, rest)
        return
    try:
        names = os.listdir(base or os.curdir)
    except OSError:
        return
    for name in fnmatch.filter(names, head):
        if not name.startswith(".") or head.startswith("."):
            yield from _matches(os.path.join(base, name), rest)


def _not_regular(path: str, on_warning: Callable[[str], None]) -> None:
    what = "a broken link" if os.path.islink(path) and not os.path.exists(path) else "not a regular file (a device, a pipe or a socket)"
    on_warning(f"{shown(path)}: {what}; left out (name it alone to read it)")


def _folder(folder: str, input_format: str | None, on_warning: Callable[[str], None], base: str | None = None) -> list[Source]:
    """Every regular file under `folder` whose suffix names a format, hidden ones left out, in
    path order; a device, pipe or socket among them is left out with a warning (/dev/zero would
    never end)."""
    found: list[str] = []
    for top, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for file in files:
            if not file.startswith(".") and _split_suffixes(file)[1] is not None:
                path = os.path.join(top, file)
                if _regular(path):
                    found.append(path)
                else:
                    _not_regular(path, on_warning)
    found.sort(key=_path_key)
    root = base if base is not None else folder
    return [source_of(path, input_format=input_format, stem=_relative_stem(path, root)) for path in found]


def _path_key(path: str) -> tuple[str, ...]:
    return PurePath(path).parts  # by component, so "a/b.txt" sorts before "a-c.txt" as folders should


def _fixed_part(pattern: str) -> str:
    """The leading folders of a pattern that hold no wildcard ("corpus/**/*.jsonl" -> "corpus")."""
    parts: list[str] = []
    for part in PurePath(pattern).parent.parts:
        if _GLOB_MAGIC & set(part):
            break
        parts.append(part)
    return str(PurePath(*parts)) if parts else "."


def _relative_stem(path: str, root: str) -> str:
    relative = os.path.relpath(path, root)
    if relative.startswith(".."):
        relative = os.path.basename(path)
    parent, file = os.path.split(relative)
    stem = _split_suffixes(file)[0]
    return PurePath(parent, stem).as_posix() if parent else stem


# ---------------------------------------------------------------- reading


def read_source(
    source: Source,
    *,
    fields: Fields = DEFAULT_FIELDS,
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
    on_warning: Callable[[str], None] = _warn_to_stderr,
    tables: IngestTables | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document]:
    """The documents of one input: one for a text or HTML file, one per good line or row of a corpus.

    Errors surface on the first `next()`, before anything is yielded."""
    where = source.name
    if source.problem is not None:
        raise InputError(source.problem, where)
    if source.format == "parquet":
        assert source.path is not None  # expand_inputs refuses Parquet on standard input
        yield from parquet_documents(
            source.path, where, source.stem, fields=fields, max_doc_chars=max_doc_chars, on_warning=on_warning, tables=tables
        )
        return
    opened, size = _open(source, stdin)
    with opened as raw:
        stream = open_stream(raw, where, source.compression)
        try:
            if source.format in ("jsonl", "csv"):
                rows = jsonl_documents if source.format == "jsonl" else csv_documents
                yield from rows(
                    stream, where, source.stem, fields=fields, max_doc_chars=max_doc_chars, on_warning=on_warning, tables=tables
                )
            else:
                text = read_text(stream, where, max_doc_chars, size if stream is raw else None)
                parse = parse_html if source.format == "html" else parse_text
                yield parse(text, source.stem, path=where, tables=tables)
        finally:
            if source.path is not None:
                stream.close()


def _open(source: Source, stdin: BinaryIO | None) -> tuple[AbstractContextManager[BinaryIO], int | None]:
    """The raw bytes of the input, and its size on disk (None for standard input or a pipe)."""
    if source.path is None:
        return _Borrowed(stdin if stdin is not None else sys.stdin.buffer), None
    try:
        handle = open(source.path, "rb")  # noqa: SIM115 - closed by the caller's `with`
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", source.name) from None
    try:
        size = os.fstat(handle.fileno()).st_size
    except OSError:
        size = None
    return handle, size or None


class _Borrowed:
    """Standard input, used but not closed (it is not ours)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def __enter__(self) -> BinaryIO:
        return self._stream

    def __exit__(self, *_: object) -> None:
        return None


def read_path(
    path: str | os.PathLike[str],
    *,
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
    on_warning: Callable[[str], None] = _warn_to_stderr,
    tables: IngestTables | None = None,
    fields: Fields = DEFAULT_FIELDS,
    input_format: str | None = None,
) -> Iterator[Document]:
    """Yield the documents in one file: one for .txt/.html (or any other extension, read as
    text), one per line for .jsonl, one per row for .csv and .parquet; compressed or not.

    Errors surface on the first `next()`, before anything is yielded:

    >>> next(read_path("no/such/file.txt"))
    Traceback (most recent call last):
    dragoman.errors.InputError: no/such/file.txt: no such file
    """
    source = source_of(path, input_format=input_format)
    return read_source(source, fields=fields, max_doc_chars=max_doc_chars, on_warning=on_warning, tables=tables)


def expected_documents(sources: Sequence[Source]) -> int | None:
    """How many documents the inputs hold, for a progress bar's ETA: None if unknown or costly.

    A text or HTML file is one; a JSONL file's lines are counted (at most 1 GiB of them in
    all); a Parquet file's rows come from its metadata. Standard input, a pipe or a device
    (read once, by the reader), compressed corpora and CSV files (a row may span lines) are
    unknown."""
    total = 0
    budget = _COUNT_BYTES
    for source in sources:
        if source.problem is not None:
            continue
        if source.format in ("txt", "html"):
            total += 1
            continue
        if source.path is None or source.compression is not None or source.format == "csv" or not _regular(source.path):
            return None  # a pipe (<(...)) or a device is read once, by the reader, never counted first
        if source.format == "parquet":
            rows = parquet_rows(source.path)
            if rows is None:
                return None
            total += rows
            continue
        try:
            size = os.path.getsize(source.path)
            budget -= size
            if budget < 0:
                return None
            with open(source.path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            continue  # the reader reports it
    return total
