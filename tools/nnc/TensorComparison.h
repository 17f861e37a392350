//===- TensorComparison.h - Outputs against expected ones ------*- C++ -*-===//
//
// How `nnc test-onnx` decides that an output matches: the same dtype and
// shape, floating-point elements within |got - want| <= atol + rtol * |want|
// (a NaN matches only a NaN, an infinity only the same infinity), integer and
// bool elements exactly.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_TENSORCOMPARISON_H
#define NNC_TOOLS_NNC_TENSORCOMPARISON_H

#include "nnc/runtime.h"

#include <string>

namespace nnc {

struct Tolerance {
  double rtol = 1e-3;
  double atol = 1e-4;
};

/// Compares `got` with `want`; returns "" when they match, else why not: a
/// dtype or shape difference, or the worst element (its index, got, want)
/// and how many elements differ.
std::string compareTensors(const nnc_tensor &got, const nnc_tensor &want,
                           const Tolerance &tolerance);

} // namespace nnc

#endif // NNC_TOOLS_NNC_TENSORCOMPARISON_H
