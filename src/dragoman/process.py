"""The command-line process and what surrounds it: closed standard streams, and SIGTERM.

    guard_standard_streams()          # first thing in cli.main
    with sigterm_raises():            # SIGTERM unwinds like Ctrl-C
        ...

- A standard stream that is closed when dragoman starts (`>&-`, `2>&-`) gets /dev/null
  under its number first, so that no file opened later (the store, an output) takes
  descriptor 1 or 2 and receives what was meant for the terminal. Standard output then
  refuses every write with an OutputError: one line on stderr and exit status 1 (a
  command that writes nothing there, `code --db`, runs as usual). Standard error
  swallows what is written to it: the command runs as usual, and its exit status
  still says whether it failed.
- SIGTERM becomes the exception `Terminated` in the main thread, so a terminated run
  cleans up as an interrupted one does: a temporary output is removed, an open
  transaction rolled back, the worker processes stopped. A second SIGTERM during that
  clean-up ends the process at once.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import OutputError

__all__ = ["ClosedOutput", "Terminated", "guard_standard_streams", "sigterm_raises", "stdout_closed"]

CLOSED_STDOUT = "standard output is closed: redirect it (> events.txt) or give --output FILE"


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so no `except Exception` swallows it."""


class ClosedOutput(io.TextIOBase):
    """What sys.stdout is when descriptor 1 was closed: every write is an OutputError."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OutputError(CLOSED_STDOUT)

    def flush(self) -> None:  # called at exit: nothing was written, nothing to say
        pass

    def isatty(self) -> bool:
        return False


def stdout_closed() -> bool:
    return isinstance(sys.stdout, ClosedOutput)


def guard_standard_streams() -> None:
    """Put /dev/null under every closed standard descriptor (see the module docstring)."""
    for fd in (0, 1, 2):
        if _is_open(fd):
            continue
        null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        if null != fd:  # the lowest free descriptor is taken: only a lower one closed as well gives another
            os.dup2(null, fd)
            os.close(null)
        if fd == 0:
            sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's own, never closed
        elif fd == 1:
            sys.stdout = ClosedOutput()
        else:
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` in the main thread (elsewhere: no change).

    A child forked meanwhile that still has the handler dies of the signal as if it had none."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pid = os.getpid()

    def terminated(signum: int, frame: FrameType | None) -> None:
        signal.signal(signum, signal.SIG_DFL)  # a second SIGTERM ends the process at once
        if os.getpid() != pid:
            os.kill(os.getpid(), signum)
            return
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
