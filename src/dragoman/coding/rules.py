"""The rule coder: verb patterns from the lexicon matched on the dependency parse.

Who did what to whom, read off the parse with the verb lexicon
(data/verbs.yaml). A draft needs a trigger word in the lexicon whose pattern
matches, and a source that resolves to an actor; a verb that matches nothing
is no event (there is no catch-all code).

The seams: which pattern applies (coding.matching), who the parties are
(coding.parties, over the propositions), and here the drafts a matched pattern makes
(symmetric acts, compound subjects, codes back).

This is one implementation of the `Coder` protocol (`coding.coders`). It
proposes drafts only: modality, intent folding, reporting verbs, threats'
targets, duplicates and quotes are settled by the shared stages after it
(`coding.shared`), whichever coder ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..knowledge import Knowledge
from ..mentions import SentenceMentions
from ..records import Actor
from ..state import SentenceWork
from ..version import __version__
from . import syntax as sx
from .draft import Draft
from .evaluation import Valence
from .grammar import Grammar
from .lexicon import Lexicon, Pattern, PatternIndex
from .matching import Seen, pattern_holds, sentence_forms
from .parties import Parties
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
    mutual_roots: frozenset[str]  # cooperation a compound subject's parties do with each other
    signed: str  # policy: an agreement signed, every signatory's with every other
    valence: Valence  # how good or bad what a verb calls its object is (a pattern's `valence`)
    parties: Parties  # who acts and to whom (coding.parties)
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
            policy.roots.mutual,
            policy.codes.signed,
            knowledge.valence,
            Parties(
                knowledge.grammar, knowledge.valence, policy.roots.needs_target_or_place, policy.domestic_sectors,
                knowledge.actors.vocab.codes.international, policy.unplaced_sectors, policy.stateless_sectors,
                policy.force.from_root,
            ),
        )  # fmt: skip

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
                if derived and not (props.of(tok).agents and (props.of(tok).patients or props.recipients(tok))):
                    continue  # it must name both parties (below): one it cannot name is not read at all
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
                    speakers = self.parties.sources(tok, pattern, work.mentions, props)
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
        seen = Seen(trigger, verb, obj, self.grammar)
        words = seen.object_words()
        for patterns, index in entries:
            for i in index.candidates(words):
                p = patterns[i]
                if p.required and not all(not forms.isdisjoint(needed) for needed in p.required):
                    continue
                if pattern_holds(p, seen, words, self.valence):
                    yield p

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
            sources = self.parties.along(tok, pattern.source_paths, actors)
            if not sources:
                return None
            subjects = self.parties.sources(tok, pattern, actors, props)
            if pattern.target[:3] in (("dobj", "dative", "any"), ("dobj", "dative", "args")) and subjects:
                return self._pairs(work, tok, pattern, sources, subjects)
        else:
            sources = self.parties.sources(tok, pattern, actors, props)
        if "between" in pattern.target and len(sources) < 2:
            sides = [a for a in (actors.actor_of(h) for h in self.parties.between(tok)) if a is not None and a.code]
            if len(sides) >= 2:
                sources = sides
        if not sources:
            return []
        out: list[Draft] = []
        symmetric = pattern.kind == "symmetric"
        third = self._third_parties(tok, pattern, actors, props, sources) if symmetric and len(sources) >= 2 else []
        if pattern.compound:
            # "% HAVE * [191]": a pattern for a compound subject, whose parties it codes with each
            # other; with one party it is not this pattern's sentence
            if len({s.code for s in sources}) < 2:
                return None
            out = [self._draft(work, tok, pattern, a, b, reciprocal=True) for a in sources for b in sources if a.code != b.code]
        elif symmetric and len(sources) >= 2 and (pattern.code == self.signed or not third):
            # "Latvia and Estonia met": with each other; "... held talks with Finnish officials":
            # each with the third party (below); "... signed a protocol with the US": all of them
            place = self.parties.place(tok, actors)
            signatories = sources + (third if pattern.code == self.signed else [])
            for a in signatories:
                for b in signatories:
                    if a is not b:
                        d = self._draft(work, tok, pattern, a, b, reciprocal=True, location=place.text if place else None)
                        if place is not None and d.code == self.meeting and place.country not in (a.country, b.country):
                            d.code = self.meeting_elsewhere  # "met in Oman": a meeting at a third location
                        out.append(d)
        elif len(sources) >= 2 and self._reciprocal_object(tok, props):
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
                targets, location = self.parties.targets(tok, pattern, actors, props, source, sources)
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
        """The other parties a symmetric act of several parties names as its target (not a place it
        is done in)."""
        own = {s.code for s in sources}
        venues = self._venues(tok, actors)
        return [t for t in self.parties.targets(tok, pattern, actors, props, sources[0])[0] if t.code not in own and t.start not in venues]

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
        if len({s.code for s in sources}) < 2 or not pattern.code.startswith(tuple(self.mutual_roots)):
            return False
        venues = self._venues(tok, actors)
        found = [self.parties.targets(tok, pattern, actors, props, s)[0] for s in sources]
        at_venue = bool(venues) and all(targets and all(t.start in venues for t in targets) for targets in found)
        if pattern.needs_target and not at_venue:
            return False  # (a pattern that needs a target has one with each other where it names only a venue)
        g = self.grammar
        if tok.lemma_.lower() not in g.reciprocal_verbs:
            objects = sx.children(tok, "dobj", "attr") + sx.children(tok, "nsubjpass")
            if not any(o.lemma_.lower() in g.reciprocal_nouns for o in objects):
                return False
        return all(all(t.start in venues for t in targets) for targets in found)

    def _venues(self, tok: Token, actors: SentenceMentions) -> set[int | None]:
        """The places the act is done in: where, not with whom ("Armenia and Azerbaijan signed a
        ceasefire in Moscow": with each other, in Moscow)."""
        return {
            a.start for t in tok.subtree
            if t.dep_ == "pobj" and t.head.lower_ in self.grammar.venue_preps and (a := actors.place_of(t)) is not None
        }  # fmt: skip

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

    def _unnamed_speaker(self, work: SentenceWork, tok: Token) -> Actor | None:
        """Who says it, when no dictionary knows them ("the agency reported", "analysts said"): the
        report is on their word even so (an attribution, never an actor of its own)."""
        subjects = [s for s in sx.subjects(sx.clause_head(tok), self.grammar) if s.pos_ in ("NOUN", "PROPN")]
        if not subjects:
            return None
        phrase = sx.phrase_span(subjects[0])
        start = work.offset + phrase.start_char
        return Actor(text=phrase.text, name=None, code=None, start=start, end=start + len(phrase.text), basis="unresolved", confidence=0.0)

    def _intended(self, tok: Token) -> bool:
        """The complement of an intent, agreement or refusal word ("willing to negotiate")."""
        if tok.dep_ != "xcomp":
            return False
        head = tok.head
        patterns = self.lexicon.adjectives.get(head.lower_) if head.pos_ == "ADJ" else self.lexicon.verbs.get(head.lemma_.lower())
        return any(p.kind in ("intent", "agreement", "refusal") for p in patterns or ())

    def _reciprocal_object(self, tok: Token, props: SentencePropositions) -> bool:
        """A compound subject's act on each other: "accuse each other", or on a tie or rivalry they
        share with no one else named ("stepped up their war of words"; not "their aid to Sudan",
        nor "warned their populations about X")."""
        objects = sx.children(tok, "dobj")
        if any(sx.phrase_span(o).text.lower() in self.grammar.reciprocal_objects for o in objects):
            return True
        g = self.grammar
        shared = [
            o for o in objects
            if o.lemma_.lower() in g.reciprocal_nouns | g.rivalry_nouns
            and any(c.dep_ == "poss" and c.lower_ in g.shared_possessives for c in o.children)
        ]  # fmt: skip
        return bool(shared) and not props.recipients(tok)


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "ROOT"})
