"""The reading order of a brief as a flat list of blocks, shared by the Markdown and the DOCX writer.

Both writers walk the same outline, so the two files always hold the same headings, statements and ``[n]``.
Heading levels: 1 = title, 2 = part (summary, compass, risks, ...), 3 = component or topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.brief import texts
from assistant.brief.build import validation_status
from assistant.brief.model import Brief, BriefSection, Statement
from assistant.brief.sources import describe
from assistant.i18n import t

BlockKind = Literal["heading", "banner", "subtle", "para", "field", "bullet", "source"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 0  # headings only: 1..3
    label: str | None = None  # fields only: the bold label before the text


def markers(refs: list[int]) -> str:
    return "".join(f"[{n}]" for n in refs)


def statement_text(s: Statement, lang: str) -> str:
    """A statement as shown: quoted when verbatim, its qualifier, then its ``[n]`` markers."""
    text = " ".join(s.text.split())
    if s.indicator:
        return f"{text} ({t('brief.indicator', lang, title=s.indicator)})"
    if s.relation:
        return f"{text} ({t('brief.register', lang, id=s.relation)})"
    shown = f"“{text}”" if s.verbatim else text
    if s.note:
        shown += f" ({s.note})"
    return f"{shown} {markers(s.refs)}".rstrip()


def _heading(text: str, level: int) -> Block:
    return Block("heading", text, level)


def compass_blocks(section: BriefSection, lang: str) -> list[Block]:
    out = [_heading(section.heading, 3)]
    if section.description:
        out.append(Block("subtle", section.description))
    score = texts.score_text(section.score, lang, long=True)
    if section.score is not None and section.confidence is not None:
        score += f" ({t('brief.f_confidence', lang)} {section.confidence:.1f})"
    out.append(Block("field", score, label=t("brief.f_score", lang)))
    if section.override:
        out.append(Block("para", section.override))
    if section.insufficient_text:
        out.append(Block("para", section.insufficient_text))
    if section.rationale:
        lines = [" ".join(line.split()) for line in section.rationale.splitlines() if line.strip()]
        refs = markers(section.rationale_refs)
        if len(lines) == 1:
            out.append(Block("field", f"{lines[0]} {refs}".rstrip(), label=t("brief.f_rationale", lang)))
        else:  # the combined rationale: one line per part (indicator aspects, documents, the weighted mean)
            out.append(Block("field", refs, label=t("brief.f_rationale", lang)))
            out += [Block("bullet", line) for line in lines]
    if section.statements:
        out.append(Block("field", "", label=t("brief.f_evidence", lang)))
        out += [Block("bullet", statement_text(s, lang)) for s in section.statements]
    return out


def topic_blocks(section: BriefSection, lang: str) -> list[Block]:
    out = [_heading(section.heading, 3)]
    if section.insufficient_text:
        out.append(Block("para", section.insufficient_text))
    out += [Block("bullet", statement_text(s, lang)) for s in section.statements]
    return out


def validation_blocks(brief: Brief) -> list[Block]:
    lang = brief.lang
    out = [_heading(t("brief.h_validation", lang), 2),
           Block("field", validation_status(brief.validation, lang), label=t("brief.f_status", lang))]
    if not brief.validation.findings:
        out.append(Block("para", t("brief.no_findings", lang)))
    for f in brief.validation.findings:
        where = f" [{f.criterion}]" if f.criterion else ""
        out.append(Block("bullet", f"{t(f'brief.severity_{f.severity}', lang)} {f.rule}{where}: {f.message}"))
    if brief.caveats:
        out.append(Block("field", "", label=t("brief.f_caveats", lang)))
        out += [Block("bullet", c) for c in brief.caveats]
    if brief.notes:
        out.append(Block("field", "", label=t("brief.f_notes", lang)))
        out += [Block("bullet", n) for n in brief.notes]
    return out


def outline(brief: Brief) -> list[Block]:
    """Every block of the brief, in reading order."""
    lang = brief.lang
    out = [_heading(brief.title, 1), Block("banner", brief.banner), Block("subtle", brief.subtitle),
           _heading(t("brief.h_summary", lang), 2)]
    out += [Block("bullet", line) for line in brief.summary_lines]
    if brief.key_points:
        out.append(Block("field", "", label=t("brief.f_key_points", lang)))
        out += [Block("bullet", statement_text(s, lang)) for s in brief.key_points]
    out.append(_heading(t("brief.h_compass", lang), 2))
    for section in brief.sections:
        out += compass_blocks(section, lang)
    out.append(_heading(t("brief.h_risks", lang), 2))
    for section in brief.risks:
        out += topic_blocks(section, lang)
    out.append(_heading(t("brief.h_leads", lang), 2))
    for section in brief.leads:
        out += topic_blocks(section, lang)
    out += validation_blocks(brief)
    out.append(_heading(t("brief.h_sources", lang), 2))
    if not brief.sources:
        out.append(Block("para", t("brief.no_sources", lang)))
    out += [Block("source", f"[{ref.n}] {describe(ref, lang)}") for ref in brief.sources]
    return out


def headings(brief: Brief) -> list[tuple[int, str]]:
    """(level, text) of every heading, in order (what both files must show)."""
    return [(b.level, b.text) for b in outline(brief) if b.kind == "heading"]
