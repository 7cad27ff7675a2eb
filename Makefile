# Two commands: `make run` (set up, load the sample data when there is no database, serve)
# and `make test` (system packages the tests need, then test tools, then every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/readiness.duckdb
PORT   ?= 8501

.PHONY: run test lint format system-test demo sample bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-test.txt -c constraints.txt
	touch $@

run: $(VENV)/.installed
	@test -f $(DB) || $(BIN)/python -m readiness demo --db $(DB)
	READINESS_DB=$(DB) $(BIN)/streamlit run server.py --server.port $(PORT)

# What the tests need from the system (Chromium): installed when run as root, else one line saying
# what to install and `make test` stops before setting anything up.
system-test:
	@tests/ensure_system.sh

# pytest exits 5 when it collects nothing; that is not a failure of the suite. Two workers, each
# taking whole test files (module fixtures such as a running server stay in one process), the longest
# first (tests/conftest.py LONGEST_FIRST).
test: system-test lint
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder || [ $$? -eq 5 ]

# The linter and the formatter (settings in pyproject.toml): part of `make test`; `make format` fixes.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: $(VENV)/.installed
	$(BIN)/python -m readiness demo --db $(DB)

sample: $(VENV)/.installed
	$(BIN)/python data/sample/generate.py

bench: $(VENV)/.installed-test
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
