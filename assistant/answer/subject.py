"""Is a retrieved passage about what the question asks about?

Three checks per retrieved chunk, on its context (text, title, section, publisher, region tags):

- **regions**: every country or region the question names occurs (tags, or the name in the text). The publisher
  counts only beside another named region ("het Amerikaanse rapport over Taiwan": a U.S. report that is about
  Taiwan), so a question about the United States is not answered by every U.S. State Department report.
- **names**: every other name the question writes with a capital (an organisation, a law, a programme, an
  acronym) occurs. Capitalised words that belong together ("Human Rights Watch", "Transparency International")
  form one run; the run is found when its rarest word is (spelled alike, with the same stem or a long common
  prefix), or its initials ("HRW"). Rarity is counted per document language, and a run none of whose words occurs
  in documents of the chunk's language cannot be checked there (the Dutch "OVSE" against an English report). A
  name no document mentions at all, in an English question, means the sources do not cover it.
- **years**: every year the question names occurs, or the chunk belongs to an annual report about that year
  ("Report 2013" covers 2012).

Beside these hard checks, :func:`subject_coverage` weighs the question's other concepts by how rare they are in
the corpus (inverse document frequency, as in BM25): a chunk about the *afwegingskompas* covers "Wat zegt het
afwegingskompas over mensenrechten?" far better than a country report about human rights does.
"""

from __future__ import annotations

import math
import re
import threading
from functools import lru_cache
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.sentences import Terms, content_words, keys, terms, words
from assistant.models import SearchHit
from assistant.regions import ALL as ALL_REGIONS
from assistant.regions import expand, find_regions
from assistant.text import fold

#: Two names match on a common prefix of at least this many letters that leaves at most NAME_SUFFIX_SLACK
#: letters of the shorter word ("syriers" / "syrians", "tibetanen" / "tibetans").
NAME_MIN_PREFIX = 4
NAME_SUFFIX_SLACK = 3
#: Coverage of a chunk in which none of the question's concepts can be looked for (another language, no
#: translation) while other chunks can be: neither on nor off the subject.
UNKNOWN_COVERAGE = 0.5
#: A title with one of these words is an annual report: its year and the year before count as mentioned.
_REPORT_TITLE = re.compile(r"\b(?:report|reports|rapport|jaarverslag|jaarrapport)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
_CAPITAL_WORD = re.compile(r"(?<![\w-])[A-ZÀ-Ý][\w]*")
#: A name word found in a chunk identifies the whole run ("Guantánamo" for "Guantánamo Bay") when it occurs in at
#: most this share of the chunks of that language; common words ("International", "Act") do not.
RARE_NAME_SHARE = 0.01


@dataclass(frozen=True)
class CorpusStats:
    """Per document language: how many chunks hold each match key (stems, for concepts) and each folded word
    (for names, which are matched as written)."""

    key_df: dict[str, Counter]
    word_df: dict[str, Counter]
    chunks: dict[str, int]

    @property
    def total(self) -> int:
        return max(1, sum(self.chunks.values()))

    def _key_count(self, key: str, lang: str | None) -> int:
        tables = [self.key_df.get(lang, Counter())] if lang else list(self.key_df.values())
        return sum(t.get(key, 0) for t in tables)

    def word_count(self, word: str, lang: str | None = None) -> int:
        tables = [self.word_df.get(lang, Counter())] if lang else list(self.word_df.values())
        return sum(t.get(word, 0) for t in tables)

    def concept_df(self, concept, lang: str | None = None, *, stems_only: bool = False) -> int:
        """Chunks holding the concept (approximately: its best alternative, that alternative's rarest word);
        ``stems_only``: without the loose cognate-prefix keys."""
        def word(keys_: frozenset[str]) -> int:
            return max((self._key_count(k, lang) for k in keys_ if not (stems_only and k.startswith("~"))),
                       default=0)

        return max((min((word(w) for w in alt), default=0) for alt in concept.alternatives), default=0)

    def idf(self, concept) -> float:
        return math.log(1.0 + self.total / (1.0 + self.concept_df(concept)))


_STATS: dict[tuple, CorpusStats] = {}
_STATS_LOCK = threading.Lock()


def _chunks(searcher, hits: Sequence[SearchHit]) -> tuple[tuple, list]:
    """Every indexed chunk (or the hits, when the searcher cannot list its chunks), with a cache key that changes
    when the index does."""
    listing = getattr(searcher, "all_chunks", None)
    chunks = listing() if callable(listing) else getattr(searcher, "chunks", None)
    if chunks:
        return (id(searcher), len(chunks), chunks[0].chunk_id, chunks[-1].chunk_id), list(chunks)
    return ("hits", tuple(h.chunk_id for h in hits)), list(hits)


def _word_forms(text: str) -> set[str]:
    """Folded words of a text, and the parts of hyphenated ones ("co2-uitstoot" also gives "co2")."""
    out = set(words(text))
    out |= {part for word in out if "-" in word for part in word.split("-") if part}
    return out


def corpus_stats(searcher, hits: Sequence[SearchHit]) -> CorpusStats:
    """Document frequencies over the whole index, computed once per index state (about 2 s for 2,800 chunks)."""
    key, chunks = _chunks(searcher, hits)
    with _STATS_LOCK:
        cached = _STATS.get(key)
        if cached is not None:
            return cached
        key_df: dict[str, Counter] = {}
        word_df: dict[str, Counter] = {}
        counts: Counter = Counter()
        for chunk in chunks:
            lang = getattr(chunk, "language", "en") or "en"
            counts[lang] += 1
            folded = _word_forms(chunk.text)
            word_df.setdefault(lang, Counter()).update(folded)
            chunk_keys: set[str] = set()
            for word in folded:
                if len(word) > 1 and not word.isdigit():
                    chunk_keys |= keys(word)
            key_df.setdefault(lang, Counter()).update(chunk_keys)
        stats = CorpusStats(key_df, word_df, dict(counts))
        if key[0] != "hits":
            _STATS.clear()  # one index at a time; a rebuilt index replaces the old statistics
        _STATS[key] = stats
        return stats


def _report_years(title: str) -> set[str]:
    if not _REPORT_TITLE.search(title or ""):
        return set()
    years = set()
    for year in _YEAR.findall(title):
        years |= {year, str(int(year) - 1)}
    return years


@dataclass(frozen=True)
class ChunkContext:
    """What a retrieved chunk is about: match terms, words, regions and years of its text and metadata."""

    terms: Terms
    words: frozenset[str]
    regions: frozenset[str]
    publisher_regions: frozenset[str]
    years: frozenset[str]
    language: str = "en"
    name_words: frozenset[str] = frozenset()  # folded words written with a capital (names as they occur)
    name_keys: frozenset[str] = frozenset()


_CONTEXTS: OrderedDict[tuple, ChunkContext] = OrderedDict()
_CONTEXTS_LOCK = threading.Lock()
#: Chunk contexts kept in memory (the same chunks come back for related questions).
CONTEXT_CACHE_SIZE = 2048


def chunk_context(hit: SearchHit) -> ChunkContext:
    """The context of a retrieved chunk (cached by chunk id and content)."""
    key = (hit.chunk_id, hash(hit.text), hit.title, hit.section, hit.publisher, tuple(hit.regions), hit.language)
    with _CONTEXTS_LOCK:
        if key in _CONTEXTS:
            _CONTEXTS.move_to_end(key)
            return _CONTEXTS[key]
    context = _chunk_context(hit)
    with _CONTEXTS_LOCK:
        _CONTEXTS[key] = context
        while len(_CONTEXTS) > CONTEXT_CACHE_SIZE:
            _CONTEXTS.popitem(last=False)
    return context


def _chunk_context(hit: SearchHit) -> ChunkContext:
    own = " ".join(filter(None, (hit.text, hit.title, hit.section)))
    regions = set().union(*(expand(r) for r in hit.regions)) if hit.regions else set()
    for slug in find_regions(own):
        regions |= expand(slug)
    publisher_regions = set()
    for slug in find_regions(hit.publisher or ""):
        publisher_regions |= expand(slug)
    context = f"{own} {hit.publisher or ''}"
    years = set(_YEAR.findall(context)) | _report_years(hit.title)
    names = {fold(m.group(0)) for m in _CAPITAL_WORD.finditer(context)}
    name_keys = set()
    for name in names:
        name_keys |= keys(name)
    return ChunkContext(terms(context), frozenset(_word_forms(context)), frozenset(regions),
                        frozenset(publisher_regions), frozenset(years), hit.language or "en", frozenset(names),
                        frozenset(name_keys))


@lru_cache(maxsize=256)
def _region_pattern(slug: str) -> re.Pattern[str]:
    region = ALL_REGIONS[slug]
    names = sorted({fold(region.name_nl), fold(region.name_en), *region.aliases}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in names)})(?![\w-])")


def mentioned_regions(slugs: Sequence[str], text: str) -> set[str]:
    """Which of the given regions the text names (by any name or alias; abbreviations are left out) - cheaper than
    looking for every region of the gazetteer."""
    folded = fold(text)
    return {slug for slug in slugs if slug in ALL_REGIONS and _region_pattern(slug).search(folded)}


def regions_found(regions: Sequence[str], context: ChunkContext) -> bool:
    """Every named region in the chunk; the publisher's region only beside another one found in the chunk."""
    if not regions:
        return True
    own = [r for r in regions if r in context.regions]
    rest = [r for r in regions if r not in context.regions]
    return not rest or (bool(own) and all(r in context.publisher_regions for r in rest))


def _name_matches(name: str, candidates: frozenset[str]) -> bool:
    for word in candidates:
        if word == name:
            return True
        prefix = 0
        for a, b in zip(word, name):
            if a != b:
                break
            prefix += 1
        if prefix >= NAME_MIN_PREFIX and prefix >= min(len(word), len(name)) - NAME_SUFFIX_SLACK:
            return True
    return False


@dataclass(frozen=True)
class NameRun:
    """Capitalised words of the question that belong together ("Human Rights Watch"), region names left out, with
    the concept (glossary translations) of each word and the run's initials ("hrw")."""

    words: tuple[str, ...]
    concepts: tuple
    acronym: str


_CONNECTORS = frozenset({"of", "van", "de", "der", "for", "and", "en", "the", "voor", "(", ")", "&"})


def name_runs(question: str, concepts) -> list[NameRun]:
    """The question's runs of capitalised words (the first word excepted), joined over "of", "van", "and" ...
    Hyphenated words count by their capitalised parts ("EU-lidstaten" -> "EU")."""
    by_name = {n: c for c in concepts if c.is_name for n in c.names}
    region_words = {n for c in concepts if c.region for n in c.names}
    runs: list[list[str]] = []
    current: list[str] = []
    first = True
    for m in re.finditer(r"[^\s]+", question):
        token = m.group(0).strip(".,;:!?\"“”()")
        parts = [p for p in re.split(r"[-'’]", token) if p]
        capital = [p for p in parts if p[:1].isupper()]
        if first:
            first = False
            capital = []
        names = [w for p in capital for w in content_words(p) if w in by_name and w not in region_words]
        if names:
            current.extend(names)
        elif token.lower() in _CONNECTORS and current:
            continue
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        run_words = tuple(dict.fromkeys(run))
        out.append(NameRun(run_words, tuple(by_name[w] for w in run_words), "".join(w[0] for w in run_words)))
    return out


def _word_found(word: str, concept, context: ChunkContext) -> bool:
    return concept.found_in(context.name_keys) or _name_matches(word, context.name_words)


def run_found(run: NameRun, context: ChunkContext, stats: CorpusStats) -> bool:
    """A name run is in the chunk when all its words are (as capitalised words, with glossary translations, stems or
    a long common prefix), or one of its rare words is (RARE_NAME_SHARE), or its initials are ("HRW"). Only words
    that occur in documents of the chunk's language count; a run with none cannot be checked there (a Dutch name
    against an English report) and passes."""
    lang = context.language
    checkable_words = [(w, c) for w, c in zip(run.words, run.concepts)
                       if stats.word_count(w, lang) > 0 or stats.concept_df(c, lang) > 0]
    if not checkable_words:
        return True
    if len(run.words) > 1 and run.acronym in context.words:
        return True
    found = [(w, c) for w, c in checkable_words if _word_found(w, c, context)]
    if len(found) == len(checkable_words):
        return True
    rare = RARE_NAME_SHARE * max(1, stats.chunks.get(lang, 0))
    return any(stats.word_count(w, lang) <= rare for w, _ in found)


def unknown_runs(runs: Sequence[NameRun], stats: CorpusStats) -> list[str]:
    """Runs of which no word occurs in any document (for English questions: the sources never mention them)."""
    return [" ".join(r.words) for r in runs
            if all(stats.word_count(w) == 0 and stats.concept_df(c, stems_only=True) == 0
                   for w, c in zip(r.words, r.concepts))]


def years_found(years, context: ChunkContext) -> bool:
    return all(y in context.years for y in years)


def subject_coverage(concepts, context: ChunkContext, stats: CorpusStats, found_anywhere: set[int],
                     question_lang: str) -> float:
    """IDF-weighted share of the question's content concepts (those found in some retrieved chunk) that this
    chunk holds. In a chunk of another language than the question only concepts with a translation count (an
    untranslated Dutch word can never occur in an English report): UNKNOWN_COVERAGE when none does there, 1.0
    when no concept counts anywhere."""
    usable = {i for i in found_anywhere
              if context.language == question_lang or len(concepts[i].alternatives) > 1}
    weights = {i: stats.idf(concepts[i]) for i in usable}
    total = sum(weights.values())
    if total <= 0:
        return UNKNOWN_COVERAGE if found_anywhere else 1.0
    return sum(w for i, w in weights.items() if concepts[i].found_in(context.terms)) / total


def question_names(question: str) -> set[str]:
    """Folded content words the question writes with a capital (not its first word), hyphenated parts apart."""
    first = len(question) - len(question.lstrip())
    out = set()
    for m in re.finditer(r"[^\W\d_][\w'’-]*", question):
        if m.start() == first:
            continue
        for part in re.split(r"[-'’]", m.group(0)):
            if part[:1].isupper():
                out.update(content_words(part))
    return out
