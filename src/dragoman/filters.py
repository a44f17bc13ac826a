"""Checks shared by the queries of events and of happenings: an actor code prefix and a
partial ISO date range (2025, 2025-03, 2025-03-30, or a decade, 202). Plain functions
with no imports of dragoman's own but its errors, so stores and happenings both use them."""

from __future__ import annotations

import datetime
import re

from .errors import StoreError, clip

__all__ = ["check_actor_and_dates", "check_date"]

_PARTIAL_DATE = re.compile(r"(?P<year>[0-9]{3,4})(-(?P<month>[0-9]{2})(-(?P<day>[0-9]{2}))?)?")


def check_date(name: str, value: str) -> None:
    """A StoreError naming the filter unless `value` is a partial ISO date that exists."""
    match = _PARTIAL_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise StoreError(f"{name}={clip(value)} is not an ISO date: use e.g. 2025, 2025-03 or 2025-03-30")
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    if len(year) == 3:
        if month is not None:
            raise StoreError(f"{name}={clip(value)}: a decade ({year}) has no month; use e.g. {year}0-03")
        return
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise StoreError(f"{name}={clip(value)} is not a real date ({exc})") from exc


def check_actor_and_dates(actor: str | None, since: str | None, until: str | None) -> None:
    """The filters every query shares: `since` and `until` partial dates, `actor` not empty."""
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            check_date(name, value)
    if actor is not None and not actor:
        raise StoreError("actor must not be empty: use a code such as IRN or USAGOV")
