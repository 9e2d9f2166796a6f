"""The transformer tone model: a fine-tuned encoder that scores the tone toward a marked target.

The input for a target is a sentence pair: the sentence around the target with the target
marked inside it (``«`` before, ``»`` after), and the target's own words as the second segment.
This is the best setup measured in DESIGN.md (macro-F1 0.777 on the NewsMTSC dev sets against
0.772 without the marking). Text longer than the model's input is cut to a window of tokens
centred on the target, so the target is never truncated away.

A model directory is either a full Hugging Face model directory (``model.safetensors``,
``config.json``, tokenizer files), or one of two compact forms with a ``countrytone.json``
manifest (written by :func:`countrytone.training.train`): all weights but the word embeddings
in fp16, the embeddings loaded from the installed base package (the shipped MiniLM); or LoRA
adapters and the classifier head in fp16 over a base encoder of ``countrytone.encoders``,
merged into it at load time (the shipped MPNet, ``default``). The manifest is read through
:class:`countrytone.manifest.ModelManifest`.

A model runs in torch, on a GPU in fp16 (``device="cuda"``) or on the CPU in fp32, or on the CPU
on ONNX Runtime with most linear layers int8 (``countrytone.onnx_runtime``).

torch and transformers are imported inside the functions that need them, so importing this
module stays light.
"""

import hashlib
import logging
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from countrytone.devices import cpu_threads, use_all_cpu_threads
from countrytone.encoders import base_encoder_path, cache_dir, package_model_path
from countrytone.errors import ModelError
from countrytone.manifest import DEFAULT_MAX_LENGTH, ModelManifest
from countrytone.tone import Label, Target, Tone
from countrytone.windows import sentence_span

if TYPE_CHECKING:
    import torch
    from peft import PeftModel
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from countrytone.onnx_runtime import OnnxLogits

# Characters put around the target inside the sentence. Both are single tokens of the MiniLM
# (BERT uncased) vocabulary and rare in English news text.
TARGET_OPEN = "«"
TARGET_CLOSE = "»"
# Targets are short ("President Trump", "the Chinese Foreign Ministry"); a longer span is cut
# to this many characters in the second segment (it stays whole, marked, in the first).
MAX_MENTION_CHARS = 100
DEFAULT_BATCH_SIZE = 32
# A GPU scores more targets per pass than a CPU's caches favour.
GPU_BATCH_SIZE = 128
# More characters of context than a window of max_length tokens can ever hold (a wordpiece
# token averages 4-5 characters in news text).
MAX_CONTEXT_CHARS = 2000

# The weights files of the two compact forms (see countrytone.training).
PARTIAL_WEIGHTS = "weights-fp16.safetensors"
ADAPTER_WEIGHTS = "adapter-fp16.safetensors"
# The models shipped in the package, by the name their rows carry in the ``model`` column.
SHIPPED_MODELS = {
    "mpnet": Path(__file__).resolve().parent / "models" / "mpnet",
    "minilm": Path(__file__).resolve().parent / "models" / "minilm",
}
# Added to a model's default name when its linear layers are quantized to int8, so the rows it
# scores say which model scored them.
QUANTIZED_SUFFIX = "-int8"
# How a model runs: torch (fp32 on a CPU, fp16 on a GPU), or ONNX Runtime with most linear layers
# int8 (on a CPU only).
Runtime = Literal["torch", "onnx-int8"]

logger = logging.getLogger(__name__)

# The order of the classifier's outputs in models trained by countrytone.training.
LABEL_ORDER: tuple[Label, ...] = (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE)


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairText:
    """The two input segments for one target: the marked window and the mention."""

    marked: str
    mention: str


def context_span(target: Target) -> tuple[int, int]:
    """Return ``(start, end)`` of the sentence around the target, cut to ``MAX_CONTEXT_CHARS``
    on either side of the target (a 1 MB "sentence" is not tokenised whole)."""
    sentence_start, sentence_end = sentence_span(target)
    return (
        max(sentence_start, target.start - MAX_CONTEXT_CHARS),
        min(sentence_end, target.end + MAX_CONTEXT_CHARS),
    )


def mark_target(target: Target) -> PairText:
    """Return the sentence around the target with the target marked, and the mention.

    The sentence is :func:`context_span` of the target (the target always inside it).
    """
    sentence_start, sentence_end = context_span(target)
    text = target.text
    marked = (
        f"{text[sentence_start : target.start]}{TARGET_OPEN}{target.mention}{TARGET_CLOSE}"
        f"{text[target.end : sentence_end]}"
    )
    return PairText(marked, target.mention.strip()[:MAX_MENTION_CHARS] or target.mention)


def pair_texts(
    targets: Sequence[Target],
    tokenizer: "PreTrainedTokenizerBase",
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> list[PairText]:
    """Return the input segments for each target, the first cut to fit ``max_length`` tokens.

    When the marked sentence and the mention together are longer than ``max_length`` tokens,
    the marked sentence is cut to a window of whole tokens around the marked target (centred on
    it where the sentence allows), so the target and its markers always stay in the input.
    """
    pairs = [mark_target(target) for target in targets]
    if not pairs:
        return []
    specials = tokenizer.num_special_tokens_to_add(pair=True)
    # Each token covers at least one character, so short pairs need no tokenising to check.
    long_indices = [
        index
        for index, pair in enumerate(pairs)
        if len(pair.marked) + len(pair.mention) + specials > max_length
    ]
    if not long_indices:
        return pairs
    # Long texts are tokenised whole only to find the window; the model never sees them, so
    # the tokenizer's one-time "longer than the maximum sequence length" warning is noise.
    tokenizer.deprecation_warnings["sequence-length-is-longer-than-the-specified-maximum"] = True
    marked = tokenizer(
        [pairs[index].marked for index in long_indices],
        add_special_tokens=False,
        return_offsets_mapping=True,
    )
    mentions = tokenizer([pairs[index].mention for index in long_indices], add_special_tokens=False)
    for row, index in enumerate(long_indices):
        offsets: list[tuple[int, int]] = marked["offset_mapping"][row]
        budget = max_length - specials - len(mentions["input_ids"][row])
        if len(offsets) <= budget:
            continue
        pair, target = pairs[index], targets[index]
        open_at = target.start - context_span(target)[0]
        close_end = open_at + len(TARGET_OPEN) + len(target.mention) + len(TARGET_CLOSE)
        pairs[index] = PairText(
            _token_window(pair.marked, offsets, open_at, close_end, budget), pair.mention
        )
    return pairs


def _token_window(
    text: str, offsets: Sequence[tuple[int, int]], start: int, end: int, budget: int
) -> str:
    """Cut ``text`` to at most ``budget`` of its tokens, keeping ``text[start:end]`` whole."""
    first = next(i for i, (_, token_end) in enumerate(offsets) if token_end > start)
    last = max(i for i, (token_start, _) in enumerate(offsets) if token_start < end)
    span_tokens = last - first + 1
    if span_tokens >= budget:
        window_start, window_end = first, last + 1
    else:
        window_start = max(0, min(first - (budget - span_tokens) // 2, len(offsets) - budget))
        window_end = window_start + budget
    return text[offsets[window_start][0] : offsets[window_end - 1][1]]


def encode(
    pairs: Sequence[PairText],
    tokenizer: "PreTrainedTokenizerBase",
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> dict[str, list[list[int]]]:
    """Tokenise the pairs without padding (the caller pads each batch).

    ``truncation="only_first"`` only guards against a tokenisation that differs at the cut
    edges of a window; :func:`pair_texts` has already made each pair fit.
    """
    encoded = tokenizer(
        [pair.marked for pair in pairs],
        [pair.mention for pair in pairs],
        truncation="only_first",
        max_length=max_length,
    )
    return {name: list(encoded[name]) for name in tokenizer.model_input_names if name in encoded}


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Split indices into batches of similar length (longest first) to limit padding."""
    order = sorted(range(len(lengths)), key=lambda index: -lengths[index])
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def collate(
    encoded: dict[str, list[list[int]]],
    indices: Sequence[int],
    tokenizer: "PreTrainedTokenizerBase",
) -> dict[str, "torch.Tensor"]:
    """Pad the chosen rows of ``encoded`` into one batch of tensors."""
    rows = [{name: values[index] for name, values in encoded.items()} for index in indices]
    batch = tokenizer.pad(rows, padding="longest", return_tensors="pt")
    return {name: batch[name] for name in encoded}


# --- the model ---------------------------------------------------------------------------------


class Classifier(Protocol):
    """Runs a three-label classifier on one padded batch of token ids."""

    @property
    def device(self) -> str:
        """Where it runs: ``"cpu"`` or ``"cuda"``."""
        ...

    def __call__(self, batch: Mapping[str, "torch.Tensor"]) -> "torch.Tensor":
        """Return the logits ``[batch, labels]``, float32 on the CPU."""
        ...


class TorchClassifier:
    """A Hugging Face sequence classifier run by torch where its weights are."""

    def __init__(self, model: "PreTrainedModel") -> None:
        self.model = model.train(False)

    @property
    def device(self) -> str:
        """Where the weights are: ``"cpu"`` or ``"cuda"``."""
        return str(next(self.model.parameters()).device.type)

    def __call__(self, batch: Mapping[str, "torch.Tensor"]) -> "torch.Tensor":
        """Return the logits of a batch, float32 on the CPU."""
        import torch

        device = self.device
        with torch.inference_mode():
            on_device = {key: tensor.to(device) for key, tensor in batch.items()}
            logits: torch.Tensor = self.model(**on_device).logits
        return logits.float().cpu()


class OnnxClassifier:
    """A classifier's ONNX Runtime model (``countrytone.onnx_runtime``), on the CPU."""

    device = "cpu"

    def __init__(self, logits: "OnnxLogits") -> None:
        self.logits = logits

    def __call__(self, batch: Mapping[str, "torch.Tensor"]) -> "torch.Tensor":
        """Return the logits of a batch, float32 on the CPU."""
        import torch

        return torch.from_numpy(self.logits({key: value.numpy() for key, value in batch.items()}))


class TransformerToneModel:
    """A fine-tuned sequence-pair classifier as a :class:`countrytone.tone.ToneModel`.

    Args:
        classifier: runs the three-label classifier on a batch (torch or ONNX Runtime).
        tokenizer: its tokenizer.
        label_order: the Label of each of the model's outputs, in output order.
        temperature: the logits are divided by this before the softmax (fitted on the
            validation slice in training, so the probabilities are calibrated).
        max_length: the most tokens one input may have.
        batch_size: targets per forward pass.
        name: the id written in the output's ``model`` column.

    Use :func:`load_transformer` to load one from a model directory.
    """

    def __init__(
        self,
        classifier: Classifier,
        tokenizer: "PreTrainedTokenizerBase",
        *,
        label_order: Sequence[Label] = LABEL_ORDER,
        temperature: float = 1.0,
        max_length: int = DEFAULT_MAX_LENGTH,
        batch_size: int = DEFAULT_BATCH_SIZE,
        name: str,
    ) -> None:
        if sorted(label_order) != sorted(Label) or temperature <= 0:
            raise ValueError("label_order must hold each Label once and temperature must be > 0")
        self.classifier = classifier
        self.tokenizer = tokenizer
        self.label_order = tuple(label_order)
        self.temperature = temperature
        self.max_length = max_length
        self.batch_size = batch_size
        self._name = name

    @property
    def name(self) -> str:
        """The id written in the output's ``model`` column."""
        return self._name

    @property
    def device(self) -> str:
        """Where the model runs: ``"cpu"`` or ``"cuda"``."""
        return self.classifier.device

    def __repr__(self) -> str:
        return (
            f"TransformerToneModel(name={self._name!r}, temperature={self.temperature:.3f}, "
            f"max_length={self.max_length}, batch_size={self.batch_size}, "
            f"classifier={type(self.classifier).__name__}, device={self.device!r})"
        )

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        """Return one Tone per target, in order."""
        if not targets:
            return []
        probabilities = self.probabilities(targets)
        column = {label: self.label_order.index(label) for label in Label}
        return [
            Tone.from_probabilities(
                row[column[Label.NEGATIVE]], row[column[Label.NEUTRAL]], row[column[Label.POSITIVE]]
            )
            for row in probabilities
        ]

    def logits(self, targets: Sequence[Target]) -> "torch.Tensor":
        """Return the raw (uncalibrated) logits, one row per target, in model output order."""
        import torch

        pairs = pair_texts(targets, self.tokenizer, max_length=self.max_length)
        encoded = encode(pairs, self.tokenizer, max_length=self.max_length)
        lengths = [len(ids) for ids in encoded["input_ids"]]
        result = torch.empty((len(targets), len(self.label_order)), dtype=torch.float32)
        for indices in length_sorted_batches(lengths, self.batch_size):
            result[indices] = self.classifier(collate(encoded, indices, self.tokenizer))
        return result

    def probabilities(self, targets: Sequence[Target]) -> list[list[float]]:
        """Return the calibrated probabilities, one row per target, in model output order."""
        import torch

        logits = self.logits(targets)
        probabilities = torch.softmax(logits.double() / self.temperature, dim=-1)
        rows: list[list[float]] = probabilities.tolist()
        return rows


# --- loading -----------------------------------------------------------------------------------


def load_transformer(
    path: Path, *, name: str | None = None, device: str = "cpu", runtime: Runtime = "torch"
) -> TransformerToneModel:
    """Load a TransformerToneModel from a model directory (``registry.load_tone_model`` loads
    each model once; this loads it every time).

    The directory is either a full Hugging Face model directory of a three-label sequence
    classifier (labels named negative/neutral/positive in ``config.json``'s ``id2label``), or
    a compact form with a ``countrytone.json`` manifest (the shipped models). A manifest, in
    either form, also sets the temperature and the maximum length.

    Args:
        path: the model directory.
        name: the id written in the ``model`` column (default: the directory's name, with
            ``"-int8"`` added for an int8 runtime).
        device: ``"cuda"`` runs the model on the GPU in fp16, ``"cpu"`` on the CPU; the int8
            runtime is for the CPU only.
        runtime: ``"torch"`` (fp32 on a CPU, fp16 on a GPU), or ``"onnx-int8"``, ONNX Runtime
            with the linear layers int8 but the most sensitive ones, their activations scaled
            row by row or not (the manifest's ``cpu_fp32_layers`` and ``cpu_scaled_rows``;
            ``countrytone.onnx_runtime``), built once per model into countrytone's cache
            folder.

    Raises:
        ModelError: the directory is missing or incomplete, its base is not installed, or an
            int8 runtime is asked for on a GPU.
    """
    from transformers import AutoConfig, AutoTokenizer

    path = path.resolve()
    if not path.is_dir():
        raise ModelError(f"{path}: no such model directory")
    if runtime != "torch" and device != "cpu":
        raise ModelError(f"the {runtime} runtime runs on a CPU only")
    manifest = ModelManifest.read(path) or ModelManifest()
    use_all_cpu_threads()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        config = AutoConfig.from_pretrained(str(path), local_files_only=True)
    except (OSError, ValueError) as error:
        raise _load_error(path, error) from None
    classifier: Classifier
    if runtime == "onnx-int8":
        classifier = OnnxClassifier(_onnx_logits(path, manifest, tokenizer.model_input_names))
    else:
        model = _torch_model(path, manifest)
        if device == "cuda":
            import torch

            # PreTrainedModel.to's wrapper hides torch's signature from the type checker.
            model = torch.nn.Module.to(model, device, torch.float16)
        classifier = TorchClassifier(model)
    return TransformerToneModel(
        classifier,
        tokenizer,
        label_order=_label_order(path, config.id2label),
        temperature=manifest.temperature,
        max_length=manifest.max_length,
        batch_size=GPU_BATCH_SIZE if device == "cuda" else DEFAULT_BATCH_SIZE,
        name=name or (path.name if runtime == "torch" else f"{path.name}{QUANTIZED_SUFFIX}"),
    )


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """transformers' load reports and progress bars off, for loading and saving that are
    expected (a new classifier head "missing" from its encoder's checkpoint, "Loading
    weights" bars): they would only alarm."""
    from transformers.utils import logging as transformers_logging

    verbosity = transformers_logging.get_verbosity()
    bars = transformers_logging.is_progress_bar_enabled()
    transformers_logging.set_verbosity(logging.ERROR)
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        transformers_logging.set_verbosity(verbosity)
        if bars:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]


def _torch_model(path: Path, manifest: ModelManifest) -> "PreTrainedModel":
    """The model directory's classifier in torch, fp32 on the CPU."""
    from transformers import AutoConfig, AutoModelForSequenceClassification

    try:
        if not (manifest.partial_weights or manifest.adapter_weights):
            with quiet_transformers():
                full: PreTrainedModel = AutoModelForSequenceClassification.from_pretrained(
                    str(path), local_files_only=True
                )
            return full
        from_config = cast(
            "Callable[[Any], PreTrainedModel]", AutoModelForSequenceClassification.from_config
        )
        model = from_config(AutoConfig.from_pretrained(str(path), local_files_only=True))
        if manifest.partial_weights:
            _load_partial(model, path, manifest)
            return model
        return _merged_adapter(model, path, manifest)
    except (OSError, ValueError) as error:
        raise _load_error(path, error) from None


def _load_error(path: Path, error: Exception) -> ModelError:
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return ModelError(f"{path}: cannot load the model ({first_line})")


def _onnx_logits(path: Path, manifest: ModelManifest, input_names: Sequence[str]) -> "OnnxLogits":
    """The ONNX Runtime model of the directory's classifier, built once into the cache.

    The cache entry is keyed by the directory's files, the base encoder and the recipe, so a
    retrained model or a changed recipe builds anew.
    """
    from countrytone import onnx_runtime

    key = hashlib.sha256()
    for file in sorted(path.iterdir()):
        if file.is_file():
            key.update(file.name.encode() + b"\0" + file.read_bytes())
    key.update(f"{manifest.base_encoder}|{onnx_runtime.recipe()}".encode())
    folder = cache_dir() / "onnx" / f"{path.name}-{key.hexdigest()[:16]}"
    model_file = folder / onnx_runtime.MODEL_FILE
    if not model_file.is_file():
        logger.warning("building the CPU runtime of %s, once", path.name)
        try:
            onnx_runtime.build_cpu_model(
                _torch_model(path, manifest),
                input_names,
                folder,
                fp32_layers=manifest.cpu_fp32_layers or (),
                scaled_rows=bool(manifest.cpu_scaled_rows),
            )
        except OSError as error:
            raise ModelError(f"{folder}: cannot build the ONNX model there ({error})") from None
    return onnx_runtime.OnnxLogits(model_file, threads=cpu_threads())


def embedding_digest(weight: "torch.Tensor") -> str:
    """Return the sha256 of a tensor's float32 bytes (to check the base embeddings match)."""
    import numpy as np

    data = weight.detach().to("cpu").float().contiguous().numpy()
    return hashlib.sha256(np.ascontiguousarray(data).tobytes()).hexdigest()


def _load_partial(model: "PreTrainedModel", path: Path, manifest: ModelManifest) -> None:
    """Fill a freshly built model: word embeddings from the base package, the rest from disk."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    # ModelManifest checks that the compact form names these.
    assert manifest.base_package is not None
    assert manifest.partial_weights is not None
    base = package_model_path(manifest.base_package)
    with safe_open(str(base / "model.safetensors"), framework="pt") as base_file:
        embeddings = base_file.get_tensor(manifest.base_embeddings_key)
    if embedding_digest(embeddings) != manifest.base_embeddings_sha256:
        raise ModelError(
            f"{path}: the installed {manifest.base_package} has other word embeddings than "
            "the ones this model was trained over"
        )
    input_weight = input_embedding_weight(model)
    weights = load_file(str(path / manifest.partial_weights))
    state = {key: tensor.float() for key, tensor in weights.items()}
    embedding_key = next(
        key
        for key, value in model.state_dict().items()
        if value.data_ptr() == input_weight.data_ptr()
    )
    state[embedding_key] = embeddings.float()
    missing, unexpected = model.load_state_dict(state, strict=False)
    # Non-persistent buffers (position ids) are rebuilt by the model itself.
    persistent = set(model.state_dict())
    missing = [key for key in missing if key in persistent]
    if missing or unexpected:
        raise ModelError(
            f"{path}: weights do not fit the model (missing {missing[:3]}, "
            f"unexpected {unexpected[:3]})"
        )


def add_lora(model: "PreTrainedModel", settings: dict[str, Any]) -> "PeftModel":
    """Return ``model`` wrapped with fresh LoRA adapters (peft ``LoraConfig(**settings)``).

    Raises:
        ModelError: peft is not installed.
    """
    try:
        from peft import LoraConfig, get_peft_model
    except ImportError:
        raise ModelError("LoRA models need peft (pip install peft)") from None
    with warnings.catch_warnings():
        # peft 0.21 reads a transformers attribute that transformers 5 deprecates.
        warnings.filterwarnings("ignore", ".*is_gradient_checkpointing", FutureWarning)
        return get_peft_model(model, LoraConfig(**settings))


def _merged_adapter(
    model: "PreTrainedModel", path: Path, manifest: ModelManifest
) -> "PreTrainedModel":
    """Fill a freshly built model with its base encoder's weights, then merge in the adapters,
    so scoring runs a plain model (:func:`adapted_model`)."""
    return cast("PreTrainedModel", adapted_model(model, path, manifest).merge_and_unload())


def adapted_model(
    model: "PreTrainedModel",
    path: Path,
    manifest: ModelManifest,
    *,
    adapter: Mapping[str, "torch.Tensor"] | None = None,
) -> "PeftModel":
    """Fill a freshly built model with its base encoder's weights and add the saved adapters.

    The base encoder's own weights (``countrytone.encoders``) go into ``model.base_model``; its
    pooler, which a sequence classifier does not use, and buffers the model rebuilds itself
    (position ids) are left out. The LoRA adapters and the classifier head from ``path`` (or
    ``adapter``, weights in the form of that file, given instead) are added with peft,
    unmerged (training goes on from them).

    Raises:
        ModelError: the base encoder or the adapters do not fit the model.
    """
    from safetensors.torch import load_file

    # ModelManifest checks that the LoRA form names these.
    assert manifest.base_encoder is not None
    assert manifest.lora is not None
    assert manifest.adapter_weights is not None
    base = base_encoder_path(manifest.base_encoder)
    base_weights = load_file(str(base / "model.safetensors"))
    missing, unexpected = model.base_model.load_state_dict(base_weights, strict=False)
    persistent = set(model.base_model.state_dict())
    buffers = {name for name, _ in model.base_model.named_buffers()}
    missing = [key for key in missing if key in persistent]
    unexpected = [key for key in unexpected if key not in buffers and not key.startswith("pooler.")]
    if missing or unexpected:
        raise ModelError(
            f"{path}: the base encoder {manifest.base_encoder} does not fit the model "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]})"
        )
    adapted = add_lora(model, manifest.lora)
    from peft import get_peft_model_state_dict, set_peft_model_state_dict

    if adapter is None:
        adapter = load_file(str(path / manifest.adapter_weights))
    unfitting = set(adapter) ^ set(get_peft_model_state_dict(adapted))
    if unfitting:
        raise ModelError(f"{path}: adapter weights do not fit the model ({sorted(unfitting)[:3]})")
    set_peft_model_state_dict(adapted, {key: tensor.float() for key, tensor in adapter.items()})
    return adapted


def input_embedding_weight(model: "PreTrainedModel") -> "torch.Tensor":
    """Return the weight of the model's word (input) embeddings."""
    import torch

    weight = model.get_input_embeddings().weight
    if not isinstance(weight, torch.Tensor):
        raise ModelError(f"{type(model).__name__} has no word embedding weight")
    return weight


def _label_order(path: Path, id2label: Mapping[Any, str] | None) -> tuple[Label, ...]:
    names = {int(key): str(value) for key, value in (id2label or {}).items()}
    order: list[Label] = []
    for index in range(len(names)):
        label_name = names.get(index, "").lower()
        match = [label for label in Label if label_name.startswith(label.value[:3])]
        if len(match) != 1:
            break
        order.append(match[0])
    if len(order) != len(Label) or len(set(order)) != len(Label):
        raise ModelError(
            f"{path}: config.json's id2label must name three labels negative, neutral and "
            f"positive (got {names})"
        )
    return tuple(order)
