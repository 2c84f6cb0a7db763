#!/usr/bin/env bash
# Installs the Debian packages skipsim needs, only when one is missing; quiet when all are there.
set -euo pipefail

# usage: tools/install_deps.sh [--with-browser] [--with-fuzz]
packages=(cmake g++ make pkg-config libsystemc-dev nlohmann-json3-dev
          libboost-program-options-dev libgtest-dev libgmock-dev
          libyaml-cpp-dev libssl-dev)
for flag in "$@"; do
  case "$flag" in
    --with-browser) packages+=(chromium) ;;                  # the trace viewer's and report's browser tests
    --with-fuzz) packages+=(clang libclang-rt-14-dev) ;;     # libFuzzer and clang's sanitizers
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
