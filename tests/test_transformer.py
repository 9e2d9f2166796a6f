"""The transformer tone model: input windows, the shipped models, loading directories."""

import json
from pathlib import Path

import pytest

from countrytone.errors import ModelError
from countrytone.onnx_runtime import (
    OnnxLogits,
    build_cpu_model,
    export_onnx,
    linear_nodes,
    scale_rows,
)
from countrytone.registry import load_tone_model
from countrytone.tone import Label, ToneModel
from countrytone.transformer import (
    QUANTIZED_SUFFIX,
    SHIPPED_MODELS,
    TARGET_CLOSE,
    TARGET_OPEN,
    OnnxClassifier,
    TorchClassifier,
    TransformerToneModel,
    load_transformer,
    mark_target,
    pair_texts,
)
from tests.conftest import target_of

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


def _shipped(name: str) -> TransformerToneModel:
    model = load_tone_model(name, device="cpu")
    assert isinstance(model, TransformerToneModel)
    return model


@pytest.fixture(scope="module")
def fast() -> TransformerToneModel:
    return _shipped("fast")


@pytest.fixture(scope="module", params=["mpnet", "mpnet-int8", "minilm"])
def each_shipped(request: pytest.FixtureRequest) -> TransformerToneModel:
    """Each model shipped in the package as it runs on a CPU (the int8 MiniLM aside: it
    orders targets as its fp32 model does, but its labels may differ; tests below)."""
    return _shipped(request.param)


@pytest.fixture(scope="module")
def quantized() -> TransformerToneModel:
    return _shipped("fast-int8")


# --- inputs ------------------------------------------------------------------------------------


def test_transformer_mark_target_marks_the_span_in_its_sentence() -> None:
    text = "Talks failed. Japan praised Australia's support. China said nothing."
    pair = mark_target(target_of(text, "Australia"))
    assert pair.marked == f"Japan praised {TARGET_OPEN}Australia{TARGET_CLOSE}'s support."
    assert pair.mention == "Australia"


@pytest.mark.parametrize("position", ["start", "middle", "end"])
def test_transformer_pair_texts_never_cut_the_target(
    minilm_tokenizer: "transformers.PreTrainedTokenizerBase", position: str
) -> None:
    filler = " ".join(f"word{index}" for index in range(200))
    sentence = {
        "start": f"China warned {filler} today",
        "middle": f"{filler} China warned {filler}",
        "end": f"{filler} and then China warned",
    }[position]
    target = target_of(sentence, "China")
    (pair,) = pair_texts([target], minilm_tokenizer, max_length=64)
    assert f"{TARGET_OPEN}China{TARGET_CLOSE}" in pair.marked
    encoded = minilm_tokenizer(pair.marked, pair.mention)
    assert len(encoded["input_ids"]) <= 64


def test_transformer_pair_texts_window_a_megabyte_paragraph(
    minilm_tokenizer: "transformers.PreTrainedTokenizerBase",
) -> None:
    text = f"{'word ' * 200_000}Iran threatened Israel{' again' * 1000}"
    (pair,) = pair_texts([target_of(text, "Israel")], minilm_tokenizer)
    assert f"{TARGET_OPEN}Israel{TARGET_CLOSE}" in pair.marked
    assert len(pair.marked) < 1000


def test_transformer_pair_texts_keep_short_sentences_whole(
    minilm_tokenizer: "transformers.PreTrainedTokenizerBase",
) -> None:
    target = target_of("The US accused China of spying.", "China")
    assert pair_texts([target], minilm_tokenizer) == [mark_target(target)]


# --- the shipped model -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mpnet", "minilm"])
def test_transformer_shipped_models_are_calibrated_tone_models(name: str) -> None:
    model = _shipped(name)
    assert isinstance(model, ToneModel)
    assert model.name == name
    assert model.device == "cpu"
    manifest = json.loads((SHIPPED_MODELS[name] / "countrytone.json").read_text(encoding="utf-8"))
    assert 0.25 <= model.temperature <= 8
    assert model.temperature == manifest["temperature"]


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


@pytest.mark.parametrize(
    ("name", "architecture"),
    [("mpnet", "MPNetForSequenceClassification"), ("minilm", "BertForSequenceClassification")],
)
def test_transformer_shipped_models_are_the_named_encoders(name: str, architecture: str) -> None:
    classifier = _shipped(name).classifier
    assert isinstance(classifier, TorchClassifier)
    assert type(classifier.model).__name__ == architecture


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
# The shipped models put 1.5 to 1.9 between the two targets of these sentences (the default
# 1.7 to 1.9, in fp32 and int8 alike), and label the one spoken badly of negative.
MIN_SCORE_GAP = 0.5


@pytest.mark.parametrize(("sentence", "praised", "condemned"), OPPOSITE_TONES)
def test_transformer_shipped_model_tells_two_targets_apart(
    each_shipped: TransformerToneModel, sentence: str, praised: str, condemned: str
) -> None:
    good, bad = each_shipped.score([target_of(sentence, praised), target_of(sentence, condemned)])
    assert good.label == Label.POSITIVE
    assert bad.score < 0
    assert good.score - bad.score > MIN_SCORE_GAP


def test_transformer_batch_equals_one_by_one(each_shipped: TransformerToneModel) -> None:
    # The int8 default too: its activations have one fixed scale, not one per batch
    # (onnx_runtime.fix_row_scale), so the targets that share a batch change nothing.
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


# --- the int8 fast model ------------------------------------------------------------------------


def test_transformer_quantized_model_is_the_fast_model_on_onnx_runtime(
    fast: TransformerToneModel, quantized: TransformerToneModel
) -> None:
    assert isinstance(quantized, ToneModel)
    assert quantized is fast  # on a CPU, "fast" is the int8 MiniLM
    assert quantized.name == "minilm-int8"
    assert isinstance(quantized.classifier, OnnxClassifier)
    fp32 = _shipped("minilm")
    assert isinstance(fp32.classifier, TorchClassifier)
    assert quantized.temperature == fp32.temperature


@pytest.mark.parametrize(("sentence", "praised", "condemned"), OPPOSITE_TONES)
def test_transformer_quantized_model_orders_two_targets_as_fp32_does(
    quantized: TransformerToneModel, sentence: str, praised: str, condemned: str
) -> None:
    # Labels may differ from fp32 here; the order and a clear gap between the two targets must
    # not.
    targets = [target_of(sentence, praised), target_of(sentence, condemned)]
    (good, bad) = quantized.score(targets)
    (fp32_good, fp32_bad) = _shipped("minilm").score(targets)
    assert fp32_good.score - fp32_bad.score > MIN_SCORE_GAP
    assert good.score - bad.score > MIN_SCORE_GAP


# --- loading other directories -----------------------------------------------------------------


def test_transformer_loads_a_full_model_directory(tiny_model_dir: Path) -> None:
    model = load_transformer(tiny_model_dir)
    assert model.name == tiny_model_dir.name
    assert model.temperature == 1.0
    targets = [target_of("China warned Japan.", "Japan"), target_of("China warned Japan.", "China")]
    assert isinstance(model.classifier, TorchClassifier)
    torch_model = model.classifier.model
    logits = model.logits(targets)
    with torch.inference_mode():
        expected = torch_model(
            **model.tokenizer(
                ["China warned «Japan».", "«China» warned Japan."],
                ["Japan", "China"],
                padding=True,
                return_tensors="pt",
            )
        ).logits
    assert torch.allclose(logits, expected, atol=1e-5)


def test_transformer_rejects_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such model directory"):
        load_transformer(tmp_path / "absent")


def test_transformer_rejects_unnamed_labels(tiny_model_dir: Path, tmp_path: Path) -> None:
    config = json.loads((tiny_model_dir / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    config["label2id"] = {"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2}
    for path in tiny_model_dir.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="id2label"):
        load_transformer(tmp_path)


# --- ONNX Runtime ------------------------------------------------------------------------------


def test_transformer_onnx_runtime_is_built_once_and_scores_as_torch_does(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTRYTONE_CACHE", str(tmp_path))
    onnx = load_transformer(tiny_model_dir, runtime="onnx-int8")
    (built,) = (tmp_path / "onnx").glob("*/model.onnx")
    built_at = built.stat().st_mtime_ns
    again = load_transformer(tiny_model_dir, runtime="onnx-int8")
    assert list((tmp_path / "onnx").glob("*/model.onnx")) == [built]
    assert built.stat().st_mtime_ns == built_at
    assert isinstance(onnx.classifier, OnnxClassifier)
    assert onnx.name == f"{tiny_model_dir.name}{QUANTIZED_SUFFIX}"
    sentence = OPPOSITE_TONES[0][0]
    targets = [target_of(sentence, country) for country in ("Japan", "Australia", "China")]
    fp32 = load_transformer(tiny_model_dir).logits(targets)
    assert torch.allclose(onnx.logits(targets), fp32, atol=0.02)
    assert torch.equal(again.logits(targets), onnx.logits(targets))


def test_transformer_onnx_runtime_keeps_the_manifests_sensitive_layers_fp32(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    model = load_transformer(tiny_model_dir)
    assert isinstance(model.classifier, TorchClassifier)
    names = model.tokenizer.model_input_names

    def fp32_encoder_layers(built: Path) -> list[str]:
        return [node for node in linear_nodes(built) if "/encoder/" in node]

    kept = build_cpu_model(
        model.classifier.model, names, tmp_path / "one", fp32_layers=["/layer.0/output/dense/"]
    )
    assert fp32_encoder_layers(kept) == ["/bert/encoder/layer.0/output/dense/MatMul"]
    assert fp32_encoder_layers(build_cpu_model(model.classifier.model, names, tmp_path)) == []


def test_transformer_scaled_rows_leave_fp32_exact_and_int8_batch_independent(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    import onnx

    model = load_transformer(tiny_model_dir)
    assert isinstance(model.classifier, TorchClassifier)
    torch_model, names = model.classifier.model, model.tokenizer.model_input_names
    exported, scaled = tmp_path / "fp32.onnx", tmp_path / "scaled.onnx"
    export_onnx(torch_model, names, exported)
    rewritten = onnx.load(str(exported))
    scale_rows(rewritten.graph, linear_nodes(exported))
    onnx.save(rewritten, str(scaled))
    targets = [
        target_of(sentence, mention)
        for sentence, praised, condemned in OPPOSITE_TONES
        for mention in (praised, condemned)
    ]
    fp32 = model.logits(targets)
    model.classifier = OnnxClassifier(OnnxLogits(scaled, threads=1))
    assert torch.allclose(model.logits(targets), fp32, atol=1e-5)
    built = build_cpu_model(torch_model, names, tmp_path / "int8", scaled_rows=True)
    model.classifier = OnnxClassifier(OnnxLogits(built, threads=1))
    assert torch.allclose(model.logits(targets), fp32, atol=0.02)
    alone = torch.cat([model.logits([target]) for target in targets])
    assert torch.allclose(model.logits(targets), alone, atol=1e-5)


def test_transformer_int8_runtimes_run_on_a_cpu_only(tiny_model_dir: Path) -> None:
    with pytest.raises(ModelError, match="the onnx-int8 runtime runs on a CPU only"):
        load_transformer(tiny_model_dir, runtime="onnx-int8", device="cuda")


def test_transformer_default_on_a_cpu_is_the_onnx_mpnet() -> None:
    default = load_tone_model("default", device="cpu")
    assert isinstance(default, TransformerToneModel)
    assert isinstance(default.classifier, OnnxClassifier)
    assert default.name == "mpnet-int8"
