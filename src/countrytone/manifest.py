"""The manifest a saved tone model carries: ``countrytone.json`` beside its weights.

Training writes it and loading reads it, both through :class:`ModelManifest`. It says how the
weights are stored (a compact form over a base package, LoRA adapters over a base encoder, or
neither for a full Hugging Face model directory), the calibration temperature, the input length
and, for the record, how the model was trained.
"""

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from countrytone.errors import ModelError

MANIFEST_FILE = "countrytone.json"
MANIFEST_FORMAT = 1
# The encoder input length used in training (DESIGN.md); NewsMTSC sentences with the marked
# target and the mention fit in it in all but a handful of cases.
DEFAULT_MAX_LENGTH = 128


@dataclass(frozen=True)
class ModelManifest:
    """What ``countrytone.json`` records of a saved tone model.

    Attributes:
        temperature: the logits are divided by this before the softmax (calibration).
        max_length: the most tokens one input may have.
        partial_weights: the compact form: the file of all weights but the word embeddings,
            which come from the installed ``base_package`` (key ``base_embeddings_key``,
            checked against ``base_embeddings_sha256``).
        adapter_weights: the LoRA form: the file of the adapters and the classifier head, over
            the base encoder ``base_encoder`` of ``countrytone.encoders``, with peft
            ``LoraConfig(**lora)``.
        cpu_fp32_layers: the linear layers the int8 CPU runtime keeps fp32, by a part of their
            ONNX node name (``countrytone.onnx_runtime``): the few whose int8 error moves the
            model's logits most, as ``benchmarks/cpu_runtimes.py --sensitivity`` ranks them.
        cpu_scaled_rows: true when that runtime scales each token's activations to a largest
            magnitude of 1 and quantizes them with one fixed scale
            (``countrytone.onnx_runtime.scale_rows``): more of the fp32 labels kept, and the
            same scores whatever the batch, at some speed (``benchmarks/cpu_runtimes.py``);
            unset, one scale per batch.
        training: how the model was trained (settings and validation results), for the record.
        format: the manifest's format version.
    """

    temperature: float = 1.0
    max_length: int = DEFAULT_MAX_LENGTH
    partial_weights: str | None = None
    base_package: str | None = None
    base_embeddings_key: str | None = None
    base_embeddings_sha256: str | None = None
    adapter_weights: str | None = None
    base_encoder: str | None = None
    lora: dict[str, Any] | None = None
    cpu_fp32_layers: list[str] | None = None
    cpu_scaled_rows: bool | None = None
    training: dict[str, Any] = field(default_factory=dict)
    format: int = MANIFEST_FORMAT

    def __post_init__(self) -> None:
        if not self.temperature > 0 or self.max_length < 8:
            raise ValueError("temperature must be > 0 and max_length at least 8")
        if self.partial_weights and self.adapter_weights:
            raise ValueError("a model is either compact or LoRA adapters, not both")
        if self.partial_weights and not (self.base_package and self.base_embeddings_key):
            raise ValueError("the compact form needs base_package and base_embeddings_key")
        if self.adapter_weights and not (self.base_encoder and self.lora):
            raise ValueError("LoRA adapters need base_encoder and lora settings")

    @classmethod
    def read(cls, folder: Path) -> "ModelManifest | None":
        """Return the manifest in ``folder``, or None when it has none (a plain model directory).

        Raises:
            ModelError: the manifest cannot be read or does not describe a model.
        """
        path = folder / MANIFEST_FILE
        if not path.is_file():
            return None
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ModelError(f"{path}: cannot be read ({error})") from None
        if not isinstance(raw, dict):
            raise ModelError(f"{path}: not a JSON object")
        known = {item.name for item in fields(cls)}
        if unknown := sorted(set(raw) - known):
            raise ModelError(f"{path}: unknown keys {', '.join(unknown)}")
        if raw.get("format", MANIFEST_FORMAT) != MANIFEST_FORMAT:
            raise ModelError(f"{path}: format {raw['format']} is not {MANIFEST_FORMAT}")
        try:
            return cls(**raw)
        except (TypeError, ValueError) as error:
            raise ModelError(f"{path}: {error}") from None

    def write(self, folder: Path) -> None:
        """Write the manifest into ``folder`` (whole or not at all), leaving out unset fields."""
        values = {key: value for key, value in asdict(self).items() if value is not None}
        text = json.dumps({"format": values.pop("format"), **values}, indent=2) + "\n"
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, prefix=".countrytone-", delete=False
        ) as scratch:
            scratch.write(text)
        os.replace(scratch.name, folder / MANIFEST_FILE)
