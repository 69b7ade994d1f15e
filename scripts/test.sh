#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite twice:
#   1. build/       the full project; GUI tests on Qt's offscreen platform (and under Xvfb)
#   2. build-asan/  everything but the window (DIRIGENT_GUI=OFF: core/aio, core/trace, core/qt,
#                   lessons, levels, db, live and the command line) and their tests, the CPython
#                   comparisons of the lessons included, under AddressSanitizer, LeakSanitizer
#                   and UndefinedBehaviorSanitizer
# A failing stage does not stop the other one; the script exits non-zero if any failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jobs=${DIRIGENT_JOBS:-2}
failed=()

flaky=()
broken=()

section() {
  printf '\n==== %s ====\n\n' "$*"
}

# run_tests NAME DIR [ENV=VALUE...]: the whole suite of DIR, two at a time. Tests that fail are
# run once more, alone: a test that passes then is reported as flaky in the summary (the last
# lines a CI log shows) but does not fail the stage; one that fails again does.
run_tests() {
  local name=$1 dir=$2
  shift 2
  if env "$@" ctest --test-dir "$dir" --output-on-failure --no-tests=error -j2; then
    return 0
  fi
  local failed_list="$dir/Testing/Temporary/LastTestsFailed.log"
  local first
  first=$(cut -d: -f2- "$failed_list" 2>/dev/null | tr '\n' ' ')
  echo "!!!! ${name}: failed on the first run: ${first}; running them again, one at a time"
  if env "$@" ctest --test-dir "$dir" --rerun-failed --output-on-failure --no-tests=error -j1; then
    flaky+=("${name}: ${first}")
    return 0
  fi
  broken+=("${name}: $(cut -d: -f2- "$failed_list" 2>/dev/null | tr '\n' ' ')")
  return 1
}

# step NAME COMMAND...: runs COMMAND; if it fails, records NAME and returns 1, so the
# caller can skip what depends on it while the other stage still runs.
step() {
  local name=$1
  shift
  if ! "$@"; then
    echo "!!!! ${name} failed"
    failed+=("$name")
    return 1
  fi
}

section "Setup: system packages"
scripts/setup.sh

section "Build: build/ (everything)"
if step "build" cmake -S . -B build -G Ninja &&
   step "build" cmake --build build --parallel "$jobs"; then
  section "Test: build/"
  step "tests" run_tests "tests" build QT_QPA_PLATFORM=offscreen || true
fi

section "Build: build-asan/ (all but the window, with sanitizers)"
# -O1 -g1: about as fast to run under ASan as -O2, quicker to compile, and the line tables
# are all a report's stack needs.
if step "sanitizer build" cmake -S . -B build-asan -G Ninja \
       -DDIRIGENT_SANITIZE=ON -DDIRIGENT_GUI=OFF -DDIRIGENT_BUILD_BENCH=OFF \
       -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" &&
   step "sanitizer build" cmake --build build-asan --parallel "$jobs"; then
  section "Test: build-asan/"
  step "sanitizer tests" run_tests "sanitizer tests" build-asan ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 || true
fi

section "Summary"
for line in "${flaky[@]}"; do
  echo "FLAKY (failed once, passed when run again alone): ${line}"
done
for line in "${broken[@]}"; do
  echo "FAILED twice: ${line}"
done
if ((${#failed[@]} > 0)); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all builds and tests passed"
