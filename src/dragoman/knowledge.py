"""Everything dragoman knows, loaded once: `load_knowledge(settings) -> Knowledge`.

    lexicon   data/verbs.yaml + data/cameo_events.tsv    (coding.lexicon)
    actors    data/actors/*.yaml + user files + data/actor_words.yaml (actors)
    dates     data/date_rules.yaml                         (time)
    grammar   data/grammar.yaml                            (coding.grammar)
    valence   vaderSentiment's vader_lexicon.txt + policy.yaml evaluation (coding.evaluation)
    policy    data/policy.yaml                             (policy)
    domains   data/domains.yaml                            (policy)
    discards  data/petrarch/discards.yaml + data/discards.yaml + user files (discards)
    ingest    data/page_chrome.txt + data/languages.tsv    (ingest.tables)
    record    data/record.yaml                             (record.words)

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

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .actors import ActorKnowledge
from .actors import load_knowledge as load_actor_knowledge
from .coding.evaluation import VADER_FILE, VADER_PACKAGE, Valence, load_valence
from .coding.grammar import Grammar, load_grammar
from .coding.lexicon import Lexicon, load_lexicon
from .config import Settings
from .discards import Discards, load_discards
from .errors import KnowledgeError
from .ingest.tables import IngestTables, load_ingest_tables
from .policy import Domains, Policy, load_domains, load_policy
from .record.words import RecordWords, load_record_words
from .time import DateRules, load_date_rules
from .yamlfile import read_bytes


@dataclass(frozen=True, slots=True)
class Knowledge:
    """All the knowledge one pipeline uses; frozen plain data, so it pickles to workers."""

    lexicon: Lexicon
    actors: ActorKnowledge
    dates: DateRules
    grammar: Grammar
    policy: Policy
    domains: Domains
    discards: Discards
    ingest: IngestTables
    record: RecordWords  # the diplomatic record's words
    # verb lemma -> "threat" | "request": verbs whose complement is threatened or asked for,
    # not done ("warned that it would attack", "urged Iran to stop"); derived from the lexicon
    governing: Mapping[str, str]
    valence: Valence  # how good or bad an evaluative word is (VADER's lexicon), with the policy's threshold
    fingerprint: str  # sha256 (16 hex digits) over every file above
    problems: tuple[str, ...] = ()  # lines of the dictionaries that could not be read ("path:line: reason")


CACHE_ENV = "DRAGOMAN_CACHE"  # a folder for compiled knowledge, or "off"
CACHE_KEEP = 8  # compiled knowledge files kept (the most recently used); older ones are removed


def cache_folder() -> Path | None:
    """Where compiled knowledge is kept between runs: $DRAGOMAN_CACHE, else $XDG_CACHE_HOME/dragoman
    or ~/.cache/dragoman; None when $DRAGOMAN_CACHE is "off"."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dragoman"


def knowledge_key(settings: Settings) -> str:
    """A sha256 over everything the compiled knowledge depends on: the package's code and data
    files, the user's files and the settings that choose them. Any change gives a new key."""
    digest = hashlib.sha256()
    package = Path(str(resources.files("dragoman")))
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".tsv", ".txt", ".json", ".jsonl"))
    for path in files:
        if "__pycache__" in path.parts or "static" in path.parts:
            continue
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for group in (settings.actor_files, settings.agent_files, settings.verb_files, settings.discard_files):
        for user in group:
            try:
                digest.update(os.path.abspath(user).encode() + b"\0" + read_bytes(user) + b"\0")
            except KnowledgeError:  # a device, a binary file, one that cannot be read: the loader reports it
                digest.update(b"unreadable:" + os.fsencode(user))
        digest.update(b"\1")
    digest.update(b"builtin" if settings.builtin else b"user-only")
    try:  # the sentiment lexicon ships in its own package
        digest.update((resources.files(VADER_PACKAGE) / VADER_FILE).read_bytes())
    except (ModuleNotFoundError, FileNotFoundError):
        digest.update(b"no sentiment lexicon")  # the loader says what to install
    return digest.hexdigest()[:32]


def load_knowledge(settings: Settings | None = None, *, cache: bool = True) -> Knowledge:
    """Every knowledge file, read and checked, or the compiled result of an earlier run with the
    very same files (kept in `cache_folder()`, keyed by `knowledge_key`: a second start takes
    about a second, whatever the size of the dictionaries)."""
    settings = settings or Settings()
    folder = cache_folder() if cache else None
    path = folder / f"knowledge-{knowledge_key(settings)}.pickle" if folder is not None else None
    if path is not None and path.exists():
        try:
            with open(path, "rb") as handle:
                found = _unpickle(handle.read())
            if isinstance(found, Knowledge):
                os.utime(path)  # most recently used: kept longest
                return found
        except Exception:  # noqa: BLE001 - a damaged or stale cache file is rebuilt, never trusted
            pass
    knowledge = build_knowledge(settings)
    if path is not None:
        _save(knowledge, path)
    return knowledge


def _unpickle(data: bytes) -> object:
    """Unpickle with the garbage collector paused: a million small objects, none of them garbage,
    load twice as fast without its passes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if was_enabled:
            gc.enable()


def _save(knowledge: Knowledge, path: Path) -> None:
    """Write the cache atomically; a folder we cannot write is no error (the cache is an optimisation)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".knowledge-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(knowledge, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
        return
    kept = sorted(path.parent.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[CACHE_KEEP:]:
        old.unlink(missing_ok=True)


def build_knowledge(settings: Settings) -> Knowledge:
    """Read and check every knowledge file (the user's files from `settings` included)."""
    grammar, grammar_raw = load_grammar()
    lexicon = load_lexicon(verb_files=settings.verb_files, builtin=settings.builtin, grammar=grammar)
    actors = load_actor_knowledge(settings.actor_files, builtin=settings.builtin, agent_files=settings.agent_files)
    dates = load_date_rules()
    policy, policy_raw = load_policy()
    domains, domains_raw = load_domains()
    discards = load_discards(settings.discard_files, builtin=settings.builtin)
    ingest = load_ingest_tables()
    record, record_raw = load_record_words()
    valence, valence_raw = load_valence(policy.evaluation.threshold, policy.evaluation.negation)
    for where, code in policy.all_codes().items():
        if code not in lexicon.cameo:
            raise KnowledgeError(f"policy.yaml: {where}: CAMEO code {code!r} does not exist")
    for name in policy.modalities:
        if not name.isidentifier():
            raise KnowledgeError(f"policy.yaml: modalities: {name!r} is not a modality name")
    digest = hashlib.sha256()
    for part in (lexicon.fingerprint, actors.fingerprint, dates.fingerprint, ingest.fingerprint, discards.fingerprint):
        digest.update(part.encode() + b"\0")
    for raw in (grammar_raw, policy_raw, domains_raw, record_raw, valence_raw):
        digest.update(raw + b"\0")
    return Knowledge(
        lexicon=lexicon,
        actors=actors,
        dates=dates,
        grammar=grammar,
        policy=policy,
        domains=domains,
        discards=discards,
        ingest=ingest,
        record=record,
        governing=governing_kinds(lexicon, policy.roots.request),
        valence=valence,
        fingerprint=digest.hexdigest()[:16],
        problems=(*lexicon.problems, *getattr(actors, "problems", ()), *discards.problems),
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
