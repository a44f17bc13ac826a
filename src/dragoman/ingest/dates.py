"""Dates as citations print them, turned into ISO strings (maybe partial).

Citation templates print English month names only, in three shapes:
"March 8, 2025", "8 March 2025" and "2025-03-08"; a bare "March 2025" or
"2025" is kept at its own precision ("2025-03", "2025").
"""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

# One pattern for a date inside longer text; the named groups say which shape matched.
DATE_PATTERN = (
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}}),\s*(?P<mdy_y>\d{{4}})"
    rf"|(?P<dmy_d>\d{{1,2}})\s+(?P<dmy_m>{_MONTH})\s+(?P<dmy_y>\d{{4}})"
    rf"|(?P<my_m>{_MONTH})\s+(?P<my_y>\d{{4}})"
    r"|(?P<y>\d{4}))"
)
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def _day(year: str, month: str | int, day: str) -> str | None:
    number = month if isinstance(month, int) else MONTHS[month.lower().rstrip(".")]
    try:
        return _dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def iso_from_match(match: re.Match[str]) -> str | None:
    """The ISO form of a DATE_PATTERN match (None for an impossible day)."""
    g = match.groupdict()
    if g["iso"]:
        y, m, d = g["iso"].split("-")
        return _day(y, int(m), d)
    if g["mdy_m"]:
        return _day(g["mdy_y"], g["mdy_m"], g["mdy_d"])
    if g["dmy_m"]:
        return _day(g["dmy_y"], g["dmy_m"], g["dmy_d"])
    if g["my_m"]:
        return f"{g['my_y']}-{MONTHS[g['my_m'].lower().rstrip('.')]:02d}"
    return g["y"]


def iso_date(text: str) -> str | None:
    """ISO form of `text` if the whole of it (less a final '.') is one date, else None.

    >>> iso_date("March 8, 2025"), iso_date("8 March 2025"), iso_date("2025")
    ('2025-03-08', '2025-03-08', '2025')
    """
    match = _DATE_RE.fullmatch(text.strip().rstrip(".").strip())
    return iso_from_match(match) if match else None
