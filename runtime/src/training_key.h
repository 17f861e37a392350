//===- runtime/src/training_key.h - The random key of each training step --===//
//
// A train step whose loss takes a rank-0 integer input (the key of
// nn.dropout, nn.random_normal, nn.random_uniform) gets that input from the
// training driver, not from the data set: a fresh key every step, a pure
// function of the run's seed and the step number, so that two runs with one
// seed draw the same random numbers and no two steps draw the same ones.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_TRAINING_KEY_H
#define NNC_RUNTIME_TRAINING_KEY_H

#include "nnc/runtime.h"

#include <cstdint>

namespace nnc::rt {

/// The key of step `step` (counted from 0 over the whole run) of a run with
/// seed `seed` (< 2^31): `mix(seed * 2^32 + step + 1)`, with `mix`
/// splitmix64's finalizer (mix64) in 64-bit wrapping arithmetic. mix is a
/// bijection with mix(0) = 0, so while step < 2^32 - 1 the keys of
/// different (seed, step) pairs differ and none is 0.
uint64_t trainingKey(uint64_t seed, uint64_t step);

/// Whether the driver supplies `input` as a random key: a rank-0 integer.
bool isKeyInput(const nnc_tensor_info &input);

/// Stores trainingKey(seed, step) in the rank-0 integer tensor `key` (an
/// i32 key takes the low 32 bits).
void fillKey(nnc_tensor *key, uint64_t seed, uint64_t step);

} // namespace nnc::rt

#endif // NNC_RUNTIME_TRAINING_KEY_H
