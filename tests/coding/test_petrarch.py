"""PETRARCH/TABARI verb dictionaries: the reader, the shipped conversion, and coding with them."""

from __future__ import annotations

import pytest

from dragoman.coding.grammar import load_grammar
from dragoman.coding.lexicon import load_lexicon
from dragoman.coding.petrarch import forms, read_petrarch_verbs

GRAMMAR = load_grammar()[0]

DICTIONARY = """\
# a small verb dictionary in PETRARCH's format, written for these tests
&TREATY
+ACCORD
+PACT_
+&DEAL

&DEAL
+BARGAIN

--- SIGN   [---]  ---
SIGN
+INK_UP
- * &TREATY                     [057]   # SIGN
- * {TRADE PROTOCOL}            [085]
- * TREATY (WITH +)             [057:057]
- * RUN-OFF                     [---]
- * (BEFORE COURT)              [:173]
- SOLDIERS *                    [154]
- * CONTRACT (FROM $)            [061]

--- CONDEMN   [111]  ---
CONDEMN
DENOUNCE [112]
~ a (a b ATTACK) SAY = a b 015
- * (WITH +
"""


def _read(text=DICTIONARY):
    return read_petrarch_verbs(text, "test.verbs", GRAMMAR)


def test_blocks_verbs_and_synonym_sets_are_read():
    lexicon, problems = _read()
    sign, condemn = lexicon["blocks"]
    assert [v["verb"] for v in sign["verbs"]] == ["sign", "ink"] and sign["verbs"][1]["particle"] == ["up"]
    assert sign["code"] == "---" and condemn["code"] == "111" and condemn["verbs"][1] == {"verb": "denounce", "code": "112"}
    assert sorted(lexicon["word_lists"]["TREATY"]) == ["accord", "accords", "bargain", "bargains", "pact"]
    assert [(line, reason) for line, _, reason in problems] == [
        (24, "the verb SAY is in no verb block"),  # a transformation names verbs the file defines
        (25, "a pattern line must end with its [code]"),
    ]


def test_patterns_map_onto_the_parse():
    lexicon, _ = _read()
    patterns = lexicon["blocks"][0]["patterns"]

    def one(**wanted):
        (found,) = [p for p in patterns if all(p.get(k) == v for k, v in wanted.items())]
        return found

    assert one(code="085")["obj"] == ["protocol", "protocols"] and one(code="085")["obj_mods"] == [["trade", "trades"]]
    assert one(code="057", obj="@TREATY") == {"code": "057", "obj": "@TREATY"}
    treaty = one(code="057", reverse_code="057")
    assert treaty["obj"] == ["treaty", "treaties"] and treaty["preps"] == [{"prep": "with"}]
    assert treaty["target"] == ["prep:with", "obj.prep:with"]
    assert one(code="154")["pre"] == [["soldiers", "soldier"]]
    assert one(code="061")["source"] == ["prep:from", "obj.prep:from"]
    assert one(reverse_only=True) == {"code": "---", "reverse_code": "173", "reverse_only": True, "preps": [{"prep": "before", "words": ["court", "courts"]}]}


def test_most_specific_patterns_come_first():
    lexicon, _ = _read()
    codes = [p["code"] for p in lexicon["blocks"][0]["patterns"]]
    assert codes.index("057") < codes.index("---")  # TREATY (WITH +) before the bare RUN-OFF


@pytest.mark.parametrize(
    "word,expected",
    [("TROOP", ["troop", "troops"]), ("SANCTIONS", ["sanctions", "sanction"]), ("ENTITY", ["entity", "entities"]),
     ("CASH_", ["cash"]), ("AIR_STRIKE", ["air strike"]), ("BUS", ["bus", "buses"])],
)  # fmt: skip
def test_dictionary_words_keep_their_singular_and_plural(word, expected):
    assert forms(word) == expected


def test_a_user_file_in_petrarch_format_is_a_lexicon_layer(tmp_path):
    path = tmp_path / "mine.verbs"
    path.write_text(DICTIONARY, encoding="utf-8")
    lexicon = load_lexicon(verb_files=(str(path),), builtin=False)
    # most specific first: object and preposition, then object and modifier or preposition and noun, ...
    assert [p.code for p in lexicon.verbs["sign"]] == ["057", "061", "085", "---", "057", "---", "154"]
    assert [p.code for p in lexicon.verbs["condemn"]] == ["111"] and [p.code for p in lexicon.verbs["denounce"]] == ["112"]
    assert lexicon.verbs["ink"][0].particle == ("up",)
    assert [p for p in lexicon.problems if "SAY" in p] == [f"{path}:24: the verb SAY is in no verb block: ~ a (a b ATTACK) SAY = a b 015"]


def test_the_shipped_conversion_is_what_the_script_makes(shared_file):
    import importlib.util
    from pathlib import Path

    source = shared_file("reference", "petrarch2", "CAMEO.2.0.txt")
    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("convert_petrarch", root / "tools" / "convert_petrarch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text, problems = module.convert(source)
    shipped = (root / "src" / "dragoman" / "data" / "petrarch" / "cameo_verbs.yaml").read_text(encoding="utf-8")
    assert text == shipped, "run python tools/convert_petrarch.py and commit its output"
    assert "Copyright (c) 2015 Open Event Data Alliance" in shipped and problems == 14


MONEY = """\
# a synonym set whose members have two words, written for this test
&MONEY
+SWISS FRANCS
+GOLD BARS
+DOLLARS

--- REMIT   [070]  ---
REMIT
- * &MONEY                      [071]
"""


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("On 4 June 2023, Kenya will remit two million swiss francs to Chad.", "071"),  # a two-word member, word by word
        ("On 4 June 2023, Kenya remitted gold bars to Chad.", "071"),
        ("On 4 June 2023, Kenya remitted dollars to Chad.", "071"),  # a one-word member, as before
        ("On 4 June 2023, Kenya remitted the swiss offer to Chad.", "070"),  # half a phrase is not the phrase
    ],
)
def test_a_synonym_sets_phrase_is_found_in_the_objects_phrase(tmp_path, sentence, code):
    import dragoman
    from dragoman.config import Settings

    path = tmp_path / "money.verbs"
    path.write_text(MONEY, encoding="utf-8")
    nlp = dragoman.load(Settings(verb_files=(str(path),)))
    assert [(e.source.code, e.cameo, e.target and e.target.code) for e in nlp(sentence).events] == [("KEN", code, "TCD")]


GRAMMAR_DICTIONARY = """\
# verbs in PETRARCH's format, written for these tests of how patterns meet the grammar
--- POSTPONE   [014]  ---
POSTPONE
- % HAVE *                      [191]

--- GREET   [042]  ---
GREET

--- SUPPLY   [070]  ---
SUPPLY

--- REPORT   [020]  ---
REPORT

--- SIGN   [---]  ---
SIGN
- * ACCORD                      [081]

--- RESTORE   [050]  ---
RESTORE

--- PRAISE   [051]  ---
PRAISE

--- EXCLUDE   [1721]  ---
EXCLUDE
+CORDON_OFF

--- CELEBRATE   [051]  ---
CELEBRATE
- * HOLIDAY IN ^ +              [046]
"""
GRAMMAR_ACTORS = """# actors in PETRARCH's format, written for these tests
KENYA [KEN]
UGANDA [UGA]
+UGANDAN
TANZANIA [TZA]
"""


@pytest.fixture(scope="module")
def grammar_coder(tmp_path_factory):
    """These dictionaries alone (--no-builtin), as a user moving from PETRARCH codes with them."""
    import dragoman
    from dragoman.config import Settings

    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "grammar.verbs").write_text(GRAMMAR_DICTIONARY, encoding="utf-8")
    (folder / "grammar.actors").write_text(GRAMMAR_ACTORS, encoding="utf-8")
    settings = Settings(verb_files=(str(folder / "grammar.verbs"),), actor_files=(str(folder / "grammar.actors"),), builtin=False)
    return dragoman.load(settings)


def _coded(result):
    return sorted((e.source.code, e.cameo, e.target and e.target.code, e.modality) for e in result.events)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "%" before the verb: the parties of a compound subject, each with the other
        ("Kenya and Uganda have postponed their summit.", [("KEN", "191", "UGA", "asserted"), ("UGA", "191", "KEN", "asserted")]),
        # one party is not the compound pattern's sentence: the verb's own code
        ("Kenya has postponed the summit.", [("KEN", "014", None, "asserted")]),
    ],
)
def test_a_compound_pattern_codes_the_parties_with_each_other(grammar_coder, sentence, expected):
    assert _coded(grammar_coder(sentence)) == expected


def test_an_object_names_its_owner_before_a_later_phrase(grammar_coder):
    # the elders' country is the target, not the country of the tour
    assert _coded(grammar_coder("Kenya greeted Ugandan elders during a tour of Tanzania.")) == [("KEN", "042", "UGA", "asserted")]


def test_a_verb_that_reports_a_text_is_never_a_request(grammar_coder):
    # a dictionary codes "report" as an appeal (02); what the agency reported is still the act
    got = _coded(grammar_coder("Kenya will supply Tanzania with maize, the agency reported."))
    assert got == [("KEN", "070", "TZA", "planned")]


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Kenya celebrated the holiday in Tanzania with the leaders of Uganda.", "UGA"),  # "^" skips the place
        ("Kenya celebrated the holiday in Tanzania.", "TZA"),  # nothing after it: the place it is
    ],
)
def test_a_skipped_phrase_gives_way_to_the_name_after_it(grammar_coder, sentence, target):
    assert _coded(grammar_coder(sentence)) == [("KEN", "046", target, "asserted")]


def test_a_verb_phrase_names_its_target_in_an_infinitive_of_purpose(grammar_coder):
    # nothing after "accord" names the other party but the supply it is for
    got = _coded(grammar_coder("Kenya signed an accord on Monday to supply Uganda with maize."))
    assert ("KEN", "081", "UGA", "asserted") in got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # cooperation with no one else named is the parties' with each other (policy roots.mutual)
        ("Kenya and Uganda restored ties on Monday.", [("KEN", "050", "UGA", "asserted"), ("UGA", "050", "KEN", "asserted")]),
        # praise of a thing is not praise of each other
        ("Kenya and Uganda praised the accord.", [("KEN", "051", None, "asserted"), ("UGA", "051", None, "asserted")]),
    ],
)
def test_a_compound_subjects_cooperation_is_mutual_its_praise_is_not(grammar_coder, sentence, expected):
    assert _coded(grammar_coder(sentence)) == expected


def test_a_verb_the_model_lemmatises_wrongly_is_found_by_its_regular_ending(grammar_coder):
    # the model's lemma of "cordoned" is "cordone": the dictionary's CORDON is found all the same
    got = _coded(grammar_coder("Kenya cordoned off the roads leading into Uganda."))
    assert got == [("KEN", "1721", "UGA", "asserted")]


@pytest.mark.parametrize(
    ("form", "base"),
    [("cordoned", "cordon"), ("tried", "try"), ("shelling", "shell"), ("bans", "ban"), ("voted", "vote"), ("stopped", "stop"), ("closes", "close"), ("watches", "watch")],
)
def test_a_regular_forms_bases_include_its_verb(form, base):
    from dragoman.coding.syntax import regular_bases

    assert base in regular_bases(form)
