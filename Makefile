# The two Quick-start commands of the README, plus helpers.
#   make demo   — install missing system packages, build in release mode, run the demo on datasets/
#   make test   — install missing system packages, run the whole test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] && echo "" || echo sudo)
SYSTEM_PACKAGES := libopenblas-dev liblapacke-dev
SWIFT_TEST_FLAGS ?=

.PHONY: deps demo test build release selftest fuzz clean

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
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

# Until the analytics exist, the demo is the numerical self-test.
demo: release
	.build/release/saleskit selftest nist

test: deps
	swift test $(SWIFT_TEST_FLAGS)

selftest: release
	.build/release/saleskit selftest nist

clean:
	rm -rf .build

# Fuzz the CSV reader with libFuzzer for FUZZ_SECONDS (default 120).
FUZZ_SECONDS ?= 120
fuzz:
	Fuzz/run.sh $(FUZZ_SECONDS)
