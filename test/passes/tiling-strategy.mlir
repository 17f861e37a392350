// RUN: nnc-opt %s -split-input-file -nnc-lower-nn-to-linalg -canonicalize -nnc-fuse-elementwise -canonicalize "-nnc-tiling-strategy=cache-bytes=16384" | FileCheck %s

// A linear layer's bias and ReLU read its 32 KB product: the epilogue is
// tiled by rows (the largest input, x, is sliced by them), 64 rows to fit
// the 16 KB of cache.
// CHECK-LABEL: func.func @linear_relu
// CHECK: linalg.matmul
// CHECK: linalg.generic {{.*}} attrs = {nnc.tile_sizes = array<i64: 64, 0>}
func.func @linear_relu(%x: tensor<128x32xf32>, %w: tensor<32x64xf32>, %b: tensor<64xf32>) -> tensor<128x64xf32> {
  %0 = nn.matmul %x, %w : tensor<128x32xf32>, tensor<32x64xf32>
  %1 = nn.add %0, %b : tensor<128x64xf32>, tensor<64xf32>
  %2 = nn.relu %1 : tensor<128x64xf32>
  return %2 : tensor<128x64xf32>
}

// -----

// Intermediates that fit the cache whole: nothing to save, no tiles.
// CHECK-LABEL: func.func @small_linear
// CHECK-NOT: nnc.tile_sizes
func.func @small_linear(%x: tensor<16x32xf32>, %w: tensor<32x64xf32>, %b: tensor<64xf32>) -> tensor<16x64xf32> {
  %0 = nn.matmul %x, %w : tensor<16x32xf32>, tensor<32x64xf32>
  %1 = nn.add %0, %b : tensor<16x64xf32>, tensor<64xf32>
  return %1 : tensor<16x64xf32>
}

// -----

// An im2col convolution: the epilogue [N, C, H, W] reads the GEMM's
// [C, N * H * W] product through an expand_shape, and the GEMM's largest
// input is the im2col matrix [C * 9, N * H * W] (73 KB with the 16 KB
// product). One image per tile (11 KB of both).
// CHECK-LABEL: func.func @conv_relu
// CHECK: linalg.matmul
// CHECK: tensor.expand_shape
// CHECK: linalg.generic {{.*}} attrs = {nnc.tile_sizes = array<i64: 1, 0, 0, 0>}
func.func @conv_relu(%x: tensor<8x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) -> tensor<8x8x8x8xf32> {
  %0 = nn.conv %x, %w, %b {dilation = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : tensor<8x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>
  %1 = nn.relu %0 : tensor<8x8x8x8xf32>
  return %1 : tensor<8x8x8x8xf32>
}

// -----

// One image: tiles of output channels would slice only the weights, each
// reading the whole im2col matrix; tiles of the image's rows slice it. 52 KB
// of intermediates over 16 rows: 4 rows a tile.
// CHECK-LABEL: func.func @conv_one_image
// CHECK: linalg.generic {{.*}} attrs = {nnc.tile_sizes = array<i64: 0, 0, 4, 0>}
func.func @conv_one_image(%x: tensor<1x4x16x16xf32>, %w: tensor<16x4x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x16x16xf32> {
  %0 = nn.conv %x, %w, %b {dilation = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : tensor<1x4x16x16xf32>, tensor<16x4x3x3xf32>, tensor<16xf32>
  %1 = nn.relu %0 : tensor<1x16x16x16xf32>
  return %1 : tensor<1x16x16x16xf32>
}

// -----

// A product the function also returns is computed whole anyway: its
// epilogue is not tiled.
// CHECK-LABEL: func.func @product_used_twice
// CHECK-NOT: nnc.tile_sizes
func.func @product_used_twice(%x: tensor<128x32xf32>, %w: tensor<32x64xf32>) -> (tensor<128x64xf32>, tensor<128x64xf32>) {
  %0 = nn.matmul %x, %w : tensor<128x32xf32>, tensor<32x64xf32>
  %1 = nn.relu %0 : tensor<128x64xf32>
  return %0, %1 : tensor<128x64xf32>, tensor<128x64xf32>
}

// -----

// A batched product: tiles of the batch, two entries (16 KB) each.
// CHECK-LABEL: func.func @batched
// CHECK: linalg.batch_matmul
// CHECK: linalg.generic {{.*}} attrs = {nnc.tile_sizes = array<i64: 2, 0, 0>}
func.func @batched(%x: tensor<6x4x32xf32>, %w: tensor<6x32x512xf32>) -> tensor<6x4x512xf32> {
  %0 = nn.matmul %x, %w : tensor<6x4x32xf32>, tensor<6x32x512xf32>
  %1 = nn.tanh %0 : tensor<6x4x512xf32>
  return %1 : tensor<6x4x512xf32>
}

// -----

// Epilogues inside loops (flash attention's tiles) are tiled already.
// CHECK-LABEL: func.func @inside_a_loop
// CHECK-NOT: nnc.tile_sizes
func.func @inside_a_loop(%x: tensor<128x32xf32>, %w: tensor<32x64xf32>, %acc: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %i = %c0 to %c2 step %c1 iter_args(%a = %acc) -> tensor<128x64xf32> {
    %empty = tensor.empty() : tensor<128x64xf32>
    %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<128x64xf32>) -> tensor<128x64xf32>
    %p = linalg.matmul ins(%x, %w : tensor<128x32xf32>, tensor<32x64xf32>) outs(%init : tensor<128x64xf32>) -> tensor<128x64xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%p, %a : tensor<128x64xf32>, tensor<128x64xf32>) outs(%empty : tensor<128x64xf32>) {
    ^bb0(%in: f32, %in2: f32, %o: f32):
      %t = arith.addf %in, %in2 : f32
      linalg.yield %t : f32
    } -> tensor<128x64xf32>
    scf.yield %s : tensor<128x64xf32>
  }
  return %r : tensor<128x64xf32>
}
