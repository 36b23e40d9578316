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
PG_CPPFLAGS = -DZJGOV_VERSION=\"$(EXTVERSION)\" -include $(ZJ_SRCDIR)src/nls.h $(shell $(GEOS_CONFIG) --cflags 2>/dev/null)
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

# Server messages in the user's language (lc_messages): po/<lang>.po compiled into the text domain
# zjgov-<major> and installed into the server's locale directory.  Without msgfmt (Debian gettext)
# the extension builds and installs with English messages only.
PO_LANGS  = $(patsubst po/%.po,%,$(wildcard po/*.po))
MSGFMT   ?= $(shell command -v msgfmt 2>/dev/null)
ifneq ($(MSGFMT),)
all: $(foreach l,$(PO_LANGS),po/$(l).mo)
install: install-nls
endif
po/%.mo: po/%.po
	$(MSGFMT) -c -o $@ $<
install-nls:
	@for l in $(PO_LANGS); do \
	  $(MKDIR_P) '$(DESTDIR)$(localedir)/'$$l/LC_MESSAGES && \
	  $(INSTALL_DATA) po/$$l.mo '$(DESTDIR)$(localedir)/'$$l/LC_MESSAGES/zjgov-$(MAJORVERSION).mo || exit 1; \
	done
uninstall: uninstall-nls
uninstall-nls:
	rm -f $(foreach l,$(PO_LANGS),'$(DESTDIR)$(localedir)/$(l)/LC_MESSAGES/zjgov-$(MAJORVERSION).mo')
# po/zjgov.pot from the sources, and every po/<lang>.po merged with it (for translators)
XGETTEXT_FLAGS = --from-code=UTF-8 --no-location --sort-output -k -kerrmsg -kerrmsg_plural:1,2 \
	-kerrdetail -kerrdetail_plural:1,2 -kerrhint -kerrcontext -kbad_spec:2 -kspec_number:4 \
	--flag=errmsg:1:c-format --flag=errdetail:1:c-format --flag=errhint:1:c-format --flag=errcontext:1:c-format
update-po:
	xgettext $(XGETTEXT_FLAGS) --package-name=zjgov -o po/zjgov.pot $(sort $(wildcard src/*.c))
	for l in $(PO_LANGS); do msgmerge --quiet --update --backup=none --no-location --sort-output po/$$l.po po/zjgov.pot; done
EXTRA_CLEAN = po/*.mo

.PHONY: test demo bench stress valgrind deps deb install-nls uninstall-nls update-po
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
