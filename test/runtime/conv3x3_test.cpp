//===- test/runtime/conv3x3_test.cpp - Tests of the Winograd kernel -------===//
//
// nnc_uk_conv3x3_f32 against the direct sums, on shapes that exercise its
// chunks and schedules: whole 4x4 tiles and ragged edges (sides not
// multiples of 4, down to a 1x1 output), rows of 16 tiles or more (a whole
// AVX-512 vector of tiles, with a masked rest), of 8 to 15, and of fewer
// (masked); images grouped into one chunk and images split into chunks of
// tile rows (many channels); products narrower than one register tile;
// operands whose channels and rows lie further apart than their extents (a
// slice of a larger tensor); and dilations, in one direction or both. ctest
// runs them again with NNC_KERNEL_ISA=avx2 and on one thread
// (runtime/matmul-avx2, runtime/matmul-one-thread).
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using nnc::test::pseudoRandom;

struct ConvShape {
  int64_t n, c, f, oh, ow;
  /// Extra elements after each row and each channel of x and y.
  int64_t rowGap, channelGap;
  int64_t dh = 1, dw = 1;
};

void PrintTo(const ConvShape &s, std::ostream *os) {
  *os << s.n << "x" << s.c << "->" << s.f << "@" << s.oh << "x" << s.ow
      << " gaps " << s.rowGap << "," << s.channelGap << " dilation " << s.dh
      << "," << s.dw;
}

class Conv3x3F32 : public ::testing::TestWithParam<ConvShape> {};

TEST_P(Conv3x3F32, MatchesTheDirectSums) {
  const ConvShape s = GetParam();
  const int64_t h = s.oh + 2 * s.dh, w = s.ow + 2 * s.dw;
  const int64_t xsh = w + s.rowGap, xsc = h * xsh + s.channelGap,
                xsn = s.c * xsc;
  const int64_t ysh = s.ow + s.rowGap, ysf = s.oh * ysh + s.channelGap,
                ysn = s.f * ysf;
  std::vector<float> x = pseudoRandom(static_cast<size_t>(s.n * xsn), 1);
  std::vector<float> filters =
      pseudoRandom(static_cast<size_t>(s.f * s.c * 9), 2);
  std::vector<float> y(static_cast<size_t>(s.n * ysn), NAN);
  nnc_uk_conv3x3_f32(x.data(), filters.data(), y.data(), s.n, s.c, s.f, s.oh,
                     s.ow, s.dh, s.dw, xsn, xsc, xsh, ysn, ysf, ysh);
  for (int64_t i = 0; i < s.n; ++i)
    for (int64_t g = 0; g < s.f; ++g)
      for (int64_t r = 0; r < s.oh; ++r)
        for (int64_t col = 0; col < s.ow; ++col) {
          // Winograd's transforms scale what they round by up to 8 * 5: its
          // error is a few 1e-6 of the sum of the products' magnitudes.
          double sum = 0, magnitude = 0;
          for (int64_t k = 0; k < s.c; ++k)
            for (int64_t di = 0; di < 3; ++di)
              for (int64_t dj = 0; dj < 3; ++dj) {
                double term =
                    double(x[i * xsn + k * xsc + (r + s.dh * di) * xsh + col +
                             s.dw * dj]) *
                    filters[((g * s.c + k) * 3 + di) * 3 + dj];
                sum += term;
                magnitude += std::fabs(term);
              }
          float got = y[i * ysn + g * ysf + r * ysh + col];
          ASSERT_NEAR(got, sum, 2e-5 * magnitude + 1e-6)
              << "at n=" << i << " f=" << g << " (" << r << ", " << col << ")";
        }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, Conv3x3F32,
    ::testing::Values(
        // Whole tiles: rows of 8 tiles, 8 tile rows, one chunk per thread.
        ConvShape{1, 32, 32, 32, 32, 0, 0},
        // Several images per chunk, output channels not a multiple of a
        // register tile's rows.
        ConvShape{5, 7, 9, 8, 8, 0, 0}, ConvShape{2, 16, 24, 32, 36, 0, 0},
        // Ragged edges.
        ConvShape{1, 20, 16, 48, 45, 0, 0}, ConvShape{2, 3, 5, 13, 18, 0, 0},
        ConvShape{1, 5, 3, 1, 1, 0, 0}, ConvShape{3, 4, 4, 2, 2, 0, 0},
        // Rows of 16 tiles and of 19 (a vector and a masked rest), of 4.
        ConvShape{1, 8, 8, 64, 64, 0, 0}, ConvShape{2, 3, 70, 13, 76, 0, 0},
        ConvShape{4, 16, 16, 16, 16, 0, 0},
        // Rows of 8 tiles (of 4): 2 (4) tile rows make one vector where
        // their number is a multiple of that, else one row at a time.
        ConvShape{1, 8, 8, 16, 32, 0, 0}, ConvShape{2, 6, 5, 24, 32, 0, 0},
        ConvShape{1, 4, 4, 20, 32, 0, 0}, ConvShape{3, 5, 6, 32, 16, 0, 0},
        ConvShape{1, 5, 6, 24, 16, 0, 0},
        // Many channels: chunks of tile rows of one image (rows of 16
        // tiles; of 8, two tile rows per chunk).
        ConvShape{1, 128, 128, 8, 64, 0, 0}, ConvShape{1, 96, 96, 64, 32, 0, 0},
        // A slice of larger tensors.
        ConvShape{2, 9, 11, 12, 20, 3, 5}, ConvShape{1, 6, 4, 9, 10, 1, 7},
        // Dilated: a mosaic of 4 phases of whole tiles, ragged phases of
        // unequal sizes, one direction only, a slice.
        ConvShape{2, 16, 16, 32, 32, 0, 0, 2, 2},
        ConvShape{1, 5, 7, 13, 22, 0, 0, 3, 2},
        ConvShape{2, 4, 3, 9, 40, 0, 0, 1, 3},
        ConvShape{1, 6, 5, 17, 11, 2, 3, 2, 1}));

TEST(Conv3x3F32Edges, NoInputChannelsGivesZeros) {
  std::vector<float> y(2 * 3 * 4 * 5, NAN);
  nnc_uk_conv3x3_f32(nullptr, nullptr, y.data(), 2, 0, 3, 4, 5, 1, 1, 0, 0, 7,
                     60, 20, 5);
  for (float v : y)
    EXPECT_EQ(v, 0.0f);
}

TEST(Conv3x3F32Edges, ANegativeExtentAborts) {
  std::vector<float> x(1), w(1), y(1);
  EXPECT_DEATH(nnc_uk_conv3x3_f32(x.data(), w.data(), y.data(), 1, 1, 1, -1, 1,
                                  1, 1, 1, 1, 1, 1, 1, 1),
               "nnc_uk_conv3x3_f32.*negative extent");
}

TEST(Conv3x3F32Edges, AZeroDilationAborts) {
  std::vector<float> x(1), w(1), y(1);
  EXPECT_DEATH(nnc_uk_conv3x3_f32(x.data(), w.data(), y.data(), 1, 1, 1, 1, 1,
                                  0, 1, 1, 1, 1, 1, 1, 1),
               "nnc_uk_conv3x3_f32.*a dilation below 1");
}

} // namespace
