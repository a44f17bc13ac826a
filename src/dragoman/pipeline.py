"""run(documents) -> results: the whole pipeline, read top to bottom.

    ingest (Document) -> parse (spaCy, streamed) -> sentences + citations
    -> mentions (actors, coreference) -> events (coding) -> dates
    -> voice (modality, attribution, quotes) -> DocumentResult

Each stage is a function of records; this module only wires them and holds
the per-document state (the clock and the salience list) while one document
is read.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import __version__
from .actors import Knowledge as ActorKnowledge
from .actors import load_knowledge as load_actor_knowledge
from .coding.coder import NON_EVENTS, Draft, SentenceActors, code_sentence
from .coding.lexicon import Lexicon, load_lexicon
from .coding.lists import ListContext, demand_drafts, read_lead_in, remember_messages
from .coding.voice import Voice, read_voice
from .config import Settings
from .errors import KnowledgeError
from .mentions import Mentions
from .nlp import ParsedDocument, block_text, load_model, parse_documents
from .records import Actor, Attribution, Block, Citation, DateValue, Document, Event, Sentence
from .time import DateRules, DocumentClock, SentenceDates, load_date_rules

CODER_VERSION = f"dragoman-{__version__}"


@dataclass(frozen=True, slots=True)
class DocumentResult:
    document: Document
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    unresolved: tuple[tuple[str, int], ...] = ()  # names no dictionary knows, with counts

    def acts(self) -> tuple[Event, ...]:
        """Events that happened (or were said, planned, offered): no negated or hypothetical ones."""
        return tuple(e for e in self.events if e.modality not in NON_EVENTS)


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the coder knows, loaded once and passed to every stage (pickles to workers)."""

    lexicon: Lexicon
    actors: ActorKnowledge
    dates: DateRules
    domains: dict[str, frozenset[str]]
    fingerprint: str  # sha256 over every data file above: recorded on each event


def load(settings: Settings) -> Knowledge:
    from .coding.lexicon import data_path, read_yaml

    domains_path = data_path("domains.yaml")
    raw = read_yaml(domains_path)
    domains: dict[str, frozenset[str]] = {}
    for name, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise KnowledgeError(f"{domains_path}: {name}: expected a list of words (quote on/off/yes/no)")
        domains[name] = frozenset(w.lower() for w in words)
    lexicon = load_lexicon()
    actors = load_actor_knowledge(list(settings.actor_files))
    dates = load_date_rules()
    digest = hashlib.sha256()
    for part in (lexicon.fingerprint, actors.fingerprint, dates.fingerprint):
        digest.update(part.encode())
    digest.update(domains_path.read_bytes())
    return Knowledge(lexicon, actors, dates, domains, digest.hexdigest()[:16])


def run(
    documents: Iterable[Document],
    settings: Settings | None = None,
    knowledge: Knowledge | None = None,
    nlp: Any = None,
) -> Iterator[DocumentResult]:
    """Code each document; results come out in input order, one per document.

    `knowledge` and `nlp` may be passed in to reuse them across calls; with
    `settings.n_process > 1` each worker process loads its own.
    """
    settings = settings or Settings()
    if settings.n_process > 1:
        from .batch import run_parallel

        yield from run_parallel(documents, settings)
        return
    knowledge = knowledge or load(settings)
    nlp = nlp or load_model(settings.model)
    for parsed in parse_documents(nlp, documents, batch_size=settings.batch_size):
        yield code_document(parsed, knowledge)


# ------------------------------------------------------------------ one document


def code_document(parsed: ParsedDocument, knowledge: Knowledge) -> DocumentResult:
    reader = _DocumentReader(parsed.document, knowledge)
    for pb in parsed.blocks:
        reader.read_block(pb.block_index, pb.block, list(pb.doc.sents))
    document = parsed.document
    return DocumentResult(document, tuple(reader.sentences), tuple(reader.events), tuple(reader.mentions.unresolved.items()))


def unresolved_names(documents: Iterable[Document], settings: Settings, limit: int = 50) -> list[tuple[str, int]]:
    """The names in a corpus that no dictionary resolves, most frequent first."""
    counts: Counter[str] = Counter()
    for result in run(documents, settings):
        counts.update(dict(result.unresolved))
    return counts.most_common(limit)


class _DocumentReader:
    """The state one document needs while it is read in order: clock, salience, lists."""

    def __init__(self, document: Document, knowledge: Knowledge) -> None:
        self.document = document
        self.knowledge = knowledge
        self.clock = DocumentClock(knowledge.dates, document.date, [r.published for r in document.references if r.published])
        self.mentions = Mentions(knowledge.actors)
        self.sport = _is_sport(document.text, knowledge.domains)
        self.sentences: list[Sentence] = []
        self.events: list[Event] = []
        self.messages: dict[str, tuple[Actor, Actor | None]] = {}  # "letter" -> (writer, addressee)
        self.list_context: ListContext | None = None  # what a lead-in hands to its list items

    def read_block(self, block_index: int, block: Block, spans: list[Any]) -> None:
        context = self.list_context if block.kind == "list_item" else None
        lead_in: ListContext | None = None
        for k, sent in enumerate(spans):
            next_start = block.start + spans[k + 1].start_char if k + 1 < len(spans) else block.end + 1
            sentence = self._sentence(block_index, block, sent, next_start)
            # a list item rests on its lead-in's sources and is dated within its paragraph
            keys = sentence.citation_keys or (context.citation_keys if context else ())
            citations = _citations(self.document, keys)
            dates = self.clock.date_sentence(
                _unquoted(sentence.text), context.block_index if context else block_index, [c.published for c in citations if c.published]
            )
            resolved = self.mentions.read_sentence(sent, sentence.index, dates.main.date, block.start)
            drafts = code_sentence(sent, self.knowledge.lexicon, SentenceActors(resolved.actor_of, resolved.place_of, resolved.group_of))
            remember_messages(drafts, self.knowledge.domains.get("communication", frozenset()), self.messages)
            for d in drafts:
                if d.reciprocal and d.target is not None and d.source.country != d.target.country:
                    self.mentions.note_pair(d.source, d.target, sentence.index)
            voice = read_voice(sent, resolved.actor_of)
            if context is not None:
                voice = voice if voice.attribution else context.voice
                if not drafts and k == 0:
                    drafts = demand_drafts(sent, context, self.knowledge.domains.get("force", frozenset()))
            elif k == len(spans) - 1 and block_text(self.document, block).rstrip().endswith(":"):
                lead_in = read_lead_in(sent, voice, self.knowledge.domains, self.messages, block_index, sentence.citation_keys)
            for draft in drafts:
                if self.sport and draft.code[:2] >= "13" and not _military(sent, self.knowledge.domains):
                    continue  # "France beat Ireland" is a match, not a war
                self.events.append(_event(self.document, sentence, sent, draft, dates, citations, voice, self.knowledge))
        if block.kind != "list_item":
            self.list_context = lead_in

    def _sentence(self, block_index: int, block: Block, sent: Any, next_start: int) -> Sentence:
        """The sentence record, with the footnote keys between it and the next sentence."""
        document = self.document
        start = block.start + sent.start_char
        end = start + len(sent.text.rstrip())  # blanked footnote markers are not the sentence's
        keys = tuple(dict.fromkeys(m.key for m in document.markers if start <= m.start < next_start))
        sentence = Sentence(document.doc_id, len(self.sentences), start, end, document.text[start:end], block_index, block.section, keys)
        self.sentences.append(sentence)
        return sentence


def _citations(document: Document, keys: tuple[str, ...]) -> tuple[Citation, ...]:
    """The references a sentence cites; for a news report without a reference list, the report itself."""
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


def _event(
    document: Document,
    sentence: Sentence,
    sent: Any,
    draft: Draft,
    dates: SentenceDates,
    citations: tuple[Citation, ...],
    voice: Voice,
    knowledge: Knowledge,
) -> Event:
    cameo = knowledge.lexicon.code(draft.code)
    trig = draft.trigger
    tstart = sentence.start + (trig.idx - sent.start_char)
    date = _date_for(draft, sent, dates)
    attribution = voice.attribution
    if draft.speaker is not None and attribution is None:
        said_by = draft.speaker.name or draft.speaker.text  # "He added" -> the person it resolved to
        attribution = Attribution(text=said_by, speaker=draft.speaker, chain=(said_by,))
    modality = draft.modality
    if attribution is not None and modality == "asserted":
        modality = "reported"
    key = f"{document.doc_id}|{sentence.start}|{tstart}|{draft.source.code}|{draft.target.code if draft.target else ''}|{draft.code}"
    return Event(
        event_id=hashlib.sha256(key.encode()).hexdigest()[:16],
        doc_id=document.doc_id,
        sentence_index=sentence.index,
        sentence=sentence.text,
        span=(sentence.start, sentence.end),
        trigger=trig.text,
        trigger_span=(tstart, tstart + len(trig.text)),
        source=draft.source,
        target=draft.target,
        cameo=cameo.code,
        root=cameo.root,
        cameo_name=cameo.name,
        goldstein=cameo.goldstein,
        quad_class=cameo.quad_class,
        plover=cameo.plover,
        date=date,
        deadline=dates.deadline,
        modality=modality,
        condition=draft.condition,
        quote=draft.quote,
        quote_speaker=(draft.source.name or draft.source.text) if draft.quote else None,
        attribution=attribution,
        reliability=voice.reliability,
        citations=citations,
        reciprocal=draft.reciprocal,
        location=draft.location,
        coder_version=CODER_VERSION,
        lexicon_fingerprint=knowledge.fingerprint,
    )


def _date_for(draft: Draft, sent: Any, dates: SentenceDates) -> DateValue:
    """The sentence's date, or the date expression inside the trigger's own clause when it has one."""
    exprs = dates.expressions
    if len(exprs) > 1:
        lo = min(t.idx for t in draft.trigger.subtree) - sent.start_char
        hi = max(t.idx + len(t) for t in draft.trigger.subtree) - sent.start_char
        inside = [e for e in exprs if lo <= e.start < hi and e.value.date and e.role == "event"]
        if inside:
            return inside[0].value
    return dates.main


QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|^[\"“][^\"“”]*$")


def _unquoted(text: str) -> str:
    """The sentence with quoted words blanked: a date inside a quote ("we will spend more
    by 2008") is what the speaker spoke of, not when the sentence's event happened."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _is_sport(text: str, domains: dict[str, frozenset[str]]) -> bool:
    words = set(text.lower().split())
    return len(words & domains.get("sport", frozenset())) >= 3


def _military(sent: Any, domains: dict[str, frozenset[str]]) -> bool:
    return any(t.lemma_.lower() in domains.get("military", frozenset()) for t in sent)
