"""Dates from the event's own clause: a generated grid over the parse.

Date expressions x the clause they stand in (the sentence's own clause, or a
clause about something else: relative, apposition, bracketed, participle,
subordinate, noun modifier) x the sentence after them, in a report with and
without a date of its own. A date of the sentence's own clause dates it and
what follows; a background date dates nothing else, so a report without a date
never takes one from it. Our own sentences; each is parsed by the model, as the
date stage parses it.
"""

from __future__ import annotations

import itertools
from functools import partial
from typing import Any

import pytest

from dragoman.time import DocumentClock, SentenceDates, parsed_asides

# (expression, its value, its precision)
DATES = [
    ("in 1984", "1984", "year"),
    ("on 3 May 2015", "2015-05-03", "day"),
    ("in March 2011", "2011-03", "month"),
    ("in the 1990s", "199", "decade"),
]

# The sentence's own clause: its date is the sentence's and moves the clock.
MAIN = [
    "Britain won the rebate {D}.",
    "{D}, Britain won the rebate.",
    "Britain, a net contributor, won the rebate {D}.",
    "Jack Straw said Britain had won the rebate {D}.",
    "When Britain won the rebate {D}, France protested.",  # a "when" clause shares its time
]

# A clause about something else: its date is background.
BACKGROUND = {
    "relative": "Britain, which won the rebate {D}, defended it at the summit.",
    "relative, no commas": "France criticised the rebate that Britain won {D}.",
    "apposition": "Jack Straw defended the rebate, a prize of the summit {D}.",
    "bracketed": "Jack Straw defended the rebate (won {D}) at the summit.",
    "participle": "Jack Straw defended the rebate, won {D}, at the summit.",
    "participle with agent": "Jack Straw said the rebate, secured by Margaret Thatcher {D}, was justified.",
    "fronted participle": "Elected {D}, the chancellor defended the rebate.",
    "after": "After Britain won the rebate {D}, France demanded a review.",
    "since": "France has demanded a review since Britain won the rebate {D}.",
    "if": "France would have protested if Britain had won the rebate {D}.",
    "after a gerund": "France demanded a review, after rejecting the rebate {D}.",
}

# Where the parser misreads the clause, so its date is taken for the sentence's: known misses.
MISREAD = {
    "participle, no commas": "Jack Straw defended the rebate won {D}.",  # read as "the rebate won" (a clause)
}

FOLLOWING = ["France criticised the deal.", "Two days later, France criticised the deal."]
DOC_DATES = [None, "2005-03-10"]


def _date(dates: SentenceDates) -> tuple[str | None, str | None]:
    return dates.main.date, dates.main.basis


@pytest.fixture(scope="module")
def read(nlp: Any, knowledge: Any):
    """read(doc_date, *sentences) -> each sentence's SentenceDates, dated as the date stage dates it."""
    rules = knowledge.dates

    def run(doc_date: str | None, *sentences: str) -> list[SentenceDates]:
        clock = DocumentClock(rules, doc_date=doc_date)
        out = []
        for doc in nlp.pipe(sentences):
            asides = partial(parsed_asides, doc, 0, rules.background)
            out.append(clock.date_sentence(doc.text, 0, (), asides))
        return out

    return run


def _fill(template: str, expression: str) -> str:
    text = template.replace("{D}", expression)
    return text[0].upper() + text[1:]


@pytest.mark.parametrize(
    ("template", "date", "following", "doc_date"), list(itertools.product(MAIN, DATES, FOLLOWING, DOC_DATES))
)
def test_a_date_of_the_sentences_own_clause_dates_it_and_what_follows(read, template, date, following, doc_date) -> None:
    expression, value, precision = date
    first, second = read(doc_date, _fill(template, expression), following)
    assert _date(first) == (value, "explicit"), first
    if following.startswith("Two days later"):
        assert second.main.basis == "relative" and second.main.anchor == value, second.main
        if precision != "day":  # counted in days from a year, month or decade: only the anchor's span is known
            assert second.main.date == value, second.main
    else:
        assert _date(second) == (value, "inherited"), second.main


_MISSES = pytest.mark.xfail(reason="the parser misreads the clause", strict=True)


@pytest.mark.parametrize(
    ("where", "date", "following", "doc_date"),
    [
        *itertools.product(BACKGROUND, DATES, FOLLOWING, DOC_DATES),
        *(pytest.param(*case, marks=_MISSES) for case in itertools.product(MISREAD, DATES, FOLLOWING, DOC_DATES)),
    ],
)
def test_a_date_in_a_clause_about_something_else_is_background(read, where, date, following, doc_date) -> None:
    expression, value, _ = date
    text = _fill({**BACKGROUND, **MISREAD}[where], expression)
    first, second = read(doc_date, text, following)
    kept = next((e for e in first.expressions if e.value.date == value), None)
    assert kept is not None and kept.text in expression.title() + expression, (text, first.expressions)
    assert kept.role == "background", kept
    assert kept.owner is not None and kept.owner[0] <= kept.start and kept.end <= kept.owner[1]
    if doc_date is None:  # nothing else dates the report: neither sentence takes the background's date
        assert _date(first) == (None, None), first.main
        assert _date(second) == (None, None), second.main
    else:  # the report's date stands, and "two days later" counts from it
        assert _date(first) == (doc_date, "document"), first.main
        if following.startswith("Two days later"):
            assert _date(second) == ("2005-03-12", "relative") and second.main.anchor == doc_date, second.main
        else:
            assert _date(second) == (doc_date, "document"), second.main


@pytest.mark.parametrize(
    "foreseen",
    [
        "Experts predict that by the end of next year the numbers will have risen.",
        "Armenia will hold talks with Azerbaijan on 4 June.",
        "The two sides say they will sign the treaty in June.",
    ],
)
def test_a_clause_in_the_future_tense_dates_what_it_foresees_not_the_story(read, foreseen: str) -> None:
    first, _, after = read("2027-05-20", "Armenia recalled its envoy on 2 May.", foreseen, "Azerbaijan protested.")
    assert _date(first) == ("2027-05-02", "explicit")
    assert _date(after) == ("2027-05-02", "inherited"), after.main


def test_a_yearless_date_after_a_background_year_takes_the_reports_year(read) -> None:
    first, second = read(
        "2027-05-20",
        "Norway, which had brokered a truce between them in 2015, hosted new talks.",
        "On 4 May, the two sides agreed a ceasefire.",
    )
    assert _date(first) == ("2027-05-20", "document")
    assert _date(second) == ("2027-05-04", "explicit")


def test_a_main_clause_year_does_not_lend_itself_to_a_background_date_or_back(read) -> None:
    (dates,) = read(None, "In May 2027, Norway, which had hosted talks on 4 June 2015, brokered a ceasefire.")
    by_text = {e.text: e for e in dates.expressions}
    assert by_text["May 2027"].role == "event" and by_text["4 June 2015"].role == "background"
    assert _date(dates) == ("2027-05", "explicit")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("The next morning", "2027-05-11"),
        ("The following day", "2027-05-11"),
        ("Two days later", "2027-05-12"),
        ("A week later", "2027-05-17"),
        ("The day after", "2027-05-11"),
        ("Later that evening", "2027-05-10"),
    ],
)
def test_relative_anchors_count_from_the_event_before_them(read, words: str, value: str) -> None:
    """Not from the report's date, nor from a background date between them."""
    _, _, after = read(
        "2027-06-30",
        "The deadline passed at midnight on 10 May.",
        "Armenia, which had signed the truce on 2 March 2015, refused to comment.",
        f"{words}, Azerbaijan expelled three Armenian envoys.",
    )
    assert _date(after) == (value, "relative") and after.main.anchor == "2027-05-10", after.main
    assert after.main.precision == "day"


def test_a_relative_anchor_carries_its_anchors_precision(read) -> None:
    _, after = read(None, "The two sides met in May 2027.", "The next morning, Azerbaijan expelled three envoys.")
    assert (after.main.date, after.main.precision, after.main.basis) == ("2027-05", "month", "relative")


def test_a_modifier_before_a_noun_is_background_and_dates_its_noun(read) -> None:
    (dates,) = read(None, "France criticised the March 2003 invasion of Iraq.")
    (kept,) = dates.expressions
    assert kept.role == "background" and _date(dates) == (None, None)
    noun = dates.clause_date(0, 60, 35)  # "invasion" starts at 35
    assert noun is not None and noun.date == "2003-03"
    assert dates.clause_date(0, 60, 6) is None  # "criticised": the sentence's own verb


def test_a_misread_main_verb_keeps_its_date(read) -> None:
    """The parser reads "passed" as a modifier of "deadline"; a finite verb with no subject of
    its own there is the sentence's own verb."""
    (dates,) = read("2027-06-30", "The deadline passed at midnight on 10 May.")
    assert _date(dates) == ("2027-05-10", "explicit")


def test_without_a_parse_a_relative_clause_is_read_off_the_words(knowledge: Any) -> None:
    clock = DocumentClock(knowledge.dates)
    dates = clock.date_sentence("The rebate, which Britain won in 1984, is worth billions.", 0)
    assert [e.role for e in dates.expressions] == ["background"] and _date(dates) == (None, None)
    assert _date(clock.date_sentence("Britain kept it.", 0)) == (None, None)


def test_a_date_the_parser_hung_on_a_noun_after_a_bare_preposition_dates_the_sentence(code_text):
    # "On 3 May 2026 a letter ...": the parser makes "May 2026" a modifier of "letter" and leaves "On" bare
    result = code_text("On 3 May 2026 a letter from the Egyptian president was delivered by an envoy to the Ethiopian prime minister.")
    (comm,) = result.record.communications
    assert comm.date.date == "2026-05-03"
    # a true modifier before a noun stays the noun's own ("the March 2003 invasion")
    dated = code_text("Syria condemned the March 2003 invasion of Iraq on 30 May 2005.")
    assert [e.date.date for e in dated.events] == ["2005-05-30"]


@pytest.mark.parametrize(
    "second",
    [
        "Kenya answered the letter on 6 March, rejecting the plan",
        "on 6 March Kenya answered the letter, rejecting the plan",
        "Kenya met Uganda's envoy on 6 March and rejected the plan",
    ],
)
def test_a_clause_without_a_date_takes_the_date_of_the_clause_it_hangs_on(code_text, second: str) -> None:
    """A participle adjunct or a verb joined by "and" is dated by the clause it hangs on, not by
    the first date of the sentence."""
    result = code_text(f"Uganda sent a letter to Kenya on 2 March 2026. Kenya praised the envoy the following day, and {second}.")
    dated = {e.trigger: e.date.date for e in result.events if e.sentence_index == 1}
    assert dated.get("praised") == "2026-03-03", dated
    assert dated.get("rejecting", dated.get("rejected")) == "2026-03-06", dated
