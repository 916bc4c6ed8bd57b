# sfn: build, install and package.
#   make build                    debug build (swift build)
#   make release                  static Swift runtime, stripped, version and commit stamped: .build/sfn-release/sfn
#                                 and the server `sfn local` runs, .build/sfn-release/sfn-local-server
#   make install PREFIX=/usr/local [DESTDIR=]   both binaries (in bin/: `sfn local` finds the server beside sfn),
#                                 man pages and completions
#   make uninstall PREFIX=...
#   make dist                     dist/sfn-VERSION-linux-ARCH.tar.gz and .sha256
#   make deb                      dist/sfn_VERSION_DEBARCH.deb (dpkg-deb)
#   make docs / make check-docs   regenerate / verify completions and man pages
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift

VERSION := $(shell sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/SFNKit/SFNKit.swift)
# Tarball and package timestamps: the commit's time, so the same commit packs to the same bytes.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
ARCH := $(shell uname -m)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo $(ARCH))

RELEASE_BIN := .build/sfn-release/sfn
# The server is built beside the client, and `sfn local` looks for it in its own directory.
RELEASE_SERVER = $(dir $(RELEASE_BIN))sfn-local-server
DIST_NAME := sfn-$(VERSION)-linux-$(ARCH)
DEB_NAME := sfn_$(VERSION)_$(DEB_ARCH)
MAN_PAGES := $(wildcard man/*.1)

BINDIR := $(DESTDIR)$(PREFIX)/bin
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: build release install uninstall dist deb docs check-docs clean-release

build:
	$(SWIFT) build --product sfn

# Static Swift runtime, stripped, built from a stamped copy of the sources (see scripts/build-release).
release:
	scripts/build-release $(RELEASE_BIN)

install: release
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 0755 $(RELEASE_BIN) $(BINDIR)/sfn
	install -m 0755 $(RELEASE_SERVER) $(BINDIR)/sfn-local-server
	install -m 0644 $(MAN_PAGES) $(MANDIR)/
	install -m 0644 completions/sfn.bash $(BASHDIR)/sfn
	install -m 0644 completions/_sfn $(ZSHDIR)/_sfn
	install -m 0644 completions/sfn.fish $(FISHDIR)/sfn.fish

uninstall:
	rm -f $(BINDIR)/sfn $(BINDIR)/sfn-local-server $(addprefix $(MANDIR)/,$(notdir $(MAN_PAGES))) \
	  $(BASHDIR)/sfn $(ZSHDIR)/_sfn $(FISHDIR)/sfn.fish

# A tree laid out like PREFIX, so `tar -xzf ... -C /usr/local --strip-components=1` installs it.
dist: release
	rm -rf .build/dist/$(DIST_NAME) && mkdir -p .build/dist dist
	$(MAKE) --no-print-directory install PREFIX=/ DESTDIR=$(CURDIR)/.build/dist/$(DIST_NAME) \
	  RELEASE_BIN=$(RELEASE_BIN) -o release
	install -d .build/dist/$(DIST_NAME)/share/doc/sfn
	install -m 0644 LICENSE .build/dist/$(DIST_NAME)/share/doc/sfn/
	if [ -f README.md ]; then install -m 0644 README.md .build/dist/$(DIST_NAME)/share/doc/sfn/; fi
	install -m 0644 docs/INSTALL.md docs/EXAMPLES.md .build/dist/$(DIST_NAME)/share/doc/sfn/
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(SOURCE_DATE_EPOCH) \
	  -C .build/dist -cf - $(DIST_NAME) | gzip -9n > dist/$(DIST_NAME).tar.gz
	cd dist && sha256sum $(DIST_NAME).tar.gz > $(DIST_NAME).tar.gz.sha256
	@echo "dist/$(DIST_NAME).tar.gz"

deb: release
	VERSION=$(VERSION) DEB_ARCH=$(DEB_ARCH) SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) \
	  scripts/build-deb $(RELEASE_BIN) dist/$(DEB_NAME).deb

docs:
	scripts/generate-docs

check-docs:
	scripts/check-docs

clean-release:
	rm -rf .build/release-stage .build/sfn-release .build/dist .build/deb dist
