//===- runtime/src/training_key.cpp - The random key of each training step ===//

#include "training_key.h"

#include "shuffle.h"

namespace nnc::rt {

uint64_t trainingKey(uint64_t seed, uint64_t step) {
  return mix64((seed << 32) + step + 1);
}

bool isKeyInput(const nnc_tensor_info &input) {
  return input.rank == 0 &&
         (input.dtype == NNC_I8 || input.dtype == NNC_I32 ||
          input.dtype == NNC_I64);
}

void fillKey(nnc_tensor *key, uint64_t seed, uint64_t step) {
  const uint64_t value = trainingKey(seed, step);
  switch (key->dtype) {
  case NNC_I8:
    *static_cast<int8_t *>(key->data) = static_cast<int8_t>(value);
    break;
  case NNC_I32:
    *static_cast<int32_t *>(key->data) = static_cast<int32_t>(value);
    break;
  default:
    *static_cast<int64_t *>(key->data) = static_cast<int64_t>(value);
    break;
  }
}

} // namespace nnc::rt
