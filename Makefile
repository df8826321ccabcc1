# geomap: `make map` builds a map from the bundled sample, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
SHARED ?= ../shared

.PHONY: map map-seeds map-ucdp screenshots test lint gold bench chromium gazetteer train clean

# What a map needs; the tests, screenshots and benchmarks add the [test,dask] extras.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -c "from gazetteer import Gazetteer; Gazetteer.load()"  # compile the place index once
	touch $@

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@

map: $(STAMP)
	$(BIN)/geomap map examples/reports -o output/incidents.html --unresolved output/unresolved.csv
	@echo "Open output/incidents.html in a browser (it works offline)."

map-seeds: $(STAMP)
	$(BIN)/geomap map $(SHARED)/seeds -o output/seeds.html --title "Seed news pages" \
		--reference-date 2021-11-01 --unresolved output/seeds-unresolved.csv

map-ucdp: $(DEV) chromium
	$(BIN)/geomap map $(SHARED)/data/ucdp/ucdp_ged_syria_652.1601.1911.csv.gz \
		$(SHARED)/data/ucdp/ucdp_ged191_iraq_hdx_conflict_data_irq.csv.gz \
		-o output/ucdp.html --title "UCDP GED: Iraq and Syria" --window 30 --png output/ucdp.png

# The README's screenshots: the sample at a laptop's, an 800x600 embed's and a phone's size (and the UCDP map
# when $(SHARED) is there). Look at them after any change to the map's layout.
screenshots: $(DEV) chromium
	$(BIN)/geomap map examples/reports -o output/incidents.html -q --png docs/sample-map.png
	$(BIN)/geomap map examples/reports -o output/incidents.html -q --png docs/sample-map-800x600.png \
		--width 800 --height 600
	$(BIN)/geomap map examples/reports -o output/incidents.html -q --png docs/sample-map-phone.png \
		--width 390 --height 844
	@if [ -d $(SHARED)/data/ucdp ]; then \
		$(BIN)/geomap map $(SHARED)/data/ucdp/ucdp_ged_syria_652.1601.1911.csv.gz \
			$(SHARED)/data/ucdp/ucdp_ged191_iraq_hdx_conflict_data_irq.csv.gz -q -o output/ucdp.html \
			--title "UCDP GED: Iraq and Syria" --window 30 --png docs/ucdp-map.png; \
	else echo "skipping docs/ucdp-map.png: $(SHARED)/data/ucdp is not here"; fi

# Browser tests drive Debian's chromium; install it when it is missing (as root, e.g. on CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
		else echo "chromium is missing: install it with 'apt-get install chromium' as root" >&2; exit 1; fi; }

test: $(DEV) chromium
	$(BIN)/python -m pytest

lint: $(DEV)
	$(BIN)/ruff check geomap gazetteer tests benchmarks training

# Real news written elsewhere first (../shared/data/realtext; skipped with a reason when absent), then our own sets.
gold: $(STAMP)
	$(BIN)/python benchmarks/real_event_location.py
	$(BIN)/python benchmarks/real_articles.py
	$(BIN)/python benchmarks/real_toponyms.py
	$(BIN)/python benchmarks/gold_places.py
	$(BIN)/python benchmarks/gold_incidents.py

bench: $(DEV) chromium
	$(BIN)/python benchmarks/bench_gazetteer.py
	$(BIN)/python benchmarks/bench_maps.py
	$(BIN)/python benchmarks/bench_aggregate.py
	$(BIN)/python benchmarks/bench_tables.py
	$(BIN)/python benchmarks/bench_text.py

# Refit the models on the labelled real news in $(SHARED)/data/realtext (needs the [train] extra).
train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python training/train_candidates.py
	$(BIN)/python training/train_event_location.py

# Rebuild gazetteer/data from the open data in $(SHARED)/data (needs the [build] extra).
gazetteer: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[build]'
	$(BIN)/python -m gazetteer.build --data $(SHARED)/data

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache output/*.html output/*.png output/*.csv
