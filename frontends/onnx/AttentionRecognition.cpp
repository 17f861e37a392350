//===- AttentionRecognition.cpp - Attention subgraphs to nn.attention -----===//
//
// Matches from each nn.softmax over the last axis: its consumer must be the
// matmul with the values, its input an optional mask on top of scalar
// constant factors (nn.mul / nn.div, and nn.pow of constants as torch
// exports `d ** -0.5`) on top of the score matmul, whose operands may carry
// scalar constant factors too. The mask is additive (nn.add) or a fill of
// -inf where a boolean condition holds (nn.select, as masked_fill exports);
// a constant one, or a comparison of constant positions, that masks exactly
// the keys after each query is the causal flag instead, so that the tiled
// attention skips those tiles. The keys are the
// score matmul's right operand with its last two axes swapped back (folded
// into the transpose that made it, if one did). Rank-3
// chains (torch.nn.MultiheadAttention's [batch * heads, L, D]) become
// rank-4 attention with batch 1 and reshapes around it.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/AttentionRecognition.h"

#include "ir/Broadcast.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <cmath>

using namespace mlir;
using namespace nnc::nn;

namespace nnc::onnx_import {

namespace {

/// The value of `value` when it is a float constant with one value (rank 0
/// or splat), or a power of two such constants.
std::optional<double> scalarConstant(Value value) {
  if (auto pow = value.getDefiningOp<PowOp>()) {
    std::optional<double> base = scalarConstant(pow.getLhs());
    std::optional<double> exponent = scalarConstant(pow.getRhs());
    if (!base || !exponent)
      return std::nullopt;
    return std::pow(*base, *exponent);
  }
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat() ||
      !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  return attr.getSplatValue<APFloat>().convertToDouble();
}

/// Whether `type` is [..., L, L] with every leading extent 1: the shape
/// of a causal mask over one sequence.
bool isSquareMaskShape(RankedTensorType type) {
  int64_t rank = type.getRank();
  if (rank < 2 || type.getDimSize(rank - 2) != type.getDimSize(rank - 1))
    return false;
  for (int64_t d = 0; d + 2 < rank; ++d)
    if (type.getDimSize(d) != 1)
      return false;
  return true;
}

/// Whether the constant mask `attr` (boolean: true keeps; else additive: 0
/// keeps, -inf masks) over [..., Lq, Lk], with every leading extent 1,
/// keeps exactly the keys j <= i of each query i: the causal mask.
bool isCausalMask(DenseElementsAttr attr) {
  auto type = cast<RankedTensorType>(attr.getType());
  int64_t rank = type.getRank();
  if (!isSquareMaskShape(type))
    return false;
  int64_t length = type.getDimSize(rank - 1);
  auto causalAt = [&](int64_t index) {
    return index % length <= index / length;
  };
  if (type.getElementType().isInteger(1)) {
    int64_t index = 0;
    for (bool keep : attr.getValues<bool>())
      if (keep != causalAt(index++))
        return false;
    return true;
  }
  if (!isa<FloatType>(type.getElementType()))
    return false;
  int64_t index = 0;
  for (const APFloat &bias : attr.getValues<APFloat>()) {
    bool keep = causalAt(index++);
    if (keep ? !bias.isZero() : !(bias.isInfinity() && bias.isNegative()))
      return false;
  }
  return true;
}

/// The values of a constant operand of a comparison over [..., L, L] that
/// varies along one of the last two axes only.
template <typename T> struct PositionVector {
  /// Which of the last two axes it varies along (rank - 2: the queries).
  bool alongQueries;
  std::vector<T> values;
};

/// `attr` (broadcast to a result of `rank` whose last two extents are
/// `length`) as a vector along the queries or the keys, if it is one.
template <typename T>
std::optional<PositionVector<T>> positionVector(DenseElementsAttr attr,
                                                int64_t rank, int64_t length) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(attr.getType()).getShape();
  if (int64_t(shape.size()) > rank || attr.getNumElements() != length)
    return std::nullopt;
  auto extent = [&](int64_t fromEnd) {
    return fromEnd < int64_t(shape.size()) ? shape[shape.size() - 1 - fromEnd]
                                           : int64_t(1);
  };
  PositionVector<T> vector;
  vector.alongQueries = extent(1) == length && extent(0) == 1;
  if (!vector.alongQueries && extent(0) != length)
    return std::nullopt;
  if constexpr (std::is_same_v<T, double>) {
    for (const APFloat &value : attr.getValues<APFloat>())
      vector.values.push_back(value.convertToDouble());
    if (llvm::any_of(vector.values, [](double v) { return std::isnan(v); }))
      return std::nullopt;
  } else {
    for (const APInt &value : attr.getValues<APInt>())
      vector.values.push_back(value.getSExtValue());
  }
  return vector;
}

/// Whether `lhs predicate rhs` (negated when `negate`) keeps exactly the
/// keys j <= i of each query i, for constant operands that vary along the
/// queries (r) and along the keys (c) respectively. Written as
/// keep(i, j) = c[j] P r[i], P an order, with c monotone so that each
/// row keeps a prefix of the keys (P < or <= with c non-decreasing, > or
/// >= with c non-increasing), the rows are causal exactly when each keeps
/// its diagonal and not the key after it.
template <typename T>
bool isCausalOrder(ComparePredicate predicate, DenseElementsAttr lhs,
                   DenseElementsAttr rhs, bool negate, int64_t rank,
                   int64_t length) {
  auto left = positionVector<T>(lhs, rank, length);
  auto right = positionVector<T>(rhs, rank, length);
  if (!left || !right || left->alongQueries == right->alongQueries)
    return false;
  using P = ComparePredicate;
  if (left->alongQueries) { // r P c: mirror to c P' r
    std::swap(left, right);
    predicate = predicate == P::lt   ? P::gt
                : predicate == P::le ? P::ge
                : predicate == P::gt ? P::lt
                : predicate == P::ge ? P::le
                                     : predicate;
  }
  if (negate)
    predicate = predicate == P::lt   ? P::ge
                : predicate == P::le ? P::gt
                : predicate == P::gt ? P::le
                : predicate == P::ge ? P::lt
                : predicate == P::eq ? P::ne
                                     : P::eq;
  const std::vector<T> &c = left->values, &r = right->values;
  bool ascending = predicate == P::lt || predicate == P::le;
  if (!ascending && predicate != P::gt && predicate != P::ge)
    return false;
  for (int64_t j = 0; j + 1 < length; ++j)
    if (ascending ? c[j] > c[j + 1] : c[j] < c[j + 1])
      return false;
  auto keep = [&](int64_t i, int64_t j) {
    switch (predicate) {
    case P::lt:
      return c[j] < r[i];
    case P::le:
      return c[j] <= r[i];
    case P::gt:
      return c[j] > r[i];
    default:
      return c[j] >= r[i];
    }
  };
  for (int64_t i = 0; i < length; ++i)
    if (!keep(i, i) || (i + 1 < length && keep(i, i + 1)))
      return false;
  return true;
}

/// Whether `condition` is a comparison of constant positions (torch's
/// `arange(L)[None, :] > arange(L)[:, None]`, too large to compute at
/// import time for long sequences) that keeps (when `keepWhere`; else masks)
/// exactly the causal positions of [..., L, L] with every leading extent 1.
bool isCausalComparison(Value condition, bool keepWhere) {
  auto compare = condition.getDefiningOp<CompareOp>();
  if (!compare)
    return false;
  auto type = cast<RankedTensorType>(compare.getType());
  int64_t rank = type.getRank();
  if (!isSquareMaskShape(type))
    return false;
  DenseElementsAttr lhs, rhs;
  if (!matchPattern(compare.getLhs(), m_Constant(&lhs)) ||
      !matchPattern(compare.getRhs(), m_Constant(&rhs)))
    return false;
  Type element = lhs.getElementType();
  int64_t length = type.getDimSize(rank - 1);
  if (isa<FloatType>(element))
    return isCausalOrder<double>(compare.getPredicate(), lhs, rhs, !keepWhere,
                                 rank, length);
  if (element.isSignlessInteger() && element.getIntOrFloatBitWidth() > 1)
    return isCausalOrder<int64_t>(compare.getPredicate(), lhs, rhs, !keepWhere,
                                  rank, length);
  return false;
}

/// The boolean constant `attr` with every element negated.
DenseElementsAttr negated(DenseElementsAttr attr) {
  SmallVector<bool> values;
  for (bool value : attr.getValues<bool>())
    values.push_back(!value);
  return DenseElementsAttr::get(cast<ShapedType>(attr.getType()), values);
}

/// Whether `value` is a constant -inf with one value.
bool isMinusInfinity(Value value) {
  std::optional<double> c = scalarConstant(value);
  return c && std::isinf(*c) && *c < 0;
}

/// Peels nn.mul and nn.div by scalar constants off `value` (the constant
/// as the right operand of either, or the left of a mul), multiplying
/// `scale` by their factors; returns what they scale and records the
/// peeled ops in `chain`.
Value peelScalarFactors(Value value, double &scale,
                        SmallVectorImpl<Operation *> &chain) {
  while (Operation *op = value.getDefiningOp()) {
    if (auto mul = dyn_cast<MulOp>(op)) {
      if (auto c = scalarConstant(mul.getRhs());
          c && mul.getLhs().getType() == value.getType()) {
        scale *= *c;
        chain.push_back(op);
        value = mul.getLhs();
        continue;
      }
      if (auto c = scalarConstant(mul.getLhs());
          c && mul.getRhs().getType() == value.getType()) {
        scale *= *c;
        chain.push_back(op);
        value = mul.getRhs();
        continue;
      }
    }
    if (auto div = dyn_cast<DivOp>(op)) {
      if (auto c = scalarConstant(div.getRhs());
          c && *c != 0.0 && div.getLhs().getType() == value.getType()) {
        scale /= *c;
        chain.push_back(op);
        value = div.getLhs();
        continue;
      }
    }
    break;
  }
  return value;
}

/// Erases the ops of `ops` that have no uses, then the producers of their
/// operands that this leaves unused and side-effect free (the constants and
/// the nn.pow of a folded scale, the condition of a select), and so on.
void eraseUnused(SmallVector<Operation *> ops) {
  llvm::SmallPtrSet<Operation *, 8> erased;
  while (!ops.empty()) {
    Operation *op = ops.pop_back_val();
    if (erased.contains(op) || !op->use_empty() || !isMemoryEffectFree(op))
      continue;
    for (Value operand : op->getOperands())
      if (Operation *producer = operand.getDefiningOp())
        ops.push_back(producer);
    erased.insert(op);
    op->erase();
  }
}

/// Rewrites the attention chain ending in `softmax`, if it is one.
void recognizeAt(SoftmaxOp softmax) {
  auto scoresType = cast<RankedTensorType>(softmax.getType());
  int64_t rank = scoresType.getRank();
  int64_t axis = static_cast<int64_t>(softmax.getAxis());
  if ((rank != 3 && rank != 4) || (axis != rank - 1 && axis != -1))
    return;
  if (!softmax->hasOneUse())
    return;
  auto output = dyn_cast<MatmulOp>(*softmax->getUsers().begin());
  if (!output || output.getLhs() != softmax.getResult())
    return;

  SmallVector<Operation *> chain{softmax};
  Value scores = softmax.getInput();
  Value mask;
  // The keep-mask when it is the negation of a select's constant condition
  // (`mask`), built only once the chain matches.
  DenseElementsAttr negatedMask;
  // Whether the select's condition is a comparison that masks causally.
  bool causalCondition = false;
  double scale = 1.0;
  scores = peelScalarFactors(scores, scale, chain);
  if (auto add = scores.getDefiningOp<AddOp>()) {
    // The scores are the operand that leads to the score matmul through
    // scalar factors; the mask is the other.
    auto leadsToScores = [&](Value operand, SmallVectorImpl<Operation *> &ops,
                             double &factor) {
      Value peeled = peelScalarFactors(operand, factor, ops);
      auto matmul = peeled.getDefiningOp<MatmulOp>();
      return matmul && matmul.getType() == scoresType;
    };
    SmallVector<Operation *> factors;
    double factor = 1.0;
    if (leadsToScores(add.getLhs(), factors, factor)) {
      mask = add.getRhs();
    } else {
      factors.clear();
      factor = 1.0;
      if (!leadsToScores(add.getRhs(), factors, factor))
        return;
      mask = add.getLhs();
    }
    chain.push_back(add);
    scores = mask == add.getRhs() ? add.getLhs() : add.getRhs();
    scores = peelScalarFactors(scores, scale, chain);
  } else if (auto select = scores.getDefiningOp<SelectOp>()) {
    // select(c, -inf, s) masks where c holds; select(c, s, -inf) keeps there.
    // A -inf fill commutes with the (positive) scale factors around it.
    Value condition = select.getCondition();
    if (isMinusInfinity(select.getTrueValue())) {
      DenseElementsAttr masked;
      causalCondition = isCausalComparison(condition, /*keepWhere=*/false);
      if (!causalCondition && !matchPattern(condition, m_Constant(&masked)))
        return;
      if (!causalCondition)
        negatedMask = negated(masked);
      mask = condition;
      scores = select.getFalseValue();
    } else if (isMinusInfinity(select.getFalseValue())) {
      causalCondition = isCausalComparison(condition, /*keepWhere=*/true);
      mask = condition;
      scores = select.getTrueValue();
    } else {
      return;
    }
    if (scores.getType() != scoresType)
      return;
    chain.push_back(select);
    scores = peelScalarFactors(scores, scale, chain);
    if (scale <= 0)
      return;
  }
  auto product = scores.getDefiningOp<MatmulOp>();
  if (!product || product.getType() != scoresType)
    return;
  chain.push_back(product);
  SmallVector<Operation *> operandFactors;
  Value query = peelScalarFactors(product.getLhs(), scale, operandFactors);
  Value keysT = peelScalarFactors(product.getRhs(), scale, operandFactors);
  Value value = output.getRhs();
  auto queryType = cast<RankedTensorType>(query.getType());
  auto keysTType = cast<RankedTensorType>(keysT.getType());
  auto valueType = cast<RankedTensorType>(value.getType());
  if (queryType.getRank() != rank || keysTType.getRank() != rank ||
      valueType.getRank() != rank)
    return;
  ArrayRef<int64_t> q = queryType.getShape(), kt = keysTType.getShape(),
                    v = valueType.getShape();
  for (int64_t d = 0; d + 2 < rank; ++d)
    if (q[d] != kt[d] || q[d] != v[d])
      return;
  if (v[rank - 2] != kt[rank - 1])
    return;
  if (mask) {
    auto maskType = cast<RankedTensorType>(mask.getType());
    if ((maskType.getElementType() != queryType.getElementType() &&
         !maskType.getElementType().isInteger(1)) ||
        !isBroadcastableTo(maskType.getShape(), scoresType.getShape()))
      return;
  }
  // Every intermediate value must feed only the chain.
  for (Operation *op : llvm::drop_begin(chain))
    if (!op->hasOneUse())
      return;

  OpBuilder b(output);
  Location loc = output.getLoc();
  SmallVector<int64_t> perm(rank);
  for (int64_t d = 0; d < rank; ++d)
    perm[d] = d;
  std::swap(perm[rank - 2], perm[rank - 1]);
  // A transpose that made kT from the keys is undone rather than repeated.
  Value keys = keysT;
  if (auto transpose = keysT.getDefiningOp<TransposeOp>()) {
    keys = transpose.getInput();
    ArrayRef<int64_t> made = transpose.getPerm();
    for (int64_t d = 0; d < rank; ++d)
      perm[d] = made[perm[d]];
    if (transpose->hasOneUse())
      operandFactors.push_back(transpose);
  }
  if (!llvm::equal(perm, llvm::seq<int64_t>(0, rank)))
    keys = TransposeOp::create(b, loc, keys, perm);
  auto toRank4 = [&](Value x) -> Value {
    if (rank == 4)
      return x;
    SmallVector<int64_t> shape{1};
    llvm::append_range(shape, cast<RankedTensorType>(x.getType()).getShape());
    return ReshapeOp::create(b, loc, x, shape);
  };
  DenseElementsAttr maskValues = negatedMask;
  if (!maskValues && mask)
    matchPattern(mask, m_Constant(&maskValues));
  bool causal = causalCondition || (maskValues && isCausalMask(maskValues));
  Value attentionMask = causal ? Value() : mask;
  if (!causal && negatedMask)
    attentionMask = arith::ConstantOp::create(b, loc, negatedMask);
  auto attention = AttentionOp::create(b, loc, toRank4(query), toRank4(keys),
                                       toRank4(value), attentionMask, causal,
                                       /*window=*/0, b.getF64FloatAttr(scale));
  Value result = attention.getResult();
  if (rank == 3)
    result = ReshapeOp::create(b, loc, result, output.getType().getShape());
  output.getResult().replaceAllUsesWith(result);
  output->erase();
  chain.append(operandFactors.begin(), operandFactors.end());
  eraseUnused(chain);
}

} // namespace

void recognizeAttention(ModuleOp module) {
  SmallVector<SoftmaxOp> softmaxes;
  module.walk([&](SoftmaxOp op) { softmaxes.push_back(op); });
  for (SoftmaxOp softmax : softmaxes)
    recognizeAt(softmax);
}

} // namespace nnc::onnx_import
