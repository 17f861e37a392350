//===- TilingStrategy.cpp - Tile sizes for the epilogues of products ------===//
//
// An all-parallel linalg.generic that reads the result of a product (a
// linalg op with reduction loops: a matmul, the GEMM of an im2col
// convolution, a grouped convolution's loops), through reshapes only, is
// that product's epilogue: bias, activation, residual add, scaling, fused
// into one loop nest by nnc-fuse-elementwise. Run whole, the product writes
// its result to memory and the epilogue reads it back; an im2col
// convolution before that writes its unrolled windows (nine times its input
// for a 3x3 kernel) and its GEMM reads them back. Tiled by
// nnc-tile-and-fuse, each tile of the epilogue computes its slice of the
// product and of the product's operand gathers and consumes it while it is
// in cache.
//
// The strategy tiles one dimension of the epilogue: the outermost one
// that, traced through the reshapes, slices the product's largest input,
// so that each tile reads its own part of that input rather than all of it
// (a batch of images for a convolution, rows for a linear layer). The tile
// is the largest whose share of the intermediates (the product's result and
// the operands it gathers in the same function) fits `cache-bytes`, or the
// smallest the reshapes allow when none does. A product whose
// intermediates fit the cache whole is left alone: there is no traffic to
// save. Epilogues inside loops are left alone too (flash attention's tiles
// are tiled already).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/TileSizes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace nnc {
#define GEN_PASS_DEF_TILINGSTRATEGY
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// How many elements of one reshape step's dimension a tile of `t`
/// elements of the dimension after it covers: times `factor`, or divided
/// by it (exactly, or the tile is not a slice there).
struct ReshapeStep {
  int64_t factor;
  bool divides;
};

/// Where a dimension of an epilogue operand lands in the product that
/// computes it: the product's loop and the reshapes on the way.
struct ProductDim {
  linalg::LinalgOp product;
  unsigned loop;
  SmallVector<ReshapeStep> steps;

  /// Whether a tile of `tile` elements stays one contiguous slice through
  /// every reshape.
  bool admits(int64_t tile) const {
    for (const ReshapeStep &step : steps) {
      if (!step.divides) {
        tile *= step.factor;
      } else if (tile % step.factor != 0) {
        return false;
      } else {
        tile /= step.factor;
      }
    }
    return true;
  }
};

/// The bytes of a tensor (index elements count as 64 bits).
int64_t bytesOf(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  Type element = type.getElementType();
  int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
  return type.getNumElements() * ((bits + 7) / 8);
}

/// Follows dimension `dim` of `value` up through single-use reshapes to the
/// product that computes it. A tile of an expanded dimension is a slice of
/// its source when the dimensions before it in its group have extent 1; a
/// tile of a collapsed dimension is a slice of the group's outermost source
/// dimension when it covers whole rows of the ones inside.
std::optional<ProductDim> traceToProduct(Value value, unsigned dim) {
  ProductDim found;
  while (true) {
    if (!value.hasOneUse())
      return std::nullopt;
    Operation *def = value.getDefiningOp();
    if (auto expand = dyn_cast_if_present<tensor::ExpandShapeOp>(def)) {
      ArrayRef<int64_t> shape = expand.getResultType().getShape();
      for (auto [source, group] :
           llvm::enumerate(expand.getReassociationIndices())) {
        if (!llvm::is_contained(group, static_cast<int64_t>(dim)))
          continue;
        int64_t inner = 1;
        for (int64_t d : group) {
          if (d < dim && shape[d] != 1)
            return std::nullopt;
          if (d > dim)
            inner *= shape[d];
        }
        found.steps.push_back({inner, false});
        dim = source;
        break;
      }
      value = expand.getSrc();
      continue;
    }
    if (auto collapse = dyn_cast_if_present<tensor::CollapseShapeOp>(def)) {
      ReassociationIndices group = collapse.getReassociationIndices()[dim];
      ArrayRef<int64_t> shape = collapse.getSrcType().getShape();
      int64_t inner = 1;
      for (int64_t d : ArrayRef<int64_t>(group).drop_front())
        inner *= shape[d];
      found.steps.push_back({inner, true});
      dim = group.front();
      value = collapse.getSrc();
      continue;
    }
    auto product = dyn_cast_if_present<linalg::LinalgOp>(def);
    if (!product || product.getNumReductionLoops() == 0 ||
        !product.hasPureTensorSemantics() ||
        llvm::any_of(product->getOperandTypes(), [](Type type) {
          auto tensor = dyn_cast<RankedTensorType>(type);
          return !tensor || !tensor.hasStaticShape();
        }))
      return std::nullopt;
    AffineMap map = product.getIndexingMapMatchingResult(cast<OpResult>(value));
    auto loop = dyn_cast<AffineDimExpr>(map.getResult(dim));
    if (!loop)
      return std::nullopt;
    found.product = product;
    found.loop = loop.getPosition();
    return found;
  }
}

/// The bytes a tiled product keeps out of memory: its result and each
/// operand computed in this function whose slice a tile takes.
int64_t intermediateBytes(const ProductDim &dim) {
  linalg::LinalgOp product = dim.product;
  int64_t bytes = 0;
  for (Value result : product->getResults())
    bytes += bytesOf(result);
  for (OpOperand *input : product.getDpsInputOperands()) {
    if (input->get().getDefiningOp() &&
        product.getMatchingIndexingMap(input).isFunctionOfDim(dim.loop))
      bytes += bytesOf(input->get());
  }
  return bytes;
}

/// True when a tile along `dim` slices the product's largest input.
bool slicesLargestInput(const ProductDim &dim) {
  linalg::LinalgOp product = dim.product;
  OpOperand *largest = nullptr;
  for (OpOperand *input : product.getDpsInputOperands()) {
    if (!largest || bytesOf(input->get()) > bytesOf(largest->get()))
      largest = input;
  }
  return largest &&
         product.getMatchingIndexingMap(largest).isFunctionOfDim(dim.loop);
}

/// The tile sizes for `epilogue`, or nothing when it is better run whole.
std::optional<SmallVector<int64_t>> chooseTileSizes(linalg::GenericOp epilogue,
                                                    int64_t cacheBytes) {
  SmallVector<int64_t> extents = epilogue.getStaticLoopRanges();
  for (unsigned d = 0; d < extents.size(); ++d) {
    if (extents[d] == ShapedType::kDynamic)
      return std::nullopt;
    if (extents[d] == 1)
      continue;
    for (OpOperand *operand : epilogue.getDpsInputOperands()) {
      AffineMap map = epilogue.getMatchingIndexingMap(operand);
      std::optional<unsigned> position =
          map.getResultPosition(getAffineDimExpr(d, epilogue.getContext()));
      if (!position)
        continue;
      std::optional<ProductDim> productDim =
          traceToProduct(operand->get(), *position);
      if (!productDim || !slicesLargestInput(*productDim))
        continue;
      int64_t bytes = intermediateBytes(*productDim);
      if (bytes <= cacheBytes)
        return std::nullopt;
      std::optional<int64_t> chosen;
      for (int64_t tile = extents[d] / 2; tile >= 1; --tile) {
        if (extents[d] % tile != 0 || !productDim->admits(tile))
          continue;
        chosen = tile;
        if (bytes / extents[d] * tile <= cacheBytes)
          break;
      }
      if (!chosen)
        return std::nullopt;
      SmallVector<int64_t> sizes(extents.size(), 0);
      sizes[d] = *chosen;
      return sizes;
    }
  }
  return std::nullopt;
}

struct TilingStrategyPass : nnc::impl::TilingStrategyBase<TilingStrategyPass> {
  using TilingStrategyBase::TilingStrategyBase;

  void runOnOperation() override {
    getOperation()->walk([&](linalg::GenericOp generic) {
      if (!isa<FunctionOpInterface>(generic->getParentOp()) ||
          generic.getNumReductionLoops() != 0 ||
          !generic.hasPureTensorSemantics())
        return;
      if (std::optional<SmallVector<int64_t>> sizes =
              chooseTileSizes(generic, cacheBytes))
        generic->setAttr(nnc::kTileSizesAttr,
                         DenseI64ArrayAttr::get(&getContext(), *sizes));
    });
  }
};

} // namespace
