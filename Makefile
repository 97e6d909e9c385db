# Two commands do all the set-up: `make workshop` and `make test`.
# Both create .venv when it is missing and reinstall only when a requirements file changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KIT_LANG ?= nl
PORT ?= 8888
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: workshop present test lint sample bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.workshop-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements-test.txt
	touch $@ $(VENV)/.workshop-installed

## Start JupyterLab on the sample data at the first notebook (KIT_LANG=en for English).
workshop: $(VENV)/.workshop-installed
	$(BIN)/python -m klantlib workshop --lang $(KIT_LANG) --port $(PORT)

## The whole workshop as one page without code, for the projector (Voilà; KIT_LANG=en for English).
present: $(VENV)/.workshop-installed
	$(BIN)/python -m klantlib present --lang $(KIT_LANG)

## Run every test: lint, unit and property tests, notebooks, the workshop server, the browser.
## Installs Debian's chromium for the browser test when it is missing (as root). pytest runs in
## three lanes side by side (tests/run_in_lanes.sh): browser tests, other slow tests, unit tests.
test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	.ci/install-browser
	tests/run_in_lanes.sh $(BIN)/python

## Regenerate the shipped sample data in data/voorbeeld/ (48 customers) and data/voorbeeld_groot/ (400).
sample: $(VENV)/.workshop-installed
	$(BIN)/python -m klantlib.sample --out data/voorbeeld
	$(BIN)/python -m klantlib.sample --out data/voorbeeld_groot --customers 400

## Print the benchmark numbers.
bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_method.py
	$(BIN)/python benchmarks/bench_answer_form.py
	$(BIN)/python benchmarks/bench_answer_form_portfolio.py
	$(BIN)/python benchmarks/bench_matrix.py
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_app_steps.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
