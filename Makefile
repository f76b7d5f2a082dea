# Thin wrapper around CMake.  Everything is built under $(BUILD).
#   make deps       install what the tests need: cmocka (Debian, as root) and
#                   memlab (npm, for the heap snapshot tests)
#   make            build the library, examples and tests
#   make test       build, then run every test through ctest
#   make demo       build, then run the seed's first lesson under ghjs --trace-gc
#   make demo-c     build, then run the C embedding demo (binary trees) with --trace-gc
#   make install    install to $(PREFIX) (default /usr/local)
#   make asan       the test suite built with AddressSanitizer + UBSan
#   make tsan       the test suite built with ThreadSanitizer
#   make memcheck   the test suite under valgrind memcheck
# CTEST_ARGS passes a selection to ctest (e.g. CTEST_ARGS="-R threads").
BUILD ?= build
PREFIX ?= /usr/local
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?=

.PHONY: all deps configure test demo demo-c install asan tsan memcheck clean

all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	scripts/install-deps

configure:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

test: all
	ctest --test-dir $(BUILD) --output-on-failure --no-tests=error -j $(JOBS) $(CTEST_ARGS)

demo: all
	$(BUILD)/src/js/ghjs --trace-gc examples/seed/lesson1.js

demo-c: all
	$(BUILD)/examples/binary_trees --trace-gc 16

install: all
	cmake --install $(BUILD)

asan:
	$(MAKE) test BUILD=build-asan BUILD_TYPE=Debug CMAKE_FLAGS="-DGH_SANITIZE=address,undefined,float-cast-overflow $(CMAKE_FLAGS)"

tsan:
	$(MAKE) test BUILD=build-tsan BUILD_TYPE=Debug CMAKE_FLAGS="-DGH_SANITIZE=thread $(CMAKE_FLAGS)"

memcheck:
	$(MAKE) all BUILD=build-memcheck CMAKE_FLAGS="-DGH_MEMCHECK=ON $(CMAKE_FLAGS)"
	ctest --test-dir build-memcheck --output-on-failure --no-tests=error -L memcheck -j $(JOBS)

clean:
	rm -rf build build-asan build-tsan build-memcheck
