//===- runtime/src/cli_support.cpp - Shared pieces of the command lines ---===//

#include "cli_support.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nnc::rt {

int printError(const std::string &message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return kExitError;
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

void printLatency(std::vector<double> millis) {
  std::sort(millis.begin(), millis.end());
  const size_t n = millis.size();
  if (n == 0)
    return;
  const double median =
      n % 2 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
  std::printf("latency_ms median=%.3f min=%.3f runs=%zu", median, millis[0],
              n);
  const double peak = peakResidentMiB();
  if (peak >= 0)
    std::printf(" peak_rss_mib=%.1f", peak);
  std::printf("\n");
}

} // namespace nnc::rt
