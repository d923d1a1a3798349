# claimtrack - claim-and-contradiction tracker.
#
#   make            build build/claimtrack
#   make run        install missing build dependencies, build, check claims/
#   make test       build and run every test (unit, end-to-end, conformance)
#   make asan       run the test suite built with ASan+UBSan
#   make lint       exported symbols, headers alone, banned calls, clang-format
#   make install    PREFIX=/usr/local DESTDIR=
#   make golden     rewrite end-to-end expectations (review the diff!)

CC      ?= cc
PREFIX  ?= /usr/local
BUILD   ?= build
PKGS    := jansson libxml-2.0 libpcre2-8 nettle libmicrohttpd libutf8proc gmp
SHARED  ?= ../shared

# CPPFLAGS, CFLAGS and LDFLAGS from the environment or the command line replace
# these defaults (a packager's hardening flags apply as given).  -Werror is for
# development and CI builds only (STRICT=1, set by .ci/run and the sanitizer
# targets): a newer compiler's new warning must never break `make run`.
WARN    := -Wall -Wextra -Wstrict-prototypes -Wshadow $(if $(filter 1,$(STRICT)),-Werror)
CPPFLAGS ?= -D_FORTIFY_SOURCE=3
CFLAGS  ?= -O2 -g -fstack-protector-strong -fPIE
LDFLAGS ?= -pie -Wl,-z,relro,-z,now
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) \
              -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(EXTRA_CFLAGS)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

# A missing pkg-config module makes pkg-config print no flags at all, and the
# build then fails far from the cause: name the missing modules instead.
PKG_MISSING := $(shell for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || echo $$p; done)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The library is one folder per concept (docs/CONVENTIONS.md); the workbench
# (src/serve/) is an archive of its own, with its CSS and script, that only
# the command-line program and the HTTP fuzz harness link.
LIB_DIRS := util value vocab corpus schema conflict review report export suggest
LIB_SRC := $(foreach d,$(LIB_DIRS),$(wildcard src/$(d)/*.c))
SERVE_SRC := $(wildcard src/serve/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
LIB_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/embedded.o
SERVE_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SERVE_SRC)) $(BUILD)/obj/serve_assets.o
CLI_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLI_SRC))
UNIT_SRC := $(wildcard tests/unit/*.c)
SCHEMAS := schema/topic.schema.json schema/sources.schema.json schema/reviews.schema.json \
           schema/topic.xsd
ASSETS  := src/serve/assets/serve.css src/serve/assets/serve.js

.PHONY: same-reports icu-compare dist check pkgcheck lint valgrind coverage doc-check bench alloc-test alloc-test-plain portability fuzz fuzz-replay all run test unit e2e schema-suite jsontestsuite asan install uninstall clean golden deps seeds-check

all: $(BUILD)/claimtrack

# A release tarball of the committed tree (git archive): what a corpus
# repository unpacks at tools/claimtrack when it does not use a submodule.
VERSION := $(shell sed -n 's/^\#define CT_VERSION "\(.*\)"/\1/p' include/claimtrack/common.h)
dist:
	@mkdir -p $(BUILD)
	$(Q)git archive --format=tar.gz --prefix=claimtrack-$(VERSION)/ -o $(BUILD)/claimtrack-$(VERSION).tar.gz HEAD
	@echo "$(BUILD)/claimtrack-$(VERSION).tar.gz"

# `make check` is `make test`, as in autotools projects.
check: test

pkgcheck:
	@if [ -n "$(PKG_MISSING)" ]; then \
	    echo "claimtrack: pkg-config cannot find: $(PKG_MISSING)" >&2; \
	    echo "claimtrack: install the build dependencies first: make deps (sh scripts/install-deps.sh)" >&2; \
	    exit 2; fi

deps:
	$(Q)sh scripts/install-deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all
	./$(BUILD)/claimtrack check claims

# -MMD: each object also lists the headers it includes (build/obj/*.d).  The
# stamp makes a build folder from before dependency tracking rebuild once.
$(BUILD)/obj/.mmd-stamp:
	@mkdir -p $(dir $@)
	@touch $@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/obj/.mmd-stamp | pkgcheck
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

-include $(wildcard $(BUILD)/obj/*/*.d)

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(BUILD)
	$(Q)$(CC) -std=c11 -O1 -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(SCHEMAS) Makefile
	$(Q)$(BUILD)/embed $@ ct_embedded__topic_schema=schema/topic.schema.json \
	    ct_embedded__sources_schema=schema/sources.schema.json \
	    ct_embedded__reviews_schema=schema/reviews.schema.json \
	    ct_embedded__topic_xsd=schema/topic.xsd

$(BUILD)/serve_assets.c: $(BUILD)/embed $(ASSETS)
	$(Q)$(BUILD)/embed $@ ct_serve__css=src/serve/assets/serve.css \
	    ct_serve__js=src/serve/assets/serve.js

$(BUILD)/obj/embedded.o: $(BUILD)/embedded.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/serve_assets.o: $(BUILD)/serve_assets.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libclaimtrack.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libctserve.a: $(SERVE_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/claimtrack: $(CLI_OBJ) $(BUILD)/libctserve.a $(BUILD)/libclaimtrack.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libctserve.a $(BUILD)/libclaimtrack.a $(LIBS) $(LDFLAGS)

$(BUILD)/check_unit: $(UNIT_SRC) $(BUILD)/libclaimtrack.a tests/unit/unit.h
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-shadow -o $@ $(UNIT_SRC) $(BUILD)/libclaimtrack.a $(LIBS) $(CHECK_LIBS)

$(BUILD)/run_suite: tests/schema-suite/run_suite.c $(BUILD)/libclaimtrack.a
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libclaimtrack.a $(LIBS)

$(BUILD)/json_validate: tests/tools/json_validate.c $(BUILD)/libclaimtrack.a
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libclaimtrack.a $(LIBS)

$(BUILD)/xml_validate: tests/tools/xml_validate.c
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

# The keyword files of JSON-Schema-Test-Suite (draft 2020-12) the validator supports.
SUITE_DIR := $(SHARED)/testdata/JSON-Schema-Test-Suite/tests/draft2020-12
SUITE_FILES := type enum const properties required additionalProperties patternProperties \
    propertyNames items prefixItems contains minContains maxContains minItems maxItems \
    uniqueItems minLength maxLength pattern minimum maximum exclusiveMinimum exclusiveMaximum \
    multipleOf allOf anyOf oneOf not if-then-else boolean_schema dependentRequired \
    dependentSchemas minProperties maxProperties format optional/format/date \
    optional/non-bmp-regex unevaluatedProperties ref anchor default content infinite-loop-detection

# Static checks (tests/lint.sh), clang-format included (LINT_FORMAT=0 skips it).
lint: $(BUILD)/claimtrack
	$(Q)echo "== lint"
	$(Q)sh tests/lint.sh $(BUILD)/libclaimtrack.a $(CC) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
	$(Q)sh tests/limits.sh
	$(Q)sh tests/layout.sh $(BUILD)
	$(Q)out=$$(LAYOUT_EXTRA_EDGE="util cli" sh tests/layout.sh $(BUILD) 2>&1); \
	    echo "$$out" | grep -q "depend on each other in a cycle" && echo "ok   layout: a dependency of util on cli is found as a cycle" || \
	    { echo "FAIL layout: a cycle util -> cli -> util went unnoticed"; echo "$$out"; exit 1; }

test: all $(BUILD)/check_unit $(BUILD)/run_suite $(BUILD)/json_validate $(BUILD)/xml_validate \
      $(BUILD)/gen_corpus
	$(Q)echo "== unit tests (Check)"
	$(Q)CK_VERBOSITY=normal TESTS_DIR=tests ./$(BUILD)/check_unit
	$(Q)echo "== end-to-end tests"
	$(Q)sh tests/e2e.sh ./$(BUILD)/claimtrack
	$(Q)echo "== reviews: workflow, crashes, concurrent writers"
	$(Q)sh tests/reviews.sh ./$(BUILD)/claimtrack > $(BUILD)/reviews.log 2>&1; s=$$?; tail -n 4 $(BUILD)/reviews.log; [ $$s -eq 0 ] || { cat $(BUILD)/reviews.log; exit $$s; }
	$(Q)echo "== reports: every format from one run, validated against its schema"
	$(Q)sh tests/reports.sh ./$(BUILD) $(SHARED)
	$(Q)echo "== consumers: SARIF Multitool, Jenkins JUnit XSD, Python csv, baselines"
	$(Q)sh tests/consumers.sh ./$(BUILD)
	$(Q)echo "== reviews under old ids and digests carried over to SHA-256 ones"
	$(Q)sh tests/migration.sh ./$(BUILD)/claimtrack
	$(Q)echo "== parallel JSONL loading matches the serial results"
	$(Q)sh tests/parallel.sh ./$(BUILD)
	$(Q)echo "== determinism: load order, XML input, threads and names change no result"
	$(Q)sh tests/determinism.sh ./$(BUILD)
	$(Q)echo "== properties: random corpora, semantic invariants"
	$(Q)sh tests/properties.sh ./$(BUILD)/claimtrack > $(BUILD)/properties.log 2>&1; s=$$?; tail -n 1 $(BUILD)/properties.log; [ $$s -eq 0 ] || { grep -v "^ok" $(BUILD)/properties.log; exit $$s; }
	$(Q)echo "== benchmark shapes: one topic file, declared subjects, deep vocabularies match their twins"
	$(Q)sh tests/shapes.sh ./$(BUILD)
	$(Q)echo "== unwritable output: full stdout, bad -o paths, no partial files"
	$(Q)sh tests/io-errors.sh ./$(BUILD)/claimtrack
	$(Q)echo "== inputs: FIFOs, devices and links in folders, the input size limit"
	$(Q)sh tests/inputs.sh ./$(BUILD)/claimtrack
	$(Q)echo "== output files: devices, FIFOs, links, inputs refused, signals, all-or-nothing reports"
	$(Q)sh tests/outputs.sh ./$(BUILD)/claimtrack
	$(Q)echo "== build flags: hardening, packagers' flags, -Werror only with STRICT=1"
	$(Q)sh tests/build.sh
	$(Q)echo "== CI recipes in examples/ci"
	$(Q)sh tests/examples.sh ./$(BUILD)/claimtrack
	$(Q)$(MAKE) --no-print-directory doc-check
	$(Q)echo "== a new user's first steps: colour, jobs, review lock, init, help, completion, docs"
	$(Q)sh tests/usability.sh ./$(BUILD)/claimtrack
	$(Q)echo "== docs: README's tour runs, links resolve, README stays a front page"
	$(Q)sh tests/docs.sh ./$(BUILD)/claimtrack
	$(Q)echo "== XML claim files: round trip, JSON/XML parity, hostile inputs"
	$(Q)sh tests/xml.sh ./$(BUILD)/claimtrack $(SHARED)
	$(Q)echo "== claimtrack serve over HTTP"
	$(Q)sh tests/serve.sh ./$(BUILD)/claimtrack
	$(Q)echo "== claimtrack serve in a real browser (headless Chromium, puppeteer-core)"
	$(Q)sh tests/browser/run.sh ./$(BUILD)/claimtrack
	$(Q)echo "== claimtrack suggest on the seed articles: recall, precision, verbatim quotes"
	$(Q)sh tests/suggest-measure.sh ./$(BUILD)/claimtrack $(SHARED)
	$(Q)echo "== skips: counted as SKIP, and under CI=1 a failure when CI installs what is missing"
	$(Q)sh tests/skips.sh ./$(BUILD)
	$(Q)echo "== claims/README.md lists every conflict of the shipped corpus"
	$(Q)sh tests/corpus-readme.sh ./$(BUILD)/claimtrack claims
	$(Q)echo "== fuzz seeds and regressions, replayed"
	$(Q)$(MAKE) --no-print-directory fuzz-replay
	$(Q)$(MAKE) --no-print-directory schema-suite jsontestsuite seeds-check lint

# A check skipped for want of something CI installs (here the ../shared data):
# SKIP, and under CI (CI=1, as .ci/run sets it) a failure, as tests/lib.sh's skip_missing.
SKIP_MISSING = case "$${CI:-}" in ""|0|false) echo "SKIP $(1)" ;; \
    *) echo "FAIL $(1) (CI=$$CI: CI installs this, so the check may not be skipped)"; exit 1 ;; esac

schema-suite: $(BUILD)/run_suite
	$(Q)echo "== JSON-Schema-Test-Suite (draft 2020-12)"
	$(Q)if [ -d "$(SUITE_DIR)" ]; then \
	    ./$(BUILD)/run_suite -v $(addprefix $(SUITE_DIR)/,$(addsuffix .json,$(SUITE_FILES))); \
	else $(call SKIP_MISSING,$(SUITE_DIR) is absent); fi

jsontestsuite: $(BUILD)/claimtrack
	$(Q)echo "== JSONTestSuite as topic files"
	$(Q)sh tests/jsontestsuite.sh ./$(BUILD)/claimtrack $(SHARED)/testdata/JSONTestSuite/test_parsing

seeds-check: $(BUILD)/claimtrack
	$(Q)echo "== shipped corpus against the seed articles"
	$(Q)if [ -d "$(SHARED)/seeds" ]; then \
	    ./$(BUILD)/claimtrack validate --archive $(SHARED)/seeds claims; \
	else $(call SKIP_MISSING,$(SHARED)/seeds is absent); fi

asan:
	$(Q)$(MAKE) --no-print-directory test BUILD=build/asan CC=clang STRICT=1 CPPFLAGS= LDFLAGS= \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

# The library and the CLI compiled by a C99 compiler other than GCC and clang
# (tcc: no __GNUC__), every warning an error: nothing may depend on GNU C.
# jansson.h, configured for GCC, calls two atomic builtins in its inline
# reference counting; they are given plain definitions here (compile only).
OTHER_CC ?= tcc
portability:
	$(Q)echo "== the library compiled with $(OTHER_CC)"
	$(Q)command -v $(OTHER_CC) >/dev/null 2>&1 || { echo "make portability: $(OTHER_CC) not found (install it: sh scripts/install-deps.sh --ci)" >&2; exit 2; }
	$(Q)mkdir -p $(BUILD)/portability
	$(Q)for f in $(LIB_SRC) $(SERVE_SRC) $(CLI_SRC); do \
	    $(OTHER_CC) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Werror -Iinclude -Isrc \
	        '-D__atomic_add_fetch(p,v,o)=(*(p) += (v))' '-D__atomic_sub_fetch(p,v,o)=(*(p) -= (v))' \
	        $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -c $$f -o $(BUILD)/portability/one.o || \
	        { echo "FAIL $(OTHER_CC): $$f"; exit 1; }; \
	done; echo "ok   $(OTHER_CC) compiles every file of src/ without a warning"

# ---- fuzzing (clang libFuzzer) ----------------------------------------------
FUZZ_TARGETS := topic jsonl claimline xml values schema reviews http suggest
FUZZ_SECONDS ?= 30
# FUZZ_RUNS=N: N inputs per harness from a fixed seed instead of a time limit,
# so that a run is the same on every machine (CI uses it; FUZZ_SECONDS caps it).
FUZZ_RUNS ?=
FUZZ_LIMIT = -max_total_time=$(FUZZ_SECONDS) $(if $(FUZZ_RUNS),-seed=1 -runs=$(FUZZ_RUNS))
FUZZ_CFLAGS := -O2 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang STRICT=1 CPPFLAGS= LDFLAGS= \
	    CFLAGS="-O2 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	    build/fuzz/libclaimtrack.a build/fuzz/libctserve.a
	$(Q)for t in $(FUZZ_TARGETS); do \
	    clang $(ALL_CFLAGS) $(FUZZ_CFLAGS) -Itests/fuzz -o build/fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	        build/fuzz/libctserve.a build/fuzz/libclaimtrack.a $(LIBS) || exit 1; \
	    sh tests/fuzz/seed.sh $$t build/fuzz/corpus/$$t $(SHARED); \
	    mkdir -p tests/fuzz/regressions/$$t; \
	    echo "== fuzz_$$t: $(FUZZ_LIMIT)"; \
	    ./build/fuzz/fuzz_$$t $(FUZZ_LIMIT) -max_len=65536 -timeout=20 \
	        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=tests/fuzz/regressions/$$t/ \
	        build/fuzz/corpus/$$t > build/fuzz/$$t.log 2>&1; \
	    grep -E "^(stat::number_of_executed_units|SUMMARY)" build/fuzz/$$t.log; \
	done
	$(Q)found=$$(find tests/fuzz/regressions -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*'); \
	    if [ -n "$$found" ]; then echo "fuzzing found failures (add them as named regressions):"; echo "$$found"; exit 1; fi

# Replay seeds and every regression input with the ordinary build (make test).
fuzz-replay: $(BUILD)/libclaimtrack.a $(BUILD)/libctserve.a
	$(Q)for t in $(FUZZ_TARGETS); do \
	    $(CC) $(ALL_CFLAGS) -Itests/fuzz -o $(BUILD)/replay_$$t tests/fuzz/standalone.c \
	        tests/fuzz/fuzz_$$t.c $(BUILD)/libctserve.a $(BUILD)/libclaimtrack.a $(LIBS) || exit 1; \
	    rm -rf $(BUILD)/seeds/$$t; sh tests/fuzz/seed.sh $$t $(BUILD)/seeds/$$t $(SHARED); \
	    printf "fuzz_%s: " $$t; ./$(BUILD)/replay_$$t $(BUILD)/seeds/$$t tests/fuzz/regressions/$$t || exit 1; \
	done

# Fail every allocation in turn over a full check (ASan + LeakSanitizer).
# Commands run with every allocation failing in turn (tests/alloc-fail.sh):
# every command, every report format, JSON, JSONL, XML and archive loading.
# "+xml": libxml2's allocations fail in turn too (runs that write XML only).
ALLOC_RUNS := "check --fail-on none --format json tests/fixtures/revisions" \
    "check --format html tests/fixtures/basic" \
    "check --format sarif tests/fixtures/revisions" \
    "check --format csv --baseline tests/fixtures/baselines/basic.json tests/fixtures/basic" \
    "check --format sarif --baseline tests/fixtures/baselines/basic.json tests/fixtures/basic" \
    "sources --matrix tests/fixtures/basic" \
    "claims --format json tests/fixtures/withdrawn" \
    "claims --format csv tests/fixtures/ruleconf" \
    "claims --subject plane tests/fixtures/time-estimates" \
    "check --format xml tests/fixtures/mixed" \
    "+xml check --format xml tests/fixtures/revisions" \
    "+xml check --format junit tests/fixtures/jsonl" \
    "check --format markdown tests/fixtures/revisions" \
    "check --format text --color always tests/fixtures/archive" \
    "validate tests/fixtures/invalid" \
    "validate tests/fixtures/jsonl-bad" \
    "validate tests/fixtures/xml-invalid" \
    "validate --archive tests/fixtures/archive tests/fixtures/archive" \
    "+xml export --format xml tests/fixtures/jsonl" \
    "export --format json tests/fixtures/mixed" \
    "show ct-99fa98e50640fc67 tests/fixtures/basic" \
    "check --reviews tests/fixtures/reviews-legacy/basic.json tests/fixtures/basic" \
    "sources tests/fixtures/basic" \
    "topics tests/fixtures/mixed"

alloc-test:
	$(Q)$(MAKE) --no-print-directory BUILD=build/alloc CC=clang STRICT=1 CPPFLAGS= LDFLAGS= EXTRA_CFLAGS=-DCT_ALLOC_INJECT \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    build/alloc/claimtrack
	$(Q)for args in $(ALLOC_RUNS); do echo "== alloc-fail: claimtrack $$args"; \
	    sh tests/alloc-fail.sh build/alloc/claimtrack $$args || exit 1; done
	$(Q)$(MAKE) --no-print-directory alloc-test-plain

# The same sweep with a plain -O0 build (no sanitizer: fresh memory is not
# zero), every ALLOC_VALGRIND_STEP-th failure point under valgrind memcheck.
ALLOC_VALGRIND_STEP ?= 97
alloc-test-plain:
	$(Q)$(MAKE) --no-print-directory BUILD=build/alloc-plain STRICT=1 CPPFLAGS= LDFLAGS= EXTRA_CFLAGS=-DCT_ALLOC_INJECT \
	    CFLAGS="-O0 -g" build/alloc-plain/claimtrack
	$(Q)for args in $(ALLOC_RUNS); do echo "== alloc-fail (plain -O0, valgrind every $(ALLOC_VALGRIND_STEP)): claimtrack $$args"; \
	    ALLOC_PLAIN=1 ALLOC_VALGRIND_STEP=$(ALLOC_VALGRIND_STEP) sh tests/alloc-fail.sh build/alloc-plain/claimtrack $$args || exit 1; done

# ---- benchmarks (print figures, never fail on time) ---------------------------
$(BUILD)/gen_corpus: tests/bench/gen_corpus.c
	$(Q)$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o $@ $<
$(BUILD)/bare_parse: tests/bench/bare_parse.c
	$(Q)$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 $(shell pkg-config --cflags jansson) -o $@ $< $(shell pkg-config --libs jansson)
$(BUILD)/measure: tests/bench/measure.c
	$(Q)$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -o $@ $<

# claimtrack suggest's sentence splitter against ICU's break iterator, on the
# seed articles and the project's own English prose (README.md uses the figures).
$(BUILD)/icu_sentences: tests/bench/icu_sentences.c $(BUILD)/libclaimtrack.a
	$(Q)pkg-config --exists icu-uc || { echo "make icu-compare: ICU not found (sh scripts/install-deps.sh --ci installs libicu-dev)" >&2; exit 2; }
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libclaimtrack.a $(shell pkg-config --libs icu-uc 2>/dev/null) $(LIBS)
icu-compare: $(BUILD)/icu_sentences
	$(Q)./$(BUILD)/icu_sentences $(wildcard $(SHARED)/seeds/*.txt) README.md claims/README.md docs/CONVENTIONS.md

bench: all $(BUILD)/gen_corpus $(BUILD)/bare_parse $(BUILD)/measure
	$(Q)sh tests/bench/bench.sh $(BUILD) $(BENCH_SIZES)

# Every report of this tree beside those of revision BASE (built in a git
# worktree under build/) on the shipped corpus, the fixtures and 100k
# generated claims (JSONL and one topic file): byte-identical, or the
# differences are printed.  make same-reports BASE=ff3daec
same-reports: all $(BUILD)/gen_corpus
	$(Q)test -n "$(BASE)" || { echo "make same-reports: name a revision, e.g. BASE=HEAD~1" >&2; exit 2; }
	$(Q)rm -rf $(BUILD)/same-base && git worktree prune && git worktree add -q --detach $(BUILD)/same-base $(BASE)
	$(Q)$(MAKE) --no-print-directory -C $(BUILD)/same-base build/claimtrack > /dev/null
	$(Q)rm -rf $(BUILD)/same-data && mkdir -p $(BUILD)/same-data/spread $(BUILD)/same-data/one-file $(BUILD)/same-data/one-group
	$(Q)./$(BUILD)/gen_corpus 100000 42 $(BUILD)/same-data/spread && ./$(BUILD)/gen_corpus 100000 42 $(BUILD)/same-data/one-file --one-file && \
	    ./$(BUILD)/gen_corpus 100000 42 $(BUILD)/same-data/one-group --one-group
	$(Q)sh tests/bench/same-reports.sh $(BUILD)/same-base/build/claimtrack ./$(BUILD)/claimtrack claims tests/fixtures/* \
	    $(BUILD)/same-data/spread $(BUILD)/same-data/one-file $(BUILD)/same-data/one-group; rc=$$?; \
	    git worktree remove --force $(BUILD)/same-base; exit $$rc

# The unit and end-to-end suites under valgrind memcheck: zero errors, zero leaks.
VALGRIND_CMD := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible
valgrind: all $(BUILD)/check_unit
	$(Q)echo "== unit tests under valgrind"
	$(Q)CK_FORK=no TESTS_DIR=tests $(VALGRIND_CMD) ./$(BUILD)/check_unit
	$(Q)echo "== end-to-end tests under valgrind"
	$(Q)VALGRIND="$(VALGRIND_CMD)" sh tests/e2e.sh ./$(BUILD)/claimtrack
	$(Q)echo "== claimtrack serve under valgrind, over HTTP"
	$(Q)VALGRIND="$(VALGRIND_CMD)" sh tests/serve.sh ./$(BUILD)/claimtrack
	$(Q)echo "== shipped corpus check under valgrind"
	$(Q)$(VALGRIND_CMD) ./$(BUILD)/claimtrack check --format html -o $(BUILD)/valgrind-report.html claims
	$(Q)if [ -d $(SHARED)/seeds ]; then $(VALGRIND_CMD) ./$(BUILD)/claimtrack validate --archive $(SHARED)/seeds claims 2>/dev/null; \
	else $(call SKIP_MISSING,valgrind on the seed articles: $(SHARED)/seeds is absent); fi

# Line and branch coverage of src/ from the whole test suite (gcovr).
GCOVR ?= gcovr
coverage:
	$(Q)command -v $(GCOVR) >/dev/null 2>&1 || { echo "make coverage: $(GCOVR) not found (install it: sh scripts/install-deps.sh --ci)" >&2; exit 2; }
	$(Q)rm -rf build/cov
	$(Q)$(MAKE) --no-print-directory test BUILD=build/cov CPPFLAGS= EXTRA_CFLAGS=-DCT_ALLOC_INJECT \
	    CFLAGS="-O0 -g --coverage -fprofile-update=atomic" LDFLAGS=--coverage > build/coverage-test.log 2>&1 || { tail -20 build/coverage-test.log; exit 1; }
	$(Q)for args in $(ALLOC_RUNS); do \
	    ALLOC_PLAIN=1 sh tests/alloc-fail.sh build/cov/claimtrack $$args >> build/coverage-test.log 2>&1 || { tail -20 build/coverage-test.log; exit 1; }; done
	$(Q)$(GCOVR) --root . --filter src/ --gcov-ignore-parse-errors build/cov > build/cov/lines.txt && tail -n 4 build/cov/lines.txt
	$(Q)$(GCOVR) --root . --filter src/ --branches --gcov-ignore-parse-errors build/cov > build/cov/branches.txt && tail -n 2 build/cov/branches.txt

golden: all
	$(Q)sh tests/e2e.sh ./$(BUILD)/claimtrack --update

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/claimtrack/schema \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/claimtrack
	install -m 755 $(BUILD)/claimtrack $(DESTDIR)$(PREFIX)/bin/claimtrack
	install -m 644 $(BUILD)/libclaimtrack.a $(DESTDIR)$(PREFIX)/lib/libclaimtrack.a
	@# the pkg-config file, for this PREFIX (a static archive: its dependencies
	@# are Requires, so --libs names them)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$${prefix}/include' 'libdir=$${prefix}/lib' '' \
	    'Name: claimtrack' 'Description: claim-and-contradiction tracker library' \
	    'Version: $(shell sed -n 's/^#define CT_VERSION "\(.*\)"/\1/p' include/claimtrack/common.h)' \
	    'Requires: $(PKGS)' 'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lclaimtrack -lm -pthread' \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/claimtrack.pc
	install -m 644 include/claimtrack.h $(DESTDIR)$(PREFIX)/include/claimtrack.h
	install -m 644 include/claimtrack/*.h $(DESTDIR)$(PREFIX)/include/claimtrack/
	install -m 644 claimtrack.1 $(DESTDIR)$(PREFIX)/share/man/man1/claimtrack.1
	install -m 644 completions/claimtrack.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimtrack
	install -m 644 schema/*.json schema/*.xsd $(DESTDIR)$(PREFIX)/share/claimtrack/schema/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/claimtrack $(DESTDIR)$(PREFIX)/share/man/man1/claimtrack.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimtrack
	rm -rf $(DESTDIR)$(PREFIX)/share/claimtrack $(DESTDIR)$(PREFIX)/include/claimtrack
	rm -f $(DESTDIR)$(PREFIX)/lib/libclaimtrack.a $(DESTDIR)$(PREFIX)/lib/pkgconfig/claimtrack.pc \
	    $(DESTDIR)$(PREFIX)/include/claimtrack.h

# The man page renders without a warning; install lays out every file.
doc-check: all
	$(Q)echo "== man page and install layout"
	$(Q)out=$$(groff -ww -man -z claimtrack.1 2>&1); [ -z "$$out" ] || { echo "$$out"; exit 1; }; echo "ok   groff -ww: claimtrack.1 renders without warnings"
	$(Q)d=$$(mktemp -d) && $(MAKE) --no-print-directory -s install DESTDIR=$$d PREFIX=/usr >/dev/null && \
	    for f in bin/claimtrack share/man/man1/claimtrack.1 share/bash-completion/completions/claimtrack \
	             share/claimtrack/schema/topic.schema.json share/claimtrack/schema/topic.xsd; do \
	        [ -f $$d/usr/$$f ] || { echo "FAIL install: $$f missing"; exit 1; }; done && \
	    $$d/usr/bin/claimtrack --version >/dev/null && \
	    $(MAKE) --no-print-directory -s uninstall DESTDIR=$$d PREFIX=/usr && \
	    [ -z "$$(find $$d -type f)" ] && rm -rf $$d && echo "ok   make install DESTDIR= lays out bin, man, completion, schemas; uninstall removes them"
	$(Q)sh tests/install.sh "$(CC)" "$(CFLAGS) $(LDFLAGS)"
	$(Q)bash -c 'source completions/claimtrack.bash && COMP_WORDS=(claimtrack ch) COMP_CWORD=1 && _claimtrack && [ "$${COMPREPLY[*]}" = check ]' && echo "ok   bash completion completes commands"

clean:
	rm -rf build
