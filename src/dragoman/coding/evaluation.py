"""Evaluations: what a speaker calls something, and whether that praises or criticises it.

    "X said Y's plan was reckless"           the predicate of a copular complement
    "X said the decision by Y seemed wise"   (grammar.yaml copulas: be, seem, prove, ...)
    "X called Y's offer dangerous"           the object's predicate of the trigger itself
    "X described Y's move as a betrayal"     (its oprd, or the phrase of its "as")

An `Evaluation` is the thing evaluated (the complement's subject, the trigger's object) and
the polarity of what it is called. The polarity is read from a published sentiment lexicon,
VADER's (`vader_lexicon.txt` of the vaderSentiment package, MIT licence, C.J. Hutto 2014):
the mean valence ten raters gave each word, from -4 to +4. A predicate is weighed by its
head and its adjective and adverb modifiers: a modifier of a head with a valence says how
much, not which way ("a huge mistake", "a grave threat": the head's sign, the modifiers'
strength added); the adjectives of a neutral noun say which way ("a welcome step", "a
positive move"); an adverb never does ("pretty modest": "pretty" is a degree here, not a
compliment); words coordinated with the head add theirs ("reckless and dangerous"). A negated
predicate ("not a good idea") scales the sum by VADER's own negation factor; a sum at or past
the threshold either way is criticism or praise (policy.yaml: evaluation), anything nearer
zero ("technical", "important") neither. Not weighed: a noun's classifier ("a peace plan"
says what the plan is about, not how good it is), the phrases after the head ("a threat to
peace": the threat is the word), and an adjective or participle with a complement of its
own, which states the subject's relation to it ("responsible for the attack", "ready to
talk", "committed to reform"), not how good the subject is. A word VADER lacks is weighed as
the verb whose act or disposition it names ("provocation", "provocative" -> provoke: the
endings of syntax.noun_verbs), or as the word after a negating prefix, negated
("unjustified": "justified" times the negation factor).

Which triggers evaluate, and with which code, is the lexicon's business (verbs.yaml patterns
with `valence`; the statements stage for reporting verbs): this module reads the predicate,
weighs it, and says whom it is about and whether that is the speaker's own side.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import KnowledgeError
from ..records import Actor
from . import syntax as sx
from .grammar import Grammar
from .propositions import SentencePropositions

if TYPE_CHECKING:
    from spacy.tokens import Token

VADER_PACKAGE = "vaderSentiment"
VADER_FILE = "vader_lexicon.txt"
POLARITIES = {"negative": -1, "positive": 1}
ANY = "any"  # a pattern's `valence: any`: the trigger evaluates something, whichever way
_WORD = re.compile(r"[a-z][a-z'-]*")  # VADER also lists emoticons (":-)"), which no parse yields
_COMPLEMENTS = frozenset({"prep", "xcomp", "ccomp"})  # an adjective's own complement
# prefixes that negate the word after them ("unjustified", "disloyal", "illegitimate"); not "in-",
# whose words often are no negation ("invaluable", "inflammable")
_NEGATING_PREFIXES = ("un", "dis", "non", "il", "ir")


@dataclass(frozen=True, slots=True)
class Valence:
    """VADER's word valences with the policy's threshold and negation factor."""

    words: Mapping[str, float]
    threshold: float  # a summed valence at or past it either way is praise or criticism
    negation: float  # what a negation multiplies the sum by (VADER's N_SCALAR, -0.74)
    fingerprint: str = ""  # sha256 of the lexicon file, 16 hex digits

    def polarity(self, score: float) -> int:
        """-1 criticism, +1 praise, 0 neither."""
        if score <= -self.threshold:
            return -1
        if score >= self.threshold:
            return 1
        return 0


@dataclass(frozen=True, slots=True)
class Evaluation:
    thing: Token  # what is evaluated: the complement's subject, the trigger's object
    predicate: Token  # the head of what it is called
    score: float  # the summed valence, negation applied
    polarity: int  # -1 criticism, +1 praise, 0 neither
    negated: bool = False  # "not a good idea", "not reckless"

    @property
    def name(self) -> str | None:
        """"negative", "positive", or None: a pattern's `valence` condition."""
        return next((name for name, sign in POLARITIES.items() if sign == self.polarity), None)


def load_valence(threshold: float, negation: float) -> tuple[Valence, bytes]:
    """VADER's lexicon, as the installed vaderSentiment package ships it, and its bytes."""
    try:
        raw = (resources.files(VADER_PACKAGE) / VADER_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise KnowledgeError(
            f"the sentiment lexicon {VADER_PACKAGE}/{VADER_FILE} is missing ({exc}): pip install vaderSentiment==3.3.2"
        ) from None
    words: dict[str, float] = {}
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) < 2 or not _WORD.fullmatch(parts[0]):
            continue
        try:
            words[parts[0]] = float(parts[1])
        except ValueError:
            raise KnowledgeError(f"{VADER_FILE}:{number}: {parts[1]!r} is not a valence") from None
    if not words:
        raise KnowledgeError(f"{VADER_FILE}: no word valences read")
    return Valence(words, threshold, negation, hashlib.sha256(raw).hexdigest()[:16]), raw


def evaluation(trigger: Token, g: Grammar, valence: Valence) -> Evaluation | None:
    """What the trigger calls something: its own object's predicate ("called X Y", "described X
    as Y"), else the predicate of its copular complement ("said X was Y"); None when it has none."""
    found = _named(trigger) or _copular(trigger, g)
    if found is None:
        return None
    thing, predicate, negated = found
    if _relational(predicate):
        return None
    negated = negated or _negative(predicate, g)
    score = weigh(predicate, valence) * (valence.negation if negated else 1.0)
    return Evaluation(thing, predicate, score, valence.polarity(score), negated)


def about_whom(judged: Evaluation, props: SentencePropositions) -> list[Token]:
    """The words that may name whom an evaluation is about, likeliest first: the thing itself
    ("called Uganda reckless"), then its agents ("Uganda's plan", "the decision by Uganda", "the
    Ugandan move"); none for a pronoun ("said it would be troubling if ...": "it" is what follows)."""
    thing = judged.thing
    if thing.pos_ == "PRON":
        return []
    heads = [thing, *props.of(thing).agents]
    if thing.head.i == judged.predicate.i:  # "called [Uganda's offer generous]": the owner hung on the predicate
        heads += sx.children(judged.predicate, "poss")
    return heads


def own_side(speaker: Actor, other: Actor) -> bool:
    """Whether what a speaker evaluates is its own: the same actor; a state and its own bodies
    ("Kenya called the Kenyan army's plan reckless"); a body and its state ("the Kenyan
    government called the Kenyan plan reckless"). Two bodies of one state are two sides: "the
    Tories said the government's plan was reckless" is criticism."""
    return other.code == speaker.code or other.code == speaker.country or speaker.code == other.country


def weigh(predicate: Token, valence: Valence) -> float:
    """The valence of a predicate and the heads coordinated with it (see the module docstring);
    a hyphenated word is weighed whole ("short-sighted")."""
    total = 0.0
    for head in sx.conjuncts(predicate):
        own = _word_valence(head, valence)
        adjectives = [_word_valence(c, valence) for c in head.children if c.dep_ == "amod"]
        if not own:  # "a welcome step": the adjectives say which way
            own, adjectives = sum(adjectives), []
        degree = [_word_valence(c, valence) for c in head.children if c.dep_ == "advmod"]
        total += own + math.copysign(sum(map(abs, adjectives + degree)), own) if own else 0.0
    return total


def _word_valence(token: Token, valence: Valence) -> float:
    words = valence.words
    if _hyphenated(token, 1) in words:
        return 0.0  # the first half of a hyphenated word, weighed whole at its second half
    whole = _hyphenated(token, -1)  # "short - sighted" as the parser cut it
    if whole is not None and whole in words:
        return words[whole]
    for form in (token.lower_, token.lemma_.lower(), *_derived(token.lower_)):
        if form in words:
            return words[form]
    for prefix in _NEGATING_PREFIXES:  # "unjustified": "justified", negated
        if token.lower_.startswith(prefix) and token.lower_[len(prefix) :] in words:
            return words[token.lower_[len(prefix) :]] * valence.negation
    return 0.0


def _hyphenated(token: Token, step: int) -> str | None:
    """The word the token makes with the one after (step 1) or before (-1) a hyphen between them."""
    doc = token.doc
    other = token.i + 2 * step
    if not 0 <= other < len(doc) or doc[token.i + step].text != "-":
        return None
    first, hyphen = (token, doc[token.i + 1]) if step > 0 else (doc[other], doc[token.i - 1])
    if first.whitespace_ or hyphen.whitespace_:
        return None
    return f"{first.lower_}-{doc[first.i + 2].lower_}"


def _derived(word: str) -> list[str]:
    """The verbs a word VADER lacks may name the act or the disposition of: "provocation",
    "provocative" -> provoke; "deceptive" -> deception (syntax.noun_verbs)."""
    if word.endswith("ive") and len(word) > 6:
        return sx.noun_verbs(word[:-3] + "ion")  # provocat-ive -> provocat-ion
    if word.endswith("ion"):
        return sx.noun_verbs(word)[1:]
    return []


def _named(trigger: Token) -> tuple[Token, Token, bool] | None:
    """(object, predicate, negated) of "called X Y" (the oprd; two oprds where the parser read the
    object as one) and "described X as Y" (the phrase of "as" on the verb or on its object). The
    parser also reads "called X Y" as X with Y in apposition ("called the plan a betrayal") or with
    an adjective after it ("called the move courageous"), where an English adjective that modifies
    a noun stands before it: both are the predicate."""
    objects = sx.children(trigger, "dobj")
    predicates = sx.children(trigger, "oprd")
    if predicates and (objects or len(predicates) > 1):
        return (objects or predicates)[0], predicates[-1], False
    if len(predicates) == 1:  # "called [Uganda's offer generous]": the object hung on the predicate
        predicate = predicates[0]
        before = [c for c in predicate.children if c.i < predicate.i and c.pos_ in ("NOUN", "PROPN") and c.dep_ != "poss"]
        if before:
            return before[0], predicate, False
    for holder in (trigger, *objects):
        for prep in sx.children(holder, "prep"):
            if prep.lower_ == "as" and objects:
                said = [c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp", "pcomp")]
                if said:
                    return objects[0], said[0], False
    for thing in objects or predicates:
        late = [c for c in thing.children if c.i > thing.i and (c.dep_ == "appos" or (c.dep_ == "amod" and c.pos_ == "ADJ"))]
        if late:
            return thing, late[0], False
    return None


def _copular(trigger: Token, g: Grammar) -> tuple[Token, Token, bool] | None:
    """(subject, predicate, negated) of the trigger's copular complement ("said that X was Y",
    "said X would prove Y"; a copula's "object" is its predicate: "seemed a mistake"), or of a
    complement with no verb at all ("branded [X reckless]")."""
    for clause in sx.children(trigger, "ccomp", "xcomp"):
        subjects = sx.children(clause, "nsubj", "nsubjpass")
        if not subjects:
            continue
        if clause.pos_ in ("ADJ", "NOUN"):
            return subjects[0], clause, sx.negated(clause, g)
        predicates = sx.children(clause, "acomp", "attr", "oprd", "dobj")
        if clause.lemma_.lower() in g.copulas and predicates:
            return subjects[0], predicates[0], sx.negated(clause, g)
    return None


def _relational(predicate: Token) -> bool:
    """An adjective (or participle) with a complement of its own: "responsible for the attack",
    "ready to talk", "committed to poverty reduction"."""
    return predicate.pos_ in ("ADJ", "VERB") and any(c.dep_ in _COMPLEMENTS for c in predicate.children)


def _negative(predicate: Token, g: Grammar) -> bool:
    """"no solution", "never a good idea": a negation on the predicate itself."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in g.negating_determiners) for c in predicate.children
    )
