"""A document's notes -> its Record: `assemble(doc_id, notes, events, rules)`. Pure.

The notes are read in order, as a reader would:

1. communications: each `CommRef` is resolved ("a letter" is a new one unless the
   same letter is already told, between the same parties with nothing to tell
   them apart; "another letter" is always new; "the letter" / "its reply" the
   latest of that kind and owner; "it" the one last mentioned). A reply answers
   the communication it names, else the latest one its addressee sent to its
   sender; the answered one gets an "answered" state. "answered the letter"
   makes the reply itself.
2. demands and offers join the communication that carries them, and take its
   date; deadlines count from it.
3. a deadline that passed is the latest of its kind; what happened then is the
   events of the sentence that says so, or of the sentences right after it.
4. steps of talks go to the channel of their parties (two or more) (a side named
   alone talks with its latest counterpart); steps that tell the same act
   (the same status on compatible dates) merge.
5. agreements (ceasefires, deals, treaties) are agreement_log.py's, from their notes.
6. positions come from stances in talk steps, from stance notes that concern
   demands, and from messages rejected or accepted; a demand's status is the
   latest stance its addressee took on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from ..records import Actor, DateValue, Event
from ..time.calendar import parse_iso, shift_months
from ..time.rules import Unit
from .builders import (
    PRONOUN_REACH,
    SHARED_STEPS,
    STANCE_OF_STATUS,
    STANCES_OF_ONE_SIDE,
    STATUS_OF_STANCE,
    AssemblyRules,
    ChannelDraft,
    CommDraft,
    DeadlineDraft,
    ItemDraft,
    PositionDraft,
    StepDraft,
    date_key,
    finer,
    fits,
    may_be_same_day,
    same_party,
    side_of,
    text_dated,
)
from .agreement_log import AgreementLog
from .notes import (
    ANSWER, AgreementNote, CommNote, CommRef, DeadlineNote, ExtensionNote, ItemNote, LapseNote, MetNote, Note, RuptureNote,
    StanceNote, TalkNote,
)  # fmt: skip
from .records import (
    STATES,
    Channel,
    ChannelStep,
    CommState,
    Communication,
    Deadline,
    EventRef,
    Evidence,
    Item,
    Position,
    Record,
)
from .ruptures import assemble_ruptures
from .view import event_ref

__all__ = ["AssemblyRules", "assemble", "date_key", "side_of"]

Ids = Callable[[CommDraft | None], str | None]  # a communication's comm_id

# ---------------------------------------------------------------- the assembly


class _Assembly:
    def __init__(self, rules: AssemblyRules, events: Sequence[Event]) -> None:
        self.rules = rules
        self.events = events
        self.comms: list[CommDraft] = []
        self.by_key: dict[int, CommDraft] = {}
        self.items: list[ItemDraft] = []
        self.items_by_key: dict[int, ItemDraft] = {}
        self.deadlines: list[DeadlineDraft] = []
        self.channels: list[ChannelDraft] = []
        self.positions: list[PositionDraft] = []
        self.last: CommDraft | None = None
        self.order = 0
        self.agreements = AgreementLog(self.side, self.latest_pair)

    def side(self, actor: Actor | None) -> str | None:
        return side_of(actor, self.rules.international)

    def next_order(self) -> int:
        self.order += 1
        return self.order

    # ------------------------------------------------------------ communications

    def new_comm(self, kind: str) -> CommDraft:
        comm = CommDraft(len(self.comms), kind)
        self.comms.append(comm)
        return comm

    def resolve(
        self, ref: CommRef | None, sentence: int, *, sender: Actor | None = None, recipient: Actor | None = None,
        not_from: Actor | None = None,
    ) -> CommDraft | None:  # fmt: skip
        """An existing communication the reference names (no new one is made here). "the letter" is
        the latest letter that fits what the sentence says of it (its sender, its addressee; a reply
        answers a message that is not its own sender's)."""
        if ref is None:
            return None
        if ref.ref == "key":
            return self.by_key.get(ref.key) if ref.key is not None else None
        if ref.ref == "pronoun":
            last = self.last
            return last if last is not None and sentence - last.last_sentence <= PRONOUN_REACH else None
        if ref.ref == "definite":
            for c in reversed(self.comms):
                if ref.kind is not None and c.kind != ref.kind:
                    continue
                if ref.owner is not None and not same_party(c.sender, ref.owner):
                    continue
                if not (fits(c.sender, sender) and fits(c.recipient, recipient)):
                    continue
                if not_from is not None and same_party(c.sender, not_from):
                    continue
                return c
        return None

    def latest(self, kind: str | None) -> CommDraft | None:
        return next((c for c in reversed(self.comms) if kind is None or c.kind == kind), None)

    def comm_note(self, note: CommNote) -> None:
        sentence = note.evidence.sentence_index
        comm = self.resolve(note.ref, sentence, sender=note.sender, recipient=note.recipient)
        if comm is None and note.ref.ref in ("new", "another", "definite", "answer"):
            if note.ref.ref == "new":
                comm = self.same_as(note)
            if comm is None:
                if note.ref.ref == "answer" and self.answerable(note) is None:
                    return  # "replied to X" with nothing from X to answer: no message is told
                if not note.states and (note.sender is None or note.recipient is None) and note.answers is None:
                    return  # "before deciding on a reply", "its response to the floods": a message only spoken of
                comm = self.new_comm(note.kind or self.rules.reply_kind)
        if comm is None:
            return
        self.by_key[note.key] = comm
        self.last = comm
        comm.last_sentence = sentence
        comm.sender = comm.sender or note.sender
        if comm.sender is None and note.carrier is not None and any(s.state == "delivered" for s in note.states):
            comm.sender = note.carrier  # "Kenya handed Somalia a note": who hands a note no one else wrote sends it
        comm.recipient = comm.recipient or note.recipient
        if note.carrier is not None and (not same_party(note.carrier, comm.sender) or _another_person(note.carrier, comm.sender)):
            comm.carrier = comm.carrier or note.carrier
        if note.content and all(note.content.lower() != c.lower() for c in comm.content):
            comm.content.append(note.content)
        comm.mentions.append((note.date, note.evidence))
        for s in note.states:
            by = s.by
            if s.state == "delivered" and same_party(by, comm.sender) and not _another_person(by, comm.sender):
                state = "sent"  # the sender delivering it sent it (its own envoy, named apart, carried it)
            else:
                state = s.state
            if by is None and state in ("not_answered", "not_acknowledged", "not_received"):
                by = comm.recipient  # "the letter remained unanswered": by its addressee
            if state == "answered":
                self.answered(comm, CommState(state, s.date, by, note.said_by, note.evidence))
                continue
            comm.add_state(CommState(state, s.date, by, note.said_by, note.evidence))
        if note.reply or comm.kind == self.rules.reply_kind:
            comm.reply = True
            if comm.answers is None:
                answered = self.resolve(note.answers, sentence, not_from=comm.sender) if note.answers is not None else None
                if answered is None and (note.states or note.recipient is not None):
                    answered = self.answerable_for(comm)  # a reply sent (or addressed): to what its addressee sent
                if answered is not None and answered is not comm:
                    self.link_reply(comm, answered, note.evidence)

    def same_as(self, note: CommNote) -> CommDraft | None:
        """An earlier mention of the very same message ("a letter" told again), if nothing tells them apart."""
        if note.sender is None and note.recipient is None:
            return self.latest(note.kind) if note.states else None
        for comm in reversed(self.comms):
            if comm.kind != note.kind or comm.reply != (note.reply or note.kind == self.rules.reply_kind):
                continue
            if not (fits(comm.sender, note.sender) and fits(comm.recipient, note.recipient)):
                continue
            if not (same_party(comm.sender, note.sender) or same_party(comm.recipient, note.recipient)):
                continue
            if note.content and comm.content and all(note.content.lower() != c.lower() for c in comm.content):
                continue
            answers = self.resolve(note.answers, note.evidence.sentence_index, not_from=note.sender) if note.answers else None
            if answers is not None and comm.answers is not None and answers is not comm.answers:
                continue
            if self.dates_differ(comm, note):
                continue
            return comm
        return None

    @staticmethod
    def dates_differ(comm: CommDraft, note: CommNote) -> bool:
        for s in note.states:
            for t in comm.states:
                if s.state == t.state and s.date.precision == t.date.precision == "day" and s.date.date != t.date.date:
                    return True
        return False

    def answerable(self, note: CommNote) -> CommDraft | None:
        """What a reply by `note.sender` to `note.recipient` answers: the latest message from that side
        to it; with no addressee named ("wrote back"), the latest message to its sender from another side."""
        for comm in reversed(self.comms):
            if comm.reply:
                continue
            if note.recipient is not None:
                if same_party(comm.sender, note.recipient) and fits(comm.recipient, note.sender):
                    return comm
            elif same_party(comm.recipient, note.sender) and comm.sender is not None and not same_party(comm.sender, note.sender):
                return comm
        return None

    def answerable_for(self, reply: CommDraft) -> CommDraft | None:
        for comm in reversed(self.comms):
            if comm is reply or comm.sender is None or same_party(comm.sender, reply.sender):
                continue
            if fits(comm.recipient, reply.sender) and fits(comm.sender, reply.recipient):
                return comm
        return None

    def link_reply(self, reply: CommDraft, answered: CommDraft, evidence: Evidence) -> None:
        """The reply answers `answered` (which is marked answered, on the reply's date, when all is read)."""
        reply.answers = answered
        answered.answered_by.append(reply)
        reply.recipient = reply.recipient or answered.sender

    def answered(self, comm: CommDraft, state: CommState) -> None:
        """ "answered the letter": the letter is answered, and the answer is a reply of its own."""
        comm.add_state(state)
        for reply in comm.answered_by:
            if fits(reply.sender, state.by) and may_be_same_day(reply.date(), state.date):
                return
        reply = self.new_comm(self.rules.reply_kind)
        reply.sender, reply.recipient, reply.reply = state.by, comm.sender, True
        reply.add_state(CommState("sent", state.date, state.by, state.said_by, state.evidence))
        reply.mentions.append((state.date, state.evidence))
        reply.last_sentence = state.evidence.sentence_index
        reply.answers = comm
        comm.answered_by.append(reply)

    # ------------------------------------------------------------ items and deadlines

    def item_note(self, note: ItemNote) -> None:
        comm = self.resolve(note.comm, note.evidence.sentence_index)
        item = ItemDraft(len(self.items), note, comm)
        self.items.append(item)
        self.items_by_key[note.key] = item

    def deadline_note(self, note: DeadlineNote) -> None:
        comm = self.resolve(note.comm, note.evidence.sentence_index)
        item = self.items_by_key.get(note.item) if note.item is not None else None
        if note.expression.lower().startswith("the "):  # "the six-month deadline", "the 15 May deadline": one already set
            told = next((d for d in reversed(self.deadlines) if _deadline_key(d.note) == _deadline_key(note)), None)
            if told is not None:
                if told.item is None and item is not None:
                    told.item, item.deadline = item, told.index
                return
        deadline = DeadlineDraft(len(self.deadlines), note, comm, item)
        self.deadlines.append(deadline)
        if item is not None:
            item.deadline = deadline.index

    def extension_note(self, note: ExtensionNote) -> None:
        """More time for the latest deadline still open (else the latest one): its due moves on."""
        chosen = next((d for d in reversed(self.deadlines) if d.passed is None), None) or next(reversed(self.deadlines), None)
        if chosen is not None:
            chosen.extensions.append(note)

    def met_note(self, note: MetNote) -> None:
        """ "Belarus met the deadline": the latest deadline not passed that the party was set (or any)."""
        open_ = [d for d in reversed(self.deadlines) if d.passed is None and d.met is None]
        chosen = next((d for d in open_ if fits(d.note.of or (d.comm.recipient if d.comm else None), note.by)), None)
        if chosen is not None:
            chosen.met = note

    def lapse_note(self, note: LapseNote) -> None:
        open_ = [d for d in reversed(self.deadlines) if d.passed is None]
        if note.what == "it":  # "It passed on Monday": only a deadline told in the sentence before
            index = note.evidence.sentence_index
            told = {d.note.evidence.sentence_index for d in open_[:1]} | {x.evidence.sentence_index for d in open_[:1] for x in d.extensions}
            open_ = open_[:1] if told & {index - 1, index} else []
        chosen = next((d for d in open_ if d.comm is not None and d.comm.kind == note.what), None)
        chosen = chosen or next(iter(open_), None)
        if chosen is None:
            return
        chosen.passed = note
        outcome = tuple(o for o in note.outcome if o.modality not in self.rules.non_events)
        if not outcome:  # what followed: the events of the next sentences that tell any (kept by their dates, _deadline)
            index = note.evidence.sentence_index
            acts = [e for e in self.events if e.sentence_index > index and e.modality not in self.rules.non_events]
            reach = sorted({e.sentence_index for e in acts})[: self.rules.outcome_reach]
            outcome = tuple(event_ref(e) for e in acts if e.sentence_index in reach)
            chosen.later = True
        chosen.outcome = outcome

    # ------------------------------------------------------------ channels

    def talk_note(self, note: TalkNote) -> None:
        if note.what == "mediation" and note.mediator is None:
            offered = self.offered_mediation(note)
            if offered is None:
                return  # a stance on a mediation no one offered that the record knows
            offered_to, step = offered
            note = replace(note, mediator=step.mediator, mediator_text=step.mediator_text, parties=tuple(offered_to.actors[k] for k in offered_to.keys))
        comm = self.resolve(note.comm, note.evidence.sentence_index)
        if note.by is None and comm is not None and note.status in STANCES_OF_ONE_SIDE and not note.parties:
            note = replace(note, by=comm.sender)  # "the response ... left the door open to talks": its sender's stance
        channel = self.channel_for(note, comm)
        if channel is None:
            return
        step = StepDraft(
            self.next_order(), note.status or "held", note.what, note.mode, note.by, list(note.parties), note.mediator,
            note.mediator_text, note.venue, note.first_since, note.condition, comm, note.date, [note.evidence],
        )  # fmt: skip
        if step.status == "mediated" and self.mediate(channel, step):
            return
        for old in channel.steps:
            if self.same_step(old, step):
                self.merge_step(old, step)
                break
        else:
            channel.steps.append(step)
        if note.status in STANCE_OF_STATUS:
            stance = STANCE_OF_STATUS[note.status]
            if stance == "accepts" and note.condition:
                stance = "conditional"
            label = f"{note.mode} {note.what}" if note.mode else note.what
            holders = [note.by] if note.by is not None else list(note.parties)  # "the two governments agreed": both
            for party in holders:
                if party is not None and not same_party(party, note.mediator):
                    self.positions.append(PositionDraft(self.next_order(), party, label, stance, note.date, note.condition, comm, note.evidence))

    def offered_mediation(self, note: TalkNote) -> tuple[ChannelDraft, StepDraft] | None:
        """The latest mediation proposed to a channel of the note's party ("Guyana agreed to the
        mediation", "Venezuela refused any mediation"), told before it."""
        side = self.side(note.by)
        found = self.latest_proposal(
            note.evidence.sentence_index,
            lambda channel: side in channel.keys,
            lambda step: step.what == "mediation" and step.mediator is not None,
        )
        return (found[1], found[2]) if found else None

    def latest_proposal(
        self, index: int, channel_fits: Callable[[ChannelDraft], bool], step_fits: Callable[[StepDraft], bool]
    ) -> tuple[int, ChannelDraft, StepDraft] | None:
        """The latest step proposed, told by sentence `index`, in a channel and of a kind that fit
        (with the sentence it is told in)."""
        found: tuple[int, ChannelDraft, StepDraft] | None = None
        for channel in filter(channel_fits, self.channels):
            for step in channel.steps:
                told = step.evidence[0].sentence_index if step.evidence else -1
                if step.status == "proposed" and told <= index and step_fits(step) and (found is None or told > found[0]):
                    found = (told, channel, step)
        return found

    def mediate(self, channel: ChannelDraft, step: StepDraft) -> bool:
        """ "Qatar's foreign minister mediated": the mediator of the talks held that day, if the channel has them."""
        for old in reversed(channel.steps):
            if old.status == "held" and old.date.date and step.date.date and may_be_same_day(old.date, step.date):
                old.mediator = old.mediator or step.mediator
                old.mediator_text = old.mediator_text or step.mediator_text
                old.mode = old.mode or step.mode
                old.evidence.extend(step.evidence)
                return True
        return False

    def channel_for(self, note: TalkNote, comm: CommDraft | None) -> ChannelDraft | None:
        mediator = self.side(note.mediator)
        sides: dict[str, Actor] = {}
        named = {self.side(p) for p in note.parties} - {None}
        # whose step it is is a side too, unless the sides are named without it ("Norway offered to host
        # talks between Chile and Peru": Norway proposes, Chile and Peru would talk)
        own = note.status != "mediated" and (len(named) < 2 or self.side(note.by) in named)
        for actor in ([note.by] if own else []) + list(note.parties):
            key = self.side(actor)
            if actor is not None and key is not None and key != mediator:
                sides.setdefault(key, actor)
        keys = list(sides)
        pair = self.latest_pair()
        if note.group and len(keys) == 2 and pair and set(keys) != set(pair):
            # "the two sides met again": the sides of the latest channel, where the mentions guessed others
            keys, sides = sorted(pair), dict(pair)
        if len(keys) == 1:
            for other_key, other in self.counterpart(keys[0], comm):
                sides[other_key] = other
                keys.append(other_key)
        if len(keys) < 2:
            if not keys and (note.by is None or note.status == "mediated") and note.status in SHARED_STEPS and self.channels:
                # "the second round took place in Rome": the talks of the latest channel
                return max(self.channels, key=lambda c: max((s.order for s in c.steps), default=0))
            return None
        parties = tuple(sorted(keys))  # two sides, or more ("a summit of Egypt, Sudan and Ethiopia")
        for channel in self.channels:
            if channel.keys == parties:
                for key in parties:
                    current = channel.actors[key]
                    if current.code != key and sides[key].code == key:
                        channel.actors[key] = sides[key]  # the party itself names it best ("Kenya", not a minister)
                return channel
        channel = ChannelDraft(self.next_order(), parties, {key: sides[key] for key in parties})
        self.channels.append(channel)
        return channel

    def counterpart(self, key: str, comm: CommDraft | None) -> list[tuple[str, Actor]]:
        """Whom a side named alone talks with: the other side of the message it speaks in, the
        other sides of its latest channel, or the other side of the latest message it sent or received."""
        if comm is not None:
            found = self._other(key, [comm.recipient, comm.sender])
            if found:
                return found
        for channel in sorted(self.channels, key=lambda c: -max((s.order for s in c.steps), default=c.order)):
            if key in channel.keys:
                return [(k, channel.actors[k]) for k in channel.keys if k != key]
        for c in reversed(self.comms):
            found = self._other(key, [c.recipient, c.sender])
            if found:
                return found
        return []

    def _other(self, key: str, candidates: list[Actor | None]) -> list[tuple[str, Actor]]:
        for actor in candidates:
            side = self.side(actor)
            if actor is not None and side is not None and side != key:
                return [(side, actor)]
        return []

    @staticmethod
    def same_step(old: StepDraft, new: StepDraft) -> bool:
        if old.status != new.status or old.what != new.what:
            return False
        if old.mode and new.mode and old.mode != new.mode:
            return False
        if old.venue and new.venue and old.venue != new.venue:
            return False
        if not fits(old.by, new.by):
            return False
        if old.date.flag != new.date.flag or (old.condition or "") != (new.condition or ""):
            return False
        if old.status in STANCE_OF_STATUS or old.status == "proposed":
            return old.date.date == new.date.date  # one side's stance, told again on the same day
        return bool(old.date.date and new.date.date) and may_be_same_day(old.date, new.date)

    @staticmethod
    def merge_step(old: StepDraft, new: StepDraft) -> None:
        old.mode = old.mode or new.mode
        old.by = old.by or new.by
        for actor in new.participants:
            if all(p.code != actor.code for p in old.participants):
                old.participants.append(actor)
        old.mediator = old.mediator or new.mediator
        old.mediator_text = old.mediator_text or new.mediator_text
        old.venue = old.venue or new.venue
        old.first_since = old.first_since or new.first_since
        old.condition = old.condition or new.condition
        old.comm = old.comm or new.comm
        old.date = finer(old.date, new.date)
        old.evidence.extend(new.evidence)

    # ------------------------------------------------------------ positions

    def stance_note(self, note: StanceNote) -> None:
        """A stance on demands (or offers): those of the message it names or answers, or that its
        party last received; on a matter: the demands made of the party that share its words
        (matched when all are read)."""
        if note.about in ("offer", ANSWER) and note.comm is None and self.answer_proposal(note):
            return
        if note.about == ANSWER:
            item = self.latest_item(note.party, before=note.evidence.sentence_index)
            if item is None:
                return  # "Rwanda refused": nothing proposed to it that the record holds
            note = replace(note, about=item.note.kind, on=f"the {item.note.kind}")
        comm = self.resolve(note.comm, note.evidence.sentence_index)
        if note.about is not None:
            if comm is not None and same_party(comm.sender, note.party):
                comm = comm.answers  # "replied to X, rejecting the offer": the offer it answers
            if comm is None:
                comm = next((c for c in reversed(self.comms) if same_party(c.recipient, note.party) or (
                    c.recipient is None and c.sender is not None and not same_party(c.sender, note.party))), None)  # fmt: skip
        self.positions.append(PositionDraft(
            self.next_order(), note.party, note.on, note.stance, note.date, note.condition, comm, note.evidence,
            about=note.about, keywords=note.keywords,
        ))  # fmt: skip

    def latest_pair(self) -> dict[str, Actor]:
        """The two sides of the latest channel of two (for "the two sides" of an agreement)."""
        pairs = [c for c in self.channels if len(c.keys) == 2]
        if not pairs:
            return {}
        latest = max(pairs, key=lambda c: max((s.order for s in c.steps), default=c.order))
        return {k: latest.actors[k] for k in latest.keys}

    def answer_proposal(self, note: StanceNote) -> bool:
        """ "Rwanda turned the offer down", "Kinshasa accepted": an answer to the latest proposal of
        talks or mediation made to the party's channel by another, if no offer item came after it;
        the answer is the party's step in that channel."""
        index = note.evidence.sentence_index
        side = self.side(note.party)
        found = self.latest_proposal(
            index,
            lambda channel: side in channel.keys or any(same_party(s.mediator, note.party) for s in channel.steps),
            lambda step: not same_party(step.by, note.party),
        )
        agreement = self.agreements.latest_proposal(note.party, index)
        if agreement is not None and (found is None or agreement[0] > found[0]):
            later_item = self.latest_item(note.party, before=index)
            if later_item is None or later_item.note.evidence.sentence_index <= agreement[0]:
                # "Kenya proposed a truce ... Asmara agrees to it the next morning": the truce
                self.agreements.answer(agreement[1], note.party, note.stance != "rejects", note.date, note.evidence)
                return True
        if found is None or side not in found[1].keys:
            return False
        told, channel, step = found
        later_item = self.latest_item(note.party, before=index)
        if later_item is not None and later_item.note.evidence.sentence_index > told:
            return False  # an offer of terms made since: the answer is to that
        status = {"accepts": "agreed", "conditional": "agreed", "rejects": "refused"}[note.stance]
        parties = tuple(channel.actors[k] for k in channel.keys)
        self.talk_note(TalkNote(  # an answer to talks proposed somewhere is an answer about that venue
            status, step.what, step.mode, note.party, parties, step.mediator, step.mediator_text, step.venue, None,
            note.condition, None, note.date, note.evidence,
        ))  # fmt: skip
        return True

    def latest_item(self, party: Actor, before: int) -> ItemDraft | None:
        """The latest demand or offer made of the party, told by sentence `before`."""
        fitting = [i for i in self.items if i.note.evidence.sentence_index <= before and fits(self.addressee(i), party)
                   and not same_party(i.note.by, party)]  # fmt: skip
        return fitting[-1] if fitting else None

    def match_positions(self) -> None:
        """Each stance's demands (or offers), now that every one is read; a stance on a matter no
        demand names is not part of the record."""
        kept: list[PositionDraft] = []
        for p in self.positions:
            if p.about is not None:
                if p.comm is not None:
                    p.items = [i for i in self.items if i.comm is p.comm and i.note.kind == p.about]
                else:
                    p.items = [i for i in self.items if i.note.kind == p.about and fits(self.addressee(i), p.party)][-1:]
                if not p.items and p.comm is None:
                    continue
            elif p.keywords:
                wanted = set(p.keywords)
                for item in self.items:
                    if item.note.kind == "demand" and fits(self.addressee(item), p.party) and wanted & set(item.note.keywords):
                        p.items.append(item)
                if not p.items:
                    continue
            kept.append(p)
        self.positions = kept

    @staticmethod
    def addressee(item: ItemDraft) -> Actor | None:
        return item.note.of or (item.comm.recipient if item.comm else None)


def _another_person(a: Actor | None, b: Actor | None) -> bool:
    """Two people of one side: "a Kenyan envoy, Daniel Kiprono" is not "Kenya's president" (a name
    tells them apart; so do two descriptions, "a Kenyan envoy" and "Kenya's president"); a side named
    by its name or code alone is no other person."""
    if a is None or b is None or (a.name is not None and a.name == b.name):
        return False
    if not a.name:  # "a Kenyan envoy" carrying "Kenya's president's" letter: a body or person described apart
        return a.sector is not None and b.sector is not None and a.text.lower() != b.text.lower() and not b.name
    return b.name is not None or a.text.lower() != b.text.lower()


def assemble(doc_id: str, notes: Sequence[Note], events: Sequence[Event], rules: AssemblyRules) -> Record:
    """The document's record from its notes (in reading order) and its events."""
    a = _Assembly(rules, events)
    for note in notes:
        if isinstance(note, CommNote):
            a.comm_note(note)
        elif isinstance(note, ItemNote):
            a.item_note(note)
        elif isinstance(note, DeadlineNote):
            a.deadline_note(note)
        elif isinstance(note, LapseNote):
            a.lapse_note(note)
        elif isinstance(note, MetNote):
            a.met_note(note)
        elif isinstance(note, ExtensionNote):
            a.extension_note(note)
        elif isinstance(note, TalkNote):
            a.talk_note(note)
        elif isinstance(note, StanceNote):
            a.stance_note(note)
        elif isinstance(note, AgreementNote):
            a.agreements.add(note)
    record = _freeze(doc_id, a)
    ruptures = assemble_ruptures([n for n in notes if isinstance(n, RuptureNote)], events, rules.international)
    return replace(record, ruptures=ruptures) if ruptures else record


# ---------------------------------------------------------------- freezing


def _freeze(doc_id: str, a: _Assembly) -> Record:
    a.match_positions()
    told = {id(i.comm) for i in a.items} | {id(d.comm) for d in a.deadlines}
    a.comms = [  # a message of no one to no one ("a message was sent") tells nothing
        c for c in a.comms
        if c.sender or c.recipient or c.carrier or any(s.by for s in c.states) or c.answers or c.answered_by or id(c) in told
    ]  # fmt: skip
    for comm in a.comms:  # answered on the day each reply was sent
        for reply in comm.answered_by:
            if reply.mentions:
                comm.add_state(CommState("answered", reply.date(), reply.sender, None, reply.mentions[0][1]))
    comms = sorted(a.comms, key=lambda c: (date_key(c.date()) or "~", c.index))
    comm_ids = {c.index: f"c{n}" for n, c in enumerate(comms, start=1)}

    def cid(comm: CommDraft | None) -> str | None:
        return comm_ids.get(comm.index) if comm is not None else None

    # positions from messages rejected or accepted
    for comm in a.comms:
        for s in comm.states:
            if s.state in ("rejected", "accepted") and (s.by or comm.recipient) is not None:
                party = s.by or comm.recipient
                assert party is not None
                matched = [i for i in a.items if i.comm is comm and i.note.kind == "demand"]
                stance = "rejects" if s.state == "rejected" else "accepts"
                a.positions.append(PositionDraft(a.next_order(), party, f"the {comm.kind}", stance, s.date, None, comm, s.evidence, items=matched))

    positions = _distinct(sorted(a.positions, key=lambda p: (date_key(_position_date(p)) or "~", p.order)), a)
    position_ids = {id(p): f"p{n}" for n, p in enumerate(positions, start=1)}
    for p in positions:
        for item in p.items:
            item.positions.append(p.order)
            item.status = STATUS_OF_STANCE[p.stance]

    item_ids = {i.index: f"d{n}" for n, i in enumerate(a.items, start=1)}
    deadline_ids = {d.index: f"t{n}" for n, d in enumerate(a.deadlines, start=1)}
    by_order = {p.order: position_ids[id(p)] for p in positions}

    items = tuple(_item(i, item_ids, deadline_ids, by_order, cid) for i in a.items)
    deadlines = tuple(_deadline(d, a.rules, deadline_ids, item_ids, cid) for d in a.deadlines)
    communications = tuple(
        Communication(
            comm_id=comm_ids[c.index], kind=c.kind, sender=c.sender, recipient=c.recipient, carrier=c.carrier,
            date=c.date(), states=tuple(sorted(c.states, key=_state_order)), answers=cid(c.answers),
            answered_by=tuple(sorted((comm_ids[r.index] for r in c.answered_by), key=_number)),
            content=tuple(c.content),
            items=tuple(item_ids[i.index] for i in a.items if i.comm is c),
            deadlines=tuple(deadline_ids[d.index] for d in a.deadlines if d.comm is c),
            evidence=tuple(dict.fromkeys(e for _, e in c.mentions)),
        )
        for c in comms
    )  # fmt: skip
    channels = _channels(a, cid)
    frozen_positions = tuple(
        Position(
            position_ids[id(p)], p.party, p.on, p.stance, _position_date(p), p.condition,
            tuple(item_ids[i.index] for i in p.items), cid(p.comm), p.evidence,
        )
        for p in positions
    )  # fmt: skip
    return Record(doc_id, communications, items, deadlines, channels, frozen_positions, agreements=a.agreements.freeze())


def _distinct(positions: list[PositionDraft], a: _Assembly) -> list[PositionDraft]:
    """One position per stance told: the same party, stance, matter, date and message once."""
    out: list[PositionDraft] = []
    for p in positions:
        same = next((o for o in out if a.side(o.party) == a.side(p.party) and o.stance == p.stance and o.on == p.on
                     and _position_date(o).date == _position_date(p).date and o.comm is p.comm), None)  # fmt: skip
        if same is None:
            out.append(p)
        else:
            same.items += [i for i in p.items if i not in same.items]
    return out


def _number(ident: str) -> int:
    return int(ident[1:])


def _state_order(state: CommState) -> tuple[str, int]:
    return (date_key(state.date) or "~", STATES.index(state.state))


def _position_date(p: PositionDraft) -> DateValue:
    """A stance said in a message is dated by the message."""
    if p.comm is not None and not text_dated(p.date):
        dated = p.comm.date()
        if dated.date:
            return dated
    return p.date


def _item(item: ItemDraft, item_ids: dict[int, str], deadline_ids: dict[int, str], positions: dict[int, str], cid: Ids) -> Item:
    note, comm = item.note, item.comm
    when = comm.date() if comm is not None and comm.date().date else note.date
    if comm is not None and when is not note.date:
        when = replace(when, basis="communication")
    return Item(
        item_id=item_ids[item.index], kind=note.kind, text=note.text, topic=note.topic, cameo=note.cameo,
        by=note.by or (comm.sender if comm else None), of=note.of or (comm.recipient if comm else None),
        communication=cid(comm),
        date=when, condition=note.condition, status=item.status if note.kind in ("demand", "offer") else "open",
        positions=tuple(positions[o] for o in item.positions), deadline=deadline_ids.get(item.deadline) if item.deadline is not None else None,
        evidence=note.evidence,
    )  # fmt: skip


def _deadline(d: DeadlineDraft, rules: AssemblyRules, deadline_ids: dict[int, str], item_ids: dict[int, str], cid: Ids) -> Deadline:
    note, comm = d.note, d.comm
    anchor = comm.date() if comm is not None and comm.date().date else note.date
    if note.amount is None or note.unit is None:
        due = note.due or DateValue()  # a day set ("by 31 May")
    else:
        due = _due(anchor, note.amount, rules.units.get(note.unit), rules.hours_per_day)
    extended = _extended(d, due, rules)
    passed, passed_evidence = _passed(d, due, extended)
    outcome = d.outcome
    if d.later and d.passed is not None and passed is not None and passed.date:
        outcome = tuple(o for o in (_counted_from(o, passed) for o in outcome) if _followed(o, passed, d.passed.alone))
    return Deadline(
        deadline_id=deadline_ids[d.index], expression=note.expression, amount=note.amount, unit=note.unit,
        anchor=anchor, due=due,
        communication=cid(comm),
        item=item_ids[d.item.index] if d.item is not None else None,
        by=note.by or (comm.sender if comm else None), of=note.of or (comm.recipient if comm else None),
        passed=passed, outcome=outcome, evidence=note.evidence, passed_evidence=passed_evidence,
        extended=tuple(day for day, _, _ in extended), extended_evidence=tuple(e for _, e, _ in extended),
        met=d.met.date if d.met else None, met_by=d.met.by if d.met else None, met_evidence=d.met.evidence if d.met else None,
    )  # fmt: skip


def _deadline_key(note: DeadlineNote) -> tuple[int | None, str | None, str | None]:
    """What tells two deadlines apart: the duration, or the day set."""
    return (note.amount, note.unit, None) if note.amount is not None else (None, None, note.due.date if note.due else None)


# (the new due date, where the text says so, the sentence it is told in)
Extended = list[tuple[DateValue, Evidence, int]]


def _extended(d: DeadlineDraft, due: DateValue, rules: AssemblyRules) -> Extended:
    """Each later due date the deadline was given, in order: the day set ("to 15 July") or the
    time added to the due before it ("by a week", "two more weeks")."""
    out: Extended = []
    current = due
    for x in d.extensions:
        if x.due is not None:
            new = x.due
        elif x.amount is not None and x.unit is not None and current.date:
            # counted from the due date, or from the day it is given once that has passed ("on 25 July gave Togo two more weeks")
            start = x.date if text_dated(x.date) and (date_key(x.date) or "") > (date_key(current) or "~") else current
            new = _due(start, x.amount, rules.units.get(x.unit), rules.hours_per_day)
        else:
            continue
        if new.date:
            out.append((new, x.evidence, x.evidence.sentence_index))
            current = new
    return out


def _passed(d: DeadlineDraft, due: DateValue, extended: Extended) -> tuple[DateValue | None, Evidence | None]:
    """When it passed, and where that is told: the date the text gives, else ("after the deadline
    passed, ...") the due date it had then, the last extension told before. A deadline extended
    after it was due had passed when due ("let July run out, and on 2 August extended the deadline")."""
    if d.passed is not None:
        told = d.passed.evidence.sentence_index
        current = next((day for day, _, at in reversed(extended) if at <= told), due)
        return (d.passed.date if d.passed.dated or not current.date else current), d.passed.evidence
    current = due
    for day, evidence, _ in extended:
        x = next(x for x in d.extensions if x.evidence is evidence)
        if current.date and text_dated(x.date) and (date_key(x.date) or "") > (date_key(current) or "~"):
            return current, evidence
        current = day
    return None, None


def _counted_from(o: EventRef, passed: DateValue) -> EventRef:
    """What followed a deadline, counted by its own words from a day before the deadline passed ("The
    deadline passed. The next morning, ...", "The deadline, which passed on 1 June, went unheeded.
    The next morning, ..."): counted from the day it passed, the latest day the story told."""
    when = o.date
    if when.basis != "relative" or not when.anchor or not when.date or when.precision != "day":
        return o
    start, moved, passed_day = parse_iso(when.anchor), parse_iso(when.date), parse_iso(passed.date)
    if start is None or moved is None or passed_day is None or passed_day.precision != "day" or start.first >= passed_day.first:
        return o
    day = passed_day.first + (moved.first - start.first)
    return replace(o, date=replace(when, date=day.isoformat(), anchor=passed.date))


def _followed(o: EventRef, passed: DateValue, alone: bool) -> bool:
    """An event of a later sentence followed the deadline: dated on or after its passing (by its own
    words, where the lapse was told along with other things), or undated after a lapse told alone."""
    key = date_key(o.date)
    if key is None:
        return alone
    if not alone and o.date.basis not in ("explicit", "relative"):
        return False
    return key >= (passed.date or "")[: len(key)]


def _due(anchor: DateValue, amount: int, unit: Unit | None, hours_per_day: int) -> DateValue:
    """The anchor moved by the duration, at the anchor's precision (a day stays a day)."""
    span = parse_iso(anchor.date)
    if span is None or unit is None:
        return DateValue(expression=None)
    first: date = span.first
    days = unit.days * amount + (unit.hours * amount) // hours_per_day
    try:
        moved = shift_months(first, unit.months * amount) + timedelta(days=days)
    except (ValueError, OverflowError):
        return DateValue()  # past the calendar's edge (year 9999): no due date
    precision = span.precision if span.precision in ("day", "month", "year") else "day"
    text = {"day": moved.isoformat(), "month": moved.isoformat()[:7], "year": moved.isoformat()[:4]}[precision]
    return DateValue(date=text, precision=precision, basis="relative", anchor=anchor.date)


def _channels(a: _Assembly, cid: Ids) -> tuple[Channel, ...]:
    out: list[Channel] = []
    number = 0
    for channel in sorted(a.channels, key=lambda c: c.order):
        keyed: list[tuple[str, int, StepDraft]] = []
        running = "~"
        for step in sorted(channel.steps, key=lambda s: s.order):
            when = _step_date(step)
            key = date_key(when)
            running = key if key is not None else running
            keyed.append((running, step.order, step))
        steps = []
        for _, _, step in sorted(keyed, key=lambda k: (k[0], k[1])):
            number += 1
            steps.append(ChannelStep(
                step_id=f"s{number}", date=_step_date(step), status=step.status, what=step.what, mode=step.mode,
                by=step.by, participants=tuple(step.participants), mediator=step.mediator,
                mediator_text=step.mediator_text, venue=step.venue, first_since=step.first_since,
                condition=step.condition, communication=cid(step.comm),
                evidence=tuple(step.evidence),
            ))  # fmt: skip
        parties = tuple(_side_actor(channel, key, a.rules) for key in channel.keys)
        out.append(Channel("-".join(channel.keys), parties, tuple(steps)))
    return tuple(out)


def _side_actor(channel: ChannelDraft, key: str, rules: AssemblyRules) -> Actor:
    """The party itself: the actor the report names it by, or the country by its name."""
    seen = channel.actors[key]
    if seen.code == key:
        return seen
    name = rules.side_names.get(key)
    if name is None:
        return seen
    return Actor(text=name, name=name, code=key, country=key, basis="side")


def _step_date(step: StepDraft) -> DateValue:
    if step.comm is not None and not text_dated(step.date):
        dated = step.comm.date()
        if dated.date:
            return dated
    return step.date
