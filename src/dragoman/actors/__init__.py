"""The actor layer: who a noun phrase names, as a CAMEO code, at a given date.

    knowledge = load_knowledge(["my_actors.yaml"])     # once; picklable
    actor = resolve_span(span, knowledge, "2025-03-08")  # per argument
    memory = Salience()                                  # per document: what was mentioned
    Coreference(knowledge).resolve_pronoun(memory, token, sentence_index)

See `knowledge` for the data-file format, `resolve` for how cues combine,
`coref` for pronouns and descriptions, `phoenix` for PETRARCH dictionaries.
"""

from .coref import Coreference, Salience
from .knowledge import ActorKnowledge, Entity, Role, load_knowledge, role_at
from .phoenix import ImportResult, export_yaml, import_phoenix
from .resolve import (
    possessor_actor,
    resolve_span,
    resolve_text,
    split_conjuncts,
    unresolved_counts,
)
from .vocabulary import ActorVocabulary, load_vocabulary

__all__ = [
    "ActorKnowledge",
    "ActorVocabulary",
    "Coreference",
    "Entity",
    "ImportResult",
    "Role",
    "Salience",
    "export_yaml",
    "import_phoenix",
    "load_knowledge",
    "load_vocabulary",
    "possessor_actor",
    "resolve_span",
    "resolve_text",
    "role_at",
    "split_conjuncts",
    "unresolved_counts",
]
