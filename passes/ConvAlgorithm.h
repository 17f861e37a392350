//===- ConvAlgorithm.h - How a convolution is computed ----------*- C++ -*-===//
//
// nnc-winograd-conv marks the nn.conv ops that the runtime's Winograd kernel
// computes; nn-to-linalg lowers a marked one to linalg.conv_2d_nchw_fchw
// (which nnc-cpu-microkernels hands to the kernel) instead of an im2col
// GEMM.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_CONVALGORITHM_H
#define NNC_PASSES_CONVALGORITHM_H

#include "llvm/ADT/StringRef.h"

namespace nnc {

inline constexpr llvm::StringLiteral kWinogradAttr = "nnc.winograd";

} // namespace nnc

#endif // NNC_PASSES_CONVALGORITHM_H
