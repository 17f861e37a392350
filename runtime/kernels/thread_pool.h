//===- runtime/kernels/thread_pool.h - Threads that wait spinning -*- C++
//-*-===//
//
// The threads that run the parallel loops of generated code and the
// kernels' Halide pipelines (parallel_for.cpp hands them Halide's parallel
// loops). Between loops a thread spins for a while before it sleeps: a
// model runs one parallel loop after another with short serial steps
// between, and waking a sleeping thread takes the kernel tens of
// microseconds (more under a hypervisor), as long as a small loop itself.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_KERNELS_THREAD_POOL_H
#define NNC_RUNTIME_KERNELS_THREAD_POOL_H

namespace nnc::kernels {

/// Runs `work(argument)` on this thread and on each of the pool's
/// poolThreads() - 1 other threads that is free to join while this thread's
/// call runs, and returns when every call has returned. `work` must share
/// out its own work: each call takes what is left (a thread may join after
/// the others took all of it). Not reentrant: a call of `work` must not
/// call it again.
void runOnPool(void (*work)(void *), void *argument);

} // namespace nnc::kernels

#endif // NNC_RUNTIME_KERNELS_THREAD_POOL_H
