//===- runtime/src/shuffle.h - Seeded shuffling of training examples ------===//
//
// The order in which a training run visits its examples: a permutation drawn
// from a PRNG of nnc's own (SplitMix64), so that one seed gives the same
// order on every machine and with every C++ library.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_SHUFFLE_H
#define NNC_RUNTIME_SHUFFLE_H

#include <cstdint>
#include <vector>

namespace nnc::rt {

/// splitmix64's finalizer: a bijection of 64-bit words that mixes every
/// input bit into every output bit.
uint64_t mix64(uint64_t z);

/// SplitMix64 (Steele, Lea and Flood): a 64-bit state advanced by a
/// constant and mixed into each output.
class SplitMix64 {
public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  /// The next 64 random bits.
  uint64_t next();

  /// A uniform integer in [0, bound) (bound > 0), without modulo bias.
  uint64_t below(uint64_t bound);

private:
  uint64_t state_;
};

/// Permutes `order` uniformly at random (Fisher-Yates) drawing from `rng`.
void shuffle(std::vector<int64_t> &order, SplitMix64 &rng);

} // namespace nnc::rt

#endif // NNC_RUNTIME_SHUFFLE_H
