"""Answers with citations: retrieval -> evidence -> backend (extractive or LLM) -> checked, cited Answer.

    from assistant.answer import answer_question, stream_answer
    answer = answer_question("Hoe staat het met de persvrijheid in China?", searcher, settings)

Submodules: pipeline (the two entry points), base (Answerer protocol), extractive, generative (LLM answerer and
its LCEL answer chain), condense (follow-ups), scoring and sentences (evidence), question (what a question asks
for), subject (is a passage about the question's subject), answerability (answer or refuse, and why), citations,
safety (prompt injection), messages (Dutch/English texts). The chat models, their faults and the prompt files are
the :mod:`assistant.llm` package's.
"""

from assistant.answer.pipeline import answer_question, stream_answer

__all__ = ["answer_question", "stream_answer"]
