//===- runtime/kernels/parallel_for.cpp - Parallel loops on the pool ------===//
//
// nnc_parallel_for runs the iterations of a loop that generated code
// outlined (nnc-parallel-loops-to-thread-pool) on the runtime's thread pool
// (thread_pool.h), which also runs the kernels' Halide parallel loops (this
// file installs itself as Halide's do_par_for), so loops and kernels never
// oversubscribe the cores between them. The iterations are cut into a few
// contiguous ranges per thread: enough for the threads to balance uneven
// ranges, few enough that each task amortizes its dispatch.
//
// A parallel loop that a task runs (an outlined loop's body calling a matmul
// kernel, whose Halide schedule has parallel loops of its own, or another
// parallel loop) runs on that task's thread, in order: the outer loop's
// tasks already keep every thread busy, and handing the inner iterations to
// the pool only adds its locking and waking (flash attention's tiles, each
// calling the GEMM: 148 against 210 ms, causal, sequence 4096).
//
// Every parallel loop on the pool, the kernels' included, gives each thread
// a home range of its tasks, taken first, before it helps with the
// others'. A loop that runs again and again over the same data then finds
// its share of it in the same core's cache: an LSTM's recurrent
// matrix-vector product reads 1 MiB of weights every step, and with its
// halves in the two cores' L2 the batch-1 LSTM runs 1.55 against 1.78 ms.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"
#include "pool_threads.h"
#include "thread_pool.h"

#include "HalideRuntime.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
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

/// Whether this thread is running a task of a parallel loop.
thread_local bool inTask = false;

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

/// This thread's place among the threads that ran tasks, in the order they
/// first did (the calling thread first).
int threadIndex() {
  static std::atomic<int> threadsSeen{0};
  thread_local const int index = threadsSeen++;
  return index;
}

/// The tasks of one parallel loop cut into one contiguous home range per
/// thread of the pool. Each thread takes the tasks of its own range first
/// (the range of its threadIndex), then helps with the others'.
struct HomeRanges {
  void *context;
  halide_task_t task;
  uint8_t *closure;
  int min, size, threads;
  /// The next unclaimed task of each range (from min).
  std::unique_ptr<std::atomic<int>[]> next;
  std::atomic<int> status{0};

  int begin(int range) const {
    return static_cast<int>(static_cast<int64_t>(size) * range / threads);
  }
};

void runHomeRanges(void *closure) {
  auto &ranges = *static_cast<HomeRanges *>(closure);
  const bool nested = inTask;
  inTask = true;
  const int home = threadIndex() % ranges.threads;
  for (int offset = 0; offset < ranges.threads; ++offset) {
    const int range = (home + offset) % ranges.threads;
    const int end = ranges.begin(range + 1);
    for (int i = ranges.next[range]++; i < end; i = ranges.next[range]++)
      if (int status =
              ranges.task(ranges.context, ranges.min + i, ranges.closure))
        ranges.status = status;
  }
  inTask = nested;
}

/// Halide's parallel loops (the kernels' and nnc_parallel_for's own): on
/// the runtime's pool in home ranges, unless this thread runs a task
/// already; then its tasks run here, one after another.
int doParFor(void *context, halide_task_t task, int min, int size,
             uint8_t *closure) {
  if (inTask) {
    for (int i = min; i < min + size; ++i)
      if (int status = task(context, i, closure))
        return status;
    return 0;
  }
  const int threads =
      static_cast<int>(std::min<int64_t>(size, nnc::kernels::poolThreads()));
  HomeRanges ranges{context,
                    task,
                    closure,
                    min,
                    size,
                    threads,
                    std::make_unique<std::atomic<int>[]>(threads)};
  for (int range = 0; range < threads; ++range)
    ranges.next[range] = ranges.begin(range);
  if (threads == 1)
    runHomeRanges(&ranges);
  else
    nnc::kernels::runOnPool(runHomeRanges, &ranges);
  return ranges.status.load();
}

/// Installed when the program starts: this file is linked into every model
/// that runs a parallel loop or a kernel (matmul_f32.cpp asks poolThreads).
[[maybe_unused]] const bool loopsRunOnThePool =
    (halide_set_custom_do_par_for(doParFor), true);

} // namespace

int64_t nnc::kernels::availableThreads() { return inTask ? 1 : poolThreads(); }

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
