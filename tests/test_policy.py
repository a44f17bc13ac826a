"""The CAMEO policy file is validated on load: a value that is no CAMEO root or code is an error
naming the key, never a rule silently switched off."""

from __future__ import annotations

import pytest

from dragoman.errors import KnowledgeError
from dragoman.policy import data_file, load_policy


def test_mutual_cooperation_takes_roots_and_codes():
    policy = load_policy()[0]
    assert {"03", "050", "057"} <= policy.roots.mutual and "05" not in policy.roots.mutual


@pytest.mark.parametrize("bad", ['"5"', '"0571"', '"x5"'])
def test_a_mutual_entry_that_is_no_root_or_code_is_named(tmp_path, bad):
    text = data_file("policy.yaml").read_text(encoding="utf-8")
    start = text.index("  mutual: [")
    end = text.index("]", start) + 1
    path = tmp_path / "policy.yaml"
    path.write_text(text[:start] + f"  mutual: [{bad}]" + text[end:], encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"roots\.mutual"):
        load_policy(path)


def test_unplaced_sectors_are_organised_bodies_not_people_at_large():
    policy = load_policy()[0]
    assert {"COP", "MIL", "REB"} <= policy.unplaced_sectors and "CVL" not in policy.unplaced_sectors


@pytest.mark.parametrize("key", ["domestic_sectors", "stateless_sectors", "unplaced_sectors"])
def test_a_sector_list_entry_that_is_no_sector_code_is_named(tmp_path, key):
    text = data_file("policy.yaml").read_text(encoding="utf-8")
    start = text.index(f"\n{key}: [") + 1
    end = text.index("]", start) + 1
    path = tmp_path / "policy.yaml"
    path.write_text(text[:start] + f"{key}: [COP, police]" + text[end:], encoding="utf-8")
    with pytest.raises(KnowledgeError, match=key):
        load_policy(path)
