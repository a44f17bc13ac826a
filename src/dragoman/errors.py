"""The exception tree. The CLI turns each into one line and a non-zero exit.

    DragomanError                 anything dragoman raises on purpose
    ├── InputError                a file or record we cannot read (names the file/line)
    │   ├── EmptyInputError       nothing to code in it
    │   └── EncodingError         not text, or not UTF-8
    ├── KnowledgeError            a data file (lexicon, actor dictionary) is invalid
    ├── OutputError               an output that would destroy a file, or cannot be written
    ├── ModelError                the spaCy model is not installed
    ├── EngineError               a distributed run that cannot start or goes wrong (no scheduler, a worker lost)
    ├── PipelineError             stages that cannot run in the order given
    ├── StoreError                the database cannot be opened, migrated or written
    │   └── OutdatedStoreError    opened read-only, but its schema needs a migration first
    └── UsageError                a setting or option no run can use (batch size 0, ...)
"""

from __future__ import annotations

SHOWN = 80  # characters of a user's value an error message repeats
LINE = 2_000  # characters of a whole message, at most (the command line's last resort)


def clip(value: object, limit: int = SHOWN) -> str:
    """A user's value as an error message shows it: repr, cut to `limit` characters with its length said.

    A name of two million characters (an actor dictionary's, an option's) must not make a
    two-megabyte error line: `f"no modality {clip(name)}"`."""
    shown = repr(value) if isinstance(value, str) else str(value)
    if len(shown) <= limit:
        return shown
    length = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return shown[: max(limit - 1, 1)] + "\u2026" + length


def clip_line(message: str, limit: int = LINE) -> str:
    """A message cut in its middle to at most about `limit` characters: its start names the
    file and line, its end says what to do, and a value between is what grows."""
    if len(message) <= limit:
        return message
    head, tail = limit * 2 // 3, limit // 3
    return f"{message[:head]}\u2026 ({len(message) - head - tail:,} characters left out) \u2026{message[-tail:]}"


class DragomanError(Exception):
    """Base class: the message is one line a user can act on."""


class InputError(DragomanError):
    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line


class EmptyInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class KnowledgeError(DragomanError):
    pass


class OutputError(DragomanError):
    """An output that is an input, exists (without --force), or cannot be written (a full disk)."""


class ModelError(DragomanError):
    pass


class EngineError(DragomanError):
    pass


class PipelineError(DragomanError):
    pass


class StoreError(DragomanError):
    pass


class OutdatedStoreError(StoreError):
    pass


class UsageError(DragomanError):
    pass
