//===- runtime/kernels/kernel_isa.cpp - Which kernel variants run ---------===//

#include "kernel_isa.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace nnc::kernels {
namespace {

/// Whether the CPU has AVX2 and FMA.
bool cpuHasAvx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// Whether the CPU has the AVX-512 subset the kernels were compiled for
/// (Skylake's: F, CD, VL, BW and DQ), and AVX2.
bool cpuHasAvx512() {
  return cpuHasAvx2() && __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512cd") &&
         __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512dq");
}

bool cpuSupports(Isa isa) {
  return isa == Isa::Avx512 ? cpuHasAvx512() : cpuHasAvx2();
}

/// Prints why no kernel set can run and aborts.
[[noreturn]] void failIsa(const std::string &why) {
  std::fprintf(stderr, "nnc: kernels: %s\n", why.c_str());
  std::abort();
}

Isa chooseIsa() {
  constexpr Isa kWidestFirst[] = {Isa::Avx512, Isa::Avx2};
  if (const char *requested = std::getenv("NNC_KERNEL_ISA")) {
    for (Isa candidate : kWidestFirst) {
      if (std::strcmp(requested, isaName(candidate)) != 0)
        continue;
      if (!cpuSupports(candidate))
        failIsa(std::string("NNC_KERNEL_ISA=") + requested +
                ", but this CPU does not support it");
      return candidate;
    }
    failIsa(std::string("NNC_KERNEL_ISA=") + requested +
            " is not an instruction set of the kernels (avx512, avx2)");
  }
  for (Isa candidate : kWidestFirst)
    if (cpuSupports(candidate))
      return candidate;
  failIsa("this CPU lacks AVX2 and FMA, which the kernels need at least");
}

} // namespace

Isa kernelIsa() {
  static const Isa chosen = chooseIsa();
  return chosen;
}

const char *isaName(Isa isa) { return isa == Isa::Avx512 ? "avx512" : "avx2"; }

} // namespace nnc::kernels
