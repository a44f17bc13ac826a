"""PETRARCH2's verb-code ontology and how a governing act combines with the act it governs."""

from __future__ import annotations

import pytest

from dragoman.coding.lexicon import data_path
from dragoman.coding.ontology import load_ontology
from dragoman.errors import KnowledgeError


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(data_path("petrarch/ontology.tsv"))


@pytest.mark.parametrize(
    ("upper", "lower", "combined"),
    [
        ("130", "163", "132"),  # threaten + impose sanctions: a threat of sanctions
        ("130", "161", "1313"),  # threaten + cut ties: a threat to break relations
        ("130", "190", "138"),  # threaten + attack: a threat of force
        ("030", "190", "138"),  # intend + attack: PETRARCH2's one extra entry, a wish to attack
        ("030", "070", "033"),  # intend + aid
        ("020", "070", "023"),  # appeal + aid
        ("010", "190", "015"),  # say + attack: a claim of responsibility
        ("050", "081", "081"),  # agree + ease sanctions: the easing itself (the lower is higher)
        ("010", "040", "040"),  # two statements: the nested one
        ("130", "1663", "131"),  # no code of its own: read with its lower digits dropped
    ],
)
def test_codes_combine_by_petrarchs_rule(ontology, upper, lower, combined):
    assert ontology.combine(upper, lower) == combined


def test_what_the_ontology_cannot_combine_is_none(ontology):
    assert ontology.combine("016", "190") is None  # a negating upper ("denied attacking")
    assert ontology.combine("130", "9999") is None  # a code it does not know
    assert ontology.combine("130", "---") is None


def test_a_shared_value_reads_back_as_its_most_general_code(ontology):
    assert ontology.codes[0x020C] == "082"  # 082, 0841 and 0842 share it


def test_a_broken_row_is_an_error_naming_the_line(tmp_path):
    bad = tmp_path / "ontology.tsv"
    bad.write_text("# header\ncameo\tpetrarch_int\tpetrarch_hex\tuse\n010\t4096\tnot-hex\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"ontology.tsv:3"):
        load_ontology(bad)


@pytest.mark.parametrize(
    ("upper", "lower", "builtin", "petrarch"),
    [
        ("100", "0841", "1053", "1052"),  # demand + release persons: release, not easing dissent
        ("020", "084", "0253", "025"),  # appeal + return, release
        ("030", "0842", "0353", "0352"),  # intend + return property
        ("100", "087", "1056", "105"),  # demand + de-escalate
        ("100", "081", "1051", "1051"),  # the rest of the family was right already
        ("100", "085", "1054", "1054"),
    ],
)
def test_the_built_in_layer_pairs_cameos_yield_codes(upper, lower, builtin, petrarch):
    from dragoman.coding.lexicon import load_lexicon

    assert load_lexicon(builtin=True).ontology.combine(upper, lower) == builtin
    assert load_lexicon(builtin=False).ontology.combine(upper, lower) == petrarch  # PETRARCH2's own reading


@pytest.mark.parametrize(
    ("sentence", "coded"),
    [
        ("Ecuador demanded that Peru release the eleven detained fishermen.", ("ECU", "1053", "PER")),
        ("France urged Russia to free the detained sailors.", ("FRA", "0253", "RUS")),
        ("Poland insisted that Belarus return the seized trucks.", ("POL", "1053", "BLR")),
    ],
)
def test_a_demand_or_appeal_for_a_release_is_coded_as_one(code_text, sentence, coded):
    events = code_text(sentence).events
    found = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events if e.modality == "asserted"}
    assert found == {coded}


@pytest.mark.parametrize(
    ("sentence", "coded"),
    [
        # a date before the verb is no "insisted on"
        ("On 2 June 2026 Ecuador insisted that Peru release the two detained engineers.", ("ECU", "1053", "PER")),
        ("In 2015 Ecuador insisted that Peru return the seized boats.", ("ECU", "1053", "PER")),
        ("Ecuador insisted on compensation from Peru.", ("ECU", "100", "PER")),  # the pattern's own "on"
    ],
)
def test_a_time_before_the_verb_fills_no_preposition_of_a_pattern(code_text, sentence, coded):
    events = code_text(sentence, date="2026-06-05").events
    found = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events if e.modality == "asserted"}
    assert found == {coded}
