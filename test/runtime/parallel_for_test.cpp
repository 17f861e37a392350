//===- test/runtime/parallel_for_test.cpp - Tests of nnc_parallel_for -----===//
//
// nnc_parallel_for must run every iteration exactly once, in ranges that
// cover [0, iterations) without overlap, for counts below, at and above
// its task count, and when a body calls it again (as an outlined loop
// calling a matmul kernel or another parallel loop does). Such an inner
// loop runs on the thread of the task that calls it, and a matmul kernel
// called from a task computes the same product as one called outside.
// The pool's threads (thread_pool.cpp) run one loop at a time: loops that
// several threads of an application start at once, and loops started after
// the pool's threads went to sleep, still run every iteration once.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

/// Counts how often each iteration ran.
struct Counts {
  std::vector<std::atomic<int>> hits;
  std::atomic<int> calls{0};
  explicit Counts(int64_t iterations) : hits(iterations) {}
};

void countRange(int64_t begin, int64_t end, void *closure) {
  auto &counts = *static_cast<Counts *>(closure);
  ++counts.calls;
  for (int64_t i = begin; i < end; ++i)
    ++counts.hits[i];
}

class ParallelFor : public testing::TestWithParam<int64_t> {};

TEST_P(ParallelFor, RunsEveryIterationOnce) {
  int64_t iterations = GetParam();
  Counts counts(iterations);
  nnc_parallel_for(countRange, iterations, &counts);
  for (int64_t i = 0; i < iterations; ++i)
    EXPECT_EQ(counts.hits[i], 1) << "iteration " << i;
  if (iterations > 0)
    EXPECT_LE(counts.calls, iterations);
  else
    EXPECT_EQ(counts.calls, 0);
}

INSTANTIATE_TEST_SUITE_P(Counts, ParallelFor,
                         testing::Values(0, 1, 2, 3, 7, 64, 1000, 100003));

TEST(ParallelForTest, NegativeCountRunsNothing) {
  Counts counts(0);
  nnc_parallel_for(countRange, -5, &counts);
  EXPECT_EQ(counts.calls, 0);
}

/// An outer loop whose every iteration runs an inner parallel loop over
/// its own row of a matrix.
struct Matrix {
  int64_t rows, cols;
  std::vector<std::atomic<int>> hits;
};

struct Row {
  Matrix *matrix;
  int64_t row;
};

void countRow(int64_t begin, int64_t end, void *closure) {
  auto &row = *static_cast<Row *>(closure);
  for (int64_t j = begin; j < end; ++j)
    ++row.matrix->hits[row.row * row.matrix->cols + j];
}

void forEachRow(int64_t begin, int64_t end, void *closure) {
  auto *matrix = static_cast<Matrix *>(closure);
  for (int64_t i = begin; i < end; ++i) {
    Row row{matrix, i};
    nnc_parallel_for(countRow, matrix->cols, &row);
  }
}

TEST(ParallelForTest, NestedLoopsRunEveryIterationOnce) {
  Matrix matrix{37, 129, std::vector<std::atomic<int>>(37 * 129)};
  nnc_parallel_for(forEachRow, matrix.rows, &matrix);
  for (int64_t i = 0; i < matrix.rows * matrix.cols; ++i)
    EXPECT_EQ(matrix.hits[i], 1) << "element " << i;
}

/// Inner iterations that ran on another thread than the task calling them.
struct Elsewhere {
  std::atomic<int> iterations{0};
};

struct Caller {
  Elsewhere *elsewhere;
  std::thread::id thread;
};

void checkThread(int64_t begin, int64_t end, void *closure) {
  auto &caller = *static_cast<Caller *>(closure);
  if (std::this_thread::get_id() != caller.thread)
    caller.elsewhere->iterations += static_cast<int>(end - begin);
}

void innerLoopsFromTask(int64_t begin, int64_t end, void *closure) {
  for (int64_t i = begin; i < end; ++i) {
    Caller caller{static_cast<Elsewhere *>(closure),
                  std::this_thread::get_id()};
    nnc_parallel_for(checkThread, 64, &caller);
  }
}

TEST(ParallelForTest, NestedLoopRunsOnItsTasksThread) {
  Elsewhere elsewhere;
  nnc_parallel_for(innerLoopsFromTask, 16, &elsewhere);
  EXPECT_EQ(elsewhere.iterations, 0);
}

/// Each task computes C = A * B for its products (the kernel's own
/// parallel loops then run in the task).
struct Products {
  int64_t m, n, k;
  std::vector<float> a, b;
  std::vector<std::vector<float>> c;
};

void multiplyEach(int64_t begin, int64_t end, void *closure) {
  auto &p = *static_cast<Products *>(closure);
  for (int64_t i = begin; i < end; ++i)
    nnc_uk_matmul_f32(p.a.data(), p.b.data(), p.c[i].data(), p.m, p.n, p.k, p.k,
                      p.n, p.n);
}

TEST(ParallelForTest, MatmulInTaskMatchesMatmulOutside) {
  Products p{300, 100, 70, {}, {}, {}};
  p.a.resize(p.m * p.k);
  p.b.resize(p.k * p.n);
  for (size_t i = 0; i < p.a.size(); ++i)
    p.a[i] = static_cast<float>(i % 13) - 6.0f;
  for (size_t i = 0; i < p.b.size(); ++i)
    p.b[i] = static_cast<float>(i % 7) * 0.5f - 1.5f;
  std::vector<float> expected(p.m * p.n);
  nnc_uk_matmul_f32(p.a.data(), p.b.data(), expected.data(), p.m, p.n, p.k, p.k,
                    p.n, p.n);
  p.c.assign(8, std::vector<float>(p.m * p.n));
  nnc_parallel_for(multiplyEach, 8, &p);
  for (const std::vector<float> &c : p.c)
    EXPECT_EQ(c, expected);
}

TEST(ParallelForTest, LoopsFromSeveralThreadsRunEveryIterationOnce) {
  constexpr int kCallers = 4, kLoops = 200;
  constexpr int64_t kIterations = 257;
  std::vector<std::thread> callers;
  std::vector<int> failures(kCallers, 0);
  for (int caller = 0; caller < kCallers; ++caller)
    callers.emplace_back([&failures, caller] {
      for (int loop = 0; loop < kLoops; ++loop) {
        Counts counts(kIterations);
        nnc_parallel_for(countRange, kIterations, &counts);
        for (int64_t i = 0; i < kIterations; ++i)
          failures[caller] += counts.hits[i] != 1;
      }
    });
  for (std::thread &caller : callers)
    caller.join();
  for (int caller = 0; caller < kCallers; ++caller)
    EXPECT_EQ(failures[caller], 0) << "caller " << caller;
}

TEST(ParallelForTest, LoopAfterThePoolSleptRunsEveryIterationOnce) {
  for (int round = 0; round < 3; ++round) {
    // Longer than the pool's threads spin before they sleep.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    Counts counts(1000);
    nnc_parallel_for(countRange, 1000, &counts);
    for (int64_t i = 0; i < 1000; ++i)
      EXPECT_EQ(counts.hits[i], 1) << "round " << round << ", iteration " << i;
  }
}

} // namespace
