"""Training tone models: the validation split, batches, temperature, tiny real runs."""

import json
import random
from pathlib import Path

import pytest

from countrytone.cli import main
from countrytone.encoders import MINILM
from countrytone.errors import InputError, ModelError
from countrytone.evaluation import LabelledTarget, macro_f1, read_newsmtsc
from countrytone.manifest import ModelManifest
from countrytone.registry import load_tone_model
from countrytone.tone import Label
from countrytone.training import (
    DEFAULT_SEED,
    UNLABELLED,
    bucketed_batches,
    distillation_loss,
    fit_temperature,
    interpolate,
    sample_mention_targets,
    saved_split,
    split_by_sentence,
    train,
)
from countrytone.transformer import TorchClassifier, load_transformer
from tests.conftest import target_of

torch = pytest.importorskip("torch")


def labelled(sentence: str, mention: str, label: Label) -> LabelledTarget:
    return LabelledTarget(target_of(sentence, mention), label)


def test_training_split_keeps_each_sentence_on_one_side() -> None:
    examples = [
        labelled(f"Country{index} met Country{index + 1}.", f"Country{index + offset}", label)
        for index in range(40)
        for offset, label in ((0, Label.NEUTRAL), (1, Label.POSITIVE))
    ]
    train_part, validation = split_by_sentence(examples, fraction=0.25, seed=13)
    assert len(validation) == 20
    assert {e.target.text for e in train_part}.isdisjoint({e.target.text for e in validation})
    assert split_by_sentence(examples, fraction=0.25, seed=13) == (train_part, validation)


def test_training_batches_cover_every_index_once() -> None:
    lengths = [random.Random(1).randint(5, 100) for _ in range(333)]
    batches = bucketed_batches(lengths, 32, random.Random(13))
    assert sorted(index for batch in batches for index in batch) == list(range(333))
    assert max(len(batch) for batch in batches) == 32


def test_training_fit_temperature_softens_overconfident_logits() -> None:
    logits = torch.tensor([[10.0, 0.0, 0.0], [0.0, 10.0, 0.0], [10.0, 0.0, 0.0]])
    temperature, _ = fit_temperature(logits, [0, 1, 1])
    assert temperature > 1


@pytest.fixture
def tiny_train_file(tmp_path: Path) -> Path:
    """A NewsMTSC-format training file of twelve one-target sentences."""
    sentences = [
        ("China praised Japan warmly.", "Japan", 6.0),
        ("China attacked Japan fiercely.", "Japan", 2.0),
        ("China met Japan on Monday.", "Japan", 4.0),
        ("Brazil thanked Chile warmly.", "Chile", 6.0),
        ("Brazil insulted Chile badly.", "Chile", 2.0),
        ("Brazil visited Chile on Friday.", "Chile", 4.0),
    ] * 2
    lines = []
    for index, (sentence, mention, polarity) in enumerate(sentences):
        start = sentence.index(mention)
        target = {"from": start, "to": start + len(mention), "mention": mention}
        lines.append(
            json.dumps(
                {
                    "primary_gid": str(index),
                    "sentence_normalized": f"{sentence} ({index})",
                    "targets": [{**target, "polarity": polarity}],
                }
            )
        )
    path = tmp_path / "train.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_tiny_run_saves_a_loadable_model(
    tiny_model_dir: Path, tiny_train_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    result = train(
        [tiny_train_file],
        output_dir=output,
        base=str(tiny_model_dir),
        epochs=2,
        batch_size=4,
        validation_fraction=0.25,
        progress=lambda line: None,
    )
    assert len(result.epochs) == 2
    f1s = [epoch.validation_macro_f1 for epoch in result.epochs]
    assert result.best_epoch == f1s.index(max(f1s)) + 1
    assert result.validation_macro_f1 == max(f1s)
    assert result.n_train + result.n_validation == 12
    model = load_transformer(output)
    assert model.temperature == result.temperature
    assert len(model.score([target_of("Chile met Peru.", "Peru")])) == 1
    examples = read_newsmtsc(tiny_train_file)
    rebuilt = saved_split(output, [tiny_train_file])
    assert rebuilt == split_by_sentence(examples, fraction=0.25, seed=DEFAULT_SEED)
    assert len(rebuilt[1]) == result.n_validation


def test_training_saved_split_refuses_another_training_file(
    tiny_model_dir: Path, tiny_train_file: Path, tmp_path: Path
) -> None:
    record = {"validation_fraction": 0.25, "seed": 13}
    saved = tmp_path / "saved"
    saved.mkdir()
    trained_on = {"path": "data/train.jsonl", "n_train": 9}
    ModelManifest(training=record | {"train_files": [trained_on | {"n_validation": 3}]}).write(
        saved
    )
    assert len(saved_split(saved, [tiny_train_file])[1]) == 3
    with pytest.raises(InputError, match=r"trained on 1 files: data/train\.jsonl"):
        saved_split(saved, [tiny_train_file, tiny_train_file])
    ModelManifest(training=record | {"train_files": [trained_on | {"n_validation": 4}]}).write(
        saved
    )
    with pytest.raises(InputError, match="not the file the model was trained on"):
        saved_split(saved, [tiny_train_file])
    with pytest.raises(ModelError, match="no manifest"):
        saved_split(tiny_model_dir, [tiny_train_file])


@pytest.fixture
def tiny_targets_file(tmp_path: Path) -> Path:
    """Labelled target lines (the country-tone format) of eight one-target sentences."""
    sentences = [
        ("Peru praised Chile warmly.", "Chile", "positive"),
        ("Peru attacked Chile fiercely.", "Chile", "negative"),
        ("Peru met Chile on Monday.", "Chile", "neutral"),
        ("Peru visited Chile again.", "Chile", "neutral"),
    ] * 2
    lines = []
    for index, (sentence, mention, label) in enumerate(sentences):
        text = f"{sentence} ({index})"
        start = text.index(mention)
        record = {"text": text, "start": start, "end": start + len(mention), "label": label}
        lines.append(json.dumps(record))
    path = tmp_path / "targets.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_on_two_files_selects_on_the_mean_of_their_slices(
    tiny_model_dir: Path, tiny_train_file: Path, tiny_targets_file: Path, tmp_path: Path
) -> None:
    lines: list[str] = []
    output = tmp_path / "two"
    result = train(
        [tiny_train_file, tiny_targets_file],
        output_dir=output,
        base=str(tiny_model_dir),
        epochs=1,
        batch_size=4,
        validation_fraction=0.25,
        progress=lines.append,
    )
    (epoch,) = result.epochs
    assert len(epoch.validation_macro_f1_by_file) == 2
    assert epoch.validation_macro_f1 == pytest.approx(sum(epoch.validation_macro_f1_by_file) / 2)
    assert any("(mean of " in line for line in lines)
    assert result.n_train + result.n_validation == 12 + 8
    files = json.loads((output / "countrytone.json").read_text(encoding="utf-8"))["training"][
        "train_files"
    ]
    assert [file["path"] for file in files] == [str(tiny_train_file), str(tiny_targets_file)]
    assert [file["n_train"] + file["n_validation"] for file in files] == [12, 8]
    train_part, validation = saved_split(output, [tiny_train_file, tiny_targets_file])
    assert len(train_part) == result.n_train
    assert len(validation) == result.n_validation
    model = load_transformer(output)
    predicted = [tone.label for tone in model.score([example.target for example in validation])]
    gold = [example.label for example in validation]
    first = files[0]["n_validation"]
    f1_by_file = [
        macro_f1(gold[:first], predicted[:first]),
        macro_f1(gold[first:], predicted[first:]),
    ]
    assert f1_by_file == pytest.approx(list(epoch.validation_macro_f1_by_file))


def test_training_lora_run_saves_adapters_that_reload_to_the_same_scores(
    tiny_train_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "lora"
    result = train(
        [tiny_train_file],
        output_dir=output,
        base=MINILM,
        lora_rank=2,
        epochs=1,
        batch_size=4,
        validation_fraction=0.25,
        progress=lambda line: None,
    )
    manifest = json.loads((output / "countrytone.json").read_text(encoding="utf-8"))
    assert manifest["base_encoder"] == MINILM
    assert manifest["lora"]["r"] == 2
    assert not (output / "model.safetensors").exists()
    _, validation = saved_split(output, [tiny_train_file])
    model = load_transformer(output)
    predicted = [tone.label for tone in model.score([example.target for example in validation])]
    assert macro_f1([example.label for example in validation], predicted) == pytest.approx(
        result.validation_macro_f1
    )


TINY_RUN = {"base": MINILM, "batch_size": 4, "validation_fraction": 0.25, "epochs": 1}


def train_and_go_on(train_file: Path, folder: Path, *, learning_rate: float) -> tuple[Path, Path]:
    """Train a tiny LoRA model, then go on training it at ``learning_rate``; return both."""
    first, went_on = folder / "first", folder / "went-on"
    train([train_file], output_dir=first, lora_rank=2, progress=lambda line: None, **TINY_RUN)
    train(
        [train_file],
        output_dir=went_on,
        init=first,
        learning_rate=learning_rate,
        progress=lambda line: None,
        **TINY_RUN,
    )
    return first, went_on


def test_training_goes_on_from_a_saved_lora_model(tiny_train_file: Path, tmp_path: Path) -> None:
    # At a learning rate too small to move a weight, the model goes on exactly where it was.
    first, went_on = train_and_go_on(tiny_train_file, tmp_path, learning_rate=1e-12)
    manifest = json.loads((went_on / "countrytone.json").read_text(encoding="utf-8"))
    assert manifest["training"]["init"] == str(first)
    assert manifest["lora"]["r"] == 2
    targets = [target_of("Chile met Peru.", "Peru"), target_of("Peru praised Chile.", "Chile")]
    assert torch.allclose(
        load_transformer(went_on).logits(targets), load_transformer(first).logits(targets)
    )
    with pytest.raises(ValueError, match="rank 2, not 4"):
        train([tiny_train_file], output_dir=tmp_path / "x", init=first, lora_rank=4, **TINY_RUN)
    with pytest.raises(ModelError, match="adapters over all-minilm-l6-v2, not all-mpnet-base-v2"):
        train([tiny_train_file], output_dir=tmp_path / "x", init=first, base="all-mpnet-base-v2")
    with pytest.raises(ModelError, match="not LoRA adapters saved"):
        train([tiny_train_file], output_dir=tmp_path / "x", init=tmp_path, base=MINILM)


def merged_weights(model_dir: Path) -> dict[str, "torch.Tensor"]:
    """The weights a saved model scores with (its adapters merged into the base)."""
    classifier = load_transformer(model_dir).classifier
    assert isinstance(classifier, TorchClassifier)
    return dict(classifier.model.state_dict())


def test_interpolate_keeps_the_best_model_on_the_exact_line_between_two(
    tiny_train_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, went_on = train_and_go_on(tiny_train_file, tmp_path, learning_rate=1e-3)
    kept = tmp_path / "kept"
    lines: list[str] = []
    result = interpolate(
        [tiny_train_file],
        init=first,
        trained=went_on,
        output_dir=kept,
        steps=2,
        progress=lines.append,
    )
    assert [point.trained_weight for point in result.points] == [0.0, 0.5, 1.0]
    assert len(lines) == 3
    best = max(point.validation_macro_f1 for point in result.points)
    assert result.validation_macro_f1 == best
    # A tie goes to the point nearer the continued model.
    assert result.trained_weight == max(
        point.trained_weight for point in result.points if point.validation_macro_f1 == best
    )
    # The model kept is the weighted mean of the two, weight for weight (stored in fp16).
    start, end, middle = merged_weights(first), merged_weights(went_on), merged_weights(kept)
    weight = result.trained_weight
    for key, value in middle.items():
        expected = (1 - weight) * start[key] + weight * end[key]
        assert torch.allclose(value, expected, atol=2e-3), key
    manifest = ModelManifest.read(kept)
    assert manifest is not None
    assert manifest.lora is not None
    assert manifest.lora["r"] == 4
    assert manifest.temperature == result.temperature
    assert manifest.training["interpolation"]["trained_weight"] == weight
    assert manifest.training["interpolation"]["init_training"]["best_epoch"] == 1
    # Its record still rebuilds the validation slices it was selected on.
    assert len(saved_split(kept, [tiny_train_file])[1]) == 3
    with pytest.raises(ModelError, match="not LoRA adapters that countrytone train went on"):
        interpolate([tiny_train_file], init=went_on, trained=first, output_dir=tmp_path / "x")
    with pytest.raises(ModelError, match=r"continued from .*first, not .*went-on"):
        interpolate([tiny_train_file], init=went_on, trained=went_on, output_dir=tmp_path / "x")
    command = ["interpolate", str(tiny_train_file), "--out", str(tmp_path / "cli")]
    assert main([*command, "--init", str(first), "--trained", str(went_on), "--steps", "1"]) == 0
    captured = capsys.readouterr()
    assert "kept " in captured.out
    assert len(captured.err.splitlines()) == 2  # a progress line per point
    assert main([*command, "--init", str(went_on), "--trained", str(first)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("countrytone: error: ")
    assert len(error.splitlines()) == 1


def test_training_distils_a_teacher(
    tiny_model_dir: Path, tiny_train_file: Path, tmp_path: Path
) -> None:
    lines: list[str] = []
    result = train(
        [tiny_train_file],
        output_dir=tmp_path / "student",
        base=str(tiny_model_dir),
        teacher=str(tiny_model_dir),
        epochs=1,
        batch_size=4,
        validation_fraction=0.25,
        progress=lines.append,
    )
    manifest = json.loads((result.output_dir / "countrytone.json").read_text(encoding="utf-8"))
    assert manifest["training"]["teacher"] == str(tiny_model_dir)
    assert manifest["training"]["n_unlabelled"] == 0
    assert any("scoring 9 training targets with the teacher tiny-model" in line for line in lines)
    with pytest.raises(ValueError, match="teacher must be a transformer"):
        train(
            [tiny_train_file], output_dir=tmp_path / "x", base=str(tiny_model_dir), teacher="vader"
        )


def test_training_command(
    tiny_model_dir: Path,
    tiny_train_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = tmp_path / "model"
    options = ["--base", str(tiny_model_dir), "--epochs", "1", "--batch-size", "4"]
    status = main(["train", str(tiny_train_file), "--out", str(output), *options])
    captured = capsys.readouterr()
    assert status == 0
    assert "best epoch 1" in captured.out
    assert "epoch 1" in captured.err  # progress lines
    assert load_tone_model(str(output)).name == "model"


def test_training_distils_a_teacher_on_unlabelled_targets(
    tiny_model_dir: Path, tiny_train_file: Path, tmp_path: Path
) -> None:
    lines: list[str] = []
    unlabelled = [
        target_of("Peru hailed the deal with Chile.", country) for country in ("Peru", "Chile")
    ]
    result = train(
        [tiny_train_file],
        output_dir=tmp_path / "student",
        base=str(tiny_model_dir),
        teacher=str(tiny_model_dir),
        unlabelled=unlabelled,
        epochs=1,
        batch_size=4,
        validation_fraction=0.25,
        progress=lines.append,
    )
    manifest = json.loads((result.output_dir / "countrytone.json").read_text(encoding="utf-8"))
    assert manifest["training"]["n_unlabelled"] == 2
    assert result.n_train == 9
    assert any("scoring 11 training targets" in line for line in lines)
    assert any("training on 9 targets and 2 unlabelled" in line for line in lines)
    with pytest.raises(ValueError, match="learnt from a teacher"):
        train([tiny_train_file], output_dir=tmp_path / "x", unlabelled=unlabelled)


def test_training_distillation_loss_mixes_labels_and_teacher() -> None:
    logits = torch.tensor([[2.0, 0.0, -1.0], [0.5, 0.5, 0.0]])
    teacher = torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
    labels = torch.tensor([0, UNLABELLED])
    log_p = torch.log_softmax(logits, dim=-1)
    divergence = (teacher * (teacher.log() - log_p)).sum(dim=-1)
    cross_entropy = -log_p[0, 0]
    expected = ((0.5 * cross_entropy + 0.5 * divergence[0]) + divergence[1]) / 2
    assert distillation_loss(logits, labels, teacher).item() == pytest.approx(expected.item())


@pytest.mark.filterwarnings("ignore::countrytone.errors.InputWarning")  # examples/README.md
def test_training_samples_distinct_country_mentions_of_a_corpus(examples: Path) -> None:
    skipped: list[InputError] = []
    every = sample_mention_targets([str(examples)], limit=None, seed=13, on_skip=skipped.append)
    sample = sample_mention_targets([str(examples)], limit=20, seed=13, on_skip=skipped.append)
    assert not skipped
    assert len(set(every)) == len(every) > 20
    assert len(sample) == 20
    assert sample == [target for target in every if target in set(sample)]  # corpus order
    assert sample == sample_mention_targets([str(examples)], limit=20, seed=13, on_skip=print)
    assert {target.mention for target in every} >= {"China", "Beijing", "Ukraine"}
