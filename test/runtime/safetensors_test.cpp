//===- test/runtime/safetensors_test.cpp - Tests of the safetensors reader ===//
//
// Well-formed images, and every way an image can be broken.
//
//===----------------------------------------------------------------------===//

#include "safetensors.h"
#include "test_util.h"

#include "nnc/runtime.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using nnc::rt::parseSafetensors;
using nnc::rt::SafetensorsIndex;
using nnc::test::floatBytes;
using nnc::test::makeSafetensors;
using nnc::test::makeSafetensorsRaw;

namespace {

/// Parses `image`, expecting NNC_ERROR_FORMAT with a message containing
/// `fragment`.
void expectFormatError(const std::vector<uint8_t> &image,
                       const std::string &fragment) {
  SafetensorsIndex index;
  EXPECT_EQ(parseSafetensors(image.data(), image.size(), "w.safetensors",
                             &index),
            NNC_ERROR_FORMAT);
  const std::string message = nnc_last_error();
  EXPECT_EQ(message.rfind("w.safetensors: ", 0), 0u) << message;
  EXPECT_NE(message.find(fragment), std::string::npos) << message;
}

TEST(Safetensors, IndexesTensors) {
  const std::vector<uint8_t> image = makeSafetensors(
      {{"a", "F32", {2, 2}, floatBytes({1, 2, 3, 4})},
       {"b", "I64", {}, std::vector<uint8_t>(8, 0)},
       {"c", "BOOL", {3}, {1, 0, 1}}},
      R"({"format":"pt"})");
  SafetensorsIndex index;
  ASSERT_EQ(parseSafetensors(image.data(), image.size(), "w", &index), NNC_OK)
      << nnc_last_error();
  ASSERT_EQ(index.tensors.size(), 3u);
  const nnc::rt::SafetensorsTensor *a = index.find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->dtype, "F32");
  EXPECT_EQ(a->shape, (std::vector<int64_t>{2, 2}));
  ASSERT_EQ(a->bytes, 16u);
  float values[4];
  std::memcpy(values, a->data, sizeof(values));
  EXPECT_EQ(values[3], 4.0f);
  EXPECT_TRUE(index.find("b")->shape.empty());
  EXPECT_EQ(index.find("c")->bytes, 3u);
  EXPECT_EQ(index.find("d"), nullptr);
}

TEST(Safetensors, AcceptsAnEmptyHeader) {
  const std::vector<uint8_t> image = makeSafetensorsRaw("{}", {});
  SafetensorsIndex index;
  EXPECT_EQ(parseSafetensors(image.data(), image.size(), "w", &index),
            NNC_OK);
  EXPECT_TRUE(index.tensors.empty());
}

TEST(Safetensors, TruncatedFilesAreNamed) {
  expectFormatError({1, 2, 3}, "truncated safetensors file: 3 bytes");
  std::vector<uint8_t> image =
      makeSafetensors({{"a", "F32", {2}, floatBytes({1, 2})}});
  // Cut inside the header.
  expectFormatError(std::vector<uint8_t>(image.begin(), image.begin() + 20),
                    "truncated safetensors file: the header needs");
  // Cut inside the data.
  image.resize(image.size() - 4);
  expectFormatError(image, "tensor 'a' has data_offsets [0, 8] past the end "
                           "of the data (4 bytes; truncated file?)");
}

TEST(Safetensors, RejectsImplausibleHeaderLengths) {
  std::vector<uint8_t> image(16, 0xff);
  expectFormatError(image, "is implausible");
}

TEST(Safetensors, RejectsOffsetsOutOfRange) {
  expectFormatError(
      makeSafetensorsRaw(
          R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
          floatBytes({1, 2})),
      "data_offsets [8, 12] past the end of the data (8 bytes");
  expectFormatError(
      makeSafetensorsRaw(
          R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}})",
          floatBytes({1, 2})),
      "run backwards");
  expectFormatError(
      makeSafetensorsRaw(
          R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}})",
          floatBytes({1})),
      "not non-negative integers");
}

TEST(Safetensors, RejectsSizesThatDisagreeWithTheShape) {
  expectFormatError(
      makeSafetensorsRaw(
          R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})",
          floatBytes({1, 2})),
      "holding 8 bytes, but its F32 shape needs 12");
}

TEST(Safetensors, RejectsMalformedEntries) {
  expectFormatError(makeSafetensorsRaw("[1, 2]", {}), "not a JSON object");
  expectFormatError(makeSafetensorsRaw("{\"a\": ", {}),
                    "bad safetensors header");
  expectFormatError(makeSafetensorsRaw(R"({"a": 3})", {}),
                    "tensor 'a' is not a JSON object");
  expectFormatError(
      makeSafetensorsRaw(R"({"a":{"shape":[1],"data_offsets":[0,4]}})",
                         floatBytes({1})),
      "no \"dtype\" string");
  expectFormatError(
      makeSafetensorsRaw(
          R"({"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}})",
          floatBytes({1})),
      "unknown dtype \"Q7\"");
  expectFormatError(
      makeSafetensorsRaw(
          R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})",
          floatBytes({1})),
      "shape entry");
  expectFormatError(
      makeSafetensorsRaw(R"({"a":{"dtype":"F32","shape":[1],
                              "data_offsets":[0]}})",
                         floatBytes({1})),
      "no \"data_offsets\" pair");
  expectFormatError(makeSafetensorsRaw(R"({"__metadata__":{"k":1}})", {}),
                    "\"__metadata__\" must map strings to strings");
}

} // namespace
