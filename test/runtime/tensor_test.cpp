//===- test/runtime/tensor_test.cpp - Tests of the tensor helpers ---------===//
//
// Dtype names and sizes, element counts, and runtime-allocated buffers.
//
//===----------------------------------------------------------------------===//

#include "nnc/runtime.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace {

TEST(Tensor, DtypeNamesAndSizes) {
  EXPECT_STREQ(nnc_dtype_name(NNC_F32), "f32");
  EXPECT_STREQ(nnc_dtype_name(NNC_F64), "f64");
  EXPECT_STREQ(nnc_dtype_name(NNC_I1), "i1");
  EXPECT_STREQ(nnc_dtype_name(NNC_I8), "i8");
  EXPECT_STREQ(nnc_dtype_name(NNC_I32), "i32");
  EXPECT_STREQ(nnc_dtype_name(NNC_I64), "i64");
  EXPECT_EQ(nnc_dtype_size(NNC_F32), 4u);
  EXPECT_EQ(nnc_dtype_size(NNC_F64), 8u);
  EXPECT_EQ(nnc_dtype_size(NNC_I1), 1u);
  EXPECT_EQ(nnc_dtype_size(NNC_I8), 1u);
  EXPECT_EQ(nnc_dtype_size(NNC_I32), 4u);
  EXPECT_EQ(nnc_dtype_size(NNC_I64), 8u);
}

TEST(Tensor, CountsElementsAndBytes) {
  nnc_tensor tensor = {};
  tensor.dtype = NNC_F64;
  tensor.rank = 3;
  tensor.shape[0] = 2;
  tensor.shape[1] = 3;
  tensor.shape[2] = 4;
  EXPECT_EQ(nnc_tensor_numel(&tensor), 24);
  EXPECT_EQ(nnc_tensor_nbytes(&tensor), 192u);
  // A scalar has one element.
  tensor.rank = 0;
  EXPECT_EQ(nnc_tensor_numel(&tensor), 1);
}

TEST(Tensor, AllocatesZeroedAlignedData) {
  nnc_tensor tensor = {};
  tensor.dtype = NNC_I32;
  tensor.rank = 2;
  tensor.shape[0] = 5;
  tensor.shape[1] = 7;
  ASSERT_EQ(nnc_tensor_alloc(&tensor), NNC_OK);
  ASSERT_NE(tensor.data, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(tensor.data) % 64, 0u);
  const auto *values = static_cast<const int32_t *>(tensor.data);
  for (int i = 0; i < 35; ++i)
    EXPECT_EQ(values[i], 0);
  nnc_tensor_release(&tensor);
  EXPECT_EQ(tensor.data, nullptr);
}

TEST(Tensor, AllocatesEmptyTensors) {
  nnc_tensor tensor = {};
  tensor.dtype = NNC_F32;
  tensor.rank = 1;
  tensor.shape[0] = 0;
  ASSERT_EQ(nnc_tensor_alloc(&tensor), NNC_OK);
  EXPECT_NE(tensor.data, nullptr);
  nnc_tensor_release(&tensor);
}

TEST(Tensor, RejectsInvalidDescriptions) {
  nnc_tensor tensor = {};
  tensor.dtype = NNC_F32;
  tensor.rank = NNC_MAX_RANK + 1;
  EXPECT_EQ(nnc_tensor_alloc(&tensor), NNC_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error()).find("rank 9"), std::string::npos);

  tensor.rank = 1;
  tensor.shape[0] = -3;
  EXPECT_EQ(nnc_tensor_alloc(&tensor), NNC_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error()).find("invalid shape -3"),
            std::string::npos);

  tensor.shape[0] = 3;
  tensor.dtype = static_cast<nnc_dtype>(42);
  EXPECT_EQ(nnc_tensor_alloc(&tensor), NNC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(nnc_tensor_alloc(nullptr), NNC_ERROR_INVALID_ARGUMENT);
}

} // namespace
