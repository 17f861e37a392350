//===- ConvolutionLowering.cpp - conv and conv_transpose to linalg --------===//
//
// An ungrouped convolution is one GEMM: the windows of the input are
// unrolled into columns (im2col: [in-channel * kernel..., N *
// out-position...]), the weights [out-channel, in-channel * kernel...]
// multiply them (a linalg.matmul, which nnc-cpu-microkernels hands to the
// runtime's GEMM), and the [out-channel, N * out-position...] product is
// moved to [N, out-channel, out-position...] with the bias added. Grouped
// (and depthwise) convolutions and the transposed convolution become one
// linalg.generic over (batch, group, out-channel, out-position...,
// in-channel, kernel...), with the channels split into groups by
// expand_shape. The input is padded with zeros as far as the windows reach
// (passes/lower/WindowPadding.h).
//
// A convolution that nnc-winograd-conv marked becomes
// linalg.conv_2d_nchw_fchw instead, for the runtime's Winograd kernel.
//
// The transposed convolution is the convolution of the zero-upsampled input
// (input element s placed at s * stride, `stride - 1` zeros between) by the
// flipped kernel: y[t] = sum_k z[t + (K - 1 - k) * dilation] * w[k].
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/ConvAlgorithm.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"
#include "passes/lower/WindowPadding.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// A zero tensor of `shape` holding `x` from `offsets` on, its elements
/// `strides` apart.
Value placeInZeros(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> shape,
                   ArrayRef<int64_t> offsets, ArrayRef<int64_t> strides) {
  auto xType = cast<RankedTensorType>(x.getType());
  auto type = RankedTensorType::get(shape, xType.getElementType());
  Value zeros = filledTensor(b, type, b.getZeroAttr(type.getElementType()));
  return tensor::InsertSliceOp::create(b, x, zeros, ValueRange{}, ValueRange{},
                                       ValueRange{}, offsets,
                                       xType.getShape(), strides);
}

/// `value`'s dimension `at` split into (`outer`, extent / `outer`).
Value splitDimension(ImplicitLocOpBuilder &b, Value value, int64_t at,
                     int64_t outer) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    ReassociationIndices group = {static_cast<int64_t>(shape.size())};
    if (d == at) {
      shape.push_back(outer);
      shape.push_back(type.getDimSize(d) / outer);
      group.push_back(group.front() + 1);
    } else {
      shape.push_back(type.getDimSize(d));
    }
    groups.push_back(group);
  }
  return tensor::ExpandShapeOp::create(
      b, RankedTensorType::get(shape, type.getElementType()), value, groups);
}

/// [N, G, F / G, spatial...] back to [N, F, spatial...].
Value mergeGroups(ImplicitLocOpBuilder &b, Value value) {
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  SmallVector<ReassociationIndices> groups = {{0}, {1, 2}};
  for (int64_t d = 3; d < rank; ++d)
    groups.push_back({d});
  return tensor::CollapseShapeOp::create(b, value, groups);
}

/// The accumulator [N, G, F / G, spatial...]: zeros, or the bias [F]
/// broadcast along every other dimension.
Value accumulator(ImplicitLocOpBuilder &b, RankedTensorType resultType,
                  int64_t groups, Value bias) {
  SmallVector<int64_t> shape = {resultType.getDimSize(0), groups,
                                resultType.getDimSize(1) / groups};
  shape.append(resultType.getShape().begin() + 2,
               resultType.getShape().end());
  auto type = RankedTensorType::get(shape, resultType.getElementType());
  if (!bias)
    return filledTensor(b, type, b.getZeroAttr(type.getElementType()));
  // [F] -> [1, G, F / G, 1...] broadcasts against the accumulator.
  SmallVector<int64_t> viewShape(shape.size(), 1);
  viewShape[1] = shape[1];
  viewShape[2] = shape[2];
  SmallVector<ReassociationIndices> allInOne(1);
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d)
    allInOne.front().push_back(d);
  Value view = tensor::ExpandShapeOp::create(
      b, RankedTensorType::get(viewShape, type.getElementType()), bias,
      allInOne);
  return buildElementwise(b, type, view,
                          [](ImplicitLocOpBuilder &, ValueRange a) -> Value {
                            return a[0];
                          });
}

/// The grouped correlation: out[n, g, f, o...] += sum over c and k of
/// input[n, g, c, inputPosition(o, k)...] * weight[g, (f, c or c, f), k...]
/// (`channelsFirst`: the weight is [G, C / G, F / G, k...]).
/// Loops: n, g, f, o..., c, k...
Value correlate(ImplicitLocOpBuilder &b, Value input, Value weight, Value acc,
                bool channelsFirst,
                function_ref<AffineExpr(unsigned i, AffineExpr o,
                                        AffineExpr k)>
                    inputPosition) {
  MLIRContext *context = b.getContext();
  int64_t rank = cast<RankedTensorType>(acc.getType()).getRank() - 3;
  int64_t loops = 4 + 2 * rank;
  auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
  AffineExpr n = dim(0), g = dim(1), f = dim(2), c = dim(3 + rank);
  SmallVector<AffineExpr> o, k;
  for (int64_t i = 0; i < rank; ++i) {
    o.push_back(dim(3 + i));
    k.push_back(dim(4 + rank + i));
  }
  SmallVector<AffineExpr> inputExprs = {n, g, c};
  SmallVector<AffineExpr> weightExprs = {g, channelsFirst ? c : f,
                                         channelsFirst ? f : c};
  SmallVector<AffineExpr> outExprs = {n, g, f};
  for (int64_t i = 0; i < rank; ++i) {
    inputExprs.push_back(inputPosition(i, o[i], k[i]));
    weightExprs.push_back(k[i]);
    outExprs.push_back(o[i]);
  }
  SmallVector<AffineMap> maps = {
      AffineMap::get(loops, 0, inputExprs, context),
      AffineMap::get(loops, 0, weightExprs, context),
      AffineMap::get(loops, 0, outExprs, context)};
  SmallVector<utils::IteratorType> iterators(3 + rank,
                                             utils::IteratorType::parallel);
  iterators.append(1 + rank, utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, TypeRange{acc.getType()}, ValueRange{input, weight}, ValueRange{acc},
      maps, iterators, [](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nested);
        Value product = arith::MulFOp::create(ib, args[0], args[1]);
        linalg::YieldOp::create(
            ib, arith::AddFOp::create(ib, args[2], product).getResult());
      });
  return generic.getResult(0);
}

/// The ungrouped convolution of the padded input `x` [N, C, S...] by
/// `weight` [F, C, K...] (plus `bias` [F] when given) as an im2col GEMM, for
/// `resultType` [N, F, O...].
Value im2colConvolution(ImplicitLocOpBuilder &b, Value x, Value weight,
                        Value bias, RankedTensorType resultType,
                        const SlidingWindow &window) {
  MLIRContext *context = b.getContext();
  Type element = resultType.getElementType();
  auto xType = cast<RankedTensorType>(x.getType());
  auto weightType = cast<RankedTensorType>(weight.getType());
  int64_t rank = window.getRank();
  int64_t batch = resultType.getDimSize(0), features = resultType.getDimSize(1);
  ArrayRef<int64_t> outShape = resultType.getShape().drop_front(2);
  ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
  auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };

  // cols[c, k..., n, o...] = x[n, c, o * stride + k * dilation...]: the
  // innermost loop walks output positions, which read the input in order.
  SmallVector<int64_t> colsShape = {xType.getDimSize(1)};
  colsShape.append(kernel.begin(), kernel.end());
  colsShape.push_back(batch);
  colsShape.append(outShape.begin(), outShape.end());
  int64_t loops = colsShape.size();
  SmallVector<AffineExpr> inputExprs = {dim(1 + rank), dim(0)};
  for (int64_t i = 0; i < rank; ++i)
    inputExprs.push_back(dim(2 + rank + i) * window.stride[i] +
                         dim(1 + i) * window.dilation[i]);
  auto colsType = RankedTensorType::get(colsShape, element);
  Value cols =
      linalg::GenericOp::create(
          b, TypeRange{colsType}, ValueRange{x},
          ValueRange{tensor::EmptyOp::create(b, colsShape, element)},
          SmallVector<AffineMap>{
              AffineMap::get(loops, 0, inputExprs, context),
              AffineMap::getMultiDimIdentityMap(loops, context)},
          SmallVector<utils::IteratorType>(loops,
                                           utils::IteratorType::parallel),
          [](OpBuilder &nested, Location loc, ValueRange args) {
            linalg::YieldOp::create(nested, loc, args[0]);
          })
          .getResult(0);

  // [F, C * K...] times [C * K..., N * O...].
  ReassociationIndices windowGroup, positionsGroup, weightWindow;
  for (int64_t d = 0; d <= rank; ++d)
    windowGroup.push_back(d);
  for (int64_t d = rank + 1; d < loops; ++d)
    positionsGroup.push_back(d);
  for (int64_t d = 1; d < weightType.getRank(); ++d)
    weightWindow.push_back(d);
  Value columns = tensor::CollapseShapeOp::create(
      b, cols, SmallVector<ReassociationIndices>{windowGroup, positionsGroup});
  Value weights = tensor::CollapseShapeOp::create(
      b, weight, SmallVector<ReassociationIndices>{{0}, weightWindow});
  int64_t positions = cast<RankedTensorType>(columns.getType()).getDimSize(1);
  auto productType = RankedTensorType::get({features, positions}, element);
  Value product =
      linalg::MatmulOp::create(
          b, ValueRange{weights, columns},
          ValueRange{filledTensor(b, productType, b.getZeroAttr(element))})
          .getResult(0);

  // [F, N, O...] to [N, F, O...], plus the bias.
  SmallVector<int64_t> byFeature = {features, batch};
  byFeature.append(outShape.begin(), outShape.end());
  SmallVector<ReassociationIndices> spreadGroups = {{0}, {}};
  for (int64_t d = 1; d < rank + 2; ++d)
    spreadGroups[1].push_back(d);
  Value spread = tensor::ExpandShapeOp::create(
      b, RankedTensorType::get(byFeature, element), product, spreadGroups);
  int64_t outLoops = resultType.getRank();
  SmallVector<AffineExpr> fromSpread = {dim(1), dim(0)};
  for (int64_t i = 0; i < rank; ++i)
    fromSpread.push_back(dim(2 + i));
  SmallVector<Value> inputs = {spread};
  SmallVector<AffineMap> maps = {
      AffineMap::get(outLoops, 0, fromSpread, context)};
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(AffineMap::get(outLoops, 0, {dim(1)}, context));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(outLoops, context));
  return linalg::GenericOp::create(
             b, TypeRange{resultType}, inputs,
             ValueRange{tensor::EmptyOp::create(b, resultType.getShape(),
                                                element)},
             maps,
             SmallVector<utils::IteratorType>(outLoops,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nested, Location loc, ValueRange args) {
               Value value = args[0];
               if (bias)
                 value = arith::AddFOp::create(nested, loc, value, args[1]);
               linalg::YieldOp::create(nested, loc, value);
             })
      .getResult(0);
}

/// The 2-D convolution of the padded input `x` [N, C, H, W] by `weight` [F,
/// C, 3, 3], stride 1 and the dilation of `window`, as
/// linalg.conv_2d_nchw_fchw into zeros (what the runtime's Winograd kernel
/// computes, nnc-winograd-conv), plus `bias` [F] when given.
Value winogradConvolution(ImplicitLocOpBuilder &b, Value x, Value weight,
                          Value bias, RankedTensorType resultType,
                          const SlidingWindow &window) {
  Value zeros =
      filledTensor(b, resultType, b.getZeroAttr(resultType.getElementType()));
  auto pair = RankedTensorType::get({2}, b.getI64Type());
  Value conv =
      linalg::Conv2DNchwFchwOp::create(
          b, TypeRange{resultType}, ValueRange{x, weight}, ValueRange{zeros},
          DenseIntElementsAttr::get(pair, ArrayRef<int64_t>{1, 1}),
          DenseIntElementsAttr::get(pair, ArrayRef(window.dilation)))
          .getResult(0);
  if (!bias)
    return conv;
  // [F] -> [F, 1, 1] broadcasts along N and the pixels.
  Value column = reshapeTo(b, bias, {resultType.getDimSize(1), 1, 1});
  return buildElementwise(
      b, resultType, ValueRange{conv, column},
      [](ImplicitLocOpBuilder &nested, ValueRange a) {
        return arith::AddFOp::create(nested, a[0], a[1]).getResult();
      });
}

struct ConvLowering : OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    int64_t groups = op.getGroups();
    Value x = padForWindows(b, adaptor.getInput(), window,
                            op.getType().getShape().drop_front(2), 0.0);
    if (groups == 1 && op->hasAttr(kWinogradAttr)) {
      rewriter.replaceOp(op, winogradConvolution(b, x, adaptor.getWeight(),
                                                 adaptor.getBias(),
                                                 op.getType(), window));
      return success();
    }
    if (groups == 1) {
      rewriter.replaceOp(op, im2colConvolution(b, x, adaptor.getWeight(),
                                               adaptor.getBias(), op.getType(),
                                               window));
      return success();
    }
    // [N, G, C / G, S...] by [G, F / G, C / G, k...].
    Value input = splitDimension(b, x, 1, groups);
    Value weight = splitDimension(b, adaptor.getWeight(), 0, groups);
    Value acc = accumulator(b, op.getType(), groups, adaptor.getBias());
    Value out = correlate(b, input, weight, acc, /*channelsFirst=*/false,
                          [&](unsigned i, AffineExpr o, AffineExpr k) {
                            return o * window.stride[i] +
                                   k * window.dilation[i];
                          });
    rewriter.replaceOp(op, mergeGroups(b, out));
    return success();
  }
};

struct ConvTransposeLowering : OpConversionPattern<ConvTransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    SlidingWindow window = op.getWindow();
    int64_t groups = op.getGroups();
    unsigned rank = window.getRank();
    ArrayRef<int64_t> inShape = op.getInput().getType().getShape();
    ArrayRef<int64_t> outShape = op.getType().getShape();
    // z[s * stride + lead] = x[s], lead = (K - 1) * dilation - pad_begin,
    // over the extent out + (K - 1) * dilation that the flipped kernel
    // reads. Inputs that land outside (a padding wider than the kernel's
    // reach) contribute nothing and are cut off first.
    SmallVector<int64_t> zShape(inShape.take_front(2));
    SmallVector<int64_t> first = {0, 0}, kept(inShape.take_front(2));
    SmallVector<int64_t> offsets = {0, 0}, strides = {1, 1};
    bool empty = false;
    for (unsigned i = 0; i < rank; ++i) {
      int64_t reach = window.span(i) - 1;
      int64_t size = outShape[2 + i] + reach;
      int64_t lead = reach - window.padBegin[i];
      int64_t stride = window.stride[i];
      int64_t begin = lead >= 0 ? 0 : llvm::divideCeil(-lead, stride);
      int64_t end = std::min(inShape[2 + i],
                             llvm::divideFloorSigned(size - 1 - lead, stride) +
                                 1);
      empty |= end <= begin;
      zShape.push_back(size);
      first.push_back(begin);
      kept.push_back(std::max<int64_t>(end - begin, 0));
      offsets.push_back(begin * stride + lead);
      strides.push_back(stride);
    }
    Value z;
    if (empty) {
      auto type = RankedTensorType::get(zShape, elementTypeOf(op.getInput()));
      z = filledTensor(b, type, b.getZeroAttr(type.getElementType()));
    } else {
      Value x = adaptor.getInput();
      if (ArrayRef<int64_t>(kept) != inShape)
        x = tensor::ExtractSliceOp::create(
            b, x, getAsIndexOpFoldResult(b.getContext(), first),
            getAsIndexOpFoldResult(b.getContext(), kept),
            getAsIndexOpFoldResult(b.getContext(),
                                   SmallVector<int64_t>(kept.size(), 1)));
      z = placeInZeros(b, x, zShape, offsets, strides);
    }
    // [N, G, C / G, Z...] by [G, C / G, F / G, k...], the kernel flipped.
    Value input = splitDimension(b, z, 1, groups);
    Value weight = splitDimension(b, adaptor.getWeight(), 0, groups);
    Value acc = accumulator(b, op.getType(), groups, adaptor.getBias());
    // Weight tap k meets z at t + (K - 1 - k) * dilation.
    Value out = correlate(b, input, weight, acc, /*channelsFirst=*/true,
                          [&](unsigned i, AffineExpr t, AffineExpr k) {
                            return t + (window.kernel[i] - 1 - k) *
                                           window.dilation[i];
                          });
    rewriter.replaceOp(op, mergeGroups(b, out));
    return success();
  }
};

} // namespace

void nnc::populateConvolutionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvLowering, ConvTransposeLowering>(patterns.getContext());
}
