"""The CAMEO codebook in news words (codebook_sentences.yaml beside this file): for each
CAMEO code, short active sentences with the common verbs or verb + object phrases a report
uses for it, each coded to its one event.

A sentence passes when its acts are the expected event (source and target countries, the
code or a child of it, or only its root where the file says `level: root`), and nothing else
but, at most, the same event back from the target (meetings and agreements are coded both
ways). Actors are compared by country (the first three letters of their codes): this tests
which words carry which action, not how an actor is named. Sentences the coder misses today
are listed under `xfail` with the reason and run as strict xfails: a fix shows as XPASS.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).with_name("codebook_sentences.yaml")
DATE = "2021-06-15"


def _groups() -> list[dict]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))["codes"]


def _cases() -> list:
    out = []
    for group in _groups():
        xfail = group.get("xfail") or {}
        for i, (source, target, sentence) in enumerate(group["sentences"]):
            marks = [pytest.mark.xfail(strict=True, reason=xfail[sentence])] if sentence in xfail else []
            case = (group["code"], group.get("level", "code"), source, target, sentence)
            out.append(pytest.param(*case, id=f"{group['code']}-{i}", marks=marks))
    return out


def _country(actor) -> str | None:
    return actor.code[:3] if actor is not None and actor.code else None


def _matches(code: str, level: str, got: str) -> bool:
    return got[:2] == code[:2] if level == "root" else got.startswith(code)


def test_the_file_covers_every_root_and_says_where_it_comes_from():
    groups = _groups()
    assert {g["code"][:2] for g in groups} == {f"{r:02d}" for r in range(1, 21)}
    assert "the project's own sentences" in DATA.read_text(encoding="utf-8")[:800]
    for group in groups:
        assert group.get("level", "code") in ("code", "root"), group["code"]
        assert len(group["sentences"]) >= 1, group["code"]
        sentences = {s for _, _, s in group["sentences"]}
        assert set(group.get("xfail") or {}) <= sentences, f"{group['code']}: an xfail names no sentence of its code"


def test_the_codes_exist(knowledge):
    cameo = knowledge.lexicon.cameo
    for group in _groups():
        assert group["code"] in cameo, group["code"]


def wrong(got: Counter, source: str, target: str | list | None, code: str, level: str) -> str | None:
    """What is wrong with the acts `got` ((source, target, code) counts) for a sentence that must give
    `source`'s one event to `target` (or to each of a list of targets), or None when nothing is."""
    left = Counter(got)
    for t in target if isinstance(target, list) else [target]:
        hits = [key for key, n in left.items() if n and key[:2] == (source, t) and _matches(code, level, key[2])]
        if len(hits) != 1 or left[hits[0]] != 1:
            return f"want one {source}>{t} {code} ({level})"
        left[hits[0]] = 0
        left[(t, source, hits[0][2])] = 0  # the same event back: meetings, talks, agreements
    extra = +left
    return f"extra {', '.join(f'{s}>{t} {c}' for s, t, c in sorted(extra, key=str))}" if extra else None


@pytest.mark.parametrize("code, level, source, target, sentence", _cases())
def test_codebook_sentence(code, level, source, target, sentence, code_text):
    acts = code_text(sentence, date=DATE, doc_id="codebook").acts()
    got = Counter((_country(e.source), _country(e.target), e.cameo) for e in acts)
    shown = ", ".join(f"{s}>{t} {c}" for (s, t, c) in sorted(got, key=str)) or "nothing"
    problem = wrong(got, source, target, code, level)
    assert problem is None, f"{sentence}\n  {problem}; got {shown}"
