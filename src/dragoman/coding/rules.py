"""The rule coder: verb patterns from the lexicon matched on the dependency parse.

Who did what to whom, read off the parse with the verb lexicon
(data/verbs.yaml). A draft needs a trigger word in the lexicon whose pattern
matches, and a source that resolves to an actor; a verb that matches nothing
is no event (there is no catch-all code).

This is one implementation of the `Coder` protocol (`coding.coders`). It
proposes drafts only: modality, intent folding, reporting verbs, threats'
targets, duplicates and quotes are settled by the shared stages after it
(`coding.shared`), whichever coder ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..knowledge import Knowledge
from ..mentions import SentenceMentions
from ..records import Actor
from ..state import SentenceWork
from ..version import __version__
from . import syntax as sx
from .draft import Draft
from .evaluation import ANY, Valence, about_whom, evaluation, own_side
from .grammar import Grammar
from .lexicon import Lexicon, Pattern, PatternIndex, PrepCond, SeqItem
from .petrarch import DISCARD
from .propositions import SentencePropositions

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class RuleCoder:
    """Codes a sentence with the verb lexicon; build it with `RuleCoder.from_knowledge`."""

    lexicon: Lexicon
    grammar: Grammar
    meeting: str  # policy: a meeting (040) ...
    meeting_elsewhere: str  # ... in a country that is neither party's (044)
    needs_target_or_place: str  # policy: from this root on, an act needs a victim or a place
    domestic_sectors: frozenset[str]
    international: frozenset[str]  # bodies (IGO, NGO) whose targets never become domestic
    mutual_roots: frozenset[str]  # cooperation a compound subject's parties do with each other
    unplaced_sectors: frozenset[str]  # policy: sectors coded without a country when nothing places them
    signed: str  # policy: an agreement signed, every signatory's with every other
    valence: Valence  # how good or bad what a verb calls its object is (a pattern's `valence`)
    name: str = "rules"
    version: str = f"dragoman-{__version__}"

    @classmethod
    def from_knowledge(cls, knowledge: Knowledge) -> RuleCoder:
        policy = knowledge.policy
        return cls(
            knowledge.lexicon,
            knowledge.grammar,
            policy.codes.meeting,
            policy.codes.meeting_elsewhere,
            policy.roots.needs_target_or_place,
            policy.domestic_sectors,
            knowledge.actors.vocab.codes.international,
            policy.roots.mutual,
            policy.unplaced_sectors,
            policy.codes.signed,
            knowledge.valence,
        )

    @property
    def fingerprint(self) -> str:
        return self.lexicon.fingerprint

    def code(self, work: SentenceWork) -> list[Draft]:
        """All drafts of one sentence, statements (reporting verbs) included."""
        assert work.mentions is not None and work.propositions is not None
        props = work.propositions
        drafts: list[Draft] = []
        statements: list[Draft] = []
        lexicon = self.lexicon
        forms: frozenset[str] | None = None  # every word form of the sentence, once a trigger needs them
        coded_at: dict[int, bool] = {}  # the triggers that coded something -> whether by a specific pattern
        for tok in work.tokens:
            entries: list[tuple[tuple[Pattern, ...], PatternIndex] | None]
            derived = False  # a noun read through its verb's entry
            if tok.pos_ in ("VERB", "AUX") and (tok.lemma_ != "be" or tok.dep_ in ("ROOT", "ccomp", "conj", "advcl")):
                # "be" only as a main verb ("are on standby"); a dictionary may list a form itself
                # ("LEFT", the departure, beside "LEAVE"): that entry first
                lemma, form = tok.lemma_.lower(), tok.lower_
                entries = [lexicon.entry("verbs", form) if form != lemma else None, lexicon.entry("verbs", lemma)]
                if entries == [None, None]:
                    # the model's lemma may be wrong for a rare verb ("cordoned" -> "cordone"): the
                    # verbs its regular endings could come from
                    bases = (lexicon.entry("verbs", base) for base in sx.regular_bases(form))
                    entries = [next((e for e in bases if e is not None), None)]
            elif tok.pos_ == "ADJ":
                entries = [lexicon.entry("adjectives", tok.lower_)]
            elif tok.pos_ == "NOUN" and (tok.dep_ in NOMINAL_DEPS or self._carried(tok, coded_at)):
                # an event named by a noun that is what the clause is about: "Kenya's criticism of
                # Uganda angered ...", "Talks between A and B collapsed", a headline "Israeli strikes on
                # Gaza"; or that a light verb carries ("launched an inquiry"), or that one comes under
                noun = tok.lemma_.lower()
                entries = [lexicon.entry("nouns", noun)]
                derived = entries == [None] and work.mentions.actor_of(tok) is None  # "government" is no act of governing
                if derived:
                    # a noun the noun table lacks names the act of its verb ("Canada's offer of aid
                    # to X", "the condemnation of X by Y"): the verb's patterns, but reports
                    bases = (lexicon.entry("verbs", base) for base in sx.noun_verbs(noun))
                    entries = [next((e for e in bases if e is not None), None)]
            else:
                continue
            found = [e for e in entries if e is not None]
            if not found:
                continue
            if forms is None:
                forms = sentence_forms(work.tokens)
            for pattern in self._matching(tok, found, forms):
                if tok.pos_ == "NOUN" and pattern.kind == "statement":
                    break  # "the report", "the announcement": what it says is coded, not the noun
                if pattern.code == DISCARD:
                    return []  # a dictionary says: do not code this sentence
                if pattern.silent:
                    break  # a match that codes nothing ("face a run-off")
                if pattern.kind == "statement":
                    speakers = self._sources(tok, pattern, work.mentions, props)
                    speaker = speakers[0] if speakers else self._unnamed_speaker(work, tok)
                    statements.append(self._draft(work, tok, pattern, speaker, None))
                    break
                coded = self._code_trigger(work, tok, pattern, work.mentions)
                if coded is None:
                    continue  # the pattern's source is not where it says: the next pattern may apply
                if derived:  # a noun coded by its verb names both parties ("his comments", "their plans" do not)
                    coded = [d for d in coded if d.target is not None]
                if coded or not pattern.needs_target:
                    drafts.extend(coded)
                    if coded:
                        coded_at[tok.i] = pattern.conditioned
                        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and coded_at.get(tok.head.i) is False:
                            # "offered an apology to X": the act the noun names, not the bare offer
                            drafts = [d for d in drafts if d.trigger.i != tok.head.i]
                    break  # else the next pattern may read it ("warned that profits may fall")
        return drafts + statements

    # ------------------------------------------------------------ matching

    def _matching(
        self, trigger: Token, entries: list[tuple[tuple[Pattern, ...], PatternIndex]], forms: frozenset[str]
    ) -> Iterator[Pattern]:
        """The trigger's patterns whose conditions hold, in the lexicon's order. The index says
        which patterns can match the trigger's object words at all, and a pattern whose required
        words (`Pattern.required`) are not all in the sentence's `forms` cannot match: only the
        others are checked."""
        verb = sx.clause_head(trigger)
        obj = sx.first_object(trigger) if trigger.pos_ != "ADJ" else None
        seen = _Seen(trigger, verb, obj, self.grammar)
        words = seen.object_words()
        for patterns, index in entries:
            for i in index.candidates(words):
                p = patterns[i]
                if p.required and not all(not forms.isdisjoint(needed) for needed in p.required):
                    continue
                if self._holds(p, seen, words):
                    yield p

    def _holds(self, p: Pattern, seen: _Seen, words: set[str]) -> bool:
        """Whether the pattern's conditions hold of the trigger `seen` reads (`words`: its object words)."""
        if p.prep and not sx.has_prep(seen.trigger, p.prep):
            return False
        if p.subj is not None and not any(t.lemma_.lower() in p.subj for t in sx.subjects(seen.verb, self.grammar)):
            return False
        if p.obj is not None and not (p.obj & words) and not (p.obj_phrases and seen.object_ends_with(p.obj_phrases)):
            return False
        if p.words is not None and not (seen.lemmas() & p.words):
            return False
        if p.valence is not None:
            judged = evaluation(seen.trigger, self.grammar, self.valence)
            if judged is None or (p.valence != ANY and judged.name != p.valence):
                return False
        if p.particle or p.pre or p.obj_mods or p.preps or p.all_words or p.pre_seq or p.post_seq:
            return seen.holds(p)
        return True

    def _draft(
        self, work: SentenceWork, tok: Token, pattern: Pattern, source: Actor | None, target: Actor | None, **fields: object
    ) -> Draft:
        start = work.offset + tok.idx
        return Draft(
            tok, start, start + len(tok.text), pattern.code, source, target, kind=pattern.kind,
            when_negated=pattern.when_negated, evidence=pattern.origin, negation_covered=pattern.covers_negation,
            specific=pattern.conditioned,
            **fields,  # type: ignore[arg-type]
        )  # fmt: skip

    def _code_trigger(self, work: SentenceWork, tok: Token, pattern: Pattern, actors: SentenceMentions) -> list[Draft] | None:
        """The trigger's drafts by one pattern; None when the pattern's source is not where it says."""
        if tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP") and not sx.auxiliaries(tok):
            return []  # "the movement, which Iran backs": a standing state of affairs, not an act
        if tok.dep_ == "pcomp" and tok.head.lower_ in self.grammar.time_anchors:
            return []  # "two weeks after sending the letter": an earlier act named to date this one
        assert work.propositions is not None
        props = work.propositions
        if pattern.source_paths:
            # "protests from $": the source is where the pattern says, the subject is the target
            sources = self._along(tok, pattern.source_paths, actors)
            if not sources:
                return None
            subjects = self._sources(tok, pattern, actors, props)
            if pattern.target[:3] in (("dobj", "dative", "any"), ("dobj", "dative", "args")) and subjects:
                return self._pairs(work, tok, pattern, sources, subjects)
        else:
            sources = self._sources(tok, pattern, actors, props)
        if "between" in pattern.target and len(sources) < 2:
            sides = [a for a in (actors.actor_of(h) for h in self._between(tok)) if a is not None and a.code]
            if len(sides) >= 2:
                sources = sides
        if not sources:
            return []
        out: list[Draft] = []
        symmetric = pattern.kind == "symmetric"
        if pattern.compound:
            # "% HAVE * [191]": a pattern for a compound subject, whose parties it codes with each
            # other; with one party it is not this pattern's sentence
            if len({s.code for s in sources}) < 2:
                return None
            out = [self._draft(work, tok, pattern, a, b, reciprocal=True) for a in sources for b in sources if a.code != b.code]
        elif symmetric and len(sources) >= 2 and (pattern.code == self.signed or not self._third_parties(tok, pattern, actors, props, sources)):
            # "Latvia and Estonia met": with each other; "... held talks with Finnish officials":
            # each with the third party (below); "... signed a protocol with the US": all of them
            place = self._place(tok, actors)
            signatories = sources + (self._third_parties(tok, pattern, actors, props, sources) if pattern.code == self.signed else [])
            for a in signatories:
                for b in signatories:
                    if a is not b:
                        d = self._draft(work, tok, pattern, a, b, reciprocal=True, location=place.text if place else None)
                        if place is not None and d.code == self.meeting and place.country not in (a.country, b.country):
                            d.code = self.meeting_elsewhere  # "met in Oman": a meeting at a third location
                        out.append(d)
        elif len(sources) >= 2 and self._reciprocal_object(tok):
            # "Airbus and Boeing accuse each other"
            for a in sources:
                for b in sources:
                    if a is not b:
                        out.append(self._draft(work, tok, pattern, a, b, reciprocal=True))
        elif self._mutual(tok, pattern, actors, props, sources):
            # "Gondor and Osgiliath renewed ties": with no one else as its target, each party's
            # cooperation is with the other
            for a in sources:
                for b in sources:
                    if a.code != b.code:
                        out.append(self._draft(work, tok, pattern, a, b, reciprocal=True))
        else:
            for source in sources:
                targets, location = self._targets(tok, pattern, actors, props, source)
                if not targets and location is None and pattern.code[:2] >= self.needs_target_or_place:
                    location = self._place_hit(tok, props)
                    if location is None:
                        continue  # an assault with neither victim nor place is not codable
                if not targets and symmetric and not self._intended(tok):
                    continue  # a meeting needs a second party ("Speaking in an interview, he ..."),
                    # unless it is what someone intends ("willing to negotiate")
                if not targets and pattern.needs_target:
                    continue
                if not targets and pattern.intransitive and sx.children(tok, "dobj", "ccomp"):
                    continue  # "demonstrated that it works", "demonstrating a phone": showing, not protesting
                parties: list[Actor | None] = list(targets) or [None]  # no target: one event without one
                for target in parties:
                    out.append(self._draft(work, tok, pattern, source, target, location=location))
                    if symmetric and target is not None:
                        out.append(self._draft(work, tok, pattern, target, source, reciprocal=True, location=location))
                        out[-2].reciprocal = True
        return self._reversed(work, tok, pattern, out)

    def _place_hit(self, tok: Token, props: SentencePropositions) -> str | None:
        """The place an assault hits when it names no one ("shelled a government-held suburb"):
        its object, when that is a place word (grammar.yaml place_nouns)."""
        for thing in props.of(tok).patients:
            if thing.lemma_.lower() in self.grammar.place_nouns:
                return sx.phrase_span(thing).text
        return None

    def _third_parties(
        self, tok: Token, pattern: Pattern, actors: SentenceMentions, props: SentencePropositions, sources: list[Actor]
    ) -> list[Actor]:
        """The other parties a symmetric act of several parties names as its target."""
        own = {s.code for s in sources}
        return [t for t in self._targets(tok, pattern, actors, props, sources[0])[0] if t.code not in own]

    def _carried(self, noun: Token, coded_at: dict[int, bool]) -> bool:
        """A noun that names the act of a light verb that coded nothing itself, or only by its word
        ("launched an inquiry into", "offered an apology to"), or the act one comes under ("came
        under fire from")."""
        g, head = self.grammar, noun.head
        if noun.dep_ == "dobj":
            return head.lemma_.lower() in g.light_verbs and not coded_at.get(head.i, False)
        return noun.dep_ == "pobj" and head.lower_ in g.undergo_preps and head.head.lemma_.lower() in g.undergo_verbs

    def _mutual(self, tok: Token, pattern: Pattern, actors: SentenceMentions, props: SentencePropositions, sources: list[Actor]) -> bool:
        """Cooperation of a compound subject's parties with each other: a mutual code, a verb or
        object that names something two sides share ("restored ties", "agreed"), and no one
        else as its target. "Norway and Chile want the fund capped" is each one's own wish."""
        if len({s.code for s in sources}) < 2 or not pattern.code.startswith(tuple(self.mutual_roots)) or pattern.needs_target:
            return False
        g = self.grammar
        if tok.lemma_.lower() not in g.reciprocal_verbs:
            objects = sx.children(tok, "dobj", "attr") + sx.children(tok, "nsubjpass")
            if not any(o.lemma_.lower() in g.reciprocal_nouns for o in objects):
                return False
        return all(not self._targets(tok, pattern, actors, props, s)[0] for s in sources)

    def _pairs(
        self, work: SentenceWork, tok: Token, pattern: Pattern, sources: list[Actor], targets: list[Actor]
    ) -> list[Draft]:
        out = [self._draft(work, tok, pattern, s, t) for s in sources for t in targets if s.code != t.code]
        return self._reversed(work, tok, pattern, out)

    def _reversed(self, work: SentenceWork, tok: Token, pattern: Pattern, out: list[Draft]) -> list[Draft]:
        """A dictionary code "[042:043]" also codes the event back (the host hosts the visitor);
        "[:173]" only that one."""
        if pattern.reverse_code is None:
            return [] if pattern.reverse_only else out
        back = [
            replace(d, source=d.target, target=d.source, code=pattern.reverse_code, reciprocal=False)
            for d in out
            if d.target is not None and not d.reciprocal
        ]
        return back if pattern.reverse_only else out + back

    # ------------------------------------------------------------ arguments

    def _sources(self, trigger: Token, pattern: Pattern, actors: SentenceMentions, props: SentencePropositions) -> list[Actor]:
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
                elif pattern.kind != "statement" and not self._reports(verb):
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
        place = self._place(trigger, actors) or self._place_in_clause(trigger, actors)
        if place is None or not place.country or place.country in self.international:
            return actor
        return replace(actor, code=place.country + (actor.sector or ""), country=place.country, basis="context", confidence=0.6)

    def _reports(self, verb: Token) -> bool:
        """The verb reports a clause ("officials said the talks had failed", "..., an official
        said"): its subject is whose word the clause is, not a party to it."""
        return verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in verb.children)

    def _members(self, head: Token, actors: SentenceMentions) -> list[Token]:
        """The conjuncts of a list, with a name the parser made an apposition inside it ("Ghana, the
        tiny Togo, and Benin"): an apposition renames its head, so a name of another state
        beside a coordination is one more member, not the head's second name."""
        members = sx.conjuncts(head)
        countries = {a.country for a in map(actors.actor_of, members) if a is not None and a.country}
        listed = [
            p for m in members for p in m.children
            if p.dep_ == "appos" and (p.pos_ == "PROPN" or p.is_title) and _in_list(m, p)
            and (a := actors.actor_of(p)) is not None and a.code and a.country not in countries
        ]  # fmt: skip
        return sorted(members + listed, key=lambda t: t.i) if listed else members

    def _unnamed_speaker(self, work: SentenceWork, tok: Token) -> Actor | None:
        """Who says it, when no dictionary knows them ("the agency reported", "analysts said"): the
        report is on their word even so (an attribution, never an actor of its own)."""
        subjects = [s for s in sx.subjects(sx.clause_head(tok), self.grammar) if s.pos_ in ("NOUN", "PROPN")]
        if not subjects:
            return None
        phrase = sx.phrase_span(subjects[0])
        start = work.offset + phrase.start_char
        return Actor(text=phrase.text, name=None, code=None, start=start, end=start + len(phrase.text), basis="unresolved", confidence=0.0)

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

    def _targets(
        self, trigger: Token, pattern: Pattern, actors: SentenceMentions, props: SentencePropositions, source: Actor
    ) -> tuple[list[Actor], str | None]:
        """Resolve the target by the pattern's paths, in order; also return a location."""
        g = self.grammar
        location = None
        prop = props.of(trigger)
        if trigger.pos_ == "NOUN" and prop.patients:
            # "Armenian troops came under fire from ...": who came under the act is its target
            suffered = [a for h in prop.patients for c in sx.conjuncts(h) if (a := actors.actor_of(c)) is not None and a.code]
            if suffered:
                return suffered, None
        # last, whom the predicate's own phrases name as its recipient ("offered aid to X",
        # "expressed sympathy for X", "requested aid from X"), whatever paths the pattern names
        paths = (*pattern.target, "recipients") if pattern.target and pattern.kind != "statement" else pattern.target
        if pattern.kind == "threat":
            paths = (*paths, "governed")  # "warned that it would deploy tanks against Syria"
        if trigger.pos_ == "NOUN":
            paths = ("recipients", *paths)  # "the praise for the Syrian navy": whom the noun's phrases name
        for path in paths:
            heads: list[Token] = []
            if path == "dobj":
                prop = props.of(trigger)
                if prop.passive:  # the subject of a passive (unless the pattern makes it the source)
                    heads = [h for o in sx.children(trigger, "dobj") for h in self._members(o, actors)]
                    heads += [h for o in prop.patients for h in sx.conjuncts(o)] if not pattern.passive_patient_source else []
                else:
                    heads = [h for o in prop.patients for h in self._members(o, actors)]
                # an object that names no one stands for its owner ("detained staff of the embassy",
                # "seized Peru's vessel", "Staff of the embassy were detained")
                # (force needs the thing hit to be a facility: "attacked Labour's pledges" hits no one)
                # (nor does a meeting: "would meet his golden rule" meets no one)
                owned = pattern.code[:2] < self.needs_target_or_place and pattern.kind != "symmetric"
                facilities = actors.knowledge.vocab.resolution.facility_nouns
                heads = [
                    o for h in heads
                    for o in ([h] if actors.actor_of(h) is not None or not (owned or h.lower_ in facilities) else _owners_of(h))
                ]  # fmt: skip
            elif path == "dative":
                heads = [h for o in sx.children(trigger, "dative", "iobj") for h in sx.conjuncts(o)]
                heads += sx.prep_objects(trigger, "to", g) if any(c.dep_ == "dative" and c.lower_ == "to" for c in trigger.children) else []
            elif path.startswith("prep:"):
                heads = sx.prep_objects(trigger, path[5:], g)
            elif path.startswith("obj.prep:"):
                obj = sx.first_object(trigger)
                heads = sx.prep_objects(obj, path[9:], g) if obj is not None else []
            elif path.startswith("after:"):
                heads = self._first_named(self._after_skipped(trigger, path[6:]), actors, source)
            elif path == "obj.poss":
                # the object's owner: "Trump's threats", "the US complaint", "an Iranian proposal",
                # "the plan proposed by Saudi Arabia", "the arrest of two reporters by Ruritania"
                obj = sx.first_object(trigger)
                if obj is not None:
                    heads = [c for c in obj.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
                    heads += [g for a in sx.children(obj, "acl") for ag in sx.children(a, "agent") for g in sx.children(ag, "pobj")]
                    # the agent of the act the object names, also where the parser hung it on
                    # the act's "of" ("the arrest of two reporters by X")
                    heads += [b for o in [obj, *sx.prep_objects(obj, "of", g)] for b in sx.prep_objects(o, "by", g)]
            elif path == "ccomp.nsubj":
                # "warned that Iran would respond if the United States struck": the one warned
                # is a subject in the warning that is not on the warner's own side
                for comp in sx.children(trigger, "ccomp"):
                    subjects = [
                        c for c in comp.subtree
                        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "PRON") and c.lower_ != "it"
                    ]  # fmt: skip
                    heads = [h for h in subjects if (a := actors.actor_of(h)) is None or a.country != source.country]
                    if heads:
                        break
            elif path == "ccomp.dobj":
                # "warned that it would attack American bases": the object of the threatened act
                heads = [h for c in sx.children(trigger, "ccomp") for o in sx.children(c, "dobj") for h in sx.conjuncts(o)]
            elif path == "xcomp.dobj":
                heads = [o for x in sx.children(trigger, "xcomp") for o in sx.children(x, "dobj")]
            elif path in ("subj", "after_obj", "args", "any"):
                heads = self._first_named(self._path_heads(trigger, path), actors, source)
            elif path == "recipients":
                heads = self._first_named(props.recipients(trigger), actors, source)
            elif path == "governed":
                # whom the threatened act is aimed at: its object, or whom its phrases name
                doc = trigger.doc
                acts = [doc[i] for i in sorted(sx.complements(trigger, clauses=True))]
                heads = self._first_named([h for a in acts for h in (*props.of(a).patients, *props.recipients(a))], actors, source)
            elif path == "purpose":
                heads = self._first_named(self._purpose_args(trigger), actors, source)
            elif path == "evaluated":  # "called Uganda's offer dangerous": whom what it calls is about
                judged = evaluation(trigger, g, self.valence)
                heads = self._first_named(about_whom(judged, props), actors, source) if judged is not None else []
                heads = [h for h in heads if (who := actors.actor_of(h)) is None or not own_side(source, who)]
            elif path == "loc":
                obj = sx.first_object(trigger)
                for prep in ("in", "at", "into", "to"):
                    for spot in sx.prep_objects(trigger, prep, g) + (sx.prep_objects(obj, prep, g) if obj is not None else []):
                        found = actors.place_of(spot)
                        if found is not None:
                            location = location or found.text
                            if found.country != source.country:
                                return [found], location
                continue
            found_actors: list[Actor] = []
            for h in heads:
                a = actors.actor_of(h)
                if a is None:
                    continue
                d = self._domestic(a, source)
                if not d.code and source.country is None:
                    # an unplaced source's target is unplaced too ("police fired on protesters"),
                    # or of the state where it happened ("... on protesters in Caracas"); not a
                    # placed source's (tried: "joining forces", "gather intelligence" became targets)
                    unplaced = actors.unplaced(h, self.unplaced_sectors)
                    d = self._placed_where(trigger, unplaced, actors) if unplaced is not None else d
                if d.code and d.text != source.text and d.code != source.code:
                    found_actors += [d, *self._spread(h, d, actors)]  # "Eriadori and Calenardhon leaders": two
            if found_actors:
                return found_actors, location
        place = self._place(trigger, actors)  # where the act happened, even when it is not the target
        return [], place.text if place is not None else location

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
            if verb.pos_ != "VERB" or verb.i < trigger.i or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
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

    def _along(self, trigger: Token, paths: tuple[str, ...], actors: SentenceMentions) -> list[Actor]:
        """The actors along the first of the paths that names one (a pattern's source: "protests from $")."""
        for path in paths:
            found = [a for a in (actors.actor_of(h) for h in self._path_heads(trigger, path)) if a is not None and a.code]
            if found:
                return found
        return []

    def _domestic(self, actor: Actor, source: Actor) -> Actor:
        """A countryless rebel, police or opposition target belongs to the source's country."""
        if actor.code or actor.sector not in self.domestic_sectors or not source.country or source.country in self.international:
            return actor
        return replace(actor, code=source.country + actor.sector, country=source.country, basis="context", confidence=0.6)

    def _place_in_clause(self, trigger: Token, actors: SentenceMentions) -> Actor | None:
        """The first state named by "in" or "at" among the trigger's own phrases ("fired tear gas at
        protesters in Caracas"), not inside a clause hanging off it."""
        for t in _phrase_tokens(trigger):
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and (found := actors.place_of(t)) is not None:
                return found
        return None

    def _place(self, tok: Token, actors: SentenceMentions) -> Actor | None:
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

    def _intended(self, tok: Token) -> bool:
        """The complement of an intent, agreement or refusal word ("willing to negotiate")."""
        if tok.dep_ != "xcomp":
            return False
        head = tok.head
        patterns = self.lexicon.adjectives.get(head.lower_) if head.pos_ == "ADJ" else self.lexicon.verbs.get(head.lemma_.lower())
        return any(p.kind in ("intent", "agreement", "refusal") for p in patterns or ())

    def _reciprocal_object(self, tok: Token) -> bool:
        return any(sx.phrase_span(o).text.lower() in self.grammar.reciprocal_objects for o in sx.children(tok, "dobj"))

    def _between(self, tok: Token) -> list[Token]:
        """Both sides of "between A and B" on the verb, its object or its subject."""
        places = [tok] + sx.children(tok, "dobj", "nsubj", "nsubjpass")
        for p in places:
            found = sx.prep_objects(p, "between", self.grammar)
            if found:
                return found
        return []


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "ROOT"})
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


def sentence_forms(sent: Iterable[Token]) -> frozenset[str]:
    """Every form a pattern's condition may compare a word of the sentence with: its lemma (as
    the model gives it, and in lower case) and its lower-case text."""
    return frozenset(w for t in sent for w in (t.lemma_, t.lemma_.lower(), t.lower_))


class _Seen:
    """What a dictionary pattern asks of a trigger, read off the parse once per trigger."""

    def __init__(self, trigger: Token, verb: Token, obj: Token | None, grammar: Grammar) -> None:
        self.trigger = trigger
        self.obj = obj
        self.grammar = grammar
        self._child_words: set[str] | None = None
        self._pre: set[str] | None = None
        self._clause: set[str] | None = None
        self._obj_phrase: set[str] | None = None
        self._tail: list[tuple[str, str]] | None = None
        self._pre_seq: list[tuple[str, str]] | None = None
        self._pre_forms: set[str] | None = None
        self._post_seq: list[tuple[str, str]] | None = None
        self._lemmas: set[str] | None = None
        self.verb = verb

    @staticmethod
    def _forms(tokens: Iterable[Token]) -> set[str]:
        return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}

    def object_words(self) -> set[str]:
        """What a pattern's object word may be: the object's head, or, past it, a particle, adverb,
        adjective or the patient of a passive ("clamp down", "appear uncertain", "sanctions were imposed")."""
        deps = ("prt", "acomp", "advmod", "oprd", "npadvmod", "xcomp")
        heads = [c for c in self.trigger.children if c.dep_ in deps]
        if sx.is_passive(self.trigger):
            heads += sx.children(self.trigger, "nsubjpass")
        if self.obj is not None:
            heads.append(self.obj)
        return self._forms(heads)

    def lemmas(self) -> set[str]:
        """The lemmas of the trigger's clause (its subjects left out), and of its clause's verb."""
        if self._lemmas is None:
            verb = self.verb
            self._lemmas = set(sx.clause_lemmas(self.trigger)) | ({verb.lemma_} if verb is not self.trigger else set())
        return self._lemmas

    def child_words(self) -> set[str]:
        if self._child_words is None:
            self._child_words = self._forms(self.trigger.children)
        return self._child_words

    def pre_words(self) -> set[str]:
        if self._pre is None:
            subjects = sx.subjects(self.verb, self.grammar) + sx.children(self.verb, "nsubjpass")
            left = [c for c in self.trigger.children if c.i < self.trigger.i and c.dep_ not in ("punct", "cc")]
            self._pre = self._forms(t for s in subjects for t in s.subtree) | self._forms(left)
        return self._pre

    def clause(self) -> set[str]:
        if self._clause is None:
            self._clause = self._forms(t for c in self.trigger.children for t in c.subtree)
        return self._clause

    def obj_phrase(self) -> set[str]:
        """The words of the object's noun phrase up to its head ("full diplomatic ties"; not the
        "of resolutions" after "a set")."""
        if self._obj_phrase is None:
            obj = self.obj
            self._obj_phrase = self._forms(t for t in obj.subtree if t.i <= obj.i) if obj is not None else set()
        return self._obj_phrase

    def _obj_phrase_has(self, words: frozenset[str]) -> bool:
        """A member with spaces ("swiss francs") word by word in the object's phrase up to its head."""
        obj = self.obj
        if obj is None or not _phrases(words):
            return False
        tokens = [(t.lemma_.lower(), t.lower_) for t in obj.subtree if t.i <= obj.i]
        return _in_order(tokens, (SeqItem(words),))

    def object_ends_with(self, phrases: tuple[tuple[str, ...], ...]) -> bool:
        """A phrase ("swiss francs") ends at the object's head."""
        if self._tail is None:
            obj = self.obj
            start = max(obj.sent.start, obj.i - 5) if obj is not None else 0
            self._tail = [(t.lemma_.lower(), t.lower_) for t in obj.doc[start : obj.i + 1]] if obj is not None else []
        tail = self._tail
        if not tail or _last_words(phrases).isdisjoint(tail[-1]):
            return False  # no phrase ends in the head's word: most patterns, at the cost of one set test
        for parts in phrases:
            if len(parts) <= len(tail) and all(p in forms for p, forms in zip(parts, tail[len(tail) - len(parts) :])):
                return True
        return False

    def prep_holds(self, cond: PrepCond) -> bool:
        holders = [self.trigger] + ([self.obj] if self.obj is not None else [])
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ not in ("prep", "agent", "dative", "prt") or prep.lower_ not in cond.prep:
                    continue
                if cond.words is None:
                    return True
                for pobj in (o for o in prep.children if o.dep_ in ("pobj", "pcomp")):
                    for head in sx.conjuncts(pobj):
                        if not self._forms([head]) & cond.words:
                            continue
                        phrase = self._forms(head.subtree)
                        if all(phrase & mod for mod in cond.mods):
                            return True
        return False

    def holds(self, p: Pattern) -> bool:
        if p.particle and not all(w in self.child_words() for w in p.particle):
            return False
        if p.pre and not all(self._pre_has(words) for words in p.pre):
            return False
        if p.obj_mods and not all(self.obj_phrase() & words or self._obj_phrase_has(words) for words in p.obj_mods):
            return False
        if p.all_words and not all(self.clause() & words for words in p.all_words):
            return False
        if p.pre_seq and not _in_order(self._pre_tokens(), p.pre_seq):
            return False
        if p.post_seq and not _in_order(self._post_tokens(), p.post_seq):
            return False
        return all(self.prep_holds(cond) for cond in p.preps)

    def _pre_has(self, words: frozenset[str]) -> bool:
        """One of the words in the subject or before the verb; a member with spaces as a phrase."""
        if self.pre_words() & words:
            return True
        if not _phrases(words):  # single words: any of them among the tokens before the verb
            if self._pre_forms is None:
                self._pre_forms = {w for pair in self._pre_tokens() for w in pair}
            return not self._pre_forms.isdisjoint(words)
        return _in_order(self._pre_tokens(), (SeqItem(words),))

    def _pre_tokens(self) -> list[tuple[str, str]]:
        if self._pre_seq is None:
            t = self.trigger
            self._pre_seq = [(w.lemma_.lower(), w.lower_) for w in t.doc[t.sent.start : t.i]]
        return self._pre_seq

    def _post_tokens(self) -> list[tuple[str, str]]:
        if self._post_seq is None:
            t = self.trigger
            self._post_seq = [(w.lemma_.lower(), w.lower_) for w in t.doc[t.i + 1 : t.right_edge.i + 1]]
        return self._post_seq


_LAST_WORDS: dict[int, tuple[tuple[tuple[str, ...], ...], frozenset[str]]] = {}


def _last_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The last words of a pattern's object phrases, by the identity of its (long-lived) tuple."""
    found = _LAST_WORDS.get(id(phrases))
    if found is None or found[0] is not phrases:
        found = (phrases, frozenset(parts[-1] for parts in phrases if parts))
        _LAST_WORDS[id(phrases)] = found
    return found[1]


@lru_cache(maxsize=65536)
def _phrases(words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The members of a word set that are phrases, split ("swiss francs" -> ("swiss", "francs"));
    a frozenset keeps its hash, so looking one up costs nothing after the first time."""
    return tuple(tuple(member.split()) for member in words if " " in member)


def _in_order(tokens: list[tuple[str, str]], items: tuple[SeqItem, ...]) -> bool:
    """The items' words in this order among the tokens ((lemma, form) pairs): an adjacent item right
    after the one before, another anywhere after it; a member with spaces is a phrase."""
    where: dict[str, list[int]] = {}  # a lemma or form -> the positions that hold it
    for i, (lemma, form) in enumerate(tokens):
        where.setdefault(lemma, []).append(i)
        if form != lemma:
            where.setdefault(form, []).append(i)

    def found(words: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every match of one of `words`, in order."""
        spans: set[tuple[int, int]] = set()
        for w in words if len(words) < len(where) else [w for w in where if w in words]:
            for i in where.get(w, ()):
                spans.add((i, i + 1))
        for parts in _phrases(words):
            for i in where.get(parts[0], ()):
                if i + len(parts) <= len(tokens) and all(p in tokens[i + k] for k, p in enumerate(parts)):
                    spans.add((i, i + len(parts)))
        return sorted(spans)

    matches = [found(item.words) for item in items]

    def match(k: int, start: int, must_be_here: bool) -> bool:
        if k == len(items):
            return True
        for i, end in matches[k]:
            if i < start or (must_be_here and i != start):
                continue
            nxt = k + 1
            if match(nxt, end, nxt < len(items) and items[nxt].adjacent):
                return True
        return False

    return match(0, 0, False)
