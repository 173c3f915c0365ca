"""Brabant compass assistant: cited answers and afwegingskompas score proposals for international cooperation.

Pipeline (one folder each): ingest -> index -> retrieve -> answer / compass -> brief / evaluation, with the chat
models, their faults and the prompt registry in llm (below answer and compass); the CLI and the Gradio app are thin
layers over :mod:`assistant.api`.
"""

__version__ = "0.1.0"
