"""code_sentence(parsed sentence, lexicon, actors) -> coded drafts.

Who did what to whom, read off the dependency parse with the verb lexicon.
An event needs a trigger word in the lexicon whose pattern matches, and a
source that resolves to an actor; a verb that matches nothing is no event.

Modality is decided here too, from the clause the trigger sits in:
negated ("did not acknowledge"), hypothetical ("could", inside an "if"
clause), conditional (an offer with an "if" clause), planned ("will"),
reported/claimed (carried by a reporting verb), asserted otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..records import Actor
from . import syntax as sx
from .lexicon import Lexicon, Pattern

Token = Any
Span = Any
ActorOf = Callable[[Token], "Actor | None"]

CLAIM_VERBS = {"claim", "allege"}
DENY_VERBS = {"deny", "reject"}
TIME_ANCHORS = {"after", "before", "since", "following", "until"}
QUOTE_RE = re.compile(r"[\"“”]([^\"“”]{2,300})[\"“”]")
# Events that are not acts: kept for inspection, left out of default output.
NON_EVENTS = frozenset({"negated", "hypothetical", "denied", "threatened"})


@dataclass(slots=True)
class Draft:
    trigger: Token
    pattern: Pattern
    code: str
    source: Actor
    target: Actor | None
    modality: str = "asserted"
    condition: str | None = None
    reciprocal: bool = False
    location: str | None = None
    speaker: Actor | None = None  # who reports it, when a reporting verb carries it
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class SentenceActors:
    """How the coder turns argument heads into actors (provided by the pipeline)."""

    actor_of: ActorOf
    places: Callable[[Token], "Actor | None"]  # a place name -> the country it is in
    group_of: Callable[[Token], "tuple[Actor, ...]"] = lambda token: ()  # "the two sides" -> both


def matching_patterns(trigger: Token, patterns: tuple[Pattern, ...]) -> Iterator[Pattern]:
    """The trigger's patterns whose conditions hold, in the lexicon's order."""
    verb = sx.clause_head(trigger)
    obj = sx.first_object(trigger) if trigger.pos_ != "ADJ" else None
    lemmas: set[str] | None = None
    for p in patterns:
        if p.prep and not sx.has_prep(trigger, p.prep):
            continue
        if p.subj is not None and not any(t.lemma_.lower() in p.subj for t in sx.subjects(verb)):
            continue
        if p.obj is not None and (obj is None or obj.lemma_.lower() not in p.obj):
            continue
        if p.words is not None:
            if lemmas is None:
                lemmas = set(sx.clause_lemmas(trigger)) | ({verb.lemma_} if verb is not trigger else set())
            if not (lemmas & p.words):
                continue
        yield p


def _targets(trigger: Token, pattern: Pattern, actors: SentenceActors, source: Actor) -> tuple[list[Actor], str | None]:
    """Resolve the target by the pattern's paths, in order; also return a location."""
    location = None
    for path in pattern.target:
        heads: list[Token] = []
        if path == "dobj":
            heads = [h for o in sx.children(trigger, "dobj") for h in sx.conjuncts(o)]
            if sx.is_passive(trigger) and not pattern.passive_patient_source:
                heads += [h for o in sx.children(trigger, "nsubjpass") for h in sx.conjuncts(o)]
        elif path == "dative":
            heads = [h for o in sx.children(trigger, "dative", "iobj") for h in sx.conjuncts(o)]
            heads += sx.prep_objects(trigger, "to") if any(c.dep_ == "dative" and c.lower_ == "to" for c in trigger.children) else []
        elif path.startswith("prep:"):
            heads = sx.prep_objects(trigger, path[5:])
        elif path.startswith("obj.prep:"):
            obj = sx.first_object(trigger)
            heads = sx.prep_objects(obj, path[9:]) if obj is not None else []
        elif path == "obj.poss":
            # the object's owner: "Trump's threats", "the US complaint", "an Iranian proposal"
            obj = sx.first_object(trigger)
            if obj is not None:
                heads = [c for c in obj.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
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
        elif path == "loc":
            obj = sx.first_object(trigger)
            for prep in ("in", "at", "into", "to"):
                for place in sx.prep_objects(trigger, prep) + (sx.prep_objects(obj, prep) if obj is not None else []):
                    found = actors.places(place)
                    if found is not None:
                        location = location or found.text
                        if found.country != source.country:
                            return [found], location
            continue
        found_actors = [
            d for a in (actors.actor_of(h) for h in heads) if a is not None and (d := _domestic(a, source)).code and d.text != source.text
        ]
        if found_actors:
            return found_actors, location
    place = _place(trigger, actors)  # where the act happened, even when it is not the target
    return [], place.text if place is not None else location


DOMESTIC_SECTORS = {"REB", "INS", "OPP", "COP", "CVL", "JUD", "LEG", "CRM"}


def _domestic(actor: Actor, source: Actor) -> Actor:
    """A countryless rebel, police or opposition target belongs to the source's country."""
    if actor.code or actor.sector not in DOMESTIC_SECTORS or not source.country or source.country == "IGO":
        return actor
    return replace(actor, code=source.country + actor.sector, country=source.country, basis="context", confidence=0.6)


def _sources(trigger: Token, pattern: Pattern, actors: SentenceActors) -> list[Actor]:
    verb = sx.clause_head(trigger)
    heads: list[Token]
    if sx.is_passive(verb):
        agents, patients = sx.passive_parts(verb)
        heads = agents or (patients if pattern.passive_patient_source else [])
    else:
        heads = sx.subjects(verb)
    out: list[Actor] = []
    for h in heads:
        for c in sx.conjuncts(h):
            group = actors.group_of(c)
            if pattern.kind == "symmetric" and len(group) >= 2:
                out.extend(group)  # "they met": both parties, when "they" can stand for a pair
                continue
            a = actors.actor_of(c)
            if a is not None and a.code:
                out.append(a)
            else:
                out.extend(group)
    return out


def _head_kind(head: Token, lexicon: Lexicon) -> str | None:
    patterns = lexicon.verbs.get(head.lemma_.lower()) or ()
    roots = {p.code[:2] for p in patterns}
    if any(p.kind == "threat" for p in patterns):
        return "threat"
    if roots and roots <= {"02", "10"}:
        return "request"
    return None


def _modality(trigger: Token, pattern: Pattern, lexicon: Lexicon) -> tuple[str, str | None]:
    """(modality, condition text) of the trigger's own clause."""
    if sx.inside_condition(trigger):
        return "hypothetical", None
    for head in sx.governing(trigger, ("xcomp", "ccomp", "pcomp")):
        if head.lemma_.lower() in DENY_VERBS:
            return "denied", None  # "denied directing the group": said not to have happened
        kind = _head_kind(head, lexicon)
        if kind == "threat":
            return "threatened", None  # the threatened act is not itself an event
        if kind == "request":
            return "hypothetical", None  # asked for, not done
    if sx.negated(trigger):
        return "negated", None
    aux = sx.auxiliaries(trigger)
    for head in sx.governing(trigger, ("xcomp",)):
        aux |= sx.auxiliaries(head)  # "Turkey may have to accept": the hedge sits on the head
    cond = sx.condition_clause(trigger)
    cond_text = sx.text_of(list(cond.subtree)) if cond is not None else None
    if aux & sx.HEDGE_AUX:
        return "hypothetical", cond_text
    if cond is not None:
        # a threat's condition belongs to the threatened act: the threat itself was made
        return ("asserted" if pattern.kind == "threat" else "conditional"), cond_text
    if aux & sx.FUTURE_AUX or any(h.lemma_ in ("plan", "intend", "expect") for h in sx.governing(trigger, ("xcomp",))):
        return "planned", None
    return "asserted", None


def _quote(sentence: Span, trigger: Token) -> str | None:
    quotes = [(m.start(1), m.group(1)) for m in QUOTE_RE.finditer(sentence.text)]
    if not quotes:
        return None
    lo = min(t.idx for t in trigger.subtree) - sentence.start_char
    hi = max(t.idx + len(t) for t in trigger.subtree) - sentence.start_char
    inside = [q for start, q in quotes if lo <= start <= hi]
    return (inside or [quotes[0][1]])[0].strip()


def code_sentence(sentence: Span, lexicon: Lexicon, actors: SentenceActors) -> list[Draft]:
    """All drafts of one sentence, before dates and sources are attached."""
    drafts: list[Draft] = []
    statements: list[tuple[Token, Pattern]] = []
    for tok in sentence:
        if tok.pos_ in ("VERB", "AUX") and (tok.lemma_ != "be" or tok.dep_ in ("ROOT", "ccomp", "conj", "advcl")):
            patterns = lexicon.verbs.get(tok.lemma_.lower())  # "be" only as a main verb ("are on standby")
        elif tok.pos_ == "ADJ":
            patterns = lexicon.adjectives.get(tok.lower_)
        else:
            continue
        if not patterns:
            continue
        for pattern in matching_patterns(tok, patterns):
            if pattern.kind == "statement":
                statements.append((tok, pattern))
                break
            coded = _code_trigger(tok, pattern, lexicon, actors, sentence)
            if coded or not pattern.needs_target:
                drafts.extend(coded)
                break  # else the next pattern may read it ("warned that profits may fall")
    _apply_intent(drafts, lexicon)
    for tok, pattern in statements:
        drafts.extend(_code_statement(tok, pattern, drafts, lexicon, actors, sentence))
    _aim_threats(drafts, sentence, actors)
    return _dedupe(drafts)


def _aim_threats(drafts: list[Draft], sentence: Span, actors: SentenceActors) -> None:
    """A threat with no one named as its target is aimed at the other side the sentence
    names before it: "Iran rejected talks, prompting Trump to threaten bombing"."""
    for d in drafts:
        if d.target is not None or d.code[:2] != "13":
            continue
        before = [actors.actor_of(t) for t in sentence if t.i < d.trigger.i]
        others = [a for a in before if a is not None and a.code and a.country and a.country != d.source.country]
        if others:
            d.target = replace(others[-1], confidence=min(others[-1].confidence, 0.6), basis="context")


def _code_trigger(tok: Token, pattern: Pattern, lexicon: Lexicon, actors: SentenceActors, sentence: Span) -> list[Draft]:
    if tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP") and not sx.auxiliaries(tok):
        return []  # "the movement, which Iran backs": a standing state of affairs, not an act
    if tok.dep_ == "pcomp" and tok.head.lower_ in TIME_ANCHORS:
        return []  # "two weeks after sending the letter": an earlier act named to date this one
    sources = _sources(tok, pattern, actors)
    if "between" in pattern.target and len(sources) < 2:
        sides = [a for a in (actors.actor_of(h) for h in _between(tok)) if a is not None and a.code]
        if len(sides) >= 2:
            sources = sides
    if not sources:
        return []
    modality, condition = _modality(tok, pattern, lexicon)
    code = pattern.code
    if modality == "negated" and pattern.when_negated:
        # "cannot support", "refused to accept": the refusal is itself an act
        code, modality = pattern.when_negated, "asserted"
    out = []
    symmetric = pattern.kind == "symmetric"
    if symmetric and len(sources) >= 2:
        for a in sources:
            for b in sources:
                if a is not b:
                    out.append(Draft(tok, pattern, code, a, b, modality, condition, reciprocal=True))
        place = _place(tok, actors)
        for d in out:
            d.location = place.text if place else None
            if place is not None and d.code == "040" and place.country not in (d.source.country, d.target and d.target.country):
                d.code = "044"  # "met in Oman": a meeting at a third location
    elif len(sources) >= 2 and _reciprocal_object(tok):
        # "Airbus and Boeing accuse each other"
        for a in sources:
            for b in sources:
                if a is not b:
                    out.append(Draft(tok, pattern, code, a, b, modality, condition, reciprocal=True))
    else:
        for source in sources:
            targets, location = _targets(tok, pattern, actors, source)
            if not targets and location is None and code[:2] >= "18":
                continue  # an assault with neither victim nor place is not codable
            if not targets and symmetric and not _intended(tok, lexicon):
                continue  # a meeting needs a second party ("Speaking in an interview, he ..."),
                # unless it is what someone intends ("willing to negotiate")
            if not targets and pattern.needs_target:
                continue
            parties: list[Actor | None] = list(targets) or [None]  # no target: one event without one
            for target in parties:
                out.append(Draft(tok, pattern, code, source, target, modality, condition, location=location))
                if symmetric and target is not None:
                    out.append(Draft(tok, pattern, code, target, source, modality, condition, reciprocal=True, location=location))
                    out[-2].reciprocal = True
    quote = _quote(sentence, tok)
    for d in out:
        d.quote = quote
    return out


def _place(tok: Token, actors: SentenceActors) -> Actor | None:
    """The country where an act took place ("in Oman", "in Muscat"), if the sentence names one;
    "met and conversed in Oman" places both verbs, "held talks in Muscat" the talks."""
    heads = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    obj = sx.first_object(tok)
    if obj is not None:
        heads.append(obj)  # "held talks in Muscat"
    for verb in heads:
        for prep in ("in", "at"):
            for place in sx.prep_objects(verb, prep):
                found = actors.places(place)
                if found is not None:
                    return found
    return None


def _intended(tok: Token, lexicon: Lexicon) -> bool:
    """The complement of an intent, agreement or refusal word ("willing to negotiate")."""
    if tok.dep_ != "xcomp":
        return False
    head = tok.head
    patterns = lexicon.adjectives.get(head.lower_) if head.pos_ == "ADJ" else lexicon.verbs.get(head.lemma_.lower())
    return any(p.kind in ("intent", "agreement", "refusal") for p in patterns or ())


def _reciprocal_object(tok: Token) -> bool:
    return any(sx.phrase_span(o).text.lower() in sx.RECIPROCAL_OBJECTS for o in sx.children(tok, "dobj"))


def _between(tok: Token) -> list[Token]:
    """Both sides of "between A and B" on the verb, its object or its subject."""
    places = [tok] + sx.children(tok, "dobj", "nsubj", "nsubjpass")
    for p in places:
        found = sx.prep_objects(p, "between")
        if found:
            return found
    return []


def _apply_intent(drafts: list[Draft], lexicon: Lexicon) -> None:
    """An intent word ("agreed to", "willing to") codes the intent to do its complement.

    The complement's own drafts are folded into the intent: "agreed to begin
    talks" is one intent to negotiate (036), not an agreement plus talks. An
    intent whose complement codes nothing ("pledged to reduce exports") is
    no event: we cannot say what was intended.
    """
    intents = [d for d in drafts if d.pattern.kind in ("intent", "agreement", "refusal")]
    folded: set[int] = set()
    for d in intents:
        comps = {c.i for c in d.trigger.children if c.dep_ == "xcomp"}
        if not comps:
            continue
        inner = [x for x in drafts if x.trigger.i in comps]
        if not inner:
            if d.pattern.kind == "intent":
                drafts.remove(d)
            continue
        first = next((x for x in inner if x.source.code == d.source.code), inner[0])
        root = first.code[:2]
        if d.pattern.kind == "refusal":  # "refused to hold talks": a rejection of the act (CAMEO 12)
            d.code = lexicon.refusal_codes.get(root, d.code)
        elif root in lexicon.intent_codes:
            d.code = lexicon.intent_codes[root]
        elif root >= "09":  # "vowed to attack": the planned act itself
            d.code = first.code
            if d.modality == "asserted":
                d.modality = "planned"
        if d.target is None:
            d.target = next((x.target for x in inner if x.target is not None and x.target.code != d.source.code), None)
        folded.update(comps)
    drafts[:] = [x for x in drafts if x.trigger.i not in folded]


def _code_statement(
    tok: Token, pattern: Pattern, drafts: list[Draft], lexicon: Lexicon, actors: SentenceActors, sentence: Span
) -> list[Draft]:
    """A reporting verb: hand its speaker to the events it reports, or code the comment itself."""
    speakers = _sources(tok, pattern, actors)
    speaker = speakers[0] if speakers else None
    reported = [d for d in drafts if tok in sx.governing(d.trigger)]
    lemma = tok.lemma_.lower()
    for d in reported:
        if speaker is not None and speaker.code != d.source.code:
            d.speaker = speaker
        if d.modality == "asserted":
            d.modality = "claimed" if lemma in CLAIM_VERBS else ("reported" if d.speaker else "asserted")
    if reported or speaker is None or sx.negated(tok):
        return []
    # a comment with no codable content: code it only when it is about another actor
    comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    about = None
    for c in comp:
        for t in c.subtree:
            if t.pos_ != "PRON" and sx.nominal(t) and t.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "pobj", "attr"):
                a = actors.actor_of(t)
                if a is not None and a.code and a.country != speaker.country:
                    about = a
                    break
        if about:
            break
    if about is None:
        return []
    lemmas = {t.lemma_.lower() for c in comp for t in c.subtree}
    code = "111" if lemmas & lexicon.word_lists.get("negative", frozenset()) else pattern.code
    verbs = [t for c in comp for t in c.subtree if t.pos_ in ("VERB", "AUX")]
    if lemmas & lexicon.word_lists.get("military", frozenset()) and any(sx.condition_clause(t) is not None for t in verbs):
        code = "138"  # "said that if Iran did not make a deal, there will be bombing": a threat
    elif lemmas & lexicon.word_lists.get("threat_cues", frozenset()) and any(sx.auxiliaries(t) & sx.FUTURE_AUX for t in verbs):
        code = "130"  # "stated that a military option would have severe consequences for Iran"
    modality, condition = _modality(tok, pattern, lexicon)
    if condition is None:
        clauses = [sx.condition_clause(t) for c in comp for t in c.subtree if t.pos_ in ("VERB", "AUX")]
        condition = next((sx.text_of(list(k.subtree)) for k in clauses if k is not None), None)
    return [Draft(tok, pattern, code, speaker, about, modality, condition, quote=_quote(sentence, tok))]


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One draft per (source, target, root) in a sentence; a targeted one beats a targetless one."""
    best: dict[tuple[str | None, str | None, str], Draft] = {}
    for d in drafts:
        key = (d.source.code, d.target.code if d.target else None, d.code[:2])
        if key not in best:
            best[key] = d
    out = list(best.values())
    targeted = {(d.source.code, d.code[:2]) for d in out if d.target is not None}
    return [d for d in out if d.target is not None or (d.source.code, d.code[:2]) not in targeted]
