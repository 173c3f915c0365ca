"""How well each sentence of the retrieved chunks supports a question.

support = SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical + RANK_WEIGHT * rank prior, each part in 0..1:

- semantic: cosine between question and sentence embeddings (the multilingual index embedder, so a Dutch question
  meets an English sentence; the best of the question as asked and the question plus its glossary translation),
  rescaled from the embedder's [floor, ceiling] (SEMANTIC_SCALES) to [0, 1];
- lexical: the share of the question's concepts found in the sentence. A concept is a content word or a glossary
  phrase of the question with its translations (Dutch -> English and back, ``assistant.retrieve.glossary``),
  matched on Dutch/English stems; a region concept also counts when the chunk is tagged with that region;
- rank prior: 1 / (1 + rank of the chunk), a small nudge towards what the retriever ranked first.

The weights were tuned on real questions over the shared corpus (see tests/integration/test_answer_real_corpus.py).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.sentences import (
    Sentence,
    content_words,
    key_set,
    keys,
    split_chunk,
    words,
)
from assistant.models import SearchHit
from assistant.regions import expand, find_regions

SEMANTIC_WEIGHT = 0.55
LEXICAL_WEIGHT = 0.35
RANK_WEIGHT = 0.10
#: Cosine between a question and an unrelated sentence (-> 0) and a clearly answering one (-> 1), per embedder,
#: measured on question/sentence pairs from the shared corpus (USE-m: unrelated <= 0.24, answering >= 0.33;
#: e5-small is compressed: unrelated 0.72-0.80, answering 0.79-0.84).
SEMANTIC_SCALES: dict[str, tuple[float, float]] = {
    "use-m": (0.10, 0.50),
    "e5-small": (0.74, 0.86),
    "minilm": (0.10, 0.60),
}
#: For embedders not in the table: local sentence-transformers folders ("st-...") and anything else.
ST_SEMANTIC_SCALE = (0.10, 0.60)
DEFAULT_SEMANTIC_SCALE = SEMANTIC_SCALES["use-m"]
#: A region concept counts for this much of a content concept (it is usually matched through chunk tags).
REGION_CONCEPT_WEIGHT = 0.5
#: Evidence coverage = (ENTITY_FLOOR + (1 - ENTITY_FLOOR) x share of the question's named entities found in the
#: retrieved chunks) x (COMMON_FLOOR + (1 - COMMON_FLOOR) x share of its other concepts found). Named entities
#: (regions, capitalised words) decide: a question about Peru is not answered by passages that never name Peru.
#: Common words matter less: a Dutch question's words often have no translation in the glossary.
ENTITY_FLOOR = 0.2
COMMON_FLOOR = 0.5
#: Support of a sentence cut by a chunk edge (does not start or end like a sentence) is multiplied by this.
FRAGMENT_PENALTY = 0.8
_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][\w-]*")
#: Support of a sentence about the document itself ("Nu informeer ik uw Kamer ...", "this report") is multiplied
#: by this: such sentences share the question's words but rarely answer it.
META_PENALTY = 0.7
_META = re.compile(
    r"\b(?:uw kamer|deze brief|informeer ik|geachte|hoogachtend|hieronder|hierboven|zie ook|"
    r"this report|this section|see (?:the|also|section)|for more information)\b",
    re.IGNORECASE,
)
#: Support of a sentence is multiplied by this when none of the question's named entities (regions, names) occur
#: in the sentence or its context (chunk title, section, region tags): a China report does not answer a question
#: about Japan, a sentence on Phnom Penh does not give the capital of Peru. Partly missing: proportionally.
ENTITY_MISSING_PENALTY = 0.5
#: Support of a sentence without any number is multiplied by this when the question asks for a quantity or a
#: date ("hoeveel", "how many", "welk percentage", "wanneer", "in which year"): it cannot hold the answer.
NO_NUMBER_PENALTY = 0.6
_QUANTITY_QUESTION = re.compile(
    r"\b(?:hoeveel|hoe\s+(?:veel|groot|hoog|lang|vaak|snel)|welk\s+(?:percentage|aandeel|bedrag|jaar)|"
    r"wanneer|op welke datum|in welk jaar|binnen welke termijn|how\s+(?:many|much|long|often|high|large)|"
    r"what\s+(?:percentage|share|proportion|amount|year|date)|when|in which year|within what time)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    r"thousand|million|billion|half|dozens?|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|honderd|"
    r"duizend|miljoen|miljard|helft|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|januari|februari|maart|mei|juni|juli|augustus|oktober)\b",
    re.IGNORECASE,
)
#: Sentence embeddings kept in memory (keyed by embedder and text), so follow-ups and repeats are cheap.
EMBED_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about: alternatives (each a list of per-word key sets) and a weight."""

    alternatives: tuple[tuple[frozenset[str], ...], ...]
    weight: float = 1.0
    region: str | None = None
    essential: bool = False  # a named entity: must occur in the evidence for the question to be answerable

    def found_in(self, sentence_keys: set[str]) -> bool:
        return any(all(word & sentence_keys for word in alt) for alt in self.alternatives)


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    support: float
    semantic: float
    lexical: float


def _phrase(text: str) -> tuple[frozenset[str], ...]:
    return tuple(keys(w) for w in content_words(text))


def _capitalised(question: str) -> set[str]:
    """Folded words written with a capital inside the question (names, acronyms); the first word is skipped."""
    first = len(question) - len(question.lstrip())
    return {w for m in _CAPITALISED.finditer(question) if m.start() != first for w in words(m.group(0))}


def question_concepts(question: str) -> list[Concept]:
    """Concepts of a question: glossary phrases (with translations) and remaining content words."""
    from assistant.retrieve.glossary import default_glossary, reverse_glossary, tokenize

    tokens = tokenize(question)
    names = _capitalised(question)
    taken = [False] * len(tokens)
    concepts: list[Concept] = []

    def add(alternatives, span_tokens: list[str]) -> None:
        regions = find_regions(" ".join(span_tokens))
        region = regions[0] if regions else None
        weight = REGION_CONCEPT_WEIGHT if region else 1.0
        essential = region is not None or any(t in names for t in span_tokens)
        concepts.append(Concept(tuple(alternatives), weight, region, essential))

    for glossary in (default_glossary(), reverse_glossary()):
        for match in glossary.matches(question):
            span = range(match.start, match.end)
            if any(taken[i] for i in span):
                continue
            for i in span:
                taken[i] = True
            if match.entry.is_stop:
                continue
            alternatives = [_phrase(match.entry.dutch), *(_phrase(t) for t in match.entry.english)]
            alternatives = [a for a in alternatives if a]
            if alternatives:
                add(alternatives, tokens[match.start:match.end])
    for i, token in enumerate(tokens):
        if taken[i]:
            continue
        content = content_words(token)
        if content:
            add([(keys(content[0]),)], [token])
    return concepts


def evidence_coverage(concepts: Sequence[Concept], hits: Sequence[SearchHit]) -> tuple[float, list[Concept]]:
    """How much of the question the retrieved chunks (text, title, section, region tags) cover, 0..1 (see
    ENTITY_FLOOR / COMMON_FLOOR), and the concepts they never mention."""
    if not concepts:
        return 1.0, []
    evidence: set[str] = set()
    regions: set[str] = set()
    for hit in hits:
        evidence |= key_set(" ".join(filter(None, (hit.text, hit.title, hit.section))))
        for region in hit.regions:
            regions |= expand(region)
    missing = [c for c in concepts if not (c.found_in(evidence) or (c.region is not None and c.region in regions))]

    def share(group: list[Concept]) -> float:
        return 1.0 if not group else 1.0 - sum(1 for c in group if c in missing) / len(group)

    entities = [c for c in concepts if c.essential]
    common = [c for c in concepts if not c.essential]
    coverage = (ENTITY_FLOOR + (1 - ENTITY_FLOOR) * share(entities)) * (COMMON_FLOOR + (1 - COMMON_FLOOR) * share(common))
    return coverage, missing


def lexical_support(concepts: Sequence[Concept], sentence_keys: set[str], chunk_regions: set[str]) -> float:
    total = sum(c.weight for c in concepts)
    if total == 0:
        return 0.0
    found = sum(c.weight for c in concepts
                if c.found_in(sentence_keys) or (c.region is not None and c.region in chunk_regions))
    return found / total


class EmbeddingCache:
    """LRU cache of sentence embeddings for one embedder."""

    def __init__(self, size: int = EMBED_CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    def embed(self, embedder, texts: Sequence[str]) -> np.ndarray:
        name = getattr(embedder, "name", type(embedder).__name__)
        missing = [t for t in dict.fromkeys(texts) if (name, t) not in self._items]
        if missing:
            vectors = embedder.embed_documents(list(missing))
            for text, vector in zip(missing, vectors, strict=True):
                self._items[(name, text)] = np.asarray(vector, dtype=np.float32)
        out = []
        for text in texts:
            self._items.move_to_end((name, text))
            out.append(self._items[(name, text)])
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        if not out:
            return np.zeros((0, int(getattr(embedder, "dim", 0))), dtype=np.float32)
        return np.stack(out)


_CACHE = EmbeddingCache()


def embed_sentences(embedder, texts: Sequence[str]) -> np.ndarray:
    """Sentence vectors through the shared cache."""
    return _CACHE.embed(embedder, texts)



def semantic_scale(cosine: np.ndarray, embedder_name: str = "use-m") -> np.ndarray:
    """Cosine rescaled to 0..1 with the embedder's floor and ceiling."""
    if embedder_name in SEMANTIC_SCALES:
        floor, ceil = SEMANTIC_SCALES[embedder_name]
    elif embedder_name.startswith("st-"):
        floor, ceil = ST_SEMANTIC_SCALE
    else:
        floor, ceil = DEFAULT_SEMANTIC_SCALE
    return np.clip((cosine - floor) / (ceil - floor), 0.0, 1.0)


def query_vectors(question: str, embedder) -> np.ndarray:
    """The question's vectors: as asked, and (when the glossary knows its words) with the other language's terms
    appended, so "persvrijheid" also meets "press freedom" in the multilingual embedding space."""
    from assistant.retrieve.glossary import expand_query_bilingual

    texts = [question]
    extra = expand_query_bilingual(question)
    if extra:
        texts.append(f"{question} {extra}")
    if hasattr(embedder, "embed_queries"):
        vectors = embedder.embed_queries(texts)
    else:
        vectors = [embedder.embed_query(t) for t in texts]
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@dataclass
class Evidence:
    """The scored sentences of the retrieved chunks (best first) and how much of the question they cover."""

    scored: list[Scored]
    coverage: float
    missing: list[Concept]

    @property
    def best(self) -> float:
        return self.scored[0].support if self.scored else 0.0


def score_sentences(question: str, hits: Sequence[SearchHit], embedder) -> Evidence:
    """Every quotable sentence of the hits with its support for the question, best first.

    Support is scaled by the evidence coverage, so passages that never mention what the question is about (a
    country, a named programme) cannot carry an answer however similar they sound.
    """
    concepts = question_concepts(question)
    coverage, missing = evidence_coverage(concepts, hits)
    sentences = [s for i, hit in enumerate(hits) for s in split_chunk(hit.text, i)]
    if not sentences:
        return Evidence([], coverage, missing)
    s_vecs = _CACHE.embed(embedder, [s.display for s in sentences])
    cosine = (s_vecs @ query_vectors(question, embedder).T).max(axis=1)
    semantic = semantic_scale(cosine, getattr(embedder, "name", ""))
    chunk_regions = [set().union(*(expand(r) for r in h.regions)) if h.regions else set() for h in hits]
    context_keys = [key_set(" ".join(filter(None, (h.title, h.section)))) for h in hits]
    entities = [c for c in concepts if c.essential]
    wants_number = bool(_QUANTITY_QUESTION.search(question))
    scored = []
    for sentence, sem in zip(sentences, semantic, strict=True):
        sentence_keys = key_set(sentence.text)
        lex = lexical_support(concepts, sentence_keys, chunk_regions[sentence.hit])
        prior = 1.0 / (1.0 + sentence.hit)
        support = (SEMANTIC_WEIGHT * float(sem) + LEXICAL_WEIGHT * lex + RANK_WEIGHT * prior) * coverage
        if not sentence.complete:
            support *= FRAGMENT_PENALTY
        if _META.search(sentence.text):
            support *= META_PENALTY
        if wants_number and not _NUMBER.search(sentence.text):
            support *= NO_NUMBER_PENALTY
        if entities:
            here = sentence_keys | context_keys[sentence.hit]
            absent = sum(1 for c in entities
                         if not (c.found_in(here) or (c.region is not None and c.region in chunk_regions[sentence.hit])))
            support *= 1.0 - (1.0 - ENTITY_MISSING_PENALTY) * absent / len(entities)
        scored.append(Scored(sentence, round(support, 4), round(float(sem), 4), round(lex, 4)))
    scored.sort(key=lambda s: (-s.support, s.sentence.hit, s.sentence.start))
    return Evidence(scored, coverage, missing)
