"""The Kompas tab: proposed scores per component with rationale and evidence, validator findings as badges, and
officer overrides (stored via ``Assistant.override``, validator re-run).

Badges carry CSS classes ``badge badge-error`` / ``badge badge-warning``; findings are ``li.finding``.
"""

from __future__ import annotations

import html

from assistant.app.roles import may_edit, officer_name, refusal, request_user
from assistant.app.state import AppContext, region_choices
from assistant.i18n import norm_lang, t
from assistant.compass.indicators.facts import national_label
from assistant.compass.texts import band_text, proposer_label
from assistant.regions import display_name

#: Characters of an evidence quote shown before it is cut off.
QUOTE_CHARS = 400
#: Value of the "empty score" choice in the override form.
EMPTY_SCORE = "-"
SCORE_CHOICES = ("1", "2", "3", "4", "5")


def _e(text) -> str:
    return html.escape(str(text if text is not None else ""))


def _badge(severity: str, lang: str) -> str:
    return f'<span class="badge badge-{_e(severity)}">{t("app.badge_" + severity, lang)}</span>'


def render_findings(report, lang: str) -> str:
    """Validation status and every finding with its severity badge."""
    lang = norm_lang(lang)
    errors = [f for f in report.findings if f.severity == "error"]
    status = (f'<div class="validation-status passed">{t("app.validation_passed", lang)}</div>' if report.passed else
              f'<div class="validation-status failed">{t("app.validation_failed", lang, n=len(errors))}</div>')
    if not report.findings:
        items = f'<p class="no-findings">{t("app.validation_clean", lang)}</p>'
    else:
        ordered = sorted(report.findings, key=lambda f: f.severity != "error")
        items = "<ul class=\"findings\">" + "".join(
            f'<li class="finding finding-{_e(f.severity)}">{_badge(f.severity, lang)} <code>{_e(f.rule)}</code>'
            + (f' <span class="finding-criterion">[{_e(f.criterion)}]</span>' if f.criterion else "")
            + f" {_e(f.message)}</li>" for f in ordered) + "</ul>"
    return (f'<div class="validation"><h4>{t("app.validation_heading", lang)}</h4>{status}{items}</div>')


def _score(score: int | None, lang: str) -> str:
    if score is None:
        return f'<span class="score score-none">{t("app.kompas_no_score", lang)}</span>'
    return f'<span class="score score-{score}">{score}/5</span>'


def _band(band: int | None, lang: str) -> str:
    if band is None:
        return f'<span class="band band-none">{band_text(band, lang)}</span>'
    return f'<span class="band band-{band}">{band}</span>'


def _indicators(items, lang: str) -> str:
    """Indicator values as a table: what, the value in words, year, band, producer with licence and file."""
    rows = []
    for ev in items:
        ind = ev.indicator
        if ind is None:  # an indicator id without its value (an old or hand-made proposal): show the quote
            rows.append(f'<tr><td colspan="5">{_e(ev.quote)} <span class="ev-source">{_e(ev.source)}</span></td></tr>')
            continue
        value = _e(ind.text if lang == "nl" and ind.text else ev.quote)
        if ind.national:  # a sub-national region without its own value: the country's figure, said so
            value += f' <span class="national">({_e(national_label(ind.national, lang))})</span>'
        source = f'{_e(ind.producer)}<br><span class="ev-meta">{_e(ind.licence)} · </span>' \
                 f'<span class="ev-source">{_e(ev.source)}</span>'
        rows.append(f'<tr class="indicator-row"><td>{_e(ind.label or ev.title)}</td><td>{value}</td>'
                    f'<td>{ind.year}</td><td>{_band(ind.band, lang)}</td><td>{source}</td></tr>')
    head = "".join(f"<th>{t(f'app.{k}', lang)}</th>" for k in ("ind_indicator", "ind_value", "ind_year", "ind_band",
                                                        "ind_source"))
    return (f'<details class="indicators" open><summary>{t("app.kompas_indicators", lang)} ({len(rows)})</summary>'
            f'<table class="indicator-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'</table></details>')


def _documents(items, lang: str) -> str:
    out = []
    for ev in items:
        quote = ev.quote if len(ev.quote) <= QUOTE_CHARS else ev.quote[:QUOTE_CHARS].rstrip() + "…"
        where = _e(ev.source) + (f", {t('app.page', lang)} {ev.page}" if ev.page else "")
        extra = [x for x in (ev.title, ev.date) if x]
        if ev.general:
            extra.append(t("app.kompas_general", lang))
        if ev.national:
            extra.append(t("app.kompas_national", lang, country=display_name(ev.national, lang)))
        out.append(f'<li class="evidence-item"><blockquote>{_e(quote)}</blockquote>'
                   f'<span class="ev-source">{where}</span>'
                   + (f' <span class="ev-meta">({_e(" · ".join(extra))})</span>' if extra else "") + "</li>")
    return (f'<details class="evidence" open><summary>{t("app.kompas_documents", lang)} ({len(out)})</summary>'
            f'<ol>{"".join(out)}</ol></details>')


def _relations(items, lang: str) -> str:
    """Entries of the relations register: kind, organisation, period, band; who recorded it, its id."""
    out = []
    for ev in items:
        rel = ev.relation
        if rel is None:
            out.append(f'<li class="relation-item">{_e(ev.quote)}</li>')
            continue
        when = f"{rel.date} – {rel.end_date}" if rel.end_date else t("app.rel_since", lang, date=rel.date)
        out.append(f'<li class="relation-item"><strong>{_e(rel.label)}</strong>: {_e(rel.organisation)} '
                   f'({_e(when)}) {_band(rel.band, lang)}<br><span class="ev-meta">'
                   f'{_e(t("app.rel_recorded", lang, officer=rel.officer, id=rel.id))}</span></li>')
    return (f'<details class="relations" open><summary>{t("app.kompas_relations", lang)} ({len(out)})</summary>'
            f'<ul>{"".join(out)}</ul></details>')


def _evidence(criterion, lang: str) -> str:
    if not criterion.evidence:
        return f'<p class="no-evidence">{t("app.kompas_no_evidence", lang)}</p>'
    values = [e for e in criterion.evidence if e.is_indicator]
    relations = [e for e in criterion.evidence if e.is_relation]
    docs = [e for e in criterion.evidence if e.is_document]
    return ((_indicators(values, lang) if values else "") + (_relations(relations, lang) if relations else "")
            + (_documents(docs, lang) if docs else ""))


def _rationale(text: str) -> str:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) <= 1:
        return f'<p class="rationale">{_e(text)}</p>'
    return '<ul class="rationale">' + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def render_assessment(assessment, report, lang: str) -> str:
    """The whole proposal as HTML: header, recommendation, validation badges, one card per component."""
    lang = norm_lang(lang)
    a = assessment
    by_criterion: dict[str, list] = {}
    for finding in report.findings:
        by_criterion.setdefault(finding.criterion or "", []).append(finding)
    cards = []
    for c in a.criteria:
        badges = "".join(_badge(f.severity, lang) for f in by_criterion.get(c.criterion, []))
        override = ""
        if c.override:
            o = c.override
            previous = o.previous_score if o.previous_score is not None else "-"
            note = t("app.kompas_overridden", lang, officer=o.officer, at=o.at, reason=o.reason, previous=previous)
            override = f'<div class="override-note">{_e(note)}</div>'
        cards.append(
            f'<div class="criterion" id="crit-{_e(c.criterion)}"><div class="crit-head">'
            f'<span class="crit-label">{_e(c.label or c.criterion)}</span> {_score(c.score, lang)} '
            f'<span class="confidence">{t("app.kompas_confidence", lang)} {c.confidence:.2f}</span> {badges}</div>'
            f'{_rationale(c.rationale)}{override}{_evidence(c, lang)}</div>'
        )
    caveats = ""
    if a.caveats:
        caveats = (f'<div class="caveats"><h4>{t("app.kompas_caveats", lang)}</h4><ul>'
                   + "".join(f"<li>{_e(c)}</li>" for c in a.caveats) + "</ul></div>")
    mitigation = (f'<p class="mitigation"><strong>{t("app.kompas_mitigation", lang)}:</strong> '
                  f'{_e(a.mitigation_note)}</p>' if a.mitigation_note else "")
    rec_class = a.recommendation.replace(" ", "-")
    heading = t("app.kompas_heading", lang, version=a.compass_version, region=a.region_name or a.region)
    meta = t("app.kompas_backend", lang, backend=proposer_label(a.backend, lang), created=a.created_at)
    return (
        f'<div class="kompas"><h3>{_e(heading)}</h3>'
        f'<div class="kompas-meta">{_e(meta)}</div>'
        f'<div class="recommendation rec-{_e(rec_class)}">{t("app.kompas_recommendation", lang)}: '
        f'<strong>{_e(a.recommendation)}</strong></div>{mitigation}'
        f'{render_findings(report, lang)}{"".join(cards)}{caveats}</div>'
    )


def _message(text: str, kind: str) -> str:
    return f'<div class="msg msg-{kind}">{_e(text)}</div>'


def criterion_choices(assessment=None, settings=None) -> list[tuple[str, str]]:
    """(label, id) of the compass components, from the assessment or else the compass definition."""
    if assessment is not None:
        return [(c.label or c.criterion, c.criterion) for c in assessment.criteria]
    from assistant.compass import load_definition

    return [(c.label, c.id) for c in load_definition(settings).criteria]


def score_region(assistant, region: str, lang: str):
    """Propose and validate: returns (html, assessment or None)."""
    lang = norm_lang(lang)
    if not region:
        return _message(t("app.kompas_none", lang), "info"), None
    try:
        assessment, report = assistant.score(region)
    except Exception as exc:  # noqa: BLE001 - unknown region, broken index: a message, not a crash
        return _message(t("app.kompas_error", lang, error=exc), "error"), None
    return render_assessment(assessment, report, lang), assessment


def override_score(assistant, assessment, criterion: str, score: str, reason: str, officer: str,
                   mitigation: str = "", lang: str = "nl", user: str | None = None):
    """Store an officer's override and re-validate: returns (html, assessment, message html).

    ``user`` is the logged-in user (None without logins): a viewer is refused (nothing stored), and with logins the
    override is recorded under the user's name, not the typed one."""
    lang = norm_lang(lang)
    settings = getattr(assistant, "settings", None)
    if not may_edit(settings, user):
        shown = (render_assessment(assessment, assistant.validate(assessment), lang) if assessment is not None
                 else _message(t("app.kompas_none", lang), "info"))
        return shown, assessment, _message(refusal(lang, user), "error")
    officer = officer_name(settings, user, officer)
    if assessment is None:
        return (_message(t("app.kompas_none", lang), "info"), None,
                _message(t("app.override_no_assessment", lang), "error"))
    if not criterion or score in (None, ""):
        return (render_assessment(assessment, assistant.validate(assessment), lang), assessment,
                _message(t("app.override_pick", lang), "error"))
    try:
        value = None if score == EMPTY_SCORE else int(score)
        updated, report = assistant.override(assessment, criterion, value, reason or "", officer or "",
                                             mitigation_note=(mitigation or None))
    except Exception as exc:  # noqa: BLE001 - OverrideError (missing reason ...) is shown next to the form
        current = assistant.validate(assessment)
        return (render_assessment(assessment, current, lang), assessment,
                _message(t("app.override_error", lang, error=exc), "error"))
    return render_assessment(updated, report, lang), updated, _message(t("app.override_saved", lang), "ok")


def evidence_counts(assistant) -> dict[str, tuple[int, int, int]]:
    """Region slug -> (indexed documents about it, indicator values that count (a sub-national region: with its
    country's), register entries about it); {} when it cannot be read."""
    from assistant.regions import COUNTRIES, SUBREGIONS, expand

    try:
        documents = assistant.documents()
        data = assistant.indicator_data()
    except Exception:  # noqa: BLE001 - an unreadable index or data folder must not take the tab down
        return {}
    try:
        relations = assistant.relations()
    except Exception:  # noqa: BLE001 - an unreadable register is reported in the Relaties tab
        relations = []
    out = {}
    for region in COUNTRIES + SUBREGIONS:
        docs = sum(1 for d in documents if any(region.slug in expand(tag) for tag in d.get("regions") or []))
        entries = sum(1 for r in relations if region.slug in expand(r.region))
        out[region.slug] = (docs, data.counted_facts(region.slug), entries)
    return out


def build_kompas_tab(ctx: AppContext) -> None:
    import gradio as gr

    lang0, relabel = ctx.default_lang, ctx.relabel
    settings = ctx.assistant.settings
    counts = evidence_counts(ctx.assistant)
    current = gr.State(None)
    relabel.add(gr.Markdown(t("app.kompas_intro", lang0)), value="kompas_intro")
    with gr.Row():
        region = relabel.add_fn(
            gr.Dropdown(region_choices(lang0, macros=False, blank=False, counts=counts), value=None,
                        label=t("app.kompas_region", lang0), elem_id="kompas-region", scale=3),
            lambda lang: {"label": t("app.kompas_region", lang),
                          "choices": region_choices(lang, macros=False, blank=False, counts=counts)})
        score_btn = relabel.add(gr.Button(t("app.kompas_score_btn", lang0), variant="primary", elem_id="kompas-score",
                                          scale=1), value="kompas_score_btn")
    with gr.Row():
        with gr.Column(scale=3):
            result = gr.HTML(_message(t("app.kompas_none", lang0), "info"), elem_id="kompas-result")
        with gr.Column(scale=1):
            relabel.add_fn(gr.Markdown(f"### {t('app.override_heading', lang0)}"),
                           lambda lang: {"value": f"### {t('app.override_heading', lang)}"})
            criterion = relabel.add(gr.Dropdown(criterion_choices(settings=settings),
                                                value=None, label=t("app.override_criterion", lang0),
                                                elem_id="override-criterion"),
                                    label="override_criterion")
            score = relabel.add_fn(
                gr.Dropdown([*SCORE_CHOICES, (t("app.override_empty", lang0), EMPTY_SCORE)], value=None,
                            label=t("app.override_score", lang0), elem_id="override-score"),
                lambda lang: {"label": t("app.override_score", lang),
                              "choices": [*SCORE_CHOICES, (t("app.override_empty", lang), EMPTY_SCORE)]})
            reason = relabel.add(gr.Textbox(label=t("app.override_reason", lang0), lines=2, elem_id="override-reason"),
                                 label="override_reason")
            officer = relabel.add(gr.Textbox(label=t("app.override_officer", lang0), elem_id="override-officer"),
                                  label="override_officer")
            mitigation = relabel.add(gr.Textbox(label=t("app.override_mitigation", lang0), lines=2,
                                                elem_id="override-mitigation"), label="override_mitigation")
            apply = relabel.add(gr.Button(t("app.override_btn", lang0), elem_id="override-apply"), value="override_btn")
            message = gr.HTML("", elem_id="override-message")

    def on_score(region_value, lang):
        return score_region(ctx.assistant, region_value, lang)

    def on_override(assessment, criterion_value, score_value, reason_value, officer_value, mitigation_value, lang,
                    request=None):
        return override_score(ctx.assistant, assessment, criterion_value, score_value, reason_value, officer_value,
                              mitigation_value, lang, user=request_user(request))

    on_override.__annotations__["request"] = gr.Request  # gradio passes the request (the logged-in user)
    ctx.add_login_controls(officer, apply)

    score_btn.click(on_score, [region, ctx.lang], [result, current], api_name="score")
    apply.click(on_override, [current, criterion, score, reason, officer, mitigation, ctx.lang],
                [result, current, message], api_name="override")
