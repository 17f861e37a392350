//===- runtime/kernels/pool_threads.h - The pool's threads -----*- C++ -*-===//
//
// The number of threads of the runtime's pool (thread_pool.h), which runs
// both the kernels' tasks and the parallel loops of generated code
// (parallel_for.cpp), and how many of them a parallel loop started here
// gets: kernels size their tasks by it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_KERNELS_POOL_THREADS_H
#define NNC_RUNTIME_KERNELS_POOL_THREADS_H

#include <cstdint>

namespace nnc::kernels {

/// HL_NUM_THREADS when set to a positive number (as Halide reads it),
/// otherwise one per core.
int64_t poolThreads();

/// The threads a parallel loop started on this thread runs on: 1 within a
/// task of the pool (its parallel loops run there, one task after another),
/// else poolThreads().
int64_t availableThreads();

} // namespace nnc::kernels

#endif // NNC_RUNTIME_KERNELS_POOL_THREADS_H
