"""Who a record involves: every coded actor it names, as the stores' record_parties rows.

A record names actors in many places: a letter's sender, recipient and carrier, who
did each step of its lifecycle and who says so, a demand's author and addressee, the
parties, mediators and participants of talks, a stance's party, an agreement's sides,
who acted when a deadline passed, the speaker a sentence is attributed to. All of them
count, found by walking the record rather than by naming its parts, so a part added to
the record is covered without a change here.

    record_parties(record) -> tuple[Actor, ...]   each (code, name) once, in record order
    party_rows(record)     -> rows of PARTY_COLUMNS

`name_key` is the name in lower case (str.lower), what a name asked for is compared
with (`party_keys`), so "chile" finds the actor named "Chile".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ..records import Actor
from .records import Record

__all__ = ["PARTY_COLUMNS", "name_key", "party_keys", "party_rows", "record_parties"]

PARTY_COLUMNS = ("doc_id", "code", "country", "name", "name_key")


def name_key(name: str | None) -> str:
    """How a name is compared: lower case, spaces at the ends and runs of spaces dropped."""
    return " ".join((name or "").split()).lower()


def party_keys(party: str) -> tuple[str, str]:
    """(code key, name key) of what a user asked for: a code or country in any case
    ("chl" -> "CHL"), and the name as `name_key` compares it."""
    words = " ".join(party.split())
    return words.upper(), words.lower()


def _actors(value: Any) -> Iterator[Actor]:
    if isinstance(value, Actor):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _actors(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _actors(getattr(value, f.name))


def record_parties(record: Record) -> tuple[Actor, ...]:
    """Every coded actor the record names, once per (code, name), in the order it first names them."""
    seen: dict[tuple[str, str], Actor] = {}
    for actor in _actors(record):
        if actor.code:
            seen.setdefault((actor.code, name_key(actor.name)), actor)
    return tuple(seen.values())


def party_rows(record: Record) -> list[tuple[Any, ...]]:
    """The rows of record_parties for one record (PARTY_COLUMNS, in order)."""
    return [(record.doc_id, a.code, a.country, a.name, name_key(a.name)) for a in record_parties(record)]
