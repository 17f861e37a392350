//===- SafetensorsWriter.h - Initializers to a safetensors file -*- C++ -*-===//
//
// Writes the initializers an imported model uses as parameters to the
// safetensors file beside its .mlir, in their element types (F32, F64, F16,
// BF16), in argument order. The
// runtime's writer (runtime/src) is internal to the runtime, which the
// frontends do not depend on, so this small writer lives here.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_SAFETENSORSWRITER_H
#define NNC_FRONTENDS_ONNX_SAFETENSORSWRITER_H

#include "frontends/onnx/NodeConverter.h"

#include <string>
#include <utility>
#include <vector>

namespace nnc::onnx_import {

/// Writes `tensors` (name, floating-point data) to `path`; false with `*error`
/// set when the file cannot be written.
bool writeSafetensors(
    const std::string &path,
    const std::vector<std::pair<std::string, const ConstantTensor *>> &tensors,
    std::string *error);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_SAFETENSORSWRITER_H
