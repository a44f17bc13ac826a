"""Output files: never an input, never an existing file unless asked, never half-written.

    with open_output("events.jsonl", inputs=["corpus.jsonl"], force=False) as out:
        out.write(...)                      # a text file, UTF-8
    with output_path("mine.yaml", inputs=["Phoenix.txt"]) as temporary:
        export_yaml(result, temporary)      # for writers that take a path

Before anything is read or written (`check_output`), the output is refused
when it is one of the inputs (the same path, or the same file by another name
or a hard link), a store or one of the files SQLite keeps beside it (`-wal`,
`-shm`, `-journal`: replacing one loses what the store holds), a folder, in a
folder that does not exist, or an existing file and `force` is not given.
Every command that writes a file (code, events, plot, actors import) checks it
here. The text goes to a temporary file beside the output
(`.NAME.XXXXXXXX.tmp`), which replaces the output only once all of it is
written and on disk (`os.replace`; without `force`, a hard link that fails if
the output appeared meanwhile). On any error the temporary file is removed and
the old output, if there was one, is as it was. A write that fails (a full disk,
`-o /dev/full`) is an `OutputError` naming the output.

An output that exists and is no regular file (a device such as /dev/null or
/dev/full, a named pipe) is written straight into, never replaced by a file:
that is what naming /dev/null or /dev/stdout means, and `force` changes nothing.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from .errors import OutputError


@dataclass(frozen=True, slots=True)
class Target:
    """Where an output goes, once checked."""

    path: str  # as the user named it (for messages)
    real: str  # the file to create or replace (a symbolic link's target)
    direct: bool  # a device or pipe: written straight into
    existing_mode: int | None  # permission bits of the file replaced (with force)


# the files SQLite keeps beside a store, by suffix (https://sqlite.org/tempfiles.html)
STORE_FILES = {"-wal": "write-ahead log", "-shm": "shared-memory index", "-journal": "rollback journal"}


def check_output(path: str, inputs: Iterable[str] = (), *, force: bool = False, stores: Iterable[str] = ()) -> Target:
    """Refuse an output that would destroy something (see the module docstring).

    `stores` are the paths of the SQLite stores the command opens (a URL's path, or
    none for a server's): they count as inputs, and so do the files beside them."""
    stores = [store for store in stores if store]
    for given in [*inputs, *stores]:
        if given and _same_file(path, given):
            what = "the output" if given == path else f"the output ({path})"
            raise OutputError(f"{given}: is an input and cannot also be {what}; name another output file")
    for store in stores:
        for suffix, what in STORE_FILES.items():
            if _same_file(path, store + suffix):
                raise OutputError(f"{path}: is the {what} of the store {store} and cannot be the output; name another output file")
    real = os.path.realpath(path)
    if os.path.isdir(real):
        raise OutputError(f"{path}: is a folder; name a file to write")
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: no such folder {folder!r}")
    try:
        found = os.stat(real)
    except FileNotFoundError:
        return Target(path, real, direct=False, existing_mode=None)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    if not stat.S_ISREG(found.st_mode):
        return Target(path, path, direct=True, existing_mode=None)
    if not force:
        raise OutputError(f"{path}: already exists; give --force to replace it")
    return Target(path, real, direct=False, existing_mode=stat.S_IMODE(found.st_mode))


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:  # one of them does not exist (yet)
        pass
    return os.path.realpath(a) == os.path.realpath(b)


class _OutputText(io.TextIOWrapper):
    """A text file whose failed writes are OutputErrors naming the output."""

    where = "output"

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise _write_error(self.where, exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise _write_error(self.where, exc) from None

    def close(self) -> None:
        try:
            super().close()
        except OSError as exc:
            raise _write_error(self.where, exc) from None


def _write_error(where: str, exc: OSError) -> OutputError:
    return OutputError(f"{where}: cannot write ({exc.strerror or exc})")


def _text(fd: int, where: str) -> _OutputText:
    out = _OutputText(io.FileIO(fd, "w"), encoding="utf-8", newline="")
    out.where = where
    return out


@contextmanager
def open_output(path: str, *, inputs: Iterable[str] = (), force: bool = False, stores: Iterable[str] = ()) -> Iterator[TextIO]:
    """The output as a text file, replaced whole when the block ends without an error."""
    target = check_output(path, inputs, force=force, stores=stores)
    if target.direct:
        try:
            fd = os.open(target.path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise _write_error(path, exc) from None
        with _text(fd, path) as out:
            yield out
        return
    temporary, fd = _create_temporary(target)
    out = _text(fd, path)
    try:
        yield out
    except BaseException:  # the command failed: the old output stays as it was
        _discard(out, temporary)
        raise
    try:
        out.flush()
        os.fsync(out.fileno())
        out.close()
        _commit(temporary, target, force)
    except OSError as exc:
        _discard(out, temporary)
        raise _write_error(path, exc) from None
    except BaseException:
        _discard(out, temporary)
        raise


@contextmanager
def output_path(path: str, *, inputs: Iterable[str] = (), force: bool = False, stores: Iterable[str] = ()) -> Iterator[str]:
    """A temporary path to write the output to; it replaces the output when the block ends."""
    target = check_output(path, inputs, force=force, stores=stores)
    if target.direct:
        try:
            yield target.path
        except OSError as exc:
            raise _write_error(path, exc) from None
        return
    temporary, fd = _create_temporary(target)
    os.close(fd)
    try:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        _commit(temporary, target, force)
    except OSError as exc:
        _remove(temporary)
        raise _write_error(path, exc) from None
    except BaseException:
        _remove(temporary)
        raise


def _create_temporary(target: Target) -> tuple[str, int]:
    folder, name = os.path.split(target.real)
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 less the umask, as for any new file; a replaced file's own bits are put back in _commit
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _write_error(target.path, exc) from None
        return temporary, fd
    raise OutputError(f"{target.path}: cannot make a temporary file beside it")


def _commit(temporary: str, target: Target, force: bool) -> None:
    if target.existing_mode is not None:
        os.chmod(temporary, target.existing_mode)
    if force:
        os.replace(temporary, target.real)
    else:
        try:
            os.link(temporary, target.real)  # fails, rather than replace, if the output appeared meanwhile
        except FileExistsError:
            raise OutputError(f"{target.path}: appeared while this was written; give --force to replace it") from None
        except OSError:  # a file system without hard links
            if os.path.lexists(target.real):
                raise OutputError(f"{target.path}: appeared while this was written; give --force to replace it") from None
            os.replace(temporary, target.real)
        _remove(temporary)
    _sync_folder(os.path.dirname(target.real) or ".")


def _discard(out: _OutputText, temporary: str) -> None:
    try:
        out.close()
    except OutputError:
        pass
    _remove(temporary)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _sync_folder(folder: str) -> None:
    """Put the rename itself on disk (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
