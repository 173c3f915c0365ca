"""Dutch -> English query glossary for the lexical (BM25) side of retrieval.

Officers ask in Dutch about English reports. BM25 only matches words, so a Dutch question ("Hoe staat het met de
persvrijheid in China?") would find nothing in an English State Department report. This module finds the Dutch
domain words and phrases in a query and returns their English equivalents ("press freedom; freedom of the press;
media freedom"), which the retriever adds to the BM25 query.

Matching is accent- and case-insensitive and takes the longest phrase first ("vrijheid van meningsuiting" before
"vrijheid"). Simple Dutch inflection is undone (plural -en/-s/-eren, -heden -> -heid, adjective -e, with the
spelling changes those bring: wetten -> wet, bedrijven -> bedrijf, zaken -> zaak), a Snowball Dutch stemmer
(PyStemmer) catches the rest, and unknown compounds are split into glossary words
("persvrijheidsbeperkingen" -> persvrijheid + beperking). Question and function words (domain ``stop``) are
consumed and produce nothing. Country names from :mod:`assistant.regions` are translated too (Duitsland ->
Germany).

The data lives in ``glossary_nl_en.tsv`` next to this module (columns: dutch, english, domain).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.regions import ALL as REGIONS
from assistant.text import fold

#: The bundled glossary file.
GLOSSARY_PATH = Path(__file__).with_name("glossary_nl_en.tsv")
#: Domain of entries that are dropped from queries (question words, articles, auxiliaries).
STOP_DOMAIN = "stop"
#: Domain given to the country/region names taken from assistant.regions.
REGION_DOMAIN = "region"
#: Separator between English alternatives in the data file.
TERM_SEPARATOR = ";"
#: Columns of the data file, in order.
COLUMNS = ("dutch", "english", "domain")
#: Shortest glossary word accepted as one part of a compound ("zorg", "chip").
MIN_COMPOUND_PART = 4
#: Most parts a compound is split into.
MAX_COMPOUND_PARTS = 3
#: Linking sounds allowed between compound parts ("persvrijheid" + "s" + "beperking").
LINKING_ELEMENTS = ("", "s")
#: De-inflection never leaves a base shorter than this.
MIN_INFLECTED_BASE = 3
#: How well a query token matches a glossary token; among equally long matches the higher total wins.
EXACT, LEMMA, STEM = 2, 1, 0

#: Prefix of Dutch past participles (gemarteld, gearresteerd).
PARTICIPLE_PREFIX = "ge"

_VOWELS = set("aeiouy")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")
_TOKEN = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019`]")
_END = ""  # trie key marking the end of a glossary phrase (never a token: tokens are non-empty)


@dataclass(frozen=True)
class Entry:
    """One glossary line: a Dutch word or phrase and its English terms."""

    dutch: str
    english: tuple[str, ...]
    domain: str

    @property
    def is_stop(self) -> bool:
        return self.domain == STOP_DOMAIN


@dataclass(frozen=True)
class Match:
    """A glossary entry found in a query: tokens ``start:end`` (a compound yields one Match per part)."""

    start: int
    end: int
    entry: Entry


def tokenize(text: str) -> list[str]:
    """Accent-folded, lower-case word tokens; apostrophes are dropped (regio's -> regios), hyphens split."""
    return _TOKEN.findall(_APOSTROPHES.sub("", fold(text)))


def _respell(base: str) -> set[str]:
    """Undo the spelling changes inflection makes to a stripped stem: wett -> wet, bedrijv -> bedrijf,
    huiz -> huis, zak -> zaak (open syllables double their vowel in the base form)."""
    out: set[str] = set()
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        out.add(base[:-1])
    if base.endswith("v"):
        out.add(base[:-1] + "f")
    if base.endswith("z"):
        out.add(base[:-1] + "s")
    if len(base) >= 3 and base[-1] not in _VOWELS and base[-2] in "aeou" and base[-3] not in _VOWELS:
        out.add(base[:-1] + base[-2] + base[-1])
    return out


def lemma_candidates(token: str) -> set[str]:
    """Possible base forms of an inflected Dutch word (the word itself excluded)."""
    out: set[str] = set()

    def add(base: str) -> None:
        if len(base) >= MIN_INFLECTED_BASE:
            out.add(base)
            out.update(_respell(base))

    if token.endswith("heden"):  # minderheden -> minderheid
        out.add(token[:-5] + "heid")
    if token.endswith("eren"):  # kinderen -> kind
        add(token[:-4])
    if token.endswith("en"):  # vakbonden -> vakbond, gevangenen -> gevangene
        add(token[:-2])
        add(token[:-1])
    if token.endswith("s"):  # sancties -> sanctie, regios -> regio
        add(token[:-1])
    if token.endswith("e"):  # willekeurige -> willekeurig, politieke -> politiek
        add(token[:-1])
    if token.endswith(("d", "t")):  # past participles: vervolgd -> vervolg, gemarteld -> martel
        add(token[:-1])
        if token.startswith(PARTICIPLE_PREFIX):
            add(token[len(PARTICIPLE_PREFIX):-1])
    out.discard(token)
    return out


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer
    except ImportError as exc:  # pragma: no cover - PyStemmer is a core dependency
        raise ImportError("The query glossary needs PyStemmer: pip install PyStemmer") from exc
    return Stemmer.Stemmer("dutch")


def _stem(word: str) -> str:
    """Snowball Dutch stem with doubled vowels collapsed, so that the infinitive and the participle meet
    (discrimineren -> discriminer, gediscrimineerd -> discrimineer -> discriminer)."""
    return _DOUBLE_VOWEL.sub(r"\1", _stemmer().stemWord(word))


class Glossary:
    """Longest-match Dutch -> English lookup over a list of entries."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = []
        self._trie: dict = {}
        self._tokens: set[str] = set()  # every token of every key, as written (folded)
        self._by_stem: dict[str, set[str]] = {}
        seen: dict[tuple[str, ...], Entry] = {}
        for entry in entries:
            key = tuple(tokenize(entry.dutch))
            if not key:
                raise ValueError(f"Glossary entry {entry.dutch!r} has no words; fix or remove it.")
            if key in seen:
                raise ValueError(f"Glossary entry {entry.dutch!r} duplicates {seen[key].dutch!r}; keep one.")
            seen[key] = entry
            self.entries.append(entry)
            node = self._trie
            for token in key:
                node = node.setdefault(token, {})
                self._tokens.add(token)
                self._by_stem.setdefault(_stem(token), set()).add(token)
            node[_END] = entry

    def __len__(self) -> int:
        return len(self.entries)

    def _candidates(self, token: str) -> dict[str, int]:
        """Glossary tokens this query token can stand for, with the match quality of each."""
        found: dict[str, int] = {}

        def offer(glossary_token: str, quality: int) -> None:
            if found.get(glossary_token, -1) < quality:
                found[glossary_token] = quality

        if token in self._tokens:
            offer(token, EXACT)
        lemmas = lemma_candidates(token)
        for lemma in lemmas:
            if lemma in self._tokens:
                offer(lemma, LEMMA)
        for glossary_token in self._by_stem.get(_stem(token), ()):  # the token's own stem only: stems of
            offer(glossary_token, STEM)  # guessed lemmas are too loose (mense -> men <- gemeente)
        return found

    def _longest_at(self, cands: list[dict[str, int]], start: int) -> tuple[int, Entry] | None:
        """The best entry starting at token ``start``: longest, then best quality, then content over stop."""
        best: tuple[tuple[int, int, bool], Entry] | None = None
        stack = [(self._trie, start, 0)]
        while stack:
            node, pos, quality = stack.pop()
            if pos >= len(cands):
                continue
            for token, q in cands[pos].items():
                child = node.get(token)
                if child is None:
                    continue
                if _END in child:
                    entry = child[_END]
                    rank = (pos + 1 - start, quality + q, not entry.is_stop)
                    if best is None or rank > best[0]:
                        best = (rank, entry)
                stack.append((child, pos + 1, quality + q))
        return None if best is None else (best[0][0], best[1])

    def _single_word(self, word: str, min_quality: int) -> Entry | None:
        """A one-word content entry for ``word`` (used for compound parts)."""
        best: tuple[int, Entry] | None = None
        for token, quality in self._candidates(word).items():
            entry = self._trie.get(token, {}).get(_END)
            if entry is None or entry.is_stop or quality < min_quality:
                continue
            if best is None or quality > best[0]:
                best = (quality, entry)
        return None if best is None else best[1]

    def split_compound(self, word: str, max_parts: int = MAX_COMPOUND_PARTS) -> list[Entry] | None:
        """Entries whose words make up an unknown compound, longest first part first; None if it does not split.

        >>> [e.dutch for e in default_glossary().split_compound("persvrijheidsbeperkingen")]
        ['persvrijheid', 'beperking']
        """
        if max_parts < 2:
            return None
        for cut in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
            left = self._single_word(word[:cut], LEMMA)
            if left is None:
                continue
            for link in LINKING_ELEMENTS:
                rest = word[cut:]
                if not rest.startswith(link) or len(rest) - len(link) < MIN_COMPOUND_PART:
                    continue
                rest = rest[len(link):]
                right = self._single_word(rest, LEMMA)
                if right is not None:
                    return [left, right]
                deeper = self.split_compound(rest, max_parts - 1)
                if deeper:
                    return [left, *deeper]
        return None

    def matches(self, query: str) -> list[Match]:
        """Glossary entries found in the query, left to right (stop entries included)."""
        tokens = tokenize(query)
        cands = [self._candidates(t) for t in tokens]
        out: list[Match] = []
        pos = 0
        while pos < len(tokens):
            hit = self._longest_at(cands, pos)
            if hit is not None:
                length, entry = hit
                out.append(Match(pos, pos + length, entry))
                pos += length
                continue
            parts = self.split_compound(tokens[pos]) if len(tokens[pos]) >= 2 * MIN_COMPOUND_PART else None
            out.extend(Match(pos, pos + 1, entry) for entry in parts or ())
            pos += 1
        return out

    def translate_terms(self, query: str) -> list[str]:
        """English terms for the Dutch words and phrases in the query, in query order, without duplicates."""
        terms: list[str] = []
        for match in self.matches(query):
            for term in match.entry.english:
                if term not in terms:
                    terms.append(term)
        return terms

    def expand_query(self, query: str) -> str:
        """The English terms as one string for a BM25 query ("" when nothing in the query is in the glossary)."""
        return " ".join(self.translate_terms(query))


def read_entries(path: Path = GLOSSARY_PATH) -> list[Entry]:
    """Parse the glossary data file (tab-separated; ``#`` lines are comments; first other line is the header)."""
    entries: list[Entry] = []
    header_seen = False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{path} line {number}: expected {len(COLUMNS)} tab-separated columns "
                             f"({', '.join(COLUMNS)}), got {len(cells)}; fix the line.")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise ValueError(f"{path} line {number}: the header must be {' / '.join(COLUMNS)}.")
            header_seen = True
            continue
        dutch, english, domain = cells
        terms = tuple(t.strip() for t in english.split(TERM_SEPARATOR) if t.strip())
        if not terms and domain != STOP_DOMAIN:
            raise ValueError(f"{path} line {number}: {dutch!r} has no English term; add one or use domain "
                             f"{STOP_DOMAIN!r} to drop the word.")
        entries.append(Entry(dutch, terms, domain))
    return entries


def region_entries(taken: Iterable[str] = ()) -> list[Entry]:
    """Dutch region names that differ from the English ones (Duitsland -> Germany), skipping keys in ``taken``."""
    taken_keys = {tuple(tokenize(t)) for t in taken}
    out: list[Entry] = []
    for region in REGIONS.values():
        key = tuple(tokenize(region.name_nl))
        if key == tuple(tokenize(region.name_en)) or key in taken_keys:
            continue
        english = [region.name_en]
        slug_name = region.slug.replace("-", " ")
        if tokenize(slug_name) != tokenize(region.name_en):
            english.append(slug_name)  # Türkiye -> also "turkey", as the report file names spell it
        out.append(Entry(region.name_nl, tuple(english), REGION_DOMAIN))
        taken_keys.add(key)
    return out


def load_glossary(path: Path = GLOSSARY_PATH, include_regions: bool = True) -> Glossary:
    """Build a Glossary from a data file, plus the region names unless ``include_regions`` is False."""
    entries = read_entries(path)
    if include_regions:
        entries += region_entries(e.dutch for e in entries)
    return Glossary(entries)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The bundled glossary with region names, loaded once."""
    return load_glossary()


def translate_terms(query: str) -> list[str]:
    """English terms for the Dutch words/phrases in ``query`` (bundled glossary)."""
    return default_glossary().translate_terms(query)


def expand_query(query: str) -> str:
    """English terms for the Dutch words/phrases in ``query``, space-joined, for the BM25 query."""
    return default_glossary().expand_query(query)


@lru_cache(maxsize=1)
def reverse_glossary() -> Glossary:
    """English -> Dutch, from the same data (region names excluded), so English questions reach Dutch text."""
    merged: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for entry in read_entries(GLOSSARY_PATH):
        if entry.is_stop:
            continue
        for term in entry.english:
            key = tuple(tokenize(term))
            if not key:
                continue
            _, dutch = merged.setdefault(key, (term, []))
            if entry.dutch not in dutch:
                dutch.append(entry.dutch)
    return Glossary(Entry(term, tuple(dutch), "reverse") for term, dutch in merged.values())


def expand_query_bilingual(query: str) -> str:
    """Terms in the other language: English for Dutch words, Dutch for English words (space-joined)."""
    english = default_glossary().expand_query(query)
    dutch = reverse_glossary().expand_query(query)
    return " ".join(t for t in (english, dutch) if t)
