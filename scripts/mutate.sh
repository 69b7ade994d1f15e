#!/usr/bin/env bash
# Mutation testing of core/aio: see tests/mutation/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/../tests/mutation/mutate.py" "$@"
