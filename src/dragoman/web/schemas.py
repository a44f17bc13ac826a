"""The JSON API's response shapes, for the OpenAPI schema at /openapi.json.

`EventOut` is `Event.to_dict()` field for field (the record the README
documents); a test checks the two never drift apart. The other models are
the views' dicts (views.py). Responses are checked against these models
before they are sent, so the schema is what clients get.
"""

from __future__ import annotations


from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ActorRowOut",
    "ActorsOut",
    "DocumentOut",
    "DocumentsOut",
    "DyadOut",
    "DyadsOut",
    "EventDetailOut",
    "EventOut",
    "EventsOut",
    "Problem",
    "RecordOut",
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


class DocumentOut(_Model):
    filters: FiltersOut
    document: DocumentTextOut
    blocks: list[BlockOut]
    references: list[ReferenceOut]
    overlay: list[MarkOut] = Field(description="trigger spans to mark in the text, in order, never overlapping")
    events: list[EventOut]


class RecordOut(_Model):
    """The diplomatic record; not kept by this store yet, so `available` is false and every list empty."""

    filters: FiltersOut
    available: bool
    message: str
    doc_id: str | None
    communications: list[dict[str, object]]
    demands: list[dict[str, object]]
    deadlines: list[dict[str, object]]
    channels: list[dict[str, object]]
    positions: list[dict[str, object]]
