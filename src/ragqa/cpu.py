"""What this CPU computes fast, and the embedder precision that follows from it.

bf16 matrix products are fast only where the CPU has bf16 in hardware (x86 AVX512_BF16 or
AMX-BF16; Arm's bf16 extension). Elsewhere PyTorch emulates them and a bf16 embedder runs
several times slower than fp32 (measured 7x on an AVX2-only EPYC). ``auto`` therefore means
bf16 only where it is native, and otherwise the fastest precision measured on such CPUs.
"""

from __future__ import annotations

import platform
from functools import lru_cache
from pathlib import Path

PRECISIONS = ("auto", "fp32", "bf16", "int8")

# x86 flags (as /proc/cpuinfo and torch.cpu.get_capabilities() name them) that make bf16 native
_BF16_FLAGS = ("avx512_bf16", "amx_bf16")
_ARM_BF16_FLAGS = ("bf16", "sve_bf16")
# the flags worth printing in a benchmark or a bug report
REPORTED_FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_tile", "amx_bf16",
                  "amx_int8", "neon", "bf16", "i8mm")


@lru_cache(maxsize=1)
def _cpuinfo() -> tuple[str, frozenset[str]]:
    """The first CPU's model name and flags from /proc/cpuinfo (Linux); empty elsewhere."""
    try:
        text = Path("/proc/cpuinfo").read_text("utf-8", "replace")
    except OSError:
        return "", frozenset()
    model, flags = "", None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "model name" and not model:
            model = value.strip()
        elif key in ("flags", "Features") and flags is None:
            flags = frozenset(value.split())
        if model and flags is not None:
            break
    return model, flags or frozenset()


def kernel_capabilities() -> dict[str, bool]:
    """The CPU flags the kernel reports (/proc/cpuinfo), without importing torch: enough to tell native bf16."""
    return {flag: True for flag in _cpuinfo()[1]}


@lru_cache(maxsize=1)
def capabilities() -> dict[str, bool]:
    """The CPU's instruction-set capabilities: torch's own view where it has one, /proc/cpuinfo otherwise.

    Torch's view is preferred because it is what torch's kernels dispatch on (and it also knows
    whether the OS has granted AMX tiles); /proc/cpuinfo covers older torch releases.
    """
    caps = kernel_capabilities()
    try:
        import torch

        get = getattr(torch.cpu, "get_capabilities", None)
        if get is not None:
            caps.update({k: bool(v) for k, v in dict(get()).items() if isinstance(v, bool)})
    except Exception:  # noqa: BLE001 - no torch, or a torch without the query: keep the kernel's flags
        pass
    return caps


def native_bf16(caps: dict[str, bool] | None = None) -> bool:
    """True where bf16 matrix products run in hardware."""
    caps = capabilities() if caps is None else caps
    flags = _ARM_BF16_FLAGS if platform.machine().lower() in ("aarch64", "arm64") else _BF16_FLAGS
    return any(caps.get(f) for f in flags)


def resolve_precision(requested: str, caps: dict[str, bool] | None = None, fallback: str = "fp32") -> str:
    """The precision to load the embedder in: ``requested`` unless it is ``auto``.

    ``auto`` is bf16 where it is native and ``fallback`` elsewhere (the configured precision for
    CPUs without bf16, set from the measurements in the README).
    """
    if requested not in PRECISIONS:
        raise ValueError(f"unknown embedding precision {requested!r}; choose one of {sorted(PRECISIONS)}")
    if requested != "auto":
        return requested
    return "bf16" if native_bf16(caps) else fallback


def describe() -> dict:
    """CPU model, core count and the flags that decide precision: for benchmarks and bug reports."""
    import os

    model = _cpuinfo()[0]
    caps = capabilities()
    return {"model": model or platform.processor() or platform.machine(), "machine": platform.machine(),
            "cores": os.cpu_count(), "flags": [f for f in REPORTED_FLAGS if caps.get(f)],
            "native_bf16": native_bf16(caps)}
