"""Inputs as binary streams: a file, standard input, or either compressed.

    open_stream(path, where, compression)   a buffered binary stream of the input's bytes

Compression is named by the caller (from the file's suffix) or, when it is not,
found from the first bytes: gzip (1f 8b), bzip2 ("BZh") and Zstandard
(28 b5 2f fd). gzip and bzip2 come with Python; Zstandard needs the `zstandard`
package (`pip install 'dragoman[zstd]'`), and without it a .zst input is one line
saying so. Decompression streams: the readers read a bounded number of bytes at a
time (a text document at most its size limit, a JSONL line at most its line
limit), so a decompression bomb meets the same limits as a plain file, not
memory. Corrupt or truncated compressed data is an InputError naming the input.
"""

from __future__ import annotations

import bz2
import gzip
import io
import zlib
from typing import IO, TYPE_CHECKING, cast

from dragoman.errors import InputError, UsageError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["COMPRESSIONS", "MAGIC", "compression_of", "open_stream"]

# suffix -> compression name (the name is also what messages say)
COMPRESSIONS = {".gz": "gzip", ".gzip": "gzip", ".bz2": "bzip2", ".zst": "zstd", ".zstd": "zstd"}
MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
BUFFER = 1 << 16
NO_ZSTD = "reading Zstandard (.zst) input needs the zstandard package: pip install 'dragoman[zstd]'"


def compression_of(head: bytes) -> str | None:
    """The compression the first bytes of an input show, or None for none."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


class _Decompressed(io.RawIOBase):
    """A decompressing stream whose errors are InputErrors naming the input."""

    def __init__(self, stream: IO[bytes], name: str, where: str) -> None:
        super().__init__()
        self._stream = stream
        self._name = name
        self._where = where

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        try:
            data = self._stream.read(memoryview(buffer).nbytes)
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            raise InputError(f"not valid {self._name} data ({_reason(exc)}); check the file, or decompress it first", self._where) from None
        except Exception as exc:  # noqa: BLE001 - zstandard.ZstdError and the like: the library's own
            raise InputError(f"not valid {self._name} data ({_reason(exc)}); check the file, or decompress it first", self._where) from None
        n = len(data)
        memoryview(buffer).cast("B")[:n] = data
        return n

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            super().close()


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, EOFError):
        return "it ends before its end: truncated?"
    return text[:120]


def _decompressor(raw: io.BufferedReader, name: str) -> IO[bytes]:
    if name == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if name == "bzip2":
        return bz2.BZ2File(raw, mode="rb")
    try:
        from compression import zstd  # type: ignore[import-not-found, unused-ignore]  # Python 3.14

        return cast(IO[bytes], zstd.ZstdFile(raw, mode="rb"))
    except ImportError:
        pass
    try:
        import zstandard
    except ImportError:
        raise UsageError(NO_ZSTD) from None
    return cast(IO[bytes], zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True))


def open_stream(raw: IO[bytes], where: str, compression: str | None = None) -> io.BufferedReader:
    """`raw` (a file or stdin opened in binary) as a buffered stream of its decompressed bytes.

    `compression`: a name of COMPRESSIONS' values, or None to look at the first bytes.
    Closing what it returns closes `raw`, unless `raw` is standard input (never closed here)."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, raw), BUFFER)
    if compression is None:
        try:
            compression = compression_of(buffered.peek(4)[:4])
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", where) from None
        if compression is None:
            return buffered
    return io.BufferedReader(_Decompressed(_decompressor(buffered, compression), compression, where), BUFFER)
