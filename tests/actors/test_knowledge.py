"""Loading, validation, layering, fingerprints and pickling of the actor knowledge."""

from __future__ import annotations

import pickle

import pytest

from dragoman.actors import load_knowledge, resolve_text, role_at
from dragoman.actors.knowledge import Role, skeleton
from dragoman.errors import KnowledgeError

USER = """\
people:
  - name: Abbas Araghchi          # replaces the built-in entry
    aliases: [Araghchi]
    country: IRN
    sector: OPP
  - name: Jane Example
    aliases: [Example]
    country: GBR
    roles:
      - {sector: GOV, start: 2019-07-24, end: 2021-09-15, title: "foreign secretary"}
organisations:
  - {name: Foggy Bottom Club, code: USAGOV}
states:
  - code: IRN
    names: [Persia]
"""


def write(tmp_path, text, name="user.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_builtin_loads_and_fingerprint_is_stable(knowledge):
    again = load_knowledge()
    assert knowledge.fingerprint == again.fingerprint and len(knowledge.fingerprint) == 64
    assert len(knowledge.entities) > 500


def test_pickles(knowledge):
    clone = pickle.loads(pickle.dumps(knowledge))
    assert clone.fingerprint == knowledge.fingerprint
    assert resolve_text("Abbas Araghchi", clone, "2025").code == "IRNGOV"


def test_user_file_layers_over_builtin(tmp_path, knowledge):
    layered = load_knowledge([write(tmp_path, USER)])
    assert layered.fingerprint != knowledge.fingerprint
    assert resolve_text("Araghchi", layered, "2025").code == "IRNOPP"  # user entry wins
    assert resolve_text("Araqchi", layered, "2025") is None or resolve_text("Araqchi", layered, "2025").basis != "dictionary"
    assert resolve_text("Jane Example", layered, "2020-01-01").code == "GBRGOV"
    assert resolve_text("Jane Example", layered, "2023-01-01").code == "GBRELI"
    assert resolve_text("Persia", layered).code == "IRN"
    assert resolve_text("Iran", layered).code == "IRN"  # built-in names kept
    assert resolve_text("Foggy Bottom Club", layered).code == "USAGOV"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("people:\n  - name: X\n    country: Iran\n", "user.yaml:2: person 'X': country 'Iran'"),
        ("people:\n  - name: X\n    country: IRN\n    roles:\n      - {sector: GOV, start: 2024-13-01}\n", "month must be"),
        ("people:\n  - name: X\n    country: IRN\n    roles:\n      - {sector: GOV, start: 2024, end: 2020}\n", "starts (2024) on or after"),
        ("people:\n  - name: X\n    county: IRN\n", "unknown key(s) ['county']"),
        ("organisations:\n  - {name: X, code: irngov}\n", "not a CAMEO code"),
        ("places:\n  - {names: [Y], code: IRNGOV, code: USAGOV}\n", "duplicate key 'code'"),
        ("states:\n  - {code: NOR, names: [no]}\n", "quote"),
        ("states:\n  - {code: NOR, names: [NO]}\n", "quote"),
        ("rulers: []\n", "unknown section"),
        ("people: [\n", "not valid YAML"),
    ],
)
def test_validation_names_file_and_entry(tmp_path, text, fragment):
    path = write(tmp_path, text)
    if fragment is None:
        load_knowledge([path], builtin=False)
        return
    with pytest.raises(KnowledgeError) as err:
        load_knowledge([path], builtin=False)
    assert "user.yaml" in str(err.value) and fragment in str(err.value)


def test_missing_file_is_a_knowledge_error(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        load_knowledge([str(tmp_path / "absent.yaml")])


def test_role_at_partial_dates():
    roles = (Role("USAGOV", "USA", "GOV", "2017-01-20", "2021-01-20"), Role("USAGOV", "USA", "GOV", "2025-01-20", None))
    assert role_at(roles, "2018") is roles[0]
    assert role_at(roles, "2021") is None  # 19 days of the year only
    assert role_at(roles, "2021-01-19") is roles[0]
    assert role_at(roles, "2021-01-20") is None
    assert role_at(roles, "2025-01") is None  # 12 of 31 days
    assert role_at(roles, "2025-02") is roles[1]
    envoy = (Role("GBRGOV", "GBR", "GOV", "1997-05-02", "2007-06-27"), Role("IGOQRT", "IGO", None, "2007-06-27", "2015-05-27"))
    assert role_at(envoy, None) is envoy[0]  # no date: the role held longest, not the latest


def test_skeleton_merges_transliterations():
    assert skeleton("Araqchi") == skeleton("Araghchi")
    assert skeleton("Hurmuz") == skeleton("Hormuz")


def test_acronyms_need_capitals(knowledge):
    assert resolve_text("US", knowledge).code == "USA"
    assert resolve_text("us", knowledge) is None


def test_a_common_word_name_stands_only_on_its_own():
    knowledge = load_knowledge()
    assert resolve_text("The Guardian", knowledge).code == "GBRMED"
    assert resolve_text("Guardian Council", knowledge).code == "IRNGOV"
    hi_tech = resolve_text("the National Hi-Tech Crime Unit", knowledge)
    assert hi_tech is None or hi_tech.code != "AREMED"
