#!/usr/bin/env bash
# One command from a fresh Debian machine to every test passing: installs what is missing,
# builds a release build in build/, and runs all tests with ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install_deps.sh --with-browser --with-python --with-cluster
tools/build.sh build
ctest --test-dir build --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
