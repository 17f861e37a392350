//===- WindowAttributes.h - ONNX window attributes -------------*- C++ -*-===//
//
// Conv, ConvTranspose and the pooling ops share ONNX's window attributes:
// strides and dilations (default 1), pads as begins then ends (default 0)
// or auto_pad (SAME_UPPER and SAME_LOWER pad so the output extent is
// ceil(in / stride), the odd pixel at the end or the beginning; VALID pads
// nothing). Read by ConvolutionConverters.cpp and PoolingConverters.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_WINDOWATTRIBUTES_H
#define NNC_FRONTENDS_ONNX_WINDOWATTRIBUTES_H

#include "frontends/onnx/NodeConverter.h"

namespace nnc::onnx_import {

/// The window of a Conv or pooling node with ONNX's defaults filled in.
struct Window {
  std::vector<int64_t> strides, pads, dilations;
};

/// Reads the window attributes of a node over `input` ([N, C, spatial...])
/// with `kernel`, failing with a message naming the attribute.
mlir::FailureOr<Window> readWindow(NodeContext &context,
                                   mlir::RankedTensorType input,
                                   llvm::ArrayRef<int64_t> kernel);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_WINDOWATTRIBUTES_H
