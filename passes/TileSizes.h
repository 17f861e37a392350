//===- TileSizes.h - The attribute the tiling strategy records --*- C++ -*-===//
//
// nnc-tiling-strategy records on an op the tile size of each of its loops
// (0: not tiled) under this name; nnc-tile-and-fuse carries them out.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_TILESIZES_H
#define NNC_PASSES_TILESIZES_H

#include "llvm/ADT/StringRef.h"

namespace nnc {

inline constexpr llvm::StringLiteral kTileSizesAttr = "nnc.tile_sizes";

} // namespace nnc

#endif // NNC_PASSES_TILESIZES_H
