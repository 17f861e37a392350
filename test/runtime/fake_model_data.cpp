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
  nnc_tensor tensor = {};
  tensor.dtype = NNC_F32;
  tensor.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i)
    tensor.shape[i] = shape[i];
  tensor.data = copy.data();
  ASSERT_EQ(nnc_npy_write(path.c_str(), &tensor), NNC_OK) << nnc_last_error();
}

} // namespace nnc::test
