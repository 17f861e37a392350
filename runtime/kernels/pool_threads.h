//===- runtime/kernels/pool_threads.h - The pool's threads -----*- C++ -*-===//
//
// The number of threads of Halide's pool, which runs both the matmul
// kernels' tasks and the parallel loops of generated code
// (parallel_for.cpp): kernels size their tasks by it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_KERNELS_POOL_THREADS_H
#define NNC_RUNTIME_KERNELS_POOL_THREADS_H

#include <cstdint>

namespace nnc::kernels {

/// HL_NUM_THREADS when set to a positive number (as Halide reads it),
/// otherwise one per core.
int64_t poolThreads();

} // namespace nnc::kernels

#endif // NNC_RUNTIME_KERNELS_POOL_THREADS_H
