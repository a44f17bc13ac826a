"""The name a state is shown by: an explicit `name` (a user's over the built-in), else the
first name in dragoman's own states.yaml, never a Phoenix alias (a city, an old republic);
the dated codes of Phoenix's lines still hold."""

from __future__ import annotations

import dragoman
from dragoman.config import Settings


def _names(nlp, text: str) -> list[tuple[str | None, str | None]]:
    result = nlp(text)
    return [(e.source.name, e.source.code) for e in result.events]


def test_a_state_is_shown_by_the_projects_name_not_by_a_phoenix_alias(loaded) -> None:
    # Phoenix lists a city and an old republic among a state's names: they never name the state
    assert _names(loaded, "On 5 June 2023 Germany criticised Chile.") == [("Germany", "DEU")]
    assert _names(loaded, "On 5 June 2023 Russia criticised Chile.") == [("Russia", "RUS")]


def test_the_dated_codes_of_the_imported_lines_still_hold(loaded) -> None:
    assert _names(loaded, "On 5 June 1985 Russia criticised Chile.") == [("Russia", "SUNRUS")]


def test_a_file_that_only_adds_names_does_not_rename_the_state(tmp_path) -> None:
    more = tmp_path / "more.yaml"
    more.write_text('states:\n  - code: DEU\n    names: ["Bundesrepublik"]\n', encoding="utf-8")
    nlp = dragoman.load(Settings(actor_files=(str(more),)))
    assert _names(nlp, "On 5 June 2023 the Bundesrepublik criticised Chile.") == [("Germany", "DEU")]


def test_a_users_file_names_the_state(tmp_path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text('states:\n  - code: DEU\n    name: "Federal Republic of Germany"\n    names: ["Germany"]\n', encoding="utf-8")
    nlp = dragoman.load(Settings(actor_files=(str(mine),)))
    assert _names(nlp, "On 5 June 2023 Germany criticised Chile.") == [("Federal Republic of Germany", "DEU")]
