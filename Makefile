# The blog's commands. `make help` lists them.
# Everything runs from the versions locked in uv.lock, installed on first use.

.DEFAULT_GOAL := help
SHELL := /bin/bash

UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --frozen --no-sync
export NO_MKDOCS_2_WARNING := 1
export UV_PROJECT_ENVIRONMENT := .venv

$(UV):
	@echo "Installing uv $(UV_VERSION) into $(TOOLS)/ (first run only)"
	@python3 -m venv $(TOOLS)
	@$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.installed: $(UV) pyproject.toml uv.lock
	@$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	@bash tools/ensure-tools.sh
	@npm ci --no-audit --no-fund --ignore-scripts --silent
	@touch $@

.PHONY: install
install: .venv/.installed ## Install the locked Python packages into .venv/

.PHONY: checkers
checkers: node_modules/.installed ## Install the page checkers (axe-core, Nu Html Checker) from npm

.PHONY: serve
serve: install ## Preview the blog at http://127.0.0.1:8000 with live reload (drafts shown)
	$(RUN) mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --watch-theme

.PHONY: check
check: install ## Check every post for mistakes (also run first by build and test)
	$(RUN) blog check

# The blog-extras plugin runs the post checks first. MkDocs builds into a fresh
# folder, which replaces site/ only when the build succeeds (safe_build.py).
.PHONY: build
build: install ## Build the site strictly into site/, as it will be published (checks posts first)
	$(RUN) blog build

.PHONY: linkcheck
linkcheck: install ## Check every link and image of the built site/ (after make build)
	$(RUN) blog linkcheck site

# A copy of site/ whose links name files (miracle/index.html), for opening from
# disk: the pull request check uploads it for reviewers. site/ is not changed.
.PHONY: review-copy
review-copy: install ## Copy the built site/ into review-copy/, to open from disk (after make build)
	$(RUN) blog review-copy site review-copy

.PHONY: snapshot-views
snapshot-views: install ## Save GoatCounter's view counts for the build (needs GOATCOUNTER_TOKEN)
	$(RUN) blog snapshot-views

.PHONY: import-wix
import-wix: install ## Import Wix posts: make import-wix SRC=https://your-site|page.txt|page.html|blog-feed.xml [FORCE=1]
	$(RUN) blog import-wix "$$SRC" $${FORCE:+--force}

# The title, the source and FORCE reach the command through the environment,
# exactly as typed: `$(value ...)` takes them unexpanded, so make runs nothing in
# them (`$(shell ...)`) and keeps every `$` and backslash; the shell then passes
# "$$TITLE" on as one word, with quotes and other special characters intact, and
# after "--", so that a title such as "--help" is a title, not an option.
override TITLE := $(value TITLE)
override SRC := $(value SRC)
override FORCE := $(value FORCE)
export TITLE SRC FORCE
.PHONY: post
post: install ## Start a new post: make post TITLE="My new post"
	$(RUN) blog post -- "$$TITLE"

.PHONY: format
format: install ## Reformat the Python code
	$(RUN) ruff format
	$(RUN) ruff check --fix

.PHONY: lint
lint: install ## Check the Python code's style and types
	$(RUN) ruff format --check
	$(RUN) ruff check
	$(RUN) mypy

.PHONY: chromium
chromium: ## Make sure a Chromium for the browser tests is installed
	@bash tools/ensure-chromium.sh

.PHONY: test
test: check lint chromium checkers ## Run the whole test suite (unit, site builds, browser)
	$(RUN) pytest -n auto

# The rules every blog keeps, checked on docs/ as built (tests/test_author_blog.py):
# what the pull request check and Publish run for a change to posts alone.
.PHONY: test-blog
test-blog: install chromium checkers ## Check your blog's built pages: Recent Posts, counts, links, HTML, accessibility
	$(RUN) pytest tests/test_author_blog.py

# Python's standard library only: the pull request check runs it before installing.
.PHONY: change-scope
change-scope: ## Say whether the last commit changes the tool or only the blog's content (tool=true|false)
	@python3 -m blog_extras.authoring.change_scope

.PHONY: bench
bench: install chromium ## Measure build times (100/1000/3000 posts), live reload, page weight, Wix import speed
	$(RUN) python -m benchmarks.bench

.PHONY: clean
clean: ## Remove the built site and caches
	rm -rf site review-copy .pytest_cache .ruff_cache

.PHONY: help
help: ## Show this list of commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'
