"""One reference-list entry -> a Reference record.

Entries follow the shape Wikipedia's citation templates print:

    ^ a b Author, Given (March 8, 2025). "Title". Outlet (in Persian). 8 March 2025.
      Archived from the original on 2025-03-12. ISSN 0362-4331. Retrieved April 2, 2025.

Every part but the entry text itself is optional; a part that cannot be read
is left as None rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from dragoman.ingest.dates import DATE_PATTERN, iso_date, iso_from_match
from dragoman.ingest.tables import default_tables
from dragoman.records import Reference

# "^", then back-link letters "a b c" when the source is cited more than once;
# older copies print "^ Jump up to: a b c".
_BACKLINKS = re.compile(r"\^\s*(?:Jump up(?: to)?:?\s*)?((?:[a-z]\s+){2,}|(?:[a-z]\s*$))?")
_URL = re.compile(r"https?://[^\s\"<>\]]+")
_LANGUAGE = re.compile(r"\(\s*in ([A-Z][\w-]*)(?:(?:,| and)\s+[A-Z][\w-]*)*\s*\)")
_RETRIEVED = re.compile(rf"Retrieved(?: on)?\s+{DATE_PATTERN}\.?", re.IGNORECASE)
_ARCHIVED = re.compile(rf"Archived(?: from the original)? on\s+{DATE_PATTERN}\.?", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b(?:ISSN|ISBN|OCLC|doi|PMID|JSTOR|S2CID|Bibcode)[\s:]+[\w./()\-]+\.?", re.IGNORECASE)
_TITLE = re.compile(r"\"(?P<a>[^\"]+)\"|“(?P<b>[^”]+)”|«(?P<c>[^»]+)»")
_AUTHOR_DATE = re.compile(rf"^(?P<author>.*?)\s*\(\s*(?:{DATE_PATTERN}|n\.d\.)\s*\)\.?$", re.IGNORECASE)
# Split on a period that ends a segment, but not on an initial ("U.S. News", "J. Smith").
_SEGMENT_END = re.compile(r"(?<!\b[A-Z])\.(?:\s+|$)")


def count_uses(entry: str) -> tuple[int, str]:
    """(number of back-links, the entry with its "^ a b" prefix removed)."""
    match = _BACKLINKS.match(entry)
    if not match:
        return 1, entry.strip()
    letters = (match.group(1) or "").split()
    expected = [chr(ord("a") + i) for i in range(len(letters))]
    if letters != expected:
        # Not a back-link run after all (e.g. text starting "a ..."): keep it.
        return 1, entry[match.start(1) if match.group(1) else match.end() :].strip()
    return max(1, len(letters)), entry[match.end() :].strip()


# Letters of the Arabic script that Persian writes and Arabic does not (pe, che,
# zhe, gaf, Persian kaf and yeh): their presence marks a Persian title.
PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")


def _script_language(text: str) -> str:
    """'en' when most letters are Latin; 'fa' for Arabic script with Persian-only
    letters; else 'und' (the script alone cannot tell Arabic from Urdu)."""
    latin = other = 0
    persian = False
    for char in text:
        if char.isalpha():
            if ord(char) < 0x250:
                latin += 1
            else:
                other += 1
                persian = persian or char in PERSIAN_LETTERS
    if other <= latin:
        return "en"
    return "fa" if persian else "und"


def _author(prefix: str) -> str | None:
    prefix = prefix.strip()
    if prefix.endswith(".") and not re.search(r"\b[A-Z]\.$", prefix):
        prefix = prefix[:-1].rstrip()
    return prefix or None


def parse_reference(key: str, raw: str, languages: Mapping[str, str] | None = None) -> Reference:
    """Parse the text of one entry (with or without its "^ a b" prefix)."""
    uses, rest = count_uses(raw)

    url_match = _URL.search(rest)
    url = url_match.group(0).rstrip(".,;") if url_match else None
    rest = _URL.sub(" ", rest)

    language: str | None = None
    lang_match = _LANGUAGE.search(rest)
    if lang_match:
        table = languages if languages is not None else default_tables().languages
        language = table.get(lang_match.group(1).lower(), "und")
        rest = rest[: lang_match.start()] + rest[lang_match.end() :]

    retrieved = None
    ret_match = _RETRIEVED.search(rest)
    if ret_match:
        retrieved = iso_from_match(ret_match)
        rest = rest[: ret_match.start()] + rest[ret_match.end() :]
    rest = _ARCHIVED.sub(" ", rest)
    rest = _IDENTIFIER.sub(" ", rest)

    author = title = published = outlet = None
    title_match = _TITLE.search(rest)
    if title_match:
        title = next(g for g in title_match.groups() if g is not None).strip()
        prefix, after = rest[: title_match.start()], rest[title_match.end() :]
        prefix_match = _AUTHOR_DATE.match(prefix.strip())
        if prefix_match:
            author = _author(prefix_match.group("author"))
            published = iso_from_match(prefix_match)  # None for "(n.d.)"
        else:
            author = _author(prefix)
    else:
        after = rest

    segments = [s.strip(" .,;") for s in _SEGMENT_END.split(after)]
    for index, segment in enumerate(s for s in segments if s):
        date = iso_date(segment)
        if date is not None:
            published = published or date
        elif index == 0 and title is not None:
            outlet = segment  # the work or publisher printed right after the title
        elif index == 0:
            title = segment  # no quotes: an unquoted title (a book, a web page)

    if language is None:
        language = _script_language(title or rest)

    return Reference(
        key=key,
        raw=raw,
        outlet=outlet,
        author=author,
        title=title,
        published=published,
        retrieved=retrieved,
        language=language,
        url=url,
        uses=uses,
    )
