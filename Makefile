# The two Quick-start commands of the README, plus helpers.
#   make demo   — install missing system packages, build in release mode, run the demo on datasets/ (writes saleskit-report.html)
#   make test   — install missing system packages, run the whole test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] && echo "" || echo sudo)
SYSTEM_PACKAGES := libopenblas-dev liblapacke-dev
# What only the tests need: a real browser for the report checks (ReportBrowserTests).
TEST_PACKAGES := chromium
SWIFT_TEST_FLAGS ?=

.PHONY: deps demo test build release selftest fuzz clean

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build

release: deps
	swift build -c release --product saleskit

# Every analysis on datasets/: a short tour on the terminal and saleskit-report.html.
demo: release
	.build/release/saleskit demo

test:
	$(MAKE) deps EXTRA_PACKAGES="$(TEST_PACKAGES)"
	SALESKIT_REQUIRE_BROWSER=1 swift test $(SWIFT_TEST_FLAGS)

selftest: release
	.build/release/saleskit selftest nist

clean:
	rm -rf .build

# Fuzz the CSV reader with libFuzzer for FUZZ_SECONDS (default 120).
FUZZ_SECONDS ?= 120
fuzz:
	Tests/Fuzz/run.sh $(FUZZ_SECONDS)
