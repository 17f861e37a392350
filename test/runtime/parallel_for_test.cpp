//===- test/runtime/parallel_for_test.cpp - Tests of nnc_parallel_for -----===//
//
// nnc_parallel_for must run every iteration exactly once, in ranges that
// cover [0, iterations) without overlap, for counts below, at and above
// its task count, and when a body calls it again (as an outlined loop
// calling a matmul kernel or another parallel loop does).
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
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

} // namespace
