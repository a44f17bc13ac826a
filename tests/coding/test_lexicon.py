"""The verb lexicon is validated on load: a typo is an error naming the entry, never a silent no-match."""

from __future__ import annotations

import pytest

from dragoman.coding.lexicon import load_lexicon
from dragoman.errors import KnowledgeError


# the word lists the shared stages read: every lexicon must have them
LISTS = "word_lists:\n  military: [bomb]\n  threat_cues: [regret]\n"


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
        ("verbs:\n  call: [{code: '111', valence: negtive}]\n", "valence must be one of"),
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
        _lexicon(tmp_path, "verbs:\n  warn: [{code: '130'}]\n", lists="word_lists:\n  military: [y]\n")


def test_a_valence_is_a_condition_of_its_pattern(tmp_path):
    lexicon = _lexicon(tmp_path, "verbs:\n  brand: [{code: '111', valence: negative, target: [evaluated]}]\n")
    (pattern,) = lexicon.own_verbs["brand"]
    assert (pattern.valence, pattern.target, pattern.conditioned) == ("negative", ("evaluated",), True)


def test_targetless_roots_exempt_protests_from_the_needs_target_default(tmp_path):
    body = "needs_target: true\ntargetless_roots: ['14']\nverbs:\n  march: [{code: '140'}]\n  shell: [{code: '190'}]\n  picket: [{code: '141', needs_target: true}]\n"
    lexicon = _lexicon(tmp_path, body)
    (march,), (shell,), (picket,) = lexicon.own_verbs["march"], lexicon.own_verbs["shell"], lexicon.own_verbs["picket"]
    assert (march.needs_target, march.intransitive) == (False, True)
    assert (shell.needs_target, shell.intransitive) == (True, False)
    assert (picket.needs_target, picket.intransitive) == (True, False)  # a pattern that says wins


def test_the_imported_dictionary_exempts_protests():
    (march,) = [p for p in load_lexicon().verbs["march"] if p.origin.startswith("cameo_verbs.yaml") and p.code == "140"][:1]
    assert not march.needs_target and march.intransitive


@pytest.mark.parametrize("value", ["14", "['x4']", "[14]"])
def test_targetless_roots_that_are_no_roots_are_named(tmp_path, value):
    with pytest.raises(KnowledgeError, match="targetless_roots"):
        _lexicon(tmp_path, f"needs_target: true\ntargetless_roots: {value}\nverbs:\n  march: [{{code: '140'}}]\n")
