# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of the README: `make demo` and `make test`.
BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: demo test deps build sanitize memcheck threadcheck fuzz bench install docs clean

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/curtail plan examples/xiangyuan.yaml --format md

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCURTAIL_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# The CLI on every example under valgrind's memcheck: no error, no leak.
memcheck: build
	sh scripts/memcheck.sh $(BUILD)/curtail

# Several scenarios solved on several threads at once, under helgrind.
threadcheck: build
	@command -v valgrind >/dev/null || { echo "threadcheck: valgrind is not installed"; exit 1; }
	CK_FORK=no valgrind -q --tool=helgrind --error-exitcode=99 $(BUILD)/tests/check_threads
	CK_FORK=no CK_RUN_CASE=threads valgrind -q --tool=helgrind --error-exitcode=99 $(BUILD)/tests/check_sweep

# libFuzzer on the loader and on load -> plan -> write, FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz:
	@sh scripts/install-deps.sh --fuzz
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCURTAIL_FUZZ=ON -DCURTAIL_TESTS=OFF -DCURTAIL_SANITIZE=ON \
	  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link"
	cmake --build build-fuzz -j $(JOBS) --target fuzz_load fuzz_plan fuzz_yaml_diff enum_yaml_diff
	sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

install: build
	cmake --install $(BUILD)

# Regenerate the CLI output shown in README.md and docs/*.md (ctest -L docs checks it).
docs: build
	python3 tests/readme_outputs.py --update --cli $(BUILD)/curtail

clean:
	rm -rf $(BUILD) build-asan build-fuzz
