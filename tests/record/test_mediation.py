"""Mediation offered, and each side's answer (record/talks.py; assemble.answer_proposal): steps of
the sides' channel, never offer items. Our own sentences."""

from __future__ import annotations

import pytest
from record_digest import digest

CASES = [
    ("Qatar offered on 3 May 2026 to mediate between Sudan and Chad. Sudan accepted the offer the next day, but Chad rejected it.",
     ["SDN-TCD s1 2026-05-03 proposed mediation by QAT | mediator QAT | venue - | first - | in -",
      "SDN-TCD s2 2026-05-04 agreed mediation by SDN | mediator QAT | venue - | first - | in -",
      "SDN-TCD s3 2026-05-04 refused mediation by TCD | mediator QAT | venue - | first - | in -"]),
    ("Turkey offered to mediate talks between Armenia and Azerbaijan on 2 March 2026, but Baku refused the offer.",
     ["ARM-AZE s1 2026-03-02 proposed mediation by TUR | mediator TUR | venue - | first - | in -",
      "ARM-AZE s2 2026-03-02 refused mediation by AZEGOV | mediator TUR | venue - | first - | in -"]),
    ("On 3 February 2027 Brazil offered to act as a go-between for Guyana and Venezuela. Venezuela welcomed the proposal on "
     "5 February. Guyana declined it a day later.",
     ["GUY-VEN s1 2027-02-03 proposed mediation by BRA | mediator BRA | venue - | first - | in -",
      "GUY-VEN s2 2027-02-05 agreed mediation by VEN | mediator BRA | venue - | first - | in -",
      "GUY-VEN s3 2027-02-06 refused mediation by GUY | mediator BRA | venue - | first - | in -"]),
    ("The Brazilian president offered his good offices to Guyana and Venezuela on 3 February 2027. Caracas accepted Brazil's "
     "offer, while Georgetown rejected it.",
     ["GUY-VEN s1 2027-02-03 proposed mediation by BRAGOV | mediator BRAGOV | venue - | first - | in -",
      "GUY-VEN s2 2027-02-03 agreed mediation by VENGOV | mediator BRAGOV | venue - | first - | in -",
      "GUY-VEN s3 2027-02-03 refused mediation by GUYGOV | mediator BRAGOV | venue - | first - | in -"]),
    # a bare answer ("accepted two days later") and a phrasal refusal ("turned the offer down")
    ("On 4 November 2025 Qatar offered to mediate between Rwanda and Uganda. Kampala accepted two days later. Rwanda turned "
     "the offer down on 10 November.",
     ["RWA-UGA s1 2025-11-04 proposed mediation by QAT | mediator QAT | venue - | first - | in -",
      "RWA-UGA s2 2025-11-06 agreed mediation by UGAGOV | mediator QAT | venue - | first - | in -",
      "RWA-UGA s3 2025-11-10 refused mediation by RWA | mediator QAT | venue - | first - | in -"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_an_offer_to_mediate_and_the_answers(code_text, text, expected):
    record = code_text(text).record
    assert digest(record)["channels"] == expected
    assert not [d for d in record.demands if d.kind == "offer"]  # an offer to mediate is no offer of terms
    answers = {(p.party.code, p.stance) for p in record.positions}
    assert answers == {(line.split(" by ")[1].split(" ")[0], "accepts" if " agreed " in line else "rejects")
                       for line in expected if " proposed " not in line}


def test_a_stance_with_nothing_proposed_before_is_no_answer(code_text):
    record = code_text("Kampala accepted on 6 November 2025.").record
    assert record.is_empty()


def test_a_meeting_is_no_answer(code_text):
    text = ("On 4 November 2025 Qatar offered to mediate between Rwanda and Uganda. On 5 November the Rwandan and Ugandan "
            "foreign ministers met in Doha.")
    steps = digest(code_text(text).record)["channels"]
    assert [s.split(" ")[3] for s in steps] == ["proposed", "held"]


def test_a_go_between_moving_between_the_delegations_is_the_talks_mediator(code_text):
    text = ("Cyprus and Turkey opened proximity talks in Geneva on 18 September 2024, with a United Nations envoy moving "
            "between delegations housed on separate floors.")
    assert digest(code_text(text).record)["channels"] == [
        "CYP-TUR s1 2024-09-18 held indirect talks by - | mediator IGOUNO | venue Geneva | first - | in -"
    ]


OFFERS = [
    # readiness, a hedged or future mediation, an adjective's stance, a mediation offered in the passive
    "On 3 February 2027 Brazil said it was ready to mediate between Guyana and Venezuela.",
    "On 3 February 2027 Brazil announced that it would mediate between Guyana and Venezuela.",
    "Brazil stands ready to act as an intermediary between Guyana and Venezuela, its foreign minister said on 3 February 2027.",
    "Mediation between Guyana and Venezuela was offered by Brazil on 3 February 2027.",
]


@pytest.mark.parametrize("text", OFFERS, ids=[t[:40] for t in OFFERS])
def test_an_offer_to_mediate_in_other_constructions(code_text, text):
    assert digest(code_text(text).record)["channels"] == [
        "GUY-VEN s1 2027-02-03 proposed mediation by BRA | mediator BRA | venue - | first - | in -"
    ]


def test_a_speaker_s_country_that_could_broker_talks_offers_to_mediate(code_text):
    text = "On 3 February 2027 Brazil's foreign minister said his country could broker talks between Guyana and Venezuela."
    assert digest(code_text(text).record)["channels"] == [
        "GUY-VEN s1 2027-02-03 proposed mediation by BRAGOV | mediator BRAGOV | venue - | first - | in -"
    ]


def test_an_offer_named_as_a_noun_then_its_answer(code_text):
    text = "Brazil's offer to mediate between Guyana and Venezuela was welcomed by Georgetown on 5 February 2027."
    assert digest(code_text(text).record)["channels"] == [
        "GUY-VEN s1 2027-02-05 proposed mediation by BRA | mediator BRA | venue - | first - | in -",
        "GUY-VEN s2 2027-02-05 agreed mediation by GUYGOV | mediator BRA | venue - | first - | in -",
    ]


def test_a_host_proposing_talks_is_no_side_of_them(code_text):
    text = "On 3 February 2027 Norway proposed to host talks between Chile and Peru in Oslo."
    assert digest(code_text(text).record)["channels"] == [
        "CHL-PER s1 2027-02-03 proposed talks by NOR | mediator - | venue Oslo | first - | in -"
    ]


def test_rejects_it_answers_the_latest_proposal(code_text):
    text = ("3 February 2027: Brazil's foreign minister offers to act as a go-between for Guyana and Venezuela.\n\n"
            "8 February 2027: Caracas rejects it, saying the dispute must be settled bilaterally.\n")
    assert digest(code_text(text).record)["channels"][-1] == (
        "GUY-VEN s2 2027-02-08 refused mediation by VENGOV | mediator BRAGOV | venue - | first - | in -"
    )


def test_talks_proposed_to_a_side_answered_and_held_by_the_two_sides(code_text):
    # "the two sides" are the channel's, though the mentions' last pair (Bolivia, Ecuador) acted since
    text = ("Chile proposed talks to Peru on 3 May 2026. Peru accepted on 4 May. On 5 May Bolivia criticised Ecuador's "
            "president. The two sides met in Lima on 10 May.")
    assert digest(code_text(text).record)["channels"] == [
        "CHL-PER s1 2026-05-03 proposed talks by CHL | mediator - | venue - | first - | in -",
        "CHL-PER s2 2026-05-04 agreed talks by PER | mediator - | venue - | first - | in -",
        "CHL-PER s3 2026-05-10 held talks by - | mediator - | venue Lima | first - | in -",
    ]
