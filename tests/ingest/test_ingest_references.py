from __future__ import annotations

import pytest
from ingest_samples import WIKI_COPY

from dragoman.ingest import parse_reference, parse_text
from dragoman.ingest.dates import iso_date


@pytest.mark.parametrize(
    ("raw", "uses"),
    [
        ('^ a b c d e f "Six uses". Outlet.', 6),
        ('^ a b "Two uses". Outlet.', 2),
        ('^ "One use". Outlet.', 1),
        ('"No caret". Outlet.', 1),
        ('^ Jump up to: a b c "Old style". Outlet.', 3),
    ],
)
def test_uses_counts_back_links(raw: str, uses: int) -> None:
    ref = parse_reference("1", raw)
    assert ref.uses == uses
    assert ref.outlet == "Outlet"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 8, 2025", "2025-03-08"),
        ("8 March 2025", "2025-03-08"),
        ("2025-04-11", "2025-04-11"),
        ("March 2025", "2025-03"),
        ("2025", "2025"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("2025-02-30", None),
        ("next Tuesday", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_author_date_title_outlet_retrieved() -> None:
    ref = parse_reference("7", '^ a b Marten, Ilse (May 4, 2031). "Valdoria signs". The Kessel Courier. Retrieved May 6, 2031.')
    assert (ref.key, ref.author, ref.title, ref.outlet) == ("7", "Marten, Ilse", "Valdoria signs", "The Kessel Courier")
    assert (ref.published, ref.retrieved, ref.language, ref.uses) == ("2031-05-04", "2031-05-06", "en", 2)


def test_persian_title_with_explicit_language() -> None:
    ref = parse_reference("2", '^ "آب و دیپلماسی در حوضه ساوا". Sava Daily (in Persian). 2031-05-05.')
    assert ref.title == "آب و دیپلماسی در حوضه ساوا"
    assert (ref.outlet, ref.language, ref.published) == ("Sava Daily", "fa", "2031-05-05")


def test_persian_letters_mark_a_persian_title() -> None:
    ref = parse_reference("3", '^ "آب و دیپلماسی". 22 March 2031.')
    assert (ref.language, ref.outlet, ref.published) == ("fa", None, "2031-03-22")


def test_arabic_script_without_persian_letters_is_undetermined() -> None:
    assert parse_reference("4", '^ "الماء والسلام". 2031.').language == "und"


def test_unknown_language_name_is_undetermined() -> None:
    assert parse_reference("1", '^ "Tekst". Avis (in Klingonese). 2030.').language == "und"


def test_day_month_year_and_archive_and_identifiers() -> None:
    ref = parse_reference(
        "3", '^ "Ministers put pen to paper". Northern Wire. 5 May 2031. Archived from the original on '
        "2031-05-07. ISSN\u00a01234-5678. Retrieved 2031-05-08."
    )
    assert (ref.outlet, ref.published, ref.retrieved) == ("Northern Wire", "2031-05-05", "2031-05-08")


def test_no_date_entries() -> None:
    ref = parse_reference("4", '^ Okafor, Ben; Lund, Sara. "Quotas, explained". Basin Review.')
    assert (ref.author, ref.title, ref.outlet, ref.published, ref.retrieved) == (
        "Okafor, Ben; Lund, Sara", "Quotas, explained", "Basin Review", None, None)
    bare = parse_reference("5", '^ "Just a title - Section name".')
    assert (bare.title, bare.outlet, bare.published) == ("Just a title - Section name", None, None)


def test_title_ending_in_abbreviation_and_group_author() -> None:
    ref = parse_reference("8", '^ The Desk Staff & Agencies. "Why talks came back to the U.S." The Daily Ledger. 2031.')
    assert ref.author == "The Desk Staff & Agencies"
    assert ref.title == "Why talks came back to the U.S."
    assert (ref.outlet, ref.published) == ("The Daily Ledger", "2031")


def test_url_is_kept() -> None:
    ref = parse_reference("5", '^ "Unions back the deal". https://example.org/unions')
    assert ref.url == "https://example.org/unions"


def test_references_in_a_copied_page() -> None:
    doc = parse_text(WIKI_COPY, "w")
    ref2, ref4 = doc.reference("2"), doc.reference("4")
    assert ref2 is not None and ref4 is not None
    assert (ref2.uses, ref2.language, ref2.outlet) == (2, "fa", "Sava Daily")
    assert ref4.author == "Okafor, Ben; Lund, Sara"
    assert doc.reference("99") is None
