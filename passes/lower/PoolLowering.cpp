//===- PoolLowering.cpp - Pooling and its gradients to linalg -------------===//
//
// Forward pooling is a `linalg.generic` over [N, C, output..., kernel...]
// with reduction iterators over the kernel dimensions, reading an input that
// tensor.pad extended to cover every window (with -inf for max pooling,
// zeros for average pooling). Average pooling then divides by a constant
// tensor of divisors, one per output position, computed here from the
// static shapes with PyTorch's formula.
//
// The gradients use no scatter: a loop nest over [N, C, input...,
// kernel...] gathers, for each input element and kernel offset, the one
// output whose window puts that offset on the element (if any) and adds its
// contribution; every input element is computed independently, which suits
// GPUs. Max pooling first records the row-major offset of each window's
// first maximum, and an output contributes only where that offset matches;
// nn.max_pool_indices turns the same offsets into positions in the input.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"
#include "passes/lower/WindowPadding.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

//===----------------------------------------------------------------------===//
// Window loop nests
//===----------------------------------------------------------------------===//

/// Builds the body of a window loop nest from the loop indices (N, C,
/// spatial..., kernel...) and the block arguments.
using WindowBody = function_ref<SmallVector<Value>(
    ImplicitLocOpBuilder &, ArrayRef<Value> indices, ValueRange args)>;

/// A `linalg.generic` over [N, C, spatial..., kernel...] of `window`, the
/// spatial extents those of `outputs` (all of one shape), reducing over the
/// kernel dimensions. `input`, when given, is read at
/// `spatial * stride + kernel * dilation` (it must cover every window). The
/// body gets the loop indices where `withIndices`, else an empty list.
SmallVector<Value> buildWindowLoops(ImplicitLocOpBuilder &b,
                                    const SlidingWindow &window, Value input,
                                    ValueRange outputs, bool withIndices,
                                    WindowBody body) {
  MLIRContext *context = b.getContext();
  unsigned rank = window.getRank();
  unsigned loops = 2 + 2 * rank;
  auto dim = [&](unsigned d) { return getAffineDimExpr(d, context); };

  SmallVector<AffineExpr> outerExprs = {dim(0), dim(1)};
  SmallVector<AffineExpr> readExprs = {dim(0), dim(1)};
  SmallVector<AffineExpr> kernelExprs;
  for (unsigned i = 0; i < rank; ++i) {
    outerExprs.push_back(dim(2 + i));
    readExprs.push_back(dim(2 + i) * window.stride[i] +
                        dim(2 + rank + i) * window.dilation[i]);
    kernelExprs.push_back(dim(2 + rank + i));
  }
  // A shape-only operand gives the kernel loops their extents.
  Value kernelShape = tensor::EmptyOp::create(b, window.kernel, b.getI1Type());
  SmallVector<Value> inputs = {kernelShape};
  SmallVector<AffineMap> maps = {
      AffineMap::get(loops, 0, kernelExprs, context)};
  if (input) {
    inputs.push_back(input);
    maps.push_back(AffineMap::get(loops, 0, readExprs, context));
  }
  for (size_t i = 0; i < outputs.size(); ++i)
    maps.push_back(AffineMap::get(loops, 0, outerExprs, context));
  SmallVector<utils::IteratorType> iterators(2 + rank,
                                             utils::IteratorType::parallel);
  iterators.append(rank, utils::IteratorType::reduction);

  auto generic = linalg::GenericOp::create(
      b, outputs.getTypes(), inputs, outputs, maps, iterators,
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder inner(loc, nested);
        SmallVector<Value> indices;
        if (withIndices)
          for (unsigned d = 0; d < loops; ++d)
            indices.push_back(linalg::IndexOp::create(inner, d));
        linalg::YieldOp::create(inner, body(inner, indices, args.drop_front()));
      });
  return SmallVector<Value>(generic.getResults());
}

/// The row-major offset of the kernel position `kernel` (one index per
/// spatial dimension) inside the window.
Value kernelOffset(ImplicitLocOpBuilder &b, const SlidingWindow &window,
                   ArrayRef<Value> kernel) {
  Value offset = arith::ConstantIndexOp::create(b, 0);
  for (unsigned i = 0; i < window.getRank(); ++i) {
    Value scaled = arith::MulIOp::create(
        b, offset, arith::ConstantIndexOp::create(b, window.kernel[i]));
    offset = arith::AddIOp::create(b, scaled, kernel[i]);
  }
  return offset;
}

Value andOf(ImplicitLocOpBuilder &b, Value x, Value y) {
  return arith::AndIOp::create(b, x, y);
}

Value compareIndex(ImplicitLocOpBuilder &b, arith::CmpIPredicate predicate,
                   Value x, int64_t c) {
  return arith::CmpIOp::create(b, predicate, x,
                               arith::ConstantIndexOp::create(b, c));
}

/// Whether the kernel position `kernel` of the window at output position
/// `output` lies on the input (not on padding) of extents `inputSpatial`.
Value insideInput(ImplicitLocOpBuilder &b, const SlidingWindow &window,
                  ArrayRef<int64_t> inputSpatial, ArrayRef<Value> output,
                  ArrayRef<Value> kernel) {
  Value inside = arith::ConstantIntOp::create(b, 1, 1);
  for (unsigned i = 0; i < window.getRank(); ++i) {
    // position = output * stride + kernel * dilation - padBegin.
    Value start = arith::MulIOp::create(
        b, output[i], arith::ConstantIndexOp::create(b, window.stride[i]));
    Value step = arith::MulIOp::create(
        b, kernel[i], arith::ConstantIndexOp::create(b, window.dilation[i]));
    Value position = arith::SubIOp::create(
        b, arith::AddIOp::create(b, start, step),
        arith::ConstantIndexOp::create(b, window.padBegin[i]));
    inside = andOf(b, inside,
                   compareIndex(b, arith::CmpIPredicate::sge, position, 0));
    inside = andOf(
        b, inside,
        compareIndex(b, arith::CmpIPredicate::slt, position, inputSpatial[i]));
  }
  return inside;
}

/// Adds up, into a tensor of `inputType`, the contributions of the outputs
/// (of spatial extents `outputSpatial`) whose windows cover each input
/// element: `contribution(n, c, output position, kernel offset)` for each
/// kernel position that falls on the element.
using Contribution =
    function_ref<Value(ImplicitLocOpBuilder &, Value n, Value c,
                       ArrayRef<Value> output, Value kernelOffset)>;
Value gatherOverWindows(ImplicitLocOpBuilder &b, const SlidingWindow &window,
                        RankedTensorType inputType,
                        ArrayRef<int64_t> outputSpatial,
                        Contribution contribution) {
  Type element = inputType.getElementType();
  Value zeros = filledTensor(b, inputType, b.getFloatAttr(element, 0.0));
  // Loops over the input positions and the kernel; nothing is read through
  // an indexing map.
  unsigned rank = window.getRank();
  return buildWindowLoops(
      b, window, Value(), zeros, /*withIndices=*/true,
      [&](ImplicitLocOpBuilder &ib, ArrayRef<Value> indices,
          ValueRange args) -> SmallVector<Value> {
        ArrayRef<Value> spatial = indices.slice(2, rank);
        ArrayRef<Value> kernel = indices.slice(2 + rank, rank);
        // The output whose window puts kernel position k on input position
        // p: o = (p + padBegin - k * dilation) / stride, when that division
        // is exact and o is in range.
        Value covered = arith::ConstantIntOp::create(ib, 1, 1);
        SmallVector<Value> output;
        for (unsigned i = 0; i < rank; ++i) {
          Value shifted = arith::SubIOp::create(
              ib,
              arith::AddIOp::create(
                  ib, spatial[i],
                  arith::ConstantIndexOp::create(ib, window.padBegin[i])),
              arith::MulIOp::create(
                  ib, kernel[i],
                  arith::ConstantIndexOp::create(ib, window.dilation[i])));
          Value stride = arith::ConstantIndexOp::create(ib, window.stride[i]);
          Value o = arith::DivSIOp::create(ib, shifted, stride);
          Value exact =
              compareIndex(ib, arith::CmpIPredicate::eq,
                           arith::RemSIOp::create(ib, shifted, stride), 0);
          covered =
              andOf(ib, covered,
                    compareIndex(ib, arith::CmpIPredicate::sge, shifted, 0));
          covered = andOf(ib, covered, exact);
          covered = andOf(
              ib, covered,
              compareIndex(ib, arith::CmpIPredicate::slt, o, outputSpatial[i]));
          // An index in range even where nothing is covered, so that the
          // reads below stay inside their tensors.
          output.push_back(arith::SelectOp::create(
              ib, covered, o, arith::ConstantIndexOp::create(ib, 0)));
        }
        Value value = contribution(ib, indices[0], indices[1], output,
                                   kernelOffset(ib, window, kernel));
        Value zero = floatConstant(ib, element, 0.0);
        Value added = arith::SelectOp::create(ib, covered, value, zero);
        return {arith::AddFOp::create(ib, args[0], added)};
      })[0];
}

/// `[n, c, spatial...]` as one index list.
SmallVector<Value> elementIndex(Value n, Value c, ArrayRef<Value> spatial) {
  SmallVector<Value> index = {n, c};
  index.append(spatial.begin(), spatial.end());
  return index;
}

ArrayRef<int64_t> spatialShape(Value x) {
  return cast<RankedTensorType>(x.getType()).getShape().drop_front(2);
}

//===----------------------------------------------------------------------===//
// Max pooling
//===----------------------------------------------------------------------===//

/// The row-major kernel offset of each window's first maximum among the
/// input elements it covers (padding never wins, even against -inf), as an
/// index tensor of the pooled shape `outputType`. Ties go to the smaller
/// offset whatever order the loops run in.
Value firstMaxOffsets(ImplicitLocOpBuilder &b, const SlidingWindow &window,
                      Value input, RankedTensorType outputType) {
  auto inputType = cast<RankedTensorType>(input.getType());
  ArrayRef<int64_t> inputSpatial = inputType.getShape().drop_front(2);
  ArrayRef<int64_t> outputSpatial = outputType.getShape().drop_front(2);
  unsigned rank = window.getRank();
  Value padded = padForWindows(b, input, window, outputSpatial,
                               -std::numeric_limits<double>::infinity());
  Type element = inputType.getElementType();
  auto maxType = RankedTensorType::get(outputType.getShape(), element);
  auto offsetType =
      RankedTensorType::get(outputType.getShape(), b.getIndexType());
  Value maxInit = filledTensor(
      b, maxType,
      b.getFloatAttr(element, -std::numeric_limits<double>::infinity()));
  int64_t volume = 1;
  for (int64_t k : window.kernel)
    volume *= k;
  Value offsetInit = filledTensor(b, offsetType, b.getIndexAttr(volume));
  return buildWindowLoops(
      b, window, padded, ValueRange{maxInit, offsetInit},
      /*withIndices=*/true,
      [&](ImplicitLocOpBuilder &ib, ArrayRef<Value> indices,
          ValueRange args) -> SmallVector<Value> {
        Value x = args[0], best = args[1], bestOffset = args[2];
        ArrayRef<Value> output = indices.slice(2, rank);
        ArrayRef<Value> kernel = indices.slice(2 + rank, rank);
        Value offset = kernelOffset(ib, window, kernel);
        Value greater =
            arith::CmpFOp::create(ib, arith::CmpFPredicate::OGT, x, best);
        Value earlierTie = andOf(
            ib, arith::CmpFOp::create(ib, arith::CmpFPredicate::OEQ, x, best),
            arith::CmpIOp::create(ib, arith::CmpIPredicate::slt, offset,
                                  bestOffset));
        Value wins =
            andOf(ib, insideInput(ib, window, inputSpatial, output, kernel),
                  arith::OrIOp::create(ib, greater, earlierTie));
        return {arith::SelectOp::create(ib, wins, x, best),
                arith::SelectOp::create(ib, wins, offset, bestOffset)};
      })[1];
}


struct MaxPoolLowering : OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    RankedTensorType type = op.getType();
    Type element = type.getElementType();
    Value padded =
        padForWindows(b, adaptor.getInput(), window, spatialShape(op),
                      -std::numeric_limits<double>::infinity());
    Value init = filledTensor(
        b, type,
        b.getFloatAttr(element, -std::numeric_limits<double>::infinity()));
    Value result = buildWindowLoops(
        b, window, padded, init, /*withIndices=*/false,
        [](ImplicitLocOpBuilder &ib, ArrayRef<Value>,
           ValueRange args) -> SmallVector<Value> {
          return {arith::MaximumFOp::create(ib, args[1], args[0])};
        })[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MaxPoolGradLowering : OpConversionPattern<MaxPoolGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    RankedTensorType inputType = op.getType();
    Value gradOutput = adaptor.getGradOutput();
    auto outputType = cast<RankedTensorType>(gradOutput.getType());
    ArrayRef<int64_t> outputSpatial = outputType.getShape().drop_front(2);
    Type element = inputType.getElementType();
    Value argmax = firstMaxOffsets(b, window, adaptor.getInput(), outputType);

    Value result = gatherOverWindows(
        b, window, inputType, outputSpatial,
        [&](ImplicitLocOpBuilder &ib, Value n, Value c, ArrayRef<Value> output,
            Value offset) -> Value {
          SmallVector<Value> index = elementIndex(n, c, output);
          Value g = tensor::ExtractOp::create(ib, gradOutput, index);
          Value best = tensor::ExtractOp::create(ib, argmax, index);
          Value isMax =
              arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, best, offset);
          return arith::SelectOp::create(ib, isMax, g,
                                         floatConstant(ib, element, 0.0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MaxPoolIndicesLowering : OpConversionPattern<MaxPoolIndicesOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolIndicesOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    RankedTensorType type = op.getType();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    ArrayRef<int64_t> inputShape = inputType.getShape();
    unsigned rank = window.getRank();
    Value offsets = firstMaxOffsets(b, window, adaptor.getInput(), type);
    // Each output position's input position from its window's offset:
    // kernel position k (the offset in row-major digits), then
    // output * stride + k * dilation - padBegin along each dimension.
    bool columnMajor = op.getStorageOrder() == 1;
    unsigned loops = type.getRank();
    AffineMap identity = b.getMultiDimIdentityMap(loops);
    Value init = tensor::EmptyOp::create(b, type.getShape(),
                                         type.getElementType());
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type}, ValueRange{offsets}, ValueRange{init},
        ArrayRef<AffineMap>{identity, identity},
        SmallVector<utils::IteratorType>(loops, utils::IteratorType::parallel),
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          SmallVector<Value> index;
          for (unsigned d = 0; d < loops; ++d)
            index.push_back(linalg::IndexOp::create(ib, d));
          Value offset = args[0];
          auto constant = [&](int64_t c) -> Value {
            return arith::ConstantIndexOp::create(ib, c);
          };
          SmallVector<Value> position(rank);
          Value rest = offset;
          for (unsigned i = rank; i-- > 0;) {
            Value k = arith::RemUIOp::create(ib, rest, constant(window.kernel[i]));
            rest = arith::DivUIOp::create(ib, rest, constant(window.kernel[i]));
            Value start =
                arith::MulIOp::create(ib, index[2 + i], constant(window.stride[i]));
            Value step =
                arith::MulIOp::create(ib, k, constant(window.dilation[i]));
            position[i] = arith::SubIOp::create(
                ib, arith::AddIOp::create(ib, start, step),
                constant(window.padBegin[i]));
          }
          // (n * C + c) * volume, then the spatial position in row-major
          // or (storage_order 1) column-major order.
          Value flat = arith::AddIOp::create(
              ib, arith::MulIOp::create(ib, index[0], constant(inputShape[1])),
              index[1]);
          int64_t volume = 1;
          for (unsigned i = 0; i < rank; ++i)
            volume *= inputShape[2 + i];
          flat = arith::MulIOp::create(ib, flat, constant(volume));
          Value spatial = constant(0);
          for (unsigned j = 0; j < rank; ++j) {
            unsigned i = columnMajor ? rank - 1 - j : j;
            spatial = arith::AddIOp::create(
                ib, arith::MulIOp::create(ib, spatial, constant(inputShape[2 + i])),
                position[i]);
          }
          flat = arith::AddIOp::create(ib, flat, spatial);
          linalg::YieldOp::create(
              ib, ValueRange{arith::IndexCastOp::create(ib, ib.getI64Type(),
                                                        flat)});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Average pooling
//===----------------------------------------------------------------------===//

/// The divisor of each output position of average pooling over `window`
/// from `inputSpatial`, as a constant of extents `outputSpatial` and type
/// `element`. PyTorch's rule per dimension: the window clipped to the padded
/// input, then (without `countIncludePad`) to the input; the divisor is the
/// product over dimensions.
Value divisorsOf(ImplicitLocOpBuilder &b, const SlidingWindow &window,
                 ArrayRef<int64_t> inputSpatial,
                 ArrayRef<int64_t> outputSpatial, bool countIncludePad,
                 Type element) {
  unsigned rank = window.getRank();
  SmallVector<SmallVector<int64_t>> counts(rank);
  for (unsigned i = 0; i < rank; ++i)
    for (int64_t o = 0; o < outputSpatial[i]; ++o) {
      int64_t start = o * window.stride[i] - window.padBegin[i];
      int64_t end = std::min(start + window.kernel[i],
                             inputSpatial[i] + window.padEnd[i]);
      if (!countIncludePad) {
        start = std::max<int64_t>(start, 0);
        end = std::min(end, inputSpatial[i]);
      }
      counts[i].push_back(end - start);
    }
  auto type = RankedTensorType::get(outputSpatial, element);
  SmallVector<double> divisors(type.getNumElements(), 1.0);
  // Row-major: the last dimension varies fastest.
  for (int64_t flat = 0; flat < type.getNumElements(); ++flat) {
    int64_t rest = flat;
    for (unsigned i = rank; i-- > 0;) {
      divisors[flat] *= counts[i][rest % outputSpatial[i]];
      rest /= outputSpatial[i];
    }
  }
  SmallVector<Attribute> values;
  for (double d : divisors)
    values.push_back(b.getFloatAttr(element, d));
  return arith::ConstantOp::create(b, DenseElementsAttr::get(type, values));
}

struct AvgPoolLowering : OpConversionPattern<AvgPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    RankedTensorType type = op.getType();
    Type element = type.getElementType();
    Value padded =
        padForWindows(b, adaptor.getInput(), window, spatialShape(op), 0.0);
    Value zeros = filledTensor(b, type, b.getFloatAttr(element, 0.0));
    Value sums =
        buildWindowLoops(b, window, padded, zeros, /*withIndices=*/false,
                         [](ImplicitLocOpBuilder &ib, ArrayRef<Value>,
                            ValueRange args) -> SmallVector<Value> {
                           return {arith::AddFOp::create(ib, args[1], args[0])};
                         })[0];
    Value divisors =
        divisorsOf(b, window, spatialShape(op.getInput()), spatialShape(op),
                   op.getCountIncludePad(), element);
    // The divisors ([spatial...]) broadcast over N and C.
    Value result = mapLike(
        b, sums, {sums, divisors}, [](ImplicitLocOpBuilder &ib, ValueRange a) {
          return arith::DivFOp::create(ib, a[0], a[1]).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct AvgPoolGradLowering : OpConversionPattern<AvgPoolGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPoolGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    RankedTensorType inputType = op.getType();
    Value gradOutput = adaptor.getGradOutput();
    ArrayRef<int64_t> outputSpatial = spatialShape(gradOutput);
    Value divisors =
        divisorsOf(b, window, inputType.getShape().drop_front(2), outputSpatial,
                   op.getCountIncludePad(), inputType.getElementType());
    Value shares =
        mapLike(b, gradOutput, {gradOutput, divisors},
                [](ImplicitLocOpBuilder &ib, ValueRange a) {
                  return arith::DivFOp::create(ib, a[0], a[1]).getResult();
                });
    // Every kernel position of a window gets the same share; positions on
    // padding fall outside the input and are never gathered.
    Value result =
        gatherOverWindows(b, window, inputType, outputSpatial,
                          [&](ImplicitLocOpBuilder &ib, Value n, Value c,
                              ArrayRef<Value> output, Value) -> Value {
                            return tensor::ExtractOp::create(
                                ib, shares, elementIndex(n, c, output));
                          });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void nnc::populatePoolLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, MaxPoolGradLowering, MaxPoolIndicesLowering,
               AvgPoolLowering, AvgPoolGradLowering>(patterns.getContext());
}
