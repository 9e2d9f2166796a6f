"""Tone models by name: the registered names, their aliases and the one cached loader.

``default`` is the most accurate model the package ships, ``fast`` trades accuracy for speed on
a large corpus on a CPU (DESIGN.md). Each model is created once per name and device per
process, on first use, never at import.
"""

from functools import cache
from pathlib import Path

from countrytone.errors import ModelError
from countrytone.tone import ToneModel
from countrytone.vader import VaderToneModel

# What each alias stands for. The names they point to are the ones the rows carry in the
# ``model`` column: "mpnet" (all-mpnet-base-v2 with LoRA adapters) and "minilm" (a fine-tuned
# all-MiniLM-L6-v2), both shipped in countrytone/models/.
ALIASES = {"default": "mpnet", "accurate": "mpnet", "fast": "minilm", "fast-int8": "minilm-int8"}
MODEL_NAMES: tuple[str, ...] = (
    "default",
    "fast",
    "fast-int8",
    "vader",
    "accurate",
    "mpnet",
    "minilm",
    "minilm-int8",
)
# The shipped MiniLM with int8 weights: it runs on a CPU only.
QUANTIZED_MODELS = {"minilm-int8": "minilm"}


def load_tone_model(name: str = "default", *, device: str | None = None) -> ToneModel:
    """Return the tone model registered as ``name``, or the one in the directory ``name``.

    ``"default"`` (also ``"accurate"``, ``"mpnet"``) is all-mpnet-base-v2 with LoRA adapters
    fine-tuned on NewsMTSC, the most accurate; ``"fast"`` (``"minilm"``) is a fine-tuned
    all-MiniLM-L6-v2, several times as fast; ``"fast-int8"`` (``"minilm-int8"``) is it with
    int8 weights, faster again on a CPU; ``"vader"`` is the lexicon model. Any other name is
    read as the path of a local model directory (see ``countrytone.transformer``).

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

    quantized = name in QUANTIZED_MODELS
    return _load_transformer(name, resolve_device(device, cpu_only=quantized))


@cache
def _vader() -> VaderToneModel:
    return VaderToneModel()


@cache
def _load_transformer(name: str, device: str) -> ToneModel:
    # Imported here: torch and transformers load only when a transformer model is asked for.
    from countrytone.transformer import SHIPPED_MODELS, load_transformer

    if name in SHIPPED_MODELS:
        return load_transformer(SHIPPED_MODELS[name], name=name, device=device)
    if name in QUANTIZED_MODELS:
        return load_transformer(
            SHIPPED_MODELS[QUANTIZED_MODELS[name]], name=name, device=device, quantize=True
        )
    if Path(name).is_dir():
        return load_transformer(Path(name), device=device)
    raise ModelError(
        f"unknown tone model {name!r}: choose one of {', '.join(MODEL_NAMES)} or a model directory"
    )
