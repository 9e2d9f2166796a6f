"""The package's public surface."""

import subprocess
import sys

import countrytone


def test_package_exports_resolve() -> None:
    assert all(getattr(countrytone, name) is not None for name in countrytone.__all__)


def test_package_import_is_light() -> None:
    heavy = ("spacy", "pandas", "torch")
    code = f"import countrytone, sys; print(any(m in sys.modules for m in {heavy}))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_package_dir_lists_the_public_api() -> None:
    assert set(countrytone.__all__) <= set(dir(countrytone))
    assert {"analyze", "aggregate", "read_articles", "__version__"} <= set(dir(countrytone))
