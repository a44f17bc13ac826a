"""Who acts and to whom: the parties of a trigger, read through its proposition.

`Parties.sources` reads the agents of a trigger's proposition (coding.propositions) as actors:
the members of a list, a state the parser coordinated with a placed sector, a body nothing
places ("Police fired": ---COP, or that state's where the sentence places the act), a subject
that names no one standing for its owner. `Parties.targets` follows a pattern's target paths
in order (`TARGET_PATHS`, one reader per path), then whom the predicate's own phrases name,
and gives the first that names someone other than the source, with a place.

Nothing here matches patterns (coding.matching) or makes drafts (coding.rules).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..mentions import SentenceMentions
from ..records import Actor
from . import syntax as sx
from .evaluation import Valence, about_whom, evaluation, own_side
from .grammar import Grammar
from .lexicon import Pattern
from .propositions import SentencePropositions

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Parties:
    """Reads sources and targets with the grammar and the policy it is built with."""

    grammar: Grammar
    valence: Valence  # for the "evaluated" path: how good or bad what a verb calls its object is
    needs_target_or_place: str  # policy: from this root on, an act needs a victim or a place
    domestic_sectors: frozenset[str]  # policy: a countryless target of these is the source's state's
    international: frozenset[str]  # bodies (IGO, NGO) whose targets never become domestic
    unplaced_sectors: frozenset[str]  # policy: sectors coded without a country when nothing places them
    stateless_sectors: frozenset[str] = frozenset()  # policy: targets a state's force alone makes its own
    force_from_root: str = "18"  # policy: force.from_root

    def sources(self, trigger: Token, pattern: Pattern, actors: SentenceMentions, props: SentencePropositions) -> list[Actor]:
        verb = sx.clause_head(trigger)
        prop = props.of(trigger)
        heads = list(prop.agents) or (list(prop.patients) if prop.passive and pattern.passive_patient_source else [])
        out: list[Actor] = []
        for h in heads:
            for c in self._members(h, actors):
                group = actors.group_of(c)
                if pattern.kind == "symmetric" and len(group) >= 2:
                    out.extend(group)  # "they met": both parties, when "they" can stand for a pair
                    continue
                a = actors.actor_of(c)
                if a is not None and a.code:
                    a = self._placed_like(h, c, a, actors)
                    out.append(a)
                    out.extend(self._spread(c, a, actors))
                elif group:
                    out.extend(group)
                elif (pattern.kind != "statement" and not self._reports(verb)) or self._demands(trigger, verb, pattern):
                    # "Police fired tear gas": a body nothing places acts as its sector alone
                    unplaced = actors.unplaced(c, self.unplaced_sectors)
                    if unplaced is not None:
                        out.append(self._placed_where(trigger, unplaced, actors))
                    elif a is None and c.pos_ == "NOUN":
                        # "Eriador's death toll has risen": a subject that names no one is its owner's
                        out += [o for w in _owners_of(c) if (o := actors.actor_of(w)) is not None and o.code]
        return out

    def _placed_where(self, trigger: Token, actor: Actor, actors: SentenceMentions) -> Actor:
        """An unplaced body acting in a state the sentence names is that state's ("Police arrested
        him in Minsk": BLRCOP), unless its sector is often abroad ("troops in Mali" may be anyone's)."""
        if actor.sector in actors.knowledge.vocab.resolution.abroad_sectors:
            return actor
        place = self.place(trigger, actors) or self._place_in_clause(trigger, actors)
        if place is None or not place.country or place.country in self.international:
            return actor
        return replace(actor, code=place.country + (actor.sector or ""), country=place.country, basis="context", confidence=0.6)

    def _reports(self, verb: Token) -> bool:
        """The verb reports a clause ("officials said the talks had failed", "..., an official
        said"): its subject is whose word the clause is, not a party to it."""
        return verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in verb.children)

    def _demands(self, trigger: Token, verb: Token, pattern: Pattern) -> bool:
        """The verb's clause is what its subject threatens or demands, not what it reports ("Police
        warned that they would attack X", "Rebels insisted that Rome free the crew"): the subject is
        a party to it, however unplaced."""
        if verb.i != trigger.i:
            return False
        return pattern.kind == "threat" or any(sx.subjunctive(c) for c in verb.children if c.dep_ == "ccomp")

    def _members(self, head: Token, actors: SentenceMentions) -> list[Token]:
        """The conjuncts of a list, with a name the parser made an apposition inside it ("Ghana, the
        tiny Togo, and Benin"): an apposition renames its head, so a name of another state
        beside a coordination is one more member, not the head's second name."""
        members = sx.conjuncts(head)
        apposed = [(m, p) for m in members for p in m.children if p.dep_ == "appos" and (p.pos_ == "PROPN" or p.is_title)]
        if not apposed:
            return members  # most lists (and most heads) have no apposition: nothing more to read
        countries = {a.country for a in map(actors.actor_of, members) if a is not None and a.country}
        listed = [
            p for m, p in apposed
            if _in_list(m, p) and (a := actors.actor_of(p)) is not None and a.code and a.country not in countries
        ]  # fmt: skip
        return sorted(members + listed, key=lambda t: t.i) if listed else members

    def _spread(self, head: Token, actor: Actor, actors: SentenceMentions) -> list[Actor]:
        """Coordinated owners of one sector word each make an actor: "the ambassadors of Arnor,
        Osgiliath and Gondor", "Eriadori and Calenardhon leaders" are three and two."""
        if not actor.sector or not actor.country or actor.code != actor.country + actor.sector:
            return []
        # "the ambassadors of ...", and the places that placed the sector ("officials in Kenya and Uganda")
        owners = _prep_objects(head, {"of"} | actors.knowledge.vocab.resolution.place_preps)
        owners += [m for m in head.children if m.dep_ in ("amod", "compound", "poss", "nmod")]
        out: list[Actor] = []
        for owner in owners:
            for other in sx.conjuncts(owner)[1:] if owner.i == sx.conjuncts(owner)[0].i else []:
                found = actors.actor_of(other)
                if found is None or not found.country or found.country == actor.country or found.code != found.country:
                    continue
                out.append(replace(found, code=found.country + actor.sector, sector=actor.sector, basis="context", confidence=min(0.8, found.confidence)))
        return out

    def _placed_like(self, first: Token, conj: Token, actor: Actor, actors: SentenceMentions) -> Actor:
        """ "Lawmakers in Kenya and Uganda" parsed with Uganda coordinated with the lawmakers, not with
        Kenya: a bare state coordinated with a sector that a place preposition placed is that sector
        in that state too (UGALEG), as if the parse had coordinated the places."""
        if conj.i == first.i or conj.pos_ != "PROPN" or actor.sector or not actor.country or actor.code != actor.country:
            return actor
        placed = actors.actor_of(first)
        if placed is None or not placed.sector or not placed.country or placed.code != placed.country + placed.sector:
            return actor
        places = _prep_objects(first, actors.knowledge.vocab.resolution.place_preps)
        if not any((a := actors.actor_of(o)) is not None and a.country == placed.country and a.code == a.country for o in places):
            return actor
        return replace(actor, code=actor.country + placed.sector, sector=placed.sector, basis="context", confidence=min(0.8, actor.confidence))

    def targets(
        self, trigger: Token, pattern: Pattern, actors: SentenceMentions, props: SentencePropositions, source: Actor,
        sources: Sequence[Actor] = (),
    ) -> tuple[list[Actor], str | None]:
        """The target by the pattern's paths, in order, and a location: whom the first path that
        names someone other than the source names. `sources`: all who do the act, when several
        do it ("Doha and Serbia suspended aid to police": the police are neither's by inference)."""
        location = None
        if trigger.pos_ == "NOUN" and props.of(trigger).patients:
            # "Armenian troops came under fire from ...": who came under the act is its target
            suffered = [a for h in props.of(trigger).patients for c in sx.conjuncts(h) if (a := actors.actor_of(c)) is not None and a.code]
            if suffered:
                return suffered, None
        # last, whom the predicate's own phrases name as its recipient ("offered aid to X",
        # "expressed sympathy for X", "requested aid from X"), whatever paths the pattern names
        paths = (*pattern.target, "recipients") if pattern.target and pattern.kind != "statement" else pattern.target
        if pattern.kind == "threat":
            paths = (*paths, "governed")  # "warned that it would deploy tanks against Syria"
        if trigger.pos_ == "NOUN":
            paths = ("recipients", *paths)  # "the praise for the Syrian navy": whom the noun's phrases name
        home = source.country if all(s.country == source.country for s in sources) else None
        home = None if home in self.international else home  # an IGO's police are no one's by inference
        reading = _Reading(trigger, pattern, actors, props, source, home)
        for path in paths:
            if path == "loc":
                for spot in self._spots(trigger):
                    found = actors.place_of(spot)
                    if found is not None:
                        location = location or found.text
                        if found.country != source.country:
                            return [found], location
                continue
            name, _, word = path.partition(":")
            heads = TARGET_PATHS[f"{name}:" if word else name](self, reading, word)
            found_actors = self._actors(heads, reading)
            if found_actors:
                return found_actors, location
        place = self.place(trigger, actors)  # where the act happened, even when it is not the target
        return [], place.text if place is not None else location

    def _actors(self, heads: list[Token], r: _Reading) -> list[Actor]:
        """The actors the heads name for a target: none the source itself; a countryless body the
        source's (domestic sectors) or, for an unplaced source, unplaced too."""
        out: list[Actor] = []
        for h in heads:
            a = r.actors.actor_of(h)
            if a is None:
                continue
            d = self._domestic(a, r.home, r.pattern.code[:2] >= self.force_from_root)
            if not d.code and (r.home is None or a.sector in self.stateless_sectors):
                # a body nothing places is unplaced ("police fired on protesters": ---OPP), or of
                # the state where it happened ("... on protesters in Caracas"), when no one state
                # acts on it (an unplaced source, an IGO, parties of several states) or it is no
                # state's organ (armed groups); a placed source's other kinds are no target
                # (tried: "joining forces", "gather intelligence" became targets)
                unplaced = r.actors.unplaced(h, self.unplaced_sectors)
                d = self._placed_where(r.trigger, unplaced, r.actors) if unplaced is not None else d
            if d.code and d.text != r.source.text and d.code != r.source.code:
                out += [d, *self._spread(h, d, r.actors)]  # "Eriadori and Calenardhon leaders": two
        return out

    def _spots(self, trigger: Token) -> list[Token]:
        """Where a "loc" path looks for a place: "in", "inside", "at", ... (grammar place_preps) on the verb or its object."""
        obj = sx.first_object(trigger)
        return [
            spot for prep in self.grammar.place_preps
            for spot in sx.prep_objects(trigger, prep, self.grammar) + (sx.prep_objects(obj, prep, self.grammar) if obj is not None else [])
        ]  # fmt: skip

    # ------------------------------------------------------------ target paths (TARGET_PATHS)

    def _objects(self, r: _Reading, _: str) -> list[Token]:
        """ "dobj": the objects, or the subject of a passive (unless the pattern makes it the
        source); an object that names no one stands for its owner ("detained staff of the
        embassy", "seized Peru's vessel", "Staff of the embassy were detained"), except for force,
        which needs the thing hit to be a facility ("attacked Labour's pledges" hits no one), and
        a meeting ("would meet his golden rule" meets no one)."""
        prop, actors = r.props.of(r.trigger), r.actors
        theirs = self.grammar.shared_possessives
        if prop.passive:
            heads = [h for o in sx.children(r.trigger, "dobj") for h in self._members(o, actors)]
            heads += [h for o in prop.patients for h in sx.conjuncts(o)] if not r.pattern.passive_patient_source else []
        else:
            heads = [h for o in prop.patients for h in self._members(o, actors)]
        owned = r.pattern.code[:2] < self.needs_target_or_place and r.pattern.kind != "symmetric"
        facilities = actors.knowledge.vocab.resolution.facility_nouns
        return [
            o for h in heads
            for o in ([h] if actors.actor_of(h) is not None or not (owned or h.lower_ in facilities) else _owners_of(h))
            # "their aid", "warned their citizens": the subject's own, never its target
            if o.lower_ not in theirs and not any(c.dep_ == "poss" and c.lower_ in theirs for c in o.children)
        ]  # fmt: skip

    def _dative(self, r: _Reading, _: str) -> list[Token]:
        heads = [h for o in sx.children(r.trigger, "dative", "iobj") for h in sx.conjuncts(o)]
        if any(c.dep_ == "dative" and c.lower_ == "to" for c in r.trigger.children):
            heads += sx.prep_objects(r.trigger, "to", self.grammar)
        return heads

    def _prep(self, r: _Reading, prep: str) -> list[Token]:
        return sx.prep_objects(r.trigger, prep, self.grammar)

    def _object_prep(self, r: _Reading, prep: str) -> list[Token]:
        obj = sx.first_object(r.trigger)
        return sx.prep_objects(obj, prep, self.grammar) if obj is not None else []

    def _after(self, r: _Reading, prep: str) -> list[Token]:
        return self._first_named(self._after_skipped(r.trigger, prep), r.actors, r.source)

    def _object_owner(self, r: _Reading, _: str) -> list[Token]:
        """ "obj.poss": the object's owner: "Trump's threats", "the US complaint", "an Iranian
        proposal", "the plan proposed by Saudi Arabia", also the agent of the act the object names
        where the parser hung it on the act's "of" ("the arrest of two reporters by Ruritania")."""
        g, obj = self.grammar, sx.first_object(r.trigger)
        if obj is None:
            return []
        heads = [c for c in obj.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        heads += [w for a in sx.children(obj, "acl") for ag in sx.children(a, "agent") for w in sx.children(ag, "pobj")]
        return heads + [b for o in [obj, *sx.prep_objects(obj, "of", g)] for b in sx.prep_objects(o, "by", g)]

    def _warned_subject(self, r: _Reading, _: str) -> list[Token]:
        """ "ccomp.nsubj": "warned that Iran would respond if the United States struck": the one
        warned is a subject in the warning that is not on the warner's own side."""
        for comp in sx.children(r.trigger, "ccomp"):
            subjects = [
                c for c in comp.subtree
                if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "PRON") and c.lower_ != "it"
            ]  # fmt: skip
            heads = [h for h in subjects if (a := r.actors.actor_of(h)) is None or a.country != r.source.country]
            if heads:
                return heads
        return []

    def _clause_object(self, r: _Reading, _: str) -> list[Token]:
        """ "ccomp.dobj": "warned that it would attack American bases": the threatened act's object."""
        return [h for c in sx.children(r.trigger, "ccomp") for o in sx.children(c, "dobj") for h in sx.conjuncts(o)]

    def _infinitive_object(self, r: _Reading, _: str) -> list[Token]:
        return [o for x in sx.children(r.trigger, "xcomp") for o in sx.children(x, "dobj")]

    def _recipients(self, r: _Reading, _: str) -> list[Token]:
        return self._first_named(r.props.recipients(r.trigger), r.actors, r.source)

    def _governed(self, r: _Reading, _: str) -> list[Token]:
        """Whom a threatened act is aimed at: its object, or whom its phrases name."""
        doc = r.trigger.doc
        acts = [doc[i] for i in sorted(sx.complements(r.trigger, clauses=True))]
        return self._first_named([h for a in acts for h in (*r.props.of(a).patients, *r.props.recipients(a))], r.actors, r.source)

    def _purpose(self, r: _Reading, _: str) -> list[Token]:
        return self._first_named(self._purpose_args(r.trigger), r.actors, r.source)

    def _evaluated(self, r: _Reading, _: str) -> list[Token]:
        """ "called Uganda's offer dangerous": whom what it calls is about, never one's own side."""
        judged = evaluation(r.trigger, self.grammar, self.valence)
        heads = self._first_named(about_whom(judged, r.props), r.actors, r.source) if judged is not None else []
        return [h for h in heads if (who := r.actors.actor_of(h)) is None or not own_side(r.source, who)]

    def _path_heads(self, trigger: Token, path: str) -> list[Token]:
        """Heads along the paths dictionary patterns name: the subject, what follows the object,
        the arguments (objects, then the objects of the verb's and the object's prepositions, and
        of theirs), or, as PETRARCH reads a verb phrase, any name after the verb ("any")."""
        g = self.grammar
        if path == "subj":
            return [h for s in sx.subjects(sx.clause_head(trigger), g) for h in sx.conjuncts(s)]
        obj = sx.first_object(trigger)
        if path == "after_obj":
            if obj is None:
                return []
            return [t for t in trigger.subtree if t.i > obj.i and t.dep_ in ("pobj", "dobj", "conj", "appos") and sx.nominal(t)]
        if path.startswith("prep:"):
            return sx.prep_objects(trigger, path[5:], g)
        if path.startswith("obj.prep:"):
            return sx.prep_objects(obj, path[9:], g) if obj is not None else []
        heads = [h for o in sx.children(trigger, "dobj", "dative", "iobj") for h in sx.conjuncts(o)]
        # an object that names no one by its head names its owner first ("met Eriadori leaders
        # during a visit to Gondor": the leaders' country, before any name in a later phrase)
        heads += [m for o in list(heads) for m in o.children if m.dep_ in _OWNERS and m.i < o.i]
        passive = sx.is_passive(trigger)
        nested: list[Token] = []
        for prep in trigger.children:
            if prep.dep_ in ("prep", "dative") and not (passive and prep.lower_ == "by"):  # a passive's "by" is its source
                nested += _nested_objects(prep, 3)
        for o in sx.children(trigger, "dobj", "attr", "oprd"):
            nested += _nested_objects(o, 3)
        # each with its possessor after it: "an inquiry into Serbia's conduct" names Serbia (not a
        # modifier: "a giant of the Labour movement" names no one)
        heads += [h for o in nested for h in (o, *(m for m in o.children if m.dep_ == "poss"))]
        if path == "args":
            return heads
        # then, as PETRARCH reads a verb phrase, any name after the verb ("an anti-Gondor parade"),
        # outside the clauses that hang off it (a time clause, a relative clause, a second verb)
        heads += [t for t in _phrase_tokens(trigger) if (t.dep_ in _NAMES and sx.nominal(t)) or t.pos_ == "PROPN"]
        return heads + self._purpose_args(trigger)

    def _purpose_args(self, trigger: Token) -> list[Token]:
        """The arguments of an infinitive of purpose on the verb or its object, in reading order:
        "signed an accord to supply Chile with gas" names the other party by the supply."""
        obj = sx.first_object(trigger)
        clauses = [c for c in trigger.children if c.dep_ in ("advcl", "xcomp")]
        clauses += [c for c in obj.children if c.dep_ == "acl"] if obj is not None else []
        heads: list[Token] = []
        for verb in sorted(clauses, key=lambda t: t.i):
            if verb.pos_ != "VERB" or verb.i < trigger.i or not sx.infinitive(verb):
                continue
            heads += self._path_heads(verb, "args")
        return heads

    def _after_skipped(self, trigger: Token, prep: str) -> list[Token]:
        """The names after the object of the verb's (or its object's) preposition, in reading order:
        a dictionary's "IN ^ +" skips that phrase (a place) for the one after it."""
        obj = sx.first_object(trigger)
        spots = sx.prep_objects(trigger, prep, self.grammar) + (sx.prep_objects(obj, prep, self.grammar) if obj is not None else [])
        if not spots:
            return []
        end = max(t.i for t in spots[0].subtree)
        return [t for t in _phrase_tokens(trigger) if t.i > end and t.dep_ in ("pobj", "dobj", "conj", "appos") and sx.nominal(t)]

    def _first_named(self, heads: list[Token], actors: SentenceMentions, source: Actor) -> list[Token]:
        """The first of many candidate heads that names an actor other than the source, with the
        heads coordinated with it: one target, or one list of targets, never a mix of readings."""
        for head in heads:
            if head.dep_ == "poss" and head.lower_ in self.grammar.shared_possessives:
                continue  # "Britain and France increased their aid to Sudan": "their" is the subject's
            found = actors.actor_of(head)
            if found is not None and not found.code and source.country is None:
                found = actors.unplaced(head, self.unplaced_sectors)  # an unplaced source's target may be too
            if found is not None and found.code and found.code != source.code:
                if head.dep_ in _OWNERS and head.head.i != head.i:
                    # "the Indian army", "Poland's parliament": the phrase the name modifies, when it
                    # names an actor of that country, is the target, not the country alone
                    whole = actors.actor_of(head.head)
                    if whole is not None and whole.code and whole.country == found.country and whole.code != source.code:
                        head = head.head
                return [h for h in sx.conjuncts(head)]
        return []

    def along(self, trigger: Token, paths: tuple[str, ...], actors: SentenceMentions) -> list[Actor]:
        """The actors along the first of the paths that names one (a pattern's source: "protests from $")."""
        for path in paths:
            found = [a for a in (actors.actor_of(h) for h in self._path_heads(trigger, path)) if a is not None and a.code]
            if found:
                return found
        return []

    def _domestic(self, actor: Actor, home: str | None, force: bool) -> Actor:
        """A countryless police, parliament or opposition target belongs to the state of those acting
        on it; rebels only to the state whose force is used on them."""
        domestic = actor.sector in self.domestic_sectors or (force and actor.sector in self.stateless_sectors)
        if actor.code or not domestic or not home:
            return actor
        return replace(actor, code=home + (actor.sector or ""), country=home, basis="context", confidence=0.6)

    def _place_in_clause(self, trigger: Token, actors: SentenceMentions) -> Actor | None:
        """The first state named by "in" or "at" among the trigger's own phrases ("fired tear gas at
        protesters in Caracas"), not inside a clause hanging off it."""
        for t in _phrase_tokens(trigger):
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and (found := actors.place_of(t)) is not None:
                return found
        return None

    def place(self, tok: Token, actors: SentenceMentions) -> Actor | None:
        """The country where an act took place ("in Oman", "in Muscat"), if the sentence names one;
        "met and conversed in Oman" places both verbs, "held talks in Muscat" the talks."""
        heads = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        obj = sx.first_object(tok)
        if obj is not None:
            heads.append(obj)  # "held talks in Muscat"
        for verb in heads:
            for prep in ("in", "at", "near"):
                for place in sx.prep_objects(verb, prep, self.grammar):
                    found = actors.place_of(place)
                    if found is not None:
                        return found
        return None

    def between(self, tok: Token) -> list[Token]:
        """Both sides of "between A and B" on the verb, its object or its subject."""
        places = [tok] + sx.children(tok, "dobj", "nsubj", "nsubjpass")
        for p in places:
            found = sx.prep_objects(p, "between", self.grammar)
            if found:
                return found
        return []


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a target path reads: the trigger, its pattern, the sentence's actors and
    propositions, and the source the target must differ from."""

    trigger: Token
    pattern: Pattern
    actors: SentenceMentions
    props: SentencePropositions
    source: Actor
    home: str | None  # the one country of all who act (None: unplaced, or several), for a domestic target


if TYPE_CHECKING:
    PathReader = Callable[[Parties, _Reading, str], list[Token]]


def _named_path(path: str) -> PathReader:
    """A path read as PETRARCH reads a verb phrase: the first of its heads that names someone."""

    def read(parties: Parties, r: _Reading, _: str) -> list[Token]:
        return parties._first_named(parties._path_heads(r.trigger, path), r.actors, r.source)

    return read

# a pattern's target path -> its reader; "prep:X", "obj.prep:X" and "after:X" carry their word
TARGET_PATHS: dict[str, PathReader] = {
    "dobj": Parties._objects,
    "dative": Parties._dative,
    "prep:": Parties._prep,
    "obj.prep:": Parties._object_prep,
    "after:": Parties._after,
    "obj.poss": Parties._object_owner,
    "ccomp.nsubj": Parties._warned_subject,
    "ccomp.dobj": Parties._clause_object,
    "xcomp.dobj": Parties._infinitive_object,
    "recipients": Parties._recipients,
    "governed": Parties._governed,
    "purpose": Parties._purpose,
    "evaluated": Parties._evaluated,
    **{path: _named_path(path) for path in ("subj", "after_obj", "args", "any")},
    "between": lambda parties, r, word: [],  # both sides of "between": read as sources, by the rule coder
}

_OWNERS = frozenset({"compound", "amod", "nmod", "poss"})
_NAMES = frozenset({"compound", "amod", "nmod", "poss", "nsubj", "nsubjpass", "pobj"})
_OTHER_CLAUSES = frozenset({"advcl", "relcl", "conj", "parataxis", "acl"})


def _owners_of(thing: Token) -> list[Token]:
    """Who owns a thing: its possessor, else the object of its "of", with their conjuncts."""
    owners = [c for c in thing.children if c.dep_ == "poss"] or [o for p in sx.children(thing, "prep") if p.lower_ == "of" for o in sx.children(p, "pobj")]
    return [h for o in owners for h in sx.conjuncts(o)]


def _prep_objects(head: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """The objects of the head's prepositions among `preps` ("officials in Kenya", "the ambassadors of Ghana")."""
    return [o for p in sx.children(head, "prep") if p.lower_ in preps for o in sx.children(p, "pobj")]


def _in_list(head: Token, appos: Token) -> bool:
    """Whether a coordination runs through the head or its apposition ("A, the B, and C")."""
    return any(c.dep_ in ("cc", "conj") for t in (head, appos) for c in t.children)


def _phrase_tokens(trigger: Token) -> list[Token]:
    """The tokens after the verb in its own phrase, in order, without the clauses that hang off it."""
    out: list[Token] = []
    stack = [c for c in trigger.children if c.i > trigger.i and c.dep_ not in _OTHER_CLAUSES]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _OTHER_CLAUSES or c.dep_ == "acl" and t.dep_ != "ROOT")
    return sorted(out, key=lambda t: t.i)


def _nested_objects(token: Token, depth: int) -> list[Token]:
    """The objects of the prepositions below a token, and of theirs, in reading order, to `depth`:
    "a resumption of ties with Osgiliath", "the roads leading into Mordor"."""
    out: list[Token] = []
    if depth <= 0:
        return out
    for child in token.children:
        if child.dep_ in ("pobj", "pcomp") and token.dep_ in ("prep", "dative", "agent"):
            out.extend(sx.conjuncts(child))
            out.extend(_nested_objects(child, depth - 1))
        elif child.dep_ in ("prep", "agent", "acl") or (child.dep_ == "prep" and token.dep_ == "acl"):
            out.extend(_nested_objects(child, depth - 1 if child.dep_ == "acl" else depth))
    return out
