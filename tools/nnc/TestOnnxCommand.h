//===- TestOnnxCommand.h - `nnc test-onnx` ---------------------*- C++ -*-===//
//
// Runs ONNX backend test cases (see OnnxTestCase.h) and prints one line per
// case and a count.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_TESTONNXCOMMAND_H
#define NNC_TOOLS_NNC_TESTONNXCOMMAND_H

#include <string>
#include <vector>

namespace nnc {

/// `nnc test-onnx [options] DIR...` (args without the command); returns the
/// exit code: 0 when no case failed, 1 otherwise, 2 for a usage error.
int testOnnxCommand(const std::vector<std::string> &args);

} // namespace nnc

#endif // NNC_TOOLS_NNC_TESTONNXCOMMAND_H
