//===- LinalgBuilders.cpp - Structured-op builders for lowerings ----------===//

#include "passes/lower/LinalgBuilders.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

#include <numeric>

using namespace mlir;

namespace nnc {

/// The indexing map reading an operand of `shape` inside a loop nest over
/// `resultShape`: trailing dimensions align, and a dimension of extent 1
/// facing a larger one reads index 0.
static AffineMap broadcastMap(MLIRContext *context, ArrayRef<int64_t> shape,
                              ArrayRef<int64_t> resultShape) {
  size_t lead = resultShape.size() - shape.size();
  SmallVector<AffineExpr> exprs;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 1 && resultShape[lead + i] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(lead + i, context));
  }
  return AffineMap::get(resultShape.size(), 0, exprs, context);
}

Value buildElementwise(ImplicitLocOpBuilder &b, RankedTensorType resultType,
                       ValueRange inputs, ScalarBody body) {
  MLIRContext *context = b.getContext();
  ArrayRef<int64_t> shape = resultType.getShape();
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(broadcastMap(
        context, cast<RankedTensorType>(input.getType()).getShape(), shape));
  maps.push_back(AffineMap::getMultiDimIdentityMap(shape.size(), context));
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(b, shape, resultType.getElementType());
  auto generic = linalg::GenericOp::create(
      b, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder inner(loc, nested);
        Value result = body(inner, args.drop_back());
        linalg::YieldOp::create(inner, result);
      });
  return generic.getResult(0);
}

SmallVector<Value> buildReductions(ImplicitLocOpBuilder &b, ValueRange inputs,
                                   ArrayRef<int64_t> axes, bool keepdim,
                                   ArrayRef<TypedAttr> inits,
                                   ReductionBody body) {
  MLIRContext *context = b.getContext();
  auto inputType = cast<RankedTensorType>(inputs.front().getType());
  int64_t rank = inputType.getRank();
  SmallVector<bool> reduced(rank, false);
  for (int64_t axis : axes)
    reduced[axis] = true;

  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < rank; ++d) {
    iterators.push_back(reduced[d] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (!reduced[d]) {
      shape.push_back(inputType.getDimSize(d));
      outExprs.push_back(getAffineDimExpr(d, context));
    } else if (keepdim) {
      shape.push_back(1);
      outExprs.push_back(getAffineConstantExpr(0, context));
    }
  }
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(broadcastMap(
        context, cast<RankedTensorType>(input.getType()).getShape(),
        inputType.getShape()));
  SmallVector<Value> accumulators;
  SmallVector<Type> resultTypes;
  for (TypedAttr init : inits) {
    auto resultType = RankedTensorType::get(shape, init.getType());
    resultTypes.push_back(resultType);
    accumulators.push_back(filledTensor(b, resultType, init));
    maps.push_back(AffineMap::get(rank, 0, outExprs, context));
  }
  auto generic = linalg::GenericOp::create(
      b, resultTypes, inputs, accumulators, maps, iterators,
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder inner(loc, nested);
        linalg::YieldOp::create(inner,
                                body(inner, args.drop_front(inputs.size()),
                                     args.take_front(inputs.size())));
      });
  return SmallVector<Value>(generic.getResults());
}

Value buildReduction(
    ImplicitLocOpBuilder &b, Value input, ArrayRef<int64_t> axes, bool keepdim,
    TypedAttr init,
    function_ref<Value(ImplicitLocOpBuilder &, Value, Value)> combine) {
  return buildReductions(b, input, axes, keepdim, init,
                         [&](ImplicitLocOpBuilder &ib, ValueRange accumulators,
                             ValueRange elements) -> SmallVector<Value> {
                           return {combine(ib, accumulators[0], elements[0])};
                         })
      .front();
}

Value floatConstant(ImplicitLocOpBuilder &b, Type type, double value) {
  return arith::ConstantOp::create(b, b.getFloatAttr(type, value));
}

Value filledTensor(ImplicitLocOpBuilder &b, RankedTensorType type,
                   TypedAttr value) {
  Value empty =
      tensor::EmptyOp::create(b, type.getShape(), type.getElementType());
  Value scalar = arith::ConstantOp::create(b, value);
  return linalg::FillOp::create(b, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
}

Value reshapeTo(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> shape) {
  auto sourceType = cast<RankedTensorType>(x.getType());
  auto type = RankedTensorType::get(shape, sourceType.getElementType());
  if (sourceType == type)
    return x;
  // Static shapes reshape through collapse_shape and expand_shape, which
  // elementwise fusion folds into the loop nests around them: directly when
  // one shape groups the other's dimensions, else through one dimension.
  if (sourceType.hasStaticShape() && sourceType.getRank() > 0 &&
      type.getRank() > 0) {
    if (sourceType.getRank() > type.getRank())
      if (auto groups = getReassociationIndicesForReshape(sourceType, type))
        return tensor::CollapseShapeOp::create(b, type, x, *groups);
    if (sourceType.getRank() < type.getRank())
      if (auto groups = getReassociationIndicesForReshape(type, sourceType))
        return tensor::ExpandShapeOp::create(b, type, x, *groups);
    Value flat = x;
    if (sourceType.getRank() > 1) {
      ReassociationIndices all(sourceType.getRank());
      std::iota(all.begin(), all.end(), 0);
      flat = tensor::CollapseShapeOp::create(
          b, x, SmallVector<ReassociationIndices>{all});
    }
    if (type.getRank() == 1)
      return flat;
    ReassociationIndices all(type.getRank());
    std::iota(all.begin(), all.end(), 0);
    return tensor::ExpandShapeOp::create(
        b, type, flat, SmallVector<ReassociationIndices>{all});
  }
  auto shapeType =
      RankedTensorType::get({static_cast<int64_t>(shape.size())},
                            b.getIndexType());
  SmallVector<Attribute> extents;
  for (int64_t extent : shape)
    extents.push_back(b.getIndexAttr(extent));
  Value shapeValue =
      arith::ConstantOp::create(b, DenseElementsAttr::get(shapeType, extents));
  return tensor::ReshapeOp::create(b, type, x, shapeValue);
}

Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

SmallVector<int64_t> reductionAxes(ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  if (axes.empty()) {
    for (int64_t d = 0; d < rank; ++d)
      result.push_back(d);
    return result;
  }
  for (int64_t axis : axes)
    result.push_back(*nn::normalizeAxis(axis, rank));
  llvm::sort(result);
  return result;
}

Value sumOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
              bool keepdim) {
  return buildReduction(
      b, x, axes, keepdim, b.getFloatAttr(elementTypeOf(x), 0.0),
      [](ImplicitLocOpBuilder &ib, Value acc, Value v) -> Value {
        return arith::AddFOp::create(ib, acc, v);
      });
}

Value meanOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
               bool keepdim) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t count = 1;
  for (int64_t axis : axes)
    count *= type.getDimSize(axis);
  return scaleBy(b, sumOver(b, x, axes, keepdim), 1.0 / count);
}

Value mapLike(ImplicitLocOpBuilder &b, Value like, ValueRange inputs,
              ScalarBody body) {
  return buildElementwise(b, cast<RankedTensorType>(like.getType()), inputs,
                          body);
}

Value subtract(ImplicitLocOpBuilder &b, Value x, Value y) {
  return mapLike(b, x, {x, y},
                 [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                   return arith::SubFOp::create(ib, a[0], a[1]);
                 });
}

Value scaleBy(ImplicitLocOpBuilder &b, Value x, double factor) {
  return mapLike(b, x, x, [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
    return arith::MulFOp::create(
        ib, a[0], floatConstant(ib, a[0].getType(), factor));
  });
}

Value reduceLoss(ImplicitLocOpBuilder &b, Value perElement,
                 StringRef reduction) {
  if (reduction == "none")
    return perElement;
  auto type = cast<RankedTensorType>(perElement.getType());
  Value sum = sumOver(b, perElement, reductionAxes({}, type.getRank()),
                      /*keepdim=*/false);
  if (reduction == "sum")
    return sum;
  return scaleBy(b, sum, 1.0 / type.getNumElements());
}

} // namespace nnc
