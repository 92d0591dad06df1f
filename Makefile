# hearth: the one entry point.
#
#   make          build build/hearth (release, -O2)
#   make run      install what is missing, build, create a demo authority if
#                 there is none, print its sign-ins and serve it on
#                 http://localhost:8080
#   make check    install what is missing, build warning-free, run every test
#                 (release and AddressSanitizer+UBSan builds); the last line is
#                 "N passed, N failed"
#   make bench    the benchmarks under bench/ (never part of check)
#
# Plain GNU Make: every .c under src/ is compiled into libhearth.a except the
# command-line entry point, so a new module needs no Makefile change; every
# tests/unit/**/test_*.c is one cmocka test program.

CC      ?= cc
DB      ?= hearth.db
PORT    ?= 8080
WARN    := -Wall -Wextra -Werror -Wvla -Wformat=2 -Wstrict-prototypes -Wshadow \
           -Wpointer-arith -Wcast-qual -Wmissing-prototypes -Wno-missing-field-initializers
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKGS    := sqlite3 libmicrohttpd libsodium liboath libqrencode jansson pangocairo fontconfig
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
LIBS    = $(PKG_LIBS) -lpthread -lm
TEST_LIBS = -lcmocka $(shell pkg-config --libs libcurl)

LIB_SRC  := $(shell find src -name '*.c' ! -path 'src/cli/main.c' | sort)
MAIN_SRC := src/cli/main.c
TEST_SRC := $(shell find tests/unit tests/web -name 'test_*.c' 2>/dev/null | sort)
HDRS     := $(shell find src tests/unit tests/web -name '*.h' | sort)

# Two builds side by side: release, and the sanitizer build that check runs.
release_CFLAGS := -O2 -g
asan_CFLAGS    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                  -fno-sanitize-recover=all
asan_LDFLAGS   := -fsanitize=address,undefined

.PHONY: all run check bench deps clean unit cli-tests lint asan release fuzz
all: build/hearth

deps:
	@scripts/deps

define variant
build/$(1)/%.o: %.c $(HDRS) Makefile
	@mkdir -p $$(dir $$@)
	$$(CC) $(CSTD) $(WARN) $$($(1)_CFLAGS) $$(PKG_CFLAGS) -Isrc -Itests/unit -Itests/web -c $$< -o $$@

build/$(1)/libhearth.a: $(patsubst %.c,build/$(1)/%.o,$(LIB_SRC))
	@rm -f $$@.$$$$$$$$
	ar rcs $$@.$$$$$$$$ $$^ && mv $$@.$$$$$$$$ $$@

build/$(1)/hearth: build/$(1)/src/cli/main.o build/$(1)/libhearth.a
	$$(CC) $$($(1)_CFLAGS) $$($(1)_LDFLAGS) -o $$@ $$^ $$(LIBS)

build/$(1)/tests/%: build/$(1)/tests/%.o build/$(1)/libhearth.a
	$$(CC) $$($(1)_CFLAGS) $$($(1)_LDFLAGS) -o $$@ $$^ $$(TEST_LIBS) $$(LIBS)

$(1): build/$(1)/hearth $(patsubst tests/%.c,build/$(1)/tests/%,$(TEST_SRC))
endef
$(eval $(call variant,release))
$(eval $(call variant,asan))
.SECONDARY:

build/hearth: build/release/hearth static
	cp $< $@

# static/: what the server sends from /assets/, built from govuk-frontend
# (npm) and our own stylesheet.  GOV.UK's typeface (GDS Transport) is licensed
# for GOV.UK services only, so its @font-face rules are dropped and pages use
# the fallback in the font stack (Arial).
GOVUK := node_modules/govuk-frontend/dist/govuk
STATIC := static/govuk-frontend.min.css static/hearth.css static/favicon.ico
.PHONY: static
static: $(STATIC)
static/govuk-frontend.min.css: $(GOVUK)/govuk-frontend.min.css
	@mkdir -p static
	sed -e 's/@font-face{[^}]*}//g' -e 's|/\*# sourceMappingURL=[^*]*\*/||' $< > $@
static/hearth.css: src/web/assets/hearth.css
	@mkdir -p static
	cp $< $@
static/favicon.ico: $(GOVUK)/assets/rebrand/images/favicon.ico
	@mkdir -p static
	cp $< $@

# run: a demo authority (made once; its sign-ins are printed then and kept
# in build/demo-sign-ins.txt) served on http://localhost:8080.
run: deps all
	@if [ ! -f "$(DB)" ]; then mkdir -p build && \
	  build/hearth demo --db "$(DB)" | tee build/demo-sign-ins.txt; \
	else cat build/demo-sign-ins.txt 2>/dev/null || \
	  echo "Using the existing $(DB); delete it for a fresh demo authority."; fi
	@build/hearth serve --db "$(DB)" --listen 127.0.0.1:$(PORT)

lint:
	@scripts/lint

check: deps
	@$(MAKE) --no-print-directory release asan build/hearth fuzz
	@scripts/lint
	@scripts/run-tests

# libFuzzer targets (clang), one per parser; check runs each for a fixed
# number of inputs from a fixed seed, so the run is repeatable.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(HDRS)
	@mkdir -p build/fuzz
	clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(PKG_CFLAGS) \
	    $< $(filter-out src/cli/%,$(LIB_SRC)) -o $@ $(LIBS)
fuzz: $(FUZZ_BIN)

bench: deps all
	@bench/demo
	@bench/web
	@bench/mywork
	@bench/docs

clean:
	rm -rf build static
