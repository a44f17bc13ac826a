"""Propositions: each predicate of a parsed sentence with its roles, read off the parse once.

A proposition is a predicate (a verb, a predicative adjective, or a noun that names an
act) with who does it and to whom, after voice, control, raising, coordination, relative
clauses and light verbs:

    agents    who does it: the subject of an active verb; the "by" phrase of a passive
              (also where the parser hung it on the passive's complement: "was accused of
              breaking the truce by Baku"); an infinitive's controller ("urged Iran to
              stop": Iran; "pledged to stop": the pledger); a conjunct verb's shared
              subject; the noun a relative clause's pronoun stands for; a participle's
              main-clause subject. For a noun: its owner ("Kenya's criticism", "Israeli
              strikes", "attacks by X"), the subject of the light verb it is the object of
              ("Britain launched an inquiry"), or the source of what one comes under
              ("came under fire from Georgian artillery": the artillery).
    patients  whom it is done to: direct objects; the subject of a passive; the one who
              comes under the act a noun names ("Armenian troops came under fire").
    passive   whether the roles were read through a passive.

`SentencePropositions.of(token)` reads a token's proposition when first asked and keeps
it: only the words a coder looks at are read; `recipients(token)` gives whom its own phrases
name. The rule coder (coding.parties) and the combine stage read roles here; the record
readers and the modality and statements stages still read their clauses off the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import syntax as sx
from .grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Token

_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_AGENT_PREPS = frozenset({"by", "from"})


@dataclass(frozen=True, slots=True)
class Proposition:
    predicate: Token
    agents: tuple[Token, ...]
    patients: tuple[Token, ...]
    passive: bool = False


@dataclass(slots=True)
class SentencePropositions:
    """The propositions of one sentence, read on demand (see the module docstring)."""

    grammar: Grammar
    _read: dict[int, Proposition] = field(default_factory=dict)

    def recipients(self, token: Token) -> list[Token]:
        """Whom a predicate's own phrases name as the one it is aimed at, in reading order: its
        indirect object, the objects of the recipient prepositions (grammar.yaml) on it and on its
        direct object ("offered aid to X", "sympathy for X", "aid from X"), then those of theirs."""
        g = self.grammar
        heads = [h for o in sx.children(token, "dative", "iobj") if o.pos_ != "ADP" for h in sx.conjuncts(o)]
        if sx.children(token, "dobj") and sx.is_passive(token):
            # "Kenya was offered a loan by Pakistan": the subject of a passive that keeps its object
            heads += [h for o in sx.children(token, "nsubjpass") for h in sx.conjuncts(o)]
        holders = [token, *sx.children(token, "dobj")]
        if token.pos_ == "NOUN":  # "a request for aid from Chile": the phrases of what the noun is for
            holders += [o for p in sx.children(token, "prep") for o in sx.children(p, "pobj")]
            if token.dep_ == "dobj" and token.head.lemma_.lower() in g.light_verbs:
                holders.append(token.head)  # "offered an apology to Turkey": the light verb's phrases
        found = [h for holder in holders for h in self._aimed(holder)]
        # then whom those phrases' own phrases name ("called for the embargo on Cuba to be lifted")
        return heads + found + [h for o in found for h in self._aimed(o)]

    def _aimed(self, holder: Token) -> list[Token]:
        """The objects of the recipient prepositions on one word, with their conjuncts."""
        g = self.grammar
        return [
            h for prep in holder.children if prep.dep_ in ("prep", "dative") and prep.lower_ in g.recipient_preps
            for o in sx.children(prep, "pobj") for h in sx.conjuncts(o)
        ]  # fmt: skip

    def of(self, token: Token) -> Proposition:
        found = self._read.get(token.i)
        if found is None:
            found = self._read[token.i] = read_proposition(token, self.grammar)
        return found


def read_proposition(token: Token, g: Grammar) -> Proposition:
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun(token, g)
    verb = sx.clause_head(token)
    if sx.is_passive(verb):
        agents, patients = sx.passive_parts(verb)
        return Proposition(token, tuple(agents or _displaced_agents(verb)), tuple(patients), passive=True)
    return Proposition(token, tuple(sx.subjects(verb, g)), tuple(_objects(token)))


def _objects(verb: Token) -> list[Token]:
    """A verb's direct objects; or a name right after it that the parser took for an adverbial
    ("visited Jakarta" read as npadvmod): a transitive verb's object all the same."""
    objects = sx.children(verb, "dobj")
    if objects or verb.i + 1 >= len(verb.doc):
        return objects
    after = verb.doc[verb.i + 1]
    return [after] if after.head.i == verb.i and after.dep_ == "npadvmod" and after.pos_ == "PROPN" else []


def _displaced_agents(verb: Token) -> list[Token]:
    """The "by" phrase of a passive that the parser hung on its active complement: "Yerevan was
    accused of breaking the truce by Azerbaijan's ministry" (an active gerund has no agent
    phrase of its own; a "by" with a gerund, "by shelling villages", is a means, not an agent)."""
    for child in verb.children:
        if child.dep_ == "xcomp":
            acts = [child]
        elif child.dep_ == "prep" and child.lower_ != "by":
            acts = sx.children(child, "pcomp")
        else:
            continue
        for act in acts:
            if act.pos_ != "VERB" or sx.is_passive(act):
                continue
            for prep in sx.children(act, "prep"):
                if prep.lower_ == "by":
                    return [o for o in sx.children(prep, "pobj") if sx.nominal(o)]
    return []


def _noun(noun: Token, g: Grammar) -> Proposition:
    """A noun that names an act: who did it and to whom (see the module docstring)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in g.undergo_preps and head.head.lemma_.lower() in g.undergo_verbs:
        # "came under fire from Georgian artillery": the verb's subject suffers the act
        verb = head.head
        agents = [o for p in sx.children(verb, "prep") if p.lower_ in _AGENT_PREPS for o in sx.children(p, "pobj")]
        agents += [o for p in sx.children(noun, "prep") if p.lower_ in _AGENT_PREPS for o in sx.children(p, "pobj")]
        return Proposition(noun, tuple(agents), tuple(sx.subjects(verb, g)), passive=True)
    owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS and c.i < noun.i]
    # "attacks by X", also where the parser hung the "by" on the noun's own phrase ("the request for
    # aid from Chile by Peru", "the attack on the convoy by rebels")
    phrase = [noun, *(o for p in sx.children(noun, "prep") for o in sx.children(p, "pobj"))]
    owners += [o for h in phrase for p in h.children if p.dep_ == "prep" and p.lower_ == "by" for o in sx.children(p, "pobj")]
    if not owners:  # "attacks from Gaza"; but "a request for aid from Chile by Peru" asks it of Chile
        owners = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "from" for o in sx.children(p, "pobj")]
    if all(o.lower_ in g.shared_possessives for o in owners) and noun.dep_ == "dobj" and head.lemma_.lower() in g.light_verbs:
        # "Britain launched an inquiry", "Chile mounted a campaign", "the MPs launched their
        # inquiry": the light verb's subject
        return Proposition(noun, tuple(read_proposition(head, g).agents), ())
    # "the invasion of Kuwait", "the condemnation of X by Y": the object of its "of" suffers it
    patients = [h for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in sx.children(p, "pobj") for h in sx.conjuncts(o)]
    return Proposition(noun, tuple(owners), tuple(patients))
