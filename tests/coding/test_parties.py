"""Whose a target is when nothing in the sentence places it (coding/parties.py, policy.yaml
domestic_sectors and stateless_sectors): an organ of a state (police, parliament, opposition) is
the state's that acts on it; rebels only under that state's force; neither when an IGO or the
parties of several states act on it."""

from __future__ import annotations

import pytest


def _acts(result):
    return sorted((e.source.code if e.source else None, e.target.code if e.target else None, e.root) for e in result.acts())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Brazil criticized the police.", [("BRA", "BRACOP", "11")]),  # an organ of the state acting on it
        ("Canada asked guerrillas for financial aid.", [("CAN", "---REB", "02")]),  # rebels are no one's organ
        ("Qatar praised rebel fighters.", [("QAT", "---REB", "05")]),
        ("The Sudanese army attacked rebels.", [("SDNMIL", "SDNREB", "19")]),  # a state's force on its own
        ("Sudan threatened to attack rebels.", [("SDN", "---REB", "13")]),  # a threat is no force yet
        ("Sudan and Chad attacked rebels.", [("SDN", "---REB", "19"), ("TCD", "---REB", "19")]),  # whose?
        ("Doha and Serbia suspended aid to police.", [("QATGOV", "---COP", "16"), ("SRB", "---COP", "16")]),
        ("Rebels attacked police.", [("---REB", "---COP", "19")]),
    ],
)
def test_an_unplaced_target_is_the_acting_states_only_where_one_state_acts_on_its_own(code_text, text, expected):
    assert _acts(code_text(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels, a close ally of Kenya, denounced Rome.", [("---REB", "ITAGOV", "11")]),  # a description
        ("Riot police, a neighbour of Iran, attacked Rome.", [("---COP", "ITAGOV", "19")]),
    ],
)
def test_an_apposition_that_names_no_one_leaves_a_body_unplaced(code_text, text, expected):
    assert _acts(code_text(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels insisted that Stockholm thank the United Nations.", [("---REB", "SWEGOV", "10")]),
        ("Police warned that they would attack Venezuela's ruling party.", [("---COP", "VENGOV", "13")]),
        ("Police said that rebels attacked Rome.", [("---REB", "ITAGOV", "19")]),  # a reporter is no party
    ],
)
def test_an_unplaced_body_that_demands_or_threatens_is_a_party_to_it(code_text, text, expected):
    assert _acts(code_text(text)) == sorted(expected)


@pytest.mark.parametrize(("a", "b", "city"), [("Armenia", "Azerbaijan", "Moscow"), ("Kenya", "Uganda", "Geneva"), ("Chile", "Peru", "Oslo")])
def test_a_mutual_act_done_in_a_capital_is_with_each_other_not_with_the_capital(code_text, a, b, city):
    events = code_text(f"{a} and {b} signed a ceasefire in {city} on 3 May 2026.").events
    pairs = {(e.source.name, e.target.name if e.target else None) for e in events}
    assert pairs == {(a, b), (b, a)}
