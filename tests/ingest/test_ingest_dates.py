"""Document dates in the shapes corpora write them (ingest.dates.document_date), and what is no date."""

from __future__ import annotations

import pytest

from dragoman.ingest.dates import document_date


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Tue, 08 Mar 2025 10:00:00 GMT", "2025-03-08"),  # RSS (RFC 2822)
        ("Sat, 8 Mar 2025 23:30:00 -0500", "2025-03-08"),  # its own zone's day, not UTC's
        ("20250308", "2025-03-08"),
        ("2025/03/08", "2025-03-08"),
        ("2025.03.08", "2025-03-08"),
        ("08.03.2025", "2025-03-08"),  # day.month.year, as dots are written
        ("2025-03-08", "2025-03-08"),
        ("2025-03-08T10:00:00Z", "2025-03-08"),
        ("2025-03-08T23:30:00-05:00", "2025-03-08"),
        ("2025-03-08 10:00:00.123456+01:00", "2025-03-08"),
        ("8 March 2025", "2025-03-08"),
        ("March 8, 2025", "2025-03-08"),
        ("Mar 8 2025 10:00 AM", "2025-03-08"),  # through dateparser
        ("Saturday 8th of March, 2025", "2025-03-08"),
        ("March 8th 2025 5pm EST", "2025-03-08"),
        ("  8 March 2025  ", "2025-03-08"),
        ("March 2025", "2025-03"),  # a month or a year alone keeps its precision
        ("2025", "2025"),
        ("0001-01-01", "0001-01-01"),  # the calendar's edges
        ("9999-12-31", "9999-12-31"),
        ("9999", "9999"),
    ],
)
def test_a_document_date_in_a_common_shape(text: str, expected: str) -> None:
    assert document_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",  # relative: never read against today
        "2 days ago",
        "last Tuesday",
        "8 March",  # no year: it would be this year's
        "March",
        "20251308",  # month 13
        "2025/02/30",
        "garbage",
        "",
        "   ",
        "1741428000",  # a timestamp is no document date here
        "8 mars 2025",  # English names only
        "x" * 5000,
    ],
)
def test_what_is_no_date(text: str) -> None:
    assert document_date(text) is None


def test_an_ambiguous_numeric_date_is_read_month_first_unless_the_day_says() -> None:
    assert document_date("03/08/2025") == "2025-03-08"
    assert document_date("25/03/2025") == "2025-03-25"
