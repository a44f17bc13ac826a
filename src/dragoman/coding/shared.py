"""The stages every coder's drafts pass through, in this order.

    modality     negated, hypothetical, denied, threatened, conditional, planned
                 or asserted, from the clause the trigger sits in; a negated
                 draft with a `when_negated` code becomes that refusal
    combine      a governing act and the act it governs are one event: "agreed to
                 begin talks" is one intent to negotiate (036), "threatened to cut
                 ties" one threat (1313); an intent whose complement codes nothing
                 is no event
    statements   a reporting verb hands its speaker to the drafts it reports, or,
                 reporting nothing codable, is a comment about another actor: criticism
                 or praise when it evaluates another's act ("said Y's plan was reckless")
    aim          a threat with no target is aimed at the other side named before it
    dedupe       one draft per (source, target, root) in a sentence
    quotes       the quotation nearest the trigger

Each is a pure function of one sentence's drafts, its parse and knowledge
passed in; none of them knows which coder made the drafts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..policy import Policy
from ..records import Actor
from . import syntax as sx
from . import transformations
from .draft import Draft, source_code, target_code
from .evaluation import Valence, about_whom, evaluation, own_side
from .grammar import Grammar
from .lexicon import Lexicon
from .propositions import SentencePropositions

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

QUOTE_RE = re.compile(r"[\"“”]([^\"“”]{2,300})[\"“”]")
ActorOf = Callable[["Token"], "Actor | None"]


# ---------------------------------------------------------------- modality


def clause_modality(
    trigger: Token, kind: str | None, governing: Mapping[str, str], g: Grammar, negation_covered: bool = False
) -> tuple[str, str | None]:
    """(modality, condition text) of the trigger's own clause.

    `governing` says which verbs make their complement a threat or a request
    (`knowledge.governing_kinds`): "warned that it would attack" is threatened,
    "asked Iran to stop" hypothetical.
    """
    if sx.inside_condition(trigger, g):
        return "hypothetical", None
    if any(sx.subjunctive(h) for h in (trigger, *sx.governing(trigger, ("xcomp", "conj")))):
        return "hypothetical", None  # "insisted that Peru offer condolences": demanded, not done
    for head in sx.governing(trigger, ("xcomp", "ccomp", "pcomp")):
        lemma = head.lemma_.lower()
        if lemma in g.deny_verbs:
            return "denied", None  # "denied directing the group": said not to have happened
        if governing.get(lemma) == "threat":
            return "threatened", None  # the threatened act is not itself an event
        if governing.get(lemma) == "request" and lemma not in g.report_verbs:
            # asked for, not done; a verb that reports a text ("AFP reported") reports the act,
            # whatever code a dictionary gives the verb itself
            return "hypothetical", None
    if sx.negated(trigger, g) and not negation_covered:
        return "negated", None
    aux = sx.auxiliaries(trigger)
    for head in sx.governing(trigger, ("xcomp",)):
        aux |= sx.auxiliaries(head)  # "Turkey may have to accept": the hedge sits on the head
    cond = sx.condition_clause(trigger, g)
    cond_text = sx.text_of(list(cond.subtree)) if cond is not None else None
    if aux & g.hedge_aux:
        return "hypothetical", cond_text
    if cond is not None:
        # a threat's condition belongs to the threatened act: the threat itself was made
        return ("asserted" if kind == "threat" else "conditional"), cond_text
    heads = list(sx.governing(trigger, ("xcomp",)))
    if aux & g.future_aux or any(h.lemma_ in g.plan_verbs for h in heads):
        return "planned", None
    if any(sx.lemma_in(h, g.irrealis_heads) for h in heads):
        return "hypothetical", None  # "wants to attack", "hopes to visit": wished, not done
    return "asserted", None


def assign_modality(drafts: list[Draft], governing: Mapping[str, str], g: Grammar) -> None:
    """Every draft's modality but statements' (the statements stage reads theirs when it needs it)."""
    for d in drafts:
        if d.kind == "statement":
            continue
        d.modality, d.condition = clause_modality(_carrier(d.trigger, g), d.kind, governing, g, d.negation_covered)
        if d.modality == "negated" and d.when_negated:
            # "cannot support", "refused to accept": the refusal is itself an act
            d.code, d.modality = d.when_negated, "asserted"


def _carrier(trigger: Token, g: Grammar) -> Token:
    """Where an act's clause is read: a noun's verb when the noun is its object or what one comes
    under ("may stage protests", "did not launch an inquiry", "came under fire"), else the trigger."""
    if trigger.pos_ != "NOUN":
        return trigger
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in g.undergo_preps:
        head = head.head
    elif trigger.dep_ != "dobj":
        return trigger
    return head if head.pos_ in ("VERB", "AUX") else trigger


# ---------------------------------------------------------------- governed acts


GOVERNING_KINDS = frozenset({"intent", "agreement", "refusal", "threat"})


def combine_governed(drafts: list[Draft], lexicon: Lexicon, policy: Policy, actor_of: ActorOf) -> None:
    """A governing act and the act it governs are one event.

        intent, agreement  "agreed to begin talks" is one intent to negotiate (036): the intent
                           code CAMEO pairs with the complement's root (`intent_codes`); an
                           intent to use material conflict is a threat of it ("vowed to cut
                           ties": 1313, "vowed to attack": 138; policy roots.threatened_act);
                           else PETRARCH2's combination, or the act itself, planned ("pledged to
                           investigate"). The complement is folded in. An intent whose
                           complement codes nothing is no event: we cannot say what was intended.
        refusal            "refused to hold talks" is 125 (`refusal_codes`), folded in
        threat, request    "threatened to cut ties with Turkey" is a threat to break relations
                           (1313) against Turkey; "urged Iran to free the crew" an appeal to
                           Iran. The governed act stays, as what was threatened or asked for.
                           With no governed act coded, the one threatened or asked is the
                           complement's subject ("demanded that Sudan hand over the suspects").
        any other          a verb coded by its word alone governing an infinitive of its own
                           subject combines by PETRARCH2's rule ("agreed to lift sanctions" is
                           the easing, 081), folded in.

    A governing code combines (`lexicon.ontology`) only when its pattern asked nothing of the
    clause (`Draft.specific`): a pattern that named the complement's words has read it already.
    """
    transformations.apply(drafts, lexicon.transformations)  # a user's PETRARCH "~" lines first
    folded: set[int] = set()
    for d in [x for x in drafts if x.kind != "statement"]:
        request = d.root in policy.roots.request
        if d.kind not in GOVERNING_KINDS and not request and d.specific:
            continue
        comps = sx.complements(d.trigger, clauses=d.kind in ("threat", "refusal") or request)
        if not comps:
            if d.kind == "intent" and not d.specific and d.target is None:
                drafts.remove(d)  # "has long sought a bigger role": an intent with nothing named is none
            continue
        inner = [x for x in drafts if x.trigger.i in comps and x.kind != "statement" and x is not d]
        if d.kind not in GOVERNING_KINDS and not request:
            # a plain verb governing an infinitive: only its own subject's act combines ("agreed
            # to lift sanctions"); "helped Kenya to rebuild" is help
            inner = [x for x in inner if source_code(x) == source_code(d) and x.trigger.dep_ == "xcomp"]
            if not inner:
                continue
        if not inner:
            if d.kind == "intent":
                drafts.remove(d)
            elif d.target is None and (d.kind == "threat" or request) and d.source is not None:
                d.target = _complement_subject(d, comps, actor_of)
            continue
        if d.kind == "threat" or request:
            # "warned Turkey not to send warships": what it must not do is no act to combine with
            inner = [x for x in inner if x.modality != "negated"] or inner
        first = next((x for x in inner if source_code(x) == source_code(d)), inner[0])
        d.code = _governed_code(d, first, lexicon, policy)
        if d.target is None:
            d.target = _governed_target(d, inner, request)
        if d.kind == "threat" or request:
            # what was threatened or asked for did not happen (whatever the governing word's lemma)
            for x in inner:
                if x.modality in ("asserted", "planned"):
                    x.modality = "threatened" if d.kind == "threat" else "hypothetical"
        else:
            folded.update(comps)
    drafts[:] = [x for x in drafts if x.trigger.i not in folded or x.kind == "statement"]


def _governed_code(d: Draft, first: Draft, lexicon: Lexicon, policy: Policy) -> str:
    root = first.root
    if d.kind == "refusal":  # "refused to hold talks": a rejection of the act (CAMEO 12)
        return lexicon.refusal_codes.get(root, d.code)
    if d.kind in ("intent", "agreement") and root in lexicon.intent_codes and not d.specific:
        return lexicon.intent_codes[root]
    if d.kind in ("intent", "agreement") and root >= policy.roots.threatened_act:
        # "vowed to cut ties with X", "pledged to strike X": an intent to use material conflict is a
        # threat of it (PETRARCH2's intend + fight is 138): the threat code the ontology gives
        threat = policy.roots.threat + "0"
        combined = lexicon.ontology.combine(threat, first.code)
        return combined if combined is not None and combined.startswith(policy.roots.threat) else threat
    combined = lexicon.ontology.combine(d.code, first.code) if not d.specific else None
    keeps = (d.kind == "threat" or d.root in policy.roots.request) and (
        lexicon.ontology.is_statement(first.code) or first.modality == "negated"
    )  # an appeal or threat about a statement ("asked the WTO to investigate") or an abstention stays itself
    if combined is not None and not keeps:
        if d.kind in ("intent", "agreement") and combined[:2] == root and d.modality == "asserted":
            d.modality = "planned"  # "pledged to investigate": the act itself, intended, not done
        return combined
    if d.kind in ("intent", "agreement") and root in lexicon.intent_codes:
        return lexicon.intent_codes[root]
    if d.kind in ("intent", "agreement") and root >= policy.roots.planned_act:
        if d.modality == "asserted":
            d.modality = "planned"
        return first.code  # an intent to act with no code of its own: the planned act itself
    return d.code


def _governed_target(d: Draft, inner: list[Draft], request: bool) -> Actor | None:
    """Whom a combined act is aimed at: for a request, the one asked (the governed act's own
    source, when it is not the requester); otherwise the governed act's target."""
    own = source_code(d)
    if request:
        asked = next((x.source for x in inner if x.source is not None and x.source.code != own), None)
        if asked is not None:
            return asked
    return next((x.target for x in inner if x.target is not None and x.target.code != own), None)


def _complement_subject(d: Draft, comps: set[int], actor_of: ActorOf) -> Actor | None:
    """The subject of a threatened or requested clause, when it is someone other than the source
    ("demanded that Sudan hand over the suspects": Sudan)."""
    assert d.source is not None
    doc = d.trigger.doc
    for i in sorted(comps):
        for subject in sx.children(doc[i], "nsubj", "nsubjpass"):
            found = actor_of(subject)
            if found is not None and found.code and found.country != d.source.country:
                return found
    return None


# ---------------------------------------------------------------- statements


def settle_statements(
    drafts: list[Draft],
    actor_of: ActorOf,
    lexicon: Lexicon,
    policy: Policy,
    governing: Mapping[str, str],
    g: Grammar,
    valence: Valence,
    props: SentencePropositions,
) -> None:
    """A reporting verb: hand its speaker to the drafts it reports, or code the comment itself.

    Statement drafts (kind "statement", source = the speaker or None) are
    replaced by what they become; drafts of other kinds stay in order.
    """
    settled = [d for d in drafts if d.kind != "statement"]
    above: dict[int, frozenset[int]] = {}  # trigger -> the heads above its clause, walked once a sentence
    for stmt in [d for d in drafts if d.kind == "statement"]:
        demand = _subjunctive_demand(stmt, actor_of, lexicon, policy, settled) or _order(stmt, actor_of, lexicon, policy, settled, g)
        if demand is not None:
            settled.append(demand)
            continue
        # a comment coded from one reporting verb can itself be reported by the next ("X said Y stated ...")
        comment = _statement(stmt, settled, above, actor_of, lexicon, policy, governing, g, valence, props)
        if comment is not None:
            settled.append(comment)
    drafts[:] = settled


def _subjunctive_demand(stmt: Draft, actor_of: ActorOf, lexicon: Lexicon, policy: Policy, settled: list[Draft]) -> Draft | None:
    """ "Kampala insisted that Peru offer condolences": a that-clause in the subjunctive is what the
    speaker demands of the clause's subject (the clause's own act did not happen: see
    clause_modality), not a report. The demand combines with the clause's act as a demanding
    verb's would ("insisted that Belarus return the trucks" is a demand for a release, 1053)."""
    speaker = stmt.source
    if speaker is None or not speaker.code:
        return None
    for clause in sx.children(stmt.trigger, "ccomp"):
        if clause.i < stmt.trigger.i or not sx.subjunctive(clause):
            continue
        for subject in sx.children(clause, "nsubj", "nsubjpass"):
            asked = actor_of(subject)
            if asked is not None and asked.code and asked.code != speaker.code:
                code, _ = _demand_for(clause, settled, lexicon, policy)
                return replace(stmt, code=code, target=asked, kind=None)
    return None


def _order(stmt: Draft, actor_of: ActorOf, lexicon: Lexicon, policy: Policy, settled: list[Draft], g: Grammar) -> Draft | None:
    """ "Egypt told Ethiopia to withdraw its troops": a reporting verb of `order_verbs` with an
    object and a to-infinitive is a demand on the object (combined with the ordered act, which
    did not happen), not a report that it was done."""
    speaker = stmt.source
    if speaker is None or not speaker.code or stmt.trigger.lemma_.lower() not in g.order_verbs:
        return None
    # (a time between the object and the infinitive makes the parser read it as a purpose: "told
    # Peru on 2 March to withdraw", an advcl)
    for clause in sx.children(stmt.trigger, "xcomp", "advcl"):
        if not sx.infinitive(clause) or sx.children(clause, "mark"):
            continue
        for obj in sx.children(stmt.trigger, "dobj", "dative"):
            asked = actor_of(obj)
            if asked is None or not asked.code or asked.code == speaker.code:
                continue
            code, act = _demand_for(clause, settled, lexicon, policy)
            if act is not None and act.modality in ("asserted", "reported"):
                act.modality = "hypothetical"  # what was ordered was not done
            return replace(stmt, code=code, target=asked, kind=None)
    return None


def _demand_for(clause: Token, settled: list[Draft], lexicon: Lexicon, policy: Policy) -> tuple[str, Draft | None]:
    """The code of a demand for what the clause says (the demand code combined with the clause's
    coded act, where the ontology keeps it a demand: "release the fishermen" makes 1053), and that act."""
    code = policy.codes.demand
    act = next((d for d in settled if d.trigger.i == clause.i and d.kind != "statement"), None)
    combined = lexicon.ontology.combine(code, act.code) if act is not None else None
    return (combined if combined is not None and combined[:2] == code[:2] else code), act


def _statement(
    stmt: Draft,
    settled: list[Draft],
    above: dict[int, frozenset[int]],
    actor_of: ActorOf,
    lexicon: Lexicon,
    policy: Policy,
    governing: Mapping[str, str],
    g: Grammar,
    valence: Valence,
    props: SentencePropositions,
) -> Draft | None:
    tok, speaker = stmt.trigger, stmt.source
    for d in settled:
        if d.trigger.i not in above:
            above[d.trigger.i] = frozenset(t.i for t in sx.governing(d.trigger))
    reported = [d for d in settled if tok.i in above[d.trigger.i]]
    lemma = tok.lemma_.lower()
    for d in reported:
        if speaker is not None and speaker.code != source_code(d):
            d.speaker = speaker
        if d.modality == "asserted":
            d.modality = "claimed" if lemma in g.claim_verbs else ("reported" if d.speaker else "asserted")
    if speaker is None or not speaker.code or policy.attribution_only.only_attributes(speaker.sector, lemma):
        return None  # the press reporting, or someone no dictionary knows, is whose word it is: no actor of its own
    if any(d.target is not None and d.modality not in ("negated", "denied") for d in reported) or sx.negated(tok, g):
        # what was said is an act between two parties: no comment beside it (a targetless act,
        # "said it would be willing to talk", or one said not to have happened, "said it had not
        # received the letter from Pakistan", leaves the comment about another actor its due)
        return None
    # a comment with no codable content: code it only when it is about another actor
    comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    about = None
    for c in comp:
        for t in c.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in g.channel_prepositions:
                continue  # "sent its reply through Oman": the channel, not what is commented on
            if t.pos_ != "PRON" and sx.nominal(t) and t.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "pobj", "attr"):
                a = actor_of(t)
                if a is not None and a.code and a.country != speaker.country:
                    about = a
                    break
        if about:
            break
    codes = policy.codes
    code = stmt.code
    judged = evaluation(tok, g, valence)
    if judged is not None and judged.polarity:
        # "said Y's plan was reckless": criticism (or praise) of whose the thing is
        owner = next((who for t in about_whom(judged, props) if (who := actor_of(t)) is not None and who.code), None)
        if owner is not None:
            if own_side(speaker, owner):
                return None  # what one says of one's own side is no act toward another
            about = owner
            if judged.polarity < 0:
                code = codes.comment_negative
            else:  # "said Y's plan was not reckless": a defence
                code = codes.comment_defence if judged.negated else codes.comment_positive
    if about is None:
        return None
    lemmas = {t.lemma_.lower() for c in comp for t in c.subtree}
    verbs = [t for c in comp for t in c.subtree if t.pos_ in ("VERB", "AUX")]
    if lemmas & lexicon.word_lists["military"] and any(sx.condition_clause(t, g) is not None for t in verbs):
        code = codes.comment_military_threat  # "said that if Iran did not make a deal, there will be bombing"
    elif lemmas & lexicon.word_lists["threat_cues"] and any(sx.auxiliaries(t) & g.future_aux for t in verbs):
        code = codes.comment_threat  # "stated that a military option would have severe consequences for Iran"
    modality, condition = clause_modality(tok, stmt.kind, governing, g)
    if condition is None:
        clauses = [sx.condition_clause(t, g) for c in comp for t in c.subtree if t.pos_ in ("VERB", "AUX")]
        condition = next((sx.text_of(list(k.subtree)) for k in clauses if k is not None), None)
    return replace(stmt, code=code, target=about, kind=None, modality=modality, condition=condition)


# ---------------------------------------------------------------- threats, duplicates, quotes


def aim_threats(drafts: list[Draft], sentence: Span, actor_of: ActorOf, threat_root: str) -> None:
    """A threat with no one named as its target is aimed at the other side the sentence
    names before it: "Iran rejected talks, prompting Trump to threaten bombing"."""
    for d in drafts:
        if d.target is not None or d.root != threat_root or d.source is None:
            continue
        before = [actor_of(t) for t in sentence if t.i < d.trigger.i]
        others = [a for a in before if a is not None and a.code and a.country and a.country != d.source.country]
        if others:
            d.target = replace(others[-1], confidence=min(others[-1].confidence, 0.6), basis="context")


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """One draft per (source, target, root) in a sentence; a targeted one beats a targetless one."""
    best: dict[tuple[str | None, str | None, str], Draft] = {}
    for d in drafts:
        key = (source_code(d), target_code(d), d.root)
        if key not in best:
            best[key] = d
    out = list(best.values())
    targeted = {(source_code(d), d.root) for d in out if d.target is not None}
    return [d for d in out if d.target is not None or (source_code(d), d.root) not in targeted]


def quote_near(sentence: Span, trigger: Token) -> str | None:
    """The quotation inside the trigger's phrase, else the sentence's first one."""
    quotes = [(m.start(1), m.group(1)) for m in QUOTE_RE.finditer(sentence.text)]
    if not quotes:
        return None
    lo = min(t.idx for t in trigger.subtree) - sentence.start_char
    hi = max(t.idx + len(t) for t in trigger.subtree) - sentence.start_char
    inside = [q for start, q in quotes if lo <= start <= hi]
    return (inside or [quotes[0][1]])[0].strip()
