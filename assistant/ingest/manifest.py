"""Document metadata: the corpus manifest (``sources.yaml``) and inference for files it does not list."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.ingest.errors import LoadError
from assistant.models import DocumentMeta, TextUnit
from assistant.regions import ALL, find_regions

MANIFEST_NAME = "sources.yaml"
#: Characters of text used to detect a document's language.
LANGUAGE_SAMPLE_CHARS = 4000
TITLE_MAX_CHARS = 160
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")

#: Publishers recognised in file names or titles of documents the manifest does not list:
#: (pattern, publisher, kind, independent).
KNOWN_PUBLISHERS: tuple[tuple[str, str, str, bool], ...] = (
    (r"amnesty", "Amnesty International", "ngo_briefing", True),
    (r"human[ _-]?rights[ _-]?watch|\bhrw\b", "Human Rights Watch", "ngo_briefing", True),
    (r"clingendael", "Clingendael Institute", "think_tank", True),
    (r"state[ _-]?dep(artmen)?t|country[ _-]?reports?[ _-]on[ _-]human", "US Department of State",
     "government_report", True),
    (r"kamerbrief|rijksoverheid|ministerie", "Rijksoverheid", "policy", False),
    (r"provincie|brabant", "Provincie Noord-Brabant", "policy", False),
    (r"chips[ _-]?act|european[ _-]commission|\bcom[ _-]?\(?\d{4}", "European Commission", "strategy", False),
)


class ManifestError(ValueError):
    """The manifest file is malformed; the message names the entry and field to fix."""


def load_manifest(path: Path | None) -> dict[str, dict]:
    """Entries keyed by file path relative to the corpus folder. A missing file means no entries."""
    if path is None or not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ManifestError(f"{path}: not valid YAML ({exc}); fix the file or remove it") from exc
    if isinstance(data, dict) and "documents" in data and isinstance(data["documents"], (dict, list)):
        data = data["documents"]
    if isinstance(data, list):
        data = {entry.get("file") or entry.get("source"): entry for entry in data if isinstance(entry, dict)}
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: expected a mapping of file name -> metadata")
    return {str(k): (v or {}) for k, v in data.items() if k}


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (deterministic); 'en' when undecidable."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not sample.strip():
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(sample)
    except LangDetectException:
        return "en"


def _title_from(units: list[TextUnit], path: Path) -> str:
    for unit in units[:3]:
        if unit.section:
            return unit.section.split(" > ")[0][:TITLE_MAX_CHARS]
        first = unit.text.strip().split("\n", 1)[0].strip()
        if first:
            return first[:TITLE_MAX_CHARS]
    return path.stem.replace("_", " ")


def _first_heading(path: Path) -> str | None:
    if path.suffix.lower() not in {".md", ".markdown"}:
        return None
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("# "):
                    return line[2:].strip()[:TITLE_MAX_CHARS]
    except OSError:
        return None
    return None


def infer_meta(source: str, path: Path, units: list[TextUnit], language: str | None = None) -> DocumentMeta:
    """Metadata for a file without a manifest entry: language detected (unless given), title from the first
    heading."""
    title = _first_heading(path) or _title_from(units, path)
    name_text = f"{path.stem.replace('_', ' ')} {title}"
    publisher, kind, independent = None, "other", False
    for pattern, pub, pub_kind, indep in KNOWN_PUBLISHERS:
        if re.search(pattern, name_text, re.IGNORECASE):
            publisher, kind, independent = pub, pub_kind, indep
            break
    years = _YEAR.findall(name_text)
    sample = " ".join(u.text for u in units[:5])
    return DocumentMeta(
        source=source,
        title=title,
        publisher=publisher,
        kind=kind,
        language=language or detect_language(sample),
        regions=[r for r in find_regions(name_text) if r in ALL],
        date=years[0] if years else None,
        independent=independent,
    )


def meta_for(source: str, path: Path, units: list[TextUnit], manifest: dict[str, dict]) -> DocumentMeta:
    """Manifest entry (by relative path, then by file name) completed with inferred values."""
    entry = manifest.get(source) or manifest.get(Path(source).name)
    # A language the manifest states is not detected (langdetect costs ~10 ms a file and is overridden anyway).
    stated = (entry or {}).get("language")
    inferred = infer_meta(source, path, units, language=stated if isinstance(stated, str) and stated else None)
    if not entry:
        return inferred
    merged = inferred.model_dump()
    merged.update({k: v for k, v in entry.items() if k in DocumentMeta.model_fields and v is not None})
    merged["source"] = source
    if merged.get("date") is not None:
        merged["date"] = str(merged["date"])
    try:
        return DocumentMeta(**merged)
    except ValidationError as exc:
        raise LoadError(f"manifest entry for {Path(source).name} is invalid: {exc.errors()[0]['msg']}") from exc
