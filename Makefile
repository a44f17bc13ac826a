# Everything a fresh machine needs: Python >= 3.11 and pip reaching PyPI.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= dragoman.db
EXAMPLE := src/dragoman/examples/us-iran-2025.txt

.PHONY: venv demo test lint bench eval clean

venv: $(STAMP)

# Reinstall only when the package metadata changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[all,test]'
	touch $@

demo: venv
	$(BIN)/dragoman code $(EXAMPLE) --db $(DB)
	$(BIN)/dragoman events --db $(DB) --format table
	@echo
	@echo "To see the crisis in a browser, run the command below and open http://127.0.0.1:8000/"
	@echo "    $(BIN)/dragoman serve --db $(DB)"

test: venv
	$(BIN)/python -m pytest -q

# Type and lint checks (mypy-clean src/, as STYLE.md asks); installs the dev tools on first use.
lint: venv
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/mypy
	$(BIN)/ruff check src --select F,E9

bench: venv
	$(BIN)/python bench/throughput.py $(BENCH_ARGS)

# Every development set in ../shared, one table (bench/accuracy.py)
eval: venv
	$(BIN)/python bench/accuracy.py $(EVAL_ARGS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis $(DB)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
