"""capitals.yaml: every state's capital stands for its government, and agrees with Phoenix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from dragoman.actors import resolve_text
from dragoman.actors.knowledge import name_key

DATA = Path(__file__).resolve().parents[2] / "src" / "dragoman" / "data" / "actors"
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
CAPITALS = yaml.safe_load((DATA / "capitals.yaml").read_text(encoding="utf-8"))["places"]
# left out on purpose (see the file's header): the capital is the country's own name, or a common word
WITHOUT = {"SGP", "MCO", "SMR", "LUX", "DJI", "MDV", "SYC",
           "BEL",  # Brussels stands for the European Union (places.yaml)
           "HKG"}  # a city itself
ISO_TO_CAMEO = {"ROU": "ROM", "MNE": "MTN"}  # the COW table's ISO codes where CAMEO has its own


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is absent")
def test_every_state_of_the_cow_table_has_its_capital():
    states = set()
    for line in (REFERENCE / "countrynames_cameo_cow.tsv").read_text(encoding="utf-8").splitlines():
        name, code, cow = (line.split("\t") + ["", ""])[:3]
        if len(code) == 3 and cow not in ("000", "") and code != "---":
            states.add(ISO_TO_CAMEO.get(code, code))
    have = {entry["code"][:3] for entry in CAPITALS}
    assert all(entry["code"].endswith("GOV") and len(entry["code"]) == 6 for entry in CAPITALS)
    assert sorted(states - have - WITHOUT) == []
    assert sorted(WITHOUT & have) == []


def test_capitals_agree_with_the_phoenix_country_lists():
    """Phoenix lists most capitals among their country's names; none under another country."""
    phoenix: dict[tuple[str, ...], set[str]] = {}
    for line in (DATA / "phoenix" / "countries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.startswith("{") and '"states"' in line[:12]:
            for state in json.loads(line)["states"]:
                for name in state["names"]:
                    phoenix.setdefault(name_key(name, frozenset({"the"})), set()).add(state["code"])
    listed = disagree = 0
    for entry in CAPITALS:
        for name in entry["names"]:
            found = phoenix.get(name_key(name, frozenset({"the"})))
            if found:
                listed += 1
                disagree += entry["code"][:3] not in found
    assert disagree == 0
    assert listed >= 150  # most capitals are in Phoenix's lists: a check that the comparison ran


@pytest.mark.parametrize("text, code", [("Lima", "PERGOV"), ("La Paz", "BOLGOV"), ("Abuja", "NGAGOV"), ("Hanoi", "VNMGOV"),
                                        ("Canberra", "AUSGOV"), ("Tehran", "IRNGOV"), ("Whitehall", "GBRGOV"), ("the Kremlin", "RUSGOV")])
def test_a_capital_is_its_government(knowledge, text, code):
    actor = resolve_text(text, knowledge, "2020")
    assert (actor.code, actor.sector) == (code, "GOV")


def test_other_cities_stay_places_of_their_country(knowledge):
    """Phoenix's other cities (Arequipa, Kano) name their country, not its government."""
    assert resolve_text("Arequipa", knowledge, "2020").code == "PER"
    assert resolve_text("Kano", knowledge, "2020").code == "NGA"
