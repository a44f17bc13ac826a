"""Deadlines set by a day, given more time, and what followed them, each dated by the day the text
gives (issue 18).

Our own sentences and short reports (real states, invented events). A day set as a deadline ("by
30 June", "a deadline of 15 May", "by the end of the month") is the deadline's due date, not the
date of the demand that sets it; more time ("extended the deadline to 1 August", "pushed the
deadline back", "two more weeks") moves the due date on; what followed is dated by its own words
("the next morning"), counted from the day the deadline passed, also when a "when" or "after"
clause of the same sentence, or an aside, tells the passing.
"""

from __future__ import annotations

import pytest
from record_digest import digest

GAVE = "On 2 May Ethiopia gave Eritrea 30 days to withdraw its troops from Badme. "
PASSED = "t1 30 day from c1 2026-05-02 due 2026-06-01 for d1 | passed 2026-06-01 then 194 ETHMIL>ERI"


def _outcome(record) -> list[tuple[str, str | None]]:
    (deadline,) = record.deadlines
    return [(o.cameo, o.date.date) for o in deadline.outcome]


# ---------------------------------------------------------------- what followed


@pytest.mark.parametrize(
    "told",
    [
        "The deadline passed on 1 June. The next morning, Ethiopian troops shelled Eritrean positions.",
        "The deadline passed on 1 June with no withdrawal. Ethiopian troops shelled Eritrean positions the next day.",
        "The deadline passed on 1 June, and the next morning Ethiopian troops shelled Eritrean positions.",
        "When the deadline passed on 1 June, Ethiopian troops shelled Eritrean positions the next morning.",
        "After the deadline passed on 1 June, Ethiopian troops shelled Eritrean positions the next morning.",
        "When the deadline expired on 1 June, Eritrea had not moved. The following day, Ethiopian troops shelled Eritrean positions.",
        "The deadline, which passed on 1 June, went unheeded. The next morning, Ethiopian troops shelled Eritrean positions.",
        "The deadline passed. The next morning, Ethiopian troops shelled Eritrean positions.",
    ],
)
def test_what_followed_the_deadline_is_dated_by_its_own_words(code_text, told):
    record = code_text(GAVE + told, date="2026-06-10").record
    assert digest(record)["deadlines"] == [PASSED]
    assert _outcome(record) == [("194", "2026-06-02")]


def test_a_lapse_misread_as_a_participle_still_dates_the_next_morning(code_text):
    text = (
        "Pakistan gave Afghanistan 48 hours to hand over eleven militants on Thursday. The deadline lapsed on Saturday "
        "with no handover. Early the next morning, Pakistani troops shelled Afghan positions."
    )
    record = code_text(text, date="2025-10-12").record
    assert digest(record)["deadlines"] == ["t1 48 hour from c1 2025-10-09 due 2025-10-11 for d1 | passed 2025-10-11 then 194 PAKMIL>AFG"]
    assert _outcome(record) == [("194", "2025-10-12")]  # the Sunday: not the deadline's Saturday


def test_an_event_told_before_the_deadline_passed_is_not_what_followed(code_text):
    text = GAVE + "The deadline passed on 1 June. On 20 May, Ethiopian troops had shelled Eritrean positions."
    assert _outcome(code_text(text, date="2026-06-10").record) == []


def test_a_when_clause_dates_the_act_only_when_the_act_has_no_date_of_its_own(code_text):
    events = code_text("When the ceasefire collapsed on 3 June, Armenian troops shelled Azerbaijani positions.", date="2026-06-10").events
    assert [(e.cameo, e.date.date) for e in events if e.cameo == "194"] == [("194", "2026-06-03")]


# ---------------------------------------------------------------- set by a day

# (sentence, its demand line, its deadline line), told on 6 July 2026
BY_DAY = [
    (
        "On 6 July Ghana demanded that Togo reopen the border crossing by 20 July.",
        "d1 demand - 2026-07-06 GHA>TGO territory 100 open: Togo reopen the border crossing by 20 July",
        "t1 - - from - 2026-07-06 due 2026-07-20 for d1 | not passed",
    ),
    (
        "On 6 July Kenya said Somalia must withdraw its troops from Gedo by 30 July.",
        "d1 demand - 2026-07-06 KEN>SOM troops 087 open: Somalia must withdraw its troops from Gedo by 30 July",
        "t1 - - from - 2026-07-06 due 2026-07-30 for d1 | not passed",
    ),
    (
        "On 6 July Uzbekistan told Kyrgyzstan to publish its schedule of releases by the end of the month.",
        "d1 demand - 2026-07-06 UZB>KGZ - 100 open: publish its schedule of releases by the end of the month",  # "told X to": coded as a demand
        "t1 - - from - 2026-07-06 due 2026-07-31 for d1 | not passed",
    ),
    (
        "On 6 July Egypt set Sudan a deadline of 15 July to reopen the border.",
        "d1 demand - 2026-07-06 EGY>SDN territory 139 open: reopen the border",
        "t1 - - from - 2026-07-06 due 2026-07-15 for d1 | not passed",
    ),
]


@pytest.mark.parametrize("sentence,demand,deadline", BY_DAY, ids=["subjunctive", "must", "infinitive", "deadline of"])
def test_a_day_set_is_the_deadline_s_due_date_and_not_the_demand_s(code_text, sentence, demand, deadline):
    record = digest(code_text(sentence, date="2026-08-10").record)
    assert (record["demands"], record["deadlines"]) == ([demand], [deadline])


def test_until_a_day_given_to_comply_is_an_ultimatum_with_its_due_date(code_text):
    record = digest(code_text("On 3 May Kenya gave Somalia until 15 July to comply.", date="2026-06-10").record)
    assert record["communications"] == ["c1 ultimatum KEN>SOM 2026-05-03 | sent 2026-05-03 KEN | answers - | items d1 | deadlines t1"]
    assert record["deadlines"] == ["t1 - - from c1 2026-05-03 due 2026-07-15 for d1 | not passed"]


def test_a_day_set_in_december_for_january_is_next_january(code_text):
    text = "Armenia demanded on 20 December that Azerbaijan withdraw its troops from the border by 10 January."
    (line,) = digest(code_text(text, date="2026-12-28").record)["deadlines"]
    assert "due 2027-01-10" in line


@pytest.mark.parametrize(
    "text",
    [
        "By 2015 the talks had collapsed.",
        "Ethiopia had withdrawn its troops by 30 June.",
        "Ethiopia will withdraw its troops by 30 July.",
        "The dam must be finished by 2027.",
        "Diplomats noted that a deadline of 1 March 2015 had passed without result.",
    ],
    ids=["by a year, done", "by a day, done", "promised", "no party", "a deadline of the past"],
)
def test_no_deadline_where_no_day_is_set_for_a_party(code_text, text):
    assert code_text(text, date="2026-08-10").record.deadlines == ()


# ---------------------------------------------------------------- more time

DEMAND = "On 6 July Ghana demanded that Togo reopen the border crossing by 20 July. "


@pytest.mark.parametrize(
    "more,then",
    [
        ("On 18 July Ghana extended the deadline to 1 August.", "not passed | extended 2026-08-01"),
        ("On 18 July Accra pushed the deadline back to 1 August.", "not passed | extended 2026-08-01"),
        ("On 18 July Ghana extended the deadline by two weeks.", "not passed | extended 2026-08-03"),
        # given after it was due: it had passed then, and the time counts from the day it is given
        ("On 25 July Ghana gave Togo two more weeks.", "passed 2026-07-20 then - | extended 2026-08-08"),
        ("Togo let the date pass, and on 25 July Ghana extended the deadline to 1 August.", "passed 2026-07-20 then - | extended 2026-08-01"),
    ],
)
def test_more_time_moves_the_due_date_on(code_text, more, then):
    record = digest(code_text(DEMAND + more, date="2026-08-10").record)
    assert record["deadlines"] == [f"t1 - - from - 2026-07-06 due 2026-07-20 for d1 | {then}"]
    assert record["communications"] == []  # more time given is no new ultimatum


def test_a_timeline_deadline_pushed_back_passes_on_its_new_day_and_what_followed(code_text):
    text = (
        "Armenia and Azerbaijan: the border deadline\n\n"
        "3 December 2026: Armenia demands that Azerbaijan withdraw its troops from the Syunik border by 31 December.\n\n"
        "28 December 2026: Yerevan pushes the deadline back to 10 January.\n\n"
        "10 January 2027: The extended deadline passes with the troops still in place.\n\n"
        "11 January 2027: Armenia expels two Azerbaijani diplomats.\n"
    )
    record = digest(code_text(text, date="2027-01-20").record)
    assert record["demands"] == [
        "d1 demand - 2026-12-03 ARM>AZE troops 087 open: Azerbaijan withdraw its troops from the Syunik border by 31 December"
    ]
    assert record["deadlines"] == [
        "t1 - - from - 2026-12-03 due 2026-12-31 for d1 | passed 2027-01-10 then 161 ARM>AZE | extended 2027-01-10"
    ]
    assert record["ruptures"] == ["r1 2027-01-11 expelled ARM>AZEGOV"]


def test_a_deadline_of_a_demand_is_set_by_the_one_who_demands(code_text):
    record = code_text(DEMAND, date="2026-08-10").record
    (deadline,) = record.deadlines
    assert (deadline.by.code, deadline.of.code) == ("GHA", "TGO")


def test_a_lapse_with_no_date_of_its_own_passes_on_the_day_set_and_the_next_day_follows_it(code_text):
    text = (
        "On 3 June 2026 the Georgian foreign ministry demanded that Belarus free the reporter by 30 June. "
        "The deadline lapsed without his release. Georgia closed its embassy in Minsk the next day."
    )
    record = digest(code_text(text, date="2026-07-20").record)
    (line,) = record["deadlines"]
    assert line.startswith("t1 - - from - 2026-06-03 due 2026-06-30 for d1 | passed 2026-06-30 then ")
    assert record["ruptures"] == ["r1 2026-07-01 closed_embassy GEO>BLRGOV"]  # the day after the deadline, not after 3 June


def test_it_passed_is_the_deadline_just_told_and_nothing_else(code_text):
    text = (
        "Ecuador demanded on 2 June 2026 that Peru release eleven fishermen within ten days. The deadline was pushed "
        "back to 22 June at Lima's request. It passed on Monday with the crew still in jail."
    )
    (line,) = digest(code_text(text, date="2026-06-26").record)["deadlines"]
    assert line == "t1 10 day from - 2026-06-02 due 2026-06-12 for d1 | passed 2026-06-22 then - | extended 2026-06-22"
    bill = "Ecuador demanded on 2 June 2026 that Peru release eleven fishermen within ten days. Peru's parliament debated a fishing bill. It passed on Monday."
    (line,) = digest(code_text(bill, date="2026-06-26").record)["deadlines"]
    assert line.endswith("| not passed")
