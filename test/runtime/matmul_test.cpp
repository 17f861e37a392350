//===- test/runtime/matmul_test.cpp - Tests of the f32 matmul kernel ------===//
//
// nnc_uk_matmul_f32, nnc_uk_matmul_nt_f32 (B given transposed) and
// nnc_uk_matmul_tn_f32 (A given transposed) against a
// naive triple loop, on shapes that exercise each of their variants and
// schedules: the cache-blocked parallel variant (two tasks of 64 rows per
// thread, 257 rows on two threads, and 48 columns, with ragged row blocks
// and panels), its tall form (256 rows per task, for products with that
// many rows for every thread), full register
// tiles of both shapes (3 vectors by 8 rows, and with AVX-512 4 vectors by 6
// rows where they recompute fewer edge elements: 64 columns, 320 columns in
// column-parallel tasks; a convolution's im2col GEMM among them), tiles of
// exactly the rows of a product with fewer rows than those (2 to 7), one
// vector per row, matrix-vector products (in wide column chunks, with a
// ragged last one, and in narrow ones), scalars, ragged edges, and K not a
// whole number of vectors, transposed operands large enough to be transposed
// on every thread, and matrix-vector products split along K (32 MiB
// or more of B in rows of 1024 columns or more). ctest runs them once with the
// kernels the CPU picks and once with NNC_KERNEL_ISA=avx2
// (runtime/matmul-avx2), so every variant of every instruction set is checked
// where the CPU has AVX-512.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace {

using nnc::test::pseudoRandom;

struct Shape {
  int64_t m, n, k;
};

void PrintTo(const Shape &shape, std::ostream *os) {
  *os << shape.m << "x" << shape.n << "x" << shape.k;
}

class MatmulF32 : public ::testing::TestWithParam<Shape> {};

/// Which operand a kernel takes transposed.
enum class Transposed { None, A, B };

/// Runs the kernel on pseudo-random A and B (At[k,m] or Bt[n,k] when
/// `transposed` says so), each row followed by `pad` unused elements (0:
/// dense matrices; more: blocks of larger ones), and compares every element
/// of C with a naive loop; C's padding must stay untouched.
void checkAgainstNaiveLoop(const Shape &shape, Transposed transposed,
                           int64_t pad) {
  const auto [m, n, k] = shape;
  const bool ta = transposed == Transposed::A, tb = transposed == Transposed::B;
  const int64_t aRows = ta ? k : m, lda = (ta ? m : k) + pad, ldc = n + pad;
  const int64_t bRows = tb ? n : k, ldb = (tb ? k : n) + pad;
  const std::vector<float> a =
      pseudoRandom(static_cast<size_t>(aRows * lda), 1);
  const std::vector<float> b =
      pseudoRandom(static_cast<size_t>(bRows * ldb), 2);
  // Garbage in C must be overwritten, not accumulated into.
  const float padding = -7;
  std::vector<float> c(static_cast<size_t>(m * ldc),
                       std::numeric_limits<float>::quiet_NaN());
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = n; j < ldc; ++j)
      c[i * ldc + j] = padding;
  if (ta)
    nnc_uk_matmul_tn_f32(a.data(), b.data(), c.data(), m, n, k, lda, ldb, ldc);
  else if (tb)
    nnc_uk_matmul_nt_f32(a.data(), b.data(), c.data(), m, n, k, lda, ldb, ldc);
  else
    nnc_uk_matmul_f32(a.data(), b.data(), c.data(), m, n, k, lda, ldb, ldc);
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double expected = 0;
      for (int64_t p = 0; p < k; ++p)
        expected += double(ta ? a[p * lda + i] : a[i * lda + p]) *
                    double(tb ? b[j * ldb + p] : b[p * ldb + j]);
      EXPECT_NEAR(c[i * ldc + j], expected, 1e-5 * double(k + 1))
          << "at (" << i << ", " << j << ")";
    }
    for (int64_t j = n; j < ldc; ++j)
      EXPECT_EQ(c[i * ldc + j], padding)
          << "padding at (" << i << ", " << j << ")";
  }
}

TEST_P(MatmulF32, MatchesANaiveLoop) {
  checkAgainstNaiveLoop(GetParam(), Transposed::None, 0);
}

TEST_P(MatmulF32, TransposedBMatchesANaiveLoop) {
  checkAgainstNaiveLoop(GetParam(), Transposed::B, 0);
}

TEST_P(MatmulF32, TransposedAMatchesANaiveLoop) {
  checkAgainstNaiveLoop(GetParam(), Transposed::A, 0);
}

TEST_P(MatmulF32, BlocksOfLargerMatricesMatchANaiveLoop) {
  checkAgainstNaiveLoop(GetParam(), Transposed::None, 5);
}

TEST_P(MatmulF32, TransposedBBlocksOfLargerMatricesMatchANaiveLoop) {
  checkAgainstNaiveLoop(GetParam(), Transposed::B, 5);
}

TEST_P(MatmulF32, TransposedABlocksOfLargerMatricesMatchANaiveLoop) {
  checkAgainstNaiveLoop(GetParam(), Transposed::A, 5);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, MatmulF32,
    ::testing::Values(
        Shape{1, 1, 1}, Shape{7, 13, 5}, Shape{64, 128, 96}, Shape{8, 10, 64},
        Shape{3, 40, 17}, Shape{5, 16, 3}, Shape{1, 100, 7}, Shape{100, 1, 3},
        Shape{33, 65, 31}, Shape{4, 32, 1}, Shape{2, 3, 0}, Shape{64, 48, 1},
        Shape{64, 64, 64}, Shape{130, 100, 33}, Shape{200, 50, 17},
        Shape{257, 129, 70}, Shape{63, 200, 9}, Shape{1, 512, 784},
        Shape{32, 512, 784}, Shape{6, 7, 33}, Shape{32, 1024, 288},
        Shape{9, 197, 5}, Shape{32, 10, 512}, Shape{600, 100, 70},
        Shape{32, 64, 288}, Shape{20, 64, 9}, Shape{12, 320, 5},
        Shape{128, 64, 128}, Shape{1, 1024, 1024}, Shape{1, 2050, 4099},
        Shape{1, 1000, 37}, Shape{1, 600, 20}, Shape{2, 1024, 33},
        Shape{3, 500, 20}, Shape{4, 97, 40}, Shape{5, 300, 9},
        Shape{7, 1000, 64}, Shape{70, 600, 130}, Shape{300, 260, 270},
        // Fewer columns than a register tile: tiles of fewer vectors.
        Shape{33, 20, 31}, Shape{8, 32, 64}, Shape{70, 47, 130},
        Shape{16, 16, 5}));

TEST(MatmulF32Edges, EmptyOutputsAreNoOps) {
  float sentinel = 42;
  nnc_uk_matmul_f32(nullptr, nullptr, &sentinel, 0, 5, 3, 3, 5, 5);
  nnc_uk_matmul_f32(nullptr, nullptr, &sentinel, 5, 0, 3, 3, 0, 0);
  nnc_uk_matmul_nt_f32(nullptr, nullptr, &sentinel, 0, 5, 3, 3, 3, 5);
  nnc_uk_matmul_nt_f32(nullptr, nullptr, &sentinel, 5, 0, 3, 3, 3, 0);
  nnc_uk_matmul_tn_f32(nullptr, nullptr, &sentinel, 0, 5, 3, 0, 5, 5);
  nnc_uk_matmul_tn_f32(nullptr, nullptr, &sentinel, 5, 0, 3, 5, 0, 0);
  EXPECT_EQ(sentinel, 42);
}

TEST(MatmulF32Edges, AnEmptySumZeroesOnlyTheBlock) {
  // K = 0 on a 2 x 2 block of a 2 x 3 matrix: the block becomes zeros.
  std::vector<float> c = {1, 2, 3, 4, 5, 6};
  nnc_uk_matmul_f32(nullptr, nullptr, c.data(), 2, 2, 0, 0, 2, 3);
  EXPECT_EQ(c, (std::vector<float>{0, 0, 3, 0, 0, 6}));
}

TEST(MatmulF32Edges, ARowStrideShorterThanTheRowAborts) {
  std::vector<float> a(6), b(6), c(4);
  EXPECT_DEATH(
      nnc_uk_matmul_f32(a.data(), b.data(), c.data(), 2, 2, 3, 2, 2, 2),
      "row stride is shorter than its row");
}

TEST(KernelIsa, FollowsTheEnvironment) {
  std::string isa = nnc_kernel_isa();
  if (const char *requested = std::getenv("NNC_KERNEL_ISA"))
    EXPECT_EQ(isa, requested);
  else
    EXPECT_TRUE(isa == "avx512" || isa == "avx2") << isa;
}

TEST(KernelIsa, AnUnknownSetAborts) {
  // The choice is made once per process: a fresh one makes it here.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        setenv("NNC_KERNEL_ISA", "sse2", 1);
        nnc_kernel_isa();
      },
      "NNC_KERNEL_ISA=sse2 is not an instruction set of the kernels");
}

} // namespace
