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
