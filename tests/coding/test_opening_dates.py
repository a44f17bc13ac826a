"""An opening date without a comma ("On 3 February 2027 Qatar offered ...") is read as with one:
the parser sometimes takes the name for the preposition's object and the verb for the name's
modifier; the events, their subjects and their dates must not depend on that comma. Sentences
generated from the project's own templates."""

from __future__ import annotations

import itertools

import pytest

_DATES = ["On 3 February 2027", "On 14 March 2026", "On 2 May 2025"]
_STATES = ["Qatar", "Kenya", "Norway", "Brazil", "Armenia"]
_ACTS = [
    "offered to broker talks between Guyana and Somalia",
    "accused Bahrain of spying",
    "sent a letter to the Iranian president",
    "recalled its ambassador from Peru",
    "condemned the attack on Chad",
    "and Chad signed a truce in Doha",  # two names swallowed into the date
]


def _events(result):
    return sorted((e.source.code, e.cameo, e.target.code if e.target else None, e.date.date) for e in result.events)


@pytest.mark.parametrize(("date", "state", "act"), list(itertools.product(_DATES, _STATES, _ACTS)))
def test_an_opening_date_reads_the_same_with_or_without_a_comma(code_text, date, state, act):
    bare = code_text(f"{date} {state} {act}.")
    comma = code_text(f"{date}, {state} {act}.")
    assert _events(comma), "the sentence with a comma codes an event"
    assert _events(bare) == _events(comma)
