"""Where the benchmarks find the development data: ``../shared/data`` beside the clone."""

from pathlib import Path

from countrytone.errors import ModelError
from countrytone.manifest import ModelManifest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEWSMTSC_DIR = SHARED_DATA / "newsmtsc"
POLNEAR_DEV = SHARED_DATA / "polnear" / "dev.jsonl"
COUNTRY_TONE_DEV = REPOSITORY / "data" / "country-tone" / "dev.jsonl"


def training_files(model_dir: Path) -> list[Path]:
    """The files a saved model was trained on, where its manifest says they were (relative to
    the repository, as ``countrytone train`` was run from its root).

    Raises:
        ModelError: the model has no manifest that records its training files.
    """
    manifest = ModelManifest.read(model_dir)
    if manifest is None or "train_files" not in manifest.training:
        raise ModelError(f"{model_dir}: no manifest that records the files it was trained on")
    return [REPOSITORY / file["path"] for file in manifest.training["train_files"]]
