# Linework: `make run` opens the app, `make test` runs every test. Both set up .venv first.
# The newest supported Python found (or PYTHON=/path/to/python to choose): one that runs,
# not only a name on PATH (a pyenv shim for a version not selected answers with an error).
SUPPORTED := 3.13 3.12 3.11
PYTHON ?= $(firstword $(foreach v,$(SUPPORTED),$(shell command -v python$(v) >/dev/null 2>&1 && \
            python$(v) -c 'import venv' >/dev/null 2>&1 && echo python$(v))))
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist
# The translations, compiled whenever their .po changes (the .mo files are not in git).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard studio/locale/*/LC_MESSAGES/linework.po))

.PHONY: run test test-slow test-fast lint-imports bench bench-frozen screenshots demo dist release clean \
        catalogs catalogs-check

# A .venv made by another Python is made again, not half reused.
PYSTAMP := $(VENV)/.python-$(PYVER)

$(PYSTAMP):
	@case " $(SUPPORTED) " in *" $(PYVER) "*) ;; *) echo "Linework runs on Python 3.11, 3.12 or 3.13: install one \
	(python3.13, python3.12 or python3.11 on PATH), or name it with PYTHON=/path/to/python$(if $(PYVER), ($(PYTHON) is $(PYVER)))."; \
	exit 1;; esac
	@echo "Using $(PYTHON) (Python $(PYVER)) for $(VENV)."
	@if [ "$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(PYVER)" ]; then \
	  if [ -d $(VENV) ]; then echo "$(VENV) was made by another Python: making it again."; rm -rf $(VENV); fi; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	@touch $@

$(STAMP): pyproject.toml $(PYSTAMP)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

%.mo: %.po $(STAMP)
	$(PY) scripts/i18n.py compile $<

# After marking or changing strings: the .po files gain what is new (to translate) and lose what went.
catalogs: $(STAMP)
	$(PY) scripts/i18n.py update
	$(PY) scripts/i18n.py check || true

catalogs-check: $(STAMP)
	$(PY) scripts/i18n.py check

run: $(STAMP) $(MO_FILES)
	@$(PY) -m studio.ui.kit.qtcheck
	$(PY) -m studio $(if $(DATA_DIR),--data-dir $(DATA_DIR),)

test: $(STAMP) $(MO_FILES)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

# The frozen app: builds it with PyInstaller once per run, then runs it (several minutes).
test-slow: $(DIST_STAMP) $(MO_FILES)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m slow $(PYTEST_ARGS)

lint-imports: $(STAMP)
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/intake.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/scheduling.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/calendar_ui.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/register.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/inventory.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/finance.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/finance_page.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/dashboard.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/plugins.py
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(PY) bench/gallery.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py
	$(PY) scripts/phone_screenshots.py

# The `dist` extra (PyInstaller); skipped when it is already there, so a shared .venv keeps
# its editable install pointing where it did.
$(DIST_STAMP): $(STAMP)
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install --quiet -e ".[test,dist]"
	@touch $(DIST_STAMP)

# dist/Linework/: the one-folder app (Linework.app too on macOS). Prints its size.
dist: $(DIST_STAMP) $(MO_FILES)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/linework.spec

# release/Linework-<version>-<platform>.zip and its .sha256. Prints both sizes.
release: dist
	$(PY) packaging/release.py

bench-frozen: dist
	QT_QPA_PLATFORM=offscreen $(PY) bench/frozen.py

clean:
	rm -rf $(VENV) build dist release .pytest_cache
