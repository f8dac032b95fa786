# SPDX-License-Identifier: GPL-2.0
#
# make                  module (against KDIR) and user tools
# make module KDIR=...  module against any configured kernel tree
# make tools            user tools only
# make check            the whole test suite in QEMU (tools/run-tests)
# make install          tools into $(DESTDIR)$(PREFIX), the CNI plugin into
#                       $(DESTDIR)/opt/cni/bin (CNIDIR=...), examples into
#                       $(PREFIX)/share/doc/vfpool/examples
# make dkms-install     sources into /usr/src/vfpool-VERSION, then dkms add,
#                       build and install for KVERS (default: every kernel
#                       whose headers are installed)
# make dkms-remove      dkms remove for every kernel, and the sources
# make dkms-source      only the copy, into $(DESTDIR)$(DKMS_SRC)
# dpkg-buildpackage -us -uc -b   Debian packages vfpool-dkms and vfpool-tools

VERSION := $(shell cat $(CURDIR)/VERSION)
PREFIX ?= /usr/local
# Our warnings are errors in development; DKMS builds pass VFPOOL_WERROR=0
# so a newer compiler on a user's host cannot break an install.
VFPOOL_WERROR ?= 1

# The running kernel's build tree, else the newest installed headers.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 /usr/src/linux-headers-*-arm64 2>/dev/null | sort -V | tail -n 1))

all: module tools

# W=1 only with our warnings as errors: a DKMS build keeps the kernel's flags.
module:
	@test -n "$(KDIR)" || { echo "no kernel headers found: apt-get install linux-headers-amd64, or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) VFPOOL_VERSION=$(VERSION) VFPOOL_WERROR=$(VFPOOL_WERROR) \
		$(if $(filter 1,$(VFPOOL_WERROR)),W=1) modules

tools:
	$(MAKE) -C tools
	$(MAKE) -C selftests
	$(MAKE) -C tools/bench

check:
	tools/run-tests

# Only what is installed is built: not the selftests.
install:
	$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

module-install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

# The module's sources only (no objects, no tools), as DKMS builds them.
DKMS_SRC ?= /usr/src/vfpool-$(VERSION)
# Kernels to build for: those with headers (/lib/modules/KVER/build).
KVERS ?= $(notdir $(patsubst %/build,%,$(wildcard /lib/modules/*/build)))

dkms-source:
	rm -rf $(DESTDIR)$(DKMS_SRC)
	mkdir -p $(DESTDIR)$(DKMS_SRC)/kmod $(DESTDIR)$(DKMS_SRC)/include/uapi/linux
	cp Kbuild Makefile VERSION $(DESTDIR)$(DKMS_SRC)/
	sed 's/^PACKAGE_VERSION=.*/PACKAGE_VERSION="$(VERSION)"/' dkms.conf \
		>$(DESTDIR)$(DKMS_SRC)/dkms.conf
	cp kmod/Kbuild kmod/*.c kmod/*.h $(DESTDIR)$(DKMS_SRC)/kmod/
	cp include/uapi/linux/vfpool.h $(DESTDIR)$(DKMS_SRC)/include/uapi/linux/

# Re-runnable: a previous add of this version is removed first. A kernel
# that dkms.conf's BUILD_EXCLUSIVE_* rules out (exit 77) is skipped.
dkms-install:
	@test -n "$(KVERS)" || { echo "no kernel headers in /lib/modules/*/build: apt-get install linux-headers-amd64" >&2; exit 1; }
	-dkms remove -m vfpool -v $(VERSION) --all >/dev/null 2>&1
	$(MAKE) --no-print-directory dkms-source DESTDIR= DKMS_SRC=/usr/src/vfpool-$(VERSION)
	dkms add -m vfpool -v $(VERSION)
	@for k in $(KVERS); do \
		echo "dkms build and install for $$k"; \
		dkms build -m vfpool -v $(VERSION) -k $$k; rc=$$?; \
		if [ $$rc -eq 77 ]; then echo "$$k: skipped (BUILD_EXCLUSIVE)"; continue; fi; \
		[ $$rc -eq 0 ] && dkms install -m vfpool -v $(VERSION) -k $$k || exit 1; \
	done
	dkms status vfpool

dkms-remove:
	-dkms remove -m vfpool -v $(VERSION) --all
	rm -rf /usr/src/vfpool-$(VERSION)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	[ ! -f tools/Makefile ] || $(MAKE) -C tools clean
	[ ! -f tools/bench/Makefile ] || $(MAKE) -C tools/bench clean

.PHONY: all module tools check install module-install dkms-source dkms-install \
	dkms-remove clean
