"""Events as a Parquet file (pyarrow), written as they come, in row groups.

    with ParquetEventWriter(path) as writer:           # dragoman's columns, typed as events_frame
        writer.write(result.acts(), result.document)   # any number of times
        writer.finish()                                # the last row group and the footer

At most ROW_GROUP events are held at once: each full batch becomes a row
group, so a file of millions of events is written in flat memory. Without a
profile the columns and types are those of `frames.events_frame` (CAMEO codes
and dates as strings, nullable integers), and the file carries pandas'
metadata, so `pandas.read_parquet` gives back exactly the DataFrame
`events_frame` would; with a profile (`profiles.load_profile("gdelt")`) its
columns, typed as the profile says.

The writer writes to the path it is given: `outputs.output_path` gives it a
temporary file beside the output that replaces the output only once the
writer is closed without an error. pyarrow is an optional dependency
(pip install 'dragoman[frames]').
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Self

from .errors import OutputError, UsageError
from .frames import COLUMNS, events_frame
from .profiles import Profile, flat_profile
from .records import Document, Event

ROW_GROUP = 20_000  # events per row group: what the writer holds in memory at most
MISSING = "Parquet output needs pyarrow: pip install 'dragoman[frames]' (or pip install pyarrow)"

DocumentLookup = Callable[[str], Document | None]


def frame_profile() -> Profile:
    """events_frame's own columns (the flat profile less the document's)."""
    flat = flat_profile()
    return Profile(
        "dragoman",
        "events_frame's columns",
        tuple(c for c in flat.columns if c.name in COLUMNS),
    )


def coerce(value: Any, kind: str) -> Any:
    """A profile value as its column's type ("20250308" for an int column is 20250308)."""
    if value is None:
        return None
    if kind == "string":
        return value if isinstance(value, str) else str(value)
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return bool(value)


class ParquetEventWriter:
    """Writes events to `path` in row groups (see the module docstring)."""

    def __init__(
        self,
        path: str,
        profile: Profile | None = None,
        documents: DocumentLookup | None = None,
        *,
        row_group: int = ROW_GROUP,
    ) -> None:
        try:
            import pyarrow  # type: ignore[import-untyped]
            import pyarrow.parquet  # type: ignore[import-untyped]
        except ImportError:
            raise UsageError(MISSING) from None
        self._pa = pyarrow
        self.path = path
        self.profile = profile or frame_profile()
        self.documents = documents
        self.row_group = row_group
        self.count = 0
        self._schema = self._build_schema(pandas_types=profile is None)
        self._columns: list[list[Any]] = [[] for _ in self.profile.columns]
        self._writer: Any = None
        self._parquet = pyarrow.parquet

    def _build_schema(self, *, pandas_types: bool) -> Any:
        pa = self._pa
        if pandas_types:  # events_frame's schema and pandas metadata: read back, the DataFrame has its dtypes
            return pa.Schema.from_pandas(events_frame([]), preserve_index=False)
        types = {
            "string": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "bool": pa.bool_(),
        }
        return pa.schema(
            [pa.field(c.name, types[c.type]) for c in self.profile.columns]
        )

    def write(self, events: Iterable[Event], document: Document | None = None) -> None:
        """Add events (of `document`, if given; else the lookup finds each one's document)."""
        columns = self.profile.columns
        lookup = (
            self.documents
            if document is None and self.profile.needs_documents
            else None
        )
        for event in events:
            doc = lookup(event.doc_id) if lookup is not None else document
            for values, column, value in zip(
                self._columns, columns, self.profile.row(event, doc), strict=True
            ):
                values.append(coerce(value, column.type))
            self.count += 1
            if len(self._columns[0]) >= self.row_group:
                self._flush()

    def finish(self) -> None:
        """Write what is held and the file's footer (an empty result is a file with its columns and no rows)."""
        if self._columns[0] or self._writer is None:
            self._flush()
        self.close()

    def close(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            try:
                writer.close()
            except OSError as exc:
                raise OutputError(
                    f"{self.path}: cannot write ({exc.strerror or exc})"
                ) from None

    def _flush(self) -> None:
        pa = self._pa
        arrays = [
            pa.array(values, type=self._schema.field(i).type)
            for i, values in enumerate(self._columns)
        ]
        table = pa.Table.from_arrays(arrays, schema=self._schema)
        try:
            if self._writer is None:
                self._writer = self._parquet.ParquetWriter(self.path, self._schema)
            self._writer.write_table(table)
        except OSError as exc:
            raise OutputError(
                f"{self.path}: cannot write ({exc.strerror or exc})"
            ) from None
        self._columns = [[] for _ in self.profile.columns]

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
            return
        try:  # a failed run: close quietly; the temporary file is thrown away by the caller
            self.close()
        except OutputError:
            pass
