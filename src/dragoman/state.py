"""The state the pipeline's stages share: one `DocumentState` per document, one
`SentenceWork` per sentence, and the `DocumentResult` a document ends as.

`DocumentState` is all the memory a document needs from one sentence to the
next, in one place: the date clock (running dates), the mentions read so far
(for pronouns and "the two sides"), the messages written (for demand lists),
the list lead-in waiting for its items, and what has been produced. It holds
records and plain data only, so it pickles.

`SentenceWork` is one sentence's work: what the pipeline gives (the parse and
where the sentence sits) and a slot for what each stage writes. Stages
declare, by these field names, what they read and write; the pipeline checks
the order once when it is built (`pipeline.check_order`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .coding.draft import Draft
from .coding.lists import ListContext
from .coding.propositions import SentencePropositions
from .coding.voice import Voice
from .mentions import MentionMemory, SentenceMentions
from .record.notes import Note, RecordMemory
from .record.records import EMPTY_RECORD, Record
from .records import Actor, Block, Citation, Document, Event, Sentence
from .time import DocumentClock, SentenceDates

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span, Token


@dataclass(slots=True)
class DocumentState:
    """One document's memory while its sentences are read in order."""

    # given
    document: Document
    clock: DocumentClock  # the date stage's running dates (it holds the small date rules it was made with)
    mentions: MentionMemory = field(default_factory=MentionMemory)
    messages: dict[str, tuple[Actor, Actor | None]] = field(default_factory=dict)  # "letter" -> (writer, addressee)
    list_context: ListContext | None = None  # what the last lead-in hands to the list items after it
    lead_in: ListContext | None = None  # a lead-in read in the current block
    block_kind: str | None = None  # the kind of the block being read
    # written by stages
    sport: bool = False  # the document is about sport (domain stage)
    discarded: bool = False  # a discard list names a phrase of the document: nothing in it is coded
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    record_notes: list[Note] = field(default_factory=list)  # what sentences say about the record (record.sentence)
    record_memory: RecordMemory = field(default_factory=RecordMemory)  # the record's memory between sentences
    record: Record = EMPTY_RECORD  # the diplomatic record (the record stage)


@dataclass(slots=True)
class SentenceWork:
    """One sentence: the parse and where it sits (given), then each stage's output."""

    # given
    span: Span  # the spaCy sentence; its character offsets are the block's
    tokens: Sequence[Token]  # its tokens, made once: a stage that reads every word iterates these, not `span`
    block_index: int
    block: Block
    offset: int  # where the parsed block starts in the document: span offsets + offset = document offsets
    position: int  # the sentence's place in its block (0 = first)
    last_in_block: bool
    next_start: int  # document offset where the next sentence starts (markers before it are this one's)
    parsed: bool = True  # False: the pre-filter left it unparsed (tokens only): only stages that run_unparsed see it
    # written by stages
    sentence: Sentence | None = None
    list_context: ListContext | None = None  # the lead-in this sentence's block is an item of
    citations: tuple[Citation, ...] = ()
    dates: SentenceDates | None = None
    mentions: SentenceMentions | None = None
    propositions: SentencePropositions | None = None  # each predicate's roles, read on demand
    drafts: list[Draft] = field(default_factory=list)
    voice: Voice | None = None


GIVEN_DOCUMENT = frozenset({"document", "clock", "mentions", "messages", "list_context", "lead_in", "block_kind", "record_notes", "record_memory"})
GIVEN_SENTENCE = frozenset({"span", "tokens", "block_index", "block", "offset", "position", "last_in_block", "next_start", "parsed"})


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """A coded document: its sentences and events (the non-events included)."""

    document: Document
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    unresolved: tuple[tuple[str, int], ...]  # names no dictionary knows, with counts
    non_events: frozenset[str]  # modalities of acts that did not happen (policy.yaml)
    record: Record = EMPTY_RECORD  # the diplomatic record: communications, demands, deadlines, channels, positions

    def acts(self) -> tuple[Event, ...]:
        """Events that happened (or were said, planned, offered): no negated or hypothetical ones."""
        return tuple(e for e in self.events if e.modality not in self.non_events)
