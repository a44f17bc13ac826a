"""The one part of ingest that touches the disk: a path -> Documents.

Every way a file can be unreadable ends in an InputError (or its subclasses
EmptyInputError and EncodingError) whose one-line message names the file and
says what to do; nothing here lets a traceback reach the user for bad input.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from dragoman.errors import EmptyInputError, EncodingError, InputError
from dragoman.ingest.dates import iso_date
from dragoman.ingest.markup import parse_html
from dragoman.ingest.tables import IngestTables
from dragoman.ingest.text import parse_text
from dragoman.ingest.untrusted import MAX_ID_CHARS, JsonLineError, LongNumber, decode, json_record, sniff_bom
from dragoman.records import Document

DEFAULT_MAX_DOC_CHARS = 10_000_000
BINARY_SNIFF_BYTES = 8192
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_MAX_BYTES_PER_CHAR = 4  # UTF-8, UTF-16 (a surrogate pair) and UTF-32 alike
_MAX_JSON_BYTES_PER_CHAR = 12  # a JSON string may escape a character as two \uXXXX
_JSON_OVERHEAD_BYTES = 1_000_000  # the other fields of a line


def _warn_to_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def read_path(
    path: str | os.PathLike[str],
    *,
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
    on_warning: Callable[[str], None] = _warn_to_stderr,
    tables: IngestTables | None = None,
) -> Iterator[Document]:
    """Yield the documents in a file: one for .txt/.html (or any other
    extension, read as text), one per line for .jsonl.

    Errors surface on the first `next()`, before anything is yielded:

    >>> next(read_path("no/such/file.txt"))
    Traceback (most recent call last):
    dragoman.errors.InputError: no/such/file.txt: no such file
    """
    where = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError("no such file", where)
    if file.is_dir():
        raise InputError("is a directory, not a file; name the files inside it", where)
    suffix = file.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        yield from _read_jsonl(file, where, max_doc_chars, on_warning, tables)
        return
    text = _read_text(file, where, max_doc_chars)
    if suffix in _HTML_SUFFIXES:
        yield parse_html(text, file.stem, path=where, tables=tables)
    else:
        yield parse_text(text, file.stem, path=where, tables=tables)


def _open(file: Path, where: str) -> BinaryIO:
    try:
        return file.open("rb")
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", where) from None


def _too_long(size: str, limit: int) -> str:
    return f"document is {size}, over the limit of {limit:,} characters; split it into smaller files (or raise the limit with --max-chars)"


def _read_text(file: Path, where: str, max_doc_chars: int) -> str:
    most = _MAX_BYTES_PER_CHAR * max_doc_chars + 4  # past this, it is too long whatever it holds
    with _open(file, where) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > most:
            raise InputError(_too_long(f"{size:,} bytes", max_doc_chars), where)
        data = handle.read(most + 1)  # bounded even where the size says nothing (a pipe, a device)
    if len(data) > most:
        raise InputError(_too_long(f"over {most:,} bytes", max_doc_chars), where)
    text = decode(data, where)
    if not text.strip():
        raise EmptyInputError("file is empty" if not text else "file holds only whitespace", where)
    if len(text) > max_doc_chars:
        raise InputError(_too_long(f"{len(text):,} characters", max_doc_chars), where)
    return text


def _read_jsonl(
    file: Path, where: str, max_doc_chars: int, on_warning: Callable[[str], None], tables: IngestTables | None
) -> Iterator[Document]:
    yielded = 0
    limit = _MAX_JSON_BYTES_PER_CHAR * max_doc_chars + _JSON_OVERHEAD_BYTES
    with _open(file, where) as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        handle.seek(0)
        _, codec, _ = sniff_bom(head)
        if codec == "utf-8" and b"\x00" in head:
            raise EncodingError("binary file, not text; give a .txt, .html or .jsonl file", where)
        lines = _utf8_lines(handle, where, limit, max_doc_chars) if codec == "utf-8" else _wide_lines(handle, where, codec, limit, max_doc_chars)
        for number, line in lines:
            if not line.strip():
                continue
            document = _jsonl_document(line, file, where, number, max_doc_chars, on_warning, tables)
            if document is not None:
                yielded += 1
                yield document
    if yielded == 0:
        raise EmptyInputError("no document in this JSONL file (each line needs a \"text\" string)", where)


def _utf8_lines(handle: BinaryIO, where: str, limit: int, max_doc_chars: int) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line; an invalid or over-long line is an error naming it."""
    offset = 0
    number = 0
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) > limit:
            raise InputError(_too_long(f"a line of over {limit:,} bytes", max_doc_chars), where, number)
        yield number, decode(raw, where, number, offset, bom=number == 1)
        offset += len(raw)


def _wide_lines(handle: BinaryIO, where: str, codec: str, limit: int, max_doc_chars: int) -> Iterator[tuple[int, str]]:
    """The same for a file with a UTF-16 or UTF-32 BOM."""
    name = "UTF-32" if "32" in codec else "UTF-16"
    bom = 4 if name == "UTF-32" else 2
    handle.read(bom)
    text = io.TextIOWrapper(handle, encoding=codec, errors="strict", newline="")
    number = 0
    try:
        while line := text.readline(limit + 1):
            number += 1
            if len(line) > limit:
                raise InputError(_too_long(f"a line of over {limit:,} characters", max_doc_chars), where, number)
            if "\x00" in line:
                raise EncodingError("binary file, not text (a NUL character); give a .txt, .html or .jsonl file", where, number)
            yield number, line
    except UnicodeDecodeError:
        raise EncodingError(f"starts as {name} but is not valid {name}; re-encode the file as UTF-8", where, number + 1) from None
    finally:
        text.detach()


def _jsonl_document(
    line: str,
    file: Path,
    where: str,
    number: int,
    max_doc_chars: int,
    on_warning: Callable[[str], None],
    tables: IngestTables | None,
) -> Document | None:
    at = f"{where}:{number}"
    try:
        record: Any = json_record(line)
    except JsonLineError as exc:
        on_warning(f"{at}: {exc}; line skipped")
        return None
    if not isinstance(record, dict):
        on_warning(f"{at}: not a JSON object; line skipped")
        return None
    text = record.get("text")
    if type(text) is not str or not text.strip():
        on_warning(f'{at}: no non-empty "text" string; line skipped')
        return None
    if len(text) > max_doc_chars:
        raise InputError(_too_long(f"{len(text):,} characters", max_doc_chars), where, number)
    fields: dict[str, str | None] = {}
    for name in ("title", "date", "url", "outlet"):
        value = record.get(name)
        if value is not None and type(value) is not str:
            on_warning(f'{at}: "{name}" is not a string; ignored')
            value = None
        fields[name] = value
    if fields["date"] and iso_date(fields["date"]) is None:
        on_warning(f'{at}: "date" {fields["date"][:40]!r} is not a date I can read; ignored')
        fields["date"] = None
    return parse_text(text, _doc_id(record.get("id"), file, at, number, on_warning), path=where, tables=tables, **fields)


def _doc_id(value: Any, file: Path, at: str, number: int, on_warning: Callable[[str], None]) -> str:
    """The record's "id" (a string or a whole number), or one made from the file and line."""
    made = f"{file.stem}-{number}"
    if value is None or isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        return made
    doc_id = str(value) if isinstance(value, (int, LongNumber)) else value
    if len(doc_id) > MAX_ID_CHARS:
        on_warning(f'{at}: "id" is {len(doc_id):,} characters long, over {MAX_ID_CHARS}; coded as {made!r}')
        return made
    return doc_id
