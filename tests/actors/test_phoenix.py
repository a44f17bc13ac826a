"""PETRARCH/Phoenix dictionary import."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.actors import export_yaml, import_phoenix, load_knowledge, resolve_text
from dragoman.actors.phoenix import parse_phoenix_date

PHOENIX = Path(__file__).resolve().parents[3] / "shared" / "reference" / "phoenix"

SAMPLE = """\
# a comment line
FREEDONIA_  [FRD]
+FREEDONIAN_
RUFUS_T_FIREFLY_  # a leader
+FIREFLY
\t[FRDELI 300101-330101]
\t[FRDGOV >330101] # in office
\t[FRDELI]
SYLVANIA_ARMY_ [SYLMIL]
+SYLVANIAN_TROOPS
TRENTINO_
\t[SYLGOV 310101-331231]
ACME_CORPORATION [MNCUSA]
+ orphan?
\t[FRDGOV 991301-000101]
BROKEN_ [FRDGOV ~~]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
FOREIGN_!MINIST! [~GOV]
!MINIST! = MINISTER, MINISTERS
POLICE!PERSON! [~COP]
CHIEF_VIZIER {VIZIERS} [~GOVMIL]
"""


def test_dates_follow_petrarch_century_window():
    assert parse_phoenix_date("130803") == "2013-08-03"
    assert parse_phoenix_date("740101") == "1974-01-01"
    assert parse_phoenix_date("291231") == "2029-12-31"
    assert parse_phoenix_date("300101") == "1930-01-01"
    assert parse_phoenix_date("19890604") == "1989-06-04"


def test_sample_actors(tmp_path):
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    result = import_phoenix(str(path))
    assert result.counts() == {"states": 1, "organisations": 2, "people": 2}
    assert [(line, reason) for line, _, reason in result.problems] == [
        (15, "date '991301' has no such month or day"),
        (16, "not an agent code: [FRDGOV~~]"),
    ]
    firefly = next(p for p in result.entries["people"] if p["name"] == "Rufus T Firefly")
    assert firefly["code"] == "FRDELI" and firefly["aliases"] == ["Firefly"]
    # PETRARCH's limits are inclusive: 300101-330101 ends after 1 January 1933
    assert firefly["roles"] == [
        {"code": "FRDELI", "country": "FRD", "sector": "ELI", "start": "1930-01-01", "end": "1933-01-02"},
        {"code": "FRDGOV", "country": "FRD", "sector": "GOV", "start": "1933-01-01"},
    ]
    out = tmp_path / "sample.yaml"
    export_yaml(result, str(out))
    knowledge = load_knowledge([str(out)], builtin=False)
    assert resolve_text("Rufus T Firefly", knowledge, "1935").code == "FRDGOV"
    assert resolve_text("Firefly", knowledge, "1931").code == "FRDELI"
    assert resolve_text("Freedonian", knowledge).code == "FRD"
    assert resolve_text("Sylvanian troops", knowledge).code == "SYLMIL"
    acme = resolve_text("Acme Corporation", knowledge)
    assert (acme.country, acme.sector) == ("USA", "BUS")


def test_sample_agents(tmp_path):
    path = tmp_path / "sample.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    result = import_phoenix(str(path))
    assert result.problems == []
    assert result.entries == {"agents": {
        "~COP": ["policeman", "policemen", "policewoman"],  # a set's members get no plurals
        "~GOV": ["foreign minister", "foreign ministers"],
        "~GOVMIL": ["chief vizier", "viziers"],  # {VIZIERS}: the plural given
    }}
    out = tmp_path / "agents.yaml"
    export_yaml(result, str(out))
    knowledge = load_knowledge([str(out)])
    assert resolve_text("the Iranian foreign ministers", knowledge).code == "IRNGOV"
    assert resolve_text("the Iranian chief vizier", knowledge).code == "IRNGOVMIL"


def test_agents_compose_petrarch_codes(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text("FOREIGN_MINISTER [~GOVFRM]\nRELIEF_AGENCY [NGO~]\nDIPLOMAT [~GOV]\nSPOKESMAN [~GOV]\n", encoding="utf-8")
    knowledge = load_knowledge([str(path)])
    assert knowledge.problems == ()
    assert resolve_text("Iran's foreign minister", knowledge, "2020").code == "IRNGOVFRM"
    assert resolve_text("a relief agency Iranian diplomat", knowledge, "2020").code == "NGOIRNGOV"
    # a former holder is an elite, whatever the agents say
    assert resolve_text("the former Iranian foreign minister", knowledge, "2020").code == "IRNELI"
    # a user's file is read last, so its agent takes "spokesman" over from sectors.yaml and composes
    assert resolve_text("UN spokesman", knowledge, "2020").code == "IGOUNOGOV"
    assert resolve_text("UN spokesman", load_knowledge(), "2020").code == "IGOUNO"


def test_text_dictionaries_are_read_as_they_are(tmp_path):
    """A PETRARCH actors file given to load_knowledge is told from its content, not its name,
    and each line it cannot read is a problem naming the file and line."""
    path = tmp_path / "mine.dict"
    path.write_text("<!-- my actors -->\nOKAFORIA_ [OKF]\n+OKAFORIAN\nBAD_DATE_\n\t[OKFGOV 991301-000101]\n+\nFOOLAND [okfgov]\n", encoding="utf-8")
    knowledge = load_knowledge([str(path)], builtin=False)
    assert resolve_text("Okaforian", knowledge).code == "OKF"
    assert resolve_text("Fooland", knowledge).code == "OKFGOV"
    assert knowledge.problems == (
        f"{path}:5: date '991301' has no such month or day: [OKFGOV 991301-000101]",
        f"{path}:6: synonym with no name: +",
    )


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="../shared/reference/phoenix is absent")
@pytest.mark.parametrize("name", ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                  "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"])
def test_real_files_import_with_few_problems(name):
    result = import_phoenix(str(PHOENIX / name))
    total = sum(result.counts().values())
    assert total > 0 and len(result.problems) < 0.05 * total + 20


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="../shared/reference/phoenix is absent")
def test_ahmadinejad_in_and_out_of_office(tmp_path):
    result = import_phoenix(str(PHOENIX / "Phoenix.Countries.actors.txt"))
    iran = {"people": [p for p in result.entries["people"] if p.get("country") == "IRN"]}
    out = tmp_path / "iran.yaml"
    export_yaml(type(result)(iran, []), str(out))
    knowledge = load_knowledge([str(out)], builtin=False)
    assert resolve_text("Mahmoud Ahmadinejad", knowledge, "2010-05-01").code == "IRNGOV"
    assert resolve_text("President Ahmadinejad", knowledge, "2005-08-03").code == "IRNGOV"
    assert resolve_text("Ahmadinejad", knowledge, "2015-01-01").code != "IRNGOV"
    assert resolve_text("Ahmadinejad", knowledge, "2005-08-02").code != "IRNGOV"


def _agents(tmp_path, text):
    path = tmp_path / "agents.txt"
    path.write_text(text, encoding="utf-8")
    return import_phoenix(str(path))


def test_substitution_sets_that_name_each_other_are_a_problem_not_a_hang(tmp_path):
    result = _agents(tmp_path, "!A! = X, !B!\n!B! = Y, !A!\nFOREIGN_!A! [~GOV]\nENVOY [~GOV]\n")
    assert [(line, reason) for line, _, reason in result.problems] == [(3, "substitution set !A! contains itself")]
    assert result.entries["agents"] == {"~GOV": ["envoy", "envoys"]}


def test_nested_substitution_sets_expand(tmp_path):
    result = _agents(tmp_path, "!RANK! = ENVOY, !TOP!\n!TOP! = MINISTER, CHIEF\nFOREIGN_!RANK! [~GOV]\n")
    assert result.problems == []
    assert result.entries["agents"]["~GOV"] == ["foreign chief", "foreign envoy", "foreign minister"]


def test_a_line_that_would_expand_to_millions_of_forms_is_refused(tmp_path):
    sets = "".join(f"!S{i}! = A{i}, B{i}, C{i}\n" for i in range(14))  # 3**14 forms
    word = "_".join(f"!S{i}!" for i in range(14))
    result = _agents(tmp_path, sets + f"{word} [~GOV]\n")
    assert [reason for _, _, reason in result.problems] == ["expands to more than 10,000 forms"]


def test_an_unknown_set_is_named(tmp_path):
    result = _agents(tmp_path, "FOREIGN_!NOPE! [~GOV]\n")
    assert [reason for _, _, reason in result.problems] == ["unknown substitution set !NOPE!"]
