"""Agreements (record/agreements.py, agreement_log.py): ceasefires, deals, treaties and declarations,
each with the states its sentences give it. Our own sentences, one construction each."""

from __future__ import annotations

import pytest
from record_digest import digest

CASES = [
    # agreed by the subjects, brokered in the noun's own clause; then a state of "the truce"
    ("Armenia and Azerbaijan agreed on a ceasefire on 10 October 2026, brokered by Russia. The truce took effect at noon the next day.",
     ["a1 ceasefire ARM+AZE mediator RUS | agreed 2026-10-10 ARM+AZE; took_effect 2026-10-11 -"]),
    # a broker as subject, the sides in "between"
    ("France brokered a ceasefire between Russia and Georgia on 12 August 2008.",
     ["a1 ceasefire GEO+RUS mediator FRA | agreed 2008-08-12 -"]),
    # a proposal by a third state, a rejection, agreement by both, and a withdrawal from "the deal"
    ("Egypt proposed a truce between Israel and Hamas on 1 May 2026. Hamas rejected the proposal on 2 May. On 5 May both "
     "sides agreed to a truce. Israel withdrew from the deal a week later.",
     ["a1 ceasefire ISR+PSEREB mediator EGY | proposed 2026-05-01 EGY; rejected 2026-05-02 PSEREB; agreed 2026-05-05 ISR+PSEREB; "
      "withdrew 2026-05-12 ISR"]),
    # a bare answer to the agreement just proposed ("agrees to it"), not to an older offer of mediation
    ("Kenya offered to mediate between Ethiopia and Eritrea on 12 January 2027. Eritrea accepted the offer on 14 January. "
     "On 20 January Kenya proposed a truce between the two countries. Asmara agreed to it the next morning.",
     ["a1 ceasefire ERI+ETH mediator KEN | proposed 2027-01-20 KEN; agreed 2027-01-21 ERIGOV"]),
    # signed, with the sides as subjects
    ("On 2 June 2026 India and Pakistan signed a water-sharing treaty in Vienna.",
     ["a1 treaty IND+PAK mediator - | signed 2026-06-02 IND+PAK"]),
    # a phrasal state and a participle's "by" (not the main clause's subject) as the broker
    ("Russia and Ukraine reached a deal on grain exports on 22 July 2026, mediated by Turkey and the United Nations.",
     ["a1 deal RUS+UKR mediator TUR | agreed 2026-07-22 RUS+UKR"]),
    ("Armenia walked away from the agreement with Azerbaijan on 1 May 2026.",
     ["a1 agreement ARM+AZE mediator - | withdrew 2026-05-01 ARM"]),
    ("Ethiopia rejected a proposed ceasefire with Eritrea on 4 April 2026.",
     ["a1 ceasefire ERI+ETH mediator - | rejected 2026-04-04 ETH"]),
    # named by a copula, then by "it"
    ("The Aral accord was a truce between Kazakhstan and Uzbekistan. The two governments signed it on 3 March 2026.",
     ["a1 ceasefire KAZ+UZB mediator - | signed 2026-03-03 KAZGOV+UZBGOV"]),
]

NOTHING = [
    "If no deal is reached, the president will order strikes on Iran.",  # the antecedent of a condition
    "The two sides hope to reach a deal on 3 May 2026.",  # a wish
    "Airbus signed a deal with Boeing on 3 May 2026.",  # companies: a business deal
    "Russia's declaration of war on 3 May 2026 shocked Europe.",  # no agreement
    "The truce took effect on 3 May 2026.",  # no sides and none told before
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_an_agreement_and_its_states(code_text, text, expected):
    assert digest(code_text(text).record)["agreements"] == expected


@pytest.mark.parametrize("text", NOTHING, ids=[t[:40] for t in NOTHING])
def test_no_agreement(code_text, text):
    assert digest(code_text(text).record)["agreements"] == []


def test_an_agreement_is_not_also_a_channel_step_or_a_position(code_text):
    record = code_text("Armenia and Azerbaijan agreed on a ceasefire on 10 October 2026.").record
    assert record.agreements and not record.channels and not record.positions


def test_a_wire_dateline_is_its_own_block_and_a_broker_before_its_participle(code_text):
    text = "KHARTOUM, 9 June (wire) - A Saudi-brokered truce between Sudan's army and the Rapid Support Forces broke down on Sunday."
    result = code_text(text, date="2027-06-09")
    assert digest(result.record)["agreements"] == ["a1 ceasefire SDNMIL mediator SAU | collapsed 2027-06-06 -"]
    assert [(b.start, b.end) for b in result.document.blocks][0] == (0, len("KHARTOUM, 9 June (wire) - "))


@pytest.mark.parametrize(
    ("breach", "violator"),
    [
        ("The truce was broken on 5 March, when Thai artillery shelled Cambodian positions near the temple.", "THAMIL"),
        ("It was violated on 5 March as Cambodian troops fired on Thai border posts.", "KHMMIL"),
        ("The ceasefire was breached on 5 March when Thailand bombed a Cambodian village.", "THA"),
    ],
)
def test_a_breach_without_an_agent_is_by_whoever_the_sentence_tells_using_force(code_text, breach, violator):
    text = f"Cambodia and Thailand agreed to a ceasefire on 1 March 2027. {breach}"
    (agreement,) = code_text(text).record.agreements
    assert [(s.state, s.date.date, [a.code for a in s.by]) for s in agreement.states if s.state == "violated"] == [
        ("violated", "2027-03-05", [violator])
    ]
