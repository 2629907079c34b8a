# One entry point. `make book` builds the website, `make test` runs every test;
# each does its own set-up first (idempotent: a second run reinstalls nothing).

PYTHON    ?= python3
VENV      := .venv
PY        := $(VENV)/bin/python
# --isolated: ignore machine-wide pip settings (a local CPU-only torch wheel
# there does not work with PyPI's torchvision); see requirements.txt.
PIP       := $(PY) -m pip --isolated --disable-pip-version-check
INSTALLED := $(VENV)/.installed
# A second environment holding what Colab's CPU runtime holds, at its versions, for the Colab tests.
COLAB     := .venv-colab
COLAB_ENV := $(COLAB)/.ready
VENDORED  := _site_extra/assets/.vendored

# Figures are drawn once per cell, not animated, while notebooks run unattended.
export D2LPLUS_HEADLESS := 1
export PYTHONHASHSEED := 0

.PHONY: help setup env colab-env data vendor browser tex generated notebooks notebooks-all pdf book test test-fast test-laptop bench budget weight lighthouse timing determinism serve clean

help:
	@echo "make book       set up, re-execute changed notebooks, build the PDFs and the site into _build/html"
	@echo "make pdf        the printable editions (English, Korean, both) into _build/pdf"
	@echo "make test       set up, then run every test (helpers, pairing, nbval, site)"
	@echo "make test-fast  the fast loop (~2 min): helpers, pairing, static checks; no root, TeX, browser or Colab env"
	@echo "make test-laptop  README's laptop route in a fresh venv: every notebook, not headless (~9 min)"
	@echo "make notebooks  re-execute the notebooks whose source changed (notebooks-all: every one)"
	@echo "make bench      stock d2l vs our helpers vs a bare loop, on the 5.2 workload"
	@echo "make budget     time executing every notebook and an unchanged rebuild of the book"
	@echo "make weight     what each page of the built site loads, in a browser (budget: 1.5 MB, 3.5 MB with a widget)"
	@echo "make lighthouse Lighthouse scores of every page of the built site (accessibility, best practices >= 95)"
	@echo "make timing     the timing claims of the prose, re-measured with 1, 2 and 4 threads on a loaded CPU"
	@echo "make determinism  nbval (strict) over every notebook three times in a row"
	@echo "make serve      serve _build/html on http://127.0.0.1:8000"

# The two Python environments are built at once (each is mostly one pip process: about 80 s apiece on
# two cores), the rest one after another (browser and tex may call apt-get, which cannot run twice at once).
setup: vendor browser tex
	@$(MAKE) --no-print-directory -j2 env colab-env
	@$(MAKE) --no-print-directory data

env: $(INSTALLED)

$(INSTALLED): requirements.txt pyproject.toml
	test -f $(VENV)/pyvenv.cfg || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --no-deps -r requirements.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The real FashionMNIST into the package's cache (offline-first; see src/d2lplus/fashion_mnist.py).
data: $(INSTALLED)
	$(PY) -m d2lplus data

colab-env: $(COLAB_ENV)

# Built afresh from Colab's published pip freeze (tools/colab_env.py): Colab's versions, nothing Colab lacks.
$(COLAB_ENV): tools/colab/pip-freeze-cpu.txt tools/colab_env.py pyproject.toml
	rm -rf $(COLAB)
	$(PYTHON) tools/colab_env.py build $(COLAB)
	$(COLAB)/bin/python -m pip --isolated --disable-pip-version-check download --quiet --no-deps \
	   -d .cache/colab-wheels d2l==1.0.3 setuptools==75.2.0 wheel==0.48.0
	touch $@

vendor: $(VENDORED)

# The ipywidgets 8 HTML manager (its self-contained build, embed.js: no require.js), served by the
# site itself; mathjax-full, which turns the math into MathML while the site is built
# (_ext/static_math.py); axe-core for the browser tests; Lighthouse for `make lighthouse`.
$(VENDORED): vendor/package.json vendor/package-lock.json
	cd vendor && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -rf _site_extra/assets && mkdir -p _site_extra/assets/html-manager
	cp vendor/node_modules/@jupyter-widgets/html-manager/dist/embed.js \
	   vendor/node_modules/@jupyter-widgets/html-manager/dist/*.woff* \
	   vendor/node_modules/@jupyter-widgets/html-manager/dist/*.ttf \
	   vendor/node_modules/@jupyter-widgets/html-manager/dist/*.eot \
	   vendor/node_modules/@jupyter-widgets/html-manager/dist/*.svg _site_extra/assets/html-manager/
	touch $@

# Headless Chromium (and a Korean font) for the browser tests; Debian's packages, as root.
browser:
	@if command -v chromium >/dev/null && fc-list :lang=ko | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null; \
	else echo "note: install chromium and a Korean font (fonts-nanum) for the browser tests"; fi

# XeLaTeX and what Jupyter Book's LaTeX class loads, Korean (kotex, the Nanum fonts), the
# fonts of code (DejaVu Sans Mono) and text (FreeFont), and poppler for the PDF tests; as root.
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
  texlive-fonts-recommended texlive-fonts-extra texlive-pictures texlive-plain-generic \
  texlive-lang-korean fonts-nanum fonts-freefont-otf fonts-dejavu-core poppler-utils
tex:
	@if command -v latexmk >/dev/null && command -v pdftoppm >/dev/null && \
	    kpsewhich xetexko.sty kolabels-utf.sty bbm.sty pgfplots.sty >/dev/null && \
	    fc-list | grep -q NanumMyeongjo && fc-list | grep -q FreeSerif && fc-list | grep -q "DejaVu Sans Mono"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(TEX_PACKAGES) >/dev/null; \
	else echo "note: install Debian's $(TEX_PACKAGES) for make pdf"; fi

# The install cell, the links and the student editions come from _config.yml;
# regenerate them, then re-execute the pairs whose cells changed.
generated: env
	$(PY) tools/notebooks.py install-cell
	$(PY) tools/notebooks.py links
	$(PY) tools/notebooks.py student

notebooks: env data generated
	$(PY) tools/notebooks.py execute

notebooks-all: env data generated
	$(PY) tools/notebooks.py execute --all

# Jupyter Book's LaTeX route (XeLaTeX), one book per edition: see tools/pdf.py.
pdf: notebooks tex
	$(PY) tools/pdf.py

book: notebooks pdf vendor
	$(VENV)/bin/jupyter-book build . --warningiserror --keep-going
	@echo "site: _build/html/index.html"

# The tests run with no network at all where the platform allows it (a new
# network namespace with only loopback: kernels and the browser talk over
# 127.0.0.1), proving that nothing at run time reaches the internet.
test: setup
	@if unshare -n true 2>/dev/null && command -v ip >/dev/null; then \
	  echo "tests: running offline (unshare -n, loopback only)"; \
	  unshare -n sh -c 'ip link set lo up && D2LPLUS_OFFLINE=1 $(PY) tools/run_tests.py'; \
	elif [ -n "$$CI" ]; then \
	  echo "tests: CI must run offline, but this machine cannot drop the network (unshare -n)"; exit 1; \
	else \
	  echo "tests: cannot drop the network here (unshare -n); running online, and the offline test is skipped"; \
	  $(PY) tools/run_tests.py; \
	fi

# The fast loop: the helpers' unit tests, pairing, static and notebook-hygiene checks. Needs the
# environment and the data only (no root, TeX, browser or Colab environment); the heavy tiers
# carry markers (conftest.py) and are left to `make test`.
FAST_TIERS := not (notebooks or colab or tex or site or browser or slow)
test-fast: env data
	$(PY) -m pytest -o addopts="-ra -p no:cacheprovider" -m "$(FAST_TIERS)" tests

# README's "Run the notebooks on your own computer", literally, in a fresh environment (not CI: it
# downloads torch again); then every stored notebook executed as in Jupyter (tools/laptop.py).
LAPTOP := .cache/laptop
test-laptop: data
	rm -rf $(LAPTOP) && $(PYTHON) -m venv $(LAPTOP)
	$(LAPTOP)/bin/pip install --quiet --disable-pip-version-check . jupyterlab
	$(LAPTOP)/bin/pip install --quiet --disable-pip-version-check --no-deps d2l==1.0.3
	env -u D2LPLUS_HEADLESS $(LAPTOP)/bin/python tools/laptop.py

bench: setup
	$(PY) tools/bench.py

budget: setup
	$(PY) tools/budget.py

weight: setup
	$(PY) tools/page_weight.py _build/html

lighthouse: setup
	$(PY) tools/lighthouse.py _build/html

timing: env data
	env -u D2LPLUS_HEADLESS $(PY) tools/timing_claims.py

determinism: env data
	for run in 1 2 3; do $(PY) -m pytest chapters exercises -q || exit 1; echo "determinism: run $$run of 3 passed"; done

serve:
	$(PY) -m http.server --directory _build/html --bind 127.0.0.1 8000

clean:
	rm -rf _build _site_extra .venv-colab .cache
