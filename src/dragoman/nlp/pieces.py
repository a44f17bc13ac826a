"""Bounded pieces: what the parser is given at once, cut by characters.

The parser's cost is not linear in every shape of text: its tokenizer is
quadratic in the length of a run of characters without a space (300 KB of
"&" took minutes), and a batch of long texts holds every token of the batch
at once (about 15 KB each). So a block is parsed in pieces:

* no piece is longer than MAX_PIECE_CHARS (cut after a sentence end, else at
  a space), the same limit ingest puts on a block, so a block of ordinary
  prose is parsed whole, as it always was;
* a run of more than MAX_RUN_CHARS characters without a space (no word is that
  long) is cut into pieces of its own, MAX_RUN_CHARS each;
* a piece without a letter or a digit (punctuation, symbols) can hold no event,
  date or name: it is not parsed (`has_word`);
* parse_documents gives the parser at most BATCH_CHARS characters per batch.

Everything here is pure string work, linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_PIECE_CHARS = 20_000  # = ingest.text.MAX_BLOCK_CHARS: ordinary blocks are never cut again
MAX_RUN_CHARS = 500
BATCH_CHARS = 50_000  # at about one token per character at worst, well under 1 GB of parser state

_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_RUN_CHARS + 1))  # the look-behind keeps the scan linear
_SENTENCE_CUT = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or a digit, in any script


def has_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a letter or a digit."""
    return _WORD_CHAR.search(text, start, end) is not None


def cut_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the pieces of text[start:end] (see the module docstring); none is empty
    or starts or ends with a space, and together they cover every non-space character."""
    if end - start <= MAX_RUN_CHARS:
        yield from _stripped(text, start, end)
        return
    at = start
    for run in _LONG_RUN.finditer(text, start, end):
        yield from _prose(text, at, run.start())
        for chunk in range(run.start(), run.end(), MAX_RUN_CHARS):
            yield chunk, min(chunk + MAX_RUN_CHARS, run.end())
        at = run.end()
    yield from _prose(text, at, end)


def _prose(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of text with no over-long run: cut after the last sentence end that fits, else at a space."""
    start, end = _strip(text, start, end)
    while end - start > MAX_PIECE_CHARS:
        window_end = start + MAX_PIECE_CHARS
        cut = None
        for match in _SENTENCE_CUT.finditer(text, start, window_end + 1):
            if match.end() <= window_end and match.start() > start:
                cut = match.start() + 1
        if cut is None:
            cut = _last_space(text, start, window_end)
        yield from _stripped(text, start, cut)
        start = _strip(text, cut, end)[0]
    yield from _stripped(text, start, end)


def _last_space(text: str, start: int, end: int) -> int:
    """The last whitespace in text[start:end] (runs are short here, so the walk is too), else `end`."""
    for i in range(end - 1, max(start, end - MAX_RUN_CHARS - 2), -1):
        if text[i].isspace():
            return i
    return end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    start, end = _strip(text, start, end)
    if end > start:
        yield start, end
