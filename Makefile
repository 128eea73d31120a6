# Two commands for a newcomer: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: demo test bench lint schema clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "cjmap needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench,dev]'
	@touch $@

EXAMPLES := examples/laptop-online examples/bank-account

demo: $(STAMP)
	@for ws in $(EXAMPLES); do \
	  echo "== cjmap validate $$ws"; \
	  $(BIN)/cjmap validate $$ws || exit 1; \
	done
	@echo
	@echo "Every example validates. See what cjmap reports on broken maps:"
	@echo "  $(BIN)/cjmap validate examples/invalid"
	@echo "  $(BIN)/cjmap rules"

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

schema: $(STAMP)
	$(BIN)/cjmap schema --out schemas

clean:
	rm -rf $(VENV) $(OUT) bench/workspaces
