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
