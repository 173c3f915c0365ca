"""How well each sentence of the retrieved chunks supports a question.

support = SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical + RANK_WEIGHT * rank prior, each part in 0..1:

- semantic: cosine between question and sentence embeddings (the multilingual index embedder, so a Dutch question
  meets an English sentence; the best of the question as asked and the question plus its glossary translation),
  rescaled from the embedder's [floor, ceiling] (SEMANTIC_SCALES) to [0, 1];
- lexical: the share of the question's concepts found in the sentence. A concept is a content word or a glossary
  phrase of the question with its translations (Dutch -> English and back, ``assistant.retrieve.glossary``),
  matched on Dutch/English stems (a phrase only where its words stand together); a region concept also counts
  when the chunk is tagged with that region or the sentence names it;
- rank prior: 1 / (1 + rank of the chunk), a small nudge towards what the retriever ranked first.

The sum is then multiplied by the evidence coverage, by the chunk's IDF-weighted coverage of the question's
concepts (SUBJECT_FLOOR), and by penalties: a sentence cut by a chunk edge, a sentence about the document itself,
a sentence without an answer of the asked kind (UNTYPED_PENALTY, :mod:`assistant.answer.question`), a chunk that
is not about the question's countries, names and years (OFF_SUBJECT_PENALTY, :mod:`assistant.answer.subject`).
The weights were tuned on real questions over the shared corpus (see tests/integration/test_answer_real_corpus.py);
the penalties and the thresholds of :mod:`assistant.answer.answerability` on the dev split of eval/questions.jsonl.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.answer.sentences import Sentence, Terms, content_words, keys, split_chunk, terms
from assistant.answer.question import QuestionProfile, has_answer, profile
from assistant.answer.subject import (CorpusStats, chunk_context, corpus_stats, mentioned_regions, name_runs,
                                      question_names, regions_found, run_found, subject_coverage, unknown_runs,
                                      years_found)
from assistant.models import SearchHit
from assistant.regions import ALL as ALL_REGIONS
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
#: Longest region name looked for in a question, in tokens ("democratic people's republic of korea").
REGION_MAX_TOKENS = 5
#: "de provincie" / "the province" mean Noord-Brabant (assistant.regions), unless a name follows.
_NAMED_PROVINCE = re.compile(r"\b(?:de\s+provincie|the\s+province|provincie|province)\s+(?:of\s+|van\s+)?[A-Z]")
_HOME_ALIASES = frozenset({"de provincie", "the province", "provincie", "province"})
_HOME_ALIAS = re.compile(r"\b(?:de provincie|the province|provincie|province)\b")
#: Evidence coverage = (ENTITY_FLOOR + (1 - ENTITY_FLOOR) x share of the question's named entities found in the
#: retrieved chunks) x (COMMON_FLOOR + (1 - COMMON_FLOOR) x share of its other concepts found). Named entities
#: (regions, capitalised words) decide: a question about Peru is not answered by passages that never name Peru.
#: Common words matter less: a Dutch question's words often have no translation in the glossary.
ENTITY_FLOOR = 0.2
COMMON_FLOOR = 0.5
#: Support of a sentence cut by a chunk edge (does not start or end like a sentence) is multiplied by this.
FRAGMENT_PENALTY = 0.8
#: Support of a sentence about the document itself ("Nu informeer ik uw Kamer ...", "this report") is multiplied
#: by this: such sentences share the question's words but rarely answer it.
META_PENALTY = 0.7
_META = re.compile(
    r"\b(?:uw kamer|deze brief|informeer ik|geachte|hoogachtend|hieronder|hierboven|zie ook|"
    r"this report|this section|see (?:the|also|section)|for more information)\b"
    r"|\b[A-Z]{3}\s\d{2}/\d{3}/\d{4}\b",  # a publication's index code: a list of documents, not a finding
    re.IGNORECASE,
)
#: Support of a sentence in a chunk that is not about the question's subject (a named country, organisation or
#: year missing: see assistant.answer.subject) is multiplied by this. Such sentences are never quoted either.
OFF_SUBJECT_PENALTY = 0.5
#: Support of a sentence without an answer of the asked kind (no number for "hoeveel", no date for "wanneer", no
#: name for "wie": assistant.answer.question) is multiplied by this: it cannot state the asked-for fact.
UNTYPED_PENALTY = 0.6
#: Support is multiplied by SUBJECT_FLOOR + (1 - SUBJECT_FLOOR) x the chunk's IDF-weighted coverage of the
#: question's concepts (assistant.answer.subject.subject_coverage): a sentence from the chunk about the rare
#: subject ("afwegingskompas") beats a similar-sounding one from a chunk about a common word ("human rights").
SUBJECT_FLOOR = 0.5
#: A translated concept that no chunk about the question's regions and names holds still counts against them when
#: at most this share of all chunks hold it (it is what the question is about: "economic growth"); a common one
#: ("criticism", in 7% of the chunks) is more likely the question's framing.
RARE_SUBJECT_SHARE = 0.02
#: Sentence embeddings kept in memory (keyed by embedder and text), so follow-ups and repeats are cheap.
EMBED_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about: alternatives (each a list of per-word key sets) and a weight."""

    alternatives: tuple[tuple[frozenset[str], ...], ...]
    weight: float = 1.0
    region: str | None = None
    essential: bool = False  # a named entity: must occur in the evidence for the question to be answerable
    names: tuple[str, ...] = ()  # the folded capitalised words of the question this concept stands for

    def found_in(self, text: Terms | set[str] | frozenset[str]) -> bool:
        """In a text's terms (phrases where their words stand together), or in a bare key set (any order)."""
        if isinstance(text, Terms):
            return any(text.has(alt) for alt in self.alternatives)
        return any(all(word & text for word in alt) for alt in self.alternatives)

    @property
    def is_name(self) -> bool:
        return self.essential and self.region is None


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    support: float
    semantic: float
    lexical: float
    typed: bool = True  # holds an answer of the kind the question asks for (a number, a date, a name, ...)


def _phrase(text: str) -> tuple[frozenset[str], ...]:
    return tuple(keys(w) for w in content_words(text))


def _token_regions(token: str, question: str) -> list[str]:
    """Regions a question token names; abbreviations match in their original case ("EU", "VS", "UK")."""
    found = find_regions(token)
    if not found and token.upper() in question:
        found = find_regions(token.upper())
    return found


def question_concepts(question: str) -> list[Concept]:
    """Concepts of a question: glossary phrases (with translations) and remaining content words. A glossary match
    made only of stopwords ("can" as a form of "caning") is not a concept."""
    from assistant.retrieve.glossary import default_glossary, reverse_glossary, tokenize

    tokens = tokenize(question)
    names = question_names(question)
    taken = [False] * len(tokens)
    concepts: list[Concept] = []
    named_province = _NAMED_PROVINCE.search(question)  # "de provincie Atjeh" is not the asker's own province
    for n in range(1, REGION_MAX_TOKENS + 1):  # region names first, shortest span that names a region
        for i in range(len(tokens) - n + 1):
            if any(taken[i:i + n]):
                continue
            span = tokens[i:i + n]
            if named_province and " ".join(span) in _HOME_ALIASES:
                continue
            text = " ".join(span)
            if named_province:
                text = _HOME_ALIAS.sub(" ", text)
            found = [r for t in span for r in _token_regions(t, question)] if n == 1 else find_regions(text)
            if found:
                region = ALL_REGIONS[found[0]]
                alternatives = [a for a in (_phrase(region.name_nl), _phrase(region.name_en), _phrase(" ".join(span)))
                                if a]
                concepts.append(Concept(tuple(dict.fromkeys(alternatives)), REGION_CONCEPT_WEIGHT, found[0], True,
                                        tuple(t for t in span if t in names)))
                taken[i:i + n] = [True] * n

    def add(alternatives, span_tokens: list[str]) -> None:
        span_names = tuple(t for t in span_tokens if t in names)
        concepts.append(Concept(tuple(alternatives), 1.0, None, bool(span_names), span_names))

    for glossary in (default_glossary(), reverse_glossary()):
        for match in glossary.matches(question):
            span = range(match.start, match.end)
            if any(taken[i] for i in span):
                continue
            if not match.entry.is_stop and not content_words(" ".join(tokens[match.start:match.end])):
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


def evidence_coverage(concepts: Sequence[Concept], hits: Sequence[SearchHit],
                      contexts: Sequence | None = None) -> tuple[float, list[Concept]]:
    """How much of the question the retrieved chunks (text, title, section, publisher, region tags and region names)
    cover, 0..1 (see ENTITY_FLOOR / COMMON_FLOOR), and the concepts they never mention."""
    if not concepts:
        return 1.0, []
    contexts = contexts if contexts is not None else [chunk_context(h) for h in hits]
    regions: set[str] = set()
    for ctx in contexts:
        regions |= ctx.regions | ctx.publisher_regions
    missing = [c for c in concepts if not (any(c.found_in(ctx.terms) for ctx in contexts)
                                           or (c.region is not None and c.region in regions))]

    def share(group: list[Concept]) -> float:
        return 1.0 if not group else 1.0 - sum(1 for c in group if c in missing) / len(group)

    entities = [c for c in concepts if c.essential]
    common = [c for c in concepts if not c.essential]
    coverage = (ENTITY_FLOOR + (1 - ENTITY_FLOOR) * share(entities)) * (COMMON_FLOOR + (1 - COMMON_FLOOR) * share(common))
    return coverage, missing


def lexical_support(concepts: Sequence[Concept], sentence: Terms | set[str], chunk_regions: set[str],
                    sentence_regions: set[str] | None = None) -> float:
    """Weighted share of the question's concepts in the sentence; a region also counts when the chunk is tagged
    with it or the sentence names it by another name ("Brainport" for Noord-Brabant)."""
    total = sum(c.weight for c in concepts)
    if total == 0:
        return 0.0
    here = chunk_regions | (sentence_regions or set())
    found = sum(c.weight for c in concepts if c.found_in(sentence) or (c.region is not None and c.region in here))
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
    """The scored sentences of the retrieved chunks (best first) and how much of the question they cover, plus what
    the answerability decision needs: the question's profile, per chunk whether it is about the question's subject
    and how well it covers it, and the names no document of the corpus mentions."""

    scored: list[Scored]
    coverage: float
    missing: list[Concept]
    profile: QuestionProfile | None = None
    on_subject: list[bool] = field(default_factory=list)
    subject: list[float] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)

    @property
    def best(self) -> float:
        return self.scored[0].support if self.scored else 0.0

    def admissible(self, item: Scored) -> bool:
        """Sentence from a chunk about the question's subject (all when the checks did not run)."""
        hit = item.sentence.hit
        return self.on_subject[hit] if hit < len(self.on_subject) else True


def score_sentences(question: str, hits: Sequence[SearchHit], embedder, *, stats: CorpusStats | None = None,
                    lang: str = "nl") -> Evidence:
    """Every quotable sentence of the hits with its support for the question, best first.

    Support is scaled by the evidence coverage, so passages that never mention what the question is about (a
    country, a named programme) cannot carry an answer however similar they sound; by the chunk's coverage of the
    question's rarer concepts; and it is lowered for sentences without an answer of the asked kind. ``stats``:
    document frequencies of the whole index (:func:`assistant.answer.subject.corpus_stats`); without them the
    retrieved chunks stand in for the corpus. ``lang``: the question's language ("nl"/"en").
    """
    concepts = question_concepts(question)
    prof = profile(question)
    stats = stats or corpus_stats(None, hits)
    contexts = [chunk_context(h) for h in hits]
    runs = name_runs(question, concepts)
    unknown = unknown_runs(runs, stats) if lang == "en" else []
    coverage, missing = evidence_coverage([c for c in concepts if not c.is_name], hits, contexts)
    regions = list(dict.fromkeys(c.region for c in concepts if c.region))
    named = [regions_found(regions, ctx) and all(run_found(run, ctx, stats) for run in runs) for ctx in contexts]
    on_subject = [ok and years_found(prof.years, ctx) for ok, ctx in zip(named, contexts)]
    content = [c for c in concepts if not c.essential]
    # what the chunks about the right country and names hold decides which concepts tell them apart
    about = [ctx for ctx, ok in zip(contexts, named) if ok] or contexts
    # ... and a rare translated concept that none of them holds ("economische groei" in reports on Vietnam) too
    rare = RARE_SUBJECT_SHARE * stats.total
    anywhere = {i for i, c in enumerate(content) if any(c.found_in(ctx.terms) for ctx in about)
                or (len(c.alternatives) > 1 and stats.concept_df(c) <= rare)}
    subject = [subject_coverage(content, ctx, stats, anywhere, lang) for ctx in contexts]
    sentences = [s for i, hit in enumerate(hits) for s in split_chunk(hit.text, i)]
    if not sentences:
        return Evidence([], coverage, missing, prof, on_subject, subject, unknown)
    s_vecs = _CACHE.embed(embedder, [s.display for s in sentences])
    cosine = (s_vecs @ query_vectors(question, embedder).T).max(axis=1)
    semantic = semantic_scale(cosine, getattr(embedder, "name", ""))
    chunk_regions = [set().union(*(expand(r) for r in h.regions)) if h.regions else set() for h in hits]
    scored = []
    for sentence, sem in zip(sentences, semantic, strict=True):
        h = sentence.hit
        named_here = mentioned_regions(regions, sentence.text)
        lex = lexical_support(concepts, terms(sentence.text), chunk_regions[h], named_here)
        prior = 1.0 / (1.0 + h)
        support = (SEMANTIC_WEIGHT * float(sem) + LEXICAL_WEIGHT * lex + RANK_WEIGHT * prior) * coverage
        support *= SUBJECT_FLOOR + (1.0 - SUBJECT_FLOOR) * subject[h]
        if not sentence.complete:
            support *= FRAGMENT_PENALTY
        if _META.search(sentence.text):
            support *= META_PENALTY
        typed = has_answer(sentence.text, prof)
        if not typed:
            support *= UNTYPED_PENALTY
        if not on_subject[h]:
            support *= OFF_SUBJECT_PENALTY
        scored.append(Scored(sentence, round(support, 4), round(float(sem), 4), round(lex, 4), typed))
    scored.sort(key=lambda s: (-s.support, s.sentence.hit, s.sentence.start))
    return Evidence(scored, coverage, missing, prof, on_subject, subject, unknown)
