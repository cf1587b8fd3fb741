# Two commands on a fresh machine: `make run` (demo on http://127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
# A candidate counts only if it really runs and is >= 3.12 (a pyenv shim for a version that is not
# selected exists on PATH but fails), then the newest 3.13/3.12 that pyenv has installed.
PYTHON ?= $(shell for v in python3.13 python3.12 python3; do \
	  p=$$($$v -c 'import sys; assert sys.version_info >= (3, 12); print(sys.executable)' 2>/dev/null) && { echo $$p; exit; }; done; \
	if command -v pyenv >/dev/null; then for v in 3.13 3.12; do \
	  ver=$$(pyenv versions --bare | grep -E "^$$v(\.[0-9]+)?$$" | sort -V | tail -1); \
	  [ -n "$$ver" ] && p=$$(pyenv prefix $$ver 2>/dev/null) && [ -x "$$p/bin/python3" ] && { echo $$p/bin/python3; exit; }; done; fi)
VENV := .venv
BIN := $(VENV)/bin
# axe-core (the browser tests' accessibility checker) comes from the repository's package-lock.json.
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test venv lint browser-tools

$(BIN)/ketensignaal: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is needed (on PATH or through pyenv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

venv: $(BIN)/ketensignaal

run: venv
	$(BIN)/ketensignaal demo

# Installed only when missing (no timestamp dependency: a worktree's node_modules may be a shared symlink).
$(AXE):
	@command -v npm >/dev/null || { echo "npm is needed for the browser tests' axe-core (apt-get install -y npm)"; exit 1; }
	npm ci --no-audit --no-fund

browser-tools: | $(AXE)
	@test -x "$${KETENSIGNAAL_CHROMIUM:-/usr/bin/chromium}" || command -v chromium >/dev/null || \
	  { echo "Chromium is needed for the browser tests (apt-get install -y chromium)"; exit 1; }

# Runs every test, the browser tests included: a browser test that cannot run fails (tests/browser/conftest.py).
test: venv browser-tools
	$(BIN)/pytest -p xdist -n 2

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/lint-imports
