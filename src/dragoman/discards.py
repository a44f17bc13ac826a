"""Discard lists: phrases whose presence means a sentence, or a whole story, is not coded.

PETRARCH's discard list (Phoenix.discards.txt, a user's own `--discards FILE`) names
sports bodies, competitions, games and chronology phrases. Its format, one phrase a
line:

    AFRICAN NATIONS CUP      the sentence is not coded when it holds the phrase
    +MANCHESTER UNITED       the whole story is not coded
    BASEBALL_                a final "_": the phrase must end there ("baseball", not "baseballs")
    # comment                (a "#" starts a comment anywhere)

A phrase matches from the start of a word, in any case; without a final "_" it is a
stem ("CHAMPION" matches "championship"). dragoman YAML holds the same as two lists,
`sentence:` and `story:`, with the same conventions, and a third, `keep:`, of phrases
that the files read before it list but that are not to discard (dragoman's own file,
data/discards.yaml, uses it to override imported phrases that are common news words).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import KnowledgeError
from .yamlfile import decode_utf8, parse_yaml, read_bytes


@dataclass(frozen=True, slots=True)
class Discards:
    sentence: re.Pattern[str] | None  # None: nothing to discard
    story: re.Pattern[str] | None
    phrases: int
    fingerprint: str
    problems: tuple[str, ...] = ()

    def sentence_discarded(self, text: str) -> bool:
        return self.sentence is not None and self.sentence.search(text) is not None

    def story_discarded(self, text: str) -> bool:
        return self.story is not None and self.story.search(text) is not None


def builtin_files() -> list[Path]:
    """The imported list (Phoenix's), then dragoman's own file, which may keep some of its phrases."""
    folder = Path(str(resources.files("dragoman") / "data"))
    return [folder / "petrarch" / "discards.yaml", folder / "discards.yaml"]


def read_discard_text(text: str, where: str) -> tuple[list[str], list[str], list[str]]:
    """(sentence phrases, story phrases, problems) of a PETRARCH discard list."""
    sentence: list[str] = []
    story: list[str] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<!--"):
            continue
        target = story if line.startswith("+") else sentence
        phrase = line.lstrip("+").strip()
        if not re.search(r"[A-Za-z0-9]", phrase):
            problems.append(f"{where}:{number}: a discard line without a word: {raw.strip()[:60]}")
            continue
        target.append(phrase)
    return sentence, story, problems


def _read(path: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """(sentence, story, keep, problems) of one file, YAML or PETRARCH text."""
    where = str(path)
    text = decode_utf8(read_bytes(path), where)
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if re.match(r"^(sentence|story|keep)\s*:", first):
        data = parse_yaml(text, where)
        if not isinstance(data, dict) or set(data) - {"sentence", "story", "keep"}:
            raise KnowledgeError(f"{where}: a discard file holds the lists sentence, story and keep")
        lists = []
        for key in ("sentence", "story", "keep"):
            value = data.get(key) or []
            if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
                raise KnowledgeError(f"{where}: {key}: a list of phrases (quote on/off/no/yes)")
            lists.append(value)
        return lists[0], lists[1], lists[2], []
    sentence, story, problems = read_discard_text(text, where)
    return sentence, story, [], problems


def _pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        whole = phrase.endswith("_")
        words = [re.escape(w) for w in re.split(r"[\s_]+", phrase.strip("_ ")) if w]
        body = r"\s+".join(words)
        parts.append(body + (r"(?![A-Za-z0-9])" if whole else ""))
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _norm(phrase: str) -> str:
    return " ".join(re.split(r"[\s_]+", phrase.lower().strip("_ + ")))


def load_discards(files: Sequence[str] = (), *, builtin: bool = True) -> Discards:
    """The built-in lists (unless `builtin=False`), then the user's files, into two patterns."""
    paths = [p for p in builtin_files() if p.exists()] if builtin else []
    paths += [Path(f) for f in files]
    sentence: list[str] = []
    story: list[str] = []
    problems: list[str] = []
    digest = hashlib.sha256()
    for path in paths:
        s, st, keep, found = _read(path)
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        kept = {_norm(k) for k in keep}
        sentence = [p for p in sentence if _norm(p) not in kept] + s
        story = [p for p in story if _norm(p) not in kept] + st
        problems.extend(found)
    return Discards(_pattern(sentence), _pattern(story), len(sentence) + len(story), digest.hexdigest()[:16], tuple(problems))
