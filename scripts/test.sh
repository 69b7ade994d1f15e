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

section() {
  printf '\n==== %s ====\n\n' "$*"
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
  step "tests" env QT_QPA_PLATFORM=offscreen \
    ctest --test-dir build --output-on-failure --no-tests=error -j2 || true
fi

section "Build: build-asan/ (all but the window, with sanitizers)"
# -O1 -g1: about as fast to run under ASan as -O2, quicker to compile, and the line tables
# are all a report's stack needs.
if step "sanitizer build" cmake -S . -B build-asan -G Ninja \
       -DDIRIGENT_SANITIZE=ON -DDIRIGENT_GUI=OFF -DDIRIGENT_BUILD_BENCH=OFF \
       -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" &&
   step "sanitizer build" cmake --build build-asan --parallel "$jobs"; then
  section "Test: build-asan/"
  step "sanitizer tests" env ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure --no-tests=error -j2 || true
fi

section "Summary"
if ((${#failed[@]} > 0)); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all builds and tests passed"
