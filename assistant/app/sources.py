"""The Bronnen tab: the indexed documents, uploads into the corpus folder (sanitised names, size limit, per-file
results from the ingest summary), and removing a document.

Upload rules: only the base name of an upload is used, reduced to a safe character set; hidden and reserved names
are refused; the target must resolve to a direct child of the corpus folder, so nothing is written elsewhere. A
file that fails to ingest is not kept (or its previous version is restored), so the corpus stays ingestible.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.app.roles import may_edit, refusal, request_user
from assistant.app.state import AppContext, status_line
from assistant.i18n import norm_lang, t
from assistant.text import strip_accents

#: File types accepted for upload (the loaders of assistant.ingest support these).
ALLOWED_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt", ".html", ".htm")
#: Longest stored file name (characters, suffix included).
MAX_NAME_CHARS = 120
#: Names the corpus folder uses for itself (manifest, attribution): never overwritten by an upload.
RESERVED_NAMES = frozenset({"sources.yaml", "sources.md", "readme.md", ".gitkeep"})
BYTES_PER_MB = 1024 * 1024
DOCS_TABLE_HEIGHT = 420
RESULT_COLUMN_WIDTHS = ["30%", "20%", "50%"]
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]+")
_RUNS = re.compile(r"[_ ]{2,}")


class UploadRejected(ValueError):
    """An upload that is not saved; ``key`` names the text in assistant.app.texts."""

    def __init__(self, key: str, **values) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def sanitize_filename(name: str) -> str:
    """A safe base name for an uploaded file: no folders, no '..', no hidden or control characters.

    Raises UploadRejected for names that are empty after cleaning, reserved, or of a type that cannot be indexed.
    """
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch for ch in strip_accents(base) if unicodedata.category(ch)[0] != "C")
    base = _RUNS.sub("_", _UNSAFE.sub("_", base)).strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = suffix.strip(" _").lower()
    suffix = f".{suffix}" if suffix else ""
    stem = stem.strip(" ._")
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected("reject_type", suffix=suffix or name, allowed=", ".join(ALLOWED_SUFFIXES))
    if not stem:
        raise UploadRejected("reject_name")
    stem = stem[: MAX_NAME_CHARS - len(suffix)].rstrip(" ._")
    clean = stem + suffix
    if clean.lower() in RESERVED_NAMES:
        raise UploadRejected("reject_reserved")
    return clean


def safe_target(corpus_dir: Path, name: str) -> Path:
    """``corpus_dir / sanitize_filename(name)``, checked to be a direct child of the corpus folder."""
    root = Path(corpus_dir).resolve()
    target = (root / sanitize_filename(name)).resolve()
    if target.parent != root:
        raise UploadRejected("reject_name")
    return target


@dataclass
class FileResult:
    """One row of the upload results table."""

    name: str
    status: str  # indexed | unchanged | failed | rejected
    detail: str = ""


@dataclass
class _Saved:
    source: str
    target: Path
    backup: bytes | None  # previous content of an existing file, restored when the new version fails


def _save(upload: Path, original_name: str, corpus_dir: Path, max_bytes: int) -> _Saved:
    target = safe_target(corpus_dir, original_name)
    try:
        size = upload.stat().st_size
    except OSError as exc:
        raise UploadRejected("reject_unreadable", error=exc.strerror) from exc
    if size == 0:
        raise UploadRejected("reject_empty")
    if size > max_bytes:
        raise UploadRejected("reject_size", mb=size / BYTES_PER_MB, limit=max_bytes // BYTES_PER_MB)
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = target.read_bytes() if target.is_file() else None
    shutil.copyfile(upload, target)
    return _Saved(target.name, target, backup)


def _undo(saved: _Saved) -> bool:
    """Remove a failed upload, or put the previous version back. Returns whether a previous version existed."""
    if saved.backup is not None:
        saved.target.write_bytes(saved.backup)
        return True
    saved.target.unlink(missing_ok=True)
    return False


def add_files(assistant, uploads: list[str | Path], lang: str = "nl", *, names: list[str] | None = None,
              progress: Callable[[int, int, str], None] | None = None, user: str | None = None) -> list[FileResult]:
    """Save uploads into the corpus folder and index them; one result per upload, never an exception.

    ``names`` are the original file names (default: the uploads' own base names); ``user`` the logged-in user
    (a viewer's uploads are refused, nothing saved).
    """
    lang = norm_lang(lang)
    settings = assistant.settings
    max_bytes = settings.app.max_upload_mb * BYTES_PER_MB
    names = names or [Path(u).name for u in uploads]
    if not may_edit(settings, user):
        return [FileResult(name, "rejected", refusal(lang, user)) for name in names]
    results: dict[str, FileResult] = {}
    saved: list[_Saved] = []
    order: list[str] = []
    for upload, name in zip(uploads, names):
        try:
            item = _save(Path(upload), name, settings.corpus_dir, max_bytes)
        except UploadRejected as exc:
            order.append(name)
            results[name] = FileResult(name, "rejected", t(f"app.{exc.key}", lang, **exc.values))
            continue
        saved.append(item)
        order.append(item.source)
    if saved:
        try:
            summary = assistant.ingest([s.target for s in saved], progress=progress)
        except Exception as exc:  # noqa: BLE001 - e.g. another ingest holds the lock
            for item in saved:
                _undo(item)
                results[item.source] = FileResult(item.source, "failed", t("app.ingest_busy", lang, error=exc))
            summary = None
        if summary is not None:
            failed = {f.path: f.reason for f in summary.failed}
            for item in saved:
                if item.source in failed:
                    key = "detail_restored" if _undo(item) else "detail_not_saved"
                    results[item.source] = FileResult(item.source, "failed",
                                                      t(f"app.{key}", lang, reason=failed[item.source]))
                elif item.source in summary.unchanged:
                    results[item.source] = FileResult(item.source, "unchanged")
                else:
                    results[item.source] = FileResult(item.source, "indexed")
    return [results[name] for name in order]


def result_rows(results: list[FileResult], lang: str) -> list[list[str]]:
    return [[r.name, t(f"app.result_{r.status}", lang), r.detail] for r in results]


def result_summary(results: list[FileResult], lang: str) -> str:
    count = lambda *statuses: sum(r.status in statuses for r in results)  # noqa: E731
    return t("app.upload_summary", lang, ok=count("indexed"), unchanged=count("unchanged"),
             failed=count("failed", "rejected"))


def document_rows(assistant, lang: str) -> list[list]:
    """The documents table: one row per indexed document."""
    lang = norm_lang(lang)
    yes, no = t("app.yes", lang), t("app.no", lang)
    return [[d["source"], d["title"], d.get("publisher") or "", d["kind"], d["language"],
             ", ".join(d.get("regions") or []), d.get("date") or "", d.get("pages") or "", d["chunks"],
             yes if d.get("independent") else no] for d in assistant.documents()]


def data_rows(assistant, lang: str) -> list[list]:
    """The open indicator data table: per dataset what is found (file, vintage, coverage) or what to download."""
    from assistant.regions import display_name

    lang = norm_lang(lang)
    try:
        status = assistant.data_status()
    except Exception as exc:  # noqa: BLE001 - a broken catalog or folder is shown, not raised
        return [[t("app.data_error", lang, error=exc), "", "", "", "", "", ""]]
    rows = []
    for d in status["datasets"]:
        label = d["label"] if lang == "nl" else d["label_en"]
        if d["found"]:
            key = "data_coverage_regions" if d.get("level") == "regional" else "data_coverage"
            coverage = t(f"app.{key}", lang, n=d["covered"], total=d["countries"])
            missing = ", ".join(display_name(s, lang) for s in d["missing_countries"])
            state = d["vintage_nl"] if lang == "nl" else d["vintage"]
        else:
            coverage, missing = "", ""
            state = t("app.data_missing", lang, download=d["download"]) + (f" ({d['error']})" if d["error"] else "")
        if d["restricted"]:
            state += " · " + t("app.data_restricted", lang)
        rows.append([label, d["criterion"], f"{d['producer']} ({d['licence']})", d["file"] or "", state, coverage,
                     missing])
    return rows


def remove_document(assistant, source: str, delete_file: bool, lang: str, user: str | None = None) -> str:
    """Remove a document from the index (and its file); a viewer (``user`` without the editor role) is refused."""
    lang = norm_lang(lang)
    if not may_edit(getattr(assistant, "settings", None), user):
        return refusal(lang, user)
    if not source:
        return t("app.remove_none", lang)
    try:
        count = assistant.remove_document(source, delete_file=bool(delete_file))
    except Exception as exc:  # noqa: BLE001 - unknown source and the like are reported
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        return t("app.remove_error", lang, error=message)
    return t("app.remove_done", lang, source=source, chunks=count)


def build_sources_tab(ctx: AppContext) -> None:
    import gradio as gr

    lang0, relabel, assistant = ctx.default_lang, ctx.relabel, ctx.assistant
    mb = assistant.settings.app.max_upload_mb
    relabel.add_fn(gr.Markdown(t("app.sources_intro", lang0, mb=mb)),
                   lambda lang: {"value": t("app.sources_intro", lang, mb=mb)})
    docs = relabel.add_fn(
        gr.Dataframe(headers=t("app.docs_headers", lang0).split("|"), label=t("app.docs_label", lang0),
                     interactive=False, wrap=False, max_height=DOCS_TABLE_HEIGHT, elem_id="docs-table"),
        lambda lang: {"label": t("app.docs_label", lang), "headers": t("app.docs_headers", lang).split("|")})
    refresh = relabel.add(gr.Button(t("app.docs_refresh", lang0), size="sm", elem_id="docs-refresh"),
                          value="docs_refresh")
    with gr.Row():
        with gr.Column():
            files = relabel.add(gr.File(file_count="multiple", file_types=list(ALLOWED_SUFFIXES),
                                        label=t("app.upload_label", lang0), elem_id="upload-files"),
                                label="upload_label")
            upload = relabel.add(gr.Button(t("app.upload_btn", lang0), variant="primary", elem_id="upload-btn"),
                                 value="upload_btn")
            summary = gr.Markdown("", elem_id="upload-summary")
            results = relabel.add_fn(
                gr.Dataframe(headers=t("app.upload_headers", lang0).split("|"), label=t("app.upload_results", lang0),
                             interactive=False, wrap=True, column_widths=RESULT_COLUMN_WIDTHS,
                             elem_id="upload-results"),
                lambda lang: {"label": t("app.upload_results", lang),
                              "headers": t("app.upload_headers", lang).split("|")})
        with gr.Column():
            relabel.add_fn(gr.Markdown(f"### {t('app.remove_heading', lang0)}"),
                           lambda lang: {"value": f"### {t('app.remove_heading', lang)}"})
            choice = relabel.add(gr.Dropdown([], label=t("app.remove_choice", lang0), elem_id="remove-choice"),
                                 label="remove_choice")
            delete_file = relabel.add(gr.Checkbox(True, label=t("app.remove_file_too", lang0), elem_id="remove-file"),
                                      label="remove_file_too")
            remove = relabel.add(gr.Button(t("app.remove_btn", lang0), variant="stop", elem_id="remove-btn"),
                                 value="remove_btn")
            removed = gr.Markdown("", elem_id="remove-message")

    def listing(lang):
        rows = document_rows(assistant, lang)
        return rows, gr.update(choices=[r[0] for r in rows], value=None), status_line(assistant, lang)

    def on_upload(paths, lang, request=None, progress=gr.Progress()):
        lang = norm_lang(lang)
        if not paths:
            return [], t("app.upload_none", lang), None, *listing(lang)

        def report(done: int, total: int, source: str) -> None:
            progress((done, total), desc=t("app.upload_progress", lang, source=source or "…"))

        out = add_files(assistant, list(paths), lang, progress=report, user=request_user(request))
        return result_rows(out, lang), result_summary(out, lang), None, *listing(lang)

    def on_remove(source, delete, lang, request=None):
        return remove_document(assistant, source, delete, lang, user=request_user(request)), *listing(lang)

    for handler in (on_upload, on_remove):  # gradio passes the request (the logged-in user)
        handler.__annotations__["request"] = gr.Request
    ctx.add_login_controls(None, upload, remove)

    folder = assistant.data_status()["data_dir"] if hasattr(assistant, "data_status") else ""
    relabel.add_fn(gr.Markdown(t("app.data_intro", lang0, folder=folder)),
                   lambda lang: {"value": t("app.data_intro", lang, folder=folder)})
    relabel.add_fn(
        gr.Dataframe(value=data_rows(assistant, lang0), headers=t("app.data_headers", lang0).split("|"),
                     label=t("app.data_label", lang0), interactive=False, wrap=True, elem_id="data-table"),
        lambda lang: {"label": t("app.data_label", lang), "headers": t("app.data_headers", lang).split("|"),
                      "value": data_rows(assistant, lang)})

    listed = [docs, choice, ctx.status]
    refresh.click(listing, [ctx.lang], listed, api_name="documents")
    upload.click(on_upload, [files, ctx.lang], [results, summary, files, *listed], api_name="upload",
                 concurrency_limit=1, concurrency_id="corpus")
    remove.click(on_remove, [choice, delete_file, ctx.lang], [removed, *listed], api_name="remove",
                 concurrency_limit=1, concurrency_id="corpus")
    ctx.on_load.append((listing, listed))  # the datasets table is refreshed by the relabelling on load
