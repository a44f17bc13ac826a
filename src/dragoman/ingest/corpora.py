"""Corpora in columns: CSV (the standard library's csv) and Parquet (pyarrow), one Document per row.

    csv_documents(stream, where, stem, fields=..., ...)      streamed, line by line
    parquet_documents(path, where, stem, fields=..., ...)    streamed, batch by batch
    parquet_rows(path)                                       the row count its metadata gives

Both map columns to a document's parts through `Fields` (ingest/rows.py) and
turn each row into a Document by the same rules as a JSONL line. The first CSV
record is the header; a Parquet file's schema names its columns. A column the
user named (`--text-field body`) that the file does not have, or no text column
at all, is one error naming the file and the columns it has, before any row is
read.

CSV: UTF-8 with or without a BOM, or UTF-16/32 by their BOM, decoded line by line
as JSONL is (so an invalid byte or a NUL names its line); a quoted field may span
lines. One record (all its fields and lines) is bounded like a JSONL line, so a
file of one endless line, compressed or not, is an error, not a memory blow-up.
A stray quote opens a field that takes in the rows after it: a record of over
MAX_RECORD_LINES lines is an error naming the line where it starts (the rest of
the file would otherwise be one document), so is a quoted field still open at
the end of the file, and a record of several lines that a strict reader would not
read as one record (a quoted field closed by a quote that text follows), or whose
cells are not as many as the header's, is a warning naming its lines.
A Parquet text column stored as BINARY (no UTF-8 annotation) is decoded as
UTF-8, a row that is not valid UTF-8 a warning naming it. Parquet needs pyarrow
(`pip install 'dragoman[frames]'`); it is read a batch of
rows at a time, only the mapped columns, so memory holds a row group's columns at
most. Parquet cannot come from standard input or a compressed file (it is read by
seeking), and says so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from dragoman.errors import EmptyInputError, InputError, UsageError
from dragoman.ingest.files import MAX_BYTES_PER_CHAR, text_lines
from dragoman.ingest.rows import Fields, row_document, too_long
from dragoman.ingest.tables import IngestTables
from dragoman.records import Document

__all__ = ["NO_PYARROW", "csv_documents", "parquet_documents", "parquet_rows"]

NO_PYARROW = "reading Parquet needs pyarrow: pip install 'dragoman[frames]'"
_RECORD_OVERHEAD_CHARS = 1_000_000  # a row's other fields, beside its text
MAX_RECORD_LINES = 10_000  # one CSV record over more lines is a quote left open, not a document
PARQUET_BATCH = 64  # rows per batch: a parser batch's worth, and little memory


def _check_columns(columns: Sequence[str], fields: Fields, where: str) -> list[str]:
    """The mapped columns the file has; an error for a named one it lacks, or no text column."""
    have = set(columns)
    shown = ", ".join(f'"{c}"' for c in list(columns)[:20]) + (", ..." if len(columns) > 20 else "")
    for role in sorted(fields.named):
        name = getattr(fields, role)
        if name not in have:
            raise InputError(f'no column "{name}" (--{role}-field); its columns are {shown or "none"}', where)
    if fields.text not in have:
        raise InputError(f'no "{fields.text}" column for the text; name it with --text-field (its columns are {shown or "none"})', where)
    return [name for name in dict.fromkeys(fields.columns().values()) if name in have]


# ---------------------------------------------------------------- CSV


def csv_documents(
    stream: io.BufferedReader,
    where: str,
    stem: str,
    *,
    fields: Fields,
    max_doc_chars: int,
    on_warning: Callable[[str], None],
    tables: IngestTables | None,
) -> Iterator[Document]:
    """One Document per CSV row that holds one (the first record is the header)."""
    most = max_doc_chars + _RECORD_OVERHEAD_CHARS  # characters in one record, all its lines
    state = _Lines(where, most, max_doc_chars)
    state.feed(text_lines(stream, where, MAX_BYTES_PER_CHAR * most, max_doc_chars, skip_blank=state.between_records))
    _allow_fields(most)
    reader = csv.reader(state, strict=False)
    try:
        header = next(reader, None)
        if header is None:
            raise EmptyInputError("file is empty; a CSV corpus starts with a header line naming its columns", where)
        wanted = _check_columns(header, fields, where)
        positions = {name: header.index(name) for name in wanted}
        yielded = 0
        while True:
            state.start()
            row = next(reader, None)
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue
            if state.open_at_end:
                raise InputError(
                    f"a quoted field that opens on this line never closes (it runs to the end of the file, line {state.number:,}): "
                    "a stray quote? fix the quoting (a quote inside a quoted field is written twice)",
                    where,
                    state.first,
                )
            if state.number > state.first and (len(row) != len(header) or not _well_quoted(state.lines)):
                on_warning(
                    f"{where}:{state.first}: a quoted field opens on this line and is not closed as CSV closes one: a stray quote? "
                    f"lines {state.first:,}-{state.number:,} ({state.number - state.first + 1:,} lines) are read as one row of {len(row)} cells "
                    f"(the header has {len(header)})"
                )
            record = {name: row[i] if i < len(row) else None for name, i in positions.items()}
            document = row_document(
                record, fields, where=where, number=state.first, made_id=f"{stem}-{state.first}",
                max_doc_chars=max_doc_chars, on_warning=on_warning, tables=tables, place="row",
            )  # fmt: skip
            if document is not None:
                yielded += 1
                yield document
    except csv.Error as exc:
        raise InputError(f"not CSV this reader can take ({' '.join(str(exc).split())[:100]})", where, state.first) from None
    if yielded == 0:
        raise EmptyInputError(f'no document in this CSV file (each row needs a non-empty "{fields.text}")', where)


def _well_quoted(lines: list[str]) -> bool:
    """Whether the lines of one record are one record to a strict reader: every quoted field
    closed by a quote that a comma or the line's end follows (a stray quote is closed, if at
    all, by the next quote in the file, which text follows)."""
    try:
        return len(list(csv.reader(lines, strict=True))) == 1
    except csv.Error:
        return False


def _allow_fields(size: int) -> None:
    # csv keeps its field size limit process-wide (131,072 characters by default, less than
    # many articles): raise it to this reader's record limit, never lower it for another.
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)


class _Lines:
    """The decoded lines csv.reader reads, counting the characters of the record it is on."""

    def __init__(self, where: str, most: int, max_doc_chars: int) -> None:
        self._lines: Iterator[tuple[int, str]] = iter(())
        self._where = where
        self._most = most
        self._max_doc_chars = max_doc_chars
        self.number = 0  # the last line read
        self.first = 1  # the line the current record starts on
        self.open_at_end = False  # the file ended inside a quoted field
        self.lines: list[str] = []  # the current record's lines
        self._chars = 0

    def feed(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines

    def start(self) -> None:
        """A new record starts with the next line."""
        self.first = self.number + 1
        self._chars = 0
        self.lines = []

    def between_records(self) -> bool:
        """Whether no line of the current record is read yet (blank lines there are no field's)."""
        return not self.lines

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            number, line = next(self._lines)
        except StopIteration:
            # csv.reader ends a record at the end of each line unless a quoted field is open:
            # asked for more after the last line, with the record begun, one never closed
            self.open_at_end = bool(self.lines)
            raise
        if not self.lines:
            self.first = number  # blank lines before it may have been passed over
        self.number = number
        self._chars += len(line)
        if number - self.first >= MAX_RECORD_LINES:
            raise InputError(
                f"a quoted field that opens on this line runs on for over {MAX_RECORD_LINES:,} lines (to line {number:,} "
                f"and on): a stray quote? fix the quoting (a quote inside a quoted field is written twice)",
                self._where,
                self.first,
            )
        if self._chars > self._most:
            raise InputError(too_long(f"a row of over {self._most:,} characters", self._max_doc_chars), self._where, self.first)
        self.lines.append(line)
        return line


# ---------------------------------------------------------------- Parquet


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError(NO_PYARROW) from None
    return pq


def _open_parquet(path: str, where: str) -> Any:
    pq = _pyarrow()
    import pyarrow as pa

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputError(f"not a Parquet file this can read ({_reason(exc)})", where) from None


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _texts_of_bytes(record: dict[str, Any], fields: Fields, at: str, on_warning: Callable[[str], None]) -> bool:
    """Decode, in place, the values a BINARY column gives as bytes (text written without
    Parquet's UTF-8 annotation) as UTF-8; False (and a warning) where the text column's will not."""
    for name, value in record.items():
        if not isinstance(value, bytes):
            continue
        try:
            record[name] = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            if name == fields.text:
                on_warning(f'{at}: "{name}" is not valid UTF-8 (at byte {exc.start}); row skipped')
                return False
            on_warning(f'{at}: "{name}" is not valid UTF-8 (at byte {exc.start}); ignored')
            record[name] = None
    return True


def parquet_rows(path: str) -> int | None:
    """The number of rows a Parquet file's metadata gives (None if it cannot be read)."""
    try:
        return int(_open_parquet(path, path).metadata.num_rows)
    except (InputError, UsageError):
        return None


def parquet_documents(
    path: str,
    where: str,
    stem: str,
    *,
    fields: Fields,
    max_doc_chars: int,
    on_warning: Callable[[str], None],
    tables: IngestTables | None,
) -> Iterator[Document]:
    """One Document per Parquet row that holds one, read PARQUET_BATCH rows at a time."""
    parquet = _open_parquet(path, where)
    import pyarrow as pa  # imported by _open_parquet

    wanted = _check_columns(parquet.schema_arrow.names, fields, where)
    number = 0
    yielded = 0
    batches = parquet.iter_batches(batch_size=PARQUET_BATCH, columns=wanted)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise InputError(f"cannot read the rows after row {number} ({_reason(exc)})", where) from None
        if batch is None:
            break
        for record in batch.to_pylist():
            number += 1
            if not _texts_of_bytes(record, fields, f"{where}:{number}", on_warning):
                continue
            document = row_document(
                record, fields, where=where, number=number, made_id=f"{stem}-{number}",
                max_doc_chars=max_doc_chars, on_warning=on_warning, tables=tables, place="row",
            )  # fmt: skip
            if document is not None:
                yielded += 1
                yield document
    if yielded == 0:
        raise EmptyInputError(f'no document in this Parquet file (each row needs a non-empty "{fields.text}")', where)
