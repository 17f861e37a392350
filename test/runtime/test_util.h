//===- test/runtime/test_util.h - Helpers for the runtime's unit tests ----===//
//
// Temporary directories, files of bytes, pseudo-random values, tensors over
// test memory, hand-built safetensors images, and running the example
// programs as child processes.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TEST_RUNTIME_TEST_UTIL_H
#define NNC_TEST_RUNTIME_TEST_UTIL_H

#include "nnc/runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nnc::test {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  /// `dir/name`.
  std::string path(const std::string &name) const;

private:
  std::string dir_;
};

/// Writes `bytes` (or `text`) to `path`; fails the current test on error.
void writeFile(const std::string &path, const std::vector<uint8_t> &bytes);
void writeFile(const std::string &path, const std::string &text);

/// `count` deterministic values in [-1, 1), a different sequence per
/// `seed`.
std::vector<float> pseudoRandom(size_t count, uint32_t seed);

/// A tensor of `dtype` and `shape` over `data` (not copied).
nnc_tensor tensorView(nnc_dtype dtype, const std::vector<int64_t> &shape,
                      void *data);

/// One tensor of a hand-built safetensors image.
struct TestTensor {
  std::string name;
  std::string dtype;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;
};

/// The bytes of `values`, as stored in memory (little-endian here).
std::vector<uint8_t> floatBytes(const std::vector<float> &values);

/// A safetensors image of `tensors` laid out back to back, the header padded
/// with spaces to 8 bytes as the Python writers do. `metadata`, when not
/// empty, is the raw JSON of a "__metadata__" entry.
std::vector<uint8_t> makeSafetensors(const std::vector<TestTensor> &tensors,
                                     const std::string &metadata = "");

/// A safetensors image with a hand-written JSON header and raw data.
std::vector<uint8_t> makeSafetensorsRaw(const std::string &header,
                                        const std::vector<uint8_t> &data);

/// Copies the program or library `from` to `to`, keeping it executable.
void copyProgram(const std::string &from, const std::string &to);

/// What a child process did.
struct CommandResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

/// Runs `argv` (no shell interpretation of the arguments) with stdout and
/// stderr captured.
CommandResult runCommand(const std::vector<std::string> &argv);

} // namespace nnc::test

#endif // NNC_TEST_RUNTIME_TEST_UTIL_H
