# SPDX-License-Identifier: GPL-2.0
#
# make                  module (against KDIR) and user tools
# make module KDIR=...  module against any configured kernel tree
# make tools            user tools only
# make check            the whole test suite in QEMU (tools/run-tests)
# make install          tools into $(DESTDIR)$(PREFIX); see also dkms-install

VERSION := $(shell cat $(CURDIR)/VERSION)
PREFIX ?= /usr/local
# Our warnings are errors in development; DKMS builds pass VFPOOL_WERROR=0
# so a newer compiler on a user's host cannot break an install.
VFPOOL_WERROR ?= 1

# The running kernel's build tree, else the newest installed headers.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 /usr/src/linux-headers-*-arm64 2>/dev/null | sort -V | tail -n 1))

all: module tools

module:
	@test -n "$(KDIR)" || { echo "no kernel headers found: apt-get install linux-headers-amd64, or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) VFPOOL_VERSION=$(VERSION) VFPOOL_WERROR=$(VFPOOL_WERROR) W=1 modules

tools:
	$(MAKE) -C tools
	$(MAKE) -C selftests

check:
	tools/run-tests

install: tools
	$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

module-install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

dkms-install:
	rm -rf $(DESTDIR)/usr/src/vfpool-$(VERSION)
	mkdir -p $(DESTDIR)/usr/src/vfpool-$(VERSION)
	cp -r Kbuild Makefile VERSION dkms.conf kmod include $(DESTDIR)/usr/src/vfpool-$(VERSION)/
	dkms add -m vfpool -v $(VERSION)
	dkms build -m vfpool -v $(VERSION)
	dkms install -m vfpool -v $(VERSION)

dkms-remove:
	-dkms remove -m vfpool -v $(VERSION) --all
	rm -rf $(DESTDIR)/usr/src/vfpool-$(VERSION)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	[ ! -f tools/Makefile ] || $(MAKE) -C tools clean

.PHONY: all module tools check install module-install dkms-install dkms-remove clean
