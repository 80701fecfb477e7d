"""LLM endpoints that misbehave, served for real on loopback: slow, garbage, down."""

import http.server
import socketserver
import threading
import time

import pytest


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(handler_cls):
    server = _Server(("127.0.0.1", 0), handler_cls)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Slow(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        time.sleep(5)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Garbage(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = b"<html>not json at all</html>"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("handler,expect", [(Slow, "timed out"), (Garbage, "")])
def test_misbehaving_endpoint_falls_back_and_says_so(engine, handler, expect):
    server = serve(handler)
    try:
        engine.reconfigure(engine.cfg.replace(answer={"openai_base_url": f"http://127.0.0.1:{server.server_port}/v1",
                                                      "timeout_s": 1.5}))
        t0 = time.perf_counter()
        a = engine.ask("중국의 AI 반도체 투자 규모는 얼마인가?", backend="openai")
        assert time.perf_counter() - t0 < 15
        assert "fallback" in a.backend and "30억" in a.text
        assert any("openai" in n and expect in n for n in a.notes)
    finally:
        server.shutdown()


def test_huge_file_is_refused_not_loaded(mini_corpus):
    from ragqa.ingest import load_corpus

    big = mini_corpus / "huge.txt"
    with open(big, "wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.seek(200 * 1024 * 1024)
        f.write(b"\n")
    docs, warnings = load_corpus(mini_corpus)
    assert "huge.txt" not in {d.source for d in docs}
    assert any("huge.txt" in str(w) and "MiB" in str(w) for w in warnings)


def test_missing_model_names_the_command(tmp_path):
    from ragqa.config import EmbedConfig
    from ragqa.models import ModelError, load_embedder

    (tmp_path / "embeddinggemma-300m").mkdir()  # present but unverified
    with pytest.raises(ModelError, match="ragqa models fetch"):
        load_embedder(EmbedConfig(), tmp_path)


def test_a_model_neither_provisioned_nor_reachable_fails_fast_and_says_where_it_looked(tmp_path, monkeypatch):
    import time

    from ragqa.config import EmbedConfig
    from ragqa.models import ModelError, hub_reachable, load_embedder

    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # a closed port: no hub here
    assert not hub_reachable(timeout=2)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert not hub_reachable(timeout=2)
    monkeypatch.delenv("HF_HUB_OFFLINE")
    load_embedder.cache_clear()
    t0 = time.perf_counter()
    with pytest.raises(ModelError) as err:
        load_embedder(EmbedConfig(), tmp_path / "models")
    assert time.perf_counter() - t0 < 30  # the hub client's own retries take over a minute
    assert str((tmp_path / "models").resolve()) in str(err.value) and "RAGQA_MODELS" in str(err.value)
    assert "ragqa models fetch" in str(err.value)


def test_the_cli_finds_the_projects_models_from_another_folder(tmp_path):
    from pathlib import Path

    import ragqa.config
    from ragqa.config import Config

    checkout = Path(ragqa.config.__file__).resolve().parents[2] / "models"
    found = Config.from_env({"RAGQA_HOME": str(tmp_path)}).paths.models_dir
    assert found == (checkout if checkout.is_dir() else tmp_path / "models")
    (tmp_path / "models").mkdir()  # a models folder where it runs comes first
    assert Config.from_env({"RAGQA_HOME": str(tmp_path)}).paths.models_dir == tmp_path / "models"
    assert Config.from_env({"RAGQA_HOME": str(tmp_path), "RAGQA_MODELS": "/opt/m"}).paths.models_dir == Path("/opt/m")
