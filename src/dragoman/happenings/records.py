"""The records of happenings: `Happening`, its `Member` events, `HappeningQuery`, `GroupingStamp`.

A happening is one thing that happened, as several reports tell it: the events
(members) that code it, from at least two documents. Members point at the
per-report events by event_id; the events themselves stay as they were coded.
Everything here is frozen plain data that turns into JSON (`to_dict`) and back
(`happening_from_dict`), which is what a store keeps.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..filters import check_actor_and_dates

__all__ = [
    "GroupingStamp",
    "Happening",
    "HappeningQuery",
    "Member",
    "happening_from_dict",
]

# As the store's EventQuery: an ISO date at any precision (decade, year, month, day).


@dataclass(frozen=True, slots=True)
class Member:
    """One event of a happening: which report it comes from, and what that report says."""

    event_id: str
    doc_id: str
    report: str  # the report it belongs to: its doc_id, or the first doc_id stored with the same text
    outlet: str | None
    sentence_index: int
    cameo: str
    cameo_name: str
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    date: str | None
    date_precision: str | None
    modality: str
    trigger: str
    sentence: str
    similarity: (
        float | None
    )  # its wording's closeness when it joined (None: the first, or too few words to say)


@dataclass(frozen=True, slots=True)
class Happening:
    """One happening and its reports. `members` are in the order they joined (store order)."""

    happening_id: str  # "h" + 16 hex digits of sha256 of the first member's event_id
    family: str  # the action family ("talks", "force") or CAMEO root ("13")
    cameo: str  # the code most members carry (ties: the smallest)
    cameo_name: str
    source_code: str | None  # the most specific codes the members agree on
    source_name: str | None
    target_code: str | None
    target_name: str | None
    date: (
        str | None
    )  # the most precise date the members give (ties: the most frequent, then earliest)
    date_precision: str | None
    date_end: str | None
    members: tuple[Member, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents that report it, in the order they joined."""
        return tuple(dict.fromkeys(m.doc_id for m in self.members))

    @property
    def reports(self) -> int:
        """How many reports tell of it: its documents, a document stored twice (the same text
        under two ids) counted once."""
        return len(dict.fromkeys(m.report for m in self.members))

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets named by its documents (documents without an outlet are not counted)."""
        return tuple(dict.fromkeys(m.outlet for m in self.members if m.outlet))

    def to_dict(self) -> dict[str, Any]:
        return {
            "happening_id": self.happening_id,
            "family": self.family,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "source_code": self.source_code,
            "source_name": self.source_name,
            "target_code": self.target_code,
            "target_name": self.target_name,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_end": self.date_end,
            "reports": self.reports,
            "documents": list(self.documents),
            "outlets": list(self.outlets),
            "members": [
                {name: getattr(m, name) for name in Member.__dataclass_fields__}
                for m in self.members
            ],
        }


def happening_from_dict(data: dict[str, Any]) -> Happening:
    """Inverse of `Happening.to_dict` (the counts and lists derived from the members are not read)."""
    members = tuple(Member(**m) for m in data["members"])
    fields = {
        name: data[name] for name in Happening.__dataclass_fields__ if name != "members"
    }
    return Happening(**fields, members=members)


def most_common(values: list[str]) -> str:
    """The most frequent value; ties go to the smallest, so the choice never depends on order."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


@dataclass(frozen=True, slots=True)
class HappeningQuery:
    """Which happenings to list; every filter left as None matches everything.

    actor        a code prefix of the source or target ("IRN", "USAGOV")
    since/until  ISO dates, maybe partial, compared as the event queries compare them
                 (at the coarser precision of the two); undated happenings are left
                 out when either is given
    min_reports  at least this many documents (2 or more: a happening has two reports)
    limit        at most this many
    """

    actor: str | None = None
    since: str | None = None
    until: str | None = None
    min_reports: int = 2
    limit: int | None = None

    def __post_init__(self) -> None:
        check_actor_and_dates(self.actor, self.since, self.until)
        if type(self.min_reports) is not int or not 2 <= self.min_reports <= 10**9:
            raise StoreError(
                f"min_reports={self.min_reports!r} must be a whole number from 2 (a happening has two reports)"
            )
        if self.limit is not None and (
            type(self.limit) is not int or not 0 <= self.limit <= 10**9
        ):
            raise StoreError(
                f"limit={self.limit!r} must be a whole number from 0 to 1,000,000,000"
            )

    def matches(self, happening: Happening) -> bool:
        """Whether the filters keep this happening (as the store's SQL decides it)."""
        if happening.reports < self.min_reports:
            return False
        if self.actor is not None:
            codes = (happening.source_code or "", happening.target_code or "")
            if not any(code.startswith(self.actor) for code in codes):
                return False
        date = happening.date
        if self.since is not None or self.until is not None:
            if not date:
                return False
            end = happening.date_end or date
            if (
                self.since is not None
                and end[: len(self.since)] < self.since[: len(end)]
            ):
                return False
            if (
                self.until is not None
                and date[: len(self.until)] > self.until[: len(date)]
            ):
                return False
        return True


@dataclass(frozen=True, slots=True)
class GroupingStamp:
    """What a stored grouping was made from: the store's event version and the rules' fingerprint."""

    events_version: int
    rules: str
    grouped_at: str  # ISO time, UTC
    happenings: int
