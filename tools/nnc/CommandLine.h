//===- CommandLine.h - Option parsing shared by nnc's commands -*- C++ -*-===//
//
// The `--key=value` / `--key value` options of `nnc compile`, `nnc import`
// and `nnc test-onnx`.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_COMMANDLINE_H
#define NNC_TOOLS_NNC_COMMANDLINE_H

#include <string>
#include <vector>

namespace nnc {

/// Splits `--key=value` and `--key value` forms; returns the value of `key`
/// if `args[i]` is that option (advancing `i` past a separate value).
bool takeValue(const std::vector<std::string> &args, size_t &i,
               const std::string &key, std::string &value);

/// Takes `--NAME=X` or `--NAME X` at `args[i]` into `field` when `name` is
/// that option; `error` gets a message when X is not a finite number.
bool takeNumber(const std::vector<std::string> &args, size_t &i,
                const char *name, double *field, std::string &error);

} // namespace nnc

#endif // NNC_TOOLS_NNC_COMMANDLINE_H
