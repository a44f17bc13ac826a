"""The one part of ingest that touches the disk: a path -> Documents.

Every way a file can be unreadable ends in an InputError (or its subclasses
EmptyInputError and EncodingError) whose one-line message names the file and
says what to do; nothing here lets a traceback reach the user for bad input.
"""

from __future__ import annotations

import json
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
from dragoman.records import Document

DEFAULT_MAX_DOC_CHARS = 10_000_000
BINARY_SNIFF_BYTES = 8192
_BOM = b"\xef\xbb\xbf"
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_REENCODE_HINT = "re-encode the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"


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


def _check_not_binary(head: bytes, where: str) -> None:
    if b"\x00" in head[:BINARY_SNIFF_BYTES]:
        raise EncodingError("binary file, not text; give a .txt, .html or .jsonl file", where)


def _too_long(size: str, limit: int) -> str:
    return f"document is {size}, over the limit of {limit:,} characters; split it into smaller files (or raise the limit with --max-chars)"


def _decode(data: bytes, where: str, line: int | None = None, base_offset: int = 0) -> str:
    bom = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = base_offset + bom + exc.start
        raise EncodingError(f"not valid UTF-8 at byte {offset}; {_REENCODE_HINT}", where, line) from None


def _read_text(file: Path, where: str, max_doc_chars: int) -> str:
    with _open(file, where) as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        _check_not_binary(head, where)
        size = file.stat().st_size
        # A UTF-8 character takes at most 4 bytes: past this, it is too long whatever it holds.
        if size > 4 * max_doc_chars + len(_BOM):
            raise InputError(_too_long(f"{size:,} bytes", max_doc_chars), where)
        data = head + handle.read()
    text = _decode(data, where)
    if not text.strip():
        raise EmptyInputError("file is empty" if not text else "file holds only whitespace", where)
    if len(text) > max_doc_chars:
        raise InputError(_too_long(f"{len(text):,} characters", max_doc_chars), where)
    return text


def _read_jsonl(
    file: Path, where: str, max_doc_chars: int, on_warning: Callable[[str], None], tables: IngestTables | None
) -> Iterator[Document]:
    yielded = 0
    offset = 0
    with _open(file, where) as handle:
        _check_not_binary(handle.read(BINARY_SNIFF_BYTES), where)
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            data = raw[len(_BOM) :] if number == 1 and raw.startswith(_BOM) else raw
            line_offset = offset + (len(raw) - len(data))
            offset += len(raw)
            line = _decode(data, where, number, line_offset)
            if not line.strip():
                continue
            document = _jsonl_document(line, file, where, number, max_doc_chars, on_warning, tables)
            if document is not None:
                yielded += 1
                yield document
    if yielded == 0:
        raise EmptyInputError("no document in this JSONL file (each line needs a \"text\" string)", where)


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
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        on_warning(f"{at}: not JSON ({exc.msg}); line skipped")
        return None
    if not isinstance(record, dict):
        on_warning(f"{at}: not a JSON object; line skipped")
        return None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        on_warning(f'{at}: no non-empty "text" string; line skipped')
        return None
    if len(text) > max_doc_chars:
        raise InputError(_too_long(f"{len(text):,} characters", max_doc_chars), where, number)
    fields: dict[str, str | None] = {}
    for name in ("title", "date", "url", "outlet"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            on_warning(f'{at}: "{name}" is not a string; ignored')
            value = None
        fields[name] = value
    if fields["date"] and iso_date(fields["date"]) is None:
        on_warning(f'{at}: "date" {fields["date"]!r} is not a date I can read; ignored')
        fields["date"] = None
    doc_id = record.get("id")
    if doc_id is None or isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or doc_id == "":
        doc_id = f"{file.stem}-{number}"
    return parse_text(text, str(doc_id), path=where, tables=tables, **fields)
