"""Clauses about something else: where a date in a sentence is background.

"The foreign secretary said the rebate, won in 1984, was justified" speaks in
the present; 1984 is when the rebate was won. A date inside such a clause (a
relative clause, a reduced relative, an apposition, a clause after "after" or
"if", a clause in the future tense, a bracketed aside, a modifier before a
noun) dates that clause's own words and nothing else: the clock keeps it as
"background" (see dragoman.time.clock). `Aside` is one such clause, in character offsets of the
sentence text; `parsed_asides` reads them off a dependency parse (any tokens
with spaCy's attributes: dep_, tag_, head, children, left_edge, right_edge,
idx), `text_asides` off the words where there is no parse. Which labels and
words count is data: the `background` section of data/date_rules.yaml.

A day set as a deadline is likewise no date of the sentence: "Eritrea must withdraw by
30 June", "demanded that Belarus take them back by 31 May", "set a deadline of 15 May",
"extended the deadline to 15 July" are asides of role "deadline" (the clock's
`SentenceDates.deadline`, read by the record).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman.coding.syntax import dateline_end, infinitive, opening_date_name, swallowed_subject
from dragoman.time.rules import ClauseWords, DateRules

if TYPE_CHECKING:
    from spacy.tokens import Token

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class Aside:
    """A clause about something else: a date within `start`..`end` is background; it dates the
    words of `owner` (the clause, or the noun a modifier describes)."""

    start: int
    end: int
    owner: tuple[int, int]
    # a subordinate clause ("After the deadline passed on 1 June, troops shelled positions the next
    # morning"): its date is still no date of the sentence's, but what the sentence counts from
    # after it ("the next morning") counts from it
    anchors: bool = False
    # "deadline": a day set as a deadline ("must withdraw by 30 June"), no date of the sentence either
    role: str = "background"

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def parsed_asides(tokens: Iterable[Token], sentence_start: int, words: ClauseWords) -> tuple[Aside, ...]:
    """The background clauses of a parsed sentence; `sentence_start` is its first character's `idx`.
    A wire dateline (its own block, see ingest.text) has none: its day, which the parser may hang
    on the place as an apposition, is when the report was filed, and what the story counts from."""
    tokens = list(tokens)
    if dateline_end(tokens) > 0:
        return ()
    out = []
    for token in tokens:
        dep = token.dep_
        if dep == "prep" and _deadline(token, words):
            span = edges(token, sentence_start)
            out.append(Aside(span[0], span[1], span, role="deadline"))
        if dep == "aux" and token.lower_ in words.future_auxiliaries:  # "... will have risen by next year"
            span = edges(token.head, sentence_start)
            out.append(Aside(span[0], span[1], span))
        elif _clause(token, dep, words) or _bare_participle(token, dep, words):
            span = edges(token, sentence_start)
            out.append(Aside(span[0], span[1], span))
        elif _subordinate(token, dep, words):
            span = edges(token, sentence_start)
            out.append(Aside(span[0], span[1], span, anchors=True))
        elif dep in words.modifier_deps and token.i < token.head.i and token.head.pos_ in _NOUNS and not _stolen(token):
            noun = token.head
            start, end = edges(token, sentence_start)
            for det in noun.lefts:  # "the [March 2003] invasion": the noun's determiner goes with the date
                if det.dep_ == "det" and det.i < token.i:
                    start = min(start, det.idx - sentence_start)
            role = "deadline" if noun.lemma_.lower() in words.deadline_nouns else "background"  # "the 15 May deadline"
            out.append(Aside(start, end, edges(noun, sentence_start), role=role))
    return tuple(out)


def _deadline(prep: Token, words: ClauseWords) -> bool:
    """A phrase that sets a day as a deadline: "by 31 May" on an act demanded or due, "of 15 May" on a
    deadline noun, "to 15 July" on a deadline moved, "until 15 July" before an infinitive ("gave
    Ethiopia until 15 July to comply")."""
    word, head = prep.lower_, prep.head
    if word in words.deadline_prepositions:
        return _due(head, words)
    if word == "of":
        return head.lemma_.lower() in words.deadline_nouns
    if word in words.extension_prepositions:
        if head.dep_ in ("advmod", "prt") and head.pos_ in ("ADV", "ADP"):
            head = head.head  # "pushed the deadline back to 15 June"
        if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words.deadline_nouns for c in head.children):
            return True
        clauses = [*head.children, *(c for o in prep.children for c in o.children)]  # "until 15 July to comply" (misread as the date's)
        return any(c.dep_ in ("xcomp", "advcl", "acl", "relcl") and infinitive(c) for c in clauses)
    return False


def _due(verb: Token, words: ClauseWords) -> bool:
    """An act demanded or due, not done: with an auxiliary of obligation ("must withdraw"), an
    infinitive complement ("required Kyrgyzstan to publish"), or a mandative subjunctive ("demands
    that Belarus take them back": a bare verb with a subject, where the indicative would inflect)."""
    if verb.pos_ not in _VERBS:
        # "demanded that Belarus free Zielinski by 30 June" read as one noun phrase with a "that": a clause misread
        return verb.pos_ in _NOUNS and any(c.dep_ == "mark" for c in verb.children)
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in words.obligation_auxiliaries for a in auxiliaries):
        return True
    if verb.dep_ in ("xcomp", "acl", "advcl") and infinitive(verb):
        return True
    if verb.dep_ not in ("ccomp", "acl") or not any(c.dep_ == "mark" for c in verb.children):
        return False  # (on a noun too: "the demand that Azerbaijan withdraw by 31 December")
    if auxiliaries:
        return len(auxiliaries) == 1 and auxiliaries[0].lower_ == "be"  # "that the embassy be closed"
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or verb.tag_ not in ("VB", "VBP") or verb.lemma_ == "be":
        return False
    return verb.tag_ == "VB" or (subject.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in subject.children))


def _stolen(token: Token) -> bool:
    """A "modifier" the parser took from a preposition left without its object: "On 3 May 2026 a
    letter ... was delivered" (May hung on "letter", "On" bare) dates the sentence, not the noun."""
    left = token.left_edge
    if left.i == 0:
        return False
    before = left.doc[left.i - 1]
    if before.pos_ == "ADP" and token.head.dep_ == "pobj" and token.head.head.i == before.i:
        # "On [3 February 2027 Qatar] offered ...", "On [6 April Armenia and Chad] signed ...": the
        # name taken for the preposition's object
        return swallowed_subject(token.head) or any(opening_date_name(c) for c in token.head.children)
    return before.dep_ == "prep" and before.pos_ == "ADP" and not any(c.dep_ in ("pobj", "pcomp") for c in before.children)


def text_asides(text: str, rules: DateRules, parsed: bool) -> list[Aside]:
    """Bracketed asides, and without a parse ", which ..." up to the next comma."""
    found = [m.span() for m in _BRACKETED.finditer(text)]
    if not parsed:
        found += [m.span() for m in rules.relative_aside.finditer(text)]
    return [Aside(start, end, (start, end)) for start, end in found]


def innermost(asides: Sequence[Aside], start: int, end: int) -> Aside | None:
    """The smallest aside that holds start..end, if any."""
    holding = [a for a in asides if a.holds(start, end)]
    return min(holding, key=lambda a: a.end - a.start) if holding else None


def _clause(token: Token, dep: str, words: ClauseWords) -> bool:
    if dep not in words.clause_deps or (token.tag_ in words.finite_tags and not _has_own(token, words)):
        return False
    if dep == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in _NOUNS and token.i > token.head.i:
        return False  # "The deadline lapsed on Saturday": a sentence with no verb but this one, misread as a participle
    return not _setting(token.head, words)


def _setting(noun: Token, words: ClauseWords) -> bool:
    """The noun is where or how the sentence's act happened: "[in] a letter", "[at] a summit"."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in words.setting_prepositions and prep.head.pos_ in _VERBS


def _has_own(token: Token, words: ClauseWords) -> bool:
    """The verb has a subject or an auxiliary of its own."""
    return any(c.dep_ in words.own_deps for c in token.children)


def _bare_participle(token: Token, dep: str, words: ClauseWords) -> bool:
    if dep in words.participle_deps or (dep in words.set_off_participle_deps and _set_off(token)):
        return token.tag_ in words.participle_tags and not _has_own(token, words)
    if dep in words.asyndetic_deps and token.pos_ in _VERBS and not _has_own(token, words):
        # "rejected X, recalled Y and expelled Z": a list of acts has a conjunction somewhere
        return not any(c.dep_ == "cc" for c in (*token.head.children, *token.children))
    return False


def _subordinate(token: Token, dep: str, words: ClauseWords) -> bool:
    if dep not in words.subordinate_deps:
        return False
    if dep == "pcomp":  # "after rejecting them": the subordinator is the preposition above
        return token.head.lower_ in words.subordinators
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in words.subordinators for c in token.children)


def _set_off(token: Token) -> bool:
    """Before the word it hangs on ("Elected in 1997, Blair ..."), or after a comma."""
    first = token.left_edge
    return token.i < token.head.i or (first.i > 0 and first.nbor(-1).text == ",")


def edges(token: Token, sentence_start: int) -> tuple[int, int]:
    """The characters the token's subtree covers (spaCy's subtrees are contiguous)."""
    last = token.right_edge
    return token.left_edge.idx - sentence_start, last.idx + len(last) - sentence_start

