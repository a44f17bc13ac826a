"""Noun phrase -> Actor, by combining the cues its words carry.

`resolve_span` takes the words of one argument (a spaCy Span: the caller
passes e.g. a subject's subtree without its relative clauses) and reads it as:

    [country / body / person cues] [sector word] [name]   (head = span.root)

- the head is a known person, body, place or state: that entity, with the role
  it held at the event's date ("Trump" in 2022 is USAELI, in 2025 USAGOV);
- the head is a sector word ("minister", "troops", "media"): its sector, with
  the country (or body) from the other words, or the person named after it
  ("Iranian Foreign Minister Abbas Araqchi" -> Araghchi's role);
- the head is an unknown proper name: titled ("Saudi Defence Minister Khalid X"
  -> SAUGOV, basis "title"), close to a known name (basis "fuzzy"), or kept
  with code None (basis "unresolved"), never dropped;
- the head is any other noun ("Trump's letter"): not an actor (None). Ask
  `possessor_actor` for the possessor if you want it.

Matching is a longest-first scan of normalised word tuples against one dict;
nothing here calls spaCy or compiles a regex per call.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from ..records import Actor
from .knowledge import (
    ALL_CAPS,
    ANY_CASE,
    ActorKnowledge,
    Cue,
    Entity,
    name_words,
    norm_word,
    role_at,
    skeleton,
)
from .vocabulary import ResolutionWords

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PROPER_TAGS = frozenset({"NNP", "NNPS"})



class Word(NamedTuple):
    """One word of a phrase, as resolution sees it."""

    text: str  # as written
    norm: str  # normalised ("u.s." -> "us")
    proper: bool  # a proper noun (capitalised name)
    position: int  # of the token in the phrase (hyphen parts share it)
    glue: str = " "  # what is written between the word before and this one: "-" in "Nur-Ali"


class Match(NamedTuple):
    first: int  # token positions covered, inclusive
    last: int
    cues: tuple[Cue, ...]


class Where(TypedDict):
    """Where the phrase stands in the document: the Actor fields every result shares."""

    text: str
    start: int | None
    end: int | None


# ---------------------------------------------------------------- the spaCy adapter


def span_words(span: Span, articles: frozenset[str]) -> tuple[list[Word], int]:
    """The phrase's words (determiners, punctuation and 's left out) and its head position."""
    words: list[Word] = []
    glue = " "
    for pos, tok in enumerate(span):
        if tok.is_punct or tok.tag_ == "POS" or tok.lower_ in articles:
            # a hyphen joining two words ("Quispe-Torres", split by the parser) is kept as their glue
            glue = tok.text if tok.text in ("-", "\u2010", "\u2011") and not tok.whitespace_ and words else " "
            continue
        proper = tok.tag_ in PROPER_TAGS
        text = tok.text
        if ("-" in text or "_" in text) and len(text) > 1:
            for part in text.replace("_", "-").split("-"):
                if part:
                    words.append(Word(part, norm_word(part), proper, pos, glue))
                    glue = "-"
        else:
            norm = norm_word(text)
            if norm:
                words.append(Word(text, norm, proper, pos, glue))
        glue = " "
    root = span.root
    if root.pos_ == "DET":
        # two words of the span hang outside it ("the European Union (EU)", headed by the short
        # form): the head is the last of them, never the article
        root = [t for t in span if not (span.start <= t.head.i < span.end) or t.head is t][-1]
    return words, root.i - span.start


def resolve_span(span: Span, knowledge: ActorKnowledge, date: str | None = None, place: Span | None = None) -> Actor | None:
    """The actor a noun phrase names, at `date` (ISO, maybe partial; None = the longest-held role).

    `place` is a phrase that says where the actor is from ("Nigeria" of "activists in
    Nigeria"): its words count as the phrase's modifiers, as if it read "Nigerian activists"."""
    words, head = span_words(span, knowledge.vocab.articles)
    if place is not None:
        extra, _ = span_words(place, knowledge.vocab.articles)
        words += [w._replace(position=w.position - place.start + span.end - span.start + 1) for w in extra]
    return resolve_words(words, head, knowledge, date, text=span.text, start=span.start_char, end=span.end_char)


def possessor_actor(token: Token, knowledge: ActorKnowledge, date: str | None = None) -> Actor | None:
    """The actor owning `token` ("Trump" in "Trump's letter"), or None."""
    for child in token.children:
        if child.dep_ == "poss":
            left = child.left_edge.i
            span = token.doc[left : child.i + 1]
            return resolve_span(span, knowledge, date)
    return None


def split_conjuncts(span: Span) -> list[Span]:
    """"Iran and the U.S." -> [Iran, the U.S.]; a phrase with no conjunction -> [span].

    Conjuncts are looked for on the phrase's head and on its appositions, since
    the parser often heads "Foreign Minister X and envoy Y" with "Minister".
    """
    root = span.root
    anchors = [root] + [c for c in root.children if c.dep_ == "appos"]
    conjs = sorted(
        {t for a in anchors for t in a.conjuncts if span.start <= t.i < span.end and t.i > a.i},
        key=lambda t: t.i,
    )
    if not conjs:
        return [span]
    doc = span.doc
    cuts = [c.left_edge.i for c in conjs]
    bounds = list(zip([span.start] + cuts, cuts + [span.end]))
    out = []
    for lo, hi in bounds:
        hi -= 1
        while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "preconj")):
            hi -= 1
        while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "preconj")):
            lo += 1
        out.append(doc[lo : hi + 1])
    return out


# ---------------------------------------------------------------- the core


def resolve_text(text: str, knowledge: ActorKnowledge, date: str | None = None) -> Actor | None:
    """Resolve a phrase given as a string; its last word is taken as the head.

    For names and short descriptions ("Mahmoud Ahmadinejad", "the Iranian
    leadership") where no parse is at hand; prefer `resolve_span` in the pipeline.
    """
    words: list[Word] = []
    pos = 0
    for written in text.split():
        for part, piece in enumerate(name_words(written)):
            norm = norm_word(piece)
            if norm and norm not in knowledge.vocab.articles and piece not in ("'s", "\u2019s"):
                words.append(Word(piece, norm, piece[:1].isupper(), pos, "-" if part else " "))
            pos += 1
    if not words:
        return None
    return resolve_words(words, words[-1].position, knowledge, date, text=text)


def match_words(words: Sequence[Word], knowledge: ActorKnowledge) -> list[Match]:
    """Longest-first matches of the phrase's words against the lexicon."""
    lexicon = knowledge.lexicon
    norms = [w.norm for w in words]
    matches: list[Match] = []
    i, n = 0, len(words)
    while i < n:
        for size in range(min(knowledge.max_phrase, n - i), 0, -1):
            cues = lexicon.get(tuple(norms[i : i + size]))
            if cues:
                kept = tuple(c for c in cues if _case_ok(c, words, i, size) and (not c.whole or size == n))
                if kept:
                    matches.append(Match(words[i].position, words[i + size - 1].position, kept))
                    i += size
                    break
        else:
            i += 1
    return matches


def _case_ok(cue: Cue, words: Sequence[Word], i: int, size: int) -> bool:
    if cue.case == ANY_CASE:
        return True
    if cue.case == ALL_CAPS:
        return all(w.text.isupper() for w in words[i : i + size])
    first = words[i].text[:1]
    return first.isupper() or first.isdigit()


def resolve_words(
    words: Sequence[Word],
    head: int,
    knowledge: ActorKnowledge,
    date: str | None,
    *,
    text: str,
    start: int | None = None,
    end: int | None = None,
) -> Actor | None:
    """Combine the cues of a phrase's words into one actor (see the module docstring).

    What a phrase resolves to depends on its words, head and date alone (where it stands only
    fills the actor's text and offsets), and the same phrases come back again and again in a
    corpus: results are remembered per knowledge base (RESOLVED_CACHE entries at most)."""
    key = (knowledge.fingerprint, tuple(words), head, date)
    if key in _resolved:
        known = _resolved[key]
        return None if known is None else replace(known, text=text, start=start, end=end)
    matches = match_words(words, knowledge)
    former = any(w.norm in knowledge.vocab.resolution.former for w in words)
    actor = _base_actor(words, head, knowledge, date, matches, former, Where(text=text, start=start, end=end))
    found = _compose(actor, matches, former) if actor is not None else None
    if len(_resolved) >= RESOLVED_CACHE:
        _resolved.clear()
    _resolved[key] = found
    return found


RESOLVED_CACHE = 50_000  # phrases (some 50 MB at most)
_resolved: dict[tuple[object, ...], Actor | None] = {}


def _compose(actor: Actor, matches: Sequence[Match], former: bool) -> Actor:
    """PETRARCH's composition: the actor's code, then every agent word of the phrase in order
    ("Arnor's foreign minister" with FOREIGN_MINISTER [~GOVFRM] -> ARNGOVFRM), an agent written
    NGO~ before it ("An MSF Arnor diplomat" -> NGOARNGOV). A 3-letter part the code already has is
    not added again (USAGOV + ~GOV -> USAGOV); "former" makes the suffix ELI (ARNELI), as it
    makes the sector. Only agents (PETRARCH/Phoenix dictionaries) compose: the project's own
    sector words give their sector alone, as the resolution above chose."""
    if actor.code is None:
        return actor
    agents = [c for m in matches if m.cues[0].kind == "sector" for c in m.cues[:1] if c.agent]
    if not agents:
        return actor
    parts = [actor.code[i : i + 3] for i in range(0, len(actor.code), 3)]
    before: list[str] = []
    for cue in agents:
        chunks = [cue.agent[i : i + 3] for i in range(0, len(cue.agent), 3)] if cue.agent else []
        if cue.prefix:
            before.extend(c for c in chunks if c not in parts and c not in before)
        elif not former:
            parts.extend(c for c in chunks if c not in parts)
    code = "".join(before + parts)
    return actor if code == actor.code else replace(actor, code=code)


def _base_actor(
    words: Sequence[Word],
    head: int,
    knowledge: ActorKnowledge,
    date: str | None,
    matches: list[Match],
    former: bool,
    base: Where,
) -> Actor | None:
    vocab = knowledge.vocab.resolution
    if any(_first_name(words, m, matches, knowledge) for m in matches):
        # what the rest of such a name says still counts ("Foreign Minister" of Phoenix's
        # "Foreign Minister Abdullah", before "Khalil")
        matches = sorted(
            (k for m in matches for k in (
                match_words([w for w in words if m.first <= w.position < m.last], knowledge)
                if _first_name(words, m, matches, knowledge) else [m])),
            key=lambda m: m.first,
        )
    at_head = next((m for m in matches if m.first <= head <= m.last), None)
    if at_head is not None and _fragment(words, at_head, matches, knowledge):
        # "Collective Security Treaty Organization" is not the group whose alias is "Organization"
        matches = [m for m in matches if m is not at_head]
        at_head = None

    title = next((m.cues[0].sector for m in matches if m.cues[0].kind == "sector"), None)
    if at_head is not None:
        cue = at_head.cues[0]
        named_after = [m for m in matches if m.first > at_head.last and m.cues[0].kind == "person"]
        if cue.kind in ("org", "place", "state") and named_after:
            # the parser headed "IRGCAF General Hajizadeh" with the body: the person is the actor
            return _entity_actor(knowledge, named_after[0].cues[0], date, former, base, title)
        if cue.kind != "sector":
            return _entity_actor(knowledge, cue, date, former, base, title)
        # A sector word heads the phrase: a person or body named after it wins
        # ("minister Abbas Araqchi", appositive); otherwise it takes its
        # country from the other words ("Iranian media", "a Khamenei aide").
        after = [m for m in matches if m.first > at_head.last and m.cues[0].kind in ("person", "org")]
        if after:
            return _entity_actor(knowledge, after[0].cues[0], date, former, base, cue.sector)
        head_text = next((w.text for w in words if w.position == head), "")
        if not cue.person and head_text[:1].isupper() and not head_text.isupper():
            regional = _regional_body(knowledge, matches, at_head, cue, base)
            if regional is not None:
                return regional
        return _titled(knowledge, matches, at_head, cue, date, former, base, basis="dictionary")

    head_word = next((w for w in words if w.position == head), None)
    if head_word is None:
        return None
    if head_word.proper and head_word.norm not in vocab.calendar_words:
        sector_match = next((m for m in matches if m.cues[0].kind == "sector"), None)
        if sector_match is not None:
            titled = _titled(knowledge, matches, sector_match, sector_match.cues[0], date, former, base, basis="title",
                             name=_name_run(words, head, vocab, matches))
            return titled or Actor(name=_name_run(words, head, vocab, matches), code=None, basis="unresolved", confidence=0.0, **base)
        owner = _modifier(matches, exclude=None)
        if owner is not None and owner.cues[0].kind in ("state", "demonym"):
            region = knowledge.entities[owner.cues[0].entity or ""].code
            if region in knowledge.vocab.codes.regions:
                # "the African Monetary Institute": a named body of a region is intergovernmental
                return Actor(name=_name_run(words, head, vocab, matches), code=f"IGO{region}", country="IGO",
                             sector=None, basis="title", confidence=0.8, **base)
        if owner is not None:  # "Oxfam adviser Max Lawson" without the title word
            actor = _entity_actor(knowledge, owner.cues[0], date, former, base)
            return replace(actor, name=_name_run(words, head, vocab, matches), basis="title", confidence=0.8)
        fuzzy = _fuzzy(knowledge, _name_run(words, head, vocab, matches), date, base)
        if fuzzy is not None:
            return fuzzy
        return Actor(name=_name_run(words, head, vocab, matches), code=None, basis="unresolved", confidence=0.0, **base)
    if head_word.norm in vocab.group_nouns:
        owner = _modifier(matches, exclude=None)
        if owner is not None:
            return _entity_actor(knowledge, owner.cues[0], date, former, base)
    if head_word.norm in vocab.facility_nouns:
        sector_match = next((m for m in matches if m.cues[0].kind == "sector"), None)
        owned = None if sector_match is None else _titled(
            knowledge, matches, sector_match, sector_match.cues[0], date, former, base, basis="description"
        )
        if owned is not None and owned.code:
            return owned
        owner = _modifier(matches, exclude=None)
        if owner is not None:
            return _entity_actor(knowledge, owner.cues[0], date, former, base)
        if owned is not None:
            return owned  # "a rebel camp": the sector's, whose country the context may give (a description)
    # "his counterpart, Ariel Sharon": an unknown head word, a known name in apposition
    named = [m for m in matches if m.first > head and m.cues[0].kind in ("person", "org")]
    if named:
        return _entity_actor(knowledge, named[0].cues[0], date, former, base, title)
    return None


def _fragment(words: Sequence[Word], match: Match, matches: Sequence[Match], knowledge: ActorKnowledge) -> bool:
    """A one-word name of a body or person right after a capitalised word that names nothing is a
    piece of a longer name no dictionary knows ("Collective Security Treaty Organization", "Taha
    Hussein", "Laura Bush"), not that body or person; unless the word is the person's own first
    name. Honorifics and titles ("Mr Blair") do not count, nor states and places ("Northern Iraq")."""
    if match.first != match.last or match.cues[0].kind not in ("org", "person"):
        return False
    at = next(i for i, w in enumerate(words) if w.position == match.first)
    if at == 0:
        return False
    before = words[at - 1]
    if before.position != match.first - 1 or not before.text[:1].isupper():
        return False
    if any(m.first <= before.position <= m.last for m in matches):
        return False
    vocab = knowledge.vocab
    if before.norm in vocab.mentions.honorifics or before.norm in vocab.resolution.title_stops:
        return False
    cue = match.cues[0]
    if cue.kind == "person":
        # "Mahmoud Ahmadinezhad" is Mahmoud Ahmadinejad written another way; "Laura Bush" is not George W. Bush
        first = name_words(knowledge.entities[cue.entity or ""].key)[0]
        return norm_word(first) != before.norm and skeleton(first) != skeleton(before.text)
    return True


def _first_name(words: Sequence[Word], match: Match, matches: Sequence[Match], knowledge: ActorKnowledge) -> bool:
    """A person's name followed by a capitalised word that names nothing is the start of the name
    of someone no dictionary knows: "Hassan" in "Somali President Hassan Abdi-Nur" is not the
    dictionary's Hassan (nor "Ali", "Abdullah", Phoenix's "Foreign Minister Abdullah"), and the
    phrase is the Somali president."""
    if match.cues[0].kind != "person":
        return False
    at = max(i for i, w in enumerate(words) if w.position == match.last)
    if at + 1 >= len(words):
        return False
    after = words[at + 1]
    if not after.text[:1].isupper() or any(m.first <= after.position <= m.last for m in matches):
        return False
    vocab = knowledge.vocab
    return after.norm not in vocab.resolution.calendar_words and after.norm not in vocab.mentions.honorifics \
        and after.norm not in vocab.resolution.title_stops


def _regional_body(knowledge: ActorKnowledge, matches: Sequence[Match], at_head: Match, cue: Cue, base: Where) -> Actor | None:
    """ "the European Central Bank", "the African Court": a named institution of a region is an
    intergovernmental body (IGO + the region), not the region's government."""
    regions = knowledge.vocab.codes.regions
    owner = _modifier(matches, exclude=at_head)
    if owner is None or owner.cues[0].kind not in ("state", "demonym"):
        return None
    entity = knowledge.entities[owner.cues[0].entity or ""]
    if entity.code not in regions:
        return None
    return Actor(name=None, code=f"IGO{entity.code}", country="IGO", sector=cue.sector, **base)


def _modifier(matches: Sequence[Match], exclude: Match | None) -> Match | None:
    """The best cue among the phrase's other words: a body, then a person, a place, a state."""
    best: Match | None = None
    order = {"org": 0, "person": 1, "place": 2, "state": 3, "demonym": 4}
    for m in matches:
        if m is exclude or m.cues[0].kind == "sector":
            continue
        if best is None or order[m.cues[0].kind] < order[best.cues[0].kind]:
            best = m
    return best


def _titled(
    knowledge: ActorKnowledge,
    matches: Sequence[Match],
    sector_match: Match,
    cue: Cue,
    date: str | None,
    former: bool,
    base: Where,
    *,
    basis: str,
    name: str | None = None,
) -> Actor | None:
    sector = "ELI" if former else cue.sector
    owner = _modifier(matches, exclude=sector_match)
    if owner is None:  # "the minister": a description for coreference to fill in
        if not cue.alone:
            return None  # an imported agent ("settlement", "passenger") qualifies an actor; alone it is none
        return Actor(name=name, code=None, sector=sector, basis="description", confidence=0.5, **base)
    ocue = owner.cues[0]
    entity = knowledge.entities[ocue.entity or ""]
    code, country, own_sector = _entity_code(entity, date)
    non_state = knowledge.vocab.codes.non_state
    if ocue.kind == "org" or country in non_state:
        # a body's spokesman or commander is coded as the body ("UN spokesman" -> IGOUNO)
        if former and country is not None and country not in non_state:
            code, own_sector = country + "ELI", "ELI"
        return Actor(name=name, code=code, country=country, sector=own_sector, basis=basis, **base)
    if country is None:
        return Actor(name=name, code=None, sector=sector, basis="description", confidence=0.5, **base)
    return Actor(name=name, code=country + (sector or ""), country=country, sector=sector, basis=basis, **base)


def _entity_code(entity: Entity, date: str | None) -> tuple[str | None, str | None, str | None]:
    # a state's dated codes (Zimbabwe: RHO until 1979) apply only to an event of a known date
    role = role_at(entity.roles, date) if entity.roles and (date is not None or entity.kind != "state") else None
    if role is not None:
        return role.code, role.country, role.sector
    return entity.code, entity.country, entity.sector


def _entity_actor(
    knowledge: ActorKnowledge, cue: Cue, date: str | None, former: bool, base: Where, title: str | None = None
) -> Actor:
    entity = knowledge.entities[cue.entity or ""]
    if entity.kind == "person" and entity.roles:
        role = role_at(entity.roles, date, prefer=title)
        if role is None or former:
            own_sector = entity.sector or "ELI"
            code = entity.country + own_sector if entity.country else None
            return Actor(name=entity.key, code=code, country=entity.country, sector=own_sector, **base)
        return Actor(name=entity.key, code=role.code, country=role.country, sector=role.sector, **base)
    code, country, sector = _entity_code(entity, date)
    if entity.kind == "person" and former and country and country not in knowledge.vocab.codes.non_state:
        code, sector = country + "ELI", "ELI"
    return Actor(name=entity.key, code=code, country=country, sector=sector, **base)


def _name_run(words: Sequence[Word], head: int, vocab: ResolutionWords, matches: Sequence[Match] = ()) -> str:
    """The name around the head as it is written: "Khalid X" in "Defence Minister Khalid X",
    "Nur-Ali Abenov", "Karim al-Masri", "Pieter van der Berg". Capitalised words, and the particles
    between two of them, back to a title word (a stop, or any word the knowledge reads as the title
    of one person: "Ambassador", "Army Chief", "MP")."""
    idx = next(i for i, w in enumerate(words) if w.position == head)
    titles = {
        p for m in matches if m.cues[0].kind == "sector" and m.cues[0].person and not m.first <= head <= m.last
        for p in range(m.first, m.last + 1)
    }  # a title of one person ("MP", "Chancellor"), not a sector word in a name ("BBC World Business Report")

    def named(w: Word) -> bool:
        return (w.proper or w.text[:1].isupper()) and w.norm not in vocab.title_stops and w.position not in titles

    lo = idx
    while lo > 0:
        if named(words[lo - 1]):
            lo -= 1
            continue
        k = lo - 1  # "al", "bin", "de", "van der": particles written in lower case inside a name
        while k >= 0 and words[k].norm in vocab.name_particles and words[k].text.islower():
            k -= 1
        if k < lo - 1 and k >= 0 and named(words[k]):
            lo = k
            continue
        break
    return words[lo].text + "".join(w.glue + w.text for w in words[lo + 1 : idx + 1])


def _fuzzy(knowledge: ActorKnowledge, name: str, date: str | None, base: Where) -> Actor | None:
    """A near miss of a known name ("Arakchee"): same consonant skeleton, or close spelling."""
    # a surname alone is probed only after a courtesy title ("Mr Arakchee"): a full name that is
    # near no full name ("Taha Hussein") is not the one person called Hussein
    parts = name.split()
    honorifics = knowledge.vocab.mentions.honorifics
    probes = [name] + ([parts[-1]] if len(parts) == 2 and norm_word(parts[0]) in honorifics else [])
    for probe in probes:
        if len(probe) < 5:
            continue
        sk = skeleton(probe)
        candidates = knowledge.fuzzy.get(sk, ())
        if not candidates and len(sk) >= 5:
            # near skeletons only among keys with the same first letter and length +-1
            pool = knowledge.fuzzy_index.get((sk[0], len(sk)), ())
            close = difflib.get_close_matches(sk, pool, n=1, cutoff=0.85)
            candidates = knowledge.fuzzy.get(close[0], ()) if close else ()
        scored = []
        surname = norm_word(probe.split()[-1])
        for rank, key in enumerate(candidates):  # a tie goes to the later file's entry (the project's own)
            entity = knowledge.entities[key]
            their_surname = norm_word(name_words(entity.key)[-1])
            if " " in probe and skeleton(surname) != skeleton(their_surname) and difflib.SequenceMatcher(None, surname, their_surname).ratio() < 0.75:
                continue  # "Ibrahim Sangare" is not "Ibrahim Shareef": a full name must agree in its surname too
            ratio = max(
                difflib.SequenceMatcher(None, norm_word(probe), norm_word(target)).ratio()
                for target in (entity.key, their_surname)
            )
            scored.append((ratio, rank, key))
        if scored:
            ratio, _, key = max(scored)
            if ratio >= 0.6:
                entity = knowledge.entities[key]
                actor = _entity_actor(knowledge, Cue(entity.kind, key), date, False, base)
                return replace(actor, basis="fuzzy", confidence=round(min(0.9, ratio * 0.9), 2))
    return None




# ---------------------------------------------------------------- reporting


def unresolved_counts(actors: Iterable[Actor | None]) -> list[tuple[str, int]]:
    """Phrases that named someone we could not code, most frequent first."""
    counts = Counter((a.name or a.text) for a in actors if a is not None and a.code is None and a.basis == "unresolved")
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
