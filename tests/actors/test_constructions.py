"""Actor constructions of news reports, through the mention reader (what the coder sees)."""

from __future__ import annotations

import pytest

from dragoman.actors import load_knowledge, resolve_text
from dragoman.actors.knowledge import dictionary_format
from dragoman.mentions import MentionMemory, MentionReader


def mentions(nlp, knowledge, text, date="2005-03-01"):
    """Every mention of a text, sentence by sentence, as (phrase head text, sentence) -> actor."""
    doc = nlp(text)
    reader, memory = MentionReader(knowledge), MentionMemory()
    found = {}
    for index, sent in enumerate(doc.sents):
        table = reader.read_sentence(memory, sent, index, date)
        for i, actor in table.actors.items():
            found[(doc[i].text, index)] = actor
    return found


def code(found, word, sentence):
    actor = found[(word, sentence)]
    return None if actor is None else actor.code


# ---------------------------------------------------------------- a person named again


def test_mr_surname_of_a_person_no_dictionary_knows(nlp, knowledge):
    found = mentions(nlp, knowledge, "Nigeria's foreign minister, Chidi Okafor, arrived in Accra. "
                                     "Mr Okafor criticised Togo. Okafor later praised Benin.")
    assert code(found, "Okafor", 0) == "NGAGOV" and found[("Okafor", 0)].name == "Chidi Okafor"
    assert (code(found, "Okafor", 1), found[("Okafor", 1)].basis) == ("NGAGOV", "earlier")
    assert code(found, "Okafor", 2) == "NGAGOV"


def test_title_and_surname_after_the_name_with_its_title_after_it(nlp, knowledge):
    found = mentions(nlp, knowledge, "Oumar Zanga, Mali's president, flew to Dakar. President Zanga praised Senegal.")
    assert code(found, "Zanga", 0) == "MLIGOV"
    assert code(found, "Zanga", 1) == "MLIGOV"


def test_the_documents_own_person_wins_over_a_dictionary_surname(nlp, knowledge):
    found = mentions(nlp, knowledge, "Norway's envoy, Erik Brown, visited Nairobi. Mr Brown criticised Uganda.")
    assert code(found, "Brown", 1) == "NORGOV"
    # without the full name first, "Mr Brown" in 2005 is the dictionary's Gordon Brown
    found = mentions(nlp, knowledge, "Mr Brown criticised Uganda.")
    assert found[("Brown", 0)].name == "Gordon Brown"


def test_mr_surname_of_a_known_person(nlp, knowledge):
    found = mentions(nlp, knowledge, "Palestinian leader Mahmoud Abbas met Tony Blair. Mr Abbas praised Britain.", "2005-01-15")
    assert (code(found, "Abbas", 1), found[("Abbas", 1)].name) == ("PSEGOV", "Mahmoud Abbas")


def test_a_surname_named_by_nobody_before_stays_unknown(nlp, knowledge):
    found = mentions(nlp, knowledge, "Mr Zanga criticised Togo.")
    assert (code(found, "Zanga", 0), found[("Zanga", 0)].basis) == (None, "unresolved")


# ---------------------------------------------------------------- sector nouns and their country


@pytest.mark.parametrize("text, word, want", [
    ("Activists in Kenya criticised Uganda.", "Activists", "KENOPP"),
    ("Lawmakers in Lima criticised Chile.", "Lawmakers", "PERLEG"),
    ("Troops from Chad attacked the town.", "Troops", "TCDMIL"),
    ("Soldiers in Mali attacked the town.", "Soldiers", None),  # deployed forces: "in" is where, not whose
    ("Malian insurgents attacked the town.", "insurgents", "MLIINS"),
    ("Armenian artillery shelled the town.", "artillery", "ARMMIL"),
])
def test_sector_nouns_take_their_country_from_the_phrase(nlp, knowledge, text, word, want):
    assert code(mentions(nlp, knowledge, text), word, 0) == want


# ---------------------------------------------------------------- bodies and their sectors


@pytest.mark.parametrize("text, want, sector", [
    ("the Knesset", "ISRLEG", "LEG"), ("the Bundestag", "DEULEG", "LEG"), ("the Duma", "RUSLEG", "LEG"),
    ("Kenyan lawmakers", "KENLEG", "LEG"), ("the Russian defence ministry", "RUSMIL", "MIL"),
    ("the Iranian foreign ministry", "IRNGOV", "GOV"), ("a Kenyan party", "KENPTY", "PTY"),
    ("the ruling party", None, "GOV"), ("Gazprom", "RUSBUS", "BUS"), ("Boeing", "USABUS", "BUS"),
])
def test_ministries_parliaments_parties_and_firms(knowledge, text, want, sector):
    actor = resolve_text(text, knowledge, "2005")
    assert (actor.code, actor.sector) == (want, sector)


@pytest.mark.parametrize("date, want", [("2003-06-01", "ISRGOV"), ("2007-06-01", "ISROPP")])
def test_a_party_governs_by_date(knowledge, date, want):
    assert resolve_text("Likud", knowledge, date).code == want


@pytest.mark.parametrize("text, want", [
    ("the Shanghai Cooperation Organisation", "IGOASASCO"), ("the OECD", "IGODEVOECD"),
    ("the European Central Bank", "IGOEUREEC"), ("the Collective Security Treaty Organization", "IGOCASCST"),
    ("the African Monetary Institute", "IGOAFR"), ("the Arab League", "IGOMEAARL"),
])
def test_intergovernmental_bodies_are_igo_not_a_member(knowledge, text, want):
    actor = resolve_text(text, knowledge, "2020")
    assert (actor.code, actor.country) == (want, "IGO")


def test_a_member_city_alone_is_still_its_country(knowledge):
    assert resolve_text("Shanghai", knowledge, "2020").code == "CHN"


# ---------------------------------------------------------------- the press


@pytest.mark.parametrize("text, word", [
    ("A correspondent said the talks had failed.", "correspondent"),
    ("Our reporter said the talks had failed.", "reporter"),
    ("The agency reported that the talks had failed.", "agency"),
    ("State media said the talks had failed.", "media"),
    ("The state broadcaster said the talks had failed.", "broadcaster"),
])
def test_media_words_are_the_press(nlp, knowledge, text, word):
    actor = mentions(nlp, knowledge, text)[(word, 0)]
    assert actor.sector == "MED"


@pytest.mark.parametrize("text, want", [("Reuters", "GBRMED"), ("the BBC", "GBRMED"), ("Iranian state media", "IRNMED"),
                                        ("the BBC's correspondent", "GBRMED")])
def test_outlets_are_the_press(knowledge, text, want):
    actor = resolve_text(text, knowledge, "2020")
    assert (actor.code, actor.sector) == (want, "MED")


def test_the_agency_is_the_body_named_with_that_word_before(nlp, knowledge):
    found = mentions(nlp, knowledge, "The International Atomic Energy Agency inspected the site. The agency criticised Iran.")
    assert code(found, "agency", 1) == "IGOUNOIAE"


# ---------------------------------------------------------------- names inside longer names


@pytest.mark.parametrize("text, want", [
    ("Laura Bush", None),  # not George W. Bush, whose alias "Bush" she shares
    ("George Bush", "USAGOV"),
    ("Taha Hussein", None),  # not the one Hussein Phoenix names by that word alone
    ("Mahmoud Ahmadinezhad", "IRNGOV"),  # his own first name before a spelling of his surname
    ("Mr Blair", "GBRGOV"),
])
def test_a_one_word_name_after_an_unknown_capitalised_word(knowledge, text, want):
    assert resolve_text(text, knowledge, "2006").code == want


def test_fuzzy_full_names_agree_in_their_surname(knowledge):
    assert resolve_text("Ibrahim Sangare", knowledge, "2007").code is None
    assert resolve_text("Abbas Arakchee", knowledge, "2025").name == "Abbas Araghchi"


# ---------------------------------------------------------------- dictionaries as they are


@pytest.mark.parametrize("text, kind", [
    ("# a comment\npeople:\n  - name: X\n", "yaml"), ("", "yaml"), ("# only comments\n", "yaml"),
    ('# header\n{"people": [{"name": "X", "country": "IRN"}]}\n', "jsonl"),
    ("<!-- PETRARCH -->\nARNOR_ [ARN]\n", "petrarch"), ("FOREIGN_MINISTER [~GOVFRM]\n", "petrarch"),
    ("UNOG:_NGO_DATABASE_ [NGO]\n", "petrarch"), ("+SYNONYM\n", "petrarch"),
])
def test_a_dictionary_is_told_by_its_content(text, kind):
    assert dictionary_format(text) == kind


def test_yaml_agents_compose_and_may_need_an_owner(tmp_path):
    path = tmp_path / "agents.yaml"
    path.write_text("agents:\n  '~GOVFRM': [foreign envoy]\n  '~CVL': {words: [hamlet], alone: false}\n", encoding="utf-8")
    knowledge = load_knowledge([str(path), _ruritania(tmp_path)], builtin=False)
    assert resolve_text("Ruritania's foreign envoy", knowledge).code == "RURGOVFRM"
    assert resolve_text("a Ruritanian hamlet", knowledge).code == "RURCVL"
    envoy = resolve_text("the foreign envoy", knowledge)  # alone: a description for coreference to fill
    assert (envoy.code, envoy.sector, envoy.basis) == (None, "GOV", "description")
    assert resolve_text("the hamlet", knowledge) is None  # alone: nobody


def _ruritania(tmp_path):
    path = tmp_path / "ruritania.txt"
    path.write_text("RURITANIA_ [RUR]\n+RURITANIAN\n", encoding="utf-8")
    return str(path)


def test_without_builtin_only_the_given_files_but_the_vocabulary_stays(tmp_path):
    knowledge = load_knowledge([_ruritania(tmp_path)], builtin=False)
    assert resolve_text("Iran", knowledge).basis == "unresolved"
    assert resolve_text("the Ruritanian", knowledge).code == "RUR"
    assert "former" in knowledge.vocab.resolution.former
