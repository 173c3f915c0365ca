"""The errors of the chat-model layer, in a module of their own so backends and the factory both import them."""

from __future__ import annotations


class EmptyResponseError(RuntimeError):
    """The model returned no usable text."""


class BackendConfigError(RuntimeError):
    """The chosen backend cannot be built from the settings (missing package, missing model file)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind  # "missing_package" or "config"
        self.detail = detail
