//===- test/runtime/npy_test.cpp - Tests of the .npy reader and writer ----===//
//
// Round trips for every dtype and several ranks, files as NumPy writes them,
// and every malformed-file error.
//
//===----------------------------------------------------------------------===//

#include "nnc/runtime.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using nnc::test::TempDir;
using nnc::test::writeFile;

namespace {

/// The bytes of a version 1.0 .npy file with header dict `dict`, padded the
/// way NumPy pads it, followed by `data`.
std::vector<uint8_t> npyV1(const std::string &dict,
                           const std::vector<uint8_t> &data) {
  std::string header = dict;
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  std::vector<uint8_t> out(bytes.begin(), bytes.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

/// Reads `path`, expecting failure with `status` and a message containing
/// `fragment`.
void expectReadError(const std::string &path, nnc_status status,
                     const std::string &fragment) {
  nnc_tensor tensor = {};
  EXPECT_EQ(nnc_npy_read(path.c_str(), &tensor), status);
  EXPECT_NE(std::string(nnc_last_error()).find(fragment), std::string::npos)
      << "message: " << nnc_last_error();
  EXPECT_EQ(tensor.data, nullptr);
}

/// Writes a tensor of `dtype` and `shape` filled with a byte pattern, reads
/// it back, and compares.
void roundTrip(nnc_dtype dtype, std::vector<int64_t> shape) {
  TempDir dir;
  nnc_tensor tensor = {};
  tensor.dtype = dtype;
  tensor.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i)
    tensor.shape[i] = shape[i];
  ASSERT_EQ(nnc_tensor_alloc(&tensor), NNC_OK);
  auto *bytes = static_cast<uint8_t *>(tensor.data);
  for (size_t i = 0; i < nnc_tensor_nbytes(&tensor); ++i)
    bytes[i] = dtype == NNC_I1 ? i % 2 : static_cast<uint8_t>(i * 7 + 1);
  const std::string path = dir.path("t.npy");
  ASSERT_EQ(nnc_npy_write(path.c_str(), &tensor), NNC_OK) << nnc_last_error();

  nnc_tensor back = {};
  ASSERT_EQ(nnc_npy_read(path.c_str(), &back), NNC_OK) << nnc_last_error();
  EXPECT_EQ(back.dtype, dtype);
  ASSERT_EQ(back.rank, tensor.rank);
  for (int32_t i = 0; i < back.rank; ++i)
    EXPECT_EQ(back.shape[i], tensor.shape[i]);
  ASSERT_EQ(nnc_tensor_nbytes(&back), nnc_tensor_nbytes(&tensor));
  EXPECT_EQ(std::memcmp(back.data, tensor.data, nnc_tensor_nbytes(&tensor)),
            0);
  nnc_tensor_release(&back);
  nnc_tensor_release(&tensor);
}

TEST(Npy, RoundTripsEveryDtype) {
  roundTrip(NNC_F32, {2, 3});
  roundTrip(NNC_F64, {4});
  roundTrip(NNC_I1, {3, 1, 2});
  roundTrip(NNC_I8, {5});
  roundTrip(NNC_I32, {2, 2, 2, 2});
  roundTrip(NNC_I64, {1, 7});
}

TEST(Npy, RoundTripsScalarsAndEmptyArrays) {
  roundTrip(NNC_F32, {});
  roundTrip(NNC_I64, {0, 3});
}

TEST(Npy, WritesTheHeaderNumPyWrites) {
  TempDir dir;
  float values[6] = {0, 1, 2, 3, 4, 5};
  nnc_tensor tensor = {};
  tensor.dtype = NNC_F32;
  tensor.rank = 2;
  tensor.shape[0] = 2;
  tensor.shape[1] = 3;
  tensor.data = values;
  const std::string path = dir.path("t.npy");
  ASSERT_EQ(nnc_npy_write(path.c_str(), &tensor), NNC_OK);
  // np.save('t.npy', np.arange(6, dtype='<f4').reshape(2, 3))
  const std::vector<uint8_t> expected = npyV1(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
      nnc::test::floatBytes({0, 1, 2, 3, 4, 5}));
  std::FILE *file = std::fopen(path.c_str(), "rb");
  ASSERT_NE(file, nullptr);
  std::vector<uint8_t> written(expected.size() + 1);
  written.resize(std::fread(written.data(), 1, written.size(), file));
  std::fclose(file);
  EXPECT_EQ(written, expected);
}

TEST(Npy, ReadsVersion2Headers) {
  TempDir dir;
  const std::string dict =
      "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
  std::string header = dict;
  header.append((64 - (12 + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x02';
  bytes += '\x00';
  for (int i = 0; i < 4; ++i)
    bytes += static_cast<char>(header.size() >> (8 * i));
  bytes += header;
  const int64_t values[3] = {-1, 0, 1LL << 40};
  bytes.append(reinterpret_cast<const char *>(values), sizeof(values));
  writeFile(dir.path("v2.npy"), bytes);

  nnc_tensor tensor = {};
  ASSERT_EQ(nnc_npy_read(dir.path("v2.npy").c_str(), &tensor), NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(tensor.dtype, NNC_I64);
  ASSERT_EQ(tensor.rank, 1);
  EXPECT_EQ(tensor.shape[0], 3);
  EXPECT_EQ(static_cast<int64_t *>(tensor.data)[2], 1LL << 40);
  nnc_tensor_release(&tensor);
}

TEST(Npy, ReadsBoolsAndKeyOrderVariants) {
  TempDir dir;
  // Another writer may order keys differently and use double quotes.
  writeFile(dir.path("b.npy"),
            npyV1("{\"shape\": (2,), \"fortran_order\": False, "
                  "\"descr\": \"|b1\"}",
                  {1, 0}));
  nnc_tensor tensor = {};
  ASSERT_EQ(nnc_npy_read(dir.path("b.npy").c_str(), &tensor), NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(tensor.dtype, NNC_I1);
  EXPECT_EQ(static_cast<uint8_t *>(tensor.data)[0], 1);
  nnc_tensor_release(&tensor);
}

TEST(Npy, MissingFileIsAnIoError) {
  TempDir dir;
  expectReadError(dir.path("absent.npy"), NNC_ERROR_IO, "absent.npy");
}

TEST(Npy, BadMagicIsAFormatError) {
  TempDir dir;
  writeFile(dir.path("bad.npy"), std::string("PK\x03\x04 not numpy at all"));
  expectReadError(dir.path("bad.npy"), NNC_ERROR_FORMAT, "bad magic");
  writeFile(dir.path("empty.npy"), std::string());
  expectReadError(dir.path("empty.npy"), NNC_ERROR_FORMAT, "bad magic");
}

TEST(Npy, TruncatedHeaderIsAFormatError) {
  TempDir dir;
  std::vector<uint8_t> file = npyV1(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", {});
  file.resize(30);
  writeFile(dir.path("t.npy"), file);
  expectReadError(dir.path("t.npy"), NNC_ERROR_FORMAT,
                  "truncated .npy header");
}

TEST(Npy, TruncatedDataIsAFormatError) {
  TempDir dir;
  writeFile(dir.path("t.npy"),
            npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                  nnc::test::floatBytes({1, 2, 3})));
  expectReadError(dir.path("t.npy"), NNC_ERROR_FORMAT,
                  "truncated .npy data: expected 16 bytes for shape 4 (f32), "
                  "found 12");
}

TEST(Npy, TrailingBytesAreAFormatError) {
  TempDir dir;
  writeFile(dir.path("t.npy"),
            npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                  nnc::test::floatBytes({1, 2})));
  expectReadError(dir.path("t.npy"), NNC_ERROR_FORMAT, "unexpected bytes");
}

TEST(Npy, UnsupportedDtypesAreNamed) {
  TempDir dir;
  writeFile(dir.path("h.npy"),
            npyV1("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
                  {0, 0, 0, 0}));
  expectReadError(dir.path("h.npy"), NNC_ERROR_UNSUPPORTED,
                  "unsupported dtype '<f2' (nnc reads <f4, <f8, |b1, |i1, "
                  "<i4, <i8)");
  writeFile(dir.path("be.npy"),
            npyV1("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }",
                  {0, 0, 0, 0}));
  expectReadError(dir.path("be.npy"), NNC_ERROR_UNSUPPORTED,
                  "unsupported dtype '>f4'");
}

TEST(Npy, FortranOrderIsUnsupported) {
  TempDir dir;
  writeFile(dir.path("f.npy"),
            npyV1("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }",
                  {0, 0, 0, 0}));
  expectReadError(dir.path("f.npy"), NNC_ERROR_UNSUPPORTED, "Fortran-order");
}

TEST(Npy, MalformedHeadersAreFormatErrors) {
  TempDir dir;
  writeFile(dir.path("a.npy"),
            npyV1("{'descr': '<f4', 'shape': (1,), }", {0, 0, 0, 0}));
  expectReadError(dir.path("a.npy"), NNC_ERROR_FORMAT, "missing");
  writeFile(dir.path("b.npy"),
            npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (1, "
                  "-2), }",
                  {}));
  expectReadError(dir.path("b.npy"), NNC_ERROR_FORMAT, "bad .npy header");
  writeFile(dir.path("c.npy"),
            npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,1,1,"
                  "1,1,1,1,1,1), }",
                  {0, 0, 0, 0}));
  expectReadError(dir.path("c.npy"), NNC_ERROR_FORMAT, "rank above 8");
}

TEST(Npy, UnknownVersionIsUnsupported) {
  TempDir dir;
  std::vector<uint8_t> file = npyV1(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
      {0, 0, 0, 0});
  file[6] = 9;
  writeFile(dir.path("v9.npy"), file);
  expectReadError(dir.path("v9.npy"), NNC_ERROR_UNSUPPORTED,
                  "unsupported .npy version 9.0");
}

TEST(Npy, WriteErrorsAreReported) {
  nnc_tensor tensor = {};
  tensor.dtype = NNC_F32;
  tensor.rank = 1;
  tensor.shape[0] = 2;
  EXPECT_EQ(nnc_npy_write("/nonexistent-dir/x.npy", &tensor),
            NNC_ERROR_INVALID_ARGUMENT); // null data is checked first
  float values[2] = {1, 2};
  tensor.data = values;
  EXPECT_EQ(nnc_npy_write("/nonexistent-dir/x.npy", &tensor), NNC_ERROR_IO);
  EXPECT_NE(std::string(nnc_last_error()).find("cannot create"),
            std::string::npos);
}

} // namespace
