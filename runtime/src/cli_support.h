//===- runtime/src/cli_support.h - Shared pieces of the command lines -----===//
//
// What the model command line (model_cli.cpp) and the training command line
// (train_cli.cpp) share: error and usage-error printing, reading options and
// their values, tensor descriptions, the program's own path, argmax over
// logits and the timed runs of --bench.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_CLI_SUPPORT_H
#define NNC_RUNTIME_CLI_SUPPORT_H

#include "nnc/runtime.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace nnc::rt {

/// Exit codes of the command lines.
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
/// Untimed runs before --bench measures.
constexpr int kWarmupRuns = 3;

/// Prints `error: MESSAGE` to stderr and returns kExitError.
int printError(const std::string &message);

/// Prints a command line's usage for `program` to `stream`.
using UsagePrinter = void (*)(std::FILE *stream, const char *program);

/// Prints `error: MESSAGE`, then the usage, to stderr; returns kExitUsage.
int printUsageError(const std::string &message, UsagePrinter printUsage,
                    const char *program);

/// Reads the option at argv[*i] into `*name` and `*value`: one of `flags`,
/// as given (`*value` empty), or one of `valued` with its value, given as
/// `--name=VALUE` or as `--name VALUE` (then *i moves past the value).
/// False with `*error` set for an unknown argument or a missing value.
bool readOption(int argc, char **argv, int *i,
                std::initializer_list<const char *> flags,
                std::initializer_list<const char *> valued, std::string *name,
                std::string *value, std::string *error);

/// Parses the decimal integer `value` of option `flag` into `*out`, within
/// [min, max]; false with `*error` set otherwise.
bool parseCount(const std::string &flag, const std::string &value, long min,
                long max, long *out, std::string *error);

/// Appends the NAME=FILE `value` of option `flag` to `*into`; false with
/// `*error` set when it is not one.
bool parseNamedFile(const std::string &flag, const std::string &value,
                    std::vector<std::pair<std::string, std::string>> *into,
                    std::string *error);

/// `f32 8x64` (or `f32 scalar`) for one tensor description.
std::string typeAndShape(const nnc_tensor_info &info);

/// `x f32 8x64` for one tensor description.
std::string describe(const nnc_tensor_info &info);

/// `memory: arena 8192 bytes for 12608 bytes of intermediate tensors`, the
/// memory plan of the image `image` as its metadata states it; "" when the
/// metadata cannot be read.
std::string describeMemoryPlan(const nnc_model_image &image);

/// The path of this program: argv[0] when it names one, else the
/// executable the kernel ran.
std::string programPath(const char *argv0);

/// Element `i` of a float tensor as a double.
double floatAt(const nnc_tensor &tensor, int64_t i);

/// The column of the largest value in row `row` of a rank-2 float tensor.
int64_t argmaxRow(const nnc_tensor &tensor, int64_t row);

/// --bench: calls `run` kWarmupRuns times, then `runs` times timed, and
/// prints `latency_ms median=M min=M runs=N peak_rss_mib=P` for the timed
/// calls and this process's peak resident memory (where Linux reports it).
/// Returns the exit code: 0, or kExitError with the runtime's last error
/// printed when a call fails.
int benchmark(long runs, const std::function<nnc_status()> &run);

} // namespace nnc::rt

#endif // NNC_RUNTIME_CLI_SUPPORT_H
