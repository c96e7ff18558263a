# tracksheet — set-up, build, test, demo and benchmarks. Every install step lives here.

SWIFT       ?= swift
APT_PACKAGES = libxlsxwriter-dev libuchardet-dev pkg-config python3-openpyxl zlib1g-dev
PYTHON      ?= /usr/bin/python3
BIN_RELEASE  = .build/release/tracksheet
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SHELL        = /bin/bash

.PHONY: all setup test-setup build release release-cli install uninstall test demo bench bench-province preview fuzz fuzz-replay clean

all: build

# Installs the Debian packages that are missing (idempotent; quiet when everything is there).
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The tests also re-save ledgers through LibreOffice (the office cycle: returns edited in other office suites).
TEST_PACKAGES = libreoffice-calc-nogui
test-setup: setup
	@missing=""; for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: setup
	$(SWIFT) build

# Release builds link the Swift runtime and Foundation statically: the installed binary runs on a machine without a
# Swift toolchain, and starts in 18 ms instead of 27 (no dynamic linking of the runtime's libraries; `check` of 100
# measures, perf stat -r 20), at 104 MB on disk instead of 33.
RELEASE_FLAGS = -c release --static-swift-stdlib

release: setup
	$(SWIFT) build $(RELEASE_FLAGS)

# Only the command-line tool and what it links (not the fuzz targets): what `demo` and `install` need.
release-cli: setup
	$(SWIFT) build $(RELEASE_FLAGS) --product tracksheet

# Installs the release binary as $(DESTDIR)$(PREFIX)/bin/tracksheet (PREFIX defaults to /usr/local; sudo is used only
# when the folder is not writable). It links libxlsxwriter and uchardet dynamically, so those stay installed.
PREFIX ?= /usr/local
BINDIR  = $(DESTDIR)$(PREFIX)/bin
install: release-cli
	@mkdir -p "$(BINDIR)" 2>/dev/null || $(SUDO) mkdir -p "$(BINDIR)"
	@if [ -w "$(BINDIR)" ]; then install -m 755 $(BIN_RELEASE) "$(BINDIR)/tracksheet"; \
	else $(SUDO) install -m 755 $(BIN_RELEASE) "$(BINDIR)/tracksheet"; fi
	@echo "installed $(BINDIR)/tracksheet"

uninstall:
	@if [ -w "$(BINDIR)" ]; then rm -f "$(BINDIR)/tracksheet"; else $(SUDO) rm -f "$(BINDIR)/tracksheet"; fi

# Deterministic: the build, the tests and a replay of the fuzz corpora; no random fuzzing (that is `make fuzz`).
test: test-setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	@$(MAKE) --no-print-directory fuzz-replay

# Fuzzing: libFuzzer targets for the CSV, XLSX, XLS and ODS readers, the deadline parser and the header recognizer.
# `make fuzz` runs each for FUZZ_SECONDS (default 60); `make test` only replays the corpora (`make fuzz-replay`).
FUZZ_TARGETS = FuzzCSV FuzzXLSX FuzzXLS FuzzODS FuzzDeadline FuzzHeader
FUZZ_SECONDS ?= 60
FUZZ_BUILD   = .build-fuzz
FUZZ_FLAGS   = -c release --scratch-path $(FUZZ_BUILD) -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld

fuzz-replay: setup
	@for t in $(FUZZ_TARGETS); do \
		corpus=Tests/Fuzz/corpus/$$(echo $${t#Fuzz} | tr A-Z a-z); \
		$(SWIFT) build --product $$t >/dev/null && printf '%s: ' $$t && .build/debug/$$t $$corpus || exit 1; \
	done

# A fuzz build that fails stops here with the compiler's errors; only a fuzzer's own finding says "found a failure".
fuzz: setup
	@mkdir -p $(FUZZ_BUILD)
	@for t in $(FUZZ_TARGETS); do \
		log=$(FUZZ_BUILD)/build-$$t.log; \
		if ! $(SWIFT) build $(FUZZ_FLAGS) --product $$t >$$log 2>&1; then \
			grep -E "error:" $$log || tail -n 30 $$log; \
			echo "$$t: the fuzz build failed (full output: $$log)"; exit 1; \
		fi; \
		grep -E "warning: unre" $$log; true; \
	done
	@mkdir -p $(FUZZ_BUILD)/artifacts
	@for t in $(FUZZ_TARGETS); do \
		seeds=Tests/Fuzz/corpus/$$(echo $${t#Fuzz} | tr A-Z a-z); work=$(FUZZ_BUILD)/corpus/$$t; mkdir -p $$work; \
		echo "== $$t for $(FUZZ_SECONDS) s"; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan.supp $(FUZZ_BUILD)/release/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- $$work $$seeds 2>&1 \
			| grep -E "^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss|cov:|ERROR|SUMMARY" | tail -4; \
		status=$${PIPESTATUS[0]}; [ "$$status" = 0 ] || { echo "$$t found a failure: see $(FUZZ_BUILD)/artifacts/"; exit 1; }; \
	done

SAMPLE_ISSUES = Samples/rectification/issues.csv
SAMPLE_TASKS  = Samples/rectification/tasks.csv
# The seed report: a 巡察 whose plan (立行立改 measures are due on it) is dated 2025-03-11, judged on 2025-06-30.
SAMPLE_OPTIONS = --kind 巡察 --as-of 2025-06-30 --plan-date 2025-03-11

# The main job on Samples/: convert office CSVs, check the seed report's tables, write and summarize its ledger.
demo: release-cli
	@mkdir -p out
	$(BIN_RELEASE) convert Samples/convert/contacts-gbk.csv Samples/convert/contacts-unicode.txt \
		Samples/convert/budget-semicolon.csv -o out/contacts.xlsx
	@echo
	$(BIN_RELEASE) check $(SAMPLE_ISSUES) $(SAMPLE_TASKS) $(SAMPLE_OPTIONS) --expect measures=44 \
		|| echo "(exit $$?: the report claims 44 measures; its own 一是/二是/三是 count 47)"
	@echo
	$(BIN_RELEASE) report $(SAMPLE_ISSUES) $(SAMPLE_TASKS) $(SAMPLE_OPTIONS) --unit 县科协 \
		-o out/县科协整改台账.xlsx --split-by unit
	@echo
	$(BIN_RELEASE) summary $(SAMPLE_ISSUES) $(SAMPLE_TASKS) $(SAMPLE_OPTIONS)
	@echo
	@echo "# the ledger reads back as its source tables did (keys, 状态, dates recorded in the workbook):"
	$(BIN_RELEASE) check out/县科协整改台账.xlsx --as-of 2025-06-30
	@echo
	@echo "converted workbook: out/contacts.xlsx"
	@echo "ledger:             out/县科协整改台账.xlsx (one per unit in out/县科协整改台账-by-unit/)"

# Benchmarks: figures as ratios against baselines measured in the same run (see bench/README.md).
BENCH_ROWS ?= 1000000
BENCH_DIR   = bench/out
BENCH_CSV   = $(BENCH_DIR)/data-$(BENCH_ROWS).csv

BENCH_VENV  = $(BENCH_DIR)/venv
BENCH_XLS   = $(BENCH_DIR)/data-65535.xls
BENCH_ODS_ROWS ?= 100000
BENCH_ODS   = $(BENCH_DIR)/data-$(BENCH_ODS_ROWS).ods
BENCH_TABLES ?= 2000

# The Python readers the read benchmark compares against, in a virtual environment of their own.
$(BENCH_VENV)/ok:
	@mkdir -p $(BENCH_DIR)
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq python3-venv
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q python-calamine fastexcel pyarrow openpyxl xlrd
	@touch $@

bench: release-cli $(BENCH_VENV)/ok
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
	@echo "== ODS -> CSV, LibreOffice's .ods of the first $(BENCH_ODS_ROWS) rows of the bench CSV"
	@[ -f $(BENCH_ODS) ] || $(PYTHON) bench/make_ods.py $(BENCH_CSV) $(BENCH_ODS_ROWS) $(BENCH_ODS)
	$(PYTHON) bench/measure.py \
		"floor: unzip -p content.xml" -- unzip -p $(BENCH_ODS) content.xml :: \
		"tracksheet convert (to CSV)" -- $(BIN_RELEASE) convert $(BENCH_ODS) -o $(BENCH_DIR)/read-ods.csv :: \
		"python-calamine (to lists)" -- $(BENCH_VENV)/bin/python bench/read_python.py calamine $(BENCH_ODS)
	@echo "== batch: $(BENCH_TABLES) task tables checked and reported"
	@[ -f $(BENCH_DIR)/tables-$(BENCH_TABLES)/jobs.toml ] || $(PYTHON) bench/gen_tasks.py $(BENCH_TABLES) $(BENCH_DIR)/tables-$(BENCH_TABLES)
	$(PYTHON) bench/measure.py \
		"batch -j 1" -- $(BIN_RELEASE) batch run $(BENCH_DIR)/tables-$(BENCH_TABLES)/jobs.toml -j 1 -q :: \
		"batch -j 2" -- $(BIN_RELEASE) batch run $(BENCH_DIR)/tables-$(BENCH_TABLES)/jobs.toml -j 2 -q
	@echo "== XLS -> CSV, the bench CSV's first 65,535 rows as a BIFF8 .xls (written by LibreOffice)"
	@[ -f $(BENCH_XLS) ] || $(PYTHON) bench/gen_xls.py 65535 $(BENCH_CSV) $(BENCH_XLS)
	$(PYTHON) bench/measure.py \
		"tracksheet convert (to CSV)" -- $(BIN_RELEASE) convert $(BENCH_XLS) -o $(BENCH_DIR)/read-xls.csv :: \
		"python-calamine (to lists)" -- $(BENCH_VENV)/bin/python bench/read_python.py calamine $(BENCH_XLS) :: \
		"xlrd (to lists)" -- $(BENCH_VENV)/bin/python bench/read_python.py xlrd $(BENCH_XLS)
	@$(MAKE) --no-print-directory bench-province

# Province scale (issue 15): generated issue lists and task tables of BENCH_MEASURES measures (bench/gen_province.py)
# checked and summarized beside Python's csv module reading the same two files; the BENCH_LEDGER_MEASURES table
# reported beside libxlsxwriter writing it without constant memory, and its ledger merged with and diffed against a
# later round's beside tracksheet reading both ledgers' main sheets to CSV (the same reader merge and diff use).
BENCH_MEASURES        ?= 10000 30000 100000 300000
BENCH_LEDGER_MEASURES ?= 100000
PROVINCE_DIR     = $(BENCH_DIR)/province
# The fixed cost of a run (process start-up, libraries, output), measured on 100 measures in the same run, and the
# least number of runs (best kept) for the sizes under 100,000, whose runs of a few hundredths of a second measure
# coarsely (the best of 5 still moved a size's time per measure by 10-30% between runs; of 15, the time per measure
# agrees with the mean of 20 runs), and for the larger ones and the report, merge and diff (on a shared machine one
# run can lose half its time to other tenants).
PROVINCE_STARTUP = 100
BENCH_SMALL_RUNS ?= 15
BENCH_LARGE_RUNS ?= 3
PROVINCE_OPTIONS = --as-of 2025-06-30 --plan-date 2025-03-11
PYTHON_CSV_READ  = import csv, sys; [sum(1 for row in csv.reader(open(path, encoding="utf-8-sig", newline=""))) for path in sys.argv[1:]]

bench-province: release-cli
	@mkdir -p $(PROVINCE_DIR)
	cc -O2 -o $(BENCH_DIR)/baseline bench/baseline.c $$(pkg-config --cflags --libs xlsxwriter)
	cc -O2 -o $(BENCH_DIR)/runstat bench/runstat.c
	@for n in $(PROVINCE_STARTUP) $(BENCH_MEASURES) $(BENCH_LEDGER_MEASURES); do \
		[ -f $(PROVINCE_DIR)/tasks-$$n-later.csv ] || $(PYTHON) bench/gen_province.py $$n $(PROVINCE_DIR) || exit 1; \
	done
	@for n in $(PROVINCE_STARTUP) $(BENCH_MEASURES); do \
		if [ $$n -eq $(PROVINCE_STARTUP) ]; then echo "== start-up: check and summary of $$n measures"; \
		else echo "== check and summary, $$n measures"; fi; \
		runs=$(BENCH_RUNS); least=$(BENCH_LARGE_RUNS); [ $$n -lt 100000 ] && least=$(BENCH_SMALL_RUNS); \
		[ "$${runs:-1}" -lt $$least ] && runs=$$least; \
		issues=$(PROVINCE_DIR)/issues-$$n.csv; tasks=$(PROVINCE_DIR)/tasks-$$n.csv; \
		BENCH_RUNS=$$runs $(PYTHON) bench/measure.py \
			"Python csv reading both files" -- $(PYTHON) -c '$(PYTHON_CSV_READ)' $$issues $$tasks :: \
			"tracksheet check --format json" -- $(BIN_RELEASE) check $$issues $$tasks $(PROVINCE_OPTIONS) --format json :: \
			"tracksheet summary" -- $(BIN_RELEASE) summary $$issues $$tasks $(PROVINCE_OPTIONS) \
			| tee $(PROVINCE_DIR)/times-$$n.md || exit 1; \
	done
	@$(PYTHON) bench/gen_province.py --per-measure $(PROVINCE_DIR) $(PROVINCE_STARTUP) $(BENCH_MEASURES)
	@n=$(BENCH_LEDGER_MEASURES); issues=$(PROVINCE_DIR)/issues-$$n.csv; \
	runs=$(BENCH_RUNS); [ "$${runs:-1}" -lt $(BENCH_LARGE_RUNS) ] && runs=$(BENCH_LARGE_RUNS); export BENCH_RUNS=$$runs; \
	echo "== report, $$n measures"; \
	$(PYTHON) bench/measure.py \
		"C baseline (libxlsxwriter, not constant memory)" -- $(BENCH_DIR)/baseline --in-memory $(PROVINCE_DIR)/tasks-$$n.csv $(PROVINCE_DIR)/baseline-$$n.xlsx :: \
		"tracksheet report" -- $(BIN_RELEASE) report $$issues $(PROVINCE_DIR)/tasks-$$n.csv $(PROVINCE_OPTIONS) -o $(PROVINCE_DIR)/ledger-$$n.xlsx \
	|| exit 1; \
	$(BIN_RELEASE) report $$issues $(PROVINCE_DIR)/tasks-$$n-later.csv $(PROVINCE_OPTIONS) -o $(PROVINCE_DIR)/ledger-$$n-later.xlsx >/dev/null 2>&1; \
	[ $$? -le 1 ] || exit 1; \
	echo "== merge and diff of two $$n-measure ledgers"; \
	$(PYTHON) bench/measure.py \
		"tracksheet convert of both ledgers' main sheets to CSV" -- bash -c '$(BIN_RELEASE) convert "$$1" -o /dev/null && $(BIN_RELEASE) convert "$$2" -o /dev/null' - $(PROVINCE_DIR)/ledger-$$n.xlsx $(PROVINCE_DIR)/ledger-$$n-later.xlsx :: \
		"tracksheet merge --dry-run" -- $(BIN_RELEASE) merge $(PROVINCE_DIR)/ledger-$$n.xlsx $(PROVINCE_DIR)/ledger-$$n-later.xlsx --dry-run :: \
		"tracksheet diff" -- $(BIN_RELEASE) diff $(PROVINCE_DIR)/ledger-$$n.xlsx $(PROVINCE_DIR)/ledger-$$n-later.xlsx

# Renders the sample ledger's first page to docs/ledger.png through LibreOffice (installed here on first use).
PREVIEW_PACKAGES = libreoffice-calc-nogui poppler-utils fonts-wqy-microhei fonts-arphic-uming
preview: setup
	@missing=""; for p in $(PREVIEW_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; fi
	scripts/preview.sh

clean:
	rm -rf .build $(FUZZ_BUILD) out bench/out
