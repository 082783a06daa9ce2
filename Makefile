# Two commands for a newcomer: `make run` (portal + background jobs on SQLite, demo data)
# and `make test` (the whole suite). Everything else here is what those two need.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint test-tools clean

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py run_embedded --host $(HOST) --port $(PORT)

test-tools:
	@scripts/ensure-test-tools

test: setup test-tools
	$(VENV)/bin/pytest --numprocesses=auto --maxprocesses=4 --dist=loadfile

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules var
