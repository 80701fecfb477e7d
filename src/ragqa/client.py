"""Ask a running ``ragqa serve`` over its HTTP API, with the standard library only.

A process that answers one question pays seconds for loading torch, the embedder and Kiwi;
a running server has them loaded. ``ragqa ask`` therefore asks the server first when one is
up *and* serves the same index (same build folder), and falls back to answering in-process
otherwise (a server behind ``RAGQA_AUTH`` wants Gradio's login cookie, so it is not asked).
Nothing here imports a heavy package.

The protocol is Gradio's plain HTTP API: ``POST /gradio_api/call/<name>`` with
``{"data": [...]}`` returns an ``event_id``; ``GET /gradio_api/call/<name>/<event_id>``
streams server-sent events ending in ``event: complete`` (or ``event: error``).
"""

from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_SERVER = "http://127.0.0.1:7860"
OFF = ("", "0", "off", "no", "none")


class ServerError(RuntimeError):
    """The server could not be asked (down, another index, an error answer)."""


def server_url(env: dict[str, str] | None = None) -> str | None:
    """The server to try (``RAGQA_SERVER``; default loopback :7860), or None when switched off."""
    env = os.environ if env is None else env
    url = env.get("RAGQA_SERVER", DEFAULT_SERVER).strip()
    return None if url.lower() in OFF else url.rstrip("/")


def _listening(url: str, timeout: float) -> bool:
    """A cheap TCP probe: most of the time nothing listens, and that must cost milliseconds."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def call(url: str, name: str, data: list, timeout: float = 120.0) -> object:
    """Call the Gradio API function ``name`` with positional ``data``; returns its single output."""
    headers = {"Content-Type": "application/json"}
    req = urllib.request.Request(f"{url}/gradio_api/call/{name}", json.dumps({"data": data}).encode(), headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            event_id = json.loads(resp.read())["event_id"]
        req = urllib.request.Request(f"{url}/gradio_api/call/{name}/{event_id}", headers=headers)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            event = ""
            for raw in resp:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    payload = json.loads(line[5:].strip() or "null")
                    if event == "error":
                        raise ServerError(f"the server answered with an error: {payload}")
                    return payload[0] if isinstance(payload, list) and len(payload) == 1 else payload
    except (OSError, urllib.error.URLError, ValueError, KeyError) as exc:
        raise ServerError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
    raise ServerError(f"{url}: the stream ended without a result")


def ask_via_server(question: str, backend: str, index_dir: Path, url: str | None = None,
                   probe_timeout: float = 0.2, docs: list[str] | None = None,
                   threshold: float | None = None) -> dict | None:
    """The ``ragqa ask --json`` object from a running server that serves ``index_dir``'s current
    build, or None (no server, another index, or any failure: the caller answers in-process). ``docs`` (names)
    and ``threshold`` are passed on as ``--doc`` and ``--threshold`` would be."""
    url = url or server_url()
    if not url or not _listening(url, probe_timeout):
        return None
    from ragqa.index.pointer import current_build

    build = current_build(index_dir)
    try:
        info = call(url, "index_info", [], timeout=5.0)
        if not isinstance(info, dict) or build is None or info.get("index") != str(build.resolve()):
            return None
        result = call(url, "ask", [question, backend or "", "\n".join(docs or []),
                                   -1.0 if threshold is None else threshold])
    except ServerError:
        return None
    if not isinstance(result, dict) or "answer" not in result:
        return None
    result.setdefault("notes", []).append(f"answered by the server at {url}")
    return result
