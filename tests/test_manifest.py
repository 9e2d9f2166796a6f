"""The manifest of a saved model: one dataclass read and written by loading and training."""

import json
from pathlib import Path

import pytest

from countrytone.errors import ModelError
from countrytone.manifest import MANIFEST_FILE, ModelManifest
from countrytone.transformer import SHIPPED_MODELS


@pytest.mark.parametrize("name", sorted(SHIPPED_MODELS))
def test_manifest_reads_and_rewrites_the_shipped_manifests_unchanged(
    name: str, tmp_path: Path
) -> None:
    manifest = ModelManifest.read(SHIPPED_MODELS[name])
    assert manifest is not None
    manifest.write(tmp_path)
    written = json.loads((tmp_path / MANIFEST_FILE).read_text(encoding="utf-8"))
    shipped = json.loads((SHIPPED_MODELS[name] / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert written == shipped
    assert ModelManifest.read(tmp_path) == manifest


def test_manifest_is_none_for_a_plain_model_directory(tmp_path: Path) -> None:
    assert ModelManifest.read(tmp_path) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "cannot be read"),
        ("[]", "not a JSON object"),
        ('{"temperature": 1.0, "colour": "red"}', "unknown keys colour"),
        ('{"format": 2}', "format 2 is not 1"),
        ('{"temperature": 0}', "temperature must be > 0"),
        ('{"partial_weights": "w.safetensors"}', "needs base_package"),
        ('{"adapter_weights": "a.safetensors", "base_encoder": "x"}', "need base_encoder and lora"),
    ],
)
def test_manifest_rejects_what_describes_no_model(
    tmp_path: Path, content: str, problem: str
) -> None:
    (tmp_path / MANIFEST_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=problem):
        ModelManifest.read(tmp_path)
