# The README's two commands: `make site` and `make test`. Both set up .venv from requirements.lock.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve format clean bench bench-full chromium

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

# Browser tests drive Debian's Chromium (never a browser download): install it when we can.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x "$$CHROMIUM" ] || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Instalando o Chromium do Debian para os testes de navegador..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Os testes de navegador precisam do Chromium: sudo apt-get install chromium"; exit 1; \
		fi; }

test: $(STAMP) chromium
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(PY) -m pytest

serve: $(STAMP)
	$(PY) build_assets.py serve --drafts

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

.venv-bench/.installed: requirements.lock benchmarks/peer.lock
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r benchmarks/peer.lock
	touch $@

# `make bench`: 15 to 25 minutes on 2 cores, tables in benchmarks/results.md. `make bench-full`: the issue's set
# (up to 5,570 municipalities, 200 images), hours on 2 cores. Extra options: make bench BENCH_ARGS="--runs 5".
BENCH_ARGS ?=
bench: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/bench.py $(BENCH_ARGS)

bench-full: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/bench.py --full $(BENCH_ARGS)

clean:
	rm -rf site .cache
