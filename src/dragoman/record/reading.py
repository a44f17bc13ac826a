"""One sentence's parse -> notes about communications, demands and offers, and deadlines.

    read_communications  "sent a letter to X", "said it had not received the note", "ignored
                         the message", "wrote a second letter back to X", "answered it"
    read_items           the items of a demand list; demands and offers in prose
    read_deadlines       "within 2 months", "a 72-hour ultimatum", "gave X 30 days to ...",
                         and "when the ultimatum expired, ..."

Who is who comes from the mentions (the actor knowledge); what a word means
comes from `RecordWords`; everything else is the dependency parse. The notes
point at communications by `CommRef`s that the assembly resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..coding import syntax as sx
from ..coding.lists import ListContext
from ..records import Actor, Citation, DateValue, Sentence
from .builders import date_key
from .records import Evidence
from .notes import CommNote, CommRef, DeadlineNote, ExtensionNote, ItemNote, LapseNote, MetNote, NoteState
from .view import SentenceView, event_ref, text_of, words_of
from .words import CommunicationWords, DeadlineWords, ItemWords, RecordWords, TalkWords

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..time.rules import Unit

__all__ = [
    "Found", "KeyCounter", "context_comm", "keywords", "mediation_word", "read_communications", "read_deadlines", "read_items", "unparsed_item",
]  # fmt: skip

# states whose subject is the one who sends, carries, or receives the message
_SENDING = frozenset({"written", "sent"})
_RECEIVING = frozenset({"received", "not_received", "acknowledged", "not_acknowledged", "answered", "not_answered",
                        "rejected", "accepted"})  # fmt: skip
_CONTENT_DEPS = frozenset({"acl", "relcl"})


class KeyCounter:
    """Hands out the document's note keys in reading order (the count lives in the record memory)."""

    def __init__(self, start: int) -> None:
        self.next = start

    def __call__(self) -> int:
        self.next += 1
        return self.next - 1


@dataclass(frozen=True, slots=True)
class Found:
    """A communication note and where the sentence names it (for the other readers)."""

    note: CommNote
    noun: Token | None  # the noun that names it (None: a verb or pronoun does)
    head: Token | None  # the word that governs it


# ---------------------------------------------------------------- communications


def read_communications(view: SentenceView, words: RecordWords, keys: KeyCounter, recent: bool) -> list[Found]:
    """The communications the sentence names; `recent`: one was named in the last sentences
    (so that "it" may be one)."""
    w = words.communications
    found: list[Found] = []
    inner: set[int] = set()  # "a reply to the letter": the letter is what the reply answers
    for tok in view.tokens:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in w.nouns and tok.tag_ != "NNS":
            found.append(_noun(view, tok, w, keys, inner))
        elif tok.pos_ == "PRON" and tok.lower_ == "it" and (recent or found):
            note = _pronoun(view, tok, w, keys)
            if note is not None:
                found.append(note)
        elif tok.pos_ in ("NOUN", "PROPN", "VERB") and tok.is_lower and lemma in w.part_states and (recent or found) and not any(p.lower_ == "of" for p in sx.children(tok, "prep")):
            note = _pronoun(view, tok, w, keys, part=lemma)  # "confirmed receipt the same day": of the message just named
            if note is not None:
                found.append(note)
        elif tok.pos_ == "VERB" and (lemma in w.implied_by_verb or lemma in w.reply_verbs):
            note = _by_verb(view, tok, w, keys)
            if note is not None:
                found.append(note)
    return found


def _ref(view: SentenceView, noun: Token, kind: str) -> CommRef:
    owner_tokens = [c for c in noun.children if c.dep_ == "poss"]
    owner = view.first_actor(owner_tokens) if owner_tokens else None
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet")}
    if "another" in dets:
        return CommRef("another", kind, owner)
    if owner_tokens or dets & {"the", "this", "that", "its", "his", "her", "their"}:
        return CommRef("definite", kind, owner)
    return CommRef("new", kind, owner)


def _governor(noun: Token, w: CommunicationWords) -> tuple[Token | None, str, str | None]:
    """The word that governs the message, how, and the part of the message it names: ("sent",
    "object", None), ("reached", "subject", None), ("replied", "to", None); through "the
    existence of", "the receipt of" ("confirmed receipt of the letter": "receipt")."""
    t = noun
    part = None
    while t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in w.message_parts:
        t = t.head.head
        part = t.lemma_.lower()
    while t.dep_ == "conj":  # "sent a letter and a note"
        t = t.head
    if t.dep_ in ("dobj", "nsubjpass", "oprd"):
        return t.head, "object", part
    if t.dep_ == "nsubj":
        return t.head, "subject", part
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "dative", "agent") and t.head.head.pos_ in ("VERB", "AUX"):
        return t.head.head, t.head.lower_, part
    return None, "", part


def _noun(view: SentenceView, noun: Token, w: CommunicationWords, keys: KeyCounter, inner: set[int]) -> Found:
    kind = w.nouns[noun.lemma_.lower()]
    ref = _ref(view, noun, kind)
    sender = ref.owner
    recipient = None
    answers = None
    for prep in sx.children(noun, "prep"):
        for obj in sx.children(prep, "pobj"):
            if prep.lower_ == "to" and obj.lemma_.lower() in w.nouns:
                answers = _ref(view, obj, w.nouns[obj.lemma_.lower()])
                inner.add(obj.i)
            elif prep.lower_ in ("to", "for"):  # "a letter to X", "a message for the chancellor"
                recipient = recipient or view.actor(obj)
            elif prep.lower_ == "from":
                sender = sender or view.actor(obj)
    head, role, part = _governor(noun, w)
    states: list[NoteState] = []
    carrier = said_by = state = None
    date = view.date_at(head) if head is not None else view.dates.main
    content_clauses: list[Token] = []
    if head is not None and head.pos_ in ("VERB", "AUX"):
        state = _state(view, head, role, w, part)
        said_by = _speaker(view, head, w)
        if state is None and role == "with" and w.lifecycle.get(head.lemma_.lower()) in ("sent", "delivered") and state_ok(view, head):
            # "sent an envoy to Berlin with a message for the chancellor": the envoy carries it
            state, role = "sent", "object"
            carrier = view.first_actor(sx.children(head, "dobj"))
        speaks = head.lemma_.lower() in w.in_message or (head.dep_ == "ROOT" and view.first_actor(view.subjects(head)) is not None)
        if state is None and role == "in" and speaks and not sx.negated(head, view.grammar):
            # "In a letter dated 12 January, the minister told his counterpart that ...": the letter
            # was sent, by the one who speaks in it, to the one spoken to, and says what they say;
            # so with any main clause ("In a reply sent on Tuesday, the president consented to talks")
            state, role = "sent", "object"
            recipient = recipient or view.first_actor(sx.children(head, "dobj", "dative", "iobj"))
            content_clauses = sx.children(head, "ccomp", "xcomp")
        if state is not None:
            who = view.first_actor(view.subjects(head))
            to = _addressee(view, head)
            carrier = carrier or _carrier(view, head, w)
            if state in _SENDING:
                sender, recipient = sender or who, recipient or to
            elif state == "delivered" and role == "subject":
                recipient = recipient or next((p for p in (view.place(o) for o in sx.children(head, "dobj")) if p), None)
            elif state == "delivered":
                carrier, recipient = carrier or who, recipient or to
            elif state in _RECEIVING:
                recipient = recipient or who
                sender = sender or view.first_actor(sx.prep_objects(head, "from", view.grammar))
            by = {"delivered": carrier}.get(state, who)
            announced = _announcing(view, head, w)
            if announced is not None and state in _SENDING:
                states.append(NoteState("announced", view.date_at(announced), view.first_actor(view.subjects(announced))))
            states.append(NoteState(state, view.before(head, date) if state in _SENDING else date, by))
    if head is not None and role == "subject" and head.lemma_.lower() in w.in_message and not sx.negated(head, view.grammar):
        # "Egypt's letter asked Ethiopia to halt the filling": the one it speaks to
        recipient = recipient or view.first_actor(sx.children(head, "dobj", "dative", "iobj")) or _addressee(view, head)
    participle = _participle(noun, w)
    if participle is not None and not any(st.state == w.lifecycle[participle.lemma_.lower()] for st in states):
        # "a reply sent on Tuesday", "the letter, delivered by an envoy on Monday": its own participle
        own = w.lifecycle[participle.lemma_.lower()]
        agent = view.first_actor(view.agents(participle)) or view.first_actor(
            [o for a in sx.children(participle, "agent") for o in sx.children(a, "pobj")])  # fmt: skip
        if own in _SENDING:
            sender = sender or agent
        elif own == "delivered":
            carrier = carrier or agent
        recipient = recipient or _addressee(view, participle)
        when = view.date_at(participle)
        states.append(NoteState(own, view.before(participle, when) if own in _SENDING else when, agent if own != "received" else recipient))
        if head is None or date == view.dates.main:
            date = when
    reply = kind in w.reply_kinds or (head is not None and _has_particle(head, w))
    if reply and head is not None and role == "object" and recipient is None:
        recipient = _addressee(view, head)
    content = None if noun.i in inner else _content(view, noun, head if state in _SENDING else None)
    if content_clauses:
        content = "; ".join(text_of(c.subtree) for c in content_clauses)
    events = view.events_at([t for t in (head, noun) if t is not None])
    trigger = [t for t in (head, noun) if t is not None]
    note = CommNote(
        keys(), ref, kind, tuple(states), sender, recipient, carrier, said_by, reply, answers, content, date,
        view.evidence(trigger, events),
    )  # fmt: skip
    return Found(note, noun, head)


def _participle(noun: Token, w: CommunicationWords) -> Token | None:
    """A clause of the message's lifecycle that qualifies it: a participle ("a reply sent on
    Tuesday") or a relative clause with the message as its object ("a letter that the prime
    minister sent to his counterpart on 28 September")."""
    for c in noun.children:
        if c.lemma_.lower() not in w.lifecycle:
            continue
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return c
        objects = sx.children(c, "dobj")
        if c.dep_ == "relcl" and sx.children(c, "nsubj") and (not objects or objects[0].lower_ in ("that", "which")):
            return c
    return None


def _pronoun(view: SentenceView, tok: Token, w: CommunicationWords, keys: KeyCounter, part: str | None = None) -> Found | None:
    """ "had not received it", "handed it to the minister", "answered it": a message named before;
    with `part`, a part of it named alone ("confirmed receipt the same day")."""
    head = tok.head
    # a part the parser misread as a verb ("confirmed receipt" as "confirmed" + xcomp): its object
    objective = ("dobj", "nsubjpass", "xcomp") if part is not None else ("dobj", "nsubjpass")
    role = "object" if tok.dep_ in objective else "subject" if tok.dep_ == "nsubj" else ""
    if not role or head.pos_ not in ("VERB", "AUX") or (part is not None and role != "object"):
        return None
    state = _state(view, head, role, w, part)
    if state is None:
        return None
    who = view.first_actor(view.subjects(head))
    to = _addressee(view, head)
    carrier = _carrier(view, head, w)
    sender = recipient = None
    if state in _SENDING:
        sender, recipient = who, to
    elif state == "delivered" and role == "object":
        carrier, recipient = carrier or who, to
    elif state in _RECEIVING:
        recipient = who
    by = carrier if state == "delivered" else who
    date = view.date_at(head)
    states = (NoteState(state, view.before(head, date) if state in _SENDING else date, by),)
    note = CommNote(
        keys(), CommRef("pronoun"), None, states, sender, recipient, carrier, _speaker(view, head, w), False, None,
        None, date, view.evidence([head, tok], view.events_at([head])),
    )  # fmt: skip
    return Found(note, None, head)


def _by_verb(view: SentenceView, verb: Token, w: CommunicationWords, keys: KeyCounter) -> Found | None:
    """ "had written to the supreme leader" (a letter, named by its verb); "replied to X" (a reply,
    if X's side had written to the one who replies: the assembly checks)."""
    objects = sx.children(verb, "dobj")
    if any(o.lemma_.lower() in w.nouns for o in objects) or any(c.lower_ == "it" for c in objects):
        return None  # the noun (or pronoun) is read on its own
    lemma = verb.lemma_.lower()
    addressees = sx.prep_objects(verb, "to", view.grammar)
    if any(a.lemma_.lower() in w.nouns for a in addressees):
        return None  # "replied to the letter": read with the noun
    recipient = view.first_actor(addressees) or view.first_actor(objects)  # "wrote to X", "phoned X"
    sender = view.first_actor(view.subjects(verb))
    # "replied through the same channel", "answered via Oslo": an answer sent by a channel (a bare "responded
    # by stating ..." is no message)
    back = _has_particle(verb, w) or (lemma in w.reply_verbs and any(p.lower_ in w.carrier_prepositions for p in sx.children(verb, "prep")))
    # "Chile replied on 9 March": an answer on its own (not "replied by ...ing", a way of acting)
    back = back or (lemma in w.bare_reply_verbs and not objects and not any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in verb.children))
    if sender is None or sx.negated(verb, view.grammar) or (recipient is None and not back):
        return None  # "had written to X", "replied to X", "wrote back": an addressee, or an answer (the assembly
        # keeps an answer only where the replier's side was sent something)
    date = view.date_at(verb)
    if lemma in w.reply_verbs:
        kind = sorted(w.reply_kinds)[0]
        ref, state, reply = CommRef("answer", kind), "sent", True
    else:
        kind = w.implied_by_verb[lemma]
        ref, state, reply = CommRef("answer" if recipient is None else "new", kind), w.lifecycle.get(lemma, "sent"), back
    states = (NoteState(state, view.before(verb, date), sender),)
    note = CommNote(
        keys(), ref, kind, states, sender, recipient, _carrier(view, verb, w), _speaker(view, verb, w), reply, None,
        _content(view, None, verb), date, view.evidence([verb], view.events_at([verb])),
    )  # fmt: skip
    return Found(note, None, verb)


def _state(view: SentenceView, head: Token, role: str, w: CommunicationWords, part: str | None) -> str | None:
    """The lifecycle state the governing verb gives the message, negation read; None when it gives none
    or speaks of what may only happen ("would send"). "confirmed receipt of the letter": the part's."""
    lemma = head.lemma_.lower()
    described = [c.lower_ for c in head.children if c.dep_ in ("acomp", "oprd")]
    if role in ("subject", "object") and any(d in w.described for d in described):
        # "the letter remained unanswered", "went unacknowledged", "was left unanswered"
        return next(w.described[d] for d in described if d in w.described)
    if role == "object" and part in w.part_states and (lemma in w.announcing or lemma in w.lifecycle):
        state: str | None = w.part_states[part]
    elif role == "object":
        state = w.lifecycle.get(lemma)
    elif role == "subject":
        state = w.subject_lifecycle.get(lemma)
    elif role == "to" and lemma in w.reply_verbs:
        state = "answered"
    else:
        state = None
    if state is None:
        return None
    g = view.grammar
    if head.dep_ == "pcomp" and head.head.lower_ in g.time_anchors:
        return None  # "two weeks after sending the letter": an earlier act, named to date another
    if sx.auxiliaries(head) & (g.future_aux | g.hedge_aux) or (head.dep_ == "xcomp" and head.head.lemma_.lower() in g.plan_verbs):
        return None
    if sx.negated(head, g) or any(h.lemma_.lower() in g.deny_verbs for h in sx.governing(head)):
        return w.negated.get(state)
    return state


def state_ok(view: SentenceView, head: Token) -> bool:
    """The verb tells what happened: not negated, not only planned or possible."""
    g = view.grammar
    return not (sx.negated(head, g) or sx.auxiliaries(head) & (g.future_aux | g.hedge_aux))


def _speaker(view: SentenceView, head: Token, w: CommunicationWords) -> Actor | None:
    """Who reports it: the subject of a reporting verb whose clause holds the verb."""
    for above in sx.governing(head, ("ccomp", "conj")):
        if above.lemma_.lower() in w.reporting:
            return view.first_actor(view.subjects(above))
    return None


def _announcing(view: SentenceView, head: Token, w: CommunicationWords) -> Token | None:
    """The verb that announces the clause ("announced that he had written a letter"), or None."""
    for above in sx.governing(head, ("ccomp",)):
        if above.lemma_.lower() in w.announcing:
            return above
    return None


def _addressee(view: SentenceView, verb: Token) -> Actor | None:
    heads = sx.prep_objects(verb, "to", view.grammar) + sx.children(verb, "dative", "iobj")
    return view.first_actor(h for h in heads if h.lower_ != "to")


def _carrier(view: SentenceView, verb: Token, w: CommunicationWords) -> Actor | None:
    for prep in w.carrier_prepositions:
        found = view.first_actor(sx.prep_objects(verb, prep, view.grammar))
        if found is not None:
            return found
    return None


def _has_particle(verb: Token, w: CommunicationWords) -> bool:
    return any(c.dep_ in ("advmod", "prt") and c.lower_ in w.reply_particles for c in verb.children)


def _content(view: SentenceView, noun: Token | None, head: Token | None) -> str | None:
    """What the message says, in the report's words: a clause on the noun ("a reply accepting
    a summit ...", also when the parser hung it on the message the reply answers), or a clause of
    the verb that sends it ("wrote a letter ..., expressing his desire to ...", "wrote to X to propose")."""
    clauses: list[Token] = []
    if noun is not None:
        clauses += [c for c in noun.children if c.dep_ in _CONTENT_DEPS]
        for prep in sx.children(noun, "prep"):
            if prep.lower_ == "to":
                clauses += [c for o in sx.children(prep, "pobj") for c in o.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    if head is not None and head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and not sx.children(c, "mark", "nsubj"):
                clauses.append(c)
            elif c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
                clauses.append(c)
    if not clauses:
        return None
    return "; ".join(text_of(c.subtree) for c in sorted(clauses, key=lambda t: t.i))


# ---------------------------------------------------------------- demands and offers


def read_items(
    view: SentenceView, words: RecordWords, keys: KeyCounter, comms: list[Found], list_comm: int | None,
    skip: frozenset[int] = frozenset(),
) -> list[ItemNote]:  # fmt: skip
    """The sentence's demands, offers and threats: a list item under a demand lead-in, or a demand
    or offer coded in prose. `skip`: tokens of acts that are no item ("told three envoys to leave"
    is an expulsion, not a demand: ruptures.py)."""
    w = words.items
    if view.list_context is not None:
        return [_list_item(view, words, keys, list_comm)] if view.item_block else []
    out: list[ItemNote] = []
    for draft, event in view.pairs:
        if draft.trigger.i in skip:
            continue
        lemma = draft.trigger.lemma_.lower()
        if event.root in w.demand_roots and event.modality not in ("negated", "hypothetical", "denied"):
            kind = "demand"
        elif lemma in w.offer_verbs and event.modality not in ("negated", "denied") and not (
            lemma != "offer" and _named_elsewhere(draft.trigger, words)
        ):
            kind = "offer"
        else:
            continue
        tokens = _asked(draft.trigger)
        if not tokens:
            continue
        if kind == "offer" and (
            any(t.head.i == draft.trigger.i and t.lemma_.lower() in words.talks.mediator_verbs for t in tokens)
            or any(mediation_word(t, words.talks) for t in tokens)
        ):
            continue  # "offered to mediate", "offered his good offices": a step of mediation (talks.py), not terms offered
        of = event.target or _asked_of(view, draft.trigger)
        comm = context_comm(comms, draft.trigger, view)
        if comm is None and not _between_sides(event.source, of):
            continue  # a party's demand of its own side ("the Tories pressed Labour"): not diplomacy
        out.append(ItemNote(
            keys(), kind, text_of(tokens), _topic(view, tokens, w, event.cameo), event.cameo, event.source, of, comm,
            event.condition, keywords(tokens), event.date, view.evidence([draft.trigger], (event.event_id,)),
        ))  # fmt: skip
    triggers = {d.trigger.i for d, _ in view.pairs}
    for verb in view.tokens:  # "wrote to X proposing an exchange of prisoners": an offer no event was coded for
        if verb.pos_ == "VERB" and verb.lemma_.lower() in w.offer_verbs and verb.i not in triggers and verb.i not in skip:
            note = _uncoded_offer(view, verb, words, keys, comms)
            if note is not None:
                out.append(note)
    told = {n.evidence.trigger_span for n in out}
    for noun in view.tokens:  # "made an offer to buy water from Kyrgyzstan", "put forward a demand that ..."
        note = _noun_item(view, noun, words, keys, comms, skip)
        if note is not None and note.evidence.trigger_span not in told:
            out.append(note)
    return out


def _uncoded_offer(view: SentenceView, verb: Token, words: RecordWords, keys: KeyCounter, comms: list[Found]) -> ItemNote | None:
    """An offer of terms the coder left without an event, in a message ("wrote to X proposing an
    exchange of prisoners") or between two sides: by the verb's agent, of whom its phrases name
    (else, in a message, of its recipient: the assembly's addressee)."""
    g = view.grammar
    if sx.negated(verb, g) or sx.inside_condition(verb, g) or sx.auxiliaries(verb) & (g.future_aux | g.hedge_aux):
        return None
    tokens = _asked(verb)
    if not tokens or _named_elsewhere(verb, words) or any(
        mediation_word(t, words.talks) or t.lemma_.lower() in words.talks.mediator_verbs for t in tokens
    ):  # fmt: skip
        return None
    by = view.first_actor(view.agents(verb))
    of = view.first_actor(view.recipients(verb))
    comm = context_comm(comms, verb, view)
    if by is None or (comm is None and not _between_sides(by, of)):
        return None
    return ItemNote(
        keys(), "offer", text_of(tokens), _topic(view, tokens, words.items), None, by, of, comm, None, keywords(tokens),
        view.date_at(verb), view.evidence([verb], view.events_at([verb])),
    )  # fmt: skip


def _named_elsewhere(trigger: Token, words: RecordWords) -> bool:
    """A proposal of talks or of an agreement ("proposed talks", "proposed a truce"): the talks' or
    the agreement's reader has it, not the items (an *offer* of talks is both, as the golden
    letters case has it)."""
    named = {*words.talks.nouns, *words.talks.agreements, *words.agreements.nouns}
    return any(t.lemma_.lower() in named for t in _asked(trigger)[:4])


def _noun_item(
    view: SentenceView, noun: Token, words: RecordWords, keys: KeyCounter, comms: list[Found], skip: frozenset[int]
) -> ItemNote | None:  # fmt: skip
    """An offer or demand named by its noun under a light verb, with what it asks for in a clause of
    its own: the light verb's agent makes it of the one its phrases name (`view.recipients`), or of
    the one the clause names ("to buy surplus water from Kyrgyzstan": Kyrgyzstan)."""
    w = words.items
    lemma = noun.lemma_.lower()
    kind = "offer" if lemma in w.offer_nouns else "demand" if lemma in w.demand_nouns else None
    verb = noun.head
    if kind is None or noun.pos_ != "NOUN":
        return None
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in view.grammar.light_verbs:
        return None
    if verb.i in skip or noun.i in skip or sx.negated(verb, view.grammar) or sx.inside_condition(verb, view.grammar):
        return None
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")]
    if not clauses or any(mediation_word(t, words.talks) or t.lemma_.lower() in words.talks.mediator_verbs for t in clauses[0].subtree):
        return None
    clause = clauses[0]
    tokens = [t for t in clause.subtree if not (t.dep_ in ("mark", "aux") and t.head.i == clause.i and t.i < clause.i and t.lower_ in ("that", "to"))]
    by = view.first_actor(view.agents(verb))
    named = [o for p in sx.children(clause, "prep") if p.lower_ in ("from", "with") for o in sx.children(p, "pobj")]
    named += [c for o in named for c in o.children if c.dep_ == "poss"]  # "from Kyrgyzstan's reservoir"
    of = view.first_actor(view.recipients(verb)) or view.first_actor(view.recipients(clause)) or view.first_actor(named)
    if kind == "demand":
        of = view.first_actor(sx.children(clause, "nsubj")) or of  # "a demand that Sudan hand over ..."
    comm = context_comm(comms, noun, view)
    if by is None or (comm is None and not _between_sides(by, of)):
        return None
    events = view.events_at([verb, noun, clause])
    cameo = next((e.cameo for _, e in view.pairs if e.event_id in events), None)
    return ItemNote(
        keys(), kind, text_of(tokens), _topic(view, tokens, w, cameo), cameo, by, of, comm, None, keywords(tokens),
        view.date_at(verb), view.evidence([verb, noun], events),
    )  # fmt: skip


def _between_sides(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and bool(a.country) and bool(b.country) and a.country != b.country


def _list_item(view: SentenceView, words: RecordWords, keys: KeyCounter, list_comm: int | None) -> ItemNote:
    w = words.items
    ctx = view.list_context
    assert ctx is not None
    tokens = list(view.tokens)
    kind, cameo = "demand", None
    source_side = ctx.source.country if ctx.source is not None else None
    for _, event in view.pairs:
        if event.root in w.threat_roots:
            kind, cameo = "threat", event.cameo
            break
        if event.root in w.offer_roots and event.source is not None and event.source.country == source_side:
            kind, cameo = "offer", event.cameo
        elif cameo is None:
            cameo = event.cameo
    condition = next((e.condition for _, e in view.pairs if e.condition), None) or _case(view)
    comm = CommRef("key", key=list_comm) if list_comm is not None else None
    trigger = [view.span.root]
    return ItemNote(
        keys(), kind, view.sentence.text.strip().rstrip("."), _topic(view, tokens, w, cameo), cameo, ctx.source, ctx.target,
        comm, condition, keywords(tokens), view.dates.main, view.evidence(trigger, view.sentence_events()),
    )  # fmt: skip


def _case(view: SentenceView) -> str | None:
    """ "In case of no negotiations": a condition written as a noun phrase."""
    for tok in view.tokens:
        if tok.lemma_.lower() in view.grammar.condition_nouns and tok.dep_ == "pobj":
            return text_of(tok.head.subtree)
    return None


def _asked(trigger: Token) -> list[Token]:
    """What a demand or offer asks for: "demanding that Ethiopia stop filling the reservoir" ->
    "Ethiopia stop filling the reservoir"; "urged Kenya to stop" -> "stop ..."; "offered new talks"."""
    for dep in ("ccomp", "xcomp", "advcl"):
        for clause in sx.children(trigger, dep):
            if dep == "advcl" and (sx.children(clause, "mark") or not sx.infinitive(clause)):
                continue  # only an infinitive the parser hung as a purpose ("told Peru on 2 March to withdraw")
            return [t for t in clause.subtree if not (t.dep_ in ("mark", "aux") and t.head.i == clause.i and t.i < clause.i and t.lower_ in ("that", "to"))]
    for obj in sx.children(trigger, "dobj"):
        return list(obj.subtree)
    for prep in sx.children(trigger, "prep"):
        if prep.lower_ in ("for", "on"):
            return [t for t in prep.subtree if t.i != prep.i]
    return []


def _asked_of(view: SentenceView, trigger: Token) -> Actor | None:
    for clause in sx.children(trigger, "ccomp", "xcomp"):
        found = view.first_actor(sx.children(clause, "nsubj"))
        if found is not None:
            return found
    return view.first_actor(sx.children(trigger, "dobj"))


def _topic(view: SentenceView, tokens: list[Token], w: ItemWords, cameo: str | None = None) -> str | None:
    """The first topic whose act is the item's CAMEO code, else whose words (or actors' sectors) the item names."""
    if cameo is not None:
        coded = next((topic for topic, codes in w.topic_codes.items() if cameo in codes), None)
        if coded is not None:
            return coded
    seen = words_of(tokens)
    text = " ".join(t.lower_ for t in tokens)
    sectors = {a.sector for a in (view.actor(t) for t in tokens) if a is not None and a.sector}
    for topic, topic_words in w.topics.items():
        if any((word in seen) if " " not in word else (word in text) for word in topic_words):
            return topic
        if sectors & w.topic_sectors.get(topic, frozenset()):
            return topic
    return None


def mediation_word(tok: Token, w: TalkWords) -> bool:
    """A noun of mediation itself, alone or with its modifiers: "mediation", "go-between", "good offices"."""
    if tok.lemma_.lower() in w.mediation_nouns:
        return True
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "punct")]
    return bool(left) and "".join(t.text_with_ws for t in [*left, tok]).lower().strip() in w.mediation_nouns


def keywords(tokens: list[Token]) -> tuple[str, ...]:
    """The nouns of a phrase: what a later stance on the same matter shares with it."""
    return tuple(dict.fromkeys(t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN") and not t.is_stop))


def context_comm(comms: list[Found], token: Token, view: SentenceView) -> CommRef | None:
    """The communication a clause belongs to: a message whose noun or governing verb holds it
    ("sent a letter ..., demanding that ...", "a reply accepting a summit", "In his reply he ...")."""
    best: Found | None = None
    for f in comms:
        noun, head = f.noun, f.head
        if noun is not None and view.in_subtree(token, noun) and token.i != noun.i:
            return CommRef("key", key=f.note.key)
        if head is not None and view.in_subtree(token, head) and best is None:
            best = f
    return CommRef("key", key=best.note.key) if best is not None else None


# ---------------------------------------------------------------- deadlines


def read_deadlines(
    view: SentenceView, words: RecordWords, keys: KeyCounter, units: dict[str, Unit], numbers: dict[str, int],
    comms: list[Found], items: list[ItemNote], list_comm: int | None, skip: frozenset[int] = frozenset(),
) -> tuple[list[CommNote], list[DeadlineNote], list[ItemNote], list[ExtensionNote | LapseNote | MetNote]]:  # fmt: skip
    """Deadlines, counted ("within 2 months", "gave Georgia 48 hours to withdraw") or set by a day ("must
    withdraw by 30 June", "a deadline of 15 May", "by the end of the month": the date rules' deadline
    role), with the demand each sets a time for when the sentence names one that no other note holds
    and the message a deadline one party sets another is ("gave Georgia 48 hours to withdraw" is an
    ultimatum); then more time given to one ("extended the deadline to 15 July", "gave Ethiopia two
    more weeks") and deadlines that passed. `skip`: tokens of acts whose time is no deadline ("told
    three envoys to leave within a day": the expulsion's, ruptures.py)."""
    w = words.deadlines
    found = _Deadlines([], [], [], [])
    for tok in view.tokens:
        unit = tok.lemma_.lower()
        if unit not in units or tok.pos_ != "NOUN" or tok.i in skip:
            continue
        amount = _amount(tok, numbers)
        if amount is None:
            continue
        extending = _extending(view, tok, w)
        if extending is not None:
            found.extensions.append(ExtensionNote(
                None, amount, unit, view.first_actor(view.agents(extending)), _given(view, extending), view.date_at(extending),
                view.evidence([tok, extending], view.events_at([extending])),
            ))  # fmt: skip
            continue
        shape = _deadline_shape(tok, w)
        if shape is not None:
            anchor_word, phrase = shape
            _deadline(view, words, keys, comms, items, list_comm, found, tok, anchor_word, phrase, amount, unit, None)
    for tok, value in _set_days(view, units, numbers, skip):
        extended = _extended_to(tok, w)
        if extended is not None:
            found.extensions.append(ExtensionNote(
                value, None, None, view.first_actor(view.agents(extended)), None, view.date_at(extended),
                view.evidence([tok, extended], view.events_at([extended])),
            ))  # fmt: skip
            continue
        day = _day_shape(tok, w)
        if day is not None:
            anchor_word, phrase = day
            _deadline(view, words, keys, comms, items, list_comm, found, tok, anchor_word, phrase, None, None, value)
    return found.implied, found.deadlines, found.asked, [*found.extensions, *_lapses(view, w), *_met(view, w)]


@dataclass(slots=True)
class _Deadlines:
    implied: list[CommNote]
    deadlines: list[DeadlineNote]
    asked: list[ItemNote]
    extensions: list[ExtensionNote]


def _deadline(
    view: SentenceView, words: RecordWords, keys: KeyCounter, comms: list[Found], items: list[ItemNote],
    list_comm: int | None, found: _Deadlines, tok: Token, anchor_word: Token, phrase: str, amount: int | None,
    unit: str | None, due: DateValue | None,
) -> None:  # fmt: skip
    """One deadline (a duration `amount` `unit`, or a day `due`) hung on `anchor_word`, with its
    message and demand where the sentence names them."""
    w = words.deadlines
    comm = _deadline_comm(comms, anchor_word, view) or (CommRef("key", key=list_comm) if list_comm is not None else None)
    act = _demanded_act(tok, anchor_word)
    item_key = items[0].key if (view.item_block or len(items) == 1) and items else None
    if act is None and item_key is None and comm is not None and anchor_word.pos_ == "VERB" and _in_content(comms, anchor_word, view):
        act = anchor_word  # "told his counterpart that the islands must be demilitarised within six months"
    by = of = None
    if anchor_word.pos_ in ("VERB", "AUX") and anchor_word.lemma_.lower() not in w.verbs:
        of = view.first_actor(view.subjects(anchor_word))  # "that Mogadishu withdraw ... within ten days": of whom
        if due is not None and item_key is None and comm is None:
            # "Ethiopia said Eritrea must withdraw by 30 June", "required Kyrgyzstan to publish it by the end
            # of the month": a demand of the one who says or asks so, of another side
            by = _asker(view, anchor_word)
            act = anchor_word if by is not None and of is not None and by.country != of.country else None
            by = by if act is not None else None
    elif anchor_word.pos_ in ("VERB", "AUX"):  # "gave Georgia 48 hours": by whom, of whom
        by = view.first_actor(view.subjects(anchor_word))
        of = _given(view, anchor_word)
    elif anchor_word.head.pos_ in ("VERB", "AUX") and anchor_word.dep_ == "dobj":
        by = view.first_actor(view.subjects(anchor_word.head))
        of = _given(view, anchor_word.head)
    if comm is None and by is None and item_key is None and anchor_word.lemma_.lower() not in w.nouns:
        return  # "will be built within two years": a time, not a deadline a party set
    if due is not None and (comm is None and by is None and of is None and item_key is None or _past(due, view.dates.main)):
        return  # "a deadline of 1 March 2015 had passed": one spoken of, not set here
    if comm is None and by is not None and of is not None and anchor_word.lemma_.lower() in w.verbs:
        when = view.date_at(anchor_word)
        message = CommNote(
            keys(), CommRef("new", w.implied_kind), w.implied_kind, (NoteState("sent", when, by),), by, of, None,
            None, False, None, text_of(act.subtree) if act is not None else None, when,
            view.evidence([anchor_word], view.events_at([anchor_word])),
        )  # fmt: skip
        found.implied.append(message)
        comm = CommRef("key", key=message.key)
    if act is not None and item_key is None:
        tokens = [t for t in act.subtree if not (t.dep_ in ("aux", "mark") and t.head.i == act.i and (t.lower_ == "to" or t.i < act.i))]
        cameo = next((e.cameo for d, e in view.pairs if d.trigger.i in (anchor_word.i, anchor_word.head.i, act.i)), None)
        item = ItemNote(
            keys(), "demand", text_of(tokens), _topic(view, tokens, words.items, cameo), cameo, by, of, comm, None,
            keywords(tokens), view.date_at(act), view.evidence([act], view.events_at([act])),
        )  # fmt: skip
        found.asked.append(item)
        item_key = item.key
    if item_key is not None and (by is None or of is None):  # the demand's parties, where the deadline names none
        told = next((i for i in [*items, *found.asked] if i.key == item_key), None)
        if told is not None:
            by, of = by or told.by, of or told.of
    found.deadlines.append(DeadlineNote(
        keys(), phrase, amount, unit, comm, item_key, by, of, view.dates.main,
        view.evidence([tok], view.events_at([anchor_word])), due,
    ))  # fmt: skip


def _past(due: DateValue, told: DateValue) -> bool:
    """Was the day set already past when the sentence tells it?"""
    key, now = date_key(due), date_key(told)
    return key is not None and now is not None and key < now[: len(key)]


def _asker(view: SentenceView, act: Token) -> Actor | None:
    """Who says or asks that the act be done: the agent of the verb whose clause it is ("said Eritrea
    must withdraw", "required Kyrgyzstan to publish") or of the noun ("Armenia's demand that ...")."""
    for head in sx.governing(act, ("ccomp", "xcomp")):
        return view.first_actor(view.agents(head))
    if act.dep_ == "acl" and any(c.dep_ == "mark" for c in act.children):
        return view.first_actor(view.agents(act.head))
    return None


def _given(view: SentenceView, verb: Token) -> Actor | None:
    """Whom a deadline is given: "gave Georgia 48 hours", "gave Somalia until 15 July", "set Sudan a deadline"."""
    return view.first_actor(sx.children(verb, "dative", "iobj")) or view.first_actor(sx.children(verb, "dobj"))


def _extending(view: SentenceView, unit: Token, w: DeadlineWords) -> Token | None:
    """The verb that gives a deadline more time, if the duration is that time: "gave Ethiopia two
    more weeks", "extended the deadline by a week", "pushed the deadline back by ten days"."""
    if any(c.dep_ in ("amod", "advmod", "det") and c.lower_ in w.more_words for c in unit.children):
        verb = unit.head
        return verb if verb.pos_ in ("VERB", "AUX") else None
    if unit.dep_ == "pobj" and unit.head.lower_ == "by":
        return _extended_to(unit, w)
    return None


def _extended_to(tok: Token, w: DeadlineWords) -> Token | None:
    """The extending verb of "extended the deadline to 15 July", "pushed the deadline back to 15
    June" ("by a week"): the verb, when its object (or passive subject) is a deadline noun."""
    prep = tok.head if tok.dep_ == "pobj" else tok
    if prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.dep_ in ("advmod", "prt") and verb.pos_ in ("ADV", "ADP"):
        verb = verb.head  # "pushed the deadline back to 15 June"
    if verb.lemma_.lower() not in w.extension_verbs:
        return None
    objects = sx.children(verb, "dobj", "nsubjpass")
    return verb if any(o.lemma_.lower() in w.nouns for o in objects) else None


def _set_days(view: SentenceView, units: dict[str, Unit], numbers: dict[str, int], skip: frozenset[int]) -> list[tuple[Token, DateValue]]:
    """The days the date rules read as deadlines (role "deadline"; not a counted one, "within 2
    months", which the units are read for), each with the word that heads its phrase."""
    out: list[tuple[Token, DateValue]] = []
    at = view.span.start_char
    for e in view.dates.expressions:
        if e.role != "deadline" or not e.value.date:
            continue
        tokens = [t for t in view.tokens if e.start <= t.idx - at < e.end]
        if not tokens or any(t.i in skip or (t.lemma_.lower() in units and _amount(t, numbers) is not None) for t in tokens):
            continue
        top = next(t for t in tokens if t.head.i == t.i or not (e.start <= t.head.idx - at < e.end))
        out.append((top, _due_day(e.value)))
    return out


def _due_day(value: DateValue) -> DateValue:
    """A deadline "by the end of the month" falls on its last day."""
    key = date_key(value)
    if key is not None and key != value.date:
        return replace(value, date=key, precision="day", date_end=None)
    return value


def _day_shape(tok: Token, w: DeadlineWords) -> tuple[Token, str] | None:
    """(the word a deadline set by a day hangs on, its words): "by 31 May" on the act demanded, "a
    deadline of 15 May" and "the 15 May deadline" on the noun, "until 15 July" on the giving verb."""
    if tok.dep_ == "prep":
        prep = tok
    elif tok.dep_ == "pobj":
        prep = tok.head
    else:  # "the 15 May deadline"
        noun = tok.head
        return (noun, text_of(noun.subtree)) if noun.lemma_.lower() in w.nouns else None
    head = prep.head
    if prep.lower_ == "of" and head.lemma_.lower() in w.nouns:
        return head, text_of(t for t in head.subtree if t.i <= prep.right_edge.i)
    if head.pos_ in ("VERB", "AUX") or (head.pos_ in ("NOUN", "PROPN") and sx.children(head, "mark")):
        return head, text_of(prep.subtree)  # (a "that" clause the parser read as a noun phrase: the noun)
    return None


def _in_content(comms: list[Found], token: Token, view: SentenceView) -> bool:
    """Is the token in what a message of the sentence says (a clause of its verb, not the verb itself)?"""
    return any(f.head is not None and token.i != f.head.i and view.in_subtree(token, f.head) for f in comms)


def _amount(unit: Token, numbers: dict[str, int]) -> int | None:
    for c in unit.children:
        if c.dep_ == "nummod":
            text = c.lower_.replace(",", "")
            if text.isascii() and text.isdigit() and len(text) <= 6:  # "72"; not "²", nor a 5,000-digit number
                return int(text)
            if text in numbers:
                return numbers[text]
        if c.dep_ == "det" and c.lower_ in ("a", "an", "another"):
            return 1  # "a week", "another week" (more time: deadlines.more_words)
    return None


def _deadline_shape(unit: Token, w: DeadlineWords) -> tuple[Token, str] | None:
    """(the word the deadline hangs on, its words), if the duration is a deadline."""
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ in w.prepositions:
        return head.head, text_of(head.subtree)
    if unit.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in w.nouns:
        return head, text_of(t for t in head.subtree if t.i <= head.i)
    if unit.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in w.nouns:
        noun = head.head
        return noun, text_of(t for t in noun.subtree if t.i <= unit.i)
    if unit.dep_ in ("dobj", "npadvmod", "attr") and head.lemma_.lower() in w.verbs:
        return head, text_of(t for t in unit.subtree if t.dep_ not in ("acl", "relcl") or t.i == unit.i)
    return None


def _deadline_comm(comms: list[Found], anchor: Token, view: SentenceView) -> CommRef | None:
    for f in comms:
        if f.noun is not None and f.noun.i == anchor.i:
            return CommRef("key", key=f.note.key)
    for f in comms:
        if (f.head is not None and f.head.i == anchor.i) or (f.noun is not None and f.noun.head.i == anchor.i):
            return CommRef("key", key=f.note.key)
    return context_comm(comms, anchor, view)


def _demanded_act(unit: Token, anchor: Token) -> Token | None:
    """The act a deadline is set for: "an ultimatum to withdraw", "gave Ethiopia 30 days to accept",
    "set Sudan a deadline of 15 May to reopen the border"."""
    holders = [unit, anchor, *([anchor.head] if anchor.dep_ == "dobj" and anchor.pos_ == "NOUN" else [])]
    for holder in holders:
        for c in holder.children:
            if c.dep_ in ("acl", "advcl", "xcomp", "relcl") and c.pos_ == "VERB":
                if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                    return c
    return None


def _it_lapsed(tok: Token, w: DeadlineWords) -> bool:
    """ "It passed on Monday": a deadline named just before (the assembly checks) that passed ("it
    passed the bill" is something else)."""
    verb = tok.head
    return tok.lower_ == "it" and tok.dep_ == "nsubj" and verb.lemma_.lower() in w.lapse_verbs and not sx.children(verb, "dobj")


def _lapses(view: SentenceView, w: DeadlineWords) -> list[LapseNote]:
    """ "The deadline passed on 6 March", "when the ultimatum expired", "after the deadline"."""
    out: list[LapseNote] = []
    for tok in view.tokens:
        if tok.lemma_.lower() not in w.nouns and not _it_lapsed(tok, w):
            continue
        clause: Token | None = None
        t = tok
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in w.lapse_nouns:
            t = t.head.head  # "the expiry of the ultimatum"
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in w.lapse_verbs:
            clause = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in w.lapse_prepositions:
            clause = t.head
        else:  # "The deadline lapsed on Saturday" misread as a participle on the noun; "which passed on 1 June"
            clause = next((c for c in t.children if c.lemma_.lower() in w.lapse_verbs and (
                c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")))), None)  # fmt: skip
        if clause is None:
            continue
        acts = {x.i for c in clause.children if c.dep_ == "conj" for x in c.subtree}  # "passed, and troops shelled ..."
        inside = {x.i for x in clause.subtree} - acts
        outcome = tuple(event_ref(e) for d, e in view.pairs if d.trigger.i not in inside)
        lo = min(x.idx for x in clause.subtree) - view.span.start_char
        hi = max(x.idx + len(x) for x in clause.subtree) - view.span.start_char
        at = clause.idx - view.span.start_char  # its own date, or one of its clause when that is an aside ("which passed on 1 June")
        dated = any(
            lo <= e.start < hi and e.value.date and (e.role == "event" or (e.owner is not None and e.owner[0] <= at < e.owner[1]))
            for e in view.dates.expressions
        )  # fmt: skip
        out.append(LapseNote(
            tok.lemma_.lower(), view.date_at(clause), outcome, view.evidence([tok, clause], []), dated=dated,
            alone=clause.dep_ == "ROOT" or (clause.head.i == t.i and t.dep_ == "ROOT"),
        ))  # fmt: skip
    return out


def _met(view: SentenceView, w: DeadlineWords) -> list[MetNote]:
    """ "Belarus met the deadline", "Armenia complied with the ultimatum on 3 May", "honoured the
    demands": what the deadline asked was done in time, by the verb's agent (not under a negation,
    a condition, a wish or a future: "failed to meet", "if Baku complies with the ultimatum")."""
    out: list[MetNote] = []
    g = view.grammar
    for tok in view.tokens:
        lemma = tok.lemma_.lower()
        if lemma not in w.nouns and lemma not in w.met_nouns:
            continue
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "with" else None
        if verb is None or verb.lemma_.lower() not in w.met_verbs or verb.pos_ != "VERB":
            continue
        if sx.negated(verb, g) or sx.inside_condition(verb, g) or sx.auxiliaries(verb) & (g.future_aux | g.hedge_aux):
            continue
        if verb.dep_ == "xcomp" and (sx.negated(verb.head, g) or verb.head.lemma_.lower() in g.deny_verbs | {"fail"}):
            continue  # "failed to meet the deadline", "refused to comply with the ultimatum"
        out.append(MetNote(lemma, view.first_actor(view.agents(verb)), view.date_at(verb), view.evidence([verb, tok], view.events_at([verb]))))
    return out


# ---------------------------------------------------------------- list items left unparsed

_WORD = re.compile(r"[^\W_][\w'-]*")


def unparsed_item(
    sentence: Sentence, ctx: ListContext, citations: tuple[Citation, ...], date: DateValue, deadline: DateValue | None,
    words: RecordWords, force_words: frozenset[str], units: dict[str, Unit], numbers: dict[str, int], keys: KeyCounter,
    list_comm: int | None,
) -> list[ItemNote | DeadlineNote]:  # fmt: skip
    """A list item the pre-filter did not parse ("Full stopping of enrichment": it names no actor)
    is an item of its list all the same: its words, the list's parties and voice, and the deadline
    the date stage read in it ("within 2 months"). Words are matched as written (no lemmas)."""
    text = sentence.text.strip().rstrip(".")
    forms = [w.lower() for w in _WORD.findall(text)]
    seen = set(forms) | {f[:-1] for f in forms if f.endswith("s")}  # "strikes" -> "strike"
    kind = "threat" if seen & force_words else "demand"
    topic = next((t for t, ws in words.items.topics.items() if any(w in seen if " " not in w else w in text.lower() for w in ws)), None)
    evidence = Evidence(
        sentence.index, (sentence.start, sentence.end), sentence.text, attribution=ctx.voice.attribution,
        reliability=ctx.voice.reliability, citations=citations,
    )  # fmt: skip
    comm = CommRef("key", key=list_comm) if list_comm is not None else None
    item = ItemNote(keys(), kind, text, topic, None, ctx.source, ctx.target, comm, None, tuple(sorted(seen)), date, evidence)
    notes: list[ItemNote | DeadlineNote] = [item]
    duration = _duration(deadline.expression if deadline else None, units, numbers)
    if deadline is not None and duration is not None:
        amount, unit = duration
        notes.append(DeadlineNote(keys(), deadline.expression or "", amount, unit, comm, item.key, ctx.source, ctx.target, date, evidence))
    return notes


def _duration(expression: str | None, units: dict[str, Unit], numbers: dict[str, int]) -> tuple[int, str] | None:
    """(amount, unit) of "within 2 months", "within the next two years", "inside a week"."""
    if not expression:
        return None
    forms = [w.lower() for w in _WORD.findall(expression)]
    for n, form in enumerate(forms):
        unit = form[:-1] if form.endswith("s") and form[:-1] in units else form
        if unit in units and n > 0:
            amount = forms[n - 1]
            if amount.isascii() and amount.isdigit() and len(amount) <= 6:
                return int(amount), unit
            if amount in numbers:
                return numbers[amount], unit
    return None
