"""Pronouns, descriptions and groups over spaCy parses of short texts."""

from __future__ import annotations

import pytest

from dragoman.actors import Coreference, Salience, resolve_span, split_conjuncts, possessor_actor, unresolved_counts
from dragoman.records import Actor

ARGS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative")


def walk(nlp, knowledge, text, date="2025-03"):
    """A miniature coder: observe every argument, resolve pronouns and descriptions."""
    doc = nlp(text)
    memory, coref = Salience(), Coreference(knowledge)
    found = []
    for si, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.dep_ not in ARGS:
                continue
            role = "subj" if tok.dep_.startswith("nsubj") else ("other" if tok.head.lower_ in ("in", "at") else "obj")
            span = doc[tok.left_edge.i : tok.i + 1]
            if tok.pos_ == "PRON":
                actor = coref.resolve_pronoun(memory, tok, si)
            elif span[0].lower_ in ("the", "both") and tok.lower_ in ("sides", "countries"):
                found.append((span.text, si, coref.resolve_group(memory, span, si)))
                continue
            elif span[0].lower_ == "the" and tok.lower_ in ("country", "aide", "minister", "general"):
                actor = coref.resolve_definite(memory, span, si)
            else:
                actor = resolve_span(span, knowledge, date)
            found.append((span.text, si, actor))
            coref.observe(memory, actor, tok, si, role)
    return found


def lookup(found, text, sentence):
    return next(a for t, s, a in found if t == text and s == sentence)


def test_he_after_khamenei_described(nlp, knowledge):
    found = walk(nlp, knowledge, "Later, Khamenei described Trump's threats as bullying tactics. "
                 "He said that he did not consider Trump the right person.")
    assert lookup(found, "He", 1).name == "Ali Khamenei"
    assert lookup(found, "He", 1).basis == "pronoun"


def test_subject_preferred_over_object(nlp, knowledge):
    found = walk(nlp, knowledge, "On March 7, Trump announced that he had written a letter to Ali Khamenei. "
                 "He warned that Iran could face a military threat.")
    assert lookup(found, "he", 0).name == "Donald Trump"
    he = lookup(found, "He", 1)
    assert he.name == "Donald Trump" and he.code == "USAGOV"


def test_it_is_the_state(nlp, knowledge):
    found = walk(nlp, knowledge, "Trump warned that if Iran did not accept this proposal, it could face strikes.")
    assert lookup(found, "it", 0).code == "IRN"


def test_they_after_a_lone_official_is_his_government(nlp, knowledge):
    found = walk(nlp, knowledge, "Iranian Foreign Minister Abbas Araqchi stated that they had not received it.")
    assert lookup(found, "they", 0).code == "IRNGOV"


def test_the_aide_and_the_country(nlp, knowledge):
    found = walk(nlp, knowledge, "Iran answered, according to a Khamenei aide. The aide rejected direct talks. "
                 "President Trump also sanctioned the country.")
    assert lookup(found, "The aide", 1).code == "IRNGOV"
    assert lookup(found, "the country", 2).code == "IRN"


def test_the_two_sides(nlp, knowledge):
    found = walk(nlp, knowledge, "Iran met the United States in Oman. The two sides agreed to meet again.")
    pair = lookup(found, "The two sides", 1)
    assert pair is not None and {a.country for a in pair} == {"IRN", "USA"}


def test_split_conjuncts(nlp, knowledge):
    doc = nlp("Iranian foreign minister Abbas Araghchi and U.S. special envoy Steve Witkoff briefly met in Oman.")
    parts = split_conjuncts(doc[0:11])
    assert [p.text for p in parts] == ["Iranian foreign minister Abbas Araghchi", "U.S. special envoy Steve Witkoff"]
    assert [resolve_span(p, knowledge, "2025-04-12").code for p in parts] == ["IRNGOV", "USAGOV"]
    doc = nlp("Iran and the U.S. began talks on April 12.")
    assert [p.text for p in split_conjuncts(doc[0:4])] == ["Iran", "the U.S."]
    doc = nlp("Tehran warned Washington.")
    assert [p.text for p in split_conjuncts(doc[0:1])] == ["Tehran"]


def test_possessor_actor(nlp, knowledge):
    doc = nlp("Khamenei described Trump's threats as bullying.")
    threats = next(t for t in doc if t.text == "threats")
    assert resolve_span(doc[2:5], knowledge, "2025") is None
    assert possessor_actor(threats, knowledge, "2025").code == "USAGOV"


def test_unresolved_counts():
    def unresolved(text):
        return Actor(text=text, name=text, code=None, basis="unresolved", confidence=0.0)

    actors = [unresolved("Max Zork"), unresolved("Max Zork"), unresolved("Ann Quux"), None,
              Actor(text="Iran", name="Iran", code="IRN", country="IRN")]
    assert unresolved_counts(actors) == [("Max Zork", 2), ("Ann Quux", 1)]


def _seen(sentence: int, token: int, name: str):
    from dragoman.actors.coref import Seen

    actor = Actor(text=name, name=name, code="KEN", country="KEN")
    return Seen(actor, token, sentence, "subj", False, False, True, frozenset({name.lower()}))


def test_what_a_description_looks_back_over_is_the_nearest_first_and_bounded():
    from dragoman.actors.coref import RECALLED, _recent, _window

    memory = Salience(seen=[_seen(i // 3, i % 3, f"n{i}") for i in range(3 * (RECALLED // 3 + 10))])  # three a sentence
    last_sentence = memory.seen[-1].sentence
    # nearest first, nothing at or after the asking token, and no further back than RECALLED mentions
    found = list(_recent(memory, last_sentence, 1))
    assert found[0] is memory.seen[-3] and memory.seen[-2] not in found and memory.seen[-1] not in found
    assert len(found) == RECALLED - 2 and memory.seen[0] not in found
    # a pronoun's window: every mention from that sentence on, in reading order
    assert _window(memory, last_sentence - 1) == memory.seen[-6:]
    assert _window(memory, last_sentence + 1) == []


@pytest.mark.parametrize("cue", ["two", "both"])
@pytest.mark.parametrize(
    ("phrase", "country"),
    [("Belarusian diplomats", "BLR"), ("Peruvian envoys", "PER"), ("Iranian diplomats", "IRN")],
)
def test_two_or_both_with_a_nationality_names_its_own_people_not_the_last_pair(code_text, cue, phrase, country):
    text = f"Kenya and Uganda met on Monday. Lithuania expelled {cue} {phrase} on Tuesday."
    events = [e for e in code_text(text).events if e.sentence_index == 1]
    assert [(e.source.code, e.cameo, e.target.country if e.target else None) for e in events] == [("LTU", "161", country)]


def test_the_two_sides_is_still_the_last_pair(code_text):
    events = [e for e in code_text("Kenya and Uganda met on Monday. The two sides signed a trade deal on Tuesday.").events if e.sentence_index == 1]
    assert sorted((e.source.code, e.target.code if e.target else None) for e in events) == [("KEN", "UGA"), ("UGA", "KEN")]
