"""Retrieval of candidate evidence per compass criterion, shared by the evidence and the LLM proposer.

Each aspect's Dutch and English queries run twice: with ``Filters(region=...)`` (a hard filter: passages about
the region) and without a filter (to find general EU/NL policy evidence). A hit is kept when it concerns the region
(its regions, expanded to macro-regions, include the assessed region - the same semantics as the filter) or when it
is explicitly general (a policy/strategy document, or one tagged only with NL/EU regions); other hits (about
another country) are dropped. For a sub-national region and the criteria of ``subregions.national_documents``,
the country's passages follow the region's own, marked ``national``.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.models import SearchHit
from assistant.regions import ALL, MACROS, Region, country_of, expand, find_regions
from assistant.retrieve.base import Filters


@dataclass
class Passage:
    hit: SearchHit
    general: bool  # True = cited as general (EU/NL policy) evidence, not about the region itself
    aspect: str    # the aspect whose query found it first
    national: bool = False  # a sub-national region: a passage about its country (the national picture)

    def about(self, region: str) -> str:
        """The region the passage speaks about: the region itself, or its country for a national passage."""
        return country_of(region) if self.national else region


def concerns_region(chunk_regions: list[str], region: str) -> bool:
    """True when a chunk tagged with ``chunk_regions`` is about ``region`` (or one of its sub-regions)."""
    tags: set[str] = set()
    for tag in chunk_regions or []:
        tags |= expand(tag)
    return region in tags


def is_general(kind: str | None, chunk_regions: list[str], definition) -> bool:
    """True for explicitly general evidence: a policy/strategy document, or one tagged only with NL/EU regions."""
    spec = definition.general_evidence
    if kind in spec.kinds:
        return True
    return bool(chunk_regions) and set(chunk_regions) <= set(spec.regions)


_MACRO_SLUGS = {m.slug for m in MACROS}


def sentence_about(sentence: str, passage: Passage, region: str, definition) -> bool:
    """Whether a sentence of a passage about the region speaks about the region.

    A sentence that names regions must name the region (or a sub-region of it). A sentence that names none is
    attributed to its chunk - unless the chunk is a general policy document (which speaks about the region only
    where it names it) or is about several countries (ambiguous).
    """
    named = find_regions(sentence)
    if named:
        return any(region in expand(n) for n in named)
    if is_general(passage.hit.kind, passage.hit.regions, definition):
        return False
    # A sub-national region and its own country are one place, not two countries.
    countries = {country_of(r) for r in passage.hit.regions} - _MACRO_SLUGS - set(definition.general_evidence.regions)
    return len(countries) <= 1


def in_eu(region: str) -> bool:
    """EU-level general evidence (programmes, regulation) applies to regions inside the EU."""
    return "eu" in expand(region)


def queries_for(criterion, region: Region) -> list[tuple[str, str]]:
    """(aspect id, query) pairs of a criterion, Dutch then English, with the region names filled in."""
    out = []
    for aspect in criterion.aspects:
        if aspect.queries is None:  # judged from indicator data only
            continue
        for template in aspect.queries.nl + aspect.queries.en:
            out.append((aspect.id, template.format(regio=region.name_nl, region=region.name_en)))
    return out


def gather(region: Region, criterion, searcher, definition) -> list[Passage]:
    """Candidate passages for one criterion, best-ranked first, one per chunk."""
    k = definition.proposer.k_per_query
    seen: set[str] = set()
    passages: list[Passage] = []
    for aspect_id, query in queries_for(criterion, region):
        for filters in (Filters(region=region.slug), None):
            for hit in searcher.search(query, k=k, filters=filters):
                if hit.chunk_id in seen:
                    continue
                if concerns_region(hit.regions, region.slug):
                    general = False
                elif is_general(hit.kind, hit.regions, definition):
                    general = True
                else:
                    continue
                seen.add(hit.chunk_id)
                passages.append(Passage(hit, general, aspect_id))
    if region.parent and criterion.id in definition.subregions.national_documents:
        country = ALL[region.parent]  # after the region's own passages: the country's, as the national picture
        for aspect_id, query in queries_for(criterion, country):
            for hit in searcher.search(query, k=k, filters=Filters(region=country.slug)):
                if hit.chunk_id not in seen and concerns_region(hit.regions, country.slug):
                    seen.add(hit.chunk_id)
                    passages.append(Passage(hit, False, aspect_id, national=True))
    return passages
