"""The readers of one input's bytes: a text or HTML document, a JSONL corpus, and the lines they share.

    read_text(stream, where, max_doc_chars)       the whole of a text file, bounded and decoded
    jsonl_documents(stream, where, ...)           one Document per good JSONL line, streamed
    text_lines(stream, where, ...)                (line number, text) of each line, decoded

Each reads a binary stream (a file, standard input, a decompressing stream:
ingest/streams.py) a bounded number of bytes at a time, so no input, compressed
or not, takes more memory than its limits allow. Every way an input can be
unreadable ends in an InputError (or its subclasses EmptyInputError and
EncodingError) whose one-line message names the input and says what to do;
nothing here lets a traceback reach the user for bad input.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from dragoman.errors import EmptyInputError, EncodingError, InputError
from dragoman.ingest.rows import Fields, row_document, too_long
from dragoman.ingest.tables import IngestTables
from dragoman.ingest.untrusted import JsonLineError, decode, json_record, sniff_bom
from dragoman.records import Document

DEFAULT_MAX_DOC_CHARS = 10_000_000
BINARY_SNIFF_BYTES = 8192
MAX_BYTES_PER_CHAR = 4  # UTF-8, UTF-16 (a surrogate pair) and UTF-32 alike
_MAX_JSON_BYTES_PER_CHAR = 12  # a JSON string may escape a character as two \uXXXX
_JSON_OVERHEAD_BYTES = 1_000_000  # the other fields of a line
# A long line of many small JSON values ({"a": [1,1,1,...]}) takes tens of times its size as Python
# objects; prose has a comma in every 60 characters or so. A line over _DENSE_LINE_CHARS with more
# than one value (a ",", ":", "[" or "{") in _CHARS_PER_VALUE characters is skipped unparsed, so
# parsing a line takes a few times its size at most.
_SPACE = re.compile(r"\s*")
_DENSE_LINE_CHARS = 1_000_000
_CHARS_PER_VALUE = 10
_FIELDLESS_RECORDS = 100  # this many records without the text field, and none with it: the mapping is wrong


def read_text(stream: BinaryIO, where: str, max_doc_chars: int, size: int | None = None) -> str:
    """The text of a whole document file; `size` (bytes on disk, if known) refuses a huge file unread."""
    most = MAX_BYTES_PER_CHAR * max_doc_chars + 4  # past this, it is too long whatever it holds
    if size is not None and size > most:
        raise InputError(too_long(f"{size:,} bytes", max_doc_chars), where)
    try:
        data = stream.read(most + 1)  # bounded even where the size says nothing (a pipe, a decompressor)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where) from None
    if len(data) > most:
        raise InputError(too_long(f"over {most:,} bytes", max_doc_chars), where)
    text = decode(data, where)
    if not text.strip():
        raise EmptyInputError("file is empty" if not text else "file holds only whitespace", where)
    if len(text) > max_doc_chars:
        raise InputError(too_long(f"{len(text):,} characters", max_doc_chars), where)
    return text


def _head(stream: io.BufferedReader, where: str) -> bytes:
    try:
        return stream.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where) from None


def text_lines(
    stream: io.BufferedReader, where: str, limit: int, max_doc_chars: int, *, skip_blank: Callable[[], bool] | None = None
) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, line ends kept, in UTF-8 or (by its BOM) UTF-16/32.

    A line of over `limit` bytes (characters, for UTF-16/32) is an error naming it, found
    without reading it whole; so are a NUL and invalid UTF-8. Where `skip_blank()` says so
    (before a line is read), lines of whitespace alone may be left out: in UTF-8, a run of them
    is passed over a buffer at a time, so gigabytes of newlines from a small .gz take seconds,
    not an hour."""
    head = _head(stream, where)
    _, codec, _ = sniff_bom(head)
    if codec == "utf-8" and b"\x00" in head:
        raise EncodingError("binary file, not text; give a .txt, .html or .jsonl file", where)
    if codec == "utf-8":
        yield from _utf8_lines(stream, where, limit, max_doc_chars, skip_blank)
    else:
        yield from _wide_lines(stream, where, codec, limit, max_doc_chars)


def _utf8_lines(
    handle: io.BufferedReader, where: str, limit: int, max_doc_chars: int, skip_blank: Callable[[], bool] | None
) -> Iterator[tuple[int, str]]:
    offset = 0
    number = 0
    while True:
        if skip_blank is not None and number > 0 and skip_blank():  # after the first line, whose BOM decode reads
            skipped, lines = _skip_blank_lines(handle, where)
            offset += skipped
            number += lines
        raw = _readline(handle, where, limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit:
            raise InputError(too_long(f"a line of over {limit:,} bytes", max_doc_chars), where, number)
        yield number, decode(raw, where, number, offset, bom=number == 1)
        offset += len(raw)


def _skip_blank_lines(handle: io.BufferedReader, where: str) -> tuple[int, int]:
    """Pass over the whole lines of whitespace that come next, a buffer at a time: (bytes, lines)."""
    skipped = lines = 0
    while True:
        try:
            buffer = handle.peek(1 << 16)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", where) from None
        blank = len(buffer) - len(buffer.lstrip())  # ASCII whitespace (lstrip() with no argument is many times faster)
        end = buffer.rfind(b"\n", 0, blank) + 1  # whole lines only: what follows the last newline may start a line
        if end == 0:
            return skipped, lines
        lines += buffer.count(b"\n", 0, end)
        handle.read(end)
        skipped += end


def _readline(handle: BinaryIO, where: str, size: int) -> bytes:
    try:
        return handle.readline(size)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where) from None


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
                raise InputError(too_long(f"a line of over {limit:,} characters", max_doc_chars), where, number)
            if "\x00" in line:
                raise EncodingError("binary file, not text (a NUL character); give a .txt, .html or .jsonl file", where, number)
            yield number, line
    except UnicodeDecodeError:
        raise EncodingError(f"starts as {name} but is not valid {name}; re-encode the file as UTF-8", where, number + 1) from None
    finally:
        text.detach()


def jsonl_documents(
    stream: io.BufferedReader,
    where: str,
    stem: str,
    *,
    fields: Fields,
    max_doc_chars: int,
    on_warning: Callable[[str], None],
    tables: IngestTables | None,
) -> Iterator[Document]:
    """One Document per JSONL line that holds one; a bad line is a warning naming it, and skipped."""
    yielded = 0
    fieldless = 0  # JSON objects without the text field at all
    limit = _MAX_JSON_BYTES_PER_CHAR * max_doc_chars + _JSON_OVERHEAD_BYTES
    for number, line in text_lines(stream, where, limit, max_doc_chars, skip_blank=_always):
        first = _SPACE.match(line).end()  # type: ignore[union-attr]  # it matches the empty string; and copies nothing
        if first == len(line):
            continue
        at = f"{where}:{number}"
        if line[first] != "{":  # known before parsing: a huge array would take 26 times its size
            on_warning(f"{at}: not a JSON object; line skipped")
            continue
        if len(line) > _DENSE_LINE_CHARS and sum(line.count(c) for c in ",:[{") > len(line) // _CHARS_PER_VALUE:
            on_warning(
                f"{at}: a line of {len(line):,} characters holding over one JSON value in {_CHARS_PER_VALUE} characters "
                "(no document is written so; it would take many times its size to read); line skipped"
            )
            continue
        try:
            record: Any = json_record(line)
        except JsonLineError as exc:
            on_warning(f"{at}: {exc}; line skipped")
            continue
        if not isinstance(record, dict):
            on_warning(f"{at}: not a JSON object; line skipped")
            continue
        if yielded == 0 and fields.text not in record:
            fieldless += 1
            if fieldless >= _FIELDLESS_RECORDS:
                raise InputError(
                    f'none of the first {fieldless} records has a "{fields.text}" field (this one has {_names(record)}); '
                    "name the field that holds the text with --text-field",
                    where,
                )
        document = row_document(
            record, fields, where=where, number=number, made_id=f"{stem}-{number}",
            max_doc_chars=max_doc_chars, on_warning=on_warning, tables=tables,
        )  # fmt: skip
        if document is not None:
            yielded += 1
            yield document
    if yielded == 0:
        raise EmptyInputError(f'no document in this JSONL file (each line needs a "{fields.text}" string)', where)


def _always() -> bool:
    return True


def _names(record: dict[Any, Any]) -> str:
    names = [str(k)[:40] for k in list(record)[:12]]
    return ", ".join(f'"{n}"' for n in names) if names else "no field"
