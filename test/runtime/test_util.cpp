//===- test/runtime/test_util.cpp - Helpers for the runtime's unit tests --===//
//
// Implementations of test_util.h on POSIX calls (the tests build without
// exceptions, so no throwing std::filesystem calls).
//
//===----------------------------------------------------------------------===//

#include "test_util.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nnc::test {

TempDir::TempDir() {
  const char *base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") +
                        "/nnc-runtime-test-XXXXXX";
  if (mkdtemp(pattern.data()))
    dir_ = pattern;
  else
    ADD_FAILURE() << "mkdtemp failed: " << std::strerror(errno);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string TempDir::path(const std::string &name) const {
  return dir_ + "/" + name;
}

void writeFile(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::FILE *file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr) << path;
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), file), bytes.size());
  ASSERT_EQ(std::fclose(file), 0);
}

void writeFile(const std::string &path, const std::string &text) {
  writeFile(path, std::vector<uint8_t>(text.begin(), text.end()));
}

std::vector<float> pseudoRandom(size_t count, uint32_t seed) {
  std::vector<float> values(count);
  uint32_t state = seed;
  for (float &value : values) {
    state = state * 1664525u + 1013904223u;
    value = static_cast<float>(state >> 8) / float(1 << 23) - 1.0f;
  }
  return values;
}

nnc_tensor tensorView(nnc_dtype dtype, const std::vector<int64_t> &shape,
                      void *data) {
  nnc_tensor tensor = {};
  tensor.dtype = dtype;
  tensor.rank = static_cast<int32_t>(shape.size());
  for (size_t d = 0; d < shape.size(); ++d)
    tensor.shape[d] = shape[d];
  tensor.data = data;
  return tensor;
}

std::vector<uint8_t> floatBytes(const std::vector<float> &values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(float));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<uint8_t> makeSafetensorsRaw(const std::string &header,
                                        const std::vector<uint8_t> &data) {
  std::string padded = header;
  padded.append((8 - padded.size() % 8) % 8, ' ');
  std::vector<uint8_t> image;
  image.reserve(8 + padded.size() + data.size());
  for (int i = 0; i < 8; ++i)
    image.push_back(static_cast<uint8_t>(uint64_t(padded.size()) >> (8 * i)));
  image.insert(image.end(), padded.begin(), padded.end());
  image.insert(image.end(), data.begin(), data.end());
  return image;
}

std::vector<uint8_t> makeSafetensors(const std::vector<TestTensor> &tensors,
                                     const std::string &metadata) {
  std::ostringstream header;
  std::vector<uint8_t> data;
  header << "{";
  bool first = true;
  if (!metadata.empty()) {
    header << "\"__metadata__\":" << metadata;
    first = false;
  }
  for (const TestTensor &tensor : tensors) {
    header << (first ? "" : ",") << "\"" << tensor.name << "\":{\"dtype\":\""
           << tensor.dtype << "\",\"shape\":[";
    for (size_t i = 0; i < tensor.shape.size(); ++i)
      header << (i ? "," : "") << tensor.shape[i];
    header << "],\"data_offsets\":[" << data.size() << ","
           << data.size() + tensor.bytes.size() << "]}";
    data.insert(data.end(), tensor.bytes.begin(), tensor.bytes.end());
    first = false;
  }
  header << "}";
  return makeSafetensorsRaw(header.str(), data);
}

void copyProgram(const std::string &from, const std::string &to) {
  std::error_code error;
  std::filesystem::copy_file(from, to, error);
  ASSERT_FALSE(error) << "copying " << from << ": " << error.message();
  std::filesystem::permissions(to, std::filesystem::perms::owner_all, error);
  ASSERT_FALSE(error) << to << ": " << error.message();
}

CommandResult runCommand(const std::vector<std::string> &argv) {
  CommandResult result;
  TempDir capture;
  const std::string outPath = capture.path("stdout");
  const std::string errPath = capture.path("stderr");
  const pid_t child = fork();
  if (child == 0) {
    const int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char *> args;
    for (const std::string &arg : argv)
      args.push_back(const_cast<char *>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  std::ifstream outFile(outPath), errFile(errPath);
  std::stringstream out, err;
  out << outFile.rdbuf();
  err << errFile.rdbuf();
  result.out = out.str();
  result.err = err.str();
  return result;
}

} // namespace nnc::test
