"""Where a transformer runs: the device, and the CPU threads torch and ONNX Runtime use."""

import os

from countrytone.errors import ModelError

DEVICES = ("cpu", "cuda")


def resolve_device(device: str | None, *, cpu_only: bool = False) -> str:
    """Return ``"cuda"`` or ``"cpu"``: the one asked for, else a GPU when torch sees one.

    Args:
        device: ``"cpu"``, ``"cuda"`` or None (choose).
        cpu_only: the model runs on a CPU only (int8 weights): None gives ``"cpu"``.

    Raises:
        ModelError: the device is unknown, or ``"cuda"`` is asked for where there is none or
            the model runs on a CPU only.
    """
    import torch

    if device is not None and device not in DEVICES:
        raise ModelError(f"unknown device {device!r}: choose cpu or cuda")
    if device == "cuda" and cpu_only:
        raise ModelError("int8 models run on a CPU only: choose --device cpu or another model")
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("no CUDA GPU is available to torch: choose --device cpu")
    if device is None:
        return "cuda" if torch.cuda.is_available() and not cpu_only else "cpu"
    return device


def cpu_threads() -> int:
    """The CPUs this process may run on (torch and ``os.cpu_count`` count the machine's)."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return available or os.cpu_count() or 1


def use_all_cpu_threads() -> None:
    """Let torch use every CPU this process may run on, and no more (set once per process)."""
    import torch

    if torch.get_num_threads() != cpu_threads():
        torch.set_num_threads(cpu_threads())
