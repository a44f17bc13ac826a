"""One sentence's parse -> notes about channels of talks and about positions.

    read_talks    talks, negotiations, meetings and agreements: who refused, proposed, was
                  ready for or held them, directly or not, through which mediator, where;
                  "proposed Brussels as the venue"; "X mediated"; "X brokered a ceasefire
                  between A and B"; "the first direct contact since 2013"
    read_stances  a stance on something other than talks: "rejected arbitration",
                  "would not meet the conditions"

The status of talks is read from the words above them in the parse: the
outermost stance word wins ("proposed that the negotiations take place in X"
is a proposal, not talks held), negation turns readiness into refusal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..coding import syntax as sx
from ..records import Actor
from .notes import ANSWER, CommRef, StanceNote, TalkNote
from .reading import Found, context_comm, keywords, mediation_word
from .view import ON_OR_AFTER, SentenceView, phrase_in, text_of
from .words import PositionWords, RecordWords, TalkWords

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["mediator_of", "read_stances", "read_talks", "venue_verbs"]

_STANCES = frozenset({"refused", "ready", "agreed", "proposed"})  # statuses that are one side's stance
_CLIMB = frozenset({"dobj", "pobj", "prep", "xcomp", "ccomp", "acl", "nsubj", "nsubjpass", "attr", "oprd", "amod", "acomp", "advcl", "npadvmod"})
_CLAUSES = frozenset({"conj", "cc", "ccomp", "relcl", "parataxis", "punct"})


def read_talks(view: SentenceView, words: RecordWords, comms: list[Found], list_comm: int | None) -> list[TalkNote]:
    """The sentence's steps of channels, merged so that one act of talking is one note; in a list
    item, said in the list's message."""
    w = words.talks
    notes: list[TalkNote] = []
    first_since: list[str | None] = []  # read once a sentence, when a step needs it (a long sentence may name talks often)
    for tok in view.tokens:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN":
            if mediation_word(tok, w):
                note = _mediation_noun(view, tok, words, comms)
                if note is not None:
                    notes.append(note)
                continue
            if lemma not in w.nouns:
                continue  # (cheap tests first: most words are none of these; agreements are agreements.py's)
        elif tok.pos_ != "VERB" or not (lemma in w.verbs or lemma in w.mediator_verbs or lemma in w.relay_verbs or w.status_of(lemma) == "proposed"):
            continue
        if sx.inside_condition(tok, view.grammar):
            continue  # "in case of no negotiations": the antecedent of a condition
        if tok.pos_ == "NOUN" or (tok.pos_ == "VERB" and lemma in w.verbs):
            if tok.pos_ == "VERB" and any(o.lemma_.lower() in words.items.demand_nouns for o in sx.children(tok, "dobj")):
                continue  # "would not meet the conditions": no meeting
            if not first_since:
                first_since.append(_first_since(view, w))
            found = _talk(view, tok, words, comms, "talks", first_since[0])
            notes += found[:-1]  # the offer an answer answers, first
            note = found[-1] if found else None
        elif tok.pos_ == "VERB" and lemma in w.mediator_verbs and not _objects_in(tok, w):
            found = _mediation(view, tok, words, comms)
            notes += found[:-1]  # the offer an answer answers, first
            note = found[-1] if found else None
        elif tok.pos_ == "VERB" and lemma in w.relay_verbs and _relays(tok, words):
            note = _relay(view, tok, words)
        elif tok.pos_ == "VERB" and w.status_of(lemma) == "proposed" and _venue_object(tok, w) is not None:
            note = _venue_proposal(view, tok, words, comms)
        else:
            continue
        if note is not None:
            if note.comm is None and view.item_block and list_comm is not None:
                note = replace(note, comm=CommRef("key", key=list_comm))
            notes.append(note)
    return _merge(view, notes, w)


def _objects_in(verb: Token, w: TalkWords) -> bool:
    """ "brokered a ceasefire": the agreement noun is read, with its broker."""
    return any(o.lemma_.lower() in w.agreements or o.lemma_.lower() in w.nouns for o in sx.children(verb, "dobj", "nsubjpass"))


def _chain(tok: Token, reporting: frozenset[str]) -> list[Token]:
    """The words above the token that can give it a status, nearest first, up to its clause's verb
    and the verbs that govern that one, but not past a verb that reports it ("refused direct talks,
    saying it would negotiate only through a mediator": the negotiating is not refused)."""
    out: list[Token] = []
    t = tok
    for _ in range(6):
        if t.head.i == t.i or t.dep_ not in _CLIMB or t.head.lemma_.lower() in reporting:
            break
        t = t.head
        out.append(t)
    return out


def _status(view: SentenceView, tok: Token, words: RecordWords, what: str) -> tuple[str | None, Token]:
    """The step's status and the word that gives it."""
    w = words.talks
    chain = [tok, *_chain(tok, words.communications.reporting)]
    found: list[tuple[str, Token]] = []
    above_clause = False  # "did not rule out that there had been an agreement": above a clause only a proposal counts
    for n, t in enumerate(chain):
        verb = t.pos_ == "VERB"
        status = (w.status_of(_phrasal(t), verb=True) if verb else None) or w.status_of(t.lemma_.lower(), verb=verb)  # "broke off talks"
        if n and chain[n - 1].dep_ == "ccomp":
            above_clause = True
        if above_clause and status != "proposed":
            continue
        if status is not None and not (t.i == tok.i and t.pos_ == "NOUN"):
            if status == "mediated" and what not in ("talks", "mediation"):
                status = "agreed"  # "brokered a ceasefire": agreed, with a broker
            found.append((status, t))
    stances = [f for f in found if f[0] in _STANCES]
    if stances:
        status, word = stances[-1]  # the outermost stance
    elif found:
        status, word = found[0]
    elif tok.pos_ == "VERB":
        status, word = "held", tok  # "they met", "would negotiate" (read below)
    elif tok.dep_ == "pobj" and tok.head.lower_ in w.held_at and tok.head.head.pos_ in ("VERB", "AUX"):
        status, word = "held", tok.head.head  # "endorsed it at a meeting in Kuala Lumpur": the meeting took place
    else:
        return None, tok
    g = view.grammar
    clause = sx.clause_head(word)
    if status in ("held", "continued") and word.pos_ in ("VERB", "AUX") and sx.auxiliaries(word) & (g.future_aux | g.hedge_aux):
        status = "ready"  # "would negotiate only through a mediator", "the talks would continue only if ..."
    if _negated(view, word) or (word.i != clause.i and _negated(view, clause)):
        status = {"ready": "refused", "agreed": "refused", "proposed": "refused", "refused": "ready"}.get(status)
    return status, word


def _negated(view: SentenceView, token: Token) -> bool:
    return sx.negated(token, view.grammar) or any(c.lower_ in view.grammar.negators for c in token.children if c.dep_ in ("neg", "advmod"))


def _verb_of(word: Token) -> Token:
    """The verb whose clause holds a word ("readiness" in "expressed readiness", "ready" in "was ready")."""
    t = word
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            break
        t = t.head
    return sx.clause_head(word)


def _talk(view: SentenceView, tok: Token, words: RecordWords, comms: list[Found], what: str, first_since: str | None) -> list[TalkNote]:
    w = words.talks
    status, word = _status(view, tok, words, what)
    verb = _verb_of(word)
    upto: list[Token] = []  # the words from the talks up to the word that gives the status
    if word.i != tok.i:
        for t in _chain(tok, words.communications.reporting):
            upto.append(t)
            if t.i == word.i:
                break
    holders = list(dict.fromkeys([tok, *upto, word, verb]))
    comm = context_comm(comms, tok, view)
    by = _holder(view, word, verb, comms, comm, words.communications.reporting)
    events = view.events_at([tok, word, verb, *[c for c in verb.children if c.dep_ == "conj"]])
    parties = _parties(view, tok, verb, w)
    if status in ("held", "agreed"):  # the sides the coder found ("envoys of Serbia and Kosovo held talks")
        wanted = set(events)
        for _, e in view.pairs:
            if e.event_id in wanted and e.reciprocal:
                parties += [a for a in (e.source, e.target) if a is not None and all(p.code != a.code for p in parties)
                            and not _where(view, a)]  # fmt: skip
    if tok.pos_ == "VERB" and status == "held" and len({p.country or p.code for p in parties}) < 2:
        return []  # "spoke to reporters": a verb of talking is talks only between two named sides
    mediator, mediator_text = mediator_of(view, holders, words)
    mediating = next((t for t in upto if t.lemma_.lower() in w.mediator_verbs and t.i != word.i), None)
    if word.lemma_.lower() in w.mediator_verbs and _to_come(view, word):
        status, mediating = "proposed", word  # "said his country could broker talks between A and B": an offer to mediate them
    if mediating is not None and status in _STANCES:
        # "offered to mediate talks between A and B": a step of mediation, its broker no side
        brokers = view.agents(mediating)
        broker = view.first_actor(brokers) or by or _speaker_side(view, mediating, words)
        if broker is not None:
            parties = [p for p in parties if p.code != broker.code]
            return [TalkNote(
                status, "mediation", None, by or broker, tuple(parties), broker,
                text_of(sx.phrase_tokens(brokers[0])) if brokers else None, None, None,
                _condition(view, [word, verb], words.positions), comm, view.date_at(verb), view.evidence([mediating, word], events),
            )]  # fmt: skip
    if word.lemma_.lower() in w.mediator_verbs and mediator is None:
        mediator = by  # "Russia brokered a ceasefire between A and B": the broker is no side
        mediator_text = text_of(sx.phrase_tokens(view.subjects(word)[0])) if view.subjects(word) else None
        parties = [p for p in parties if by is None or p.code != by.code]
        by = None  # an agreement of both sides, with a broker
    elif any(t.lemma_.lower() in w.host_verbs for t in upto) and len(parties) >= 2:
        # "Norway offered to host talks between Chile and Peru": the host is no side
        hosting = next(t for t in upto if t.lemma_.lower() in w.host_verbs)
        host = view.first_actor(view.agents(hosting)) or by
        parties = [p for p in parties if host is None or p.code != host.code]
    elif by is not None and status in _STANCES and all(p.code != by.code for p in parties):
        parties = [by, *parties]
    offer = _offer_noun(tok, word, words)
    offerer = view.first_actor([c for c in offer.children if c.dep_ == "poss"]) if offer is not None else None
    if offer is not None and offerer is not None and status != "proposed" and by is not None and offerer.code != by.code:
        # "Cyprus rejected Turkey's offer of direct talks": Turkey proposed them, Cyprus answers
        if all(p.code != offerer.code for p in parties):
            parties = [*parties, offerer]
        proposal = (offerer, view.date_at(offer), view.evidence([offer, tok], events))
    else:
        proposal = None
    mode = _mode(view, tok, word, w)
    if mediator_text is not None and mode is None and what == "talks" and _carried(holders, words):
        mode = "indirect"  # "through Qatar", "with the EU carrying messages": not face to face
    date = view.date_at(verb)
    if status == "continued" and any(c.lower_ in w.since_words for c in word.children):
        date = replace(date, flag=ON_OR_AFTER)
    trigger = [t for t in dict.fromkeys([tok, word]) if t is not None]
    note = TalkNote(
        status, what, mode, by if status in _STANCES | {"mediated"} else None, tuple(parties), mediator,
        mediator_text, _venue(view, holders, events) if what == "talks" else None, first_since, _condition(view, [word, verb], words.positions),
        comm, date, view.evidence(trigger, events), _named_as_group(view, tok, verb),
    )  # fmt: skip
    if proposal is None:
        return [note]
    offerer, offered, evidence = proposal
    return [replace(note, status="proposed", by=offerer, condition=None, date=offered, evidence=evidence), note]


def _holder(
    view: SentenceView, word: Token, verb: Token, comms: list[Found], comm: CommRef | None, reporting: frozenset[str]
) -> Actor | None:  # fmt: skip
    """Whose stance it is: the subject of its clause (None when that is both sides: "the two
    governments agreed"); in a message's own words ("a reply accepting a summit"), the message's
    sender; in a list item, the list's author; else the one who says it ("officials stressed that
    the talks would continue only if ...")."""
    subjects = view.actors(view.subjects(verb)) or (view.actors(view.subjects(word)) if word.pos_ == "VERB" else [])
    if len({a.country or a.code for a in subjects}) >= 2:
        return None
    found = subjects[0] if subjects else None
    if found is None and not view.subjects(verb):
        for above in sx.governing(verb, ("ccomp",)):
            if above.lemma_.lower() in reporting:
                found = view.first_actor(view.subjects(above))
                break
    if found is None and comm is not None:
        note = next((f.note for f in comms if f.note.key == comm.key), None)
        if note is not None:
            found = note.sender or note.ref.owner
    if found is None and view.list_context is not None:
        found = view.list_context.source
    return found


def _named_as_group(view: SentenceView, tok: Token, verb: Token) -> bool:
    """Whether the talks' sides were named as a group ("the two sides met again")."""
    heads = view.subjects(verb) + (view.subjects(tok) if tok.pos_ == "VERB" else [])
    return any(view.mentions.group_of(h) for h in heads)


def _parties(view: SentenceView, tok: Token, verb: Token, w: TalkWords) -> list[Actor]:
    """The sides: subjects, "with X", "between A and B", the object of "met"."""
    heads: list[Token] = []
    for holder in (tok, verb):
        heads += view.between(holder) + sx.prep_objects(holder, "with", view.grammar)
    if tok.pos_ == "VERB":  # "met X", "talked to X"
        heads += view.subjects(tok) + sx.children(tok, "dobj") + sx.prep_objects(tok, "to", view.grammar)
    else:  # "proposed talks to Peru", "offered Peru talks": whom the proposal is made to
        heads += view.subjects(verb) + sx.prep_objects(verb, "to", view.grammar) + sx.children(verb, "dative")
        heads += sx.prep_objects(tok, "to", view.grammar)  # "proposed talks to Peru", parsed on the noun
    seen: dict[str, Actor] = {}
    for actor in view.actors(heads):
        seen.setdefault(actor.code or "", actor)
    return list(seen.values())


def _where(view: SentenceView, actor: Actor) -> bool:
    """An actor named as where something happens ("talks in Geneva"), not as who takes part."""
    if actor.start is None:
        return False
    at = actor.start - view.offset
    token = next((t for t in view.tokens if t.idx <= at < t.idx + len(t)), None)
    head = token
    while head is not None and head.dep_ in ("compound", "amod", "det") and head.head.i != head.i:
        head = head.head
    return head is not None and head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near")


def _mode(view: SentenceView, tok: Token, word: Token, w: TalkWords) -> str | None:
    """direct | indirect, when the talk's own words say so ("direct talks", "met face to face")."""
    local = _local(tok) + " " + (_local(word) if word.i != tok.i else "")
    if phrase_in(local, w.indirect):
        return "indirect"
    if phrase_in(local, w.direct):
        return "direct"
    return None


def _local(tok: Token) -> str:
    """The token's phrase without the clauses and conjuncts that hang off it."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in _CLAUSES and not (c.dep_ == "advcl" and sx.children(c, "mark", "nsubj"))]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
    return " ".join(t.text for t in sorted(keep, key=lambda t: t.i))


def mediator_of(view: SentenceView, holders: list[Token], words: RecordWords) -> tuple[Actor | None, str | None]:
    """ "through the mediation of Qatar", "via Norway", "with Qatari mediation", "under the African Union"."""
    w = words.talks
    for holder in dict.fromkeys(holders):
        for clause in (c for c in holder.children if c.dep_ in ("acl", "advcl") and c.lemma_.lower() in w.mediator_verbs):
            agents = [o for a in sx.children(clause, "agent") for o in sx.children(a, "pobj")]
            if agents:  # "a meeting chaired by the Malaysian prime minister", "talks brokered by Qatar"
                return view.first_actor(agents), text_of(sx.phrase_tokens(agents[0]))
        for prep in sx.children(holder, "prep"):
            low = prep.lower_
            for obj in sx.children(prep, "pobj"):
                lemma = obj.lemma_.lower()
                if lemma in w.mediator_nouns and low in w.mediator_prepositions | {"with"}:
                    named = [o for p in sx.children(obj, "prep") if p.lower_ == "of" for o in sx.children(p, "pobj")]
                    named += [c for c in obj.children if c.dep_ in ("amod", "compound", "poss")]
                    return view.first_actor(named), text_of(obj.subtree)
                if low in w.mediator_prepositions:
                    if low == "under" and lemma in words.positions.condition_objects:
                        continue
                    found = view.actor(obj)
                    if found is not None or lemma in w.mediator_nouns:
                        return found, text_of(obj.subtree)
                if low == "with" and any(c.lemma_.lower() in w.relay_verbs for c in obj.children if c.dep_ == "acl"):
                    return view.actor(obj), text_of(t for t in obj.subtree if t.i <= obj.i)
                if low == "with" and any(  # "with Saudi Arabia acting as mediator"
                    t.lemma_.lower() in w.mediator_nouns for c in obj.children if c.dep_ == "acl" for t in c.subtree
                ):
                    return view.actor(obj), text_of(sx.phrase_tokens(obj))
            if low == "with":  # "with a UN envoy moving between the delegations" (the mover hung on the verb)
                for clause in (c for c in holder.children if c.dep_ in ("advcl", "acl") and c.lemma_.lower() in w.between_verbs):
                    if sx.prep_objects(clause, "between", view.grammar) and not sx.children(clause, "nsubj"):
                        for obj in sx.children(prep, "pobj"):
                            return view.actor(obj), text_of(sx.phrase_tokens(obj))
            for comp in sx.children(prep, "pcomp"):  # "with the European Union carrying messages between ...",
                # "with Saudi Arabia acting as mediator"
                acting = any(t.lemma_.lower() in w.mediator_nouns for t in comp.subtree)
                going = comp.lemma_.lower() in w.between_verbs and bool(sx.prep_objects(comp, "between", view.grammar))
                if (comp.lemma_.lower() in w.relay_verbs and _relays(comp, words)) or acting or going:
                    subject = sx.children(comp, "nsubj")
                    if subject:
                        return view.first_actor(subject), text_of(t for t in subject[0].subtree)
    return None, None


def _carried(holders: list[Token], words: RecordWords) -> bool:
    """Talks that go through a third party (a carrier preposition, a relay, a mediation), not merely
    under its auspices."""
    carriers = words.communications.carrier_prepositions
    for holder in holders:
        for prep in sx.children(holder, "prep"):
            if prep.lower_ in carriers:
                return True
            if any(c.lemma_.lower() in words.talks.relay_verbs for c in prep.children if c.dep_ == "pcomp"):
                return True
            if prep.lower_ == "with" and any(o.lemma_.lower() in ("mediation", "intermediary") for o in sx.children(prep, "pobj")):
                return True
    return False


def _venue(view: SentenceView, holders: list[Token], events: tuple[str, ...]) -> str | None:
    """Where: "in Doha, Qatar", "in Geneva"; else the place the events were coded at."""
    heads = list(holders)
    heads += [c for h in holders for c in h.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if holders and holders[0].pos_ == "NOUN":  # "the talks between the two ministers in Geneva"
        heads += [t for t in holders[0].subtree if t.pos_ in ("NOUN", "PROPN")]
    for holder in dict.fromkeys(heads):
        for prep in sx.children(holder, "prep"):
            if prep.lower_ not in ("in", "at"):
                continue
            for head in sx.children(prep, "pobj"):
                for obj in [head, *sx.children(head, "appos")]:  # "in the Turkmen capital, Ashgabat"
                    if obj.pos_ == "PROPN" and _a_place(view, obj):
                        return text_of(sx.phrase_tokens(obj))
    wanted = set(events)
    return next((e.location for _, e in view.pairs if e.event_id in wanted and e.location), None)


def _a_place(view: SentenceView, name: Token) -> bool:
    """A name that can be where talks are: a place or state the actor knowledge knows, or a name it
    does not know at all ("Panmunjom"); not a date ("in May"), a person or a body."""
    if view.mentions.place_of(name) is not None:
        return True
    at = name.idx - view.span.start_char
    if any(e.start <= at < e.end for e in view.dates.expressions):
        return False
    found = view.mentions.actor_of(name)
    if found is not None and found.name and found.sector == "GOV" and found.name.lower() == text_of(sx.phrase_tokens(name)).lower():
        return True  # a capital named by itself, in more than one word ("in Kuala Lumpur")
    return found is None or not found.code or found.sector is None


def _first_since(view: SentenceView, w: TalkWords) -> str | None:
    """ "for the first time since 2013", "their first meeting in two decades" -> "since 2013", "in two decades"."""
    if not any(t.lower_ in w.first_words for t in view.tokens):
        return None
    for t in view.tokens:
        if t.dep_ != "prep":
            continue
        objects = sx.children(t, "pobj")
        if objects and (t.lower_ in w.since_words or (t.lower_ == "in" and objects[0].lemma_.lower() in w.first_periods)):
            return text_of(t.subtree)
    return None


def _condition(view: SentenceView, holders: list[Token], w: PositionWords) -> str | None:
    """A condition on a stance: "if the rebels withdrew ...", "as long as the blockade
    lasts ...", "under threat"."""
    marks = {m for m in w.condition_marks if " " not in m}
    for holder in dict.fromkeys(holders):
        for c in holder.children:
            if c.dep_ == "advcl":
                text = text_of(c.subtree)
                if any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) or any(
                    text.lower().startswith(m + " ") for m in w.condition_marks
                ):
                    return text
            if c.dep_ == "advmod":  # "as long as ...": the clause hangs off "long"
                for clause in sx.children(c, "advcl"):
                    text = text_of([*c.subtree])
                    if any(text.lower().startswith(m + " ") for m in w.condition_marks) and clause is not None:
                        return text
            if c.dep_ == "prep" and c.lower_ in w.condition_prepositions:
                if any(o.lemma_.lower() in w.condition_objects for o in sx.children(c, "pobj")):
                    return text_of(c.subtree)
        for obj in sx.children(holder, "dobj"):
            for prep in sx.children(obj, "prep"):
                if prep.lower_ in w.condition_prepositions and any(o.lemma_.lower() in w.condition_objects for o in sx.children(prep, "pobj")):
                    return text_of(prep.subtree)
    return None


def _mediation(view: SentenceView, verb: Token, words: RecordWords, comms: list[Found]) -> list[TalkNote]:
    """ "Qatar's foreign minister mediated", "talks mediated by Norway" (read with the talks); under
    a stance, a step of mediation itself: "Qatar offered to mediate between A and B" (proposed by
    its broker), "Kinshasa agreed to let Qatar mediate" (agreed by Kinshasa); a mediation only
    possible or to come ("said it could broker talks", "announced that it would mediate", "was
    ready to mediate") is the broker's offer; "Brazil's offer to mediate ... was welcomed by
    Georgetown" is Brazil's offer, then Georgetown's answer."""
    agents = view.agents(verb)
    mediator = view.first_actor(agents)
    sides = view.between(verb) or [
        side for p in sx.children(verb, "prep") if p.lower_ in ("in", "over", "on") for o in sx.children(p, "pobj") for side in view.between(o)
    ]  # "offered to mediate in the dispute between A and B"
    parties = view.actors(sides)
    status, word = _status(view, verb, words, "mediation")
    if status in ("held", "mediated") and _to_come(view, verb):
        status, word = "proposed", verb  # "could broker talks", "would mediate": offered, not done
    if status in _STANCES and (word.i != verb.i or status == "proposed"):
        stance_holder = view.first_actor(view.agents(word)) if word.pos_ in ("VERB", "AUX") else _adjective_holder(view, word)
        by = stance_holder or mediator
        if by is None:
            return []
        if mediator is None and status in ("proposed", "ready"):
            mediator = by  # "Qatar offered to mediate": Qatar itself
        if status == "ready" and mediator is not None and by.code == mediator.code:
            status = "proposed"  # "Brazil said it was ready to mediate": its offer
        parties = [p for p in parties if mediator is None or p.code != mediator.code]
        note = TalkNote(
            status, "mediation", None, by, tuple(parties), mediator, text_of(sx.phrase_tokens(agents[0])) if agents else None,
            None, None, _condition(view, [word], words.positions), context_comm(comms, verb, view), view.date_at(word),
            view.evidence([verb, word], view.events_at([verb, word])),
        )  # fmt: skip
        offer = _offer_noun(verb, word, words)
        owner = view.first_actor([c for c in offer.children if c.dep_ == "poss"]) if offer is not None else None
        if offer is not None and owner is not None and status != "proposed" and owner.code != by.code:
            proposal = replace(note, status="proposed", by=owner, mediator=owner, condition=None, date=view.date_at(offer),
                               evidence=view.evidence([offer, verb], view.events_at([verb])))  # fmt: skip
            return [proposal, replace(note, mediator=owner)]
        return [note]
    if mediator is None:
        return []
    return [TalkNote(
        "mediated", "talks", None, mediator, tuple(parties), mediator, text_of(sx.phrase_tokens(agents[0])),
        None, None, None, None, view.date_at(verb), view.evidence([verb], view.events_at([verb])),
    )]  # fmt: skip


def _to_come(view: SentenceView, verb: Token) -> bool:
    """A verb of what may or will be done, not negated ("could broker", "would mediate")."""
    g = view.grammar
    return bool(sx.auxiliaries(verb) & (g.future_aux | g.hedge_aux)) and not _negated(view, verb)


def _offer_noun(verb: Token, word: Token, words: RecordWords) -> Token | None:
    """The offer noun between a verb or noun and the stance above it ("Brazil's offer to mediate",
    "rejected Turkey's offer of talks")."""
    t = verb
    for _ in range(6):
        if t.i == word.i or t.head.i == t.i:
            break
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in words.items.offer_nouns:
            return t
    return None


def _speaker_side(view: SentenceView, verb: Token, words: RecordWords) -> Actor | None:
    """ "Brazil's foreign minister said his country could broker talks": the speaker's side, when the
    clause's own subject names none the mentions know."""
    for above in sx.governing(verb, ("ccomp",)):
        if above.lemma_.lower() in words.communications.reporting:
            return view.first_actor(view.agents(above))
    return None


def _adjective_holder(view: SentenceView, word: Token) -> Actor | None:
    """Whose stance an adjective is ("Brazil stands ready to ...", "Kenya is willing to ..."): its verb's agent."""
    if word.pos_ == "ADJ" and word.head.pos_ in ("VERB", "AUX"):
        return view.first_actor(view.agents(word.head))
    return None


def _mediation_noun(view: SentenceView, noun: Token, words: RecordWords, comms: list[Found]) -> TalkNote | None:
    """ "accepted Qatari mediation", "rejected the African Union's mediation", "offered its mediation",
    "offered to act as a go-between for A and B", "offered his good offices to A and B": a stance on
    mediation (a mediation merely named, "through the mediation of", is the talks')."""
    status, word = _status(view, noun, words, "mediation")
    if status not in _STANCES or word.i == noun.i:
        return None
    named = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss")]
    named += [o for p in sx.children(noun, "prep") if p.lower_ in ("of", "by") for o in sx.children(p, "pobj")]
    holder = view.first_actor(view.agents(word)) if word.pos_ in ("VERB", "AUX") else _adjective_holder(view, word)
    mediator = view.first_actor(named)
    if status in ("proposed", "ready") and mediator is None:
        mediator = holder  # "offered its mediation", "stands ready to act as an intermediary": its own
        status = "proposed"
    # "refused any mediation", "agreed to the mediation": no mediator named, an answer to the latest
    # mediation offered (the assembly finds it, or drops the note)
    if holder is None or (mediator is not None and holder.code == mediator.code and status != "proposed"):
        return None
    sides = view.between(noun, ("between", "among", "for")) + (sx.prep_objects(word, "to", view.grammar) if word.pos_ == "VERB" else [])
    parties = [p for p in view.actors(sides) if mediator is None or p.code != mediator.code]
    return TalkNote(
        status, "mediation", None, holder, tuple(parties), mediator, text_of(sx.phrase_tokens(noun)), None, None,
        _condition(view, [word], words.positions), context_comm(comms, noun, view), view.date_at(word),
        view.evidence([noun, word], view.events_at([noun, word])),
    )  # fmt: skip


def _relays(verb: Token, words: RecordWords) -> bool:
    """ "carrying messages between the delegations"."""
    nouns = words.communications.nouns
    return any(o.lemma_.lower() in nouns or o.lemma_.lower() == "proposal" for o in sx.children(verb, "dobj")) and any(
        p.lower_ == "between" for o in sx.children(verb, "dobj") for p in sx.children(o, "prep")
    )


def _relay(view: SentenceView, verb: Token, words: RecordWords) -> TalkNote | None:
    subject = view.subjects(verb)
    mediator = view.first_actor(subject)
    if mediator is None or verb.dep_ == "pcomp":
        return None  # "with the European Union carrying ...": read as the talks' mediator
    # the sides: "carrying messages between the two governments", "flew between Caracas and Georgetown carrying ..."
    sides = [h for o in sx.children(verb, "dobj") for h in view.between(o)] + view.between(verb)
    if verb.dep_ in ("advcl", "conj") and verb.head.lemma_.lower() in words.talks.between_verbs:
        sides += view.between(verb.head)
    parties = [p for p in view.actors(sides) if mediator is None or p.code != mediator.code]
    return TalkNote(
        "mediated", "talks", "indirect", mediator, tuple(parties), mediator, text_of(sx.phrase_tokens(subject[0])), None, None,
        None, None, view.date_at(verb), view.evidence([verb], view.events_at([verb])),
    )  # fmt: skip


def _venue_object(verb: Token, w: TalkWords) -> Token | None:
    """ "proposed Brussels as the venue": the object, when the verb names it a venue."""
    for prep in sx.children(verb, "prep"):
        if prep.lower_ == "as" and any(o.lemma_.lower() in w.venue_nouns for o in sx.children(prep, "pobj")):
            # "proposed Brussels as the venue", "pressed for New York as the venue"
            objects = sx.children(verb, "dobj") or [o for p in sx.children(verb, "prep") if p.lower_ == "for" for o in sx.children(p, "pobj")]
            return objects[0] if objects else None
    return None


def venue_verbs(view: SentenceView, words: RecordWords) -> frozenset[int]:
    """The verbs that name a place as the venue of talks ("pressed for New York as the venue"):
    a venue proposed, not a demand of the place's state (read_items skips them)."""
    w = words.talks
    return frozenset(t.i for t in view.tokens if t.pos_ == "VERB" and w.status_of(t.lemma_.lower()) == "proposed" and _venue_object(t, w) is not None)


def _venue_proposal(view: SentenceView, verb: Token, words: RecordWords, comms: list[Found]) -> TalkNote | None:
    venue = _venue_object(verb, words.talks)
    assert venue is not None
    comm = context_comm(comms, verb, view)
    by = _holder(view, verb, verb, comms, comm, words.communications.reporting)
    return TalkNote(
        "proposed", "talks", None, by, (by,) if by else (), None, None, text_of(sx.phrase_tokens(venue)), None, None,
        comm, view.date_at(verb), view.evidence([verb, venue], view.events_at([verb])),
    )  # fmt: skip


def _merge(view: SentenceView, notes: list[TalkNote], w: TalkWords) -> list[TalkNote]:
    """One note per act: notes of the sentence without a status (the talks' mode, their mediator)
    and repeated notes of one status (\"met ..., marking the first direct interaction\") merge."""
    out: list[TalkNote] = []
    for note in notes:
        same = next((o for o in out if note.status is None or o.status is None or o.status == note.status), None)
        if same is None:
            out.append(note)
            continue
        i = out.index(same)
        first, second = (same, note) if same.status is not None else (note, same)
        out[i] = TalkNote(
            first.status, first.what if first.what != "talks" else second.what, first.mode or second.mode,
            first.by or second.by, _union(first.parties, second.parties), first.mediator or second.mediator,
            first.mediator_text or second.mediator_text, first.venue or second.venue,
            first.first_since or second.first_since, first.condition or second.condition, first.comm or second.comm,
            first.date if first.date.date else second.date,
            replace(first.evidence, events=tuple(dict.fromkeys(first.evidence.events + second.evidence.events))),
        )  # fmt: skip
    return [n for n in out if n.status is not None]


def _union(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for actor in (*a, *b):
        seen.setdefault(actor.code or "", actor)
    return tuple(seen.values())


# ---------------------------------------------------------------- stances


def _phrasal(tok: Token) -> str:
    """A verb with its particle ("turn down"), or its lemma."""
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    return f"{tok.lemma_.lower()} {particle}" if particle else tok.lemma_.lower()


def _stance(tok: Token, w: PositionWords) -> str | None:
    """The stance a word takes, read with its particle first ("turned down" rejects)."""
    return w.stance_of(_phrasal(tok)) or w.stance_of(tok.lemma_.lower())


def read_stances(view: SentenceView, words: RecordWords, comms: list[Found]) -> list[StanceNote]:
    """Stances on demands or on a matter ("rejected arbitration"); stances on talks are talk notes,
    on a message its lifecycle ("rejected the ultimatum")."""
    w = words.positions
    talk_words = words.talks.nouns | words.talks.agreements | words.talks.verbs | words.talks.mediation_nouns
    message_words = set(words.communications.nouns)
    out: list[StanceNote] = []
    for tok in view.tokens:
        stance = _stance(tok, w)
        if stance is None or tok.pos_ not in ("VERB", "ADJ") or sx.inside_condition(tok, view.grammar):
            continue  # "if Kenya does not accept the offer, ...": the antecedent of a condition is no stance
        # what it is a stance on, and whose: the predicate's proposition ("the offer was turned down by Rwanda")
        objects = view.patients(tok) + [o for p in sx.children(tok, "prep") if p.lower_ in ("to", "with") for o in sx.children(p, "pobj")]
        # a stance is on a proposal, never on a party: "Kinshasa accepted two days later, its minister
        # calling ..." (the minister parsed as the object) is a bare answer
        objects = [o for o in objects if o.pos_ == "PRON" or view.actor(o) is None]
        party = view.first_actor(view.agents(tok)) or view.first_actor(view.subjects(sx.clause_head(tok)))
        if party is None:
            continue
        negated = _negated(view, tok)
        final = ("rejects" if stance == "accepts" else "accepts") if negated else stance
        condition = _condition(view, [tok], w)
        if final == "accepts" and condition is not None:
            final = "conditional"
        comm = context_comm(comms, tok, view)
        evidence = view.evidence([tok], view.events_at([tok]))
        answers = _phrasal(tok) in w.answers or tok.lemma_.lower() in w.answers
        if not objects and answers and tok.pos_ == "VERB" and not sx.children(tok, "xcomp", "ccomp") and (
            not view.patients(tok) or all(view.actor(o) is not None for o in view.patients(tok))
        ):
            # "Kinshasa accepted two days later", "Rwanda refused": an answer to the latest proposal
            out.append(StanceNote(party, final, "", ANSWER, comm, (), condition, view.date_at(tok), evidence))
            continue
        for obj in objects:
            lemma = obj.lemma_.lower()
            if obj.pos_ == "PRON":  # "Sudan accepted the offer, but Chad rejected it": what the sentence's last stance was on
                before = next((n for n in reversed(out) if n.party is not party and n.about is not None), None)
                if before is not None and obj.lower_ in ("it", "them"):
                    out.append(StanceNote(party, final, before.on, before.about, before.comm, before.keywords, condition, view.date_at(tok), evidence))
                elif obj.lower_ == "it" and (_phrasal(tok) in w.answers or tok.lemma_.lower() in w.answers):
                    # "Guyana declined it a day later": the latest proposal, as a bare answer would
                    out.append(StanceNote(party, final, "", ANSWER, comm, (), condition, view.date_at(tok), evidence))
                continue
            if lemma in talk_words or lemma in message_words:
                continue
            if sx.children(obj, "prep") and any(o.lemma_.lower() in talk_words for p in sx.children(obj, "prep") for o in sx.children(p, "pobj")):
                continue  # "the offer of talks": a talk note
            about = "demand" if lemma in words.items.demand_nouns else "offer" if lemma in words.items.offer_nouns else None
            tokens = list(obj.subtree)
            out.append(StanceNote(
                party, final, text_of(tokens), about, comm,
                keywords(tokens),
                condition, view.date_at(tok), evidence,
            ))  # fmt: skip
    return out
