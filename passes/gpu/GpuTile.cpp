//===- GpuTile.cpp - Block, warp and thread tiles of linalg ops -----------===//
//
// Carries out the NVPTX tiles nnc-tiling-strategy recorded (nnc.gpu_tiles)
// on a linalg op on buffers. The op becomes three nested parallel loops,
// mapped for convert-parallel-loops-to-gpu:
//
//   scf.parallel over block tiles             (block x, y, z: the innermost
//                                               loops first)
//     the op's block tile, through the TilingInterface (subviews)
//     scf.parallel over the warps of a block   (thread y)
//       scf.parallel over the lanes of a warp  (thread x)
//         the thread's tile of the block tile
//
// Warp w and lane l take the tile at w's place in the block tile's grid of
// warp tiles plus l's place in the warp tile's grid of thread tiles; both
// grids are row-major over the loops, so consecutive lanes take consecutive
// tiles of the innermost loop (coalesced accesses to rows).
//
// A thread computes its tile as scalar code: every point of the tile is
// unrolled, its outputs loaded once (where the body reads them) and carried
// through scf.for loops over the reduction loops (a 4 x 4 tile of a matmul
// keeps 16 accumulators in registers and loads 4 + 4 operands per step of K),
// then stored. Points past the edge of the iteration space compute on the last
// in-bounds index and store nothing. Loads and stores go through affine.apply
// of the op's indexing maps, so windows (a convolution's oh + kh) work as they
// are.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/TileSizes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace nnc {
#define GEN_PASS_DEF_GPUTILE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Reads `op`'s nnc.gpu_tiles; fails with a message naming what is wrong
/// when the tiles do not nest (a block tile a whole number of warp tiles, a
/// warp tile of kWarpLanes thread tiles) or tile a reduction loop.
FailureOr<nnc::GpuTileSizes> readTiles(linalg::LinalgOp op,
                                       DictionaryAttr attr) {
  nnc::GpuTileSizes tiles;
  auto level = [&](StringRef name, SmallVector<int64_t> &sizes) {
    auto array = dyn_cast_if_present<DenseI64ArrayAttr>(attr.get(name));
    if (!array || array.size() != static_cast<int64_t>(op.getNumLoops()))
      return false;
    sizes.assign(array.asArrayRef().begin(), array.asArrayRef().end());
    return true;
  };
  if (!level(nnc::kBlockLevel, tiles.block) ||
      !level(nnc::kWarpLevel, tiles.warp) ||
      !level(nnc::kThreadLevel, tiles.thread))
    return op->emitOpError() << nnc::kGpuTilesAttr
                             << " needs block, warp and thread arrays of one "
                                "size per loop";
  int64_t lanes = 1;
  for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray())) {
    bool parallel = type == utils::IteratorType::parallel;
    int64_t block = tiles.block[d], warp = tiles.warp[d],
            thread = tiles.thread[d];
    if (!parallel && (block | warp | thread) != 0)
      return op->emitOpError() << nnc::kGpuTilesAttr << ": reduction loop " << d
                               << " cannot be tiled";
    if (parallel && (thread < 1 || warp % thread != 0 || block % warp != 0))
      return op->emitOpError()
             << nnc::kGpuTilesAttr << ": loop " << d
             << " needs tiles with thread >= 1 dividing warp dividing block";
    if (parallel)
      lanes *= warp / thread;
  }
  if (lanes != nnc::kWarpLanes)
    return op->emitOpError()
           << nnc::kGpuTilesAttr << ": a warp tile holds " << lanes
           << " thread tiles, not " << nnc::kWarpLanes;
  return tiles;
}

/// The mapping of a parallel loop's dimension to `processor`.
gpu::ParallelLoopDimMappingAttr mappingTo(OpBuilder &b,
                                          gpu::Processor processor) {
  return b.getAttr<gpu::ParallelLoopDimMappingAttr>(
      processor, b.getDimIdentityMap(), b.getDimIdentityMap());
}

/// A one-dimensional parallel loop from 0 to `count` mapped to `processor`;
/// `body` builds its body at its induction variable.
void parallelLoop(OpBuilder &b, Location loc, int64_t count,
                  gpu::Processor processor,
                  function_ref<void(OpBuilder &, Value)> body) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value upper = arith::ConstantIndexOp::create(b, loc, count);
  auto loop = scf::ParallelOp::create(
      b, loc, ValueRange{zero}, ValueRange{upper}, ValueRange{one},
      [&](OpBuilder &nested, Location, ValueRange ivs) {
        body(nested, ivs.front());
      });
  (void)gpu::setMappingAttr(loop, {mappingTo(b, processor)});
}

/// Splits `linear` (row-major over `counts`) into one index per count.
SmallVector<Value> delinearize(OpBuilder &b, Location loc, Value linear,
                               ArrayRef<int64_t> counts) {
  SmallVector<Value> indices(counts.size());
  for (int64_t i = static_cast<int64_t>(counts.size()) - 1; i >= 0; --i) {
    AffineExpr x = b.getAffineDimExpr(0);
    indices[i] = affine::AffineApplyOp::create(
        b, loc, AffineMap::get(1, 0, x % counts[i]), linear);
    linear = affine::AffineApplyOp::create(
        b, loc, AffineMap::get(1, 0, x.floorDiv(counts[i])), linear);
  }
  return indices;
}

/// Emits the scalar code of one thread's tile of `op` (a generic on
/// buffers): the tile starts at `origin` in every parallel loop, spans
/// `sizes` there, and the iteration space ends at `extents`.
void emitThreadTile(OpBuilder &b, Location loc, linalg::GenericOp op,
                    ArrayRef<Value> origin, ArrayRef<int64_t> sizes,
                    ArrayRef<Value> extents) {
  unsigned numLoops = op.getNumLoops();
  SmallVector<unsigned> parallel, reduction;
  op.getParallelDims(parallel);
  op.getReductionDims(reduction);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);

  // Each point of the tile: its index in every parallel loop (clamped to
  // the last in-bounds one) and whether it is in bounds.
  struct Point {
    SmallVector<Value> indices;
    Value inBounds;
  };
  // Reduction loops are not part of a point (outputs do not depend on
  // them); 0 stands for them until the reduction loops give their indices.
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  SmallVector<Point> points(1,
                            Point{SmallVector<Value>(numLoops, zero), Value()});
  for (unsigned d : parallel) {
    Value last = arith::SubIOp::create(b, loc, extents[d], one);
    SmallVector<Point> grown;
    for (const Point &point : points) {
      for (int64_t t = 0; t < sizes[d]; ++t) {
        Point next = point;
        Value index = arith::AddIOp::create(
            b, loc, origin[d], arith::ConstantIndexOp::create(b, loc, t));
        Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                             index, extents[d]);
        next.indices[d] = arith::MinUIOp::create(b, loc, index, last);
        next.inBounds =
            next.inBounds ? arith::AndIOp::create(b, loc, next.inBounds, inside)
                                .getResult()
                          : inside;
        grown.push_back(next);
      }
    }
    points = std::move(grown);
  }

  // The element of `operand` a point at `indices` reads or writes.
  auto access = [&](OpBuilder &builder, OpOperand &operand,
                    ArrayRef<Value> indices) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<Value> subscripts;
    for (AffineExpr expr : map.getResults())
      subscripts.push_back(getValueOrCreateConstantIndexOp(
          builder, loc,
          affine::makeComposedFoldedAffineApply(
              builder, loc, AffineMap::get(numLoops, 0, expr),
              getAsOpFoldResult(indices))));
    return subscripts;
  };
  auto load = [&](OpBuilder &builder, OpOperand &operand,
                  ArrayRef<Value> indices) -> Value {
    if (!isa<MemRefType>(operand.get().getType()))
      return operand.get();
    return memref::LoadOp::create(builder, loc, operand.get(),
                                  access(builder, operand, indices));
  };

  // The outputs of every point, loaded once where the body reads them (or
  // reduction loops carry them); an elementwise op only writes its output.
  unsigned numInits = op.getNumDpsInits();
  SmallVector<Value> carried;
  for (const Point &point : points)
    for (OpOperand &init : op.getDpsInitsMutable())
      carried.push_back(reduction.empty() &&
                                op.getMatchingBlockArgument(&init).use_empty()
                            ? Value()
                            : load(b, init, point.indices));

  // One step of every point: the body on its inputs and carried outputs.
  auto step = [&](OpBuilder &builder, ArrayRef<Value> reductionIvs,
                  ValueRange current) {
    SmallVector<Value> next;
    for (auto [p, point] : llvm::enumerate(points)) {
      SmallVector<Value> indices = point.indices;
      for (auto [r, d] : llvm::enumerate(reduction))
        indices[d] = reductionIvs[r];
      IRMapping mapping;
      Block *body = op.getBlock();
      for (OpOperand *input : op.getDpsInputOperands())
        mapping.map(body->getArgument(input->getOperandNumber()),
                    load(builder, *input, indices));
      for (unsigned i = 0; i < numInits; ++i)
        mapping.map(op.getRegionOutputArgs()[i], current[p * numInits + i]);
      for (Operation &bodyOp : body->without_terminator()) {
        if (auto index = dyn_cast<linalg::IndexOp>(bodyOp)) {
          mapping.map(index.getResult(), indices[index.getDim()]);
          continue;
        }
        builder.clone(bodyOp, mapping);
      }
      for (Value yielded : body->getTerminator()->getOperands())
        next.push_back(mapping.lookupOrDefault(yielded));
    }
    return next;
  };

  // The reduction loops, outermost first, carry the outputs.
  SmallVector<Value> reductionIvs;
  std::function<SmallVector<Value>(OpBuilder &, unsigned, ValueRange)> nest =
      [&](OpBuilder &builder, unsigned r,
          ValueRange current) -> SmallVector<Value> {
    if (r == reduction.size())
      return step(builder, reductionIvs, current);
    auto loop = scf::ForOp::create(
        builder, loc, zero, extents[reduction[r]], one, current,
        [&](OpBuilder &inner, Location, Value iv, ValueRange args) {
          reductionIvs.push_back(iv);
          SmallVector<Value> results = nest(inner, r + 1, args);
          reductionIvs.pop_back();
          scf::YieldOp::create(inner, loc, results);
        });
    return SmallVector<Value>(loop.getResults());
  };
  SmallVector<Value> results = nest(b, 0, carried);

  // Stores, for the points in bounds.
  for (auto [p, point] : llvm::enumerate(points)) {
    auto guard = scf::IfOp::create(b, loc, point.inBounds, false);
    OpBuilder then = guard.getThenBodyBuilder();
    for (auto [i, init] : llvm::enumerate(op.getDpsInitsMutable()))
      memref::StoreOp::create(then, loc, results[p * numInits + i], init.get(),
                              access(then, init, point.indices));
  }
}

/// Rewrites `op` into block, warp and lane loops around thread tiles.
LogicalResult tileForGpu(RewriterBase &rewriter, linalg::LinalgOp op,
                         const nnc::GpuTileSizes &tiles) {
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic =
      isa<linalg::GenericOp>(op)
          ? FailureOr<linalg::GenericOp>(cast<linalg::GenericOp>(op))
          : linalg::generalizeNamedOp(rewriter, op);
  if (failed(generic))
    return op->emitOpError("has no generic form to tile for the GPU");
  auto tileable = cast<TilingInterface>(generic->getOperation());
  rewriter.setInsertionPoint(*generic);
  SmallVector<Range> domain = tileable.getIterationDomain(rewriter);
  SmallVector<unsigned> parallel;
  generic->getParallelDims(parallel);

  // Block tiles: one loop dimension per parallel loop of the op, the
  // innermost three mapped to blocks x, y and z, the rest run in sequence.
  SmallVector<Value> lower, upper, steps;
  SmallVector<gpu::ParallelLoopDimMappingAttr> mapping;
  for (auto [i, d] : llvm::enumerate(parallel)) {
    lower.push_back(
        getValueOrCreateConstantIndexOp(rewriter, loc, domain[d].offset));
    upper.push_back(
        getValueOrCreateConstantIndexOp(rewriter, loc, domain[d].size));
    steps.push_back(
        arith::ConstantIndexOp::create(rewriter, loc, tiles.block[d]));
    size_t fromInnermost = parallel.size() - 1 - i;
    gpu::Processor processor = fromInnermost == 0   ? gpu::Processor::BlockX
                               : fromInnermost == 1 ? gpu::Processor::BlockY
                               : fromInnermost == 2
                                   ? gpu::Processor::BlockZ
                                   : gpu::Processor::Sequential;
    mapping.push_back(mappingTo(rewriter, processor));
  }
  auto blocks = scf::ParallelOp::create(rewriter, loc, lower, upper, steps);
  (void)gpu::setMappingAttr(blocks, mapping);

  // The block's tile of the op.
  rewriter.setInsertionPointToStart(blocks.getBody());
  SmallVector<OpFoldResult> offsets, sizes;
  for (auto [d, range] : llvm::enumerate(domain)) {
    auto position = llvm::find(parallel, d);
    if (position == parallel.end()) {
      offsets.push_back(range.offset);
      sizes.push_back(range.size);
      continue;
    }
    Value iv = blocks.getInductionVars()[position - parallel.begin()];
    offsets.push_back(iv);
    AffineExpr x = rewriter.getAffineDimExpr(0),
               end = rewriter.getAffineDimExpr(1);
    sizes.push_back(affine::makeComposedFoldedAffineMin(
        rewriter, loc,
        AffineMap::get(
            2, 0, {rewriter.getAffineConstantExpr(tiles.block[d]), end - x},
            rewriter.getContext()),
        {OpFoldResult(iv), range.size}));
  }
  FailureOr<TilingResult> blockTile =
      tileable.getTiledImplementation(rewriter, offsets, sizes);
  if (failed(blockTile) || blockTile->tiledOps.size() != 1)
    return op->emitOpError("could not be tiled through the TilingInterface");
  auto tiled = cast<linalg::GenericOp>(blockTile->tiledOps.front());
  SmallVector<Value> extents;
  for (Range range :
       cast<TilingInterface>(tiled.getOperation()).getIterationDomain(rewriter))
    extents.push_back(
        getValueOrCreateConstantIndexOp(rewriter, loc, range.size));

  // Warps over the block tile, lanes over a warp tile.
  SmallVector<int64_t> warpGrid, laneGrid;
  int64_t warps = 1, lanes = 1;
  for (unsigned d : parallel) {
    warpGrid.push_back(tiles.block[d] / tiles.warp[d]);
    laneGrid.push_back(tiles.warp[d] / tiles.thread[d]);
    warps *= warpGrid.back();
    lanes *= laneGrid.back();
  }
  parallelLoop(
      rewriter, loc, warps, gpu::Processor::ThreadY,
      [&](OpBuilder &b, Value warp) {
        SmallVector<Value> warpIndex = delinearize(b, loc, warp, warpGrid);
        parallelLoop(
            b, loc, lanes, gpu::Processor::ThreadX,
            [&](OpBuilder &b, Value lane) {
              SmallVector<Value> laneIndex =
                  delinearize(b, loc, lane, laneGrid);
              SmallVector<Value> origin(tiled.getNumLoops());
              SmallVector<int64_t> threadSizes(tiled.getNumLoops(), 0);
              for (auto [i, d] : llvm::enumerate(parallel)) {
                AffineExpr w = b.getAffineDimExpr(0), l = b.getAffineDimExpr(1);
                origin[d] = affine::AffineApplyOp::create(
                    b, loc,
                    AffineMap::get(2, 0,
                                   w * tiles.warp[d] + l * tiles.thread[d]),
                    SmallVector<Value>{warpIndex[i], laneIndex[i]});
                threadSizes[d] = tiles.thread[d];
              }
              emitThreadTile(b, loc, tiled, origin, threadSizes, extents);
              scf::ReduceOp::create(b, loc);
            });
        scf::ReduceOp::create(b, loc);
      });
  rewriter.eraseOp(tiled);
  rewriter.eraseOp(*generic);
  return success();
}

struct GpuTilePass : nnc::impl::GpuTileBase<GpuTilePass> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::LinalgOp, DictionaryAttr>> annotated;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (auto tiles = op->getAttrOfType<DictionaryAttr>(nnc::kGpuTilesAttr))
        annotated.push_back({op, tiles});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, attr] : annotated) {
      if (!op.hasPureBufferSemantics()) {
        op->emitOpError() << nnc::kGpuTilesAttr
                          << " is carried out on buffers only";
        return signalPassFailure();
      }
      FailureOr<nnc::GpuTileSizes> tiles = readTiles(op, attr);
      if (failed(tiles) || failed(tileForGpu(rewriter, op, *tiles)))
        return signalPassFailure();
    }
  }
};

} // namespace
