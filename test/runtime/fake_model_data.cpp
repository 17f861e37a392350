//===- test/runtime/fake_model_data.cpp - Data for fake_model.cpp ---------===//
//
// Writing the fake model's input file.
//
//===----------------------------------------------------------------------===//

#include "fake_model_data.h"

#include "nnc/runtime.h"

#include <gtest/gtest.h>

namespace nnc::test {

void writeFakeModelInput(const std::string &path, const std::vector<float> &x,
                         std::vector<int64_t> shape) {
  std::vector<float> copy = x;
  nnc_tensor tensor = tensorView(NNC_F32, shape, copy.data());
  ASSERT_EQ(nnc_npy_write(path.c_str(), &tensor), NNC_OK) << nnc_last_error();
}

} // namespace nnc::test
