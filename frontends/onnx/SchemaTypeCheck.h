//===- SchemaTypeCheck.h - Node inputs against ONNX's op schemas -*- C++
//-*-===//
//
// Checks a node's inputs against the operator schema ONNX itself publishes
// (Debian's libonnx: onnx::OpSchemaRegistry) before any converter reads
// them: how many inputs there are, that every required one is given, that
// each has an element type its formal parameter allows, and that inputs
// sharing a type parameter ("T") share an element type. A malformed model
// then gets an error naming the input, instead of reaching a converter that
// builds nn ops from types they cannot take.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_SCHEMATYPECHECK_H
#define NNC_FRONTENDS_ONNX_SCHEMATYPECHECK_H

#include "frontends/onnx/NodeConverter.h"

namespace nnc::onnx_import {

/// Fails (through `context.fail`) when the node's inputs break its schema
/// at the model's opset. Nodes of an op or opset that libonnx has no
/// schema for pass unchecked: their converters check what they read.
mlir::LogicalResult checkInputsAgainstSchema(NodeContext &context);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_SCHEMATYPECHECK_H
