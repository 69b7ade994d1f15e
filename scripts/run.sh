#!/usr/bin/env bash
# Installs what is missing, builds Dirigent in build/ and starts it.
# Arguments go to the program: scripts/run.sh --lang de
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
cmake -S . -B build -G Ninja
cmake --build build --target dirigent --parallel "${DIRIGENT_JOBS:-2}"
exec build/app/dirigent "$@"
