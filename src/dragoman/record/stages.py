"""The record's two pipeline stages: `RecordSentenceStage` (notes per sentence) and `RecordStage`.

    record.sentence  after "events": reads the sentence's parse, mentions, dates, voice,
                     citations, list context and its drafts with the events they became;
                     appends notes (notes.py) to the document state
    record.unparsed  a list item the pre-filter left unparsed: an item of its list still
    record           a document stage after all sentences: assembles the notes and the
                     document's events into `DocumentState.record` (assemble.py, pure)

`record_stages(knowledge)` builds both from the knowledge; `stages.default_stages`
puts them at the end of the pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ..coding.grammar import Grammar
from ..state import DocumentState, SentenceWork
from .agreements import read_agreements
from .assemble import AssemblyRules, assemble
from .notes import Note
from .reading import KeyCounter, read_communications, read_deadlines, read_items, unparsed_item
from .ruptures import read_ruptures
from .talks import read_stances, read_talks, venue_verbs
from .view import SentenceView
from .words import RecordWords

if TYPE_CHECKING:
    from ..knowledge import Knowledge
    from ..pipeline import Stage
    from ..time.rules import Unit

__all__ = ["RecordSentenceStage", "RecordStage", "RecordUnparsedStage", "record_stages"]

_RECENT = 2  # sentences: a pronoun may name a message mentioned this recently


def _names(*names: str) -> frozenset[str]:
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class RecordSentenceStage:
    """What the sentence says about communications, demands, deadlines, talks, stances, agreements and
    ruptures (an expulsion's words are neither a demand nor a deadline: read_ruptures goes first)."""

    words: RecordWords
    grammar: Grammar
    units: Mapping[str, Unit]
    numbers: Mapping[str, int]
    name: str = "record.sentence"
    governing: Mapping[str, str] = field(default_factory=dict)  # the coder's threat and request verbs (knowledge.governing)
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names(
        "span", "tokens", "sentence", "mentions", "propositions", "dates", "voice", "citations", "drafts", "list_context", "position",
        "offset", "block_index", "doc.events", "doc.sport", "doc.discarded", "doc.record_notes", "doc.record_memory",
    )  # fmt: skip
    writes: ClassVar[frozenset[str]] = _names("doc.record_notes", "doc.record_memory")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        if state.sport or state.discarded:
            return
        assert work.sentence is not None and work.mentions is not None and work.dates is not None and work.voice is not None
        events = state.events[len(state.events) - len(work.drafts) :] if work.drafts else []
        view = SentenceView(
            work.span, work.tokens, work.sentence, work.mentions, work.dates, work.voice, work.citations,
            list(zip(work.drafts, events, strict=True)), work.list_context, work.offset, self.grammar,
            item_block=work.list_context is not None and work.position == 0, propositions=work.propositions,
        )  # fmt: skip
        memory = state.record_memory
        index = work.sentence.index
        keys = KeyCounter(memory.next_key)
        recent = memory.last_comm_sentence is not None and index - memory.last_comm_sentence <= _RECENT
        comms = read_communications(view, self.words, keys, recent)
        context = work.list_context
        list_comm = memory.comm_by_block.get(context.block_index) if context is not None else None
        ruptures = read_ruptures(view, self.words, self.governing, self.units)
        items = read_items(view, self.words, keys, comms, list_comm, skip=ruptures.tokens | venue_verbs(view, self.words))
        implied, deadlines, asked, lapses = read_deadlines(
            view, self.words, keys, dict(self.units), dict(self.numbers), comms, items, list_comm, skip=ruptures.tokens
        )  # fmt: skip
        notes: list[Note] = [*(f.note for f in comms), *implied]
        notes += [*items, *asked, *deadlines, *lapses]
        notes += read_talks(view, self.words, comms, list_comm)
        notes += read_stances(view, self.words, comms)
        notes += read_agreements(view, self.words)
        notes += ruptures.notes
        state.record_notes.extend(notes)
        memory.next_key = keys.next
        if comms or implied:
            memory.last_comm_sentence = index
            memory.comm_by_block[work.block_index] = (implied or [f.note for f in comms])[-1].key


@dataclass(frozen=True, slots=True)
class RecordUnparsedStage:
    """A list item under a demand lead-in that the pre-filter left unparsed is still an item of the
    list (reading.unparsed_item); every other sentence it leaves to record.sentence."""

    words: RecordWords
    force_words: frozenset[str]
    units: Mapping[str, Unit]
    numbers: Mapping[str, int]
    name: str = "record.unparsed"
    scope: ClassVar[str] = "sentence"
    runs_unparsed: ClassVar[bool] = True
    reads: ClassVar[frozenset[str]] = _names(
        "sentence", "citations", "dates", "list_context", "position", "doc.sport", "doc.discarded",
        "doc.record_notes", "doc.record_memory",
    )  # fmt: skip
    writes: ClassVar[frozenset[str]] = _names("doc.record_notes", "doc.record_memory")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        context = work.list_context
        # `parsed` is the pipeline's (False: the pre-filter skipped the sentence); read, not declared,
        # so that a pipeline without a pre-filter runs this stage as a no-op
        if getattr(work, "parsed", True) or context is None or work.position != 0 or state.sport or state.discarded:
            return
        assert work.sentence is not None and work.dates is not None
        memory = state.record_memory
        keys = KeyCounter(memory.next_key)
        notes = unparsed_item(
            work.sentence, context, work.citations, work.dates.main, work.dates.deadline, self.words, self.force_words,
            dict(self.units), dict(self.numbers), keys, memory.comm_by_block.get(context.block_index),
        )  # fmt: skip
        state.record_notes.extend(notes)
        memory.next_key = keys.next


@dataclass(frozen=True, slots=True)
class RecordStage:
    """The document's record, assembled from its notes and events (pure: assemble.assemble)."""

    rules: AssemblyRules
    name: str = "record"
    scope: ClassVar[str] = "document"
    reads: ClassVar[frozenset[str]] = _names("doc.document", "doc.record_notes", "doc.events")
    writes: ClassVar[frozenset[str]] = _names("doc.record")

    def run_document(self, state: DocumentState) -> None:
        state.record = assemble(state.document.doc_id, state.record_notes, state.events, self.rules)


def record_stages(knowledge: Knowledge) -> list[Stage]:
    """Both stages, built from the knowledge (the record's words, the grammar, the date rules' units)."""
    words = knowledge.record
    dates = knowledge.dates
    rules = AssemblyRules(
        units=dict(dates.units), hours_per_day=dates.hours_per_day,
        international=frozenset(knowledge.actors.vocab.codes.international), non_events=knowledge.policy.non_events,
        outcome_reach=words.deadlines.outcome_reach, reply_kind=sorted(words.communications.reply_kinds)[0],
        side_names={e.code: e.key for e in knowledge.actors.entities.values() if e.kind == "state" and e.code},
    )  # fmt: skip
    return [
        RecordSentenceStage(words, knowledge.grammar, dates.units, dates.numbers, governing=knowledge.governing),
        RecordUnparsedStage(words, knowledge.domains.force, dates.units, dates.numbers),
        RecordStage(rules),
    ]
