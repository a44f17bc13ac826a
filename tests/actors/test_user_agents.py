"""A user's agents file is the whole vocabulary of kinds of actor: the built-in sector words are
not read beside it (built-in states, bodies and people stay)."""

from __future__ import annotations

import pytest

import dragoman


@pytest.fixture(scope="module")
def with_agents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agents")
    agents = folder / "agents.txt"
    agents.write_text("MINISTER [~GOV]\nSOLDIERS [~MIL]\n", encoding="utf-8")
    return dragoman.load(dragoman.Settings(agent_files=(str(agents),)))


def _sources(nlp, text):
    return [e.source.code for e in nlp(text, date="2024-05-01").acts()]


def test_the_users_agent_words_are_read(with_agents):
    assert _sources(with_agents, "The Kenyan minister criticised Uganda.") == ["KENGOV"]
    assert _sources(with_agents, "Kenyan soldiers attacked Uganda.") == ["KENMIL"]


def test_a_built_in_sector_word_the_user_lacks_is_not_read(with_agents, code_text):
    # "lawmakers" is a built-in LEG word: with the built-in vocabulary alone it is KENLEG ...
    assert [e.source.code for e in code_text("Kenyan lawmakers criticised Uganda.").acts()] == ["KENLEG"]
    # ... beside a user's agents file that does not list it, the phrase names no one
    assert _sources(with_agents, "Kenyan lawmakers criticised Uganda.") == []


def test_built_in_states_stay(with_agents):
    assert _sources(with_agents, "Kenya criticised Uganda.") == ["KEN"]
