"""data/record.yaml: every key required, its states, statuses, stances and roots checked on load."""

from __future__ import annotations

import pytest

from dragoman.errors import KnowledgeError
from dragoman.record.words import load_record_words, record_words_path


def test_the_packaged_words_load_and_are_part_of_the_knowledge(knowledge):
    words, raw = load_record_words()
    assert knowledge.record == words
    assert raw == record_words_path().read_bytes()
    assert words.talks.status_of("refuse") == "refused" and words.positions.stance_of("accept") == "accepts"
    assert list(words.items.topics)[:2] == ["enrichment", "nuclear programme"]  # the order decides


def _write(tmp_path, text: str):
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("  reply_kinds: [reply]\n", "", "communications: reply_kinds: missing (a required key)"),
        ("    receive: received\n", "    receive: got_it\n", "communications.lifecycle: 'got_it' is no state of a communication"),
        ("    refused: [reject,", "    spurned: [reject,", "talks.statuses: 'spurned' is no status"),
        ("    rejects: [reject,", "    loathes: [reject,", "positions.stances: 'loathes' is no stance"),
        ('  demand_roots: ["10"]', '  demand_roots: ["100"]', "items.demand_roots: '100' is not a CAMEO root"),
        ("    armed groups: [REB, INS, UAF]", "    militias: [REB]", "items.topic_sectors: 'militias' is no topic"),
        ("  outcome_reach: 1", "  outcome_reach: -1", "deadlines.outcome_reach: must be 0 or more"),
    ],
)
def test_a_broken_file_is_an_error_naming_the_key(tmp_path, old, new, message):
    text = record_words_path().read_text(encoding="utf-8")
    assert old in text
    path = _write(tmp_path, text.replace(old, new))
    with pytest.raises(KnowledgeError) as info:
        load_record_words(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


def test_an_unknown_key_is_an_error(tmp_path):
    path = _write(tmp_path, record_words_path().read_text(encoding="utf-8") + "\nextra: [x]\n")
    with pytest.raises(KnowledgeError, match=r"unknown key\(s\) \['extra'\]"):
        load_record_words(path)
