"""Calendar arithmetic on partial ISO dates.

A date in dragoman may be known to the day ("2025-03-30"), the month
("2025-03"), the year ("2025") or the decade ("201" = 2010-2019). A `Span` is
the honest form of such a value: the first and the last day it could be, and
the precision it was known at. Everything here is pure and small; the clock
builds `DateValue` records from spans.

Precisions, finest first: day, range, month, year, decade. "range" is a window
between two days that is not a calendar unit (a week, "mid-March", a season):
its `DateValue.date` is the first day and `date_end` the last.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

PRECISION_ORDER = ("day", "range", "month", "year", "decade")
_RANK = {name: rank for rank, name in enumerate(PRECISION_ORDER)}


def coarser(a: str, b: str) -> str:
    """The less precise of two precisions."""
    return a if _RANK[a] >= _RANK[b] else b


def is_finer(a: str, b: str) -> bool:
    return _RANK[a] < _RANK[b]


def last_day_of_month(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def shift_months(day: date, months: int) -> date:
    """`day` moved by whole months, the day clamped to the target month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(day.day, last_day_of_month(year, month)))


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Span:
    """The days a partial date may stand for, with the precision it was known at."""

    first: date
    last: date
    precision: str

    def iso(self) -> str:
        """The `DateValue.date` string for this span."""
        if self.precision == "decade":
            return f"{self.first.year // 10:03d}"
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()

    def shifted(self, days: int = 0, months: int = 0) -> Span:
        first = shift_months(self.first, months) + timedelta(days=days)
        last = shift_months(self.last, months) + timedelta(days=days)
        return span_of(first, self.precision) if self.precision != "range" else Span(first, last, "range")


def day_span(day: date) -> Span:
    return Span(day, day, "day")


def month_span(year: int, month: int) -> Span:
    return Span(date(year, month, 1), date(year, month, last_day_of_month(year, month)), "month")


def year_span(year: int) -> Span:
    return Span(date(year, 1, 1), date(year, 12, 31), "year")


def decade_span(first_year: int) -> Span:
    """The decade holding `first_year`; the first and the last decade of the calendar are
    cut to its ends (years 1-9, 9990-9999), so every decade "000" to "999" has a span."""
    start = first_year - first_year % 10
    return Span(date(max(start, 1), 1, 1), date(min(start + 9, 9999), 12, 31), "decade")


def span_of(day: date, precision: str) -> Span:
    """The calendar unit of `precision` that holds `day` ("range" means the ISO week)."""
    if precision == "day":
        return day_span(day)
    if precision == "range":
        return Span(*week_of(day), "range")
    if precision == "month":
        return month_span(day.year, day.month)
    if precision == "year":
        return year_span(day.year)
    return decade_span(day.year)


def parse_iso(text: str | None) -> Span | None:
    """Read "2025-03-30", "2025-03", "2025" or a decade "201"; None if it is none of them."""
    if not text:
        return None
    parts = text.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    try:
        if len(parts) == 1 and len(parts[0]) == 3:
            return decade_span(numbers[0] * 10)
        if len(parts) == 1 and len(parts[0]) == 4:
            return year_span(numbers[0])
        if len(parts) == 2:
            return month_span(numbers[0], numbers[1])
        if len(parts) == 3:
            return day_span(date(numbers[0], numbers[1], numbers[2]))
    except ValueError:  # month 13, February 30, ...
        return None
    return None


def nearest_year(month: int, day: int | None, anchor: date) -> int:
    """The year (anchor's, or one either side) that puts month/day closest to `anchor`."""
    best_year, best_gap = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = _safe_date(year, month, day or 15)
        gap = abs((candidate - anchor).days)
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def narrative_year(month: int, day: int | None, anchor: date, wrap_days: int = 62) -> int:
    """The anchor's year, unless the next or previous year puts month/day within `wrap_days`.

    A story moves forward but rarely far: after "December 28, 2024", "January 3"
    is 2025; after "February 2, 2009", "August 14" stays in 2009 although
    August 2008 is nearer.
    """
    for year in (anchor.year + 1, anchor.year - 1):
        if abs((_safe_date(year, month, day or 15) - anchor).days) <= wrap_days:
            return year
    return anchor.year


def year_on_or_before(month: int, day: int | None, bound: Span, grace_days: int) -> int:
    """The latest year that puts month/day on or before `bound` (allowing `grace_days` slack).

    Used with a cited source's publication date: what a source reports happened
    before it was published. The slack absorbs sources dated a day or two before
    the event they report (time zones, updated pages).
    """
    year = bound.first.year
    if bound.precision in ("year", "decade"):
        return year
    first_day = _safe_date(year, month, day or 1)
    if first_day <= bound.last + timedelta(days=grace_days):
        return year
    return year - 1


def _safe_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, last_day_of_month(year, month)))
