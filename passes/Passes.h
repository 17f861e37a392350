//===- Passes.h - Declarations of every nnc pass ----------------*- C++ -*-===//

#ifndef NNC_PASSES_PASSES_H
#define NNC_PASSES_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

#include "ir/NNDialect.h"

#include <limits>

namespace nnc {

/// The value of a hyperparameter option of nnc-optimizer that was not given:
/// the algorithm's PyTorch default applies.
inline constexpr double kUnsetHyperparameter =
    std::numeric_limits<double>::quiet_NaN();

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

/// Patterns rewriting every nn op into linalg/tensor/arith/math.
void populateNNToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// The pattern of nnc-flash-attention: nn.attention as a blocked loop over
/// key/value tiles with an online softmax, tiles of at most `queryTile`
/// queries and `keyTile` keys.
void populateFlashAttentionPatterns(mlir::RewritePatternSet &patterns,
                                    int64_t queryTile, int64_t keyTile);

/// The pattern of nnc-dilated-conv-to-dense: a dilated nn.conv of stride 1
/// as a dense nn.conv on a space-to-batch view of its input.
void populateDilatedConvToDensePatterns(mlir::RewritePatternSet &patterns);

/// Patterns replacing covered linalg ops on memrefs by microkernel calls.
void populateCpuMicrokernelPatterns(mlir::RewritePatternSet &patterns);

/// Patterns turning memref.copy into linalg.copy.
void populateMemrefCopyToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// Patterns moving GPU-model buffers into managed memory.
void populateGpuManagedMemoryPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace nnc

#endif // NNC_PASSES_PASSES_H
