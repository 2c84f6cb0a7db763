#!/usr/bin/env bash
# Installs the Debian packages skipsim needs, only when one is missing; quiet when all are there.
set -euo pipefail

# usage: tools/install_deps.sh [--with-browser] [--with-python] [--with-cluster] [--with-fuzz]
#   --with-browser  Chromium, for the trace viewer's and the report's browser tests
#   --with-python   Debian's PyTorch, torchvision and ONNX, for the ONNX tests' fixtures and
#                   tools/export_onnx.py
#   --with-cluster  Slurm, MUNGE and GNU parallel, for the distributed-sweep tests
#   --with-fuzz     clang, its sanitizers and libFuzzer
packages=(cmake g++ make pkg-config libsystemc-dev nlohmann-json3-dev
          libboost-program-options-dev libgtest-dev libgmock-dev
          libyaml-cpp-dev nettle-dev libonnx-dev libprotobuf-dev protobuf-compiler)
for flag in "$@"; do
  case "$flag" in
    --with-browser) packages+=(chromium) ;;
    --with-python) packages+=(python3-torch python3-torchvision python3-onnx) ;;
    --with-cluster) packages+=(slurm-wlm munge parallel) ;;
    --with-fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "install_deps.sh: unknown option $flag (expected --with-browser, --with-python, --with-cluster or --with-fuzz)" >&2; exit 2 ;;
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
