//===- runtime/kernels/thread_pool.cpp - Threads that wait spinning -------===//
//
// One job at a time: the caller publishes it and bumps `epoch`; each helper
// that sees the new epoch joins while the job is open, runs `work`, and
// leaves. The caller runs `work` itself, then closes the job and waits for
// the helpers that joined to leave. A helper that comes late finds the job
// closed (or its work all taken) and goes back to waiting.
//
// `state` counts the helpers inside the job, with kClosed set once the
// caller stops admitting them; helpers join by compare-and-swap, so none
// joins a closed job, and the caller reopens the state for the next job
// only after the count fell to zero.
//
//===----------------------------------------------------------------------===//

#include "thread_pool.h"
#include "pool_threads.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace {

/// Pause `spins` of a spin loop: a pause instruction, and every 64th time
/// the core to another thread that wants it (none: the call returns at
/// once), so that spinning never keeps a thread of this or another process
/// from the core where cores are fewer than the threads that want them.
inline void relax(int spins) {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
  if (spins % 64 == 63)
    std::this_thread::yield();
}

/// How long an idle helper spins before it sleeps. Longer than the serial
/// steps between a model's parallel loops; a model that is not called
/// again costs the other cores this much spinning once.
constexpr std::chrono::microseconds kSpinTime{500};

constexpr int64_t kClosed = int64_t(1) << 62;

class ThreadPool {
public:
  ThreadPool() {
    const int64_t helpers = nnc::kernels::poolThreads() - 1;
    for (int64_t i = 0; i < helpers; ++i) {
      try {
        threads.emplace_back(&ThreadPool::helperLoop, this);
      } catch (const std::system_error &) {
        break; // Fewer helpers: the caller runs the rest.
      }
    }
  }

  /// Stops the helpers and waits for them: at exit, or when the shared
  /// library that holds this code (a model's) is closed, whose code they
  /// must not be running then.
  ~ThreadPool() {
    stopping.store(true, std::memory_order_relaxed);
    publish();
    for (std::thread &thread : threads)
      thread.join();
  }

  void run(void (*work)(void *), void *argument) {
    // One job at a time: a second caller (another thread of the
    // application) runs its work alone.
    std::unique_lock<std::mutex> running(busy, std::try_to_lock);
    if (threads.empty() || !running.owns_lock()) {
      work(argument);
      return;
    }
    job = Job{work, argument};
    state.store(0, std::memory_order_release);
    publish();
    work(argument);
    state.fetch_or(kClosed, std::memory_order_acq_rel);
    for (int spins = 0; (state.load(std::memory_order_acquire) & ~kClosed) != 0;
         ++spins)
      relax(spins);
  }

private:
  struct Job {
    void (*work)(void *);
    void *argument;
  };

  /// Starts a new epoch (a job, or the stop) and wakes sleeping helpers.
  void publish() {
    epoch.fetch_add(1, std::memory_order_seq_cst);
    if (sleepers.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lock(mutex);
      wake.notify_all();
    }
  }

  void helperLoop() {
    uint64_t seen = 0;
    for (;;) {
      seen = waitForJob(seen);
      if (stopping.load(std::memory_order_relaxed))
        return;
      int64_t s = state.load(std::memory_order_acquire);
      bool joined = false;
      while (!(s & kClosed) && !joined)
        joined =
            state.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel);
      if (!joined)
        continue;
      job.work(job.argument);
      state.fetch_sub(1, std::memory_order_acq_rel);
    }
  }

  /// Returns the next epoch after `seen`: spinning first, then asleep.
  uint64_t waitForJob(uint64_t seen) {
    const auto until = std::chrono::steady_clock::now() + kSpinTime;
    for (int spins = 0;; ++spins) {
      uint64_t now = epoch.load(std::memory_order_acquire);
      if (now != seen)
        return now;
      relax(spins);
      if (spins % 64 == 63 && std::chrono::steady_clock::now() > until)
        break;
    }
    std::unique_lock<std::mutex> lock(mutex);
    sleepers.fetch_add(1, std::memory_order_seq_cst);
    uint64_t now;
    while ((now = epoch.load(std::memory_order_seq_cst)) == seen)
      wake.wait(lock);
    sleepers.fetch_sub(1, std::memory_order_relaxed);
    return now;
  }

  std::vector<std::thread> threads;
  Job job{};
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> epoch{0};
  std::atomic<int64_t> state{kClosed};
  std::atomic<int> sleepers{0};
  std::mutex busy;
  std::mutex mutex;
  std::condition_variable wake;
};

} // namespace

void nnc::kernels::runOnPool(void (*work)(void *), void *argument) {
  static ThreadPool pool;
  pool.run(work, argument);
}
