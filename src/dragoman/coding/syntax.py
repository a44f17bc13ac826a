"""Reading who and whom off a dependency parse: small pure helpers over spaCy tokens.

Nothing here knows about CAMEO or actors; the coder asks these functions for
the subject, objects and clauses of a trigger word. Helpers that need words
(relative pronouns, the subordinators of a condition) take the `Grammar`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})  # dependency labels, not words


def nominal(token: Token) -> bool:
    """A word that can name an actor: a noun or pronoun, or a capitalised word inside
    the sentence that the tagger took for something else ("Trump" read as a verb)."""
    return token.pos_ in ("PROPN", "NOUN", "PRON") or (token.is_title and not token.is_sent_start and token.is_alpha)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Iran and the U.S.")."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                out.append(c)
                stack.append(c)
            elif c.dep_ == "appos":
                # "minister Abbas Araghchi and ... Steve Witkoff": the conjunct hangs off the apposition
                for cc in c.children:
                    if cc.dep_ == "conj" and cc.pos_ in ("PROPN", "NOUN"):
                        out.append(cc)
                        stack.append(cc)
            elif c.dep_ == "prep" and c.lower_ == "as" and any(
                a.lower_ == "well" for a in c.children
            ):
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return sorted(set(out), key=lambda t: t.i)


_MODIFIERS = frozenset({"amod", "compound", "nmod"})


def phrase_tokens(head: Token) -> list[Token]:
    """The words of the noun phrase headed by `head`, without clauses or conjuncts."""
    keep: list[Token] = []

    def walk(t: Token) -> None:
        keep.append(t)
        for c in t.children:
            if c.dep_ in ("conj", "cc") and t.dep_ in _MODIFIERS and c.i < head.i and t.head.i == head.i:
                walk(c)  # "Danish and Finnish diplomats": coordinated modifiers are in the phrase
                continue
            if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct"):
                continue
            if c.dep_ == "prep" and c.lower_ not in ("of",):
                continue
            if c.dep_ == "appos" and t is not head:
                continue
            walk(c)

    walk(head)
    keep.sort(key=lambda t: t.i)
    # keep the contiguous run around the head only
    start = end = keep.index(head)
    while start > 0 and keep[start - 1].i == keep[start].i - 1:
        start -= 1
    while end < len(keep) - 1 and keep[end + 1].i == keep[end].i + 1:
        end += 1
    if start > 0 and head.i >= 2 and head.doc[head.i - 1].text == "(" and keep[start - 1].i == head.i - 2:
        # "the European Union (EU)" parsed with the bracketed short form as its head: the name
        # before the bracket is the phrase (the short form alone may be in no dictionary)
        end = start = start - 1
        while start > 0 and keep[start - 1].i == keep[start].i - 1:
            start -= 1
    run = keep[start : end + 1]
    while run and run[0].is_punct:
        run = run[1:]
    while run and run[-1].is_punct:
        run = run[:-1]
    return run or [head]


def phrase_span(head: Token) -> Span:
    toks = phrase_tokens(head)
    return head.doc[toks[0].i : toks[-1].i + 1]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def clause_head(trigger: Token) -> Token:
    """The verb that carries the clause: the trigger itself, or the copula of an adjective."""
    if trigger.pos_ == "ADJ" and trigger.dep_ in ("acomp", "attr") and trigger.head.lemma_ == "be":
        return trigger.head
    return trigger


def _dated_subject(verb: Token) -> Token | None:
    """The subject the parser took for something else, when nothing else is the verb's subject: a
    name swallowed into an opening date ("On 2 May 2026 Azerbaijan gave Armenia 72 hours" parsed as
    "On [2 May 2026 Azerbaijan]"), or a name opening the clause parsed as a modifier of the verb
    ("Armenia and Azerbaijan sign a ceasefire", Armenia an nmod)."""
    if verb.pos_ not in ("VERB", "AUX") or children(verb, "nsubjpass", "expl"):
        return None
    if opening_date_name(verb):
        return verb.head  # "On 3 February 2027 Qatar offered ...", parsed as "On [... Qatar [offered ...]]"
    for name in children(verb, "nmod"):  # "Armenia and Azerbaijan sign a ceasefire": the name parsed as nmod
        if name.pos_ == "PROPN" and name.i < verb.i and name.i == min(t.i for t in verb.subtree):
            return name
    for prep in children(verb, "prep"):
        if prep.i >= verb.i:
            break
        for name in children(prep, "pobj"):
            if swallowed_subject(name):
                return name
    return None


def swallowed_subject(name: Token) -> bool:
    """A name the parser took into an opening date, right before the verb that has no subject:
    "On 2 May 2026 Azerbaijan gave ...", "On 6 April Armenia and Chad signed ..." (the name, with
    its conjuncts, the object of "On")."""
    prep = name.head
    verb = prep.head
    if name.dep_ != "pobj" or prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX") or prep.i > verb.i:
        return False
    if name.pos_ not in ("PROPN", "NOUN") or name.right_edge.i != verb.i - 1 or children(verb, "nsubj"):
        return False
    return any(t.like_num for left in name.lefts for t in left.subtree)


def infinitive(verb: Token) -> bool:
    """A verb with "to" before it: "to withdraw"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def opening_date_name(verb: Token) -> bool:
    """A finite verb the parser hung as a modifier on the name before it, where that name is the
    object of an opening preposition with a date before it: "On 3 February 2027 Qatar offered to
    broker talks" parsed as "On [3 February 2027 Qatar [offered ...]]". The name is the subject,
    the date the preposition's."""
    name = verb.head
    if verb.dep_ not in ("acl", "relcl") or verb.tag_ != "VBD" or name.pos_ != "PROPN" or name.i != verb.i - 1:
        return False
    if name.dep_ != "pobj" or name.head.pos_ != "ADP" or name.head.i != 0 or any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return any(t.like_num for left in name.lefts for t in left.subtree)


def subjects(verb: Token, g: Grammar) -> list[Token]:
    """Subject heads of a verb, following coordination, control and participles."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if found and verb.dep_ == "relcl" and found[0].lower_ in g.relative_pronouns:
        return [verb.head]  # "Mr Chavez, who is visiting China": the subject is the noun modified
    if found:
        return found
    dated = _dated_subject(verb)
    if dated is not None:
        return [dated]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head, g)
    if verb.dep_ == "xcomp":
        head = verb.head
        if head.pos_ == "ADJ":
            head = clause_head(head)
        objs = children(head, "dobj")
        if not objs and verb.i > head.i:
            # "called on Iraq to act", "appealed to the rebels to stop": the one called on acts
            objs = [o for p in children(head, "prep") if p.lower_ in g.controller_preps and head.i < p.i < verb.i for o in children(p, "pobj")]
        # "Xi is expected to visit Moscow": the subject raised to the passive head
        return objs or subjects(head, g) or children(head, "nsubjpass")
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and not children(verb, "mark"):
        head = verb.head
        while head.dep_ == "xcomp" and head.head.i != head.i:
            head = head.head  # "warned the US not to attack, threatening ...": the warner threatens
        return subjects(head, g)
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        head = verb.head.head
        if verb.head.lower_ in g.object_control_preps and children(head, "dobj") and head.i < verb.head.i:
            return children(head, "dobj")  # "accused Eritrea of breaching the truce": Eritrea breaches
        return subjects(head, g)  # "responded by stating that ...": the responder states
    return []


def passive_parts(verb: Token) -> tuple[list[Token], list[Token]]:
    """(agents from the by-phrase, patients in subject position) of a passive verb."""
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    patients = children(verb, "nsubjpass")
    return agents, patients


def first_object(verb: Token) -> Token | None:
    """The verb's object: its direct object or attribute, the subject of a passive ("the plan was
    denounced"), or the object of its first preposition."""
    for dep in ("dobj", "attr", "oprd", "nsubjpass"):
        found = children(verb, dep)
        if found:
            return found[0]
    for prep in children(verb, "prep", "agent"):
        pobj = children(prep, "pobj")
        if pobj:
            return pobj[0]
    return None


def prep_objects(token: Token, prep: str, g: Grammar) -> list[Token]:
    """Objects of a preposition on the token, also through a particle ("wrote back to Trump")."""
    out = []
    preps = list(token.children)
    preps += [gc for c in preps if c.dep_ in ("advmod", "prt") and c.lower_ in g.particles for gc in c.children]
    for p in preps:
        if p.dep_ in ("prep", "dative", "agent") and p.lower_ == prep:
            for o in p.children:
                if o.dep_ in ("pobj", "pcomp"):
                    out.extend(conjuncts(o))
    return out


def has_prep(verb: Token, prep: str, time_nouns: frozenset[str] = frozenset()) -> bool:
    """The verb has the preposition (or particle), not as a time before it ("On 2 June Kenya insisted ...")."""
    return any(c.dep_ in ("prep", "prt", "dative") and c.lower_ == prep and not fronted_time(c, time_nouns) for c in verb.children)


def fronted_time(prep: Token, time_nouns: frozenset[str]) -> bool:
    """A prepositional phrase before its verb that says when ("On 2 June", "In 2015, ..."): its
    object a time noun or a year. It fills no preposition a pattern asks for; one after the verb
    may ("called on Tuesday for talks" is read as PETRARCH2 reads it, whose patterns see the
    words after the verb only)."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return prep.i < prep.head.i and bool(objects) and all(o.lemma_.lower() in time_nouns or (o.like_num and len(o.text) == 4) for o in objects)


def clause_lemmas(verb: Token) -> Iterator[str]:
    """Lemmas of the verb's clause, skipping its subjects (they name actors, not the act)."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            continue
        for t in c.subtree:
            yield t.lemma_.lower()
    yield verb.lemma_.lower()


def negated(token: Token, g: Grammar) -> bool:
    """"did not", "never"; also "offered no help" and "neither X nor Y would comment"."""
    heads = [token, clause_head(token)]
    for h in heads:
        for c in h.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in g.negating_determiners for d in c.children):
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "preconj" and d.lower_ in g.negating_preconjunctions for d in c.children):
                return True
    return False


def auxiliaries(token: Token) -> set[str]:
    heads = {token, clause_head(token)}
    return {c.lower_ for h in heads for c in h.children if c.dep_ in ("aux", "auxpass")}


def condition_clause(token: Token, g: Grammar) -> Token | None:
    """An if/unless clause attached to the token's clause, if any."""
    for h in (token, clause_head(token)):
        for c in h.children:
            if c.dep_ == "advcl" and any(m.lower_ in g.condition_marks for m in c.children if m.dep_ == "mark"):
                return c
    return None


def inside_condition(token: Token, g: Grammar) -> bool:
    """True when the token sits in the antecedent of a condition ("if no deal is reached")."""
    t = token
    while t.head.i != t.i:
        if t.dep_ == "advcl" and any(m.lower_ in g.condition_marks for m in t.children if m.dep_ == "mark"):
            return True
        if t.dep_ == "pobj" and t.head.lower_ in g.condition_nouns:
            return True
        t = t.head
    return False


def governing(token: Token, deps: tuple[str, ...] = ("ccomp", "xcomp", "conj", "advcl")) -> Iterator[Token]:
    """The chain of heads above a token's clause through clause links."""
    t = clause_head(token)
    while t.head.i != t.i and t.dep_ in deps:
        t = t.head
        yield t


def text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def complements(token: Token, clauses: bool = False) -> set[int]:
    """The indices of the acts a word governs: its infinitive complements ("agreed to lift"), and
    with `clauses` its that-clauses after it too ("warned that it would strike"), with the verbs
    coordinated with each ("threatened to cut ties and expel the envoy")."""
    deps = ("xcomp", "ccomp") if clauses else ("xcomp",)
    found: set[int] = set()
    for comp in children(token, *deps):
        if comp.dep_ == "ccomp" and comp.i < token.i:
            continue  # "Arnor will act, an official demanded": a fronted clause is what was said
        found.add(comp.i)
        found.update(c.i for c in comp.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    return found


def regular_bases(form: str) -> list[str]:
    """The bases a regular English verb form may come from, likeliest first: "cordoned" -> cordon,
    cordone; "stopped" -> stopp, stop; "tried" -> try; "shelling" -> shell, shelle; "bans" -> ban."""
    for ending in ("ing", "ed", "es", "s"):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)]
            bases = [stem, stem + "e"] if ending != "s" else [stem]  # "closes" -> close, "watches" -> watch
            if ending in ("ed", "es") and stem.endswith("i"):
                bases.insert(0, stem[:-1] + "y")  # "tried", "tries" -> try
            if len(stem) > 2 and stem[-1] == stem[-2]:
                bases.append(stem[:-1])  # "stopped", "shelling" (when "shell" is not the verb)
            return bases
    return []


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """The word is one of `words` by its lemma, its form, or a base its regular ending could
    come from (the model lemmatises "hopes" as "hop")."""
    return token.lemma_.lower() in words or token.lower_ in words or any(b in words for b in regular_bases(token.lower_))


# Nominal endings and what the verb ends in instead, likeliest first: "condemnation" -> condemn,
# "invasion" -> invade, "agreement" -> agree, "withdrawal" -> withdraw, "criticism" -> criticize.
_NOMINAL_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ation", ("", "e", "ate")),
    ("ition", ("", "e")),
    ("sion", ("d", "de", "t", "")),
    ("tion", ("", "e")),
    ("ment", ("",)),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("ism", ("ize", "ise")),
    ("ure", ("e",)),
    ("al", ("", "e")),
    ("ing", ("", "e")),
    ("y", ("",)),
)


def noun_verbs(noun: str) -> list[str]:
    """The verbs a noun may name the act of, likeliest first: itself ("appeal", "offer"), then the
    bases its nominal ending could come from ("condemnation" -> condemn, "invasion" -> invade)."""
    out = [noun]
    for ending, replacements in _NOMINAL_ENDINGS:
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            stem = noun[: -len(ending)]
            out += [stem + r for r in replacements]
            if ending in ("ation", "ition", "tion") and stem.endswith("c"):
                out.append(stem[:-1] + "ke")  # "invocation" -> invoke
            break
    return out


def subjunctive(verb: Token) -> bool:
    """A that-clause in the mandative subjunctive ("insisted that Peru offer condolences", "demanded
    that the embassy be closed"): a bare verb with a subject, where the indicative would inflect
    (a singular subject with a plain form) or a bare "be"."""
    if verb.dep_ != "ccomp" or not any(m.dep_ == "mark" for m in verb.children):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return len(auxiliaries) == 1 and auxiliaries[0].lower_ == "be"
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or verb.tag_ not in ("VB", "VBP") or verb.lemma_ == "be":
        return False
    singular = subject.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in subject.children)
    return verb.tag_ == "VB" or singular


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def dateline_end(tokens: Sequence[Token]) -> int:
    """The index of the token after a wire dateline that opens the sentence ("GENEVA, 18 September
    (wire) -", "WASHINGTON (AP) --": a place in capitals, then a comma or a bracket, then a dash
    within a few words), or -1 when there is none."""
    tokens = list(tokens)[:16]
    if len(tokens) < 3 or not (tokens[0].text.isupper() and tokens[0].text.isalpha() and len(tokens[0].text) >= 3):
        return -1
    n = 1
    while n < len(tokens) and tokens[n].text.isupper() and tokens[n].text.isalpha():
        n += 1  # "NEW YORK"
    if n >= len(tokens) or tokens[n].text not in (",", "("):
        return -1
    for t in tokens[n:]:
        if t.text in _DASHES:
            return t.i + 1
    return -1
