//===- NumericLowering.cpp - Linear solve and FFT to linalg ---------------===//
//
// nn.solve becomes LAPACK's getrf + getrs on every batch entry at once: an
// scf.for over the N pivot columns, each step a reduction choosing the pivot
// row (largest magnitude, first on ties) and two `linalg.generic`s that swap
// it into place and eliminate below it, in the matrices and in the
// right-hand sides alike; then an scf.for over the rows bottom-up for the
// back substitution. Every step is parallel over the batch and the matrix
// entries, and the loops run a fixed number of steps, so a singular matrix
// gives infinities or NaNs and never stalls.
//
// nn.fft becomes the iterative radix-2 Cooley-Tukey algorithm: a gather
// into bit-reversed order, then one `linalg.generic` per stage of
// butterflies (log2(N) of them), each output element computed on its own
// from two elements of the previous stage and a twiddle factor read from a
// constant table; the norm's scale comes last.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// Computes one element of a gather loop nest from its loop indices and the
/// elements its inputs hold there.
using GatherBody = function_ref<Value(
    ImplicitLocOpBuilder &, ArrayRef<Value> indices, ValueRange args)>;

/// A tensor of `type` whose elements `body` computes, each on its own (a
/// parallel `linalg.generic` over `type`'s shape). `inputs` are read at
/// `inputMaps` (over `type`'s dimensions); the body reads anything else with
/// tensor.extract.
Value buildGather(ImplicitLocOpBuilder &b, RankedTensorType type,
                  ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                  GatherBody body) {
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init =
      tensor::EmptyOp::create(b, type.getShape(), type.getElementType());
  auto generic = linalg::GenericOp::create(
      b, TypeRange{type}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder inner(loc, nested);
        SmallVector<Value> indices;
        for (int64_t d = 0; d < rank; ++d)
          indices.push_back(linalg::IndexOp::create(inner, d));
        linalg::YieldOp::create(inner, body(inner, indices, args.drop_back()));
      });
  return generic.getResult(0);
}

Value indexConstant(ImplicitLocOpBuilder &b, int64_t value) {
  return arith::ConstantIndexOp::create(b, value);
}

//===----------------------------------------------------------------------===//
// Linear solve
//===----------------------------------------------------------------------===//

/// `x` broadcast (numpy rules) to `shape` = [batch..., rows, cols] and laid
/// out as `batch` matrices [batch, rows, cols].
Value asMatrices(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> shape,
                 int64_t batch) {
  auto type = RankedTensorType::get(shape, elementTypeOf(x));
  if (x.getType() != type)
    x = buildElementwise(
        b, type, x,
        [](ImplicitLocOpBuilder &, ValueRange a) -> Value { return a[0]; });
  return reshapeTo(b, x, {batch, shape[shape.size() - 2], shape.back()});
}

/// The pivot row of column `step` of every matrix of `a` ([batch, N, N]):
/// among rows `step` and below, the first of largest magnitude (LAPACK's
/// isamax), `step` itself where every candidate is NaN. [batch] indices.
Value pivotRows(ImplicitLocOpBuilder &b, Value a, Value step) {
  auto type = cast<RankedTensorType>(a.getType());
  int64_t batch = type.getDimSize(0), n = type.getDimSize(1);
  Type elementType = type.getElementType();
  // Not rank-reducing: which unit dimension a rank-reducing slice drops is
  // ambiguous when the batch is 1, and canonicalization may choose another.
  auto columnType = RankedTensorType::get({batch, n, 1}, elementType);
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0), b.getIndexAttr(0),
                                       step};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(batch), b.getIndexAttr(n),
                                     b.getIndexAttr(1)};
  SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
  Value column =
      tensor::ExtractSliceOp::create(b, columnType, a, offsets, sizes, strides);

  auto magnitudeType = RankedTensorType::get({batch}, elementType);
  auto rowType = RankedTensorType::get({batch}, b.getIndexType());
  Value noMagnitude =
      filledTensor(b, magnitudeType, b.getFloatAttr(elementType, -1.0));
  Value rows =
      linalg::FillOp::create(b, ValueRange{step},
                             ValueRange{tensor::EmptyOp::create(
                                 b, rowType.getShape(), b.getIndexType())})
          .getResult(0);
  MLIRContext *context = b.getContext();
  AffineMap all = AffineMap::get(2, 0,
                                 {getAffineDimExpr(0, context),
                                  getAffineDimExpr(1, context),
                                  getAffineConstantExpr(0, context)},
                                 context);
  AffineMap perMatrix =
      AffineMap::get(2, 0, {getAffineDimExpr(0, context)}, context);
  auto reduction = linalg::GenericOp::create(
      b, TypeRange{magnitudeType, rowType}, ValueRange{column},
      ValueRange{noMagnitude, rows}, {all, perMatrix, perMatrix},
      {utils::IteratorType::parallel, utils::IteratorType::reduction},
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder inner(loc, nested);
        Value row = linalg::IndexOp::create(inner, 1);
        Value magnitude = math::AbsFOp::create(inner, args[0]);
        Value candidate =
            arith::CmpIOp::create(inner, arith::CmpIPredicate::uge, row, step);
        Value larger = arith::CmpFOp::create(inner, arith::CmpFPredicate::OGT,
                                             magnitude, args[1]);
        Value better = arith::AndIOp::create(inner, candidate, larger);
        linalg::YieldOp::create(
            inner,
            ValueRange{
                arith::SelectOp::create(inner, better, magnitude, args[1]),
                arith::SelectOp::create(inner, better, row, args[2])});
      });
  return reduction.getResult(1);
}

/// One step of Gaussian elimination on `target` ([batch, N, C]: the
/// matrices `a` themselves or the right-hand sides): row `step` and row
/// `pivots[batch]` trade places, then every row below `step` loses its
/// multiple of the pivot row that zeroes its entry in column `step` of `a`.
Value eliminate(ImplicitLocOpBuilder &b, Value a, Value target, Value pivots,
                Value step) {
  auto type = cast<RankedTensorType>(target.getType());
  MLIRContext *context = b.getContext();
  AffineMap perMatrix =
      AffineMap::get(3, 0, {getAffineDimExpr(0, context)}, context);
  return buildGather(
      b, type, pivots, perMatrix,
      [&](ImplicitLocOpBuilder &ib, ArrayRef<Value> at, ValueRange args) {
        Value matrix = at[0], row = at[1], col = at[2], pivot = args[0];
        auto eq = [&](Value x, Value y) {
          return arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, x, y);
        };
        // The row that lands at `row` after the swap.
        Value source = arith::SelectOp::create(
            ib, eq(row, step), pivot,
            arith::SelectOp::create(ib, eq(row, pivot), step, row));
        Value value =
            tensor::ExtractOp::create(ib, target, {matrix, source, col});
        Value pivotValue =
            tensor::ExtractOp::create(ib, a, {matrix, pivot, step});
        Value below = tensor::ExtractOp::create(ib, a, {matrix, source, step});
        Value pivotRowValue =
            tensor::ExtractOp::create(ib, target, {matrix, pivot, col});
        Value multiplier = arith::DivFOp::create(ib, below, pivotValue);
        Value eliminated = arith::SubFOp::create(
            ib, value, arith::MulFOp::create(ib, multiplier, pivotRowValue));
        Value isBelow =
            arith::CmpIOp::create(ib, arith::CmpIPredicate::ugt, row, step);
        return arith::SelectOp::create(ib, isBelow, eliminated, value);
      });
}

/// One step of back substitution with the upper triangular `u` ([batch, N,
/// N]) on `x` ([batch, N, K]), bottom-up as LAPACK's strsm: row `row` of `x`
/// is divided by the diagonal entry, and every row above loses its multiple
/// of the result.
Value substitute(ImplicitLocOpBuilder &b, Value u, Value x, Value row) {
  auto type = cast<RankedTensorType>(x.getType());
  return buildGather(
      b, type, x, b.getMultiDimIdentityMap(3),
      [&](ImplicitLocOpBuilder &ib, ArrayRef<Value> at, ValueRange args) {
        Value matrix = at[0], r = at[1], col = at[2];
        Value diagonal = tensor::ExtractOp::create(ib, u, {matrix, row, row});
        Value solved = arith::DivFOp::create(
            ib, tensor::ExtractOp::create(ib, x, {matrix, row, col}), diagonal);
        Value factor = tensor::ExtractOp::create(ib, u, {matrix, r, row});
        Value reduced = arith::SubFOp::create(
            ib, args[0], arith::MulFOp::create(ib, factor, solved));
        Value isRow =
            arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, r, row);
        Value isAbove =
            arith::CmpIOp::create(ib, arith::CmpIPredicate::ult, r, row);
        return arith::SelectOp::create(
            ib, isRow, solved,
            arith::SelectOp::create(ib, isAbove, reduced, args[0]));
      });
}

struct SolveLowering : OpConversionPattern<SolveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SolveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    ArrayRef<int64_t> batchShape = type.getShape().drop_back(2);
    int64_t n = type.getDimSize(type.getRank() - 2);
    int64_t batch = 1;
    for (int64_t extent : batchShape)
      batch *= extent;
    SmallVector<int64_t> aShape(batchShape);
    aShape.append({n, n});
    Value a = asMatrices(b, adaptor.getA(), aShape, batch);
    Value x = asMatrices(b, adaptor.getB(), type.getShape(), batch);

    Value zero = indexConstant(b, 0), one = indexConstant(b, 1);
    Value steps = indexConstant(b, n);
    auto factorization = scf::ForOp::create(
        b, zero, steps, one, ValueRange{a, x},
        [&](OpBuilder &nested, Location loc, Value step, ValueRange carried) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value pivots = pivotRows(ib, carried[0], step);
          Value nextA = eliminate(ib, carried[0], carried[0], pivots, step);
          Value nextX = eliminate(ib, carried[0], carried[1], pivots, step);
          scf::YieldOp::create(ib, ValueRange{nextA, nextX});
        });
    Value u = factorization.getResult(0);
    auto substitution = scf::ForOp::create(
        b, zero, steps, one, ValueRange{factorization.getResult(1)},
        [&](OpBuilder &nested, Location loc, Value step, ValueRange carried) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value row = arith::SubIOp::create(ib, indexConstant(ib, n - 1), step);
          scf::YieldOp::create(ib, substitute(ib, u, carried[0], row));
        });
    rewriter.replaceOp(
        op, reshapeTo(b, substitution.getResult(0), type.getShape()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Fast Fourier transform
//===----------------------------------------------------------------------===//

/// The map from the loops over an FFT operand [batch..., N, 2] to the
/// position along N.
AffineMap sequenceIndexMap(MLIRContext *context, int64_t rank) {
  return AffineMap::get(rank, 0, {getAffineDimExpr(rank - 2, context)},
                        context);
}

/// `x` ([batch..., N, 2]) with element n of every sequence moved to the
/// position whose N-bit index is n's reversed.
Value bitReversed(ImplicitLocOpBuilder &b, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank(), n = type.getDimSize(rank - 2);
  unsigned bits = llvm::Log2_64(n);
  SmallVector<Attribute> sources;
  for (int64_t i = 0; i < n; ++i) {
    int64_t reversed = 0;
    for (unsigned bit = 0; bit < bits; ++bit)
      if (i & (int64_t(1) << bit))
        reversed |= int64_t(1) << (bits - 1 - bit);
    sources.push_back(b.getIndexAttr(reversed));
  }
  auto tableType = RankedTensorType::get({n}, b.getIndexType());
  Value table =
      arith::ConstantOp::create(b, DenseElementsAttr::get(tableType, sources));
  return buildGather(
      b, type, table, sequenceIndexMap(b.getContext(), rank),
      [&](ImplicitLocOpBuilder &ib, ArrayRef<Value> at, ValueRange args) {
        SmallVector<Value> from(at);
        from[rank - 2] = args[0];
        return tensor::ExtractOp::create(ib, x, from);
      });
}

/// The twiddle factors exp(-+2 pi i m / N) for m < N / 2 (minus for the
/// forward transform), as an [N / 2, 2] constant, computed in double.
Value twiddleTable(ImplicitLocOpBuilder &b, Type elementType, int64_t n,
                   bool inverse) {
  double sign = inverse ? 1.0 : -1.0;
  SmallVector<Attribute> values;
  for (int64_t m = 0; m < n / 2; ++m) {
    double angle =
        sign * 2.0 * M_PI * static_cast<double>(m) / static_cast<double>(n);
    values.push_back(b.getFloatAttr(elementType, std::cos(angle)));
    values.push_back(b.getFloatAttr(elementType, std::sin(angle)));
  }
  auto type = RankedTensorType::get({n / 2, 2}, elementType);
  return arith::ConstantOp::create(b, DenseElementsAttr::get(type, values));
}

/// One radix-2 stage on `x` ([batch..., N, 2]) in bit-reversed-then-merged
/// order: within every block of 2 `half` elements, the element at offset
/// p < half and its partner at p + half become a + w b and a - w b, with
/// w = twiddle[p * N / (2 half)].
Value butterflyStage(ImplicitLocOpBuilder &b, Value x, Value twiddles,
                     int64_t half) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank(), n = type.getDimSize(rank - 2);
  return buildGather(
      b, type, {}, {},
      [&](ImplicitLocOpBuilder &ib, ArrayRef<Value> at, ValueRange) {
        Value position = at[rank - 2], part = at[rank - 1];
        Value zero = indexConstant(ib, 0), one = indexConstant(ib, 1);
        Value offset =
            arith::RemUIOp::create(ib, position, indexConstant(ib, 2 * half));
        Value p = arith::RemUIOp::create(ib, offset, indexConstant(ib, half));
        Value first = arith::AddIOp::create(
            ib, arith::SubIOp::create(ib, position, offset), p);
        Value second =
            arith::AddIOp::create(ib, first, indexConstant(ib, half));
        Value twiddle =
            arith::MulIOp::create(ib, p, indexConstant(ib, n / (2 * half)));
        auto read = [&](Value sequenceIndex, Value component) {
          SmallVector<Value> from(at);
          from[rank - 2] = sequenceIndex;
          from[rank - 1] = component;
          return tensor::ExtractOp::create(ib, x, from).getResult();
        };
        Value ar = read(first, zero), ai = read(first, one);
        Value br = read(second, zero), bi = read(second, one);
        Value wr = tensor::ExtractOp::create(ib, twiddles, {twiddle, zero});
        Value wi = tensor::ExtractOp::create(ib, twiddles, {twiddle, one});
        // t = w b, complex.
        Value tr = arith::SubFOp::create(ib, arith::MulFOp::create(ib, wr, br),
                                         arith::MulFOp::create(ib, wi, bi));
        Value ti = arith::AddFOp::create(ib, arith::MulFOp::create(ib, wr, bi),
                                         arith::MulFOp::create(ib, wi, br));
        Value isFirst = arith::CmpIOp::create(ib, arith::CmpIPredicate::ult,
                                              offset, indexConstant(ib, half));
        Value isReal =
            arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, part, zero);
        Value a = arith::SelectOp::create(ib, isReal, ar, ai);
        Value t = arith::SelectOp::create(ib, isReal, tr, ti);
        return arith::SelectOp::create(ib, isFirst,
                                       arith::AddFOp::create(ib, a, t),
                                       arith::SubFOp::create(ib, a, t));
      });
}

struct FftLowering : OpConversionPattern<FftOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FftOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    int64_t n = type.getDimSize(type.getRank() - 2);
    Value x = adaptor.getInput();
    if (n > 1) {
      x = bitReversed(b, x);
      Value twiddles =
          twiddleTable(b, type.getElementType(), n, op.getInverse());
      for (int64_t half = 1; half < n; half *= 2)
        x = butterflyStage(b, x, twiddles, half);
    }
    double scale = op.getScale();
    if (scale != 1.0)
      x = scaleBy(b, x, scale);
    rewriter.replaceOp(op, x);
    return success();
  }
};

} // namespace

void nnc::populateNumericLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<SolveLowering, FftLowering>(patterns.getContext());
}
