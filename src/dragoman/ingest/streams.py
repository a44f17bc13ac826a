"""Inputs as binary streams: a file, standard input, or either compressed.

    open_stream(path, where, compression)   a buffered binary stream of the input's bytes

Compression is named by the caller (from the file's suffix) or, when it is not,
found from the first bytes: gzip (1f 8b), bzip2 ("BZh") and Zstandard
(28 b5 2f fd). gzip and bzip2 come with Python; Zstandard needs the `zstandard`
package (`pip install 'dragoman[zstd]'`), and without it a .zst input is one line
saying so. Decompression streams: the readers read a bounded number of bytes at a
time (a text document at most its size limit, a JSONL line at most its line
limit), so a decompression bomb meets the same limits as a plain file, not
memory. Corrupt or truncated compressed data is an InputError naming the input,
for the three alike (a .zst cut inside a frame too). gzip is read by zlib itself,
member after member (twice as fast as gzip.GzipFile); Zstandard by frames.
"""

from __future__ import annotations

import bz2
import io
import zlib
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, cast

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
ZSTD_CHUNK = 1 << 10  # compressed bytes fed to Zstandard at once: at most about 32 MB out
GZIP_CHUNK = 1 << 16  # compressed bytes fed to zlib at once
GZIP_OUT = 1 << 20  # the most zlib gives back at once
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
        # zlib's own gzip reader (wbits 31: the header, the CRC and the length checked), member
        # after member: about twice as fast as gzip.GzipFile, which matters for gigabytes of
        # blank lines that compress a thousandfold
        return cast(IO[bytes], io.BufferedReader(_Members(raw, _gzip_member, GZIP_CHUNK, GZIP_OUT, padding=True), BUFFER))
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
    return cast(IO[bytes], io.BufferedReader(_Members(raw, zstandard.ZstdDecompressor().decompressobj, ZSTD_CHUNK), BUFFER))


def _gzip_member() -> Any:
    return zlib.decompressobj(31)


class _Members(io.RawIOBase):
    """Compressed members (gzip) or frames (Zstandard), one after another, each read by a new
    decompressor from `new`: data that ends inside one is an EOFError, as in bzip2's reader
    (zstandard's own stream reader ended there without a word, so a cut .zst corpus gave a
    third of its documents and no error). Compressed bytes are fed `chunk` at a time and, where
    the decompressor takes a limit (zlib), at most `most` bytes come out at once, so one call
    never makes more than a few tens of MB (a Zstandard block of 128 KB can be written in four
    bytes), whatever the file. `padding`: zero bytes between members are passed over, as
    gzip.GzipFile does."""

    def __init__(self, raw: IO[bytes], new: Callable[[], Any], chunk: int, most: int = 0, *, padding: bool = False) -> None:
        super().__init__()
        self._raw = raw
        self._new = new
        self._chunk = chunk
        self._most = most
        self._padding = padding
        self._frame: Any = None  # the member being read; None between members
        self._pending = b""  # compressed bytes read but not yet fed
        self._out = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while not self._out:
            if not self._fill():
                return 0
        n = min(len(self._out), memoryview(buffer).nbytes)
        memoryview(buffer).cast("B")[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def _fill(self) -> bool:
        """Decompress some more into self._out; False at the end of the data, after a whole frame."""
        if not self._pending:
            self._pending = self._raw.read(self._chunk)
            if not self._pending:
                if self._frame is not None:
                    raise EOFError("the data ends inside a compressed member")
                return False
        if self._frame is None:
            if self._padding:
                self._pending = self._pending.lstrip(b"\x00")
                if not self._pending:
                    return True
            self._frame = self._new()
        chunk, self._pending = self._pending, b""
        if self._most:
            self._out = memoryview(self._frame.decompress(chunk, self._most))
            self._pending = self._frame.unconsumed_tail
        else:
            self._out = memoryview(self._frame.decompress(chunk))
        if self._frame.eof:  # the member is whole: what follows it starts the next one
            self._pending, self._frame = self._frame.unused_data + self._pending, None
        return True

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


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
