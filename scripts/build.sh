#!/usr/bin/env bash
# Installs what is missing, configures (once) and builds nnc into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja
fi
cmake --build build
