// RUN: nnc-opt %s -split-input-file "--nnc-tiling-strategy=target=nvptx" | FileCheck %s
// RUN: nnc-opt %s -split-input-file "--nnc-tiling-strategy=target=nvptx threads-per-block=64" | FileCheck %s --check-prefix=SMALL
// RUN: not nnc-opt %s "--nnc-tiling-strategy=target=nvptx threads-per-block=48" 2>&1 | FileCheck %s --check-prefix=BAD-THREADS
// RUN: not nnc-opt %s "--nnc-tiling-strategy=target=tpu" 2>&1 | FileCheck %s --check-prefix=BAD-TARGET

// BAD-THREADS: error: nnc-tiling-strategy: threads-per-block must be a multiple of 32 from 32 to 1024, not 48
// BAD-TARGET: error: nnc-tiling-strategy: unknown target 'tpu' (cpu or nvptx)

// A large product: 4 x 4 register tiles per thread, 8 x 4 lanes of them per
// warp (a 16 x 32 warp tile), 8 warps per block, added along the loop with
// more tiles left. With 64 threads a block has 2 warps.
// CHECK-LABEL: func.func @matmul
// CHECK: linalg.matmul {nnc.gpu_tiles = {block = array<i64: 32, 128, 0>, thread = array<i64: 4, 4, 0>, warp = array<i64: 16, 32, 0>}}
// SMALL-LABEL: func.func @matmul
// SMALL: linalg.matmul {nnc.gpu_tiles = {block = array<i64: 16, 64, 0>, thread = array<i64: 4, 4, 0>, warp = array<i64: 16, 32, 0>}}
func.func @matmul(%a: memref<256x512xf32>, %b: memref<512x1024xf32>, %c: memref<256x1024xf32>) {
  linalg.matmul ins(%a, %b : memref<256x512xf32>, memref<512x1024xf32>) outs(%c : memref<256x1024xf32>)
  return
}

// -----

// A batch of products: the batch loop takes one index per block.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: linalg.batch_matmul {nnc.gpu_tiles = {block = array<i64: 1, 64, 64, 0>, thread = array<i64: 1, 4, 4, 0>, warp = array<i64: 1, 16, 32, 0>}}
func.func @batch_matmul(%a: memref<8x128x64xf32>, %b: memref<8x64x128xf32>, %c: memref<8x128x128xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<8x128x64xf32>, memref<8x64x128xf32>) outs(%c : memref<8x128x128xf32>)
  return
}

// -----

// Elementwise: one point per thread, a warp along a row's 32 consecutive
// elements (coalesced), 8 warps per block.
// CHECK-LABEL: func.func @elementwise
// CHECK: linalg.copy {nnc.gpu_tiles = {block = array<i64: 8, 32>, thread = array<i64: 1, 1>, warp = array<i64: 1, 32>}}
func.func @elementwise(%x: memref<512x1024xf32>, %y: memref<512x1024xf32>) {
  linalg.copy ins(%x : memref<512x1024xf32>) outs(%y : memref<512x1024xf32>)
  return
}

// -----

// Rows of 3: a warp takes 4 columns of 8 rows, and a block is that one
// warp, which covers the op, rather than a warp and seven idle ones.
// CHECK-LABEL: func.func @narrow
// CHECK: linalg.copy {nnc.gpu_tiles = {block = array<i64: 8, 4>, thread = array<i64: 1, 1>, warp = array<i64: 8, 4>}}
func.func @narrow(%x: memref<8x3xf32>, %y: memref<8x3xf32>) {
  linalg.copy ins(%x : memref<8x3xf32>) outs(%y : memref<8x3xf32>)
  return
}

// -----

// One loop of dynamic extent: blocks of threads-per-block points.
// CHECK-LABEL: func.func @vector
// CHECK: linalg.copy {nnc.gpu_tiles = {block = array<i64: 256>, thread = array<i64: 1>, warp = array<i64: 32>}}
// SMALL-LABEL: func.func @vector
// SMALL: linalg.copy {nnc.gpu_tiles = {block = array<i64: 64>, thread = array<i64: 1>, warp = array<i64: 32>}}
func.func @vector(%x: memref<?xf32>, %y: memref<?xf32>) {
  linalg.copy ins(%x : memref<?xf32>) outs(%y : memref<?xf32>)
  return
}

// -----

// A row reduction: a thread per row, the reduction loop untiled.
// CHECK-LABEL: func.func @row_sum
// CHECK: linalg.reduce {{.*}} {nnc.gpu_tiles = {block = array<i64: 64, 0>, thread = array<i64: 1, 0>, warp = array<i64: 32, 0>}}
func.func @row_sum(%x: memref<64x1000xf32>, %y: memref<64xf32>) {
  linalg.reduce ins(%x : memref<64x1000xf32>) outs(%y : memref<64xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return
}

// -----

// Nothing parallel to spread, and ops on tensors: no tiles.
// CHECK-LABEL: func.func @untiled
// CHECK-NOT: nnc.gpu_tiles
func.func @untiled(%x: memref<1000xf32>, %y: memref<f32>, %t: tensor<4x4xf32>) -> tensor<4x4xf32> {
  linalg.reduce ins(%x : memref<1000xf32>) outs(%y : memref<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %e = tensor.empty() : tensor<4x4xf32>
  %0 = linalg.copy ins(%t : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// An op in a sequential loop (a scan's step) is tiled like any other.
// CHECK-LABEL: func.func @in_loop
// CHECK: scf.for
// CHECK: linalg.copy {nnc.gpu_tiles = {block = array<i64: 4, 64>, thread = array<i64: 1, 1>, warp = array<i64: 1, 32>}}
func.func @in_loop(%x: memref<4x64xf32>, %y: memref<4x64xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    linalg.copy ins(%x : memref<4x64xf32>) outs(%y : memref<4x64xf32>)
  }
  return
}
