//===- runtime/src/cli_support.h - Shared pieces of the command lines -----===//
//
// What the model command line (model_cli.cpp) and the training command line
// (train_cli.cpp) share: error printing, numeric option values, tensor
// descriptions, the program's own path, argmax over logits and the latency
// report of --bench.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_CLI_SUPPORT_H
#define NNC_RUNTIME_CLI_SUPPORT_H

#include "nnc/runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nnc::rt {

/// Exit codes of the command lines.
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
/// Untimed runs before --bench measures.
constexpr int kWarmupRuns = 3;

/// Prints `error: MESSAGE` to stderr and returns kExitError.
int printError(const std::string &message);

/// Parses the decimal integer `value` of option `flag` into `*out`, within
/// [min, max]; false with `*error` set otherwise.
bool parseCount(const std::string &flag, const std::string &value, long min,
                long max, long *out, std::string *error);

/// `f32 8x64` (or `f32 scalar`) for one tensor description.
std::string typeAndShape(const nnc_tensor_info &info);

/// `x f32 8x64` for one tensor description.
std::string describe(const nnc_tensor_info &info);

/// The path of this program: argv[0] when it names one, else the
/// executable the kernel ran.
std::string programPath(const char *argv0);

/// Element `i` of a float tensor as a double.
double floatAt(const nnc_tensor &tensor, int64_t i);

/// The column of the largest value in row `row` of a rank-2 float tensor.
int64_t argmaxRow(const nnc_tensor &tensor, int64_t row);

/// Prints `latency_ms median=M min=M runs=N peak_rss_mib=P` for the run
/// times in `millis` and this process's peak resident memory (where Linux
/// reports it).
void printLatency(std::vector<double> millis);

} // namespace nnc::rt

#endif // NNC_RUNTIME_CLI_SUPPORT_H
