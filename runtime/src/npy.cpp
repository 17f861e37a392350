//===- runtime/src/npy.cpp - .npy reader and writer -----------------------===//
//
// NumPy's .npy format: the magic "\x93NUMPY", a version byte pair, the length
// of a header (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0),
// the header itself, a Python dict literal such as
//
//   {'descr': '<f4', 'fortran_order': False, 'shape': (8, 64), }
//
// padded with spaces and a newline, then the raw array data. nnc reads and
// writes little-endian C-order arrays of its six dtypes.
//
//===----------------------------------------------------------------------===//

#include "status.h"
#include "tensor.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

using namespace nnc::rt;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// numpy pads the preamble and header to a multiple of this.
constexpr size_t kHeaderAlignment = 64;
/// Longest header accepted; real ones are under 200 bytes.
constexpr size_t kMaxHeaderLength = 1 << 20;

/// A .npy descr string and the dtype it stands for.
struct DescrName {
  const char *descr;
  nnc_dtype dtype;
};

constexpr DescrName kDescrs[] = {
    {"<f4", NNC_F32}, {"<f8", NNC_F64}, {"|b1", NNC_I1},
    {"|i1", NNC_I8},  {"<i4", NNC_I32}, {"<i8", NNC_I64},
};

/// What a .npy header says about its array.
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  int32_t rank = 0;
  int64_t shape[NNC_MAX_RANK] = {};
};

/// A recursive-descent reader of the header's dict literal. Errors are
/// plain sentences, completed into messages by the caller.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  /// Parses the whole header into `header`; false with `error()` set if it
  /// is not one.
  bool parse(NpyHeader *header) {
    bool sawDescr = false, sawOrder = false, sawShape = false;
    skipSpace();
    if (!consume('{'))
      return failWith("expected '{'");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(&key))
        return false;
      skipSpace();
      if (!consume(':'))
        return failWith("expected ':' after '" + key + "'");
      skipSpace();
      if (key == "descr") {
        if (!parseString(&header->descr))
          return false;
        sawDescr = true;
      } else if (key == "fortran_order") {
        if (!parseBool(&header->fortranOrder))
          return false;
        sawOrder = true;
      } else if (key == "shape") {
        if (!parseShape(header))
          return false;
        sawShape = true;
      } else {
        return failWith("unexpected key '" + key + "'");
      }
      skipSpace();
      if (consume(','))
        continue;
      if (consume('}'))
        break;
      return failWith("expected ',' or '}'");
    }
    skipSpace();
    if (pos_ != text_.size())
      return failWith("unexpected text after the dict");
    if (!sawDescr || !sawOrder || !sawShape)
      return failWith("missing 'descr', 'fortran_order' or 'shape'");
    return true;
  }

  const std::string &error() const { return error_; }

private:
  bool failWith(std::string message) {
    error_ = std::move(message);
    return false;
  }

  void skipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t'))
      ++pos_;
  }

  bool consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool consumeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      return false;
    pos_ += word.size();
    return true;
  }

  /// A Python string literal in single or double quotes, without escapes.
  bool parseString(std::string *out) {
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      return failWith("expected a quoted string");
    const char quote = text_[pos_++];
    const size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos)
      return failWith("unterminated string");
    *out = std::string(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return true;
  }

  bool parseBool(bool *out) {
    if (consumeWord("True")) {
      *out = true;
      return true;
    }
    if (consumeWord("False")) {
      *out = false;
      return true;
    }
    return failWith("expected True or False");
  }

  /// A tuple of non-negative integers: `()`, `(3,)`, `(2, 3)`.
  bool parseShape(NpyHeader *header) {
    if (!consume('('))
      return failWith("expected '(' to start the shape");
    header->rank = 0;
    while (true) {
      skipSpace();
      if (consume(')'))
        return true;
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9')
        return failWith("expected a non-negative integer in the shape");
      int64_t extent = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        const int digit = text_[pos_++] - '0';
        if (extent > (INT64_MAX - digit) / 10)
          return failWith("shape extent too large");
        extent = extent * 10 + digit;
      }
      if (header->rank == NNC_MAX_RANK)
        return failWith("rank above " + std::to_string(NNC_MAX_RANK));
      header->shape[header->rank++] = extent;
      skipSpace();
      if (consume(')'))
        return true;
      if (!consume(','))
        return failWith("expected ',' or ')' in the shape");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

/// Closes a FILE when it goes out of scope.
struct FileCloser {
  void operator()(std::FILE *file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

/// The list of descrs nnc reads, for error messages.
std::string supportedDescrs() {
  std::string list;
  for (const DescrName &entry : kDescrs) {
    if (!list.empty())
      list += ", ";
    list += entry.descr;
  }
  return list;
}

/// The header dict numpy writes for a tensor of this dtype and shape.
std::string headerDict(nnc_dtype dtype, int32_t rank, const int64_t *shape) {
  const char *descr = "";
  for (const DescrName &entry : kDescrs)
    if (entry.dtype == dtype)
      descr = entry.descr;
  std::string shapeText = "(";
  for (int32_t i = 0; i < rank; ++i) {
    if (i > 0)
      shapeText += ", ";
    shapeText += std::to_string(shape[i]);
  }
  if (rank == 1)
    shapeText += ",";
  shapeText += ")";
  return std::string("{'descr': '") + descr +
         "', 'fortran_order': False, 'shape': " + shapeText + ", }";
}

} // namespace

extern "C" nnc_status nnc_npy_read(const char *path, nnc_tensor *out) {
  if (!path || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_npy_read: null argument");
  const std::string name = path;
  FilePtr file(std::fopen(path, "rb"));
  if (!file)
    return fail(NNC_ERROR_IO,
                name + ": cannot open: " + std::strerror(errno));

  unsigned char preamble[kMagicSize + 2];
  const size_t got = std::fread(preamble, 1, sizeof(preamble), file.get());
  if (got < kMagicSize || std::memcmp(preamble, kMagic, kMagicSize) != 0)
    return fail(NNC_ERROR_FORMAT, name + ": not a .npy file (bad magic)");
  if (got < sizeof(preamble))
    return fail(NNC_ERROR_FORMAT, name + ": truncated .npy header");
  const unsigned major = preamble[kMagicSize], minor = preamble[kMagicSize + 1];
  if (major < 1 || major > 3)
    return fail(NNC_ERROR_UNSUPPORTED,
                name + ": unsupported .npy version " + std::to_string(major) +
                    "." + std::to_string(minor));
  const size_t lengthBytes = major == 1 ? 2 : 4;
  unsigned char lengthField[4] = {};
  if (std::fread(lengthField, 1, lengthBytes, file.get()) != lengthBytes)
    return fail(NNC_ERROR_FORMAT, name + ": truncated .npy header");
  size_t headerLength = 0;
  for (size_t i = lengthBytes; i-- > 0;)
    headerLength = headerLength << 8 | lengthField[i];
  if (headerLength > kMaxHeaderLength)
    return fail(NNC_ERROR_FORMAT, name + ": implausible .npy header length " +
                                      std::to_string(headerLength));
  std::string headerText(headerLength, '\0');
  if (std::fread(headerText.data(), 1, headerLength, file.get()) !=
      headerLength)
    return fail(NNC_ERROR_FORMAT, name + ": truncated .npy header");

  NpyHeader header;
  HeaderParser parser(headerText);
  if (!parser.parse(&header))
    return fail(NNC_ERROR_FORMAT,
                name + ": bad .npy header: " + parser.error());
  nnc_dtype dtype = NNC_F32;
  bool known = false;
  for (const DescrName &entry : kDescrs) {
    if (header.descr == entry.descr) {
      dtype = entry.dtype;
      known = true;
    }
  }
  if (!known)
    return fail(NNC_ERROR_UNSUPPORTED,
                name + ": unsupported dtype '" + header.descr +
                    "' (nnc reads " + supportedDescrs() + ")");
  if (header.fortranOrder)
    return fail(NNC_ERROR_UNSUPPORTED,
                name + ": Fortran-order arrays are not supported (save a "
                       "C-contiguous array)");

  nnc_tensor tensor = {};
  tensor.dtype = dtype;
  tensor.rank = header.rank;
  std::memcpy(tensor.shape, header.shape, sizeof(header.shape));
  nnc_status status = nnc_tensor_alloc(&tensor);
  if (status != NNC_OK)
    return fail(status, name + ": " + nnc_last_error());
  const size_t bytes = nnc_tensor_nbytes(&tensor);
  const size_t read = std::fread(tensor.data, 1, bytes, file.get());
  if (read != bytes) {
    nnc_tensor_release(&tensor);
    return fail(NNC_ERROR_FORMAT,
                name + ": truncated .npy data: expected " +
                    std::to_string(bytes) + " bytes for shape " +
                    describe(dtype, header.rank, header.shape) + ", found " +
                    std::to_string(read));
  }
  if (std::fgetc(file.get()) != EOF) {
    nnc_tensor_release(&tensor);
    return fail(NNC_ERROR_FORMAT,
                name + ": unexpected bytes after the array data of shape " +
                    describe(dtype, header.rank, header.shape));
  }
  *out = tensor;
  return NNC_OK;
}

extern "C" nnc_status nnc_npy_write(const char *path,
                                    const nnc_tensor *tensor) {
  if (!path || !tensor)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_npy_write: null argument");
  const std::string name = path;
  if (!isValidDtype(tensor->dtype) || tensor->rank < 0 ||
      tensor->rank > NNC_MAX_RANK)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                name + ": cannot write an invalid tensor (dtype " +
                    std::to_string(static_cast<int>(tensor->dtype)) +
                    ", rank " + std::to_string(tensor->rank) + ")");
  int64_t count = 0;
  if (!countElements(tensor->rank, tensor->shape, &count))
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                name + ": cannot write a tensor of invalid shape " +
                    formatShape(tensor->rank, tensor->shape));
  const size_t bytes = nnc_tensor_nbytes(tensor);
  if (bytes > 0 && !tensor->data)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                name + ": cannot write a tensor with null data");

  // Version 1.0: the preamble is magic, version and a 2-byte length; the
  // header is padded with spaces to end, with a newline, on the alignment.
  std::string header = headerDict(tensor->dtype, tensor->rank, tensor->shape);
  const size_t preambleSize = kMagicSize + 2 + 2;
  const size_t unpadded = preambleSize + header.size() + 1;
  header.append((kHeaderAlignment - unpadded % kHeaderAlignment) %
                    kHeaderAlignment,
                ' ');
  header += '\n';
  std::string preamble(kMagic, kMagicSize);
  preamble += '\x01';
  preamble += '\x00';
  preamble += static_cast<char>(header.size() & 0xff);
  preamble += static_cast<char>(header.size() >> 8);

  FilePtr file(std::fopen(path, "wb"));
  if (!file)
    return fail(NNC_ERROR_IO,
                name + ": cannot create: " + std::strerror(errno));
  bool ok = std::fwrite(preamble.data(), 1, preamble.size(), file.get()) ==
                preamble.size() &&
            std::fwrite(header.data(), 1, header.size(), file.get()) ==
                header.size() &&
            std::fwrite(tensor->data, 1, bytes, file.get()) == bytes;
  ok = std::fclose(file.release()) == 0 && ok;
  if (!ok)
    return fail(NNC_ERROR_IO, name + ": write failed: " + std::strerror(errno));
  return NNC_OK;
}
