//===- test/runtime/dataset_test.cpp - Tests of data sets and batching ----===//
//
// Batches cut from example arrays (in any order, zero-padded), and every
// check of a data set against the inputs it feeds.
//
//===----------------------------------------------------------------------===//

#include "dataset.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using nnc::rt::Dataset;
using nnc::rt::gatherRows;
using nnc::test::TempDir;
using nnc::test::tensorView;

namespace {

/// Writes `values` with `shape` as a .npy file at `path`.
template <typename T>
void writeNpy(const std::string &path, nnc_dtype dtype,
              std::vector<int64_t> shape, std::vector<T> values) {
  nnc_tensor tensor = tensorView(dtype, shape, values.data());
  ASSERT_EQ(nnc_npy_write(path.c_str(), &tensor), NNC_OK) << nnc_last_error();
}

/// An input description named `name` with a batch shape.
nnc_tensor_info input(const char *name, nnc_dtype dtype,
                      std::vector<int64_t> shape) {
  nnc_tensor_info info = {};
  info.name = name;
  info.dtype = dtype;
  info.rank = static_cast<int32_t>(shape.size());
  for (size_t d = 0; d < shape.size(); ++d)
    info.shape[d] = shape[d];
  return info;
}

TEST(Dataset, GathersRowsInIndexOrderAndZeroPads) {
  std::vector<float> data = {0, 1, 10, 11, 20, 21, 30, 31}; // 4 rows of 2
  std::vector<float> batch(6, -1.0f);                       // 3 rows of 2
  nnc_tensor from = tensorView(NNC_F32, {4, 2}, data.data());
  nnc_tensor to = tensorView(NNC_F32, {3, 2}, batch.data());
  const int64_t indices[] = {3, 0};
  gatherRows(from, indices, 2, &to);
  EXPECT_EQ(batch, (std::vector<float>{30, 31, 0, 1, 0, 0}));

  std::vector<int64_t> labels = {5, 6, 7, 8};
  std::vector<int64_t> labelBatch(2, -1);
  nnc_tensor fromLabels = tensorView(NNC_I64, {4}, labels.data());
  nnc_tensor toLabels = tensorView(NNC_I64, {2}, labelBatch.data());
  const int64_t two[] = {2, 1};
  gatherRows(fromLabels, two, 2, &toLabels);
  EXPECT_EQ(labelBatch, (std::vector<int64_t>{7, 6}));
}

TEST(Dataset, LoadsArraysOfExamplesForEachInput) {
  TempDir dir;
  writeNpy<float>(dir.path("x.npy"), NNC_F32, {5, 2},
                  {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  writeNpy<int64_t>(dir.path("y.npy"), NNC_I64, {5}, {0, 1, 0, 1, 0});
  Dataset data;
  // The batch size (3) does not constrain the number of examples.
  ASSERT_EQ(data.load({input("x", NNC_F32, {3, 2}), input("y", NNC_I64, {3})},
                      {{"y", dir.path("y.npy")}, {"x", dir.path("x.npy")}},
                      "--data"),
            NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(data.examples(), 5);
  EXPECT_EQ(data.array(0).dtype, NNC_F32);
  EXPECT_EQ(data.array(1).shape[0], 5);

  float xs[6];
  int64_t ys[3];
  std::vector<nnc_tensor> batch = {tensorView(NNC_F32, {3, 2}, xs),
                                   tensorView(NNC_I64, {3}, ys)};
  const int64_t indices[] = {4, 1, 2};
  data.gather(indices, 3, batch);
  EXPECT_EQ(xs[0], 8.0f);
  EXPECT_EQ(xs[3], 3.0f);
  EXPECT_EQ(ys[0], 0);
  EXPECT_EQ(ys[1], 1);
}

/// Loads `files` for inputs x [2, 3] f32 and y [2] i64, expecting `status`
/// with a message containing `fragment`.
void expectLoadError(const nnc::rt::NamedFiles &files,
                     const std::string &fragment,
                     nnc_status status = NNC_ERROR_INVALID_ARGUMENT) {
  Dataset data;
  EXPECT_EQ(data.load({input("x", NNC_F32, {2, 3}), input("y", NNC_I64, {2})},
                      files, "--data"),
            status);
  EXPECT_NE(std::string(nnc_last_error()).find(fragment), std::string::npos)
      << "message: " << nnc_last_error();
}

TEST(Dataset, RejectsDataThatDoesNotFitTheInputs) {
  TempDir dir;
  const std::string x = dir.path("x.npy"), y = dir.path("y.npy"),
                    y3 = dir.path("y3.npy"), xi = dir.path("xi.npy"),
                    x4 = dir.path("x4.npy"), empty = dir.path("empty.npy");
  writeNpy<float>(x, NNC_F32, {4, 3}, std::vector<float>(12, 0));
  writeNpy<int64_t>(y, NNC_I64, {4}, {0, 1, 2, 3});
  writeNpy<int64_t>(y3, NNC_I64, {3}, {0, 1, 2});
  writeNpy<int32_t>(xi, NNC_I32, {4, 3}, std::vector<int32_t>(12, 0));
  writeNpy<float>(x4, NNC_F32, {4, 4}, std::vector<float>(16, 0));
  writeNpy<float>(empty, NNC_F32, {0, 3}, {});
  expectLoadError({{"x", x}}, "missing --data y=FILE.npy (it takes: x f32 "
                              "2x3, y i64 2)");
  expectLoadError({{"x", x}, {"y", y}, {"z", y}},
                  "--data z: the model has no input 'z'");
  expectLoadError({{"x", x}, {"x", x}, {"y", y}}, "--data x is given twice");
  expectLoadError({{"x", xi}, {"y", y}},
                  "holds 4x3 (i32); examples of input 'x' (f32 2x3 per "
                  "batch) need Nx3 (f32)");
  expectLoadError({{"x", x4}, {"y", y}}, "need Nx3 (f32)");
  expectLoadError({{"x", x}, {"y", y3}},
                  "--data y has 3 examples but --data x has 4");
  expectLoadError({{"x", empty}, {"y", y}}, "holds no examples");
  expectLoadError({{"x", dir.path("none.npy")}, {"y", y}},
                  "--data x: " + dir.path("none.npy") + ": cannot open",
                  NNC_ERROR_IO);
}

} // namespace
