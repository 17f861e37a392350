//===- TensorComparison.cpp - Computed tensors against expected ones ------===//
//
// The worst element is the one whose difference exceeds its allowance by
// the most; a NaN or infinity where it does not belong is worse than any
// finite difference.
//
//===----------------------------------------------------------------------===//

#include "tools/nnc/TensorComparison.h"
#include "tools/nnc/OnnxTensorData.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace nnc {

/// The shape of `tensor` as "[2, 3]".
static std::string formatShape(const nnc_tensor &tensor) {
  std::string text = "[";
  for (int32_t i = 0; i < tensor.rank; ++i)
    text += (i ? ", " : "") + std::to_string(tensor.shape[i]);
  return text + "]";
}

/// The multi-index of row-major element `index` of `tensor`, as "[0, 4]".
static std::string formatIndex(const nnc_tensor &tensor, int64_t index) {
  std::vector<int64_t> position(tensor.rank);
  for (int32_t i = tensor.rank; i-- > 0;) {
    position[i] = index % tensor.shape[i];
    index /= tensor.shape[i];
  }
  std::string text = "[";
  for (size_t i = 0; i < position.size(); ++i)
    text += (i ? ", " : "") + std::to_string(position[i]);
  return text + "]";
}

static bool isFloat(nnc_dtype dtype) {
  return dtype == NNC_F32 || dtype == NNC_F64;
}

/// How far element `index` is outside its allowance (<= 0: it matches).
static double excess(const nnc_tensor &got, const nnc_tensor &want,
                     int64_t index, const Tolerance &tolerance) {
  if (!isFloat(want.dtype)) {
    if (want.dtype == NNC_I64)
      return static_cast<const int64_t *>(got.data)[index] ==
                     static_cast<const int64_t *>(want.data)[index]
                 ? 0
                 : std::numeric_limits<double>::infinity();
    double difference =
        std::fabs(elementAsDouble(got, index) - elementAsDouble(want, index));
    return difference == 0 ? 0 : difference;
  }
  double g = elementAsDouble(got, index), w = elementAsDouble(want, index);
  if (std::isnan(w) || std::isnan(g))
    return std::isnan(w) && std::isnan(g)
               ? 0
               : std::numeric_limits<double>::infinity();
  if (std::isinf(w) || std::isinf(g))
    return g == w ? 0 : std::numeric_limits<double>::infinity();
  return std::fabs(g - w) - (tolerance.atol + tolerance.rtol * std::fabs(w));
}

/// Element `index` of `tensor` for a message ("nan" whatever its sign).
static std::string formatElement(const nnc_tensor &tensor, int64_t index) {
  double element = elementAsDouble(tensor, index);
  if (std::isnan(element))
    return "nan";
  std::ostringstream text;
  text.precision(9);
  text << element;
  return text.str();
}

std::string compareTensors(const nnc_tensor &got, const nnc_tensor &want,
                           const Tolerance &tolerance) {
  if (got.dtype != want.dtype)
    return std::string("dtype ") + nnc_dtype_name(got.dtype) + ", want " +
           nnc_dtype_name(want.dtype);
  bool sameShape = got.rank == want.rank;
  for (int32_t i = 0; sameShape && i < got.rank; ++i)
    sameShape = got.shape[i] == want.shape[i];
  if (!sameShape)
    return "shape " + formatShape(got) + ", want " + formatShape(want);
  int64_t count = nnc_tensor_numel(&want), worst = -1, differing = 0;
  double worstExcess = 0;
  for (int64_t i = 0; i < count; ++i) {
    double e = excess(got, want, i, tolerance);
    if (e <= 0)
      continue;
    ++differing;
    if (worst < 0 || e > worstExcess) {
      worst = i;
      worstExcess = e;
    }
  }
  if (worst < 0)
    return "";
  std::ostringstream message;
  message << "element " << formatIndex(want, worst) << " is "
          << formatElement(got, worst) << ", want "
          << formatElement(want, worst) << " (" << differing << " of " << count
          << " elements differ";
  if (isFloat(want.dtype))
    message << "; rtol " << tolerance.rtol << ", atol " << tolerance.atol;
  message << ")";
  return message.str();
}

} // namespace nnc
