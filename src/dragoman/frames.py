"""Events as a pandas DataFrame, for analysts: `events_frame(events)`.

One row per event, flat columns (no nested JSON): the actors' code, name,
country and sector on each side, the CAMEO code with its root, name,
Goldstein score, QuadClass and PLOVER type, the date with its precision,
basis and end, modality, attribution, citations and the evidence.

Types are chosen so nothing is lost on the way in: CAMEO codes and roots are
strings ("010" stays "010", never the number 10), and dates stay ISO strings
at their own precision ("2025-03" is a month, "2025" a year, "201" the
2010s): parse them yourself where a day is known (`date_precision == "day"`).
pandas is an optional dependency (`pip install dragoman[frames]`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .records import Actor, Event

if TYPE_CHECKING:
    import pandas

STRING_COLUMNS = (
    "event_id", "doc_id", "date", "date_precision", "date_basis", "date_end",
    "source_code", "source_name", "source_text", "source_country", "source_sector",
    "cameo", "root", "cameo_name", "plover",
    "target_code", "target_name", "target_text", "target_country", "target_sector",
    "modality", "condition", "attribution", "reliability", "location", "citations",
    "trigger", "quote", "sentence", "coder_version", "lexicon_fingerprint",
)  # fmt: skip
COLUMNS = (*STRING_COLUMNS[:11], "sentence_index", *STRING_COLUMNS[11:15], "goldstein", "quad_class", *STRING_COLUMNS[15:], "reciprocal")


def flat_record(event: Event) -> dict[str, Any]:
    """One event as a flat mapping of the columns above."""
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "date": event.date.date,
        "date_precision": event.date.precision,
        "date_basis": event.date.basis,
        "date_end": event.date.date_end,
        **_actor("source", event.source),
        "sentence_index": event.sentence_index,
        "cameo": event.cameo,
        "root": event.root,
        "cameo_name": event.cameo_name,
        "plover": event.plover,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        **_actor("target", event.target),
        "modality": event.modality,
        "condition": event.condition,
        "attribution": event.attribution.text if event.attribution else None,
        "reliability": event.reliability,
        "location": event.location,
        "citations": " ".join(c.key for c in event.citations) or None,
        "trigger": event.trigger,
        "quote": event.quote,
        "sentence": event.sentence,
        "coder_version": event.coder_version,
        "lexicon_fingerprint": event.lexicon_fingerprint,
        "reciprocal": event.reciprocal,
    }
    return {name: row[name] for name in COLUMNS}


def _actor(side: str, actor: Actor | None) -> dict[str, str | None]:
    if actor is None:
        return {f"{side}_{k}": None for k in ("code", "name", "text", "country", "sector")}
    return {
        f"{side}_code": actor.code,
        f"{side}_name": actor.name,
        f"{side}_text": actor.text,
        f"{side}_country": actor.country,
        f"{side}_sector": actor.sector,
    }


def events_frame(events: Iterable[Event]) -> pandas.DataFrame:
    """A DataFrame of the events (see the module docstring for the columns and their types)."""
    try:
        import pandas
    except ImportError:
        raise UsageError("events_frame needs pandas: pip install 'dragoman[frames]' (or pip install pandas)") from None
    frame = pandas.DataFrame([flat_record(e) for e in events], columns=list(COLUMNS))
    types: dict[str, Any] = {name: "string" for name in STRING_COLUMNS}
    types.update({"sentence_index": "Int64", "quad_class": "Int64", "goldstein": "Float64", "reciprocal": "boolean"})
    return frame.astype(types)
