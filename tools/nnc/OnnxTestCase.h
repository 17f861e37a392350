//===- OnnxTestCase.h - One ONNX backend test case ------------*- C++ -*-===//
//
// A case is a folder in the ONNX backend test layout: model.onnx,
// test_data_set_N/input_K.pb and output_K.pb (TensorProto; input K is the
// K-th graph input that is not an initializer), and for gradient checks
// grads/<initializer>.pb (the gradient of output 0 at test_data_set_0).
// Running one imports the model (shapes and bound values from data set 0),
// compiles it to a shared library, runs every data set and compares.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_ONNXTESTCASE_H
#define NNC_TOOLS_NNC_ONNXTESTCASE_H

#include "codegen/Compiler.h"
#include "tools/nnc/TensorComparison.h"

#include <string>

namespace nnc {

struct OnnxTestOptions {
  Target target = Target::Cpu;
  /// Also check grads/ where a case has it.
  bool gradient = false;
  Tolerance tolerance;
};

struct OnnxTestResult {
  enum class Outcome { Pass, Fail, Skip };
  Outcome outcome = Outcome::Fail;
  /// Why it failed or was skipped (one line).
  std::string reason;
};

/// Runs the case in folder `caseDir`, keeping its files in the existing
/// folder `workDir`. Errors the compiler prints to stderr land in the
/// reason, so stderr is redirected to `workDir`/stderr.txt for the call.
OnnxTestResult runOnnxTestCase(const std::string &caseDir,
                               const std::string &workDir,
                               const OnnxTestOptions &options);

} // namespace nnc

#endif // NNC_TOOLS_NNC_ONNXTESTCASE_H
