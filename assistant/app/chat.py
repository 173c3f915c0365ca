"""The chat tab: streamed answers with numbered, clickable sources; filters; follow-up memory; copy with sources.

The logic is plain Python (``render_answer``, ``copy_text``, ``chat_turn``) so it is tested without a browser;
``build_chat_tab`` wires it into gradio.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from assistant.answer import messages
from assistant.app.state import AppContext, kind_choices, language_choices, region_choices
from assistant.i18n import norm_lang, t
from assistant.models import Answer, Citation
from assistant.retrieve.base import Filters

#: Earlier (question, answer) pairs passed to the assistant for follow-up questions.
HISTORY_TURNS = 6
#: Characters of an answer kept in the history (the condenser needs the gist, not whole passages).
HISTORY_ANSWER_CHARS = 1200
#: Shown behind the text while an answer streams in.
CURSOR = " ▌"
CHATBOT_HEIGHT = 560
COPY_LINES = 10
_MARKER = re.compile(r"\[(\d+)\]")
_SPACE = re.compile(r"\s+")


def new_conversation() -> dict:
    """Per-session conversation state: the chatbot messages and the (question, answer) history."""
    return {"messages": [], "history": []}


def make_filters(region: str | None, kind: str | None, language: str | None) -> Filters | None:
    filters = Filters(region=region or None, kind=kind or None, language=language or None)
    return None if filters.is_empty() else filters


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def location(citation: Citation, lang: str) -> str:
    """'p. 12 · § Section' / '§ Section' / '' for a citation."""
    parts = []
    if citation.page:
        parts.append(f"{t('app.page', lang)} {citation.page}")
    if citation.section:
        parts.append(f"{t('app.section', lang)} {_flat(citation.section)}")
    return " · ".join(parts)


def _marked_passage(citation: Citation) -> str:
    """The cited passage, HTML-escaped, with the quoted sentence highlighted when it occurs verbatim."""
    passage, quote = _flat(citation.text), _flat(citation.quote)
    at = passage.find(quote) if quote else -1
    if at < 0:
        return html.escape(passage)
    return (html.escape(passage[:at]) + "<mark>" + html.escape(quote) + "</mark>"
            + html.escape(passage[at + len(quote):]))


def citation_id(turn: int, n: int) -> str:
    return f"cite-{turn}-{n}"


def render_sources(citations: list[Citation], lang: str, turn: int, *, closest: bool = False) -> str:
    """Numbered sources as HTML ``<details>``: title, file, page/section; click to see the quote in its passage.
    ``closest``: the passages shown with a refusal, headed and marked as not answering the question."""
    if not citations:
        return ""
    items = []
    for c in citations:
        where = location(c, lang)
        where_html = f' <span class="cite-where">{html.escape(where)}</span>' if where else ""
        number = f"({c.n})" if closest else f"[{c.n}]"
        anchor = f"closest-{turn}-{c.n}" if closest else citation_id(turn, c.n)
        items.append(
            f'<details class="citation{" not-answer" if closest else ""}" id="{anchor}">'
            f'<summary><span class="cite-n">{number}</span> <span class="cite-title">{html.escape(_flat(c.title))}'
            f'</span> — <span class="cite-source">{html.escape(c.source)}</span>{where_html}</summary>'
            f'<blockquote class="cite-quote">{html.escape(_flat(c.quote))}</blockquote>'
            f'<div class="cite-passage"><span class="cite-label">{t("app.passage", lang)}:</span> '
            f'{_marked_passage(c)}</div></details>'
        )
    heading = t("app.closest_heading" if closest else "app.sources_heading", lang)
    return (f'<div class="{"sources closest" if closest else "sources"}"><div class="sources-title">{heading}</div>'
            + "".join(items) + "</div>")


def _link_markers(text: str, numbers: set[int], turn: int) -> str:
    def link(match: re.Match) -> str:
        n = int(match.group(1))
        if n not in numbers:
            return match.group(0)
        return f'<a class="cite-ref" href="#{citation_id(turn, n)}">[{n}]</a>'

    return _MARKER.sub(link, text)


def render_answer(answer: Answer, lang: str, turn: int) -> str:
    """The chat message for a final answer: text with linked [n] markers, notes, and the numbered sources."""
    lang = norm_lang(lang)
    if answer.refused:
        reason = messages.refusal_reason(answer.refusal_reason, lang)
        reason_html = f"{html.escape(reason)}<br>" if reason else ""
        body = (f'<div class="not-found"><strong>{t("app.not_found", lang)}</strong><br>{reason_html}'
                f'{t("app.not_found_hint", lang)}</div>')
    else:
        body = _link_markers(html.escape(answer.answer.strip()), {c.n for c in answer.citations}, turn)
    notes = []
    if answer.error:
        notes.append(f'<div class="answer-error"><strong>{t("app.answer_error", lang)}:</strong> '
                     f'{html.escape(answer.error)}</div>')
    if answer.standalone_question and _flat(answer.standalone_question) != _flat(answer.question):
        understood = html.escape(t("app.standalone", lang, question=answer.standalone_question))
        notes.append(f'<div class="standalone">{understood}</div>')
    if answer.removed_citations:
        numbers = ", ".join(str(n) for n in answer.removed_citations)
        notes.append(f'<div class="removed-citations">{t("app.removed_citations", lang, numbers=numbers)}</div>')
    sources = render_sources(answer.citations, lang, turn)
    closest = render_sources(answer.closest, lang, turn, closest=True) if answer.refused else ""
    return "\n\n".join(part for part in [body, *notes, sources, closest] if part)


def render_partial(text: str) -> str:
    return html.escape(text) + CURSOR


def copy_text(answer: Answer, lang: str) -> str:
    """Plain text of the answer followed by its numbered sources (for pasting into a note or e-mail)."""
    lang = norm_lang(lang)
    lines = [t("app.not_found", lang) if answer.refused else answer.answer.strip()]
    if answer.error:
        lines += ["", f"{t('app.answer_error', lang)}: {answer.error}"]
    if answer.citations:
        lines += ["", f"{t('app.sources_heading', lang)}:"]
        for c in answer.citations:
            where = location(c, lang)
            lines.append(f"[{c.n}] {_flat(c.title)} — {c.source}" + (f", {where}" if where else ""))
            lines.append(f'    "{_flat(c.quote)}"')
    if answer.refused and answer.closest:
        lines += ["", f"{t('app.closest_heading', lang)}:"]
        for c in answer.closest:
            where = location(c, lang)
            lines.append(f"({c.n}) {_flat(c.title)} — {c.source}" + (f", {where}" if where else ""))
            lines.append(f'    "{_flat(c.quote)}"')
    return "\n".join(lines)


def _error_answer(question: str, error: Exception) -> Answer:
    return Answer(question=question, answer="", refused=False, backend="-", error=f"{type(error).__name__}: {error}")


def chat_turn(assistant, question: str, conversation: dict | None, region: str = "", kind: str = "",
              language: str = "", lang: str = "nl") -> Iterator[tuple[list[dict], dict, str, str]]:
    """Answer one question, streaming: yields (chat messages, conversation, copy text, input box value).

    The earlier turns of ``conversation`` go to the assistant as history, so follow-ups ("en in Japan?") work.
    Never raises: a fault becomes a visible note in the answer.
    """
    lang = norm_lang(lang)
    conversation = conversation or new_conversation()
    messages = list(conversation["messages"])
    history = list(conversation["history"])
    question = (question or "").strip()
    if not question:
        yield messages, conversation, t("app.empty_question", lang), ""
        return
    turn = len(history) + 1
    messages += [{"role": "user", "content": question}, {"role": "assistant", "content": CURSOR.strip()}]
    yield list(messages), conversation, "", ""
    partial, final = "", None
    try:
        for item in assistant.stream(question, filters=make_filters(region, kind, language),
                                     history=history[-HISTORY_TURNS:] or None):
            if isinstance(item, Answer):
                final = item
                break
            partial += item
            messages[-1] = {"role": "assistant", "content": render_partial(partial)}
            yield list(messages), conversation, "", ""
    except Exception as exc:  # noqa: BLE001 - shown to the officer, never a crashed page
        final = _error_answer(question, exc)
    if final is None:
        final = _error_answer(question, RuntimeError("no answer"))
    messages[-1] = {"role": "assistant", "content": render_answer(final, lang, turn)}
    answer_text = t("app.not_found", lang) if final.refused else final.answer
    history.append((question, answer_text[:HISTORY_ANSWER_CHARS]))
    yield messages, {"messages": messages, "history": history}, copy_text(final, lang), ""


def build_chat_tab(ctx: AppContext) -> None:
    """The chat tab's components and events (call inside a ``gr.Tab``)."""
    import gradio as gr

    lang0, relabel = ctx.default_lang, ctx.relabel
    conversation = gr.State(new_conversation())
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = relabel.add(gr.Chatbot(label=t("app.chat_label", lang0), elem_id="chatbot", height=CHATBOT_HEIGHT,
                                             buttons=["copy"], feedback_options=None, layout="panel"),
                                  label="chat_label")
            with gr.Row():
                box = relabel.add(gr.Textbox(label=t("app.chat_input", lang0),
                                             placeholder=t("app.chat_placeholder", lang0),
                                             elem_id="chat-input", scale=5, lines=1, max_lines=4),
                                  label="chat_input", placeholder="chat_placeholder")
                send = relabel.add(gr.Button(t("app.chat_send", lang0), variant="primary", elem_id="chat-send",
                                             scale=1),
                                   value="chat_send")
            clear = relabel.add(gr.Button(t("app.chat_clear", lang0), elem_id="chat-clear", size="sm"),
                                value="chat_clear")
        with gr.Column(scale=1):
            relabel.add_fn(gr.Markdown(f"### {t('app.filters', lang0)}"),
                           lambda lang: {"value": f"### {t('app.filters', lang)}"})
            region = relabel.add_fn(gr.Dropdown(region_choices(lang0), value="", label=t("app.filter_region", lang0),
                                                elem_id="filter-region"),
                                    lambda lang: {"label": t("app.filter_region", lang),
                                                  "choices": region_choices(lang)})
            kind = relabel.add_fn(gr.Dropdown(kind_choices(lang0), value="", label=t("app.filter_kind", lang0),
                                              elem_id="filter-kind"),
                                  lambda lang: {"label": t("app.filter_kind", lang), "choices": kind_choices(lang)})
            language = relabel.add_fn(gr.Dropdown(language_choices(lang0), value="",
                                                  label=t("app.filter_language", lang0), elem_id="filter-language"),
                                      lambda lang: {"label": t("app.filter_language", lang),
                                                    "choices": language_choices(lang)})
            copy = relabel.add(gr.Textbox(label=t("app.copy_label", lang0), lines=COPY_LINES, interactive=False,
                                          buttons=["copy"], elem_id="chat-copy"), label="copy_label")

    def respond(question, region_value, kind_value, language_value, conv, lang):
        yield from chat_turn(ctx.assistant, question, conv, region_value, kind_value, language_value, lang)

    inputs = [box, region, kind, language, conversation, ctx.lang]
    outputs = [chatbot, conversation, copy, box]
    send.click(respond, inputs, outputs, api_name="chat")
    box.submit(respond, inputs, outputs, api_name=False)
    clear.click(lambda: ([], new_conversation(), ""), None, [chatbot, conversation, copy], api_name=False)
