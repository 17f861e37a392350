// RUN: nnc-opt %s -split-input-file --nnc-gpu-tile --verify-diagnostics

// Malformed nnc.gpu_tiles get a message naming what is wrong.

func.func @missing_level(%a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  // expected-error @+1 {{nnc.gpu_tiles needs block, warp and thread arrays of one size per loop}}
  linalg.matmul {nnc.gpu_tiles = {block = array<i64: 4, 4, 0>, warp = array<i64: 4, 4, 0>}} ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @tiled_reduction(%a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  // expected-error @+1 {{nnc.gpu_tiles: reduction loop 2 cannot be tiled}}
  linalg.matmul {nnc.gpu_tiles = {block = array<i64: 4, 32, 4>, warp = array<i64: 1, 32, 4>, thread = array<i64: 1, 1, 4>}} ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @not_nested(%x: memref<64xf32>, %y: memref<64xf32>) {
  // expected-error @+1 {{nnc.gpu_tiles: loop 0 needs tiles with thread >= 1 dividing warp dividing block}}
  linalg.copy {nnc.gpu_tiles = {block = array<i64: 48>, warp = array<i64: 32>, thread = array<i64: 1>}} ins(%x : memref<64xf32>) outs(%y : memref<64xf32>)
  return
}

// -----

func.func @short_warp(%x: memref<64xf32>, %y: memref<64xf32>) {
  // expected-error @+1 {{nnc.gpu_tiles: a warp tile holds 16 thread tiles, not 32}}
  linalg.copy {nnc.gpu_tiles = {block = array<i64: 64>, warp = array<i64: 16>, thread = array<i64: 1>}} ins(%x : memref<64xf32>) outs(%y : memref<64xf32>)
  return
}

// -----

func.func @tensors(%x: tensor<64xf32>, %y: tensor<64xf32>) -> tensor<64xf32> {
  // expected-error @+1 {{nnc.gpu_tiles is carried out on buffers only}}
  %0 = linalg.copy {nnc.gpu_tiles = {block = array<i64: 64>, warp = array<i64: 32>, thread = array<i64: 1>}} ins(%x : tensor<64xf32>) outs(%y : tensor<64xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}
