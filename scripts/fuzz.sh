#!/usr/bin/env bash
# Differential fuzzing of aio against CPython 3.11's asyncio (tests/fuzz/README.md):
# builds aio_fuzz, then runs random programs on both sides for N seconds.
#
#   scripts/fuzz.sh --seconds N [--jobs J] [--build DIR] [--from SEED] [--keep] [--keep-going]
#
# --from: the first seed (default: a random one, printed); --keep: append a failing seed to
# tests/fuzz/regressions.txt; --keep-going: go on after a difference.
# Exit status: 0 no difference, 1 a difference, 77 not Python 3.11.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=
jobs=${DIRIGENT_JOBS:-2}
build=build
from=
keep=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    --keep) keep+=(--keep); shift ;;
    --keep-going) keep+=(--keep-going); shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z $seconds ]]; then
  echo "fuzz.sh: --seconds N is required" >&2
  exit 2
fi
if [[ -z $from ]]; then
  from=$(( (RANDOM << 15 | RANDOM) + 1 ))
fi

python=${PYTHON:-python3}
# A build folder that does not exist yet gets the std-only layers, optimized: aio_fuzz needs no Qt.
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDIRIGENT_CORE_ONLY=ON -DDIRIGENT_BUILD_BENCH=OFF
fi
cmake --build "$build" --parallel "$jobs" --target aio_fuzz
exec "$python" tests/fuzz/fuzz.py --seconds "$seconds" --from "$from" --jobs "$jobs" \
  --cpp "$build/tests/fuzz/aio_fuzz" "${keep[@]}"
