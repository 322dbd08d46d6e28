# Logit Lab: `make run` to start the app, `make test` to run the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
PORT ?= 8501
STRESS_RUNS ?= 5
BUSY_LOOPS ?= 2
export LOGITLAB_DATA ?= data
# pip installs the tested versions in constraints.txt; requirements*.txt keep the ranges for users.
# With uv (UV=/path/to/uv, or uv on the PATH) the same install takes seconds instead of a minute.
UV ?= $(shell command -v uv 2>/dev/null)
ifneq ($(strip $(UV)),)
PIP_INSTALL = $(UV) pip install --quiet --python $(PY) -c constraints.txt
UPGRADE_PIP = @true
else
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt
UPGRADE_PIP = $(PIP_INSTALL) --upgrade pip
endif
UPGRADE_VENV := $(or $(TMPDIR),/tmp)/logitlab-upgrade-venv
FAST_TESTS = -m "not browser and not loadtest"
# pytest-xdist: the suite on TEST_WORKERS processes, a whole test file per process (its browser and app
# server are started once); TEST_WORKERS=0 runs it in one process
TEST_WORKERS ?= 2
PARALLEL = -n $(TEST_WORKERS) --dist loadfile
# one clear line when the Python that builds a venv is too old
CHECK_PYTHON = $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Logit Lab needs Python >= 3.11 with venv, but '$(PYTHON)' is $$($(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null || echo missing): install python3.11 (or newer) and python3.11-venv, then run make PYTHON=python3.11"; \
	  exit 1; }

.PHONY: run test test-fast e2e-stress lint bench model loadtest upgrade clean shots

# A venv without this stamp is half-built (a failed install, a missing python3-venv): start it again.
$(VENV)/.installed: requirements.txt constraints.txt
	@if [ ! -f $@ ] || ! $(PY) -m pip --version >/dev/null 2>&1; then \
	  $(CHECK_PYTHON); \
	  rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	    echo "could not create $(VENV): install python3-venv for your Python (e.g. apt-get install python3.11-venv)"; \
	    exit 1; }; \
	fi
	$(UPGRADE_PIP)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed  ## start the app on http://localhost:$(PORT)
	$(PY) -m ui.serve --server.port $(PORT) --server.address localhost

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .

test: lint  ## ruff, then every test (dataset and browser tests skip when those are absent)
	$(PY) -m pytest $(PARALLEL)

test-fast: lint  ## the edit-test loop: no browser, no classroom load test
	$(PY) -m pytest $(PARALLEL) $(FAST_TESTS)

e2e-stress: $(VENV)/.installed-dev  ## the browser tests $(STRESS_RUNS) times in a row on a machine kept busy
	PY=$(PY) BUSY_LOOPS=$(BUSY_LOOPS) TEST_WORKERS=$(TEST_WORKERS) tests/stress_e2e.sh $(STRESS_RUNS)

bench: $(VENV)/.installed-dev  ## side-by-side benchmark table (medians and ratios)
	$(PY) -m bench

model: $(VENV)/.installed  ## retrain the shipped cat model from $(LOGITLAB_DATA)
	$(PY) -m core.train --data $(LOGITLAB_DATA) --out core/assets/cat_model.npz

upgrade:  ## refresh constraints.txt: the newest versions requirements*.txt allow, in a throwaway venv
	@$(CHECK_PYTHON)
	rm -rf $(UPGRADE_VENV)
	$(PYTHON) -m venv $(UPGRADE_VENV)
	$(UPGRADE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(UPGRADE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	{ sed -n '/^#/p' constraints.txt; $(UPGRADE_VENV)/bin/python -m pip freeze --all; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(UPGRADE_VENV)
	@echo "constraints.txt refreshed: run make test, then commit it"

clean:
	rm -rf $(VENV) bench/results .pytest_cache .ruff_cache

loadtest: $(VENV)/.installed-dev  ## 30 students at once against a real server (python -m bench.loadtest)
	$(PY) -m bench.loadtest --sessions 30 --seconds 60

shots: $(VENV)/.installed-dev  ## a screenshot of every page (en, presenter, zh, phone, mid-animation) into shots/
	$(PY) -m bench.shots --out shots

# A class on one port: REPLICAS Logit Lab servers behind HAProxy (deploy/haproxy.cfg, deploy/serve_class.py).
REPLICAS ?= $(shell nproc)
CLASS_PORT ?= 8500
.PHONY: serve-class loadtest-hall

serve-class: $(VENV)/.installed  ## REPLICAS servers (default: cores) behind HAProxy on port $(CLASS_PORT); Ctrl-C stops all
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || \
		{ echo "HAProxy is not installed: apt-get install haproxy"; exit 1; }
	$(PY) -m deploy.serve_class --replicas $(REPLICAS) --port $(CLASS_PORT)

loadtest-hall: $(VENV)/.installed-dev  ## 1 process vs 2 replicas at 30 and 60 students, a fault run, a realistic class
	$(PY) -m bench.loadtest.hall
