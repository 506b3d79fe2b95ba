# Thin wrapper around CMake presets (ENGINEERING.md §0.1): the build lives in
# CMakeLists.txt and CMakePresets.json. The README's two commands:
#   make run    install what is missing, build (release), create the demo
#               database if absent, serve http://127.0.0.1:8080
#   make test   install what is missing, build (ASan+UBSan, -Werror) and the
#               fuzzers, then run every test with ctest (last line: summary)
PRESET ?= debug
BUILD  := build/$(PRESET)
LISTEN ?= 127.0.0.1:8080

all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja:
	@scripts/deps.sh
	cmake --preset $(PRESET) >/dev/null

build/fuzz/build.ninja:
	cmake --preset fuzz >/dev/null

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD)
	@ln -sfn $(PRESET)/ansinh build/ansinh

fuzz: deps build/fuzz/build.ninja
	cmake --build build/fuzz

# run serves the optimised build (the release preset, no tests): the demo's
# year of payroll history takes about a minute there, three in the ASan one.
build/release/build.ninja:
	@scripts/deps.sh
	cmake --preset release >/dev/null

run: deps build/release/build.ninja
	cmake --build build/release
	@ln -sfn release/ansinh build/ansinh
	build/ansinh demo --if-absent
	build/ansinh serve --listen $(LISTEN)

test: build fuzz
	ctest --test-dir $(BUILD) --output-on-failure

clean:
	rm -rf build

.PHONY: all deps build fuzz run test clean
