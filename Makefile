# tracksheet — set-up, build, test, demo and benchmarks. Every install step lives here.

SWIFT       ?= swift
APT_PACKAGES = libxlsxwriter-dev libuchardet-dev pkg-config python3-openpyxl zlib1g-dev
PYTHON      ?= /usr/bin/python3
BIN_RELEASE  = .build/release/tracksheet
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup build release test demo bench preview fuzz clean

all: build

# Installs the Debian packages that are missing (idempotent; quiet when everything is there).
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

demo: release
	@mkdir -p out
	$(BIN_RELEASE) convert Samples/convert/contacts.csv -o out/contacts.xlsx
	@echo "wrote out/contacts.xlsx"

# Benchmarks: figures as ratios against baselines measured in the same run (see bench/README.md).
BENCH_ROWS ?= 1000000
BENCH_DIR   = bench/out
BENCH_CSV   = $(BENCH_DIR)/data-$(BENCH_ROWS).csv

BENCH_VENV  = $(BENCH_DIR)/venv
BENCH_TABLES ?= 2000

# The Python readers the read benchmark compares against, in a virtual environment of their own.
$(BENCH_VENV)/ok:
	@mkdir -p $(BENCH_DIR)
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq python3-venv
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q python-calamine fastexcel pyarrow openpyxl
	@touch $@

bench: release $(BENCH_VENV)/ok
	@mkdir -p $(BENCH_DIR)
	cc -O2 -o $(BENCH_DIR)/baseline bench/baseline.c $$(pkg-config --cflags --libs xlsxwriter)
	cc -O2 -o $(BENCH_DIR)/runstat bench/runstat.c
	@[ -f $(BENCH_CSV) ] || $(PYTHON) bench/gen_csv.py $(BENCH_ROWS) $(BENCH_CSV)
	@echo "== CSV -> XLSX, $(BENCH_ROWS) rows x 12 columns"
	$(PYTHON) bench/measure.py \
		"C baseline (libxlsxwriter, same typing)" -- $(BENCH_DIR)/baseline $(BENCH_CSV) $(BENCH_DIR)/baseline.xlsx :: \
		"tracksheet convert" -- $(BIN_RELEASE) convert $(BENCH_CSV) -o $(BENCH_DIR)/tracksheet.xlsx
	@echo "== XLSX -> CSV, the C baseline's $(BENCH_ROWS)-row workbook"
	$(PYTHON) bench/measure.py \
		"floor: unzip -p sheet1.xml" -- unzip -p $(BENCH_DIR)/baseline.xlsx xl/worksheets/sheet1.xml :: \
		"tracksheet convert (to CSV)" -- $(BIN_RELEASE) convert $(BENCH_DIR)/baseline.xlsx -o $(BENCH_DIR)/read.csv :: \
		"python-calamine (to lists)" -- $(BENCH_VENV)/bin/python bench/read_python.py calamine $(BENCH_DIR)/baseline.xlsx :: \
		"fastexcel (to Arrow)" -- $(BENCH_VENV)/bin/python bench/read_python.py fastexcel $(BENCH_DIR)/baseline.xlsx :: \
		"openpyxl read-only" -- $(BENCH_VENV)/bin/python bench/read_python.py openpyxl $(BENCH_DIR)/baseline.xlsx
	@echo "== batch: $(BENCH_TABLES) task tables checked and reported"
	@[ -f $(BENCH_DIR)/tables-$(BENCH_TABLES)/jobs.toml ] || $(PYTHON) bench/gen_tasks.py $(BENCH_TABLES) $(BENCH_DIR)/tables-$(BENCH_TABLES)
	$(PYTHON) bench/measure.py \
		"batch -j 1" -- $(BIN_RELEASE) batch run $(BENCH_DIR)/tables-$(BENCH_TABLES)/jobs.toml -j 1 -q :: \
		"batch -j 2" -- $(BIN_RELEASE) batch run $(BENCH_DIR)/tables-$(BENCH_TABLES)/jobs.toml -j 2 -q

clean:
	rm -rf .build out bench/out
