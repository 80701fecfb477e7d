"""LLM backends behind LangChain chat models: a local GGUF (llama-cpp-python) and any
OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp's server, OpenAI)."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from ragqa import provision
from ragqa.config import AnswerConfig, Paths


class LLMUnavailable(RuntimeError):
    """The LLM cannot be used (not installed, model missing, endpoint down); says what to do."""


_ROLES = {"human": "user", "ai": "assistant", "system": "system"}
_llama_lock = threading.Lock()


@lru_cache(maxsize=2)
def _load_llama(path: str, n_ctx: int, n_threads: int):
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise LLMUnavailable("llama-cpp-python is not installed: run `make setup` (it builds it, ~6 min) or "
                             "`pip install 'ragqa[llm]'`.") from exc
    return Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)


class LlamaCppChat(BaseChatModel):
    """A local GGUF model through llama-cpp-python's chat completion (streaming capable)."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int = max(1, os.cpu_count() or 1)
    max_tokens: int = 384
    temperature: float = 0.0

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _messages(self, messages: list[BaseMessage]) -> list[dict]:
        return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(chunk.message.content for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        llm = _load_llama(self.model_path, self.n_ctx, self.n_threads)
        with _llama_lock:  # one generation at a time: llama.cpp contexts are not re-entrant
            for part in llm.create_chat_completion(messages=self._messages(messages), max_tokens=self.max_tokens,
                                                   temperature=self.temperature, stop=stop, stream=True):
                delta = part["choices"][0].get("delta", {}).get("content") or ""
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk


def gguf_path(cfg: AnswerConfig, paths: Paths) -> str:
    """The configured GGUF, or the provisioned Qwen2.5-Coder-1.5B (verified by hash)."""
    if cfg.llm_path:
        if not Path(cfg.llm_path).is_file():
            raise LLMUnavailable(f"GGUF model {cfg.llm_path} does not exist (RAGQA_LLM_PATH).")
        return cfg.llm_path
    try:
        return str(provision.verify_or_explain(provision.QWEN_CODER_GGUF, paths.models_dir))
    except provision.ProvisionError as exc:
        raise LLMUnavailable(str(exc)) from exc


def make_llamacpp(cfg: AnswerConfig, paths: Paths) -> BaseChatModel:
    return LlamaCppChat(model_path=gguf_path(cfg, paths), max_tokens=cfg.max_tokens, temperature=cfg.temperature)


def make_openai(cfg: AnswerConfig, paths: Paths) -> BaseChatModel:
    if not cfg.openai_base_url and not cfg.openai_api_key:
        raise LLMUnavailable("the openai backend needs RAGQA_OPENAI_BASE_URL (and RAGQA_OPENAI_MODEL, "
                             "RAGQA_OPENAI_API_KEY where the endpoint wants one).")
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(base_url=cfg.openai_base_url or None, model=cfg.openai_model or "default",
                      api_key=cfg.openai_api_key or "not-needed", timeout=cfg.timeout_s, max_retries=0,
                      temperature=cfg.temperature, max_tokens=cfg.max_tokens)
