# Two commands: `make run` and `make test`. Each creates .venv and installs what it needs,
# again only when a requirements file changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast bench lint clean

$(VENV)/.run-deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt $(VENV)/.run-deps
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-deps  ## create the store, load the demo if it is empty, start the app
	$(PY) -m clusterlab init --address "$(ADDRESS)"  # beyond localhost: refused without an analyst code
	$(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(VENV)/.test-deps  ## the whole suite, browser tests included, on two processes (pytest-xdist)
	$(PY) -m pytest -n 2 --dist worksteal

test-fast: $(VENV)/.test-deps  ## unit and pipeline tests only (no pages, no browser), on both cores
	$(PY) -m pytest -n 2 --dist worksteal -m "not browser and not apptest"

bench: $(VENV)/.test-deps  ## speed and memory figures (see bench/README.md)
	$(PY) bench/import_speed.py
	$(PY) bench/page_speed.py
	$(PY) bench/browser_speed.py
	$(PY) bench/postgres.py

lint: $(VENV)/.test-deps
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) .pytest_cache bench/out
