//===- RunCommand.h - `nnc run` ---------------------------------*- C++ -*-===//

#ifndef NNC_TOOLS_NNC_RUNCOMMAND_H
#define NNC_TOOLS_NNC_RUNCOMMAND_H

#include <string>
#include <vector>

namespace nnc {

/// Runs a model given as a .mlir source (compiled first), or as an
/// executable or shared library from `nnc compile`, with the command line of
/// compiled models. Returns the exit code.
int runCommand(const std::vector<std::string> &args);

} // namespace nnc

#endif // NNC_TOOLS_NNC_RUNCOMMAND_H
