# Logit Lab: `make run` to start the app, `make test` to run the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
export LOGITLAB_DATA ?= data

.PHONY: run test lint bench model loadtest clean shots

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed  ## start the app on http://localhost:$(PORT)
	$(PY) -m ui.serve --server.port $(PORT) --server.address localhost

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .

test: lint  ## ruff, then every test (dataset and browser tests skip when those are absent)
	$(PY) -m pytest

bench: $(VENV)/.installed-dev  ## side-by-side benchmark table (medians and ratios)
	$(PY) -m bench

model: $(VENV)/.installed  ## retrain the shipped cat model from $(LOGITLAB_DATA)
	$(PY) -m core.train --data $(LOGITLAB_DATA) --out core/assets/cat_model.npz

clean:
	rm -rf $(VENV) bench/results .pytest_cache .ruff_cache

loadtest: $(VENV)/.installed-dev  ## 30 students at once against a real server (python -m bench.loadtest)
	$(PY) -m bench.loadtest --sessions 30 --seconds 60

shots: $(VENV)/.installed-dev  ## a screenshot of every page (en, presenter, zh, phone, mid-animation) into shots/
	$(PY) -m bench.shots --out shots
