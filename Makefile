# AI Infra Book — every task of the book in one place. `make help` lists them.
# The first target you run creates .venv from pyproject.toml (pinned by requirements/constraints.txt).

SHELL       := /bin/bash
.DEFAULT_GOAL := help

VENV        ?= .venv
BUILDDIR    ?= _build
SOURCEDIR   := book
LOCALES     := locales
SPHINXOPTS  ?= -W --keep-going -n -q
# Reproducible builds: time stamps come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
# myst-nb's execution cache: shared by the languages of one build folder, so a notebook runs once
NBCACHE      = -D nb_execution_cache_path=$(abspath $(BUILDDIR))/.jupyter_cache
PAGES       ?=
LANGS       ?=
PORT        ?= 8000

# Python >= 3.12 (Sphinx 9.1 needs it): the first of these that exists (pyenv's and uv's too).
PYTHON_CANDIDATES := python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard $(HOME)/.local/share/uv/python/cpython-3.1[23]*/bin/python3) python3
BOOTSTRAP_PYTHON ?= $(shell for p in $(PYTHON_CANDIDATES); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then command -v $$p; break; fi; done)

# The system packages of each task (requirements/system-packages.ini, the only list): checked
# before a task starts and installed with apt when we are root or sudo needs no password, else the
# task stops with the command to run. SYSDEPS_MODE=check only checks. The machine's own python3 runs
# it (any 3.9+), since it runs before .venv exists.
SYSDEPS      := python3 src/book_tools/sysdeps.py
SYSDEPS_MODE ?= install

PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SPHINXBUILD := $(PY) -m sphinx
BOOKTOOLS   := $(PY) -m book_tools --locales $(LOCALES)
ALL_LANGS    = $(if $(LANGS),$(LANGS),$(shell $(BOOKTOOLS) languages))

.PHONY: help venv html html-% gettext update-po new-language stats check-po live serve test lint lock clean
SYSDEPS_TASKS := sysdeps-html sysdeps-pdf sysdeps-po sysdeps-test
.PHONY: sysdeps $(SYSDEPS_TASKS)

help:  ## list the targets
	@grep -E '^[a-zA-Z%_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements/constraints.txt
	@if [ -z "$(BOOTSTRAP_PYTHON)" ]; then \
		echo "Python 3.12 or newer is needed (Sphinx 9.1); none of python3.13, python3.12, pyenv's or uv's 3.12/3.13, python3 is."; \
		echo "Debian 13 and Ubuntu 24.04 have it as python3 (Debian 12 has 3.11). Otherwise, with uv:"; \
		echo '  uv python install 3.12 && make $(or $(MAKECMDGOALS),html) BOOTSTRAP_PYTHON="$$(uv python find 3.12)"'; \
		echo "or pyenv install 3.12, or any python3.12 named by BOOTSTRAP_PYTHON=/path/to/python3.12"; exit 1; fi
	@test -x $(PY) || { $(SYSDEPS) $(SYSDEPS_MODE) --task venv --python "$(BOOTSTRAP_PYTHON)" && \
		$(BOOTSTRAP_PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	@touch $@

venv: $(STAMP)  ## create .venv with everything the book needs

# The book's own modules byte-compiled, again whenever one changes: a build imports some seventy of
# them, and where PYTHONDONTWRITEBYTECODE is set (as on the development machine) Python would
# compile each from its source in every build: 1.82 -> 1.65 s for a zh_CN no-op rebuild there
# (issue 18, benchmarks/results/rebuild-profile.md).
# compileall writes the __pycache__ files whatever that variable says; Python checks each against
# its source's time and size before using it, so an edited module is never run from old bytecode.
BYTECODE    := $(BUILDDIR)/.bytecode
$(BYTECODE): $(STAMP) $(shell find src -name '*.py')
	@$(PY) -m compileall -q src
	@mkdir -p $(@D) && touch $@

sysdeps: sysdeps-test  ## check (and install) the system packages of every task; sysdeps-html: one task
$(SYSDEPS_TASKS): sysdeps-%:
	@$(SYSDEPS) $(SYSDEPS_MODE) --task $*

# The languages are built side by side, HTML_JOBS at a time (1: one after the other), each with its
# own doctrees and notebook outputs. They share one notebook cache: book_tools.ext.notebook_cache
# locks each notebook while it is looked up or executed, so each notebook runs once and every
# language shows its outputs, and has the languages read the notebooks from opposite ends, so the
# two cores execute different notebooks (benchmarks/build_bench.py --side-by-side times this
# against serial).
HTML_JOBS   ?= 2
html: sysdeps-html $(BYTECODE)  ## build every language into _build/html/<lang>/ (and the language-choosing root page)
	@$(MAKE) --no-print-directory -o sysdeps-html -o $(STAMP) -o $(BYTECODE) -j$(HTML_JOBS) --output-sync=target \
		$(addprefix html-,$(ALL_LANGS))
	$(BOOKTOOLS) root-index $(BUILDDIR)/html
	@echo "Built: $(BUILDDIR)/html/index.html (serve it with: make serve)"

html-%: sysdeps-html $(BYTECODE)  ## build one language, e.g. make html-zh_CN
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(NBCACHE) -D language=$* -d $(BUILDDIR)/doctrees/$* \
		$(SOURCEDIR) $(BUILDDIR)/html/$*

gettext: $(BYTECODE)  ## extract the English messages into _build/gettext/*.pot
	$(SPHINXBUILD) -b gettext $(SPHINXOPTS) $(NBCACHE) -d $(BUILDDIR)/doctrees/gettext $(SOURCEDIR) $(BUILDDIR)/gettext

update-po: sysdeps-po gettext  ## update the catalogs of every language (PAGES=docnames, LANGS=codes to limit)
	$(BOOKTOOLS) update --pot-dir $(BUILDDIR)/gettext $(foreach l,$(LANGS),--lang $(l)) $(PAGES)

new-language: gettext  ## create the catalogs of a new language: make new-language LANG_CODE=ja
	@test -n "$(LANG_CODE)" || { echo "usage: make new-language LANG_CODE=ja"; exit 2; }
	$(BOOKTOOLS) new-language $(LANG_CODE) --pot-dir $(BUILDDIR)/gettext

stats: $(STAMP)  ## translation statistics per language and page (and _build/translation-stats.json)
	@mkdir -p $(BUILDDIR)
	$(BOOKTOOLS) stats --json $(BUILDDIR)/translation-stats.json

check-po: sysdeps-po $(STAMP)  ## check every catalog: syntax, markup kept, nothing fuzzy, headers
	$(BOOKTOOLS) check --conf $(SOURCEDIR)/conf.py

live: sysdeps-html $(BYTECODE)  ## live preview of one language (LANG_CODE=zh_CN) on http://127.0.0.1:$(PORT)
	$(PY) -m sphinx_autobuild -b html -D language=$(or $(LANG_CODE),en) --port $(PORT) \
		--host 127.0.0.1 -d $(BUILDDIR)/doctrees/live $(SOURCEDIR) $(BUILDDIR)/live

serve:  ## serve the built site on http://127.0.0.1:$(PORT)
	$(or $(wildcard $(PY)),python3) -m http.server $(PORT) --bind 127.0.0.1 --directory $(BUILDDIR)/html

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

test: sysdeps-test $(STAMP) lint node_modules/.package-lock.json  ## ruff, then the test suite
	$(PY) -m pytest

lint: $(STAMP)  ## ruff over the code
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks

lock: $(STAMP)  ## re-pin requirements/constraints.txt from the current .venv
	$(PY) -m pip freeze --exclude-editable | grep -v '^ai-infra-book' > requirements/constraints.txt

clean:  ## remove every build output (not .venv)
	rm -rf $(BUILDDIR)

# -- PDF: xelatex through latexmk (TeX Live and the fonts: make sysdeps-pdf) ----------------------------
PDFNAME     := ai-infra-book
PDFDIR       = $(BUILDDIR)/pdf
# -xelatex: latexmk's intermediate xelatex passes write only .xdv, and xdvipdfmx makes the PDF once
# at the end, instead of every pass writing a whole PDF (embedding the images and the CJK fonts)
LATEXMKOPTS ?= -xelatex -silent -interaction=nonstopmode -halt-on-error -file-line-error
# numbered figures and tables in the PDF ("Fig. 2.1", "图 2.1"); the HTML leaves numfig off
PDF_SPHINXOPTS := -D numfig=1
# how many languages' LaTeX runs make pdf runs side by side (1: one after the other)
PDF_JOBS    ?= 2

.PHONY: pdf

# The languages' Sphinx steps run one after the other (they share one notebook cache, which two
# builds executing the same notebook at once would crash); each language's LaTeX runs start as soon
# as its sources are written, beside the next language's Sphinx step and the other LaTeX runs.
pdf: sysdeps-pdf $(BYTECODE)  ## build the PDF of every language: _build/pdf/ai-infra-book-<lang>.pdf
	@$(MAKE) --no-print-directory -o $(STAMP) -o $(BYTECODE) -o sysdeps-pdf -j$(PDF_JOBS) --output-sync=target \
		PDF_CHAIN="$(ALL_LANGS)" $(addprefix pdf-,$(ALL_LANGS))

# PDF_CHAIN="en zh_CN ja" orders the Sphinx steps: latex-zh_CN after latex-en, latex-ja after latex-zh_CN
ifneq ($(PDF_CHAIN),)
$(foreach pair,$(filter-out :%,$(join $(wordlist 2,$(words $(PDF_CHAIN)),$(PDF_CHAIN)),$(addprefix :,$(PDF_CHAIN)))),\
	$(eval latex-$(word 1,$(subst :, ,$(pair))): | latex-$(word 2,$(subst :, ,$(pair)))))
endif

latex-%: sysdeps-pdf $(BYTECODE)  ## write one language's LaTeX sources: _build/latex/<lang>/
	$(SPHINXBUILD) -b latex $(SPHINXOPTS) $(NBCACHE) $(PDF_SPHINXOPTS) -D language=$* \
		-d $(BUILDDIR)/doctrees/latex-$* \
		$(SOURCEDIR) $(BUILDDIR)/latex/$*

pdf-%: latex-%  ## build one language's PDF, e.g. make pdf-zh_CN (also copied into its HTML)
	$(MAKE) --no-print-directory -C $(BUILDDIR)/latex/$* all-pdf LATEXMKOPTS="$(LATEXMKOPTS)"
	@mkdir -p $(PDFDIR) $(BUILDDIR)/html/$*/_downloads
	cp $(BUILDDIR)/latex/$*/$(PDFNAME).pdf $(PDFDIR)/$(PDFNAME)-$*.pdf
	cp $(BUILDDIR)/latex/$*/$(PDFNAME).pdf $(BUILDDIR)/html/$*/_downloads/$(PDFNAME)-$*.pdf
	@echo "Built: $(PDFDIR)/$(PDFNAME)-$*.pdf"
