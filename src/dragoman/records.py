"""Frozen, typed records that flow through the pipeline.

Every stage takes records in and gives records out; none of them holds a
reference to a spaCy object, so all of them pickle to worker processes and
serialise to JSON with `to_dict`.

Offsets (`start`, `end`) are always character offsets into `Document.text`,
the original text as it was read (after decoding), so evidence can be shown
in place.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a reference list ("^ a b Author (date). "Title". Outlet.")."""

    key: str  # the footnote number as written in markers, e.g. "12"
    raw: str  # the entry's text as it appears in the document
    outlet: str | None = None  # "The Guardian", "Reuters", "BBC"
    author: str | None = None  # "Agence France-Presse", "Fassihi, Farnaz"
    title: str | None = None
    published: str | None = None  # ISO date, maybe partial: 2025-03-08, 2025-03, 2025
    retrieved: str | None = None  # ISO date the citing author retrieved it
    language: str = "en"  # ISO 639-1 where known ("fa" for Persian)
    url: str | None = None
    uses: int = 1  # how many back-links (^ a b c -> 3)


@dataclass(frozen=True, slots=True)
class Block:
    """A span of body text: a paragraph, a list item or a heading."""

    start: int
    end: int
    kind: str  # "paragraph" | "list_item" | "heading"
    section: str | None = None  # the heading the block sits under


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote marker such as "[12]" in the body text."""

    start: int
    end: int
    key: str  # "12"


def _marker_start(marker: Marker) -> int:
    return marker.start


@dataclass(frozen=True, slots=True)
class Document:
    """A report as read: its text, where the body is, and what it cites."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO publication date of the report itself
    url: str | None = None
    outlet: str | None = None  # the report's own outlet ("BBC"), when known
    path: str | None = None  # file it was read from
    blocks: tuple[Block, ...] = ()
    markers: tuple[Marker, ...] = ()  # in the order of their starts
    references: tuple[Reference, ...] = ()

    def markers_in(self, start: int, end: int) -> tuple[Marker, ...]:
        """The markers that start in [start, end), found by bisection: a document of many
        sentences and many markers is not scanned once per sentence."""
        first = bisect_left(self.markers, start, key=_marker_start)
        last = bisect_left(self.markers, end, lo=first, key=_marker_start)
        return self.markers[first:last]

    def reference(self, key: str) -> Reference | None:
        for ref in self.references:
            if ref.key == key:
                return ref
        return None


# ---------------------------------------------------------------- sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int  # 0-based within the document
    start: int
    end: int
    text: str
    block_index: int
    section: str | None = None
    citation_keys: tuple[str, ...] = ()  # footnote keys the sentence carries


# ---------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved participant of an event (source or target)."""

    text: str  # the words in the sentence ("Iranian Foreign Minister Abbas Araqchi")
    name: str | None  # canonical name ("Abbas Araghchi"), None when unknown
    code: str | None  # CAMEO-style code ("IRNGOV"), None when unresolved
    country: str | None = None  # "IRN"; "IGO" bodies keep their own code in `code`
    sector: str | None = None  # "GOV", "MIL", "REB", "MED", ...
    start: int | None = None  # offsets of `text` in the document
    end: int | None = None
    basis: str = "dictionary"  # dictionary | title | pronoun | description | fuzzy | user
    confidence: float = 1.0


# ---------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateValue:
    """When an event happened, how precisely, and how we know."""

    date: str | None = None  # ISO, maybe partial: 2025-03-30 | 2025-03 | 2025 | 201 (decade)
    precision: str | None = None  # day | month | year | decade | range
    basis: str | None = None  # explicit | inherited | relative | document | citation
    date_end: str | None = None  # end of a window (ranges, "by the end of March")
    expression: str | None = None  # the words the date was read from
    anchor: str | None = None  # ISO date a relative expression was counted from
    flag: str | None = None  # e.g. "after_citations": explicit date later than every cited source


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Citation:
    key: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str = "en"
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says the event happened ("according to Iranian media")."""

    text: str  # the attributing words
    speaker: Actor | None = None
    chain: tuple[str, ...] = ()  # outermost first: ("Iranian media", "Abdulkhaleq Abdulla")


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]  # offsets of the sentence in the document
    trigger: str  # the words that carry the action ("threatened")
    trigger_span: tuple[int, int]
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: str | None
    date: DateValue = field(default_factory=DateValue)
    deadline: DateValue | None = None  # "within 2 months": the date by which the act is due
    modality: str = "asserted"
    condition: str | None = None
    quote: str | None = None
    quote_speaker: str | None = None
    attribution: Attribution | None = None
    reliability: str | None = None
    citations: tuple[Citation, ...] = ()
    reciprocal: bool = False
    location: str | None = None
    coder_version: str = ""
    lexicon_fingerprint: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The flat JSON record documented in the README."""
        out: dict[str, Any] = _plain(self)
        date = out.pop("date")
        deadline = out.pop("deadline")
        out["span"] = list(self.span)
        out["trigger_span"] = list(self.trigger_span)
        out["date"] = date["date"]
        out["date_precision"] = date["precision"]
        out["date_basis"] = date["basis"]
        out["date_end"] = date["date_end"]
        out["date_expression"] = date["expression"]
        out["date_anchor"] = date["anchor"]
        out["date_flag"] = date["flag"]
        out["deadline"] = deadline  # all seven DateValue fields, so that it reads back whole
        out["citations"] = list(out["citations"])
        return out


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of a value (tuples stay tuples), without its deep copies:
    the records are frozen, so nothing needs copying, and this is some ten times faster."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def event_from_dict(data: dict[str, Any]) -> Event:
    """Inverse of `Event.to_dict` (used by the stores)."""
    d = dict(data)
    date = DateValue(
        date=d.pop("date", None),
        precision=d.pop("date_precision", None),
        basis=d.pop("date_basis", None),
        date_end=d.pop("date_end", None),
        expression=d.pop("date_expression", None),
        anchor=d.pop("date_anchor", None),
        flag=d.pop("date_flag", None),
    )
    deadline = d.pop("deadline", None)
    if deadline is not None:
        # Records written before the deadline kept all its fields lack basis,
        # date_end and flag; every deadline then was counted ("relative").
        d["deadline"] = DateValue(
            date=deadline.get("date"),
            precision=deadline.get("precision"),
            basis=deadline.get("basis", "relative"),
            date_end=deadline.get("date_end"),
            expression=deadline.get("expression"),
            anchor=deadline.get("anchor"),
            flag=deadline.get("flag"),
        )
    for key in ("source", "target"):
        if d.get(key) is not None:
            d[key] = Actor(**d[key])
    att = d.get("attribution")
    if att is not None:
        speaker = Actor(**att["speaker"]) if att.get("speaker") else None
        d["attribution"] = Attribution(text=att["text"], speaker=speaker, chain=tuple(att.get("chain") or ()))
    d["citations"] = tuple(Citation(**c) for c in d.get("citations") or ())
    d["span"] = tuple(d["span"])
    d["trigger_span"] = tuple(d["trigger_span"])
    return Event(date=date, **d)
