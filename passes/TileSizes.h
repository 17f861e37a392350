//===- TileSizes.h - The attributes the tiling strategy records -*- C++ -*-===//
//
// nnc-tiling-strategy records on an op the tile size of each of its loops
// (0: not tiled): for the CPU under kTileSizesAttr, which nnc-tile-and-fuse
// carries out; for NVPTX under kGpuTilesAttr, a dictionary of the tile of
// each level (kBlockLevel, kWarpLevel, kThreadLevel), which nnc-gpu-tile
// carries out.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_TILESIZES_H
#define NNC_PASSES_TILESIZES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace nnc {

inline constexpr llvm::StringLiteral kTileSizesAttr = "nnc.tile_sizes";

inline constexpr llvm::StringLiteral kGpuTilesAttr = "nnc.gpu_tiles";
inline constexpr llvm::StringLiteral kBlockLevel = "block";
inline constexpr llvm::StringLiteral kWarpLevel = "warp";
inline constexpr llvm::StringLiteral kThreadLevel = "thread";

/// Threads of a warp: the lanes nnc-gpu-tile spreads a warp's tile over.
inline constexpr int64_t kWarpLanes = 32;

/// The NVPTX tiles of one op: at each level, one size per loop (0 for the
/// reduction loops). A thread tile divides its warp tile, which divides its
/// block tile.
struct GpuTileSizes {
  llvm::SmallVector<int64_t> block, warp, thread;
};

} // namespace nnc

#endif // NNC_PASSES_TILESIZES_H
