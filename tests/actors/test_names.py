"""Names as the text writes them: hyphenated and particled names no dictionary knows, titled leaders
named by nationality, display names of dictionaries written in capitals, and armed groups that
nothing places (issue 17's actor misses)."""

from __future__ import annotations

import pytest

from dragoman.actors import resolve_text
from dragoman.actors.phoenix import parse_phoenix
from dragoman.mentions import MentionMemory, MentionReader, noun_phrase


def read(nlp, knowledge, text, date="2024-05-01"):
    """(the reader's table of each sentence, the parsed doc)."""
    doc = nlp(text)
    reader, memory = MentionReader(knowledge), MentionMemory()
    return [reader.read_sentence(memory, sent, i, date) for i, sent in enumerate(doc.sents)], doc


def actor_at(tables, doc, word, sentence=0):
    token = next(t for t in list(doc.sents)[sentence] if t.text == word)
    return tables[sentence].actors.get(token.i)


# ---------------------------------------------------------------- unknown names, as written


@pytest.mark.parametrize("text,name,code", [
    ("Kazakh President Nur-Ali Abenov", "Nur-Ali Abenov", "KAZGOV"),
    ("Peruvian President Ana Quispe-Torres", "Ana Quispe-Torres", "PERGOV"),
    ("Egyptian Ambassador Karim al-Masri", "Karim al-Masri", "EGYGOV"),
    ("Dutch Defence Minister Ilse van der Berg", "Ilse van der Berg", "NLDGOV"),
    ("Bolivian opposition leader Luis de Aranda", "Luis de Aranda", "BOLOPP"),
    ("Chadian army chief Omar bin Rashid", "Omar bin Rashid", "TCDMIL"),
])
def test_a_titled_unknown_name_keeps_its_hyphens_and_particles(knowledge, text, name, code):
    found = resolve_text(text, knowledge, "2024-05-01")
    assert (found.code, found.name, found.basis) == (code, name, "title")


@pytest.mark.parametrize("text,head,phrase", [
    ("Kazakh President Nur-Ali Abenov condemned Bishkek.", "Abenov", "Kazakh President Nur-Ali Abenov"),
    ("Chile praised Nigerian rebel leader Marta Ruiz-Delgado.", "Delgado", "Nigerian rebel leader Marta Ruiz-Delgado"),
    ("Chile was condemned by Kenyan police chief Nur-Ali Abenov.", "Abenov", "Kenyan police chief Nur-Ali Abenov"),
    ("Lima - the capital - was quiet.", "Lima", "Lima"),  # a dash between spaces joins nothing
])
def test_the_noun_phrase_runs_across_a_hyphen_the_parser_split(nlp, text, head, phrase):
    doc = nlp(text)
    token = next(t for t in doc if t.text == head)
    assert noun_phrase(token).text == phrase


def test_a_hyphenated_leader_through_the_mention_reader(nlp, knowledge):
    tables, doc = read(nlp, knowledge, "Kazakh President Nur-Ali Abenov condemned Bishkek over the dam. "
                                        "Quispe-Torres met him. Peruvian President Ana Quispe-Torres arrived. "
                                        "Quispe-Torres criticized Chile.")
    abenov = actor_at(tables, doc, "Abenov")
    assert (abenov.code, abenov.name, abenov.text) == ("KAZGOV", "Nur-Ali Abenov", "Kazakh President Nur-Ali Abenov")
    # a hyphenated surname is one name: "Quispe-Torres" alone is the person named in full before,
    # and nobody before she is
    assert actor_at(tables, doc, "Torres", 1).code is None
    later = actor_at(tables, doc, "Torres", 3)
    assert (later.code, later.name, later.basis) == ("PERGOV", "Ana Quispe-Torres", "earlier")


def test_the_title_after_a_hyphenated_name(nlp, knowledge):
    tables, doc = read(nlp, knowledge, "Ana Quispe-Torres, Peru's president, criticized Chile.")
    found = actor_at(tables, doc, "Torres")
    assert (found.code, found.name, found.text) == ("PERGOV", "Ana Quispe-Torres", "Ana Quispe-Torres")


def test_a_hyphen_joins_the_words_of_a_name_only(nlp, knowledge):
    """ "runner-up", "two-time", "Frankfurt-based" are no names: a hyphen joins the phrase back only
    between capitalised words (or a particle and one). Joined, "two-time London Marathon runner-up
    Susan Chepkemei" would be London's (GBRGOV)."""
    tables, doc = read(nlp, knowledge, "Kenya banned two-time London Marathon runner-up Susan Chepkemei.", "2005-01-01")
    assert actor_at(tables, doc, "Chepkemei").code is None
    token = next(t for t in doc if t.text == "Chepkemei")
    assert "runner" not in noun_phrase(token, knowledge.vocab.resolution.name_particles).text
    token = next(t for t in nlp("Chile praised Egyptian Ambassador Karim al-Masri.") if t.text == "Masri")
    assert noun_phrase(token, knowledge.vocab.resolution.name_particles).text == "Egyptian Ambassador Karim al-Masri"


# ---------------------------------------------------------------- armed groups nothing places


@pytest.mark.parametrize("word,code", [
    ("Militants", "---REB"), ("Gunmen", "---REB"), ("Insurgents", "---INS"), ("Fighters", "---REB"),
    ("Jihadists", "---REB"), ("Separatists", "---SEP"), ("Armed men", "---REB"), ("Rebels", "---REB"),
])
def test_an_armed_group_at_the_head_of_a_sentence_is_its_sector_unplaced(nlp, knowledge, word, code):
    """Capitalised at the head of a sentence, the tagger may take the word for a name (NNP): it is
    still the sector word, and nothing gives its country."""
    tables, doc = read(nlp, knowledge, f"{word} ambushed a convoy overnight.")
    head = next(t for t in doc if t.dep_ == "nsubj")
    found = tables[0].unplaced(head, frozenset({"REB", "INS", "SEP"}))
    assert found is not None and found.code == code


def test_police_officers_are_police(knowledge):
    for text in ("police officers", "policemen"):
        assert resolve_text(text, knowledge).sector == "COP"


def test_a_capitalised_sector_word_inside_a_sentence_is_a_name_not_the_sector(nlp, knowledge):
    tables, doc = read(nlp, knowledge, "The detainees appealed after the Court of Appeal backed the Home Office.")
    court = next(t for t in doc if t.text == "Court")
    assert tables[0].unplaced(court, frozenset({"JUD"})) is None


# ---------------------------------------------------------------- display names of capitals-only dictionaries

CAPITALS = """\
THE_US_SECRETARY_OF_STATE_
+AMERICAN_SECRETARY_OF_STATE_
\t[USAGOV]
US_ [USA]
MINISTRY_OF_DEFENCE_OF_ARNOR_ [ARNMIL]
US_AMBASSADOR_TO_THE_UN_ [USAGOV]
WORLD_FEDERATION_OF_WOMEN'S_CLUBS_ [NGO]
NATO_ [IGOWSTNAT]
YI_SONG_UN_
\t[PRKGOV 010101-050101]
"""


def test_a_name_written_in_capitals_is_shown_as_prose():
    entries = parse_phoenix(CAPITALS).entries
    names = [e["name"] for e in entries["organisations"]]
    assert names == ["The US Secretary of State", "Ministry of Defence of Arnor", "US Ambassador to the UN",
                     "World Federation of Women's Clubs", "Nato"]
    # alone, a word of four letters and two vowels is guessed a word, as before: written "NATO", the
    # name would match only text in capitals, and British papers write "Nato"
    # a person's name has no acronyms: "Un" is a syllable of it
    assert [e["name"] for e in entries["people"]] == ["Yi Song Un"]


def test_the_built_in_us_secretary_of_state(code_text):
    (event,) = code_text("The US Secretary of State criticized Iran.", date="2024-05-01").acts()
    assert (event.source.code, event.source.name, event.source.text) == ("USAGOV", "The US Secretary of State",
                                                                          "The US Secretary of State")
