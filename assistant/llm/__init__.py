"""The chat-model layer below the answer stage, the compass, briefs and evaluation: backends, faults, prompts.

    from assistant.llm import build_chat_model, classify, fault_message, load_prompt
    model = build_chat_model(settings)          # ChatOpenAI, ChatOllama or the local llama.cpp model
    chain = load_prompt("answer", "nl") | model # a checked prompt file as a LangChain chat prompt

Submodules: factory (``build_chat_model``, the backends ``ASSISTANT_LLM`` names), llamacpp (local GGUF model),
errors (BackendConfigError, EmptyResponseError), faults (classify a failed call, the message naming the setting to
check), prompts (the one prompt registry: load, check variables, version). Importing the package imports neither
LangChain nor a provider; they are imported on first use.
"""

from assistant.llm.errors import BackendConfigError, EmptyResponseError
from assistant.llm.factory import BACKENDS, build_chat_model
from assistant.llm.faults import Fault, classify, fault_message
from assistant.llm.prompts import Prompt, PromptError, get_prompt, load_prompt, load_sections

__all__ = ["BACKENDS", "BackendConfigError", "EmptyResponseError", "Fault", "Prompt", "PromptError",
           "build_chat_model", "classify", "fault_message", "get_prompt", "load_prompt", "load_sections"]
