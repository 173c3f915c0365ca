"""The app's CSS and its one piece of JavaScript (kept in Python so they ship without package-data entries)."""

CSS = """
#status-line { font-size: 0.9em; padding: 4px 10px; border-left: 4px solid var(--color-accent); }
#lang-toggle { max-width: 260px; }
.sources { margin-top: 0.6em; border-top: 1px solid var(--border-color-primary); padding-top: 0.4em; }
.sources-title { font-weight: 600; margin-bottom: 0.3em; }
details.citation { margin: 0.25em 0; padding: 0.2em 0.5em; border-radius: 6px;
  background: var(--background-fill-secondary); }
details.citation > summary { cursor: pointer; }
details.citation.flash { outline: 2px solid var(--color-accent); }
.cite-n { font-weight: 700; }
.cite-source { font-family: var(--font-mono); font-size: 0.85em; }
.cite-where { color: var(--body-text-color-subdued); font-size: 0.9em; }
.cite-quote { margin: 0.4em 0; padding-left: 0.6em; border-left: 3px solid var(--color-accent); font-style: italic; }
.cite-passage { font-size: 0.85em; color: var(--body-text-color-subdued); }
.cite-passage mark { background: #fff3b0; color: inherit; }
a.cite-ref { text-decoration: none; font-weight: 600; }
.not-found { padding: 0.6em 0.8em; border-radius: 6px; background: #fff4e5; border: 1px solid #f0a000;
  color: #5a3b00; }
.closest { margin-top: 0.6em; opacity: 0.85; }
.closest .sources-title { color: #5a3b00; }
details.citation.not-answer { border-left: 3px dashed #f0a000; }
.answer-error, .msg-error { padding: 0.5em 0.8em; border-radius: 6px; background: #fdecea; border: 1px solid #d93025;
  color: #6b1510; margin-top: 0.4em; }
.msg-ok { padding: 0.5em 0.8em; border-radius: 6px; background: #e6f4ea; border: 1px solid #188038; color: #0d3d1c; }
.msg-info { padding: 0.5em 0.8em; color: var(--body-text-color-subdued); }
.standalone, .removed-citations { font-size: 0.85em; color: var(--body-text-color-subdued); margin-top: 0.3em; }
.badge { display: inline-block; padding: 0 0.5em; border-radius: 999px; font-size: 0.8em; font-weight: 700;
  text-transform: uppercase; letter-spacing: 0.03em; vertical-align: middle; }
.badge-error { background: #d93025; color: #fff; }
.badge-warning { background: #f9ab00; color: #222; }
.validation { margin: 0.6em 0; padding: 0.5em 0.8em; border: 1px solid var(--border-color-primary);
  border-radius: 8px; }
.validation-status.passed { color: #188038; font-weight: 600; }
.validation-status.failed { color: #d93025; font-weight: 600; }
ul.findings { margin: 0.3em 0 0 0; padding-left: 1.1em; }
li.finding { margin: 0.2em 0; }
.kompas .criterion { margin: 0.6em 0; padding: 0.5em 0.8em; border: 1px solid var(--border-color-primary);
  border-radius: 8px; }
.crit-head { display: flex; gap: 0.6em; align-items: baseline; flex-wrap: wrap; }
.crit-label { font-weight: 700; font-size: 1.05em; }
.score { font-weight: 700; padding: 0 0.4em; border-radius: 4px; background: var(--background-fill-secondary); }
.score-none { font-weight: 400; font-style: italic; }
.confidence { font-size: 0.85em; color: var(--body-text-color-subdued); }
.rationale { margin: 0.3em 0; }
.override-note { font-size: 0.9em; background: #e8f0fe; padding: 0.2em 0.5em; border-radius: 4px; }
.evidence blockquote { margin: 0.2em 0; padding-left: 0.6em; border-left: 3px solid var(--border-color-primary); }
.ev-source { font-family: var(--font-mono); font-size: 0.8em; }
.ev-meta { font-size: 0.8em; color: var(--body-text-color-subdued); }
.recommendation { font-size: 1.1em; margin: 0.3em 0; }
ul.rationale { margin: 0.3em 0; padding-left: 1.1em; }
table.indicator-table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
table.indicator-table th, table.indicator-table td { text-align: left; vertical-align: top; padding: 0.2em 0.4em;
  border-bottom: 1px solid var(--border-color-primary); }
.band { display: inline-block; min-width: 1.6em; text-align: center; font-weight: 700; border-radius: 4px; }
.band-1 { background: #d73027; color: #fff; } .band-2 { background: #fc8d59; } .band-3 { background: #fee08b; }
.band-4 { background: #91cf60; } .band-5 { background: #1a9850; color: #fff; }
.band-none { font-weight: 400; font-style: italic; color: var(--body-text-color-subdued); }
"""

#: On load: clicking a [n] marker in an answer opens and highlights that source below the answer.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.cite-ref') : null;
    if (!link) return;
    const id = (link.getAttribute('href') || '').replace(/^#/, '');
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.open = true;
    target.scrollIntoView({block: 'nearest'});
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1500);
  }, true);
}
"""
