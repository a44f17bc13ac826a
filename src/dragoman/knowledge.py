"""Everything dragoman knows, loaded once: `load_knowledge(settings) -> Knowledge`.

    lexicon   data/verbs.yaml + data/cameo_events.tsv    (coding.lexicon)
    actors    data/actors/*.yaml + user files + data/actor_words.yaml (actors)
    dates     data/date_rules.yaml                         (time)
    grammar   data/grammar.yaml                            (coding.grammar)
    policy    data/policy.yaml                             (policy)
    domains   data/domains.yaml                            (policy)
    ingest    data/page_chrome.txt + data/languages.tsv    (ingest.tables)

Each file is validated when it is read (a missing required key is an error
naming the file); across files, every CAMEO code the policy names must exist
in the CAMEO table. `fingerprint` is a sha256 over all of them, recorded on
every event (`lexicon_fingerprint`), so events coded with different
knowledge can be told apart. The bundle is plain frozen data: it is loaded
once per run and handed to worker processes, never re-read by each.

A new knowledge format (PETRARCH or Phoenix dictionaries, say) plugs in as a
loader that returns one of these parts; the rest of the pipeline reads only
the parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from .actors import ActorKnowledge
from .actors import load_knowledge as load_actor_knowledge
from .coding.grammar import Grammar, load_grammar
from .coding.lexicon import Lexicon, load_lexicon
from .config import Settings
from .errors import KnowledgeError
from .ingest.tables import IngestTables, load_ingest_tables
from .policy import Domains, Policy, load_domains, load_policy
from .time import DateRules, load_date_rules


@dataclass(frozen=True, slots=True)
class Knowledge:
    """All the knowledge one pipeline uses; frozen plain data, so it pickles to workers."""

    lexicon: Lexicon
    actors: ActorKnowledge
    dates: DateRules
    grammar: Grammar
    policy: Policy
    domains: Domains
    ingest: IngestTables
    # verb lemma -> "threat" | "request": verbs whose complement is threatened or asked for,
    # not done ("warned that it would attack", "urged Iran to stop"); derived from the lexicon
    governing: Mapping[str, str]
    fingerprint: str  # sha256 (16 hex digits) over every file above


def load_knowledge(settings: Settings | None = None) -> Knowledge:
    """Read and check every knowledge file (the user's actor files from `settings` included)."""
    settings = settings or Settings()
    grammar, grammar_raw = load_grammar()
    lexicon = load_lexicon(verb_files=settings.verb_files, builtin=settings.builtin, grammar=grammar)
    actors = load_actor_knowledge([*settings.actor_files, *settings.agent_files], builtin=settings.builtin)
    dates = load_date_rules()
    policy, policy_raw = load_policy()
    domains, domains_raw = load_domains()
    ingest = load_ingest_tables()
    for where, code in policy.all_codes().items():
        if code not in lexicon.cameo:
            raise KnowledgeError(f"policy.yaml: {where}: CAMEO code {code!r} does not exist")
    for name in policy.modalities:
        if not name.isidentifier():
            raise KnowledgeError(f"policy.yaml: modalities: {name!r} is not a modality name")
    digest = hashlib.sha256()
    for part in (lexicon.fingerprint, actors.fingerprint, dates.fingerprint, ingest.fingerprint):
        digest.update(part.encode() + b"\0")
    for raw in (grammar_raw, policy_raw, domains_raw):
        digest.update(raw + b"\0")
    return Knowledge(
        lexicon=lexicon,
        actors=actors,
        dates=dates,
        grammar=grammar,
        policy=policy,
        domains=domains,
        ingest=ingest,
        governing=governing_kinds(lexicon, policy.roots.request),
        fingerprint=digest.hexdigest()[:16],
    )


def governing_kinds(lexicon: Lexicon, request_roots: frozenset[str]) -> dict[str, str]:
    """Verbs whose complement is not an act: threats (any threat pattern) and requests
    (every pattern's root among `request_roots`, e.g. appeals 02 and demands 10).

    dragoman's own verbs are read with all their patterns; an imported verb only with
    the patterns it codes by itself: PETRARCH's "say" has a pattern for "say ... threat"
    (130), which does not make everything said a threat."""
    kinds: dict[str, str] = {}
    for lemma, all_patterns in lexicon.verbs.items():
        own = lexicon.own_verbs.get(lemma)
        patterns = own if own is not None else tuple(p for p in all_patterns if not p.conditioned and not p.silent)
        roots = {p.code[:2] for p in patterns}
        if any(p.kind == "threat" for p in patterns):
            kinds[lemma] = "threat"
        elif roots and roots <= request_roots:
            kinds[lemma] = "request"
    return kinds
