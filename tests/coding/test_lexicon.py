"""The verb lexicon is validated on load: a typo is an error naming the entry, never a silent no-match."""

from __future__ import annotations

import pytest

from dragoman.coding.lexicon import load_lexicon
from dragoman.errors import KnowledgeError


# the word lists the shared stages read: every lexicon must have them
LISTS = "word_lists:\n  negative: [bully]\n  military: [bomb]\n  threat_cues: [regret]\n"


def _lexicon(tmp_path, body: str, lists: str = LISTS):
    path = tmp_path / "verbs.yaml"
    path.write_text(lists + body, encoding="utf-8")
    return load_lexicon(path)


def test_the_shipped_lexicon_loads_and_every_code_exists():
    lexicon = load_lexicon()
    assert lexicon.verbs and len(lexicon.fingerprint) == 16 and lexicon.problems == ()
    for patterns in list(lexicon.verbs.values()) + list(lexicon.adjectives.values()):
        for p in patterns:
            assert p.silent or p.code in lexicon.cameo, p.origin
            assert p.reverse_code is None or p.reverse_code in lexicon.cameo, p.origin


def test_our_own_patterns_come_before_the_imported_ones():
    lexicon = load_lexicon()
    origins = [p.origin.split(":")[0] for p in lexicon.verbs["meet"]]
    first_imported = origins.index("cameo_verbs.yaml")
    assert first_imported == len(lexicon.own_verbs["meet"]) >= 1
    assert all(o == "verbs.yaml" for o in origins[:first_imported]) and all(o == "cameo_verbs.yaml" for o in origins[first_imported:])
    assert load_lexicon(builtin=False).verbs == {}


@pytest.mark.parametrize(
    "body,needle",
    [
        ("verbs:\n  threaten: [{code: '999'}]\n", "does not exist"),
        ("verbs:\n  threaten: [{code: '130', traget: [dobj]}]\n", "unknown key"),
        ("verbs:\n  threaten: [{code: '130', target: [dobject]}]\n", "unknown target path"),
        ("verbs:\n  call: [{code: '020', prep: on}]\n", "quote it"),
        ("verbs:\n  warn: [{code: '130', words: ['@militray']}]\n", "unknown word list"),
        ("verbs:\n  warn: [{code: '130'}]\n  warn: [{code: '138'}]\n", "duplicate key"),
        ("verbs:\n  warn: [{code: '130', kind: thraet}]\n", "unknown kind"),
    ],
)
def test_a_mistake_is_named(tmp_path, body, needle):
    with pytest.raises(KnowledgeError) as err:
        _lexicon(tmp_path, body)
    assert needle in str(err.value) and "verbs.yaml" in str(err.value)


def test_a_good_small_lexicon_loads(tmp_path):
    lexicon = _lexicon(tmp_path, "verbs:\n  warn: [{code: '130', kind: threat}]\n")
    (pattern,) = lexicon.own_verbs["warn"]
    assert (pattern.code, pattern.kind, pattern.origin) == ("130", "threat", "verbs.yaml: verbs.warn[0]")


def test_a_lexicon_without_the_word_lists_the_stages_read_is_refused(tmp_path):
    with pytest.raises(KnowledgeError, match=r"word_lists: missing \['threat_cues'\]"):
        _lexicon(tmp_path, "verbs:\n  warn: [{code: '130'}]\n", lists="word_lists:\n  negative: [x]\n  military: [y]\n")
