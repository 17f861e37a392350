//===- AttentionRecognition.h - Attention chains as one op ------*- C++ -*-===//
//
// PyTorch 1.13 exports attention as MatMul, Transpose, scaling, an additive
// mask, Softmax and MatMul. The importer converts those node by node and
// then folds each such chain into one nn.attention, which
// nnc-flash-attention can tile.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_ATTENTIONRECOGNITION_H
#define NNC_FRONTENDS_ONNX_ATTENTIONRECOGNITION_H

#include "mlir/IR/BuiltinOps.h"

namespace nnc::onnx_import {

/// Replaces every `matmul(softmax(matmul(q, kT) [* or / c] [+ mask],
/// last axis), v)` in `module` by nn.attention, where q and kT may carry
/// scalar constant factors of their own (scaling q and k separately), kT
/// is `[..., D, Lk]`, and q, kT and v are rank 3 (`[N, L, D]`) or rank 4
/// (`[B, H, L, D]`) with equal leading dimensions. The scale is the product
/// of the constant factors. The chain's intermediate values must have no
/// other users.
void recognizeAttention(mlir::ModuleOp module);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_ATTENTIONRECOGNITION_H
