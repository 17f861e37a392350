//===- runtime/kernels/kernel_isa.h - Which kernel variants run -*- C++ -*-===//
//
// Every Halide kernel is compiled for AVX-512 and for AVX2; one set runs in
// a process, chosen once by what the CPU supports or by NNC_KERNEL_ISA.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_KERNELS_KERNEL_ISA_H
#define NNC_RUNTIME_KERNELS_KERNEL_ISA_H

namespace nnc::kernels {

enum class Isa { Avx512, Avx2 };

/// The set NNC_KERNEL_ISA names (avx512 or avx2), else the widest the CPU
/// supports; chosen on the first call. Prints why and aborts when the CPU
/// cannot run the requested set, or lacks AVX2 and FMA.
Isa kernelIsa();

/// "avx512" or "avx2".
const char *isaName(Isa isa);

} // namespace nnc::kernels

#endif // NNC_RUNTIME_KERNELS_KERNEL_ISA_H
