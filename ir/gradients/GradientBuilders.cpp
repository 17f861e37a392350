//===- GradientBuilders.cpp - Pieces the gradient rules share -------------===//

#include "ir/gradients/GradientBuilders.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace nnc::nn {

RankedTensorType tensorTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}

Value scalarConstant(ImplicitLocOpBuilder &b, Type elementType, double value) {
  auto type = RankedTensorType::get({}, elementType);
  return arith::ConstantOp::create(
      b, DenseElementsAttr::get(type, b.getFloatAttr(elementType, value)));
}

Value scalarLike(ImplicitLocOpBuilder &b, Value like, double value) {
  return scalarConstant(b, tensorTypeOf(like).getElementType(), value);
}

Value zerosOf(ImplicitLocOpBuilder &b, RankedTensorType type) {
  return arith::ConstantOp::create(
      b, DenseElementsAttr::get(type, b.getZeroAttr(type.getElementType())));
}

Value sumToShape(ImplicitLocOpBuilder &b, Value gradient,
                 RankedTensorType type) {
  RankedTensorType from = tensorTypeOf(gradient);
  if (from.getShape() == type.getShape())
    return gradient;
  int64_t added = from.getRank() - type.getRank();
  SmallVector<int64_t> axes;
  for (int64_t d = 0; d < from.getRank(); ++d)
    if (d < added || (type.getDimSize(d - added) == 1 &&
                      from.getDimSize(d) != 1))
      axes.push_back(d);
  Value summed = gradient;
  if (!axes.empty())
    summed = ReduceSumOp::create(b, gradient, axes, /*keepdim=*/true);
  return ReshapeOp::create(b, summed, type.getShape());
}

Value expandReduced(ImplicitLocOpBuilder &b, Value gradient,
                    RankedTensorType inputType, ArrayRef<int64_t> axes,
                    bool keepdim) {
  SmallVector<int64_t> kept(inputType.getShape());
  if (axes.empty())
    kept.assign(inputType.getRank(), 1);
  for (int64_t axis : axes)
    kept[axis] = 1;
  Value shaped = gradient;
  if (!keepdim)
    shaped = ReshapeOp::create(b, gradient, kept);
  if (ArrayRef<int64_t>(kept) == inputType.getShape())
    return shaped;
  return BroadcastToOp::create(b, shaped, inputType.getShape());
}

Value maskOf(ImplicitLocOpBuilder &b, Value condition, Type elementType) {
  return SelectOp::create(b, condition, scalarConstant(b, elementType, 1.0),
                          scalarConstant(b, elementType, 0.0));
}

Value transposeLastTwo(ImplicitLocOpBuilder &b, Value value) {
  int64_t rank = tensorTypeOf(value).getRank();
  SmallVector<int64_t> perm;
  for (int64_t d = 0; d < rank; ++d)
    perm.push_back(d);
  std::swap(perm[rank - 1], perm[rank - 2]);
  return TransposeOp::create(b, value, perm);
}

bool hasFloatElements(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && isa<FloatType>(type.getElementType());
}

} // namespace nnc::nn
