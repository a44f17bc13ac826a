"""Diplomatic ruptures (record/ruptures.py): expulsions, recalls, ties cut and restored, embassies
closed and reopened, and the returns that undo them, each dated by its own clause.

Sentences and short reports in the project's own words (real states, invented events). The
constructions are crossed with pairs of states, so that each is tested on more than one pair
(CheckList style); expectations are the digest lines of tests/record/record_digest.py.
"""

from __future__ import annotations

import pytest
from record_digest import digest

from dragoman.errors import KnowledgeError
from dragoman.record.words import load_record_words, record_words_path

DATE = "2026-05-10"

# (actor, its adjective, its code, its government's code, its capital)
PAIRS = [
    (("Ghana", "Ghanaian", "GHA", "GHAGOV", "Accra"), ("Nigeria", "Nigerian", "NGA", "NGAGOV", "Abuja")),
    (("Peru", "Peruvian", "PER", "PERGOV", "Lima"), ("Mexico", "Mexican", "MEX", "MEXGOV", "Mexico City")),
    (("Kenya", "Kenyan", "KEN", "KENGOV", "Nairobi"), ("Somalia", "Somali", "SOM", "SOMGOV", "Mogadishu")),
]

# construction -> (sentence template, expected digest line template); A acts toward B
CONSTRUCTIONS = {
    "expelled": ("{A} expelled two {b} diplomats on 4 May.", "expelled {A_}>{B_GOV}"),
    "expelled, the ambassador": ("{A} expelled the {b} ambassador on 4 May.", "expelled {A_}>{B_GOV}"),
    "persona non grata": ("{A} declared three {b} diplomats persona non grata on 4 May.", "expelled {A_}>{B_GOV}"),
    "told to leave": ("{A} told two {b} envoys to leave the country on 4 May.", "expelled {A_}>{B_GOV}"),
    "ordered out": ("{A} ordered the {b} ambassador out of the country on 4 May.", "expelled {A_}>{B_GOV}"),
    "gave hours to leave": ("{A} gave two {b} diplomats 48 hours to leave on 4 May.", "expelled {A_}>{B_GOV}"),
    "passive expulsion": ("Three {b} diplomats were expelled from {A} on 4 May.", "expelled {A_}>{B_GOV}"),
    "recalled from": ("{A} recalled its ambassador from {B} on 4 May.", "recalled {A_}>{B_}"),
    "recalled for consultations": ("{A} recalled its ambassador from {B} for consultations on 4 May.", "recalled {A_}>{B_}"),
    "called home": ("{A} called its ambassador home from {B} on 4 May.", "recalled {A_}>{B_}"),
    "severed relations": ("{A} severed diplomatic relations with {B} on 4 May.", "cut_ties {A_}>{B_}"),
    "broke off ties": ("{A} broke off ties with {B} on 4 May.", "cut_ties {A_}>{B_}"),
    "suspended relations": ("{A} suspended diplomatic relations with {B} on 4 May.", "suspended_ties {A_}>{B_}"),
    "downgraded relations": ("{A} downgraded its relations with {B} on 4 May.", "downgraded_ties {A_}>{B_}"),
    "restored ties": ("{A} restored diplomatic ties with {B} on 4 May.", "restored_ties {A_}>{B_}"),
    "resumed relations": ("{A} resumed diplomatic relations with {B} on 4 May.", "restored_ties {A_}>{B_}"),
    "closed its embassy": ("{A} closed its embassy in {B} on 4 May.", "closed_embassy {A_}>{B_}"),
}


def _cases():
    for name, (sentence, line) in CONSTRUCTIONS.items():
        for a, b in PAIRS:
            fill = {"A": a[0], "a": a[1], "A_": a[2], "B": b[0], "b": b[1], "B_": b[2], "B_GOV": b[3]}
            yield pytest.param(sentence.format(**fill), f"r1 2026-05-04 {line.format(**fill)}", id=f"{name}-{a[2]}")


@pytest.mark.parametrize("sentence,line", list(_cases()))
def test_each_construction_is_one_rupture_dated_by_its_clause(code_text, sentence, line):
    record = digest(code_text(sentence, date=DATE).record)
    assert record["ruptures"] == [line]
    assert record["demands"] == [] and record["deadlines"] == [] and record["communications"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The referee expelled two players from the match on Saturday.",
        "The school expelled three pupils after the fight.",
        "The minister recalled that the treaty had been signed in 1990.",
        "Ghana recalled the ambassador's warning in a speech on Monday.",
        "Ghana threatened to expel the Nigerian ambassador.",
        "Peru may recall its envoy from Mexico.",
        "Kenya refused to cut ties with Somalia.",
        "Ghana did not sever relations with Nigeria.",
        "Peru and Mexico pledged to restore diplomatic relations.",
        "Colombia cut trade ties with Peru on 4 May.",
        "The factory closed its doors in Accra.",
    ],
)
def test_no_rupture_where_none_was_done(code_text, text):
    assert code_text(text, date=DATE).record.ruptures == ()


def test_a_retaliatory_expulsion_is_no_demand_and_its_time_to_leave_no_deadline(code_text):
    text = (
        "Estonia expelled three Russian diplomats on 2 March. On 3 March Russia ordered the Estonian "
        "ambassador to leave the country within 48 hours."
    )
    record = code_text(text, date="2026-03-10").record
    assert digest(record)["ruptures"] == ["r1 2026-03-02 expelled EST>RUSGOV", "r2 2026-03-03 expelled RUS>ESTGOV"]
    assert record.demands == () and record.deadlines == () and record.communications == ()
    assert (record.ruptures[1].what, record.ruptures[1].within) == ("the Estonian ambassador", "within 48 hours")


def test_its_envoys_told_to_leave_are_the_other_side_s_when_its_owner_reads_as_the_expeller(code_text):
    text = (
        "Estonia expelled three Russian diplomats on 2 March. In retaliation, Russia told three of its envoys "
        "to leave within a day."
    )
    record = code_text(text, date="2026-03-10").record
    assert digest(record)["ruptures"] == ["r1 2026-03-02 expelled EST>RUSGOV", "r2 2026-03-02 expelled RUS>EST"]
    assert (record.ruptures[1].what, record.ruptures[1].within) == ("three of its envoys", "within a day")
    assert record.demands == () and record.deadlines == ()


def test_a_report_of_a_recall_an_expulsion_and_a_return(code_text):
    text = (
        "Georgia and Ukraine: an envoy comes back\n\n"
        "On 2 May Georgia recalled its ambassador from Kyiv for consultations. Ukraine expelled a Georgian "
        "attaché on 3 May. He returned to his post on 9 May, the foreign ministry in Tbilisi said."
    )
    assert digest(code_text(text, date=DATE).record)["ruptures"] == [
        "r1 2026-05-02 recalled GEO>UKRGOV", "r2 2026-05-03 expelled UKR>GEOGOV", "r3 2026-05-09 returned GEOGOV>UKRGOV",
    ]  # fmt: skip


def test_a_pronoun_returns_only_after_a_recall(code_text):
    recalled = "Chile recalled its ambassador from Caracas on 2 May. He returned to his post on 9 May."
    assert digest(code_text(recalled, date=DATE).record)["ruptures"] == [
        "r1 2026-05-02 recalled CHL>VENGOV", "r2 2026-05-09 returned CHLGOV>VENGOV",  # "he": its ambassador
    ]  # fmt: skip
    nothing = "Chile's foreign minister spoke in Lima on 2 May. He returned to Santiago on 9 May."
    assert code_text(nothing, date=DATE).record.ruptures == ()


def test_a_side_left_unnamed_is_the_other_side_of_the_latest_rupture(code_text):
    text = "Lithuania declared two Belarusian envoys persona non grata on 4 May. Belarus recalled its ambassador the next day."
    assert digest(code_text(text, date=DATE).record)["ruptures"] == [
        "r1 2026-05-04 expelled LTU>BLRGOV", "r2 2026-05-05 recalled BLR>LTU",
    ]  # fmt: skip


def test_ties_between_two_states_and_an_embassy_reopened(code_text):
    text = (
        "Diplomatic relations between Egypt and Iran were restored on 4 May. Egypt reopened its embassy in "
        "Tehran on 6 May. Kenya re-established diplomatic relations with Somalia on 7 May."
    )
    record = code_text(text, date=DATE).record
    assert digest(record)["ruptures"] == [
        "r1 2026-05-04 restored_ties EGY>IRN", "r2 2026-05-06 reopened_embassy EGY>IRNGOV", "r3 2026-05-07 restored_ties KEN>SOM",
    ]  # fmt: skip
    assert [r.what for r in record.ruptures] == ["Diplomatic relations", "its embassy", "diplomatic relations"]


def test_the_same_act_told_twice_on_one_day_is_one(code_text):
    text = (
        "Ghana expelled two Nigerian diplomats on 4 May. The two Nigerian diplomats were expelled by Ghana on 4 May "
        "for activities incompatible with their status."
    )
    record = code_text(text, date=DATE).record
    assert digest(record)["ruptures"] == ["r1 2026-05-04 expelled GHA>NGAGOV"]
    assert record.ruptures[0].evidence is not None and record.ruptures[0].evidence.sentence_index == 0


def test_an_act_the_file_does_not_know_is_an_error_naming_the_key(tmp_path):
    text = record_words_path().read_text(encoding="utf-8")
    old = "    expel: expelled\n"
    assert old in text
    path = tmp_path / "record.yaml"
    path.write_text(text.replace(old, "    expel: thrown_out\n"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"ruptures.diplomat_verbs: 'thrown_out' is no act"):
        load_record_words(path)


def test_states_that_act_together_each_act(code_text):
    text = "On 3 July Estonia and Latvia recalled their ambassadors from Belarus in solidarity."
    assert digest(code_text(text, date="2026-07-20").record)["ruptures"] == [
        "r1 2026-07-03 recalled EST>BLR", "r2 2026-07-03 recalled LVA>BLR",
    ]  # fmt: skip


def test_an_embassy_reopened_by_no_one_named_is_the_one_closed_before(code_text):
    closed = "Georgia closed its embassy in Minsk on 1 July 2026. The embassy was reopened in March 2027."
    assert digest(code_text(closed, date="2027-04-01").record)["ruptures"] == [
        "r1 2026-07-01 closed_embassy GEO>BLRGOV", "r2 2027-03 reopened_embassy GEO>BLRGOV",
    ]  # fmt: skip
    assert code_text("The embassy was reopened in March 2027.", date="2027-04-01").record.ruptures == ()


def test_a_timeline_s_present_tense_misread_as_a_noun_still_acts(code_text):
    text = "Ghana and Togo\n\n4 February 2027: Ghana severs diplomatic relations with Togo.\n"
    assert digest(code_text(text, date="2027-03-01").record)["ruptures"] == ["r1 2027-02-04 cut_ties GHA>TGO"]
