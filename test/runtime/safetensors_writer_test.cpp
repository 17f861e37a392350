//===- test/runtime/safetensors_writer_test.cpp - The safetensors writer --===//
//
// Files the runtime writes read back through the runtime's own reader (and
// its checks), with names that need JSON escaping; and the writer's errors.
//
//===----------------------------------------------------------------------===//

#include "safetensors.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using nnc::rt::parseSafetensors;
using nnc::rt::SafetensorsIndex;
using nnc::rt::SafetensorsTensor;
using nnc::rt::writeSafetensors;
using nnc::test::TempDir;

namespace {

/// A tensor to write over `bytes` bytes at `data`.
SafetensorsTensor tensor(const std::string &name, const std::string &dtype,
                         std::vector<int64_t> shape, const void *data,
                         uint64_t bytes) {
  SafetensorsTensor t;
  t.name = name;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.data = static_cast<const uint8_t *>(data);
  t.bytes = bytes;
  return t;
}

/// The bytes of the file at `path`.
std::vector<uint8_t> readBytes(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(file), {});
}

TEST(SafetensorsWriter, WritesWhatTheReaderReadsBack) {
  TempDir dir;
  const float weight[6] = {1, 2, 3, 4, 5, 6};
  const double scalar = 0.25;
  const int64_t counts[3] = {7, 8, 9};
  const std::string path = dir.path("w.safetensors");
  ASSERT_EQ(writeSafetensors(
                path, {tensor("fc1.weight", "F32", {2, 3}, weight, 24),
                       tensor("odd \"name\"\\\n", "F64", {}, &scalar, 8),
                       tensor("counts", "I64", {3}, counts, 24),
                       tensor("empty", "F32", {0, 4}, nullptr, 0)}),
            NNC_OK)
      << nnc_last_error();
  const std::vector<uint8_t> bytes = readBytes(path);
  uint64_t headerLength = 0;
  std::memcpy(&headerLength, bytes.data(), 8);
  EXPECT_EQ(headerLength % 8, 0u) << "the header is padded to 8 bytes";

  SafetensorsIndex index;
  ASSERT_EQ(parseSafetensors(bytes.data(), bytes.size(), path, &index), NNC_OK)
      << nnc_last_error();
  ASSERT_EQ(index.tensors.size(), 4u);
  EXPECT_EQ(index.tensors[0].name, "fc1.weight");
  EXPECT_EQ(index.tensors[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(std::memcmp(index.tensors[0].data, weight, 24), 0);
  const SafetensorsTensor *odd = index.find("odd \"name\"\\\n");
  ASSERT_NE(odd, nullptr);
  EXPECT_EQ(odd->dtype, "F64");
  EXPECT_TRUE(odd->shape.empty());
  double back = 0;
  std::memcpy(&back, odd->data, 8);
  EXPECT_EQ(back, 0.25);
  EXPECT_EQ(std::memcmp(index.find("counts")->data, counts, 24), 0);
  EXPECT_EQ(index.find("empty")->bytes, 0u);
}

TEST(SafetensorsWriter, ReportsErrors) {
  TempDir dir;
  const float values[2] = {1, 2};
  EXPECT_EQ(writeSafetensors(dir.path("w.safetensors"),
                             {tensor("w", "F32", {3}, values, 8)}),
            NNC_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error())
                .find("tensor 'w' has 8 bytes, not what its F32 shape needs"),
            std::string::npos)
      << nnc_last_error();
  EXPECT_EQ(writeSafetensors(dir.path("no/such/dir/w.safetensors"),
                             {tensor("w", "F32", {2}, values, 8)}),
            NNC_ERROR_IO);
  EXPECT_NE(std::string(nnc_last_error()).find("cannot create"),
            std::string::npos)
      << nnc_last_error();
}

} // namespace
