#!/usr/bin/env bash
# Benchmarks Dirigent's scheduler beside CPython asyncio running the same workloads
# (issue 5): builds bench/ in Release into build-bench, then runs bench/run_bench.py,
# which alternates the C++ and the Python runs (5 repetitions by default) and prints
# one table (median, min-max, ratio, target, met) and writes it as JSON.
#
#   scripts/bench.sh                   # everything, 5 repetitions
#   scripts/bench.sh --reps 7          # more repetitions
#   scripts/bench.sh --only switches_10k,queue
#   scripts/bench.sh --smoke           # tiny sizes, one run (what CTest's bench_smoke does)
#   scripts/bench.sh --no-gui          # without the GUI workloads (no Qt build: the std-only layers)
#   scripts/bench.sh --only gui_slider,gui_timeline,gui_live   # only the GUI workloads (offscreen)
#   scripts/bench.sh --only http_rps,http_latency_1,http_latency_10,http_latency_50
#                                      # the HTTP workloads: live client vs aiohttp vs httpx
#   scripts/bench.sh --db              # the database workloads instead: Dirigent's pool vs asyncpg
#                                      # (a throwaway PostgreSQL cluster) and aiosqlite (SQLite)
#
# Environment: BUILD_DIR (default build-bench), JSON (default $BUILD_DIR/bench-results.json).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
json="${JSON:-$build/bench-results.json}"

# The packages (cmake, ninja, Google Benchmark): ask scripts/setup.sh only if something is missing.
if ! command -v cmake >/dev/null || ! command -v ninja >/dev/null || ! command -v python3 >/dev/null \
   || [[ ! -e /usr/include/benchmark/benchmark.h ]]; then
  "$root/scripts/setup.sh"
fi

gui=1
db=0
args=()
for a in "$@"; do
  if [[ "$a" == --no-gui ]]; then gui=0; elif [[ "$a" == --db ]]; then db=1; else args+=("$a"); fi
done

# Release. The GUI workloads (bench/gui_bench: the real main window, offscreen) need the
# Qt layers; --no-gui builds only the std-only layers. The test suite is not built.
core_only=ON
[[ $gui == 1 ]] && core_only=OFF
if [[ ! -f "$build/CMakeCache.txt" ]] || ! grep -q "^DIRIGENT_CORE_ONLY:BOOL=$core_only\$" "$build/CMakeCache.txt"; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DDIRIGENT_CORE_ONLY=$core_only -DDIRIGENT_BUILD_TESTS=OFF -DDIRIGENT_BUILD_BENCH=ON
fi
targets=(dirigent_bench dirigent_bench_nohooks)
gui_args=()
if [[ $gui == 1 ]]; then
  # The HTTP workloads (issue 10) need Qt too: the live client and `dirigent serve`.
  targets+=(gui_bench http_bench db_bench dirigent)
  gui_args=(--gui-bench "$build/bench/gui_bench" --http-bench "$build/bench/http_bench" --dirigent "$build/app/dirigent")
fi
cmake --build "$build" --target "${targets[@]}" -j "$(nproc)"

if [[ $db == 1 ]]; then
  exec python3 "$root/bench/run_db_bench.py" --db-bench "$build/bench/db_bench" \
    --json "$build/bench-db-results.json" "${args[@]}"
fi

exec python3 "$root/bench/run_bench.py" \
  --bench "$build/bench/dirigent_bench" \
  --bench-nohooks "$build/bench/dirigent_bench_nohooks" \
  "${gui_args[@]}" --json "$json" "${args[@]}"
