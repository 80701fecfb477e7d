"""Answer backends by name: the extractive one, and LLM factories loaded on first use.

Importing this module costs nothing: a factory is named as ``"module:function"`` and imported
only when that backend is asked for (LangChain and llama.cpp stay unloaded for a CLI that only
parses its arguments). Tests and plugins may register a callable directly.
"""

from __future__ import annotations

import importlib
from typing import Callable

EXTRACTIVE = "extractive"

LLM_FACTORIES: dict[str, str | Callable] = {
    "llamacpp": "ragqa.answer.llm:make_llamacpp",
    "openai": "ragqa.answer.llm:make_openai",
}


def backends() -> list[str]:
    """Every answer backend: the extractive one and each registered LLM."""
    return [EXTRACTIVE, *sorted(LLM_FACTORIES)]


def llm_factory(name: str) -> Callable:
    """The factory ``(AnswerConfig, Paths) -> chat model`` registered as ``name``."""
    try:
        factory = LLM_FACTORIES[name]
    except KeyError:
        raise KeyError(f"unknown LLM backend {name!r}; choose one of {sorted(LLM_FACTORIES)}") from None
    if isinstance(factory, str):
        module, _, attr = factory.partition(":")
        factory = getattr(importlib.import_module(module), attr)
    return factory
