//===- runtime/src/cli_support.cpp - Shared pieces of the command lines ---===//

#include "cli_support.h"
#include "metadata.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nnc::rt {

int printError(const std::string &message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return kExitError;
}

int printUsageError(const std::string &message, UsagePrinter printUsage,
                    const char *program) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  printUsage(stderr, program);
  return kExitUsage;
}

/// Whether `arg` is one of `options`.
static bool isOneOf(const std::string &arg,
                    std::initializer_list<const char *> options) {
  return std::any_of(options.begin(), options.end(),
                     [&](const char *option) { return arg == option; });
}

bool readOption(int argc, char **argv, int *i,
                std::initializer_list<const char *> flags,
                std::initializer_list<const char *> valued, std::string *name,
                std::string *value, std::string *error) {
  *name = argv[*i];
  value->clear();
  if (isOneOf(*name, flags))
    return true;
  const size_t equals = name->find('=');
  const bool inlineValue =
      name->rfind("--", 0) == 0 && equals != std::string::npos;
  if (inlineValue) {
    *value = name->substr(equals + 1);
    name->resize(equals);
  }
  if (!isOneOf(*name, valued)) {
    *error = "unknown argument '" + std::string(argv[*i]) + "'";
    return false;
  }
  if (!inlineValue) {
    if (*i + 1 >= argc) {
      *error = *name + " needs a value";
      return false;
    }
    *value = argv[++*i];
  }
  return true;
}

bool parseCount(const std::string &flag, const std::string &value, long min,
                long max, long *out, std::string *error) {
  char *end = nullptr;
  errno = 0;
  const long parsed = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || errno != 0 || parsed < min ||
      parsed > max) {
    *error = flag + " takes a whole number from " + std::to_string(min) +
             " to " + std::to_string(max) + ", got '" + value + "'";
    return false;
  }
  *out = parsed;
  return true;
}

bool parseNamedFile(const std::string &flag, const std::string &value,
                    std::vector<std::pair<std::string, std::string>> *into,
                    std::string *error) {
  const size_t split = value.find('=');
  if (split == std::string::npos || split == 0) {
    *error = flag + " takes NAME=FILE.npy, got '" + value + "'";
    return false;
  }
  into->emplace_back(value.substr(0, split), value.substr(split + 1));
  return true;
}

std::string typeAndShape(const nnc_tensor_info &info) {
  std::string text = std::string(nnc_dtype_name(info.dtype)) + " ";
  if (info.rank == 0)
    return text + "scalar";
  for (int32_t d = 0; d < info.rank; ++d)
    text += (d ? "x" : "") + std::to_string(info.shape[d]);
  return text;
}

std::string describe(const nnc_tensor_info &info) {
  return std::string(info.name) + " " + typeAndShape(info);
}

std::string describeMemoryPlan(const nnc_model_image &image) {
  ModelMetadata metadata;
  if (parseMetadata(image.metadata, &metadata) != NNC_OK)
    return "";
  return "memory: arena " + std::to_string(metadata.arenaBytes) +
         " bytes for " + std::to_string(metadata.intermediateBytes) +
         " bytes of intermediate tensors";
}

std::string programPath(const char *argv0) {
  if (std::strchr(argv0, '/'))
    return argv0;
  char buffer[4096];
  const ssize_t length = readlink("/proc/self/exe", buffer, sizeof(buffer));
  if (length <= 0 || static_cast<size_t>(length) >= sizeof(buffer))
    return argv0;
  return std::string(buffer, static_cast<size_t>(length));
}

double floatAt(const nnc_tensor &tensor, int64_t i) {
  if (tensor.dtype == NNC_F64)
    return static_cast<const double *>(tensor.data)[i];
  return static_cast<const float *>(tensor.data)[i];
}

int64_t argmaxRow(const nnc_tensor &tensor, int64_t row) {
  const int64_t columns = tensor.shape[1];
  int64_t best = 0;
  for (int64_t col = 1; col < columns; ++col)
    if (floatAt(tensor, row * columns + col) >
        floatAt(tensor, row * columns + best))
      best = col;
  return best;
}

/// The process's peak resident memory in MiB (Linux's VmHWM), or -1 where
/// /proc does not tell. It belongs to this program alone: exec starts a
/// fresh high-water mark, unlike the wait4 figure of a forked child, which
/// keeps the parent's.
static double peakResidentMiB() {
  FILE *status = std::fopen("/proc/self/status", "r");
  if (!status)
    return -1;
  char line[256];
  long kib = -1;
  while (std::fgets(line, sizeof line, status))
    if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1)
      break;
  std::fclose(status);
  return kib < 0 ? -1 : kib / 1024.0;
}

/// Prints the latency line of --bench for the run times in `millis`.
static void printLatency(std::vector<double> millis) {
  std::sort(millis.begin(), millis.end());
  const size_t n = millis.size();
  if (n == 0)
    return;
  const double median =
      n % 2 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
  std::printf("latency_ms median=%.6f min=%.6f runs=%zu", median, millis[0],
              n);
  const double peak = peakResidentMiB();
  if (peak >= 0)
    std::printf(" peak_rss_mib=%.1f", peak);
  std::printf("\n");
}

int benchmark(long runs, const std::function<nnc_status()> &run) {
  std::vector<double> millis;
  for (long i = 0; i < runs + kWarmupRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (run() != NNC_OK)
      return printError(nnc_last_error());
    const auto stop = std::chrono::steady_clock::now();
    if (i >= kWarmupRuns)
      millis.push_back(
          std::chrono::duration<double, std::milli>(stop - start).count());
  }
  printLatency(std::move(millis));
  return 0;
}

} // namespace nnc::rt
