//===- test/runtime/fake_model_data.h - Data for fake_model.cpp -----------===//
//
// Weights and an input for the fake model, the outputs it must produce, and
// the paths of the programs built from it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TEST_RUNTIME_FAKE_MODEL_DATA_H
#define NNC_TEST_RUNTIME_FAKE_MODEL_DATA_H

#include "test_util.h"

#include <string>
#include <vector>

namespace nnc::test {

/// The fake model as a shared library, as an executable, and the C example.
constexpr const char *kFakeModelLibrary = NNC_TEST_MODEL_LIBRARY;
constexpr const char *kFakeModelExecutable = NNC_TEST_MODEL_EXE;
constexpr const char *kNotAModelLibrary = NNC_TEST_NOT_A_MODEL_LIBRARY;
constexpr const char *kEmbedExample = NNC_EMBED_EXAMPLE;

/// w (3x4) and b (4) as a safetensors image.
inline std::vector<uint8_t> fakeModelWeights() {
  return makeSafetensors(
      {{"w", "F32", {3, 4}, floatBytes({1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1})},
       {"b", "F32", {4}, floatBytes({0.5f, 0.5f, 0.5f, -100})}});
}

/// The input x (2x3).
inline const std::vector<float> &fakeModelInput() {
  static const std::vector<float> x = {1, 2, 3, 4, 5, 6};
  return x;
}

/// y = x @ w + b for that input.
inline const std::vector<float> &fakeModelOutput() {
  static const std::vector<float> y = {1.5f, 2.5f, 3.5f, -94,
                                       4.5f, 5.5f, 6.5f, -85};
  return y;
}

/// Writes `x` as a .npy file at `path`.
void writeFakeModelInput(const std::string &path,
                         const std::vector<float> &x = fakeModelInput(),
                         std::vector<int64_t> shape = {2, 3});

} // namespace nnc::test

#endif // NNC_TEST_RUNTIME_FAKE_MODEL_DATA_H
