//===- test/runtime/matmul_test.cpp - Tests of the f32 matmul kernel ------===//
//
// nnc_uk_matmul_f32 against a naive triple loop, on shapes that exercise
// each of its variants and schedules: the cache-blocked parallel variant
// (at least 64 rows and 48 columns, with ragged row blocks and panels),
// full register tiles, one vector per row, scalars, and ragged edges.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

/// Deterministic values in [-1, 1).
std::vector<float> pseudoRandom(size_t count, uint32_t seed) {
  std::vector<float> values(count);
  uint32_t state = seed;
  for (float &value : values) {
    state = state * 1664525u + 1013904223u;
    value = static_cast<float>(state >> 8) / float(1 << 23) - 1.0f;
  }
  return values;
}

struct Shape {
  int64_t m, n, k;
};

void PrintTo(const Shape &shape, std::ostream *os) {
  *os << shape.m << "x" << shape.n << "x" << shape.k;
}

class MatmulF32 : public ::testing::TestWithParam<Shape> {};

TEST_P(MatmulF32, MatchesANaiveLoop) {
  const auto [m, n, k] = GetParam();
  const std::vector<float> a = pseudoRandom(static_cast<size_t>(m * k), 1);
  const std::vector<float> b = pseudoRandom(static_cast<size_t>(k * n), 2);
  // Garbage in C must be overwritten, not accumulated into.
  std::vector<float> c(static_cast<size_t>(m * n),
                       std::numeric_limits<float>::quiet_NaN());
  nnc_uk_matmul_f32(a.data(), b.data(), c.data(), m, n, k);
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double expected = 0;
      for (int64_t p = 0; p < k; ++p)
        expected += double(a[i * k + p]) * double(b[p * n + j]);
      EXPECT_NEAR(c[i * n + j], expected, 1e-5 * double(k + 1))
          << "at (" << i << ", " << j << ")";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, MatmulF32,
    ::testing::Values(Shape{1, 1, 1}, Shape{7, 13, 5}, Shape{64, 128, 96},
                      Shape{8, 10, 64}, Shape{3, 40, 17}, Shape{5, 16, 3},
                      Shape{1, 100, 7}, Shape{100, 1, 3}, Shape{33, 65, 31},
                      Shape{4, 32, 1}, Shape{2, 3, 0}, Shape{64, 48, 1},
                      Shape{64, 64, 64}, Shape{130, 100, 33},
                      Shape{200, 50, 17}, Shape{257, 129, 70},
                      Shape{63, 200, 9}, Shape{1, 512, 784}));

TEST(MatmulF32Edges, EmptyOutputsAreNoOps) {
  float sentinel = 42;
  nnc_uk_matmul_f32(nullptr, nullptr, &sentinel, 0, 5, 3);
  nnc_uk_matmul_f32(nullptr, nullptr, &sentinel, 5, 0, 3);
  EXPECT_EQ(sentinel, 42);
}

} // namespace
