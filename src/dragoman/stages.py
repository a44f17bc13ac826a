"""The stages of the default pipeline, in order (`default_stages`).

Each stage is a small object: its `name`, its `scope` ("document" or
"sentence"), the fields it `reads` and `writes` (names of `SentenceWork`
fields, or of `DocumentState` fields prefixed "doc."), and a `run` method.
Knowledge is given when a stage is built; per-document memory lives in the
`DocumentState` it is handed. See `pipeline` for how they are run and checked.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from .coding import shared
from .coding.coders import Coder
from .coding.draft import Draft
from .coding.figures import figurative
from .coding.grammar import Grammar
from .coding.lists import demand_drafts, read_lead_in, remember_messages
from .coding.propositions import SentencePropositions
from .coding.voice import Voice, read_voice
from .discards import Discards
from .knowledge import Knowledge
from .mentions import MentionReader
from .nlp import block_text, tokens_text
from .pipeline import Stage
from .policy import ForcePolicy
from .record.stages import record_stages
from .records import Attribution, Citation, DateValue, Document, Event, Sentence
from .state import DocumentState, SentenceWork
from .time import SentenceDates, clause_date, parsed_asides

if TYPE_CHECKING:
    from spacy.tokens import Span

QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|^[\"“][^\"“”]*$")


def _names(*names: str) -> frozenset[str]:
    return frozenset(names)


# ---------------------------------------------------------------- document stages


@dataclass(frozen=True, slots=True)
class DomainStage:
    """A document with enough sport cue words is about sport (data/domains.yaml, policy.yaml: sport)."""

    sport_words: frozenset[str]
    min_cue_words: int
    name: str = "domain"
    scope: ClassVar[str] = "document"
    reads: ClassVar[frozenset[str]] = _names("doc.document")
    writes: ClassVar[frozenset[str]] = _names("doc.sport")

    def run_document(self, state: DocumentState) -> None:
        words = set(state.document.text.lower().split())
        state.sport = len(words & self.sport_words) >= self.min_cue_words


@dataclass(frozen=True, slots=True)
class StoryDiscardStage:
    """A document that holds a story-level discard phrase ("+WORLD CUP") is not coded at all."""

    discards: Discards
    name: str = "discards.story"
    scope: ClassVar[str] = "document"
    reads: ClassVar[frozenset[str]] = _names("doc.document")
    writes: ClassVar[frozenset[str]] = _names("doc.discarded")

    def run_document(self, state: DocumentState) -> None:
        state.discarded = self.discards.story_discarded(state.document.text)


# ---------------------------------------------------------------- where the sentence is


@dataclass(frozen=True, slots=True)
class SegmentStage:
    """The Sentence record, with the footnote keys between it and the next sentence."""

    name: str = "segment"
    scope: ClassVar[str] = "sentence"
    runs_unparsed: ClassVar[bool] = True  # reads the text alone: runs on sentences the pre-filter left unparsed
    reads: ClassVar[frozenset[str]] = _names("span", "tokens", "block", "block_index", "offset", "next_start", "doc.document")
    writes: ClassVar[frozenset[str]] = _names("sentence", "doc.sentences")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        document = state.document
        start = work.offset + work.span.start_char
        end = start + len(tokens_text(work.tokens).rstrip())  # blanked footnote markers are not the sentence's
        keys = tuple(dict.fromkeys(m.key for m in document.markers_in(start, work.next_start)))
        sentence = Sentence(
            document.doc_id, len(state.sentences), start, end, document.text[start:end], work.block_index, work.block.section, keys
        )
        state.sentences.append(sentence)
        work.sentence = sentence


@dataclass(frozen=True, slots=True)
class ListContextStage:
    """Which lead-in a list item belongs to: the last paragraph that announced a list."""

    name: str = "lists.context"
    scope: ClassVar[str] = "sentence"
    runs_unparsed: ClassVar[bool] = True  # reads the text alone: runs on sentences the pre-filter left unparsed
    reads: ClassVar[frozenset[str]] = _names("block", "position", "doc.list_context", "doc.lead_in", "doc.block_kind")
    writes: ClassVar[frozenset[str]] = _names("list_context", "doc.list_context", "doc.lead_in", "doc.block_kind")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        if work.position == 0:  # a new block: a paragraph that ended hands on its lead-in (or None)
            if state.block_kind is not None and state.block_kind != "list_item":
                state.list_context = state.lead_in
            state.lead_in = None
            state.block_kind = work.block.kind
        work.list_context = state.list_context if work.block.kind == "list_item" else None


@dataclass(frozen=True, slots=True)
class CitationsStage:
    """The references a sentence cites (a list item: its lead-in's); a news report cites itself."""

    name: str = "citations"
    scope: ClassVar[str] = "sentence"
    runs_unparsed: ClassVar[bool] = True  # reads the text alone: runs on sentences the pre-filter left unparsed
    reads: ClassVar[frozenset[str]] = _names("sentence", "list_context", "doc.document")
    writes: ClassVar[frozenset[str]] = _names("citations")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.sentence is not None
        context = work.list_context
        keys = work.sentence.citation_keys or (context.citation_keys if context else ())
        work.citations = citations(state.document, keys)


def citations(document: Document, keys: tuple[str, ...]) -> tuple[Citation, ...]:
    """The references the keys name; for a news report without a reference list, the report itself."""
    if not document.references and not keys:
        if document.outlet or document.url or document.date:
            return (Citation("article", document.outlet, document.title, document.date, "en", document.url),)
        return ()
    out = []
    for key in keys:
        ref = document.reference(key)
        if ref is None:
            out.append(Citation(key=key))
        else:
            out.append(Citation(key, ref.outlet, ref.title, ref.published, ref.language, ref.url))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DatesStage:
    """Date expressions -> the sentence's dates, on the document's running clock (time/)."""

    name: str = "dates"
    scope: ClassVar[str] = "sentence"
    runs_unparsed: ClassVar[bool] = True  # reads the text alone: runs on sentences the pre-filter left unparsed
    reads: ClassVar[frozenset[str]] = _names(
        "sentence", "citations", "list_context", "block_index", "parsed", "tokens", "span", "doc.clock"
    )
    writes: ClassVar[frozenset[str]] = _names("dates", "doc.clock")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.sentence is not None
        context = work.list_context  # a list item is dated within its lead-in's paragraph
        block = context.block_index if context else work.block_index
        published = [c.published for c in work.citations if c.published]
        clock = state.clock
        # a parsed sentence's clauses about something else keep their dates to themselves
        asides = None
        if work.parsed:
            asides = partial(parsed_asides, work.tokens, work.span.start_char, clock.rules.background)
        work.dates = clock.date_sentence(unquoted(work.sentence.text), block, published, asides)


def unquoted(text: str) -> str:
    """The sentence with quoted words blanked: a date inside a quote ("we will spend more
    by 2008") is what the speaker spoke of, not when the sentence's event happened."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True, slots=True)
class MentionsStage:
    """Every noun phrase that can take part in an event, resolved in reading order."""

    reader: MentionReader
    name: str = "mentions"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("tokens", "sentence", "dates", "offset", "doc.mentions")
    writes: ClassVar[frozenset[str]] = _names("mentions", "doc.mentions")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.sentence is not None and work.dates is not None
        work.mentions = self.reader.read_sentence(state.mentions, work.tokens, work.sentence.index, work.dates.main.date, work.offset)


@dataclass(frozen=True, slots=True)
class PropositionsStage:
    """Each predicate's roles after voice, control, coordination and light verbs (coding.propositions)."""

    grammar: Grammar
    name: str = "propositions"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("tokens")
    writes: ClassVar[frozenset[str]] = _names("propositions")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        work.propositions = SentencePropositions(self.grammar)


# ---------------------------------------------------------------- coding


@dataclass(frozen=True, slots=True)
class CoderStage:
    """Any `Coder`: the sentence's drafts."""

    coder: Coder
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("span", "tokens", "mentions", "propositions", "offset")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    @property
    def name(self) -> str:
        return f"code:{self.coder.name}"

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        work.drafts = self.coder.code(work)


@dataclass(frozen=True, slots=True)
class ForceFiguresStage:
    """Force in a figure of speech ("a trade war", "a war of words") is conflict in the figure's
    domain, or no event (coding.figures, policy.yaml force.figures)."""

    force: ForcePolicy
    threat_verbs: frozenset[str]  # verbs that threaten what they govern (Knowledge.governing)
    name: str = "force.figures"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        if any(self.force.is_force(d.code) for d in work.drafts):
            work.drafts = figurative(work.drafts, self.force, self.threat_verbs)


@dataclass(frozen=True, slots=True)
class ModalityStage:
    knowledge: Knowledge
    name: str = "modality"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        shared.assign_modality(work.drafts, self.knowledge.governing, self.knowledge.grammar)


@dataclass(frozen=True, slots=True)
class CombineStage:
    """A governing act and the act it governs are one event (coding.shared.combine_governed)."""

    knowledge: Knowledge
    name: str = "combine"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "mentions")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.mentions is not None
        shared.combine_governed(work.drafts, self.knowledge.lexicon, self.knowledge.policy, work.mentions.actor_of)


@dataclass(frozen=True, slots=True)
class StatementsStage:
    knowledge: Knowledge
    name: str = "statements"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "mentions", "propositions")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.mentions is not None and work.propositions is not None
        k = self.knowledge
        shared.settle_statements(
            work.drafts, work.mentions.actor_of, k.lexicon, k.policy, k.governing, k.grammar, k.valence, work.propositions
        )


@dataclass(frozen=True, slots=True)
class AimStage:
    threat_root: str
    name: str = "aim"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "span", "mentions")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.mentions is not None
        shared.aim_threats(work.drafts, work.span, work.mentions.actor_of, self.threat_root)


@dataclass(frozen=True, slots=True)
class DedupeStage:
    name: str = "dedupe"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        work.drafts = shared.dedupe(work.drafts)


@dataclass(frozen=True, slots=True)
class QuotesStage:
    name: str = "quotes"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "span")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        for d in work.drafts:
            d.quote = shared.quote_near(work.span, d.trigger)


@dataclass(frozen=True, slots=True)
class MemoryStage:
    """What later sentences need of this one: who wrote which message to whom, the last pair that met."""

    communication_words: frozenset[str]
    name: str = "memory"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "sentence", "doc.messages", "doc.mentions")
    writes: ClassVar[frozenset[str]] = _names("doc.messages", "doc.mentions")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.sentence is not None
        remember_messages(work.drafts, self.communication_words, state.messages)
        for d in work.drafts:
            if d.reciprocal and d.source is not None and d.target is not None and d.source.country != d.target.country:
                state.mentions.note_pair(d.source, d.target, work.sentence.index)


@dataclass(frozen=True, slots=True)
class VoiceStage:
    knowledge: Knowledge
    name: str = "voice"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("tokens", "mentions")
    writes: ClassVar[frozenset[str]] = _names("voice")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.mentions is not None
        work.voice = read_voice(work.tokens, work.mentions.actor_of, self.knowledge.grammar)


@dataclass(frozen=True, slots=True)
class ListsStage:
    """A list item takes its lead-in's voice and, coding nothing itself, is a demand;
    a paragraph's last sentence ending in ":" may be a lead-in for the list after it."""

    knowledge: Knowledge
    name: str = "lists"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names(
        "drafts", "voice", "list_context", "position", "last_in_block", "span", "block", "block_index", "sentence",
        "offset", "doc.messages", "doc.document",
    )  # fmt: skip
    writes: ClassVar[frozenset[str]] = _names("drafts", "voice", "doc.lead_in")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.voice is not None and work.sentence is not None
        context = work.list_context
        domains, codes = self.knowledge.domains, self.knowledge.policy.codes
        if context is not None:
            work.voice = work.voice if work.voice.attribution else context.voice
            if not work.drafts and work.position == 0:
                work.drafts = demand_drafts(work.span, context, domains.force, codes.list_demand, codes.list_threat, work.offset)
        elif work.last_in_block and block_text(state.document, work.block).rstrip().endswith(":"):
            state.lead_in = read_lead_in(
                work.span, work.voice, domains.demand, state.messages, work.block_index, work.sentence.citation_keys
            )


@dataclass(frozen=True, slots=True)
class ForceSourceStage:
    """Force (policy.yaml: force) is not used by firms or the media: such a draft is a metaphor."""

    from_root: str
    not_by: frozenset[str]
    name: str = "force.sources"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        if any(d.root >= self.from_root for d in work.drafts):
            work.drafts = [
                d for d in work.drafts if d.root < self.from_root or d.source is None or d.source.sector not in self.not_by
            ]


@dataclass(frozen=True, slots=True)
class DiscardStage:
    """A sentence that holds a discard phrase (sports bodies, games) codes nothing; nor does
    any sentence of a discarded story."""

    discards: Discards
    name: str = "discards"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "sentence", "doc.discarded")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.sentence is not None
        if work.drafts and (state.discarded or self.discards.sentence_discarded(work.sentence.text)):
            work.drafts = []


@dataclass(frozen=True, slots=True)
class DomainFilterStage:
    """In a sport document, "France beat Ireland" is a match, not a war; in any document, an act
    with a score in its clause ("Italy beat France 2-1") is one."""

    military_words: frozenset[str]
    drop_from_root: str
    score: re.Pattern[str]
    name: str = "domain.filter"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "span", "doc.sport")
    writes: ClassVar[frozenset[str]] = _names("drafts")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        if not any(d.root >= self.drop_from_root for d in work.drafts):
            return
        if any(t.lemma_.lower() in self.military_words for t in work.span):
            return
        work.drafts = [d for d in work.drafts if d.root < self.drop_from_root or not (state.sport or self._scored(d))]

    def _scored(self, draft: Draft) -> bool:
        tokens = sorted(draft.trigger.subtree, key=lambda t: t.i)
        clause = draft.trigger.doc[tokens[0].i : tokens[-1].i + 1].text
        return self.score.search(clause) is not None


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class EventsStage:
    """Drafts -> Event records with the sentence's dates, voice and citations."""

    knowledge: Knowledge
    coder_version: str
    name: str = "events"
    scope: ClassVar[str] = "sentence"
    reads: ClassVar[frozenset[str]] = _names("drafts", "sentence", "dates", "citations", "voice", "span", "doc.document")
    writes: ClassVar[frozenset[str]] = _names("doc.events")

    def run(self, work: SentenceWork, state: DocumentState) -> None:
        assert work.sentence is not None and work.dates is not None and work.voice is not None
        for draft in work.drafts:
            state.events.append(self._event(state.document, work.sentence, work.span, draft, work.dates, work.citations, work.voice))

    def _event(
        self,
        document: Document,
        sentence: Sentence,
        sent: Span,
        draft: Draft,
        dates: SentenceDates,
        cites: tuple[Citation, ...],
        voice: Voice,
    ) -> Event:
        source = draft.source
        assert source is not None  # only statements lack a source, and the statements stage settles them
        cameo = self.knowledge.lexicon.code(draft.code)
        attribution = voice.attribution
        if draft.speaker is not None and attribution is None:
            said_by = draft.speaker.name or draft.speaker.text  # "He added" -> the person it resolved to
            attribution = Attribution(text=said_by, speaker=draft.speaker, chain=(said_by,))
        modality = draft.modality
        if attribution is not None and modality == "asserted":
            modality = "reported"
        target = draft.target
        key = f"{document.doc_id}|{sentence.start}|{draft.start}|{source.code}|{target.code if target else ''}|{draft.code}"
        return Event(
            event_id=hashlib.sha256(key.encode()).hexdigest()[:16],
            doc_id=document.doc_id,
            sentence_index=sentence.index,
            sentence=sentence.text,
            span=(sentence.start, sentence.end),
            trigger=draft.trigger.text,
            trigger_span=(draft.start, draft.end),
            source=source,
            target=target,
            cameo=cameo.code,
            root=cameo.root,
            cameo_name=cameo.name,
            goldstein=cameo.goldstein,
            quad_class=cameo.quad_class,
            plover=cameo.plover,
            date=_date_for(draft, sent, dates),
            deadline=dates.deadline,
            modality=modality,
            condition=draft.condition,
            quote=draft.quote,
            quote_speaker=(source.name or source.text) if draft.quote else None,
            attribution=attribution,
            reliability=voice.reliability,
            citations=cites,
            reciprocal=draft.reciprocal,
            location=draft.location,
            coder_version=self.coder_version,
            lexicon_fingerprint=self.knowledge.fingerprint,
        )


def _date_for(draft: Draft, sent: Span, dates: SentenceDates) -> DateValue:
    """The date of the trigger's own clause (dragoman.time.clauses.clause_date)."""
    return clause_date(draft.trigger, dates, sent.start_char)


# ---------------------------------------------------------------- the default list


def default_stages(knowledge: Knowledge, coder: Coder) -> list[Stage]:
    """The standard pipeline around one coder (see the pipeline module for the flow)."""
    policy, domains = knowledge.policy, knowledge.domains
    return [
        DomainStage(domains.sport, policy.sport.min_cue_words),
        StoryDiscardStage(knowledge.discards),
        SegmentStage(),
        ListContextStage(),
        CitationsStage(),
        DatesStage(),
        MentionsStage(MentionReader(knowledge.actors)),
        PropositionsStage(knowledge.grammar),
        CoderStage(coder),
        ForceFiguresStage(policy.force, frozenset(v for v, kind in knowledge.governing.items() if kind == "threat")),
        ModalityStage(knowledge),
        CombineStage(knowledge),
        StatementsStage(knowledge),
        AimStage(policy.roots.threat),
        DedupeStage(),
        ForceSourceStage(policy.force.from_root, policy.force.not_by_sectors),
        QuotesStage(),
        MemoryStage(domains.communication),
        VoiceStage(knowledge),
        ListsStage(knowledge),
        DiscardStage(knowledge.discards),
        DomainFilterStage(domains.military, policy.sport.drop_from_root, re.compile(policy.sport.score_pattern)),
        EventsStage(knowledge, coder.version),
        *record_stages(knowledge),
    ]
