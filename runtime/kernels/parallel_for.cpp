//===- runtime/kernels/parallel_for.cpp - Parallel loops on the pool ------===//
//
// nnc_parallel_for runs the iterations of a loop that generated code
// outlined (nnc-parallel-loops-to-thread-pool) on Halide's thread pool, the
// one the matmul kernels use, so loops and kernels never oversubscribe the
// cores between them. The iterations are cut into a few contiguous ranges
// per thread: enough for the threads to balance uneven ranges, few enough
// that each task amortizes its dispatch.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"
#include "pool_threads.h"

#include "HalideRuntime.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>

int64_t nnc::kernels::poolThreads() {
  static const int64_t threads = [] {
    if (const char *env = std::getenv("HL_NUM_THREADS")) {
      long value = std::strtol(env, nullptr, 10);
      if (value > 0)
        return static_cast<int64_t>(value);
    }
    return static_cast<int64_t>(
        std::max(1u, std::thread::hardware_concurrency()));
  }();
  return threads;
}

namespace {

/// Ranges per thread: a thread that finishes early takes another.
constexpr int64_t kTasksPerThread = 4;

/// One parallel loop as Halide's tasks see it.
struct Loop {
  nnc_parallel_body_t body;
  void *closure;
  int64_t iterations;
  int64_t tasks;
};

/// Task `task` of `tasks` runs iterations [begin, end): the first
/// iterations % tasks tasks take one iteration more than the rest.
int runTask(void *, int task, uint8_t *closure) {
  const Loop &loop = *reinterpret_cast<const Loop *>(closure);
  int64_t share = loop.iterations / loop.tasks;
  int64_t extra = loop.iterations % loop.tasks;
  int64_t begin = task * share + std::min<int64_t>(task, extra);
  int64_t end = begin + share + (task < extra ? 1 : 0);
  loop.body(begin, end, loop.closure);
  return 0;
}

} // namespace

extern "C" void nnc_parallel_for(nnc_parallel_body_t body, int64_t iterations,
                                 void *closure) {
  if (iterations <= 0)
    return;
  int64_t tasks =
      std::min(iterations, kTasksPerThread * nnc::kernels::poolThreads());
  if (tasks == 1) {
    body(0, iterations, closure);
    return;
  }
  Loop loop{body, closure, iterations, tasks};
  if (halide_do_par_for(nullptr, runTask, 0, static_cast<int>(tasks),
                        reinterpret_cast<uint8_t *>(&loop)) != 0) {
    // The tasks return 0; a failure is the pool's own.
    std::fprintf(stderr,
                 "nnc: nnc_parallel_for(%lld iterations): Halide's thread "
                 "pool reported an error\n",
                 static_cast<long long>(iterations));
    std::abort();
  }
}
