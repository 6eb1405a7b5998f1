# The README's two commands: `make site` and `make test`. Both set up .venv from requirements.lock.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve lint format clean bench

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 ou mais novo é necessário ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

site: $(STAMP)
	$(PY) build_assets.py build
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP)
	$(PY) build_assets.py check

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

.venv-bench/.installed: requirements.lock benchmarks/peer.lock
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r benchmarks/peer.lock
	touch $@

bench: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/bench.py

clean:
	rm -rf site .cache
