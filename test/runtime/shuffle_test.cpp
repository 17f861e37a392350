//===- test/runtime/shuffle_test.cpp - Tests of the seeded shuffle --------===//
//
// SplitMix64 against its reference outputs, bounded draws, and shuffles that
// are permutations, reproducible from the seed and spread evenly.
//
//===----------------------------------------------------------------------===//

#include "shuffle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

using nnc::rt::shuffle;
using nnc::rt::SplitMix64;

namespace {

/// 0, 1, ..., n - 1.
std::vector<int64_t> identity(size_t n) {
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  return order;
}

TEST(Shuffle, SplitMix64MatchesTheReference) {
  // The first outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
  SplitMix64 rng(0);
  EXPECT_EQ(rng.next(), 0xe220a8397b1dcdafull);
  EXPECT_EQ(rng.next(), 0x6e789e6aa1b965f4ull);
  EXPECT_EQ(rng.next(), 0x06c45d188009454full);
}

TEST(Shuffle, BoundedDrawsStayInRange) {
  SplitMix64 rng(7);
  for (uint64_t bound : {1ull, 2ull, 3ull, 10ull, 1000003ull})
    for (int i = 0; i < 1000; ++i)
      EXPECT_LT(rng.below(bound), bound);
}

TEST(Shuffle, IsAPermutationReproducibleFromTheSeed) {
  std::vector<int64_t> a = identity(1000), b = identity(1000),
                       c = identity(1000);
  SplitMix64 ra(42), rb(42), rc(43);
  shuffle(a, ra);
  shuffle(b, rb);
  shuffle(c, rc);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(a, identity(1000));
  std::vector<int64_t> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, identity(1000));
  // Successive shuffles (epochs) continue the stream: a new order.
  std::vector<int64_t> again = a;
  shuffle(again, ra);
  EXPECT_NE(again, a);
}

TEST(Shuffle, SpreadsEveryElementOverEveryPosition) {
  // 4 elements, 24000 shuffles: each (element, position) pair is expected
  // 6000 times; a uniform shuffle stays within 5% of that (a binomial with
  // sd ~67, so 300 is ~4.5 sd).
  constexpr int kRuns = 24000;
  int counts[4][4] = {};
  SplitMix64 rng(1);
  for (int run = 0; run < kRuns; ++run) {
    std::vector<int64_t> order = identity(4);
    shuffle(order, rng);
    for (int position = 0; position < 4; ++position)
      ++counts[order[position]][position];
  }
  for (auto &row : counts)
    for (int count : row)
      EXPECT_NEAR(count, kRuns / 4, 300);
}

} // namespace
