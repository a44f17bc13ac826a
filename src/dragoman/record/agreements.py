"""One sentence's parse -> notes about agreements: ceasefires, deals, treaties, declarations.

    read_agreements   each agreement noun the sentence names ("a ceasefire", "the deal",
                      "this agreement") with the state the words around it give it:
                      proposed, rejected, agreed, signed, took effect, extended, violated,
                      collapsed, withdrew; who did it (the predicate's agents, after voice
                      and control: "accused Baku of violating the truce" is Baku's
                      violation); the sides ("between A and B", "with X", the subjects
                      that agree); a broker ("brokered by Russia", "through the mediation
                      of Qatar"); the date of its own clause

The state comes from the words that govern the noun, nearest first ("agreed to extend
the truce" extends it), except that a refusal or a proposal further out is the outermost
stance ("refused to sign the deal" is a refusal); a clause the noun heads itself ("a
truce brokered by Russia", "the ceasefire, which took effect on Monday") gives it when
nothing governs it. A state under a wish, plan or hedge ("hoped to reach a deal") is no
fact and gives none, nor does the antecedent of a condition ("if no deal is reached").
Every word is in record.yaml's `agreements`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..coding import syntax as sx
from ..records import Actor
from .notes import AgreementNote
from .talks import mediator_of
from .view import SentenceView, text_of
from .words import AgreementWords, RecordWords

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_agreements"]

_CLIMB = frozenset({"dobj", "pobj", "prep", "xcomp", "ccomp", "nsubj", "nsubjpass", "attr", "oprd", "advcl", "pcomp", "agent", "advmod"})
_OWN_CLAUSES = frozenset({"acl", "relcl"})
_STANCES = frozenset({"proposed", "rejected"})
_EXISTING = frozenset({"took_effect", "extended", "violated", "collapsed", "withdrew"})
_MATERIAL_CONFLICT = 4  # QuadClass
_DEFINITE = frozenset({"the", "this", "that", "its", "their"})
_NEGATED = {"agreed": "rejected", "signed": "rejected", "proposed": "rejected"}
_BUSINESS = frozenset({"BUS", "MNC"})  # sectors of companies: a business deal is no diplomatic agreement


def read_agreements(view: SentenceView, words: RecordWords) -> list[AgreementNote]:
    w = words.agreements
    out: list[AgreementNote] = []
    for tok in view.tokens:
        if tok.pos_ == "PRON" and tok.lower_ == "it" and tok.dep_ in ("dobj", "nsubjpass", "nsubj"):
            note = _pronoun(view, tok, words)  # "the two sides prolonged it": the agreement just told, if any
            if note is not None:
                out.append(note)
            continue
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in w.nouns:
            continue
        if sx.inside_condition(tok, view.grammar) or _something_else(tok, w):
            continue
        note = _agreement(view, tok, words)
        if note is not None:
            out.append(note)
    return out


def _something_else(noun: Token, w: AgreementWords) -> bool:
    """ "a declaration of war", "a declaration of independence": the noun names no agreement."""
    named = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    named += [o for p in sx.children(noun, "prep") if p.lower_ == "of" for o in sx.children(p, "pobj")]
    return any(t.lemma_.lower() in w.not_of for t in named)


def _pronoun(view: SentenceView, pronoun: Token, words: RecordWords) -> AgreementNote | None:
    """ "endorsed it", "it was broken": a state of the agreement the log last told (agreement_log
    keeps it only when one was told in the sentences just before); no proposal or refusal: "it"
    is too loose a handle for a new stance."""
    verb = pronoun.head
    state = _state_of(verb, words.agreements)
    if state is None or state in _STANCES or pronoun.dep_ == "nsubj" and state not in _EXISTING:
        return None
    if _unreal(view, verb, [], words.agreements) or sx.negated(verb, view.grammar):
        return None
    by = _agents(view, verb) or (_violators(view) if state == "violated" else [])
    group = any(view.mentions.group_of(t) for t in view.agents(verb))
    return AgreementNote(
        "", state, tuple(by), tuple(by) if state in ("agreed", "signed", "extended") else (), None, True, "",
        view.date_at(verb), view.evidence([pronoun, verb], view.events_at([verb])), group,
    )  # fmt: skip


def _agreement(view: SentenceView, noun: Token, words: RecordWords) -> AgreementNote | None:
    w = words.agreements
    if noun.dep_ == "attr" and noun.head.lemma_.lower() == "be":  # "the Tashkent accord was a truce between A and B"
        found: tuple[str, Token] | None = ("", noun)
    else:
        found = _state(view, noun, w, words.communications.reporting)
    if found is None:
        return None
    state, word = found
    g = view.grammar
    mediator: Actor | None = None
    by = _agents(view, word) or (_violators(view) if state == "violated" else [])
    by += _repeated(view, word, w)
    if word.lemma_.lower() in w.mediator_verbs:
        mediator, by = (by[0] if by else None), []  # "Russia brokered a truce", "a truce brokered by Russia"
    # "a truce between A and B, brokered by Russia" (hung wherever in its phrase), "reached a deal, mediated by Turkey"
    brokering = [t for t in noun.subtree if t.dep_ in (*_OWN_CLAUSES, "amod") and t.lemma_.lower() in w.mediator_verbs]
    brokering += [c for c in word.children if c.dep_ in ("advcl", "acl") and c.lemma_.lower() in w.mediator_verbs]
    for clause in brokering:
        mediator = mediator or next(iter(_agents(view, clause)), None)
    if mediator is None:
        mediator = mediator_of(view, [noun, word], words)[0]
    heads: list[Token] = []
    for holder in dict.fromkeys([noun, word]):
        heads += view.between(holder) + sx.prep_objects(holder, "with", g)
    parties = _distinct(view.actors(heads))
    if state in ("agreed", "signed") and not parties and len(by) >= 2:
        parties = list(by)  # "Armenia and Azerbaijan agreed on a ceasefire": both sides
    if state == "proposed" and by and len(parties) >= 2 and all(p.code != by[0].code for p in parties) and mediator is None:
        mediator = by[0]  # "Egypt proposed a truce between Israel and Hamas": Egypt stands outside it
    for actor in by if state != "proposed" else ():  # a proposer may stand outside it (agreement_log decides)
        if all(actor.code != p.code for p in parties) and (mediator is None or actor.code != mediator.code):
            parties.append(actor)  # who signs, rejects, violates or leaves it is bound by it
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in noun.children)
    group = any(view.mentions.group_of(t) for t in [*heads, *view.agents(word)])
    coded = [a for a in (*parties, *by, *([mediator] if mediator else [])) if a.code]
    if coded and all(a.sector in _BUSINESS for a in coded):
        return None
    if not coded and not definite and state not in _EXISTING:
        return None  # "a deal was reached": of no one named, and no earlier one it can be
    trigger = list(dict.fromkeys([noun, word]))
    return AgreementNote(
        w.nouns[noun.lemma_.lower()], state, tuple(by), tuple(parties), mediator, definite, _phrase(noun),
        view.date_at(word), view.evidence(trigger, view.events_at(trigger)), group,
    )  # fmt: skip


def _state(view: SentenceView, noun: Token, w: AgreementWords, reporting: frozenset[str]) -> tuple[str, Token] | None:
    """The state the words around the noun give it, and the word that gives it (see the module docstring)."""
    found: list[tuple[str, Token]] = []
    t = noun
    for _ in range(6):
        if t.head.i == t.i or t.dep_ not in _CLIMB or t.head.lemma_.lower() in reporting:
            break
        t = t.head
        state = _state_of(t, w)
        if state is not None:
            found.append((state, t))
    if not found:  # "a truce brokered by Russia", "the ceasefire, which took effect on Monday"
        for clause in (c for c in noun.children if c.dep_ in _OWN_CLAUSES and c.pos_ == "VERB"):
            state = _state_of(clause, w)
            if state is not None:
                found.append((state, clause))
                break
    if not found:
        return None
    state, word = found[0]
    outer = [f for f in found[1:] if f[0] in _STANCES]
    if outer and state in ("agreed", "signed", "proposed", "extended"):
        state, word = outer[-1]  # "refused to sign the deal": the outermost stance
    if _unreal(view, word, found, w) and state not in _STANCES:
        return None
    if sx.negated(word, view.grammar) or any(c.dep_ == "neg" for c in word.children):
        negated = _NEGATED.get(state)
        if negated is None:
            return None  # "the truce has not taken effect": nothing happened
        state = negated
    return state, word


def _state_of(word: Token, w: AgreementWords) -> str | None:
    """The state a word gives, read as its lemma with the words that complete it, longest first
    ("pull out of", "take effect", "come into force", "break down", "break")."""
    lemma = word.lemma_.lower()
    if word.pos_ not in ("VERB", "NOUN", "AUX"):
        return None
    forms: list[str] = []
    for c in word.children:
        if c.dep_ == "prt":
            forms.append(f"{lemma} {c.lower_}")
            forms += [f"{lemma} {c.lower_} {p.lower_}" for p in sx.children(word, "prep")]
        if c.dep_ == "advmod":  # "walked away from the deal": the preposition hangs on the adverb
            forms += [f"{lemma} {c.lower_} {p.lower_}" for p in sx.children(c, "prep")]
        if c.dep_ == "prep":
            forms.append(f"{lemma} {c.lower_}")
            forms += [f"{lemma} {c.lower_} {o.lemma_.lower()}" for o in sx.children(c, "pobj")]
        if c.dep_ == "dobj":
            forms.append(f"{lemma} {c.lemma_.lower()}")
    for form in sorted(forms, key=lambda f: -len(f)):
        state = w.state_of(form)
        if state is not None:
            return state
    if lemma in w.mediator_verbs:
        return "agreed"  # "brokered a truce": agreed, with a broker
    return w.state_of(lemma)


def _unreal(view: SentenceView, word: Token, found: list[tuple[str, Token]], w: AgreementWords) -> bool:
    """A state under a wish, plan, hedge or future ("hoped to reach a deal", "will sign it")."""
    g = view.grammar
    if sx.auxiliaries(word) & (g.future_aux | g.hedge_aux | w.unreal):
        return True
    t = word
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "conj"):
            break
        t = t.head
        if t.lemma_.lower() in w.unreal:
            return True
    return False


def _agents(view: SentenceView, word: Token) -> list[Actor]:
    """Who does it; for a participle that heads the noun's own clause, its "by" phrase ("a truce brokered by Russia")."""
    phrase = [o for a in sx.children(word, "agent") for o in sx.children(a, "pobj")]
    if word.dep_ == "amod":  # "a Saudi-brokered truce": the name before the participle
        phrase += [c for c in word.children if c.dep_ in ("npadvmod", "compound", "nmod")]
    heads = phrase if phrase and word.tag_ == "VBN" else view.agents(word) or phrase  # a participle's "by" first
    return _distinct(view.actors(heads))


def _repeated(view: SentenceView, word: Token, w: AgreementWords) -> list[Actor]:
    """Who does the same on the same day, in a verb joined to the state word: "Sudan accepted
    the truce, and Chad followed the same day" (on another day it would be a state of its own: left)."""
    out: list[Actor] = []
    for verb in (c for c in word.children if c.dep_ == "conj" and c.lemma_.lower() in w.repeat_verbs):
        if view.date_at(verb).date == view.date_at(word).date:
            out += view.actors(sx.children(verb, "nsubj"))
    return out


def _violators(view: SentenceView) -> list[Actor]:
    """Who broke it when the breaking has no agent ("It was broken on 2 March, when Thai artillery
    shelled Cambodian positions"): whoever the sentence tells using force (a material conflict)."""
    return _distinct([e.source for _, e in view.pairs if e.quad_class == _MATERIAL_CONFLICT and e.modality == "asserted" and e.source is not None and e.source.code])


def _distinct(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.code or actor.text, actor)
    return list(seen.values())


def _phrase(noun: Token) -> str:
    """The noun's phrase without its article and clauses: "ceasefire along the border"."""
    tokens = [t for t in sx.phrase_tokens(noun) if t.dep_ not in ("det", "poss") or t.head.i != noun.i]
    prep_phrases = [t for p in sx.children(noun, "prep") if p.lower_ in ("on", "along", "in", "over", "for") for t in p.subtree]
    return text_of(sorted({t.i: t for t in tokens + prep_phrases}.values(), key=lambda t: t.i))
