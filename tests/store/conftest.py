"""Small builders shared by the store tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dragoman.records import Actor, DateValue, Document, Event, Reference, Sentence


def build_event(event_id: str, doc_id: str = "d1", **changes: Any) -> Event:
    """A plausible event; keyword arguments replace fields ("date" takes an ISO string or a DateValue)."""
    date = changes.pop("date", None)
    basis = changes.pop("basis", "explicit" if date else None)
    fields: dict[str, Any] = {
        "event_id": event_id,
        "doc_id": doc_id,
        "sentence_index": 0,
        "sentence": "Iran threatened to close the Strait of Hormuz.",
        "span": (0, 46),
        "trigger": "threatened",
        "trigger_span": (5, 15),
        "source": Actor(text="Iran", name="Iran", code="IRN", country="IRN"),
        "target": None,
        "cameo": "138",
        "root": "13",
        "cameo_name": "Threaten with military force",
        "goldstein": -7.0,
        "quad_class": 3,
        "plover": "THREATEN",
        "date": date if isinstance(date, DateValue) else DateValue(date, "day" if date else None, basis),
    }
    fields.update(changes)
    return Event(**fields)


def build_document(doc_id: str = "d1", text: str = "Iran threatened to close the Strait of Hormuz.") -> Document:
    return Document(
        doc_id=doc_id,
        text=text,
        title=f"Report {doc_id}",
        references=(Reference(key="1", raw="Reuters (2025). Title.", outlet="Reuters"),),
    )


def build_sentence(doc_id: str = "d1", index: int = 0) -> Sentence:
    return Sentence(doc_id=doc_id, index=index, start=0, end=46, text="Iran threatened.", block_index=0,
                    citation_keys=("1",))  # fmt: skip


@pytest.fixture(scope="session")
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture(scope="session")
def make_document() -> Callable[..., Document]:
    return build_document


@pytest.fixture(scope="session")
def make_sentence() -> Callable[..., Sentence]:
    return build_sentence
