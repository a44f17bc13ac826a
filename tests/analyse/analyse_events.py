"""A builder for plain events: the analyses are pure functions, so tests need no model."""

from __future__ import annotations

from typing import Any

from dragoman.records import Actor, DateValue, Event

# (code, country) of the actors the tests use
ACTORS = {
    "USAGOV": Actor(text="Washington", name="United States government", code="USAGOV", country="USA", sector="GOV"),
    "USAMIL": Actor(text="the Pentagon", name="Pentagon", code="USAMIL", country="USA", sector="MIL"),
    "IRN": Actor(text="Iran", name="Iran", code="IRN", country="IRN"),
    "IRNGOV": Actor(text="Tehran", name="Iranian government", code="IRNGOV", country="IRN", sector="GOV"),
    "IGOUNO": Actor(text="the UN", name="United Nations", code="IGOUNO", country="IGO"),
    "IGOUNOIAE": Actor(text="the IAEA", name="International Atomic Energy Agency", code="IGOUNOIAE", country="IGO"),
    "OMNGOV": Actor(text="Muscat", name="Omani government", code="OMNGOV", country="OMN", sector="GOV"),
}
QUAD = {"0": 1, "1": 3, "13": 3, "04": 1, "19": 4, "07": 2}


def event(event_id: str, source: str | Actor | None, target: str | Actor | None, date: str | None = "2025-03-03", *,
          goldstein: float = -7.0, quad: int = 3, precision: str | None = None, **changes: Any) -> Event:  # fmt: skip
    """An event between two actors of ACTORS (or given Actors), with a Goldstein score and QuadClass."""

    def actor(value: str | Actor | None) -> Actor | None:
        return ACTORS[value] if isinstance(value, str) else value

    if precision is None:
        precision = None if date is None else {10: "day", 7: "month", 4: "year", 3: "decade"}[len(date)]
    fields: dict[str, Any] = {
        "event_id": event_id,
        "doc_id": "d1",
        "sentence_index": 0,
        "sentence": "Someone did something.",
        "span": (0, 22),
        "trigger": "did",
        "trigger_span": (8, 11),
        "source": actor(source),
        "target": actor(target),
        "cameo": "138",
        "root": "13",
        "cameo_name": "Threaten with military force",
        "goldstein": goldstein,
        "quad_class": quad,
        "plover": None,
        "date": DateValue(date, precision, "explicit" if date else None),
    }
    fields.update(changes)
    return Event(**fields)
