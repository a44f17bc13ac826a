"""run(documents) -> results: the whole pipeline, read top to bottom.

    ingest (Document) -> parse (spaCy, streamed) -> sentences + citations
    -> actors -> events (coding) -> dates -> voice (modality, attribution)
    -> DocumentResult

The stages are pure functions; this module only wires them. (STUB: being written by the lead.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .config import Settings
from .records import Document, Event, Sentence


@dataclass(frozen=True, slots=True)
class DocumentResult:
    document: Document
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = ()


def run(documents: Iterable[Document], settings: Settings | None = None) -> Iterator[DocumentResult]:
    """Code each document; results come out in input order, one per document."""
    raise NotImplementedError
