//===- NNToLinalg.cpp - Lowering nn ops to linalg on tensors --------------===//
//
// Each nn op becomes structured ops on tensors. Elementwise ops differ only in
// their scalar body (`scalarOf` overloads below); reductions, softmax-like
// ops and cross-entropy compose the builders of LinalgBuilders.h; the other
// losses lower in LossLowering.cpp.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/Passes.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"
#include "passes/lower/ScanLoop.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

namespace nnc {
#define GEN_PASS_DEF_LOWERNNTOLINALG
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

//===----------------------------------------------------------------------===//
// Scalar formulas
//===----------------------------------------------------------------------===//

Value constantFor(ImplicitLocOpBuilder &b, Value like, double value) {
  return floatConstant(b, like.getType(), value);
}

Value sigmoidOf(ImplicitLocOpBuilder &b, Value x) {
  Value one = constantFor(b, x, 1.0);
  Value e = math::ExpOp::create(b, arith::NegFOp::create(b, x));
  return arith::DivFOp::create(b, one, arith::AddFOp::create(b, one, e));
}

/// PyTorch's softplus: `x` where `beta x > threshold`, else
/// `log1p(exp(beta x)) / beta`.
Value softplusOf(ImplicitLocOpBuilder &b, Value x, double beta,
                 double threshold) {
  Value bx = arith::MulFOp::create(b, x, constantFor(b, x, beta));
  Value soft = arith::DivFOp::create(
      b, math::Log1pOp::create(b, math::ExpOp::create(b, bx)),
      constantFor(b, x, beta));
  Value linear = arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, bx,
                                       constantFor(b, x, threshold));
  return arith::SelectOp::create(b, linear, x, soft);
}

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

Value scalarOf(NegOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return arith::NegFOp::create(b, a[0]);
}
Value scalarOf(AbsOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::AbsFOp::create(b, a[0]);
}
Value scalarOf(ExpOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::ExpOp::create(b, a[0]);
}
Value scalarOf(LogOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::LogOp::create(b, a[0]);
}
Value scalarOf(SqrtOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::SqrtOp::create(b, a[0]);
}
Value scalarOf(RsqrtOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::RsqrtOp::create(b, a[0]);
}
Value scalarOf(SigmoidOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return sigmoidOf(b, a[0]);
}
Value scalarOf(TanhOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::TanhOp::create(b, a[0]);
}
Value scalarOf(ReluOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return arith::MaximumFOp::create(b, a[0], constantFor(b, a[0], 0.0));
}
Value scalarOf(SiluOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return arith::MulFOp::create(b, a[0], sigmoidOf(b, a[0]));
}
Value scalarOf(MishOp, ImplicitLocOpBuilder &b, ValueRange a) {
  Value sp = softplusOf(b, a[0], 1.0, 20.0);
  return arith::MulFOp::create(b, a[0], math::TanhOp::create(b, sp));
}
Value scalarOf(SoftplusOp op, ImplicitLocOpBuilder &b, ValueRange a) {
  return softplusOf(b, a[0], op.getBeta().convertToDouble(),
                    op.getThreshold().convertToDouble());
}
Value scalarOf(LeakyReluOp op, ImplicitLocOpBuilder &b, ValueRange a) {
  Value x = a[0];
  Value scaled = arith::MulFOp::create(
      b, x, constantFor(b, x, op.getNegativeSlope().convertToDouble()));
  Value positive = arith::CmpFOp::create(b, arith::CmpFPredicate::OGE, x,
                                         constantFor(b, x, 0.0));
  return arith::SelectOp::create(b, positive, x, scaled);
}
Value scalarOf(EluOp op, ImplicitLocOpBuilder &b, ValueRange a) {
  Value x = a[0];
  Value negative = arith::MulFOp::create(
      b, math::ExpM1Op::create(b, x),
      constantFor(b, x, op.getAlpha().convertToDouble()));
  Value positive = arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, x,
                                         constantFor(b, x, 0.0));
  return arith::SelectOp::create(b, positive, x, negative);
}
Value scalarOf(GeluOp op, ImplicitLocOpBuilder &b, ValueRange a) {
  Value x = a[0];
  Value half = constantFor(b, x, 0.5);
  Value one = constantFor(b, x, 1.0);
  Value inner;
  if (op.getApproximate() == "tanh") {
    Value x3 = arith::MulFOp::create(b, x, arith::MulFOp::create(b, x, x));
    Value poly = arith::AddFOp::create(
        b, x, arith::MulFOp::create(b, x3, constantFor(b, x, 0.044715)));
    Value scaled = arith::MulFOp::create(
        b, poly, constantFor(b, x, std::sqrt(2.0 / M_PI)));
    inner = math::TanhOp::create(b, scaled);
  } else {
    inner = math::ErfOp::create(
        b, arith::MulFOp::create(b, x, constantFor(b, x, M_SQRT1_2)));
  }
  return arith::MulFOp::create(
      b, arith::MulFOp::create(b, half, x), arith::AddFOp::create(b, one, inner));
}

Value scalarOf(ErfOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::ErfOp::create(b, a[0]);
}
Value scalarOf(SinOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::SinOp::create(b, a[0]);
}
Value scalarOf(CosOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::CosOp::create(b, a[0]);
}
Value scalarOf(SignOp, ImplicitLocOpBuilder &b, ValueRange a) {
  Value x = a[0], zero = constantFor(b, x, 0.0);
  Value negative = arith::SelectOp::create(
      b, arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, x, zero),
      constantFor(b, x, -1.0), zero);
  return arith::SelectOp::create(
      b, arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, x, zero),
      constantFor(b, x, 1.0), negative);
}

Value scalarOf(AddOp, ImplicitLocOpBuilder &b, ValueRange a) {
  if (isFloat(a[0]))
    return arith::AddFOp::create(b, a[0], a[1]);
  return arith::AddIOp::create(b, a[0], a[1]);
}
Value scalarOf(SubOp, ImplicitLocOpBuilder &b, ValueRange a) {
  if (isFloat(a[0]))
    return arith::SubFOp::create(b, a[0], a[1]);
  return arith::SubIOp::create(b, a[0], a[1]);
}
Value scalarOf(MulOp, ImplicitLocOpBuilder &b, ValueRange a) {
  if (isFloat(a[0]))
    return arith::MulFOp::create(b, a[0], a[1]);
  return arith::MulIOp::create(b, a[0], a[1]);
}
Value scalarOf(MaximumOp, ImplicitLocOpBuilder &b, ValueRange a) {
  if (isFloat(a[0]))
    return arith::MaximumFOp::create(b, a[0], a[1]);
  return arith::MaxSIOp::create(b, a[0], a[1]);
}
Value scalarOf(MinimumOp, ImplicitLocOpBuilder &b, ValueRange a) {
  if (isFloat(a[0]))
    return arith::MinimumFOp::create(b, a[0], a[1]);
  return arith::MinSIOp::create(b, a[0], a[1]);
}
Value scalarOf(DivOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return arith::DivFOp::create(b, a[0], a[1]);
}
Value scalarOf(PowOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return math::PowFOp::create(b, a[0], a[1]);
}

Value scalarOf(CompareOp op, ImplicitLocOpBuilder &b, ValueRange a) {
  using P = ComparePredicate;
  if (isFloat(a[0])) {
    static const arith::CmpFPredicate kFloat[] = {
        arith::CmpFPredicate::OEQ, arith::CmpFPredicate::UNE,
        arith::CmpFPredicate::OLT, arith::CmpFPredicate::OLE,
        arith::CmpFPredicate::OGT, arith::CmpFPredicate::OGE};
    return arith::CmpFOp::create(
        b, kFloat[static_cast<int>(op.getPredicate())], a[0], a[1]);
  }
  static const arith::CmpIPredicate kInteger[] = {
      arith::CmpIPredicate::eq,  arith::CmpIPredicate::ne,
      arith::CmpIPredicate::slt, arith::CmpIPredicate::sle,
      arith::CmpIPredicate::sgt, arith::CmpIPredicate::sge};
  // i1 masks order as PyTorch's bools, false < true; signed, true is -1.
  static const arith::CmpIPredicate kBool[] = {
      arith::CmpIPredicate::eq,  arith::CmpIPredicate::ne,
      arith::CmpIPredicate::ult, arith::CmpIPredicate::ule,
      arith::CmpIPredicate::ugt, arith::CmpIPredicate::uge};
  static_assert(static_cast<int>(P::ge) == 5, "table order is the enum's");
  const arith::CmpIPredicate *table =
      a[0].getType().isInteger(1) ? kBool : kInteger;
  return arith::CmpIOp::create(
      b, table[static_cast<int>(op.getPredicate())], a[0], a[1]);
}
Value scalarOf(SelectOp, ImplicitLocOpBuilder &b, ValueRange a) {
  return arith::SelectOp::create(b, a[0], a[1], a[2]);
}

/// Any op that is one scalar formula applied elementwise.
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value result = buildElementwise(
        b, type, adaptor.getOperands(),
        [&](ImplicitLocOpBuilder &inner, ValueRange args) {
          return scalarOf(op, inner, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions and softmax
//===----------------------------------------------------------------------===//

Value maxOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
              bool keepdim) {
  return buildReduction(
      b, x, axes, keepdim,
      b.getFloatAttr(elementTypeOf(x), -INFINITY),
      [](ImplicitLocOpBuilder &ib, Value acc, Value v) -> Value {
        return arith::MaximumFOp::create(ib, acc, v);
      });
}

/// The product of `x` over `axes`, starting from 1.
Value productOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
                  bool keepdim) {
  return buildReduction(
      b, x, axes, keepdim, b.getFloatAttr(elementTypeOf(x), 1.0),
      [](ImplicitLocOpBuilder &ib, Value acc, Value v) -> Value {
        return arith::MulFOp::create(ib, acc, v);
      });
}

/// The maximum of `x` over `axes` (kept as unit axes), with a non-finite
/// maximum (an all -inf slice) replaced by 0 so that subtracting it is safe.
Value safeMaxOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes) {
  Value m = maxOver(b, x, axes, /*keepdim=*/true);
  return mapLike(b, m, m, [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
    Value finite = math::IsFiniteOp::create(ib, a[0]);
    return arith::SelectOp::create(ib, finite, a[0],
                                   constantFor(ib, a[0], 0.0));
  });
}

/// `x - m` for the safe maximum `m` over `axes`: the largest element becomes
/// 0, so exponentials cannot overflow.
Value shiftByMax(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
                 Value &m) {
  m = safeMaxOver(b, x, axes);
  return subtract(b, x, m);
}

/// `log(sum(exp(shifted)))` over `axes`, kept as unit axes.
Value logSumExpOfShifted(ImplicitLocOpBuilder &b, Value shifted,
                         ArrayRef<int64_t> axes) {
  Value e = mapLike(b, shifted, shifted,
                    [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                      return math::ExpOp::create(ib, a[0]);
                    });
  Value sum = sumOver(b, e, axes, /*keepdim=*/true);
  return mapLike(b, sum, sum,
                 [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                   return math::LogOp::create(ib, a[0]);
                 });
}

/// `log(sum(exp(x - m))) + m` over `axes` with `m` the maximum; an all -inf
/// slice gives -inf as PyTorch does.
Value logSumExpOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
                    bool keepdim) {
  Value m;
  Value shifted = shiftByMax(b, x, axes, m);
  Value lse = mapLike(b, m, {logSumExpOfShifted(b, shifted, axes), m},
                      [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                        return arith::AddFOp::create(ib, a[0], a[1]);
                      });
  if (keepdim)
    return lse;
  // Drop the unit axes through a reduction over them (a copy).
  return sumOver(b, lse, axes, /*keepdim=*/false);
}

template <typename OpTy>
struct ReductionLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    SmallVector<int64_t> axes = reductionAxes(op.getAxes(), type.getRank());
    bool keepdim = op.getKeepdim();
    Value result;
    if constexpr (std::is_same_v<OpTy, ReduceSumOp>) {
      result = sumOver(b, input, axes, keepdim);
    } else if constexpr (std::is_same_v<OpTy, ReduceMeanOp>) {
      result = meanOver(b, input, axes, keepdim);
    } else if constexpr (std::is_same_v<OpTy, ReduceMaxOp>) {
      result = maxOver(b, input, axes, keepdim);
    } else if constexpr (std::is_same_v<OpTy, ReduceProdOp>) {
      result = productOver(b, input, axes, keepdim);
    } else {
      result = logSumExpOver(b, input, axes, keepdim);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `(x - m) - log(sum(exp(x - m)))` along one axis. Subtracting the maximum
/// first keeps the result exact next to large logits (1e4 and beyond), where
/// forming `m + log(sum)` would round away the small terms.
Value logSoftmaxAlong(ImplicitLocOpBuilder &b, Value x, int64_t axis) {
  Value m;
  Value shifted = shiftByMax(b, x, {axis}, m);
  return subtract(b, shifted, logSumExpOfShifted(b, shifted, {axis}));
}

struct SoftmaxLowering : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value x = adaptor.getInput();
    int64_t axis = *normalizeAxis(op.getAxis(), op.getType().getRank());
    Value m;
    Value shifted = shiftByMax(b, x, {axis}, m);
    Value e = mapLike(b, x, shifted,
                      [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                        return math::ExpOp::create(ib, a[0]);
                      });
    Value s = sumOver(b, e, {axis}, /*keepdim=*/true);
    rewriter.replaceOp(
        op, mapLike(b, x, {e, s},
                    [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                      return arith::DivFOp::create(ib, a[0], a[1]);
                    }));
    return success();
  }
};

struct LogSoftmaxLowering : OpConversionPattern<LogSoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LogSoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    int64_t axis = *normalizeAxis(op.getAxis(), op.getType().getRank());
    rewriter.replaceOp(op, logSoftmaxAlong(b, adaptor.getInput(), axis));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

/// When `operand` is an nn.transpose that swaps only its last two
/// dimensions, the (converted) value it transposes, which a transposed-A or
/// transposed-B matmul reads in place; else null.
Value transposedSource(Value operand, ConversionPatternRewriter &rewriter) {
  auto transpose = operand.getDefiningOp<TransposeOp>();
  if (!transpose)
    return {};
  ArrayRef<int64_t> perm = transpose.getPerm();
  int64_t rank = perm.size();
  for (int64_t d = 0; d < rank - 2; ++d)
    if (perm[d] != d)
      return {};
  if (rank < 2 || perm[rank - 2] != rank - 1 || perm[rank - 1] != rank - 2)
    return {};
  return rewriter.getRemappedValue(transpose.getInput());
}

/// The [M, N] product of `lhs` ([M, K]) and `rhs` ([K, N]), each given
/// instead as the [K, M] or [N, K] value it transposes where it is one
/// (`transposedLhs`, `transposedRhs`): a transposed-A or transposed-B
/// matmul reads it in place.
Value matrixProduct(ImplicitLocOpBuilder &b, Value lhs, Value transposedLhs,
                    Value rhs, Value transposedRhs,
                    RankedTensorType productType) {
  Value acc = filledTensor(b, productType,
                           b.getFloatAttr(productType.getElementType(), 0.0));
  if (transposedRhs)
    return linalg::MatmulTransposeBOp::create(
               b, b.getLoc(), TypeRange{productType},
               ValueRange{lhs, transposedRhs}, ValueRange{acc})
        .getResult(0);
  if (transposedLhs)
    return linalg::MatmulTransposeAOp::create(
               b, b.getLoc(), TypeRange{productType},
               ValueRange{transposedLhs, rhs}, ValueRange{acc})
        .getResult(0);
  return linalg::MatmulOp::create(b, ValueRange{lhs, rhs}, ValueRange{acc})
      .getResult(0);
}

/// `value`'s last two dimensions as a matrix (its leading ones all 1).
Value lastTwoAsMatrix(ImplicitLocOpBuilder &b, Value value) {
  if (!value)
    return value;
  ArrayRef<int64_t> shape = cast<RankedTensorType>(value.getType()).getShape();
  return reshapeTo(b, value, shape.take_back(2));
}

struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    int64_t rank = type.getRank();
    if (cast<RankedTensorType>(rhs.getType()).getRank() == 2) {
      // [batch..., M, K] by one [K, N] matrix is one [batch * M, K] by
      // [K, N] product: the rows of every batch are rows of one matrix.
      // x * transpose(w) (a linear layer, a gradient through one) reads w
      // in place through a transposed-B matmul instead of copying w^T, and
      // transpose(x) * y (a weight gradient) reads x through a
      // transposed-A one.
      SmallVector<int64_t> rowsShape = {lhsType.getNumElements() /
                                            lhsType.getShape().back(),
                                        lhsType.getShape().back()};
      Value product = matrixProduct(
          b, rank == 2 ? lhs : reshapeTo(b, lhs, rowsShape),
          rank == 2 ? transposedSource(op.getLhs(), rewriter) : Value(), rhs,
          transposedSource(op.getRhs(), rewriter),
          RankedTensorType::get({rowsShape[0], type.getShape().back()},
                                type.getElementType()));
      rewriter.replaceOp(op, rank == 2 ? product
                                       : reshapeTo(b, product, type.getShape()));
      return success();
    }
    // Unit batch dimensions on every side (a tile of one head, as flash
    // attention takes them): one matrix product, reading a transposed
    // operand in place on either side.
    auto allOnes = [](ArrayRef<int64_t> shape) {
      return llvm::all_of(shape.drop_back(2),
                          [](int64_t extent) { return extent == 1; });
    };
    if (allOnes(type.getShape()) && allOnes(lhsType.getShape()) &&
        allOnes(cast<RankedTensorType>(rhs.getType()).getShape())) {
      Value product = matrixProduct(
          b, lastTwoAsMatrix(b, lhs),
          lastTwoAsMatrix(b, transposedSource(op.getLhs(), rewriter)),
          lastTwoAsMatrix(b, rhs),
          lastTwoAsMatrix(b, transposedSource(op.getRhs(), rewriter)),
          RankedTensorType::get(type.getShape().take_back(2),
                                type.getElementType()));
      rewriter.replaceOp(op, reshapeTo(b, product, type.getShape()));
      return success();
    }
    // Equal batch dimensions on both sides: one linalg.batch_matmul over the
    // batch dimensions collapsed into one (transposed-B when the rhs is a
    // transpose of its last two dimensions, read in place).
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    ArrayRef<int64_t> batchShape = type.getShape().drop_back(2);
    if (lhsType.getShape().drop_back(2) == batchShape &&
        rhsType.getShape().drop_back(2) == batchShape) {
      int64_t batches = 1;
      for (int64_t extent : batchShape)
        batches *= extent;
      auto collapse = [&](Value value) {
        ArrayRef<int64_t> shape =
            cast<RankedTensorType>(value.getType()).getShape();
        return reshapeTo(b, value,
                         {batches, shape[shape.size() - 2], shape.back()});
      };
      Value flatAcc = filledTensor(
          b,
          RankedTensorType::get({batches, type.getDimSize(type.getRank() - 2),
                                 type.getShape().back()},
                                type.getElementType()),
          b.getFloatAttr(type.getElementType(), 0.0));
      Value product;
      if (Value keys = transposedSource(op.getRhs(), rewriter)) {
        product = linalg::BatchMatmulTransposeBOp::create(
                      b, b.getLoc(), TypeRange{flatAcc.getType()},
                      ValueRange{collapse(lhs), collapse(keys)},
                      ValueRange{flatAcc})
                      .getResult(0);
      } else {
        product = linalg::BatchMatmulOp::create(
                      b, TypeRange{flatAcc.getType()},
                      ValueRange{collapse(lhs), collapse(rhs)},
                      ValueRange{flatAcc})
                      .getResult(0);
      }
      rewriter.replaceOp(op, reshapeTo(b, product, type.getShape()));
      return success();
    }
    // Broadcast batches: loops (batch..., m, n, k); each operand reads its
    // own batch dimensions, broadcast against the result's.
    Value acc =
        filledTensor(b, type, b.getFloatAttr(type.getElementType(), 0.0));
    MLIRContext *context = b.getContext();
    int64_t batchRank = type.getRank() - 2;
    int64_t loops = batchRank + 3;
    auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
    auto operandMap = [&](Value operand, AffineExpr row, AffineExpr col) {
      ArrayRef<int64_t> shape =
          cast<RankedTensorType>(operand.getType()).getShape();
      int64_t lead = batchRank - (shape.size() - 2);
      SmallVector<AffineExpr> exprs;
      for (size_t i = 0; i + 2 < shape.size(); ++i)
        exprs.push_back(shape[i] == 1 && type.getDimSize(lead + i) != 1
                            ? getAffineConstantExpr(0, context)
                            : dim(lead + i));
      exprs.push_back(row);
      exprs.push_back(col);
      return AffineMap::get(loops, 0, exprs, context);
    };
    AffineExpr m = dim(batchRank), n = dim(batchRank + 1),
               k = dim(batchRank + 2);
    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < batchRank; ++d)
      outExprs.push_back(dim(d));
    outExprs.append({m, n});
    SmallVector<AffineMap> maps = {operandMap(lhs, m, k),
                                   operandMap(rhs, k, n),
                                   AffineMap::get(loops, 0, outExprs, context)};
    SmallVector<utils::IteratorType> iterators(loops - 1,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type}, ValueRange{lhs, rhs}, ValueRange{acc}, maps,
        iterators, [](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value product = arith::MulFOp::create(ib, args[0], args[1]);
          linalg::YieldOp::create(ib,
                                  arith::AddFOp::create(ib, args[2], product)
                                      .getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(
        op, reshapeTo(b, adaptor.getInput(), op.getType().getShape()));
    return success();
  }
};

/// The transpose of a 2-d product with one transposed operand, (a^T b)^T or
/// (a b^T)^T (a weight's gradient through x w^T), is the product the other
/// way round, b^T a or b a^T: one matmul that reads an operand transposed in
/// place instead of a product and then a transposed copy of it.
struct TransposedProductLowering : OpConversionPattern<TransposeOp> {
  TransposedProductLowering(MLIRContext *context)
      : OpConversionPattern(context, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto product = op.getInput().getDefiningOp<MatmulOp>();
    RankedTensorType type = op.getType();
    if (!product || type.getRank() != 2 || !product->hasOneUse() ||
        cast<RankedTensorType>(product.getLhs().getType()).getRank() != 2 ||
        cast<RankedTensorType>(product.getRhs().getType()).getRank() != 2)
      return rewriter.notifyMatchFailure(op, "not the transpose of a 2-d "
                                             "product");
    // (a b)^T = b^T a^T: with a = x^T that is b^T x (b read transposed),
    // with b = w^T it is w a^T (a read transposed).
    Value lhsSource = transposedSource(product.getLhs(), rewriter);
    Value rhsSource = transposedSource(product.getRhs(), rewriter);
    if (!lhsSource == !rhsSource)
      return rewriter.notifyMatchFailure(op, "not exactly one operand is a "
                                             "transpose");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value acc =
        filledTensor(b, type, b.getFloatAttr(type.getElementType(), 0.0));
    Value swapped;
    if (lhsSource) {
      Value other = rewriter.getRemappedValue(product.getRhs());
      swapped = linalg::MatmulTransposeAOp::create(
                    b, b.getLoc(), TypeRange{type},
                    ValueRange{other, lhsSource}, ValueRange{acc})
                    .getResult(0);
    } else {
      Value other = rewriter.getRemappedValue(product.getLhs());
      swapped = linalg::MatmulTransposeBOp::create(
                    b, b.getLoc(), TypeRange{type},
                    ValueRange{rhsSource, other}, ValueRange{acc})
                    .getResult(0);
    }
    rewriter.replaceOp(op, swapped);
    return success();
  }
};

/// nn.transpose as linalg.transpose, or as a reshape where it moves only
/// dimensions of extent 1.
struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    // A permutation that keeps the order of the dimensions of extent other
    // than 1 (a batch of 1 moved from first to second, as exported
    // sequence-first models do) only reshapes: a view, not a copy.
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    SmallVector<int64_t> moved;
    for (int64_t d : op.getPerm())
      if (inputType.getDimSize(d) != 1)
        moved.push_back(d);
    if (inputType.hasStaticShape() && llvm::is_sorted(moved)) {
      rewriter.replaceOp(op, reshapeTo(b, adaptor.getInput(), type.getShape()));
      return success();
    }
    Value init =
        tensor::EmptyOp::create(b, type.getShape(), type.getElementType());
    auto transpose =
        linalg::TransposeOp::create(b, adaptor.getInput(), init, op.getPerm());
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

struct BroadcastToLowering : OpConversionPattern<BroadcastToOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastToOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(
        op, buildElementwise(b, op.getType(), adaptor.getInput(),
                             [](ImplicitLocOpBuilder &, ValueRange a) {
                               return a[0];
                             }));
    return success();
  }
};

struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getType();
    // An empty slice may start at the end of a dimension (x[8:8]), which
    // tensor.extract_slice rejects as out of bounds; it holds no data.
    if (type.getNumElements() == 0) {
      rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(),
                                                   type.getElementType());
      return success();
    }
    SmallVector<int64_t> steps(type.getRank(), 1);
    if (auto given = op.getSteps())
      steps.assign(given->begin(), given->end());
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, adaptor.getInput(), ValueRange{}, ValueRange{}, ValueRange{},
        op.getStarts(), type.getShape(), steps);
    return success();
  }
};

struct SliceScatterLowering : OpConversionPattern<SliceScatterOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceScatterOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto source = cast<RankedTensorType>(op.getSource().getType());
    if (source.getNumElements() == 0) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    SmallVector<int64_t> steps(source.getRank(), 1);
    if (auto given = op.getSteps())
      steps.assign(given->begin(), given->end());
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getSource(), adaptor.getInput(), ValueRange{},
        ValueRange{}, ValueRange{}, op.getStarts(), source.getShape(), steps);
    return success();
  }
};

struct StopGradientLowering : OpConversionPattern<StopGradientOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StopGradientOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// result[i..., c] = labels[i...] == c.
struct OneHotLowering : OpConversionPattern<OneHotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OneHotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    MLIRContext *context = op.getContext();
    SmallVector<AffineExpr> labelDims;
    for (int64_t d = 0; d + 1 < rank; ++d)
      labelDims.push_back(getAffineDimExpr(d, context));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, labelDims, context),
        AffineMap::getMultiDimIdentityMap(rank, context)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value init = tensor::EmptyOp::create(rewriter, op.getLoc(),
                                         type.getShape(),
                                         type.getElementType());
    auto generic = linalg::GenericOp::create(
        rewriter, op.getLoc(), type, adaptor.getLabels(), init, maps,
        iterators, [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder b(loc, nested);
          // Compared as indices: the class number cast to a narrow label
          // type could wrap around onto a label (class 300 as i8 is 44).
          Value label = arith::IndexCastOp::create(b, b.getIndexType(),
                                                   args[0]);
          Value hit = arith::CmpIOp::create(
              b, arith::CmpIPredicate::eq, label,
              linalg::IndexOp::create(b, rank - 1));
          Type element = type.getElementType();
          Value one, zero;
          if (isa<FloatType>(element)) {
            one = floatConstant(b, element, 1.0);
            zero = floatConstant(b, element, 0.0);
          } else {
            one = arith::ConstantOp::create(b, b.getIntegerAttr(element, 1));
            zero = arith::ConstantOp::create(b, b.getIntegerAttr(element, 0));
          }
          linalg::YieldOp::create(b, arith::SelectOp::create(b, hit, one,
                                                             zero).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// The scan's counted loop (ScanLoop.h); its body's nn ops lower in turn.
struct ScanLowering : OpConversionPattern<ScanOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScanOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildScanLoop(rewriter, op).getResults());
    return success();
  }
};

struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    int64_t axis = *normalizeAxis(op.getAxis(), type.getRank());
    Value result =
        tensor::EmptyOp::create(b, type.getShape(), type.getElementType());
    SmallVector<int64_t> offsets(type.getRank(), 0);
    SmallVector<int64_t> strides(type.getRank(), 1);
    for (Value input : adaptor.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      // An empty input adds nothing, and tensor.insert_slice would reject
      // its offset at the end of the axis as out of bounds.
      if (inputType.getNumElements() == 0)
        continue;
      ArrayRef<int64_t> shape = inputType.getShape();
      result = tensor::InsertSliceOp::create(b, input, result, ValueRange{},
                                             ValueRange{}, ValueRange{},
                                             offsets, shape, strides);
      offsets[axis] += shape[axis];
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

/// -log_softmax(x)[target] per row without the log-probabilities as a
/// tensor: with `m` the row's maximum and `L = log(sum(exp(x - m)))`, it is
/// `L - (x[t] - m)`, and for class probabilities `t` it is
/// `L * sum(t) - sum(t * (x - m))`. The logits are read once for the maximum
/// and once for the sums.
struct CrossEntropyLowering : OpConversionPattern<CrossEntropyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CrossEntropyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value logits = adaptor.getLogits(), target = adaptor.getTarget();
    auto logitsType = cast<RankedTensorType>(logits.getType());
    Type elementType = logitsType.getElementType();
    int64_t n = logitsType.getDimSize(0);
    Value keptMax;
    Value shifted = shiftByMax(b, logits, {1}, keptMax);
    Value logSum = reshapeTo(b, logSumExpOfShifted(b, shifted, {1}), {n});
    auto rowsType = RankedTensorType::get({n}, elementType);
    Value perRow;
    if (target.getType() == logits.getType()) {
      TypedAttr zero = b.getFloatAttr(elementType, 0.0);
      SmallVector<Value> sums = buildReductions(
          b, {target, logits, keptMax}, {1}, /*keepdim=*/false, {zero, zero},
          [](ImplicitLocOpBuilder &ib, ValueRange acc,
             ValueRange a) -> SmallVector<Value> {
            Value deviation = arith::SubFOp::create(ib, a[1], a[2]);
            return {
                arith::AddFOp::create(ib, acc[0], a[0]),
                arith::AddFOp::create(
                    ib, acc[1], arith::MulFOp::create(ib, a[0], deviation))};
          });
      perRow = buildElementwise(
          b, rowsType, {logSum, sums[0], sums[1]},
          [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
            return arith::SubFOp::create(
                ib, arith::MulFOp::create(ib, a[0], a[1]), a[2]);
          });
    } else {
      perRow = buildElementwise(
          b, rowsType, {target, logSum, reshapeTo(b, keptMax, {n})},
          [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
            Value row = linalg::IndexOp::create(ib, 0);
            Value cls =
                arith::IndexCastOp::create(ib, ib.getIndexType(), a[0]);
            Value logit =
                tensor::ExtractOp::create(ib, logits, ValueRange{row, cls});
            return arith::SubFOp::create(
                ib, a[1], arith::SubFOp::create(ib, logit, a[2]));
          });
    }
    rewriter.replaceOp(op, reduceLoss(b, perRow, op.getReduction()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// Gives each repeated tensor operand of a func.return its own copy:
/// buffer-results-to-out-params cannot store one buffer into two out
/// params (MLIR 22 crashes on it), and a gradient function can return one
/// value twice (the biases of two batch norms summed into one value get
/// the same gradient, which CSE merges).
static void copyRepeatedResults(func::ReturnOp ret) {
  llvm::SmallPtrSet<Value, 8> seen;
  OpBuilder b(ret);
  for (OpOperand &operand : ret->getOpOperands()) {
    Value value = operand.get();
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || seen.insert(value).second)
      continue;
    Value empty = tensor::EmptyOp::create(b, ret.getLoc(), type.getShape(),
                                          type.getElementType());
    operand.set(linalg::CopyOp::create(b, ret.getLoc(), value, empty)
                    .getResult(0));
  }
}

struct LowerNNToLinalgPass
    : nnc::impl::LowerNNToLinalgBase<LowerNNToLinalgPass> {
  void runOnOperation() override {
    ConversionTarget target(getContext());
    target.addIllegalDialect<NNDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect>();
    RewritePatternSet patterns(&getContext());
    populateNNToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      return signalPassFailure();
    getOperation()->walk(copyRepeatedResults);
  }
};

} // namespace

void nnc::populateNNToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns
      .add<ElementwiseLowering<NegOp>, ElementwiseLowering<AbsOp>,
           ElementwiseLowering<ExpOp>, ElementwiseLowering<LogOp>,
           ElementwiseLowering<SqrtOp>, ElementwiseLowering<RsqrtOp>,
           ElementwiseLowering<SigmoidOp>, ElementwiseLowering<TanhOp>,
           ElementwiseLowering<ReluOp>, ElementwiseLowering<SiluOp>,
           ElementwiseLowering<MishOp>, ElementwiseLowering<SoftplusOp>,
           ElementwiseLowering<LeakyReluOp>, ElementwiseLowering<EluOp>,
           ElementwiseLowering<GeluOp>, ElementwiseLowering<AddOp>,
           ElementwiseLowering<SubOp>, ElementwiseLowering<MulOp>,
           ElementwiseLowering<DivOp>, ElementwiseLowering<PowOp>,
           ElementwiseLowering<MaximumOp>, ElementwiseLowering<MinimumOp>,
           ElementwiseLowering<ErfOp>, ElementwiseLowering<SinOp>,
           ElementwiseLowering<CosOp>, ElementwiseLowering<SignOp>,
           ElementwiseLowering<CompareOp>, ElementwiseLowering<SelectOp>,
           OneHotLowering, ScanLowering, SliceScatterLowering,
           StopGradientLowering, ReductionLowering<ReduceSumOp>,
           ReductionLowering<ReduceMeanOp>, ReductionLowering<ReduceMaxOp>,
           ReductionLowering<ReduceProdOp>, ReductionLowering<LogSumExpOp>,
           SoftmaxLowering, LogSoftmaxLowering, MatmulLowering, ReshapeLowering,
           TransposeLowering, TransposedProductLowering, BroadcastToLowering,
           SliceLowering, ConcatLowering, CrossEntropyLowering>(context);
  populateAttentionLoweringPatterns(patterns);
  populateConvolutionLoweringPatterns(patterns);
  populateIndexLoweringPatterns(patterns);
  populateLossLoweringPatterns(patterns);
  populateMathLoweringPatterns(patterns);
  populateNormalizationLoweringPatterns(patterns);
  populateNumericLoweringPatterns(patterns);
  populatePoolLoweringPatterns(patterns);
  populateRandomLoweringPatterns(patterns);
}
