//===- BufferUses.h - Where a buffer is used within its block ---*- C++ -*-===//
//
// The buffer passes (nnc-early-dealloc, nnc-memory-plan) both need the ops
// of a block that touch a buffer, directly or through what is made from it:
// the last one decides where it can be freed, the first one from when its
// bytes must be its own.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_BUFFERUSES_H
#define NNC_PASSES_BUFFERUSES_H

#include "mlir/IR/Block.h"
#include "mlir/IR/Value.h"

namespace nnc {

/// The ops of `block` that use `buffer` or any value derived from it (a
/// view, a cast, a loop result that carries it, a raw pointer taken for a
/// microkernel call), each as its ancestor in `block`, other than `except`;
/// failure where a use lies outside `block` (the buffer escapes it).
llvm::FailureOr<llvm::SmallVector<mlir::Operation *>>
bufferUsesInBlock(mlir::Value buffer, mlir::Block *block,
                  mlir::Operation *except);

} // namespace nnc

#endif // NNC_PASSES_BUFFERUSES_H
