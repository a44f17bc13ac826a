"""A user's dictionaries over the built-in layer (issue 17, item 4): where they speak, they alone decide.

A user moving from PETRARCH keeps the built-in layer on for what their dictionaries do not
know, and expects their dictionaries' codes for the words they list.
"""

from __future__ import annotations

import pytest

from dragoman.coding.lexicon import load_lexicon

# verbs and actors in PETRARCH's format, written for these tests
USER_VERBS = """\
--- CRITICIZE   [---]  ---
CRITICIZE
- * POLICY                      [111]

--- WARN   [160]  ---
WARN
"""
USER_ACTORS = """\
KENYA [KEN]
UGANDA [UGA]
+UGANDAN
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("user")
    (folder / "mine.verbs").write_text(USER_VERBS, encoding="utf-8")
    (folder / "mine.actors").write_text(USER_ACTORS, encoding="utf-8")
    return str(folder / "mine.verbs"), str(folder / "mine.actors")


@pytest.fixture(scope="module")
def layered(files):
    """The user's dictionaries with the built-in layer under them."""
    import dragoman
    from dragoman.config import Settings

    verbs, actors = files
    return dragoman.load(Settings(verb_files=(verbs,), actor_files=(actors,)))


def test_a_word_the_user_lists_has_only_the_users_patterns(files):
    lexicon = load_lexicon(verb_files=(files[0],))
    assert {p.origin.split(":")[0] for p in lexicon.verbs["criticize"]} == {"mine.verbs"}
    assert {p.origin.split(":")[0] for p in lexicon.verbs["warn"]} == {"mine.verbs"}
    # nor are the built-in kinds of the word read: the own "warn" is a threat, the user's a 160
    assert "criticize" not in lexicon.own_verbs and "warn" not in lexicon.own_verbs
    # the words the user does not list keep the built-in layer
    assert "condemn" in lexicon.own_verbs and any(p.origin.startswith("cameo_verbs.yaml") for p in lexicon.verbs["condemn"])


def test_the_users_kind_of_verb_is_the_one_the_stages_read(layered):
    assert layered.knowledge.governing.get("warn") is None  # a 160 in the user's scheme, not a threat


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the user's CRITICIZE codes only with its pattern's object: no built-in 111 for the rest
        ("Kenya criticized Uganda.", []),
        ("Kenya criticized Uganda's policy.", [("KEN", "111", "UGA")]),
        ("Kenya condemned Uganda.", [("KEN", "111", "UGA")]),  # a word the user does not list: built in
    ],
)
def test_the_users_verb_decides_where_it_speaks(layered, sentence, expected):
    got = [(e.source.code, e.cameo, e.target and e.target.code) for e in layered(sentence).acts()]
    assert got == expected
