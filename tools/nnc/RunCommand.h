//===- RunCommand.h - `nnc run` ---------------------------------*- C++ -*-===//

#ifndef NNC_TOOLS_NNC_RUNCOMMAND_H
#define NNC_TOOLS_NNC_RUNCOMMAND_H

#include <string>
#include <vector>

namespace nnc {

/// Runs a model given as a .mlir source (compiled first to a temporary
/// executable) or as an executable from `nnc compile`, passing the run
/// options on. Returns the process exit code.
int runCommand(const std::vector<std::string> &args);

} // namespace nnc

#endif // NNC_TOOLS_NNC_RUNCOMMAND_H
