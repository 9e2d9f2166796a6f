"""Tone models by name: the registered names, their aliases and the one cached loader.

``default`` is the most accurate model the package ships and ``fast`` trades accuracy for speed
on a large corpus; each runs the fastest way the device allows. Each model is created once per
name and device per process, on first use, never at import.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from countrytone.errors import ModelError
from countrytone.tone import ToneModel
from countrytone.vader import VaderToneModel

if TYPE_CHECKING:
    from countrytone.transformer import Runtime


@dataclass(frozen=True)
class ShippedModel:
    """A registered transformer model: a model directory shipped in the package and how it runs.

    Attributes:
        directory: the key of the model's directory in ``transformer.SHIPPED_MODELS``.
        runtime: a ``transformer.Runtime``; the int8 ones run on a CPU only.
    """

    directory: str
    runtime: "Runtime" = "torch"

    @property
    def cpu_only(self) -> bool:
        """Whether the model runs on a CPU only."""
        return self.runtime != "torch"


# By the name their rows carry in the ``model`` column. "mpnet" is all-mpnet-base-v2 with LoRA
# adapters, "minilm" a fine-tuned all-MiniLM-L6-v2 (their model cards say more); "-int8" runs
# them on ONNX Runtime with int8 linear layers but their most sensitive ones, on a CPU
# (benchmarks/cpu_runtimes.py).
SHIPPED = {
    "mpnet": ShippedModel("mpnet"),
    "mpnet-int8": ShippedModel("mpnet", "onnx-int8"),
    "minilm": ShippedModel("minilm"),
    "minilm-int8": ShippedModel("minilm", "onnx-int8"),
}
# Each runs int8 on a CPU, where that is several times as fast and keeps validation macro-F1
# within 0.6 points, and in torch fp16 on a GPU.
BY_DEVICE = {
    "default": {"cpu": "mpnet-int8", "cuda": "mpnet"},
    "fast": {"cpu": "minilm-int8", "cuda": "minilm"},
}
ALIASES = {"accurate": "default", "fast-int8": "minilm-int8"}
MODEL_NAMES: tuple[str, ...] = ("default", "fast", "fast-int8", "vader", "accurate", *SHIPPED)


def load_tone_model(name: str = "default", *, device: str | None = None) -> ToneModel:
    """Return the tone model registered as ``name``, or the one in the directory ``name``.

    ``"default"`` (also ``"accurate"``) is all-mpnet-base-v2 with LoRA adapters fine-tuned on
    NewsMTSC and the country-tone training set, the most accurate: ``"mpnet-int8"`` on a CPU,
    ``"mpnet"`` on a GPU. ``"fast"`` is a fine-tuned all-MiniLM-L6-v2 distilled from one of
    its training runs, several times as fast: ``"minilm-int8"`` (also ``"fast-int8"``) on a
    CPU, ``"minilm"`` on a GPU. ``"vader"`` is the lexicon model. Any other name is read as the
    path of a local model directory (see ``countrytone.transformer``).

    Args:
        name: a name of ``MODEL_NAMES`` or a model directory.
        device: ``"cpu"`` or ``"cuda"``; by default a GPU when torch sees one (in fp16 there),
            else the CPU. The lexicon model ignores it; int8 models run on a CPU only.

    Returns:
        The same instance for the same name and device, every time.

    Raises:
        ModelError: the name is neither registered nor a model directory, the device is not
            available, or loading fails.
    """
    name = ALIASES.get(name, name)
    if name == "vader":
        return _vader()
    from countrytone.devices import resolve_device

    shipped = SHIPPED.get(name)
    resolved = resolve_device(device, cpu_only=shipped is not None and shipped.cpu_only)
    if name in BY_DEVICE:
        name = BY_DEVICE[name][resolved]
    return _load_transformer(name, resolved)


@cache
def _vader() -> VaderToneModel:
    return VaderToneModel()


@cache
def _load_transformer(name: str, device: str) -> ToneModel:
    # Imported here: torch and transformers load only when a transformer model is asked for.
    from countrytone.transformer import SHIPPED_MODELS, load_transformer

    if name in SHIPPED:
        shipped = SHIPPED[name]
        return load_transformer(
            SHIPPED_MODELS[shipped.directory], name=name, device=device, runtime=shipped.runtime
        )
    if Path(name).is_dir():
        return load_transformer(Path(name), device=device)
    raise ModelError(
        f"unknown tone model {name!r}: choose one of {', '.join(MODEL_NAMES)} or a model directory"
    )
