//===- runtime/src/shuffle.cpp - Seeded shuffling of training examples ----===//

#include "shuffle.h"

#include <cstddef>
#include <utility>

namespace nnc::rt {

uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t SplitMix64::next() { return mix64(state_ += 0x9e3779b97f4a7c15ull); }

uint64_t SplitMix64::below(uint64_t bound) {
  // Reject the draws of the incomplete last block of `bound` values.
  const uint64_t limit = -bound % bound; // (2^64 - bound) mod bound
  uint64_t draw;
  do {
    draw = next();
  } while (draw < limit);
  return draw % bound;
}

void shuffle(std::vector<int64_t> &order, SplitMix64 &rng) {
  for (std::size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[rng.below(i)]);
}

} // namespace nnc::rt
