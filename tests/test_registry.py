"""The registry: model names, aliases, the one cached loader, devices."""

import pytest

from countrytone.errors import ModelError
from countrytone.registry import ALIASES, BY_DEVICE, MODEL_NAMES, SHIPPED, load_tone_model
from countrytone.tone import ToneModel
from countrytone.vader import VaderToneModel


def test_registry_loads_each_model_once_per_name_and_device() -> None:
    model = load_tone_model("vader")
    assert load_tone_model("vader") is model
    assert isinstance(model, ToneModel)
    assert isinstance(model, VaderToneModel)
    assert load_tone_model("vader", device="cuda") is model  # a lexicon needs no device


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("default", "mpnet-int8"),
        ("accurate", "mpnet-int8"),
        ("fast", "minilm-int8"),
        ("fast-int8", "minilm-int8"),
    ],
)
def test_registry_aliases_name_the_shipped_models_on_a_cpu(alias: str, name: str) -> None:
    assert load_tone_model(alias, device="cpu") is load_tone_model(name, device="cpu")
    assert load_tone_model(alias, device="cpu").name == name


def test_registry_default_and_fast_run_as_the_device_allows() -> None:
    # DESIGN.md: "default" is the most accurate model the package ships (the model cards
    # and README give its dev scores), "fast" the one for large corpora on a CPU: the MPNet and
    # the MiniLM, each with int8 layers on a CPU, fp16 on a GPU.
    assert ALIASES["accurate"] == "default"
    assert BY_DEVICE == {
        "default": {"cpu": "mpnet-int8", "cuda": "mpnet"},
        "fast": {"cpu": "minilm-int8", "cuda": "minilm"},
    }
    assert SHIPPED["mpnet-int8"].directory == SHIPPED["mpnet"].directory == "mpnet"
    assert SHIPPED["minilm-int8"].directory == SHIPPED["minilm"].directory == "minilm"
    assert load_tone_model(device="cpu") is load_tone_model("mpnet-int8", device="cpu")


def test_registry_rejects_unknown_name() -> None:
    with pytest.raises(ModelError) as caught:
        load_tone_model("x")
    assert str(caught.value) == (
        f"unknown tone model 'x': choose one of {', '.join(MODEL_NAMES)} or a model directory"
    )


def test_registry_falls_back_to_the_cpu_without_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    model = load_tone_model("fast")
    assert model is load_tone_model("fast", device="cpu")
    assert model.device == "cpu"
    with pytest.raises(ModelError, match="no CUDA GPU is available to torch"):
        load_tone_model("fast", device="cuda")


def test_registry_int8_models_run_on_the_cpu_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert load_tone_model("fast-int8").device == "cpu"
    with pytest.raises(ModelError, match="int8 models run on a CPU only"):
        load_tone_model("fast-int8", device="cuda")


def test_registry_rejects_an_unknown_device() -> None:
    with pytest.raises(ModelError, match="unknown device 'tpu'"):
        load_tone_model("fast", device="tpu")
