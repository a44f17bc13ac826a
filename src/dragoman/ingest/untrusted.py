"""The one place where untrusted input becomes text.

Every reader goes through here, so every way an input can be hostile is met once:

* **Bytes -> str** (`decode`): UTF-8, with or without a BOM; UTF-16 and UTF-32
  files are recognised by their BOM and decoded. Anything else that is not
  UTF-8 is an `EncodingError` naming the byte and saying how to re-encode.
* **Binary data**: a NUL *byte* anywhere in a file (not only in its first
  8 KB) means the file is not text, and it is refused as binary. (In UTF-16
  text, NUL bytes are part of the encoding: there the check is on the
  decoded characters.)
* **Control characters in text** (`clean_text`): text that arrives as a
  string (a JSON "\\u0000" escape, a Python caller) keeps its length but not
  its control characters: C0 controls other than tab, line feed, vertical
  tab, form feed and carriage return, and DEL, become spaces; a lone
  surrogate (from JSON "\\ud800", which no encoder can write) becomes U+FFFD.
  Offsets into the text therefore stay those of the input. Nothing else is
  changed.
* **JSON** (`json_record`): a line nested too deeply for the parser, or
  holding a number of more digits than Python converts (4,300), is a
  `JsonLineError`; the JSONL reader skips that line with a warning naming
  file:line and codes the rest. Long numbers are kept as their digits.
* **Sizes**: `MAX_ID_CHARS` for a document id; the document size limit itself
  is the reader's `max_doc_chars` (Settings.max_doc_chars).
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

from dragoman.errors import EncodingError

MAX_ID_CHARS = 256  # a longer id is no id: the document gets one made from its file and line
REENCODE_HINT = "re-encode the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_INT_DIGITS = 1000  # below Python's 4,300-digit conversion limit: past it, keep the digits


def sniff_bom(head: bytes) -> tuple[int, str, str]:
    """(BOM length, codec, name) of the file starting with `head`; (0, "utf-8", "UTF-8") without a BOM."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return len(bom), codec, name
    return 0, "utf-8", "UTF-8"


def decode(data: bytes, where: str, line: int | None = None, base_offset: int = 0, *, bom: bool = True) -> str:
    """The text of a whole file (or, with `line`, one line of one) as str; see the module docstring.
    `bom=False` (a line after the first) reads UTF-8 only.

    >>> decode(b"\\xff\\xfeI\\x00r\\x00a\\x00n\\x00", "f.txt")
    'Iran'
    """
    skip, codec, name = sniff_bom(data) if bom else (0, "utf-8", "UTF-8")
    if codec == "utf-8":
        nul = data.find(b"\x00")
        if nul >= 0:
            raise EncodingError(f"binary file, not text (a NUL byte at byte {base_offset + nul}); give a .txt, .html or .jsonl file", where, line)
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-8":
            raise EncodingError(f"not valid UTF-8 at byte {base_offset + skip + exc.start}; {REENCODE_HINT}", where, line) from None
        raise EncodingError(
            f"starts as {name} but is not valid {name} at byte {skip + exc.start}; re-encode the file as UTF-8", where, line
        ) from None
    if codec != "utf-8":
        nul = text.find("\x00")
        if nul >= 0:
            raise EncodingError(f"binary file, not text (a NUL character at character {nul}); give a .txt, .html or .jsonl file", where, line)
    return text


def clean_text(text: str) -> str:
    """`text` with control characters as spaces and lone surrogates as U+FFFD (same length).

    >>> clean_text("Iran\\x00warned \\ud800Israel.")
    'Iran warned \\ufffdIsrael.'
    """
    if _UNSAFE.search(text) is None:  # the usual case: no copy
        return text
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def clean_field(value: str | None) -> str | None:
    """clean_text for an optional metadata field (title, date, url, outlet, id)."""
    return None if value is None else clean_text(value)


class LongNumber(str):
    """A JSON integer of more digits than Python converts, kept as its digits."""


class JsonLineError(ValueError):
    """A JSONL line that the JSON parser cannot take: the reader skips it, naming why."""


def _parse_int(digits: str) -> int | LongNumber:
    return int(digits) if len(digits) <= _INT_DIGITS else LongNumber(digits)


def json_record(line: str) -> Any:
    """json.loads for one untrusted line: never RecursionError or a conversion ValueError."""
    try:
        return json.loads(line, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise JsonLineError(f"not JSON ({exc.msg})") from None
    except RecursionError:
        raise JsonLineError("not JSON this reader can take (nested too deeply)") from None
    except ValueError as exc:  # a number Python will not convert
        raise JsonLineError(f"not JSON this reader can take ({' '.join(str(exc).split())[:80]})") from None
