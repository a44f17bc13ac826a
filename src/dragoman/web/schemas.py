"""The JSON API's response shapes, for the OpenAPI schema at /openapi.json.

`EventOut` is `Event.to_dict()` field for field (the record the README
documents), and the record's models (`CommunicationOut`, `ItemOut`, ...)
are `Record.to_dict()`'s parts (docs/record.md); tests check that neither
drifts apart. The other models are the views' dicts (views.py). Responses are checked against these models
before they are sent, so the schema is what clients get.
"""

from __future__ import annotations


from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ActorRowOut",
    "ActorsOut",
    "AgreementOut",
    "AgreementStateOut",
    "ChannelOut",
    "ChannelStepOut",
    "CommStateOut",
    "CommunicationOut",
    "DocumentOut",
    "DocumentsOut",
    "DyadOut",
    "DyadsOut",
    "EventDetailOut",
    "EventOut",
    "EventRefOut",
    "EventsOut",
    "ItemOut",
    "PositionOut",
    "Problem",
    "RECORD_DESCRIPTION",
    "RecordDateOut",
    "RecordDeadlineOut",
    "RecordEvidenceOut",
    "RecordOut",
    "RecordSummaryOut",
    "RecordsOut",
    "RuptureOut",
    "SeriesOut",
    "TimelineOut",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorOut(_Model):
    text: str
    name: str | None
    code: str | None = Field(description="CAMEO-style actor code; null when unresolved")
    country: str | None
    sector: str | None
    start: int | None
    end: int | None
    basis: str
    confidence: float


class CitationOut(_Model):
    key: str = Field(description='the footnote key, or "article" for the report citing itself')
    outlet: str | None
    title: str | None
    published: str | None
    language: str
    url: str | None


class AttributionOut(_Model):
    text: str
    speaker: ActorOut | None
    chain: list[str]


class DeadlineOut(_Model):
    date: str | None
    precision: str | None
    basis: str | None
    date_end: str | None
    expression: str | None
    anchor: str | None
    flag: str | None


class EventOut(_Model):
    """One event, as `Event.to_dict()` writes it (see the README's field table)."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: list[int] = Field(description="[start, end] of the sentence in the document's text")
    trigger: str
    trigger_span: list[int]
    source: ActorOut | None
    target: ActorOut | None
    cameo: str
    root: str
    cameo_name: str
    goldstein: float
    quad_class: int = Field(description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
    plover: str | None
    modality: str
    condition: str | None
    quote: str | None
    quote_speaker: str | None
    attribution: AttributionOut | None
    reliability: str | None
    citations: list[CitationOut]
    reciprocal: bool
    location: str | None
    coder_version: str
    lexicon_fingerprint: str
    date: str | None = Field(description="ISO date, maybe partial: 2025-03-30, 2025-03, 2025, 201")
    date_precision: str | None
    date_basis: str | None
    date_end: str | None
    date_expression: str | None
    date_anchor: str | None
    date_flag: str | None
    deadline: DeadlineOut | None


class FiltersOut(_Model):
    since: str | None
    until: str | None
    actor: str | None
    root: str | None
    modality: str | None
    doc: str | None
    all: bool


class Problem(_Model):
    """Every error: one line saying what was wrong and what to do."""

    detail: str


class EventsOut(_Model):
    filters: FiltersOut
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    offset: int
    next_cursor: str | None = Field(description="pass as cursor= for the next page; null on the last page")
    events: list[EventOut]


class HighlightOut(_Model):
    kind: str = Field(description="trigger, source or target")
    start: int = Field(description="offset into the event's sentence")
    end: int
    text: str


class DocumentRefOut(_Model):
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None


class EventDetailOut(_Model):
    event: EventOut
    highlights: list[HighlightOut]
    document: DocumentRefOut | None


class DateGroupOut(_Model):
    date: str | None
    precision: str | None
    events: list[EventOut]


class QuadCounts(_Model):
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class DayCountOut(_Model):
    day: str
    quad: QuadCounts


class TimelineOut(_Model):
    filters: FiltersOut
    total: int
    limit: int
    offset: int
    next_cursor: str | None
    groups: list[DateGroupOut] = Field(description="this page's events, grouped by date and precision")
    days: list[DayCountOut] = Field(description="every matching event dated to a day, counted per day and QuadClass")


class DyadOut(_Model):
    a: str
    b: str
    events: int
    a_to_b: int
    b_to_a: int
    goldstein_a_to_b: float
    goldstein_b_to_a: float


class PairOut(_Model):
    a: str
    b: str


class DyadsOut(_Model):
    filters: FiltersOut
    total: int
    limit: int
    offset: int
    default: PairOut | None = Field(description="the most active pair (what the trajectory opens on)")
    dyads: list[DyadOut]


class DirectionOut(_Model):
    count: int
    goldstein: float
    quad: QuadCounts
    event_ids: list[str]


class PeriodOut(_Model):
    period: str = Field(description="first day of the day or week (weeks start on Monday)")
    goldstein: float
    count: int
    a_to_b: DirectionOut
    b_to_a: DirectionOut


class TurningPointOut(_Model):
    period: str
    previous: str | None
    change: float
    goldstein: float
    event_ids: list[str]


class SeriesOut(_Model):
    filters: FiltersOut
    a: str
    b: str
    bin: str
    periods: list[PeriodOut]
    a_to_b: DirectionOut
    b_to_a: DirectionOut
    escalations: list[TurningPointOut]
    deescalations: list[TurningPointOut]
    unplaced: list[str] = Field(description="the pair's events with no day: dated to a month, year or decade, or undated")
    events: dict[str, EventOut] = Field(description="the events the turning points name, by id")


class PartnerOut(_Model):
    code: str
    events: int


class NameCountOut(_Model):
    name: str
    count: int = Field(description="times it is a source or target under this name")


class ActorRowOut(_Model):
    code: str
    name: str = Field(description="the most frequent of names")
    names: list[NameCountOut]
    country: str | None
    sector: str | None
    events: int
    as_source: int
    as_target: int
    partners: list[PartnerOut]


class UnresolvedOut(_Model):
    text: str
    count: int
    event_ids: list[str]


class ActorsOut(_Model):
    filters: FiltersOut
    limit: int
    offset: int
    total: int
    actors: list[ActorRowOut]
    unresolved_total: int
    unresolved: list[UnresolvedOut]


class DocumentSummaryOut(_Model):
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    events: int = Field(description="all its stored events, non-events included")


class DocumentsOut(_Model):
    limit: int
    offset: int
    next_cursor: str | None
    documents: list[DocumentSummaryOut]


class DocumentTextOut(_Model):
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    text: str


class BlockOut(_Model):
    start: int
    end: int
    kind: str
    section: str | None


class ReferenceOut(_Model):
    key: str
    outlet: str | None
    title: str | None
    published: str | None
    language: str
    url: str | None


class MarkOut(_Model):
    start: int = Field(description="offset into the document's text")
    end: int
    event_ids: list[str]


class SentenceSpanOut(_Model):
    index: int = Field(description="the sentence's index, as events and the record's evidence number it (from 0)")
    start: int = Field(description="offset into the document's text")
    end: int


class DocumentOut(_Model):
    filters: FiltersOut
    document: DocumentTextOut
    blocks: list[BlockOut]
    sentences: list[SentenceSpanOut] = Field(description="where each stored sentence is; the page anchors sentence i at #sentence-{i+1}")
    references: list[ReferenceOut]
    overlay: list[MarkOut] = Field(description="trigger spans to mark in the text, in order, never overlapping")
    events: list[EventOut]


# ---------------------------------------------------------------- the diplomatic record

RECORD_DESCRIPTION = """The stored record (docs/record.md): what passed between the parties.

With `doc`, one document's record; without it, the records of a page of documents by id
(`limit` documents, then `cursor` = `next_cursor`), each part's items carrying their
`doc_id`. `actor`, `since` and `until` narrow the parts as they narrow events (by code
prefix or country; by date at the coarser precision; undated parts are left out once a
period is given); `root`, `modality` and `all` choose events, not parts of the record.
Every fact carries its `evidence`: the sentence (index and offsets into the document),
the words it rests on, attribution, reliability, citations, and the ids of the
sentence's events. `available` is false, with a `message`, for a document stored without
a record (or a store with none)."""


class _RecordModel(BaseModel):
    """A part of the record as `Record.to_dict()` writes it (record/records.py).

    Extra fields pass through: the record may gain a field before this schema
    names it (a test checks the two agree), and a client should not lose it.
    """

    model_config = ConfigDict(extra="allow")


class RecordDateOut(_RecordModel):
    date: str | None = Field(description="ISO date at its precision: 2025-03-07, 2025-03, 2025, 201 (the 2010s)")
    precision: str | None = Field(description="day, month, year, decade or range")
    basis: str | None = Field(description='explicit, relative, inherited, ...; "communication": the date of the communication it belongs to')
    date_end: str | None = Field(description="the end of a range")
    expression: str | None = Field(description="the words it was read from")
    anchor: str | None = Field(description="what a relative date counts from")
    flag: str | None = Field(description='"on_or_before": had happened by then; "on_or_after": since then')


class RecordEvidenceOut(_RecordModel):
    sentence_index: int = Field(description="the sentence, as /documents/{doc_id} numbers them (from 0)")
    span: list[int] = Field(description="[start, end] of the sentence in the document's text")
    text: str = Field(description="the sentence")
    trigger: str | None = Field(description="the words the fact rests on")
    trigger_span: list[int] | None
    attribution: AttributionOut | None = Field(description="on whose word the sentence reports it")
    reliability: str | None = Field(description="unofficial, unconfirmed, ...")
    citations: list[CitationOut]
    events: list[str] = Field(description="ids of the sentence's events that say the same (see /api/events/{id})")


class CommStateOut(_RecordModel):
    state: str = Field(description="written, announced, sent, delivered, received, not_received, acknowledged, not_acknowledged, answered, not_answered, rejected, accepted")
    date: RecordDateOut
    by: ActorOut | None = Field(description="who did it (received: who received it)")
    said_by: ActorOut | None = Field(description="who says so")
    evidence: RecordEvidenceOut


class CommunicationOut(_RecordModel):
    """A letter, message, note, reply, ultimatum, invitation or call, and what became of it."""

    doc_id: str
    comm_id: str = Field(description="c1, c2, ...: unique within its document")
    kind: str
    sender: ActorOut | None
    recipient: ActorOut | None
    carrier: ActorOut | None = Field(description="who carried or passed it on (a mediator, an envoy)")
    date: RecordDateOut = Field(description="when written, sent or first made known")
    states: list[CommStateOut] = Field(description="its lifecycle, in date order")
    answers: str | None = Field(description="the comm_id it answers")
    answered_by: list[str]
    content: list[str] = Field(description="what the report says it says, in its words")
    items: list[str] = Field(description="the item_ids of the demands, offers and threats it carries")
    deadlines: list[str] = Field(description="the deadline_ids it sets")
    evidence: list[RecordEvidenceOut] = Field(description="every sentence that mentions it")


class ItemOut(_RecordModel):
    """A demand, offer or threat, dated by the communication that carries it."""

    doc_id: str
    item_id: str = Field(description="d1, d2, ...")
    kind: str = Field(description="demand, offer or threat")
    text: str = Field(description="in the report's words")
    topic: str | None
    cameo: str | None = Field(description="the code of the item's event")
    by: ActorOut | None = Field(description="who demands (offers, threatens)")
    of: ActorOut | None = Field(description="of whom")
    communication: str | None = Field(description="the comm_id that carries it")
    date: RecordDateOut
    condition: str | None
    status: str = Field(description="open, rejected, accepted or conditional: the addressee's latest stance")
    positions: list[str] = Field(description="the position_ids the status rests on")
    deadline: str | None = Field(description="the deadline_id that sets a time for it")
    evidence: RecordEvidenceOut | None


class EventRefOut(_RecordModel):
    event_id: str
    cameo: str
    cameo_name: str
    source: ActorOut | None
    target: ActorOut | None
    date: RecordDateOut
    modality: str
    sentence_index: int


class RecordDeadlineOut(_RecordModel):
    """A deadline anchored on its communication, and what happened when it passed."""

    doc_id: str
    deadline_id: str = Field(description="t1, t2, ...")
    expression: str = Field(description='"within 2 months", "a 72-hour ultimatum", "by 30 June"')
    amount: int | None = Field(description="null when the text sets a day rather than a duration")
    unit: str | None = Field(description="hour, day, week, month, year; null with amount")
    anchor: RecordDateOut = Field(description="what it counts from: its communication's date")
    due: RecordDateOut = Field(description="anchor + amount units, at the anchor's precision; or the day the text sets")
    communication: str | None
    item: str | None = Field(description="the item_id it sets a time for")
    by: ActorOut | None
    of: ActorOut | None
    passed: RecordDateOut | None = Field(description="when the text says it passed")
    outcome: list[EventRefOut] = Field(description="what happened when it passed, where the text says")
    evidence: RecordEvidenceOut | None
    passed_evidence: RecordEvidenceOut | None
    extended: list[RecordDateOut] = Field(description="each later due date the text gives it, in order")
    extended_evidence: list[RecordEvidenceOut]
    met: RecordDateOut | None = Field(description="when the text says what it asked was done in time")
    met_by: ActorOut | None
    met_evidence: RecordEvidenceOut | None


class ChannelStepOut(_RecordModel):
    step_id: str = Field(description="s1, s2, ...")
    date: RecordDateOut
    status: str = Field(description="proposed, refused, ready, agreed, held, mediated, continued, ended")
    what: str = Field(description="talks, ceasefire, deal, agreement, ...")
    mode: str | None = Field(description="direct, indirect, or null when not said")
    by: ActorOut | None = Field(description="whose step (who refused, proposed); null when both")
    participants: list[ActorOut]
    mediator: ActorOut | None
    mediator_text: str | None
    venue: str | None = Field(description="proposed (status proposed) or where they were held")
    first_since: str | None = Field(description='"since 2013" for "the first direct meeting since 2013"')
    condition: str | None
    communication: str | None
    evidence: list[RecordEvidenceOut]


class ChannelOut(_RecordModel):
    """The talks between two or more parties (keyed by country), step by step."""

    doc_id: str
    channel_id: str = Field(description='the parties\' keys, sorted: "IRN-USA", "EGY-ETH-SDN"')
    parties: list[ActorOut]
    steps: list[ChannelStepOut] = Field(description="in date order")


class PositionOut(_RecordModel):
    """A party's stance on a demand, a communication or talks, at one time."""

    doc_id: str
    position_id: str = Field(description="p1, p2, ...")
    party: ActorOut
    on: str = Field(description='"direct talks", "the ultimatum", "arbitration", ...')
    stance: str = Field(description="rejects, conditional or accepts")
    date: RecordDateOut
    condition: str | None
    items: list[str] = Field(description="the item_ids it answers")
    communication: str | None
    evidence: RecordEvidenceOut | None


class AgreementStateOut(_RecordModel):
    state: str = Field(description="proposed, rejected, agreed, signed, took_effect, extended, violated, collapsed")
    date: RecordDateOut
    by: list[ActorOut] = Field(description="who did it; empty when the text names no one")
    evidence: RecordEvidenceOut | None


class AgreementOut(_RecordModel):
    """A ceasefire, truce, deal, declaration or accord between two or more parties, and its life."""

    doc_id: str
    agreement_id: str = Field(description="a1, a2, ...")
    what: str = Field(description="ceasefire, truce, deal, agreement, accord, declaration, ...")
    parties: list[ActorOut] = Field(description="the sides it binds")
    mediator: ActorOut | None = Field(description="who brokered or proposed it from outside")
    date: RecordDateOut = Field(description="its first dated state")
    states: list[AgreementStateOut] = Field(description="in date order")
    text: str = Field(description="in the report's words")


class RuptureOut(_RecordModel):
    """One step of a pair's diplomatic relations: an expulsion, a recall, ties cut or restored."""

    doc_id: str
    rupture_id: str = Field(description="r1, r2, ...")
    act: str = Field(description="expelled, recalled, cut_ties, suspended_ties, downgraded_ties, closed_embassy, restored_ties, reopened_embassy, returned")
    by: ActorOut | None = Field(description="the state that acts")
    toward: ActorOut | None = Field(description="the state it acts toward")
    date: RecordDateOut
    what: str = Field(description='in the report\'s words: "three of its diplomats"')
    within: str | None = Field(description='the time given to leave: "within 48 hours"')
    evidence: RecordEvidenceOut | None


class RecordOut(_Model):
    """The diplomatic record of one document, or of a page of documents (see the endpoint's description)."""

    filters: FiltersOut
    limit: int = Field(description="documents per page (without doc)")
    offset: int
    available: bool = Field(description="false when the document (or the store) has no stored record")
    message: str | None = Field(description="why there is no record, when available is false")
    doc_id: str | None = Field(description="the document asked for, or null for a page of documents")
    documents: list[str] = Field(description="the documents whose records this page holds")
    communications: list[CommunicationOut] = Field(description="letters, messages, replies, calls: sender, recipient, carrier, and their dated states")
    demands: list[ItemOut] = Field(description="demands, offers and threats: who of whom, topic, status, the communication that carries them")
    deadlines: list[RecordDeadlineOut] = Field(description="deadlines anchored on their communication: due date, and what happened when they passed")
    channels: list[ChannelOut] = Field(description="each pair's talks over time: direct or indirect, mediator, venues")
    positions: list[PositionOut] = Field(description="each party's stances (rejects, conditional, accepts) on demands and talks")
    agreements: list[AgreementOut] = Field(description="ceasefires, deals and declarations: proposed, agreed, took effect, violated")
    ruptures: list[RuptureOut] = Field(description="expulsions, recalls, ties cut and restored, in date order")
    next_cursor: str | None = Field(description="pass as cursor= for the next page of documents; null on the last page")


class RecordSummaryOut(_Model):
    doc_id: str
    title: str | None
    date: str | None
    outlet: str | None
    items: int = Field(description="the items of its record, all parts together")
    parts: dict[str, int] = Field(description="the items of each part of its record, every part named (a channel counts its steps)")


class RecordsOut(_Model):
    """The documents whose stored record holds at least one item: most items first, or by id."""

    filters: FiltersOut
    available: bool = Field(description="false when the store has no record at all")
    message: str | None = Field(description="why nothing is listed, when available is false")
    party: str | None = Field(description="the party asked for (party=, else actor=): a code or country in any case, or an actor's name")
    sort: str = Field(description="items (most first, then by id) or doc (by id)")
    total: int = Field(description="documents with a record that match, over all pages")
    limit: int | None
    offset: int
    parts: list[str] = Field(description="the parts of a record, in order")
    documents: list[RecordSummaryOut]
