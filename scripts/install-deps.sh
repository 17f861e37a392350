#!/usr/bin/env bash
# Installs every Debian package that nnc's build, tests and benchmarks need.
# Idempotent: when everything is present it only checks and returns.
set -euo pipefail

packages=(
  # toolchain and build
  cmake ninja-build ccache clang-22 lld-22 g++
  # libFuzzer and the sanitizer runtimes (test/fuzz)
  libclang-rt-22-dev
  # LLVM/MLIR 22 (headers, libMLIR.so, lit, FileCheck, mlir-opt)
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  zlib1g-dev libzstd-dev libxml2-dev libedit-dev libffi-dev libncurses-dev
  # Halide 14 for the runtime's microkernels
  libhalide14-0-dev
  # unit tests
  googletest libgtest-dev
  # the ONNX importer (protobuf) and its tests (onnx.helper, backend cases)
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx libonnx-testdata
  # golden data and benchmarks
  python3 python3-numpy python3-torch python3-sklearn
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
