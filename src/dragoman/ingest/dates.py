"""Dates as citations and corpora write them, turned into ISO strings (maybe partial).

    iso_date(text)       a citation's date: English month names only, in three shapes
                         ("March 8, 2025", "8 March 2025", "2025-03-08"); a bare
                         "March 2025" or "2025" is kept at its own precision ("2025-03", "2025")
    document_date(text)  a document's own date, in any common shape (RSS, YYYYMMDD,
                         2025/03/08, ISO with a time and zone, ...), never read against today
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import functools
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


# ---------------------------------------------------------------- document dates

# dateparser, for the shapes the exact formats below do not cover ("Sat 8th of March, 2025",
# "March 8th 2025 5pm EST"), with nothing guessed: no relative dates ("yesterday", "2 days
# ago" would be read against today, not the document), no timestamps, and day, month and
# year all required (a missing part would be filled from today). English month and day
# names only: trying every language is a hundred times slower on a date it cannot read.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}
_EXACT_FORMATS = ("%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y")  # year first, or day.month.year (as dots are written)
_MAX_DATE_CHARS = 100  # longer is no date, and dateparser's time grows with it


def document_date(text: str) -> str | None:
    """The ISO date a document's date field gives, or None if it is no date this can read.

    Cheap exact shapes first (ISO 8601 with or without time and zone, RFC 2822 as in RSS,
    `YYYYMMDD`, `YYYY/MM/DD`, `DD.MM.YYYY`, "8 March 2025", a year or month alone), then
    dateparser for the rest. A date with a time keeps the day of its own time zone
    ("2025-03-08T23:30:00-05:00" is 2025-03-08). Numeric dates with slashes and the year
    last are ambiguous; dateparser reads them month first (English), unless the first
    number is over 12.

    >>> document_date("Tue, 08 Mar 2025 10:00:00 GMT"), document_date("20250308"), document_date("2025/03/08")
    ('2025-03-08', '2025-03-08', '2025-03-08')
    >>> document_date("yesterday") is None, document_date("March 2025")
    (True, '2025-03')
    """
    text = text.strip()
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    return _document_date(text)


@functools.lru_cache(maxsize=4096)  # a corpus repeats its dates (one per day): parse each once
def _document_date(text: str) -> str | None:
    found = iso_date(text)
    if found is not None:
        return found
    exact = _exact_date(text)
    if exact is not None:
        return exact.isoformat()
    try:
        import dateparser  # slow to import: only when a date needs it

        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except Exception:  # noqa: BLE001 - untrusted text: whatever dateparser trips on is no date
        return None
    return parsed.date().isoformat() if parsed is not None else None


def _exact_date(text: str) -> _dt.date | None:
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text).date()
    except ValueError:
        pass
    if "," in text or text[:1].isalpha():
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    for form in _EXACT_FORMATS:
        try:
            return _dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None
