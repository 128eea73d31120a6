# Two commands for a newcomer: `make demo` and `make test`. Everything they need is installed here,
# from uv.lock, so a clean clone installs exactly the versions main was tested with.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out
UV_VERSION := 0.13.9
UV_HOME := .cache/uv
UV := $(UV_HOME)/bin/uv
MERMAID_VERSION := 11.17.2
MERMAID_JS := .cache/mermaid.min.js
SARIF_MULTITOOL_VERSION := 5.7.0
SARIF_MULTITOOL := .cache/sarif-multitool/.installed-$(SARIF_MULTITOOL_VERSION)
AXE_VERSION := 4.14.1
AXE_JS := .cache/axe.min.js
# Mermaid's parser runs under Node for the import/export tests (tests/importers/mermaid_db.mjs):
# jsdom gives it the window DOMPurify needs, so no browser is started per diagram.
JSDOM_VERSION := 29.1.1
JSDOM := .cache/node/node_modules/jsdom/package.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# uv uses the Python given here and never downloads one of its own.
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test test-latest lock bench lint schema browser node screenshots consumer-tools mermaid-node clean

# uv itself comes from PyPI at a pinned version, in a small virtual environment of its own.
$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "cjmap needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --quiet --locked --all-groups --python $(PYTHON)
	@touch $@

# Refresh uv.lock after changing a dependency range in pyproject.toml (or to take newer releases:
# `make lock UPGRADE=--upgrade`), then run `make test` and commit both files.
lock: | $(UV)
	$(UV) lock $(UPGRADE) --python $(PYTHON)

# The suite against the newest releases pyproject.toml's ranges allow, ignoring uv.lock: shows
# whether tomorrow's `pip install cjmap` still works. It does not touch .venv or uv.lock.
test-latest: browser consumer-tools mermaid-node | $(UV)
	rm -rf .venv-latest
	$(UV) venv --quiet --python $(PYTHON) .venv-latest
	VIRTUAL_ENV=.venv-latest $(UV) pip install --quiet --upgrade --editable . --group test --group bench --group dev
	.venv-latest/bin/python -m pytest

EXAMPLES := examples/laptop-online examples/bank-account

demo: $(STAMP)
	@for ws in $(EXAMPLES); do \
	  echo "== cjmap validate $$ws"; \
	  $(BIN)/cjmap validate $$ws || exit 1; \
	  echo "== cjmap render $$ws"; \
	  $(BIN)/cjmap render $$ws --format html --format svg --format mermaid --out $(OUT)/$$(basename $$ws) || exit 1; \
	done
	@echo
	@echo "Open the journey maps: $(OUT)/laptop-online/index.html and $(OUT)/bank-account/index.html"
	@echo "See what cjmap reports on broken maps: $(BIN)/cjmap validate examples/invalid"

# The README's screenshots, from the maps `make demo` renders.
screenshots: demo browser
	$(BIN)/python docs/screenshots.py

test: $(STAMP) lint browser consumer-tools mermaid-node
	$(BIN)/python -m pytest

# The browser tests need Debian's chromium, Mermaid's parser and axe-core (one file each from the npm registry).
browser: $(MERMAID_JS) $(AXE_JS)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Node.js and npm fetch the consumers' tools below; Debian's packages where the machine has none
# (jsdom wants Node.js 20 or newer).
node:
	@command -v npm >/dev/null 2>&1 || { echo "installing nodejs and npm (Debian packages) for the test tools"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }

$(MERMAID_JS): | node
	@mkdir -p .cache
	cd .cache && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null && \
	  tar -xzf mermaid-$(MERMAID_VERSION).tgz package/dist/mermaid.min.js && \
	  mv package/dist/mermaid.min.js mermaid.min.js && rm -rf package mermaid-$(MERMAID_VERSION).tgz

$(AXE_JS): | node
	@mkdir -p .cache
	cd .cache && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
	  tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js && \
	  mv package/axe.min.js axe.min.js && rm -rf package axe-core-$(AXE_VERSION).tgz

# The consumers' own validators that are not Python packages: Microsoft's SARIF multitool, which
# checks SARIF with GitHub's code-scanning rules (a self-contained binary from the npm registry).
consumer-tools: $(SARIF_MULTITOOL)

$(SARIF_MULTITOOL): | node
	rm -rf .cache/sarif-multitool && mkdir -p .cache/sarif-multitool
	npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix .cache/sarif-multitool \
	  @microsoft/sarif-multitool@$(SARIF_MULTITOOL_VERSION)
	@touch $@

mermaid-node: $(MERMAID_JS) $(JSDOM)

$(JSDOM): | node
	npm install --prefix .cache/node --silent --no-save --no-audit --no-fund --no-package-lock jsdom@$(JSDOM_VERSION) >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py --record docs/benchmarks.md

schema: $(STAMP)
	$(BIN)/cjmap schema --out schemas

clean:
	rm -rf $(VENV) .venv-latest $(OUT) .cache bench/workspaces
