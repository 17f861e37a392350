//===- TilingStrategy.cpp - Tile sizes per op for the target --------------===//
//
// On the CPU (target=cpu) the strategy tiles the epilogues of products for
// the cache; the register tiles of products are the Halide microkernels'.
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
// On NVPTX (target=nvptx) every op on buffers with a parallel loop gets the
// tiles of the three levels of the GPU: a block's, a warp's and a thread's
// (see chooseGpuTiles); nnc-gpu-tile carries them out.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/TileSizes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
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

/// The sizes of a thread's register tile of a product in each of its two
/// innermost parallel loops, and the extent both loops need for it.
constexpr int64_t kRegisterTile = 4;
constexpr int64_t kRegisterTileMinExtent = 32;
/// The most lanes of a warp along a product's innermost loop: 8 x 4 lanes
/// of 4 x 4 tiles make a 16 x 32 warp tile, which loads 16 + 32 operands
/// per step of the reduction for 512 multiply-adds (a 4 x 128 one would
/// load 132), and its rows are still 32 consecutive elements (128 bytes).
constexpr int64_t kProductInnerLanes = 8;

/// The NVPTX tiles of `op`, one size per loop at each level (0 for the
/// reduction loops), or nothing when it has no parallel loop. Its two
/// innermost parallel loops are spread over threads; the outer ones take
/// one index per block (and warp, and thread). A thread computes one point,
/// or for a large enough product a register tile, which reuses each operand
/// it loads for kRegisterTile results. A warp's lanes take consecutive
/// thread tiles of the innermost loop (coalesced loads of its rows), as
/// many as the loop has rounded up to a power of two (at most
/// kProductInnerLanes with register tiles), and the remaining lanes go to
/// the second loop. Warps are added to a block, doubling its
/// tile in whichever of the two loops has more tiles left, until the block
/// has `threadsPerBlock` threads or covers both loops: a small op launches
/// small blocks rather than idle threads.
std::optional<nnc::GpuTileSizes> chooseGpuTiles(linalg::LinalgOp op,
                                                int64_t threadsPerBlock) {
  SmallVector<unsigned> parallel;
  op.getParallelDims(parallel);
  if (parallel.empty())
    return std::nullopt;
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  // A dynamic extent counts as one with more points than any tile.
  auto extentOf = [&](unsigned d) {
    return ShapedType::isDynamic(extents[d]) ? int64_t(1) << 40 : extents[d];
  };
  unsigned numLoops = op.getNumLoops();
  nnc::GpuTileSizes tiles{SmallVector<int64_t>(numLoops, 0),
                          SmallVector<int64_t>(numLoops, 0),
                          SmallVector<int64_t>(numLoops, 0)};
  for (unsigned d : parallel)
    tiles.block[d] = tiles.warp[d] = tiles.thread[d] = 1;
  unsigned inner = parallel.back();
  std::optional<unsigned> outer;
  if (parallel.size() >= 2)
    outer = parallel[parallel.size() - 2];

  if (outer && op.getNumReductionLoops() > 0 &&
      extentOf(inner) >= kRegisterTileMinExtent &&
      extentOf(*outer) >= kRegisterTileMinExtent)
    tiles.thread[inner] = tiles.thread[*outer] = kRegisterTile;

  int64_t innerLanes = nnc::kWarpLanes;
  if (outer)
    innerLanes = std::min<int64_t>(
        tiles.thread[inner] > 1 ? kProductInnerLanes : nnc::kWarpLanes,
        llvm::PowerOf2Ceil(
            llvm::divideCeil(extentOf(inner), tiles.thread[inner])));
  tiles.warp[inner] = tiles.thread[inner] * innerLanes;
  if (outer)
    tiles.warp[*outer] = tiles.thread[*outer] * (nnc::kWarpLanes / innerLanes);

  tiles.block[inner] = tiles.warp[inner];
  if (outer)
    tiles.block[*outer] = tiles.warp[*outer];
  for (int64_t threads = nnc::kWarpLanes; threads * 2 <= threadsPerBlock;
       threads *= 2) {
    int64_t innerLeft = llvm::divideCeil(extentOf(inner), tiles.block[inner]);
    int64_t outerLeft =
        outer ? llvm::divideCeil(extentOf(*outer), tiles.block[*outer]) : 0;
    if (innerLeft <= 1 && outerLeft <= 1)
      break;
    tiles.block[outerLeft > innerLeft ? *outer : inner] *= 2;
  }
  return tiles;
}

struct TilingStrategyPass : nnc::impl::TilingStrategyBase<TilingStrategyPass> {
  using TilingStrategyBase::TilingStrategyBase;

  void runOnOperation() override {
    if (target == "cpu")
      return chooseCpuTiles();
    if (target == "nvptx")
      return recordGpuTiles();
    emitError(getOperation()->getLoc())
        << "nnc-tiling-strategy: unknown target '" << target
        << "' (cpu or nvptx)";
    signalPassFailure();
  }

  void chooseCpuTiles() {
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

  void recordGpuTiles() {
    if (threadsPerBlock < nnc::kWarpLanes || threadsPerBlock > 1024 ||
        threadsPerBlock % nnc::kWarpLanes != 0) {
      emitError(getOperation()->getLoc())
          << "nnc-tiling-strategy: threads-per-block must be a multiple of "
          << nnc::kWarpLanes << " from " << nnc::kWarpLanes << " to 1024, not "
          << static_cast<int64_t>(threadsPerBlock);
      return signalPassFailure();
    }
    MLIRContext *context = &getContext();
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!op.hasPureBufferSemantics() ||
          op->getParentOfType<scf::ParallelOp>() ||
          op->getParentOfType<scf::ForallOp>())
        return;
      std::optional<nnc::GpuTileSizes> tiles =
          chooseGpuTiles(op, threadsPerBlock);
      if (!tiles)
        return;
      op->setAttr(
          nnc::kGpuTilesAttr,
          DictionaryAttr::get(
              context,
              {NamedAttribute(nnc::kBlockLevel,
                              DenseI64ArrayAttr::get(context, tiles->block)),
               NamedAttribute(nnc::kWarpLevel,
                              DenseI64ArrayAttr::get(context, tiles->warp)),
               NamedAttribute(
                   nnc::kThreadLevel,
                   DenseI64ArrayAttr::get(context, tiles->thread))}));
    });
  }
};

} // namespace
