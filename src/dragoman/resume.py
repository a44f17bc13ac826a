"""Resumable runs: a document already stored from the same input, coded the same way, is not coded again.

    stamp = coding_stamp(settings, knowledge)       what a coding depends on, as one sha256
    resume = Resume(store, stamp, on_skipped=...)
    for document in nlp.pipe(resume.pending(documents)):   # what is current never reaches the parser
        resume.before_result()                             # skipped documents, reported in input order
        ...
    resume.finish()

**When a stored document is current** (and skipped): the store holds a document of that
doc_id whose `input_sha256` equals the incoming document's `input_digest` (its text, title,
date, url and outlet as read) and whose `coded_with` equals this run's coding stamp: sha256
over dragoman's version, the coder's name, version and fingerprint, the knowledge
fingerprint (every dictionary, built-in or the user's, the policy, grammar, date and ingest
tables), the spaCy model asked for, and whether the pre-filter is on. Anything else (a new
document, a changed text or date, another dictionary, `--no-prefilter`, a new dragoman, a
document stored before migration 0006) is coded and replaces what was stored. The batch size,
the number of processes and the engine change no event, so they are not in the stamp.

The store is asked in batches of ids (a few hundred documents or a few million characters at
a time), before the documents reach the parser; a finished corpus is read and hashed, never
parsed, and the model is not even loaded. Each coded document is saved in its own
transaction (`service.code_into`), so a run stopped at any moment (Ctrl-C, `kill -9`) leaves
whole documents only, and the same command again continues where it stopped.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from .coding.coders import make_coder
from .config import Settings
from .knowledge import Knowledge
from .records import Document
from .store import EventStore
from .store.base import input_digest
from .version import __version__

__all__ = ["BATCH_CHARS", "BATCH_DOCUMENTS", "Resume", "coding_stamp"]

BATCH_DOCUMENTS = 256  # ids per look-up in the store
BATCH_CHARS = 8_000_000  # and no more text than this held waiting for it


def coding_stamp(settings: Settings, knowledge: Knowledge) -> str:
    """sha256 (hex) over everything that decides the events a document gets (see the module docstring)."""
    coder = make_coder(settings.coder, knowledge)
    parts = {
        "dragoman": __version__,
        "coder": [coder.name, coder.version, coder.fingerprint],
        "knowledge": knowledge.fingerprint,
        "model": settings.model,
        "prefilter": settings.prefilter,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


class Resume:
    """Filters a stream of documents through a store: what is current is skipped, the rest passes.

    Skipped documents are handed to `on_skipped` in input order among the coded ones: the
    caller calls `before_result()` before it handles each result of the documents `pending`
    let through (results come in input order), and `finish()` after the last."""

    def __init__(self, store: EventStore, stamp: str, *, on_skipped: Callable[[Document], None]) -> None:
        self.store = store
        self.stamp = stamp
        self.skipped = 0
        self._on_skipped = on_skipped
        self._passed = 0  # documents `pending` let through
        self._handled = 0  # results the caller has handled
        self._waiting: deque[tuple[int, Document]] = deque()  # skipped, after how many passed documents

    def pending(self, documents: Iterable[Document]) -> Iterator[Document]:
        """The documents that are not current in the store, in order."""
        for batch in _batches(documents):
            stored = self.store.codings([d.doc_id for d in batch])
            for document in batch:
                coding = stored.get(document.doc_id)
                if coding is not None and coding.coded_with == self.stamp and coding.input_sha256 == input_digest(document):
                    self._skip(document)
                else:
                    self._passed += 1
                    yield document

    def _skip(self, document: Document) -> None:
        self.skipped += 1
        if self._handled == self._passed and not self._waiting:
            self._on_skipped(document)
        else:  # a document let through before it is still being coded: it waits, without its text
            self._waiting.append((self._passed, replace(document, text="", blocks=(), markers=(), references=())))

    def before_result(self) -> None:
        """Call before handling each result: the skipped documents that came before it go first."""
        while self._waiting and self._waiting[0][0] <= self._handled:
            self._on_skipped(self._waiting.popleft()[1])
        self._handled += 1

    def finish(self) -> None:
        """Call after the last result: the skipped documents after it."""
        while self._waiting:
            self._on_skipped(self._waiting.popleft()[1])


def _batches(documents: Iterable[Document]) -> Iterator[list[Document]]:
    batch: list[Document] = []
    chars = 0
    for document in documents:
        batch.append(document)
        chars += len(document.text)
        if len(batch) >= BATCH_DOCUMENTS or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
