# zjgov — PGXS build.  `make test` and `make demo` install what is missing first
# (scripts/deps.sh), so they work on a fresh Debian 12 machine.
EXTENSION  = zjgov
ZJ_SRCDIR := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
EXTVERSION := $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(ZJ_SRCDIR)zjgov.control)
MODULE_big = zjgov
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA       = zjgov--1.0.sql zjgov--1.0--1.1.sql
REGRESS    = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=postgis --load-extension=zjgov

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
GEOS_CONFIG ?= geos-config
PG_CPPFLAGS = -DZJGOV_VERSION=\"$(EXTVERSION)\" $(shell $(GEOS_CONFIG) --cflags 2>/dev/null)
# Warnings are errors only where we ask for them (`make ZJ_WERROR=1`: test/run.sh and CI do), so a
# newer compiler's new warning does not stop a user's build.  Hidden visibility: the library exports
# its fmgr entry points only (src/export.h), so no helper can collide with another library's names.
PG_CFLAGS   = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare \
              -fvisibility=hidden $(if $(ZJ_WERROR),-Werror)
SHLIB_LINK  = $(shell $(GEOS_CONFIG) --clibs 2>/dev/null) -lm

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all:
	@echo "PostgreSQL 15 server headers are missing: run 'make test' (it installs them) or 'bash scripts/deps.sh'" >&2; exit 1
endif

.PHONY: test demo bench stress valgrind deps deb
deps:
	bash scripts/deps.sh
test:
	bash test/run.sh
demo:
	bash demo/run.sh
bench:
	bash bench/run.sh
stress:
	bash test/stress.sh
valgrind:
	bash test/valgrind.sh
deb:
	bash scripts/deb.sh
# PGXN source archive of the committed tree, META.json at its root: zjgov-<META.json version>.zip
DISTVERSION = $(shell sed -n '0,/"version"/s/.*"version": *"\([^"]*\)".*/\1/p' $(ZJ_SRCDIR)META.json)
.PHONY: dist
dist:
	git -C $(ZJ_SRCDIR) archive --format zip --prefix=$(EXTENSION)-$(DISTVERSION)/ -o $(abspath $(EXTENSION)-$(DISTVERSION).zip) HEAD
