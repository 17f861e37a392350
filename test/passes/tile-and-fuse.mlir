// RUN: nnc-opt %s -split-input-file -verify-diagnostics -nnc-tile-and-fuse | FileCheck %s

// An im2col convolution (as nnc-lower-nn-to-linalg and nnc-fuse-elementwise
// leave it) tiled one image at a time: each tile pads its image, unrolls its
// windows into [36, 64] columns, multiplies them by the weights and adds the
// bias, through the reshapes between them. Nothing is left outside but the
// weights' reshape.
// CHECK-LABEL: func.func @conv_relu
// CHECK-SAME: (%[[X:.*]]: tensor<8x4x8x8xf32>, %[[W:.*]]: tensor<8x4x3x3xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[WM:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1, 2, 3]]
// CHECK-NOT: linalg.
// CHECK: %[[Y:.*]] = scf.forall (%[[N:.*]]) in (8) shared_outs(%[[OUT:.*]] = %{{.*}}) -> (tensor<8x8x8x8xf32>)
// CHECK: %[[IMAGE:.*]] = tensor.extract_slice %[[X]][%[[N]], 0, 0, 0] [1, 4, 8, 8]
// CHECK: %[[PADDED:.*]] = tensor.pad %[[IMAGE]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[WINDOWS:.*]] = linalg.generic {{.*}} ins(%[[PADDED]] : tensor<1x4x10x10xf32>) outs(%{{.*}} : tensor<4x3x3x1x8x8xf32>)
// CHECK: %[[COLUMNS:.*]] = tensor.collapse_shape %[[WINDOWS]] {{.*}} into tensor<36x64xf32>
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<8x64xf32>
// CHECK: %[[PRODUCT:.*]] = linalg.matmul ins(%[[WM]], %[[COLUMNS]] : tensor<8x36xf32>, tensor<36x64xf32>) outs(%[[ZERO]] : tensor<8x64xf32>)
// CHECK: %[[EXPANDED:.*]] = tensor.expand_shape %[[PRODUCT]] {{.*}} into tensor<8x1x8x8xf32>
// CHECK: %[[TILE:.*]] = tensor.extract_slice %[[OUT]][%[[N]], 0, 0, 0] [1, 8, 8, 8]
// CHECK: %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[EXPANDED]], %[[B]] : tensor<8x1x8x8xf32>, tensor<8xf32>) outs(%[[TILE]] : tensor<1x8x8x8xf32>)
// CHECK: tensor.parallel_insert_slice %[[RELU]] into %[[OUT]][%[[N]], 0, 0, 0] [1, 8, 8, 8]
// CHECK: return %[[Y]]
// CHECK-NOT: nnc.tile_sizes
func.func @conv_relu(%arg0: tensor<8x4x8x8xf32>, %arg1: tensor<8x4x3x3xf32>, %arg2: tensor<8xf32>) -> tensor<8x8x8x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %padded = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%arg3: index, %arg4: index, %arg5: index, %arg6: index):
    tensor.yield %cst : f32
  } : tensor<8x4x8x8xf32> to tensor<8x4x10x10xf32>
  %0 = tensor.empty() : tensor<4x3x3x8x8x8xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d0, d1 + d4, d2 + d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%padded : tensor<8x4x10x10xf32>) outs(%0 : tensor<4x3x3x8x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x3x3x8x8x8xf32>
  %collapsed = tensor.collapse_shape %1 [[0, 1, 2], [3, 4, 5]] : tensor<4x3x3x8x8x8xf32> into tensor<36x512xf32>
  %collapsed_0 = tensor.collapse_shape %arg1 [[0], [1, 2, 3]] : tensor<8x4x3x3xf32> into tensor<8x36xf32>
  %2 = tensor.empty() : tensor<8x512xf32>
  %3 = linalg.fill ins(%cst : f32) outs(%2 : tensor<8x512xf32>) -> tensor<8x512xf32>
  %4 = linalg.matmul ins(%collapsed_0, %collapsed : tensor<8x36xf32>, tensor<36x512xf32>) outs(%3 : tensor<8x512xf32>) -> tensor<8x512xf32>
  %expanded = tensor.expand_shape %4 [[0], [1, 2, 3]] output_shape [8, 8, 8, 8] : tensor<8x512xf32> into tensor<8x8x8x8xf32>
  %5 = tensor.empty() : tensor<8x8x8x8xf32>
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded, %arg2 : tensor<8x8x8x8xf32>, tensor<8xf32>) outs(%5 : tensor<8x8x8x8xf32>) attrs =  {nnc.tile_sizes = array<i64: 1, 0, 0, 0>} {
  ^bb0(%in: f32, %in_1: f32, %out: f32):
    %7 = arith.addf %in, %in_1 : f32
    %8 = arith.maximumf %7, %cst : f32
    linalg.yield %8 : f32
  } -> tensor<8x8x8x8xf32>
  return %6 : tensor<8x8x8x8xf32>
}

// -----

// Tiles of 4 rows of one image (sizes written by hand; the strategy tiles
// one dimension): each tile's columns are a box of the [N, H, W] group,
// found from the linearized tile offset, and its padded input rows overlap
// the next tile's by the kernel's halo.
// CHECK-LABEL: func.func @conv_image_rows
// CHECK: scf.forall (%[[N:.*]], %[[H:.*]]) = (0, 0) to (8, 8) step (1, 4)
// CHECK: tensor.pad
// CHECK: %[[WINDOWS:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x3x3x1x4x8xf32>)
// CHECK: tensor.collapse_shape %[[WINDOWS]] {{.*}} into tensor<36x32xf32>
// CHECK: linalg.matmul {{.*}} -> tensor<8x32xf32>
// CHECK: tensor.parallel_insert_slice {{.*}}[%[[N]], 0, %[[H]], 0] [1, 8, 4, 8]
func.func @conv_image_rows(%arg0: tensor<8x4x8x8xf32>, %arg1: tensor<8x4x3x3xf32>, %arg2: tensor<8xf32>) -> tensor<8x8x8x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %padded = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%arg3: index, %arg4: index, %arg5: index, %arg6: index):
    tensor.yield %cst : f32
  } : tensor<8x4x8x8xf32> to tensor<8x4x10x10xf32>
  %0 = tensor.empty() : tensor<4x3x3x8x8x8xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d0, d1 + d4, d2 + d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%padded : tensor<8x4x10x10xf32>) outs(%0 : tensor<4x3x3x8x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x3x3x8x8x8xf32>
  %collapsed = tensor.collapse_shape %1 [[0, 1, 2], [3, 4, 5]] : tensor<4x3x3x8x8x8xf32> into tensor<36x512xf32>
  %collapsed_0 = tensor.collapse_shape %arg1 [[0], [1, 2, 3]] : tensor<8x4x3x3xf32> into tensor<8x36xf32>
  %2 = tensor.empty() : tensor<8x512xf32>
  %3 = linalg.fill ins(%cst : f32) outs(%2 : tensor<8x512xf32>) -> tensor<8x512xf32>
  %4 = linalg.matmul ins(%collapsed_0, %collapsed : tensor<8x36xf32>, tensor<36x512xf32>) outs(%3 : tensor<8x512xf32>) -> tensor<8x512xf32>
  %expanded = tensor.expand_shape %4 [[0], [1, 2, 3]] output_shape [8, 8, 8, 8] : tensor<8x512xf32> into tensor<8x8x8x8xf32>
  %5 = tensor.empty() : tensor<8x8x8x8xf32>
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded, %arg2 : tensor<8x8x8x8xf32>, tensor<8xf32>) outs(%5 : tensor<8x8x8x8xf32>) attrs =  {nnc.tile_sizes = array<i64: 1, 0, 4, 0>} {
  ^bb0(%in: f32, %in_1: f32, %out: f32):
    %7 = arith.addf %in, %in_1 : f32
    %8 = arith.maximumf %7, %cst : f32
    linalg.yield %8 : f32
  } -> tensor<8x8x8x8xf32>
  return %6 : tensor<8x8x8x8xf32>
}


// -----

// Tiles of a batched product's rows read through a collapse: 8 of the 24
// rows are 2 whole entries of 4, so each tile multiplies 2 entries.
// CHECK-LABEL: func.func @rows_through_collapse
// CHECK-SAME: (%[[X:.*]]: tensor<6x4x32xf32>, %[[W:.*]]: tensor<6x32x512xf32>)
// CHECK: scf.forall (%[[R:.*]]) = (0) to (24) step (8)
// CHECK: affine.apply {{.*}}(%[[R]])
// CHECK: %[[XS:.*]] = tensor.extract_slice %[[X]][%{{.*}}, 0, 0] [2, 4, 32]
// CHECK: %[[WS:.*]] = tensor.extract_slice %[[W]][%{{.*}}, 0, 0] [2, 32, 512]
// CHECK: %[[P:.*]] = linalg.batch_matmul ins(%[[XS]], %[[WS]] : tensor<2x4x32xf32>, tensor<2x32x512xf32>)
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[P]] {{.*}} into tensor<8x512xf32>
// CHECK: linalg.generic {{.*}} ins(%[[ROWS]] : tensor<8x512xf32>)
// CHECK: math.tanh
func.func @rows_through_collapse(%x: tensor<6x4x32xf32>, %w: tensor<6x32x512xf32>) -> tensor<24x512xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<6x4x512xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x4x512xf32>) -> tensor<6x4x512xf32>
  %product = linalg.batch_matmul ins(%x, %w : tensor<6x4x32xf32>, tensor<6x32x512xf32>) outs(%init : tensor<6x4x512xf32>) -> tensor<6x4x512xf32>
  %rows = tensor.collapse_shape %product [[0, 1], [2]] : tensor<6x4x512xf32> into tensor<24x512xf32>
  %out = tensor.empty() : tensor<24x512xf32>
  %tanh = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%rows : tensor<24x512xf32>) outs(%out : tensor<24x512xf32>) attrs = {nnc.tile_sizes = array<i64: 8, 0>} {
  ^bb0(%in: f32, %o: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  } -> tensor<24x512xf32>
  return %tanh : tensor<24x512xf32>
}

// -----

// Tiles of output channels all read the whole im2col matrix: it is computed
// once, outside, and only the GEMM's rows go into the tiles.
// CHECK-LABEL: func.func @operand_read_whole
// CHECK: tensor.pad
// CHECK: %[[WINDOWS:.*]] = linalg.generic
// CHECK: %[[COLUMNS:.*]] = tensor.collapse_shape %[[WINDOWS]]
// CHECK: scf.forall (%[[C:.*]]) = (0) to (8) step (4)
// CHECK-NOT: linalg.generic
// CHECK: linalg.matmul ins(%{{.*}}, %[[COLUMNS]] : tensor<4x18xf32>, tensor<18x16xf32>)
// CHECK: linalg.generic
// CHECK: arith.maximumf
func.func @operand_read_whole(%arg0: tensor<1x2x4x4xf32>, %arg1: tensor<8x2x3x3xf32>, %arg2: tensor<8xf32>) -> tensor<1x8x4x4xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %padded = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%arg3: index, %arg4: index, %arg5: index, %arg6: index):
    tensor.yield %cst : f32
  } : tensor<1x2x4x4xf32> to tensor<1x2x6x6xf32>
  %0 = tensor.empty() : tensor<2x3x3x1x4x4xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d0, d1 + d4, d2 + d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%padded : tensor<1x2x6x6xf32>) outs(%0 : tensor<2x3x3x1x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x3x3x1x4x4xf32>
  %collapsed = tensor.collapse_shape %1 [[0, 1, 2], [3, 4, 5]] : tensor<2x3x3x1x4x4xf32> into tensor<18x16xf32>
  %collapsed_0 = tensor.collapse_shape %arg1 [[0], [1, 2, 3]] : tensor<8x2x3x3xf32> into tensor<8x18xf32>
  %2 = tensor.empty() : tensor<8x16xf32>
  %3 = linalg.fill ins(%cst : f32) outs(%2 : tensor<8x16xf32>) -> tensor<8x16xf32>
  %4 = linalg.matmul ins(%collapsed_0, %collapsed : tensor<8x18xf32>, tensor<18x16xf32>) outs(%3 : tensor<8x16xf32>) -> tensor<8x16xf32>
  %expanded = tensor.expand_shape %4 [[0], [1, 2, 3]] output_shape [8, 1, 4, 4] : tensor<8x16xf32> into tensor<8x1x4x4xf32>
  %5 = tensor.empty() : tensor<1x8x4x4xf32>
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded, %arg2 : tensor<8x1x4x4xf32>, tensor<8xf32>) outs(%5 : tensor<1x8x4x4xf32>) attrs = {nnc.tile_sizes = array<i64: 0, 4, 0, 0>} {
  ^bb0(%in: f32, %in_1: f32, %out: f32):
    %7 = arith.addf %in, %in_1 : f32
    %8 = arith.maximumf %7, %cst : f32
    linalg.yield %8 : f32
  } -> tensor<1x8x4x4xf32>
  return %6 : tensor<1x8x4x4xf32>
}

// -----

// An arithmetic producer (tanh) belongs to no product's gathers: it runs
// whole, before the tiles; the product goes into them.
// CHECK-LABEL: func.func @arithmetic_producer
// CHECK: %[[T:.*]] = linalg.generic
// CHECK: math.tanh
// CHECK: scf.forall (%[[R:.*]]) = (0) to (128) step (64)
// CHECK: %[[TS:.*]] = tensor.extract_slice %[[T]][%[[R]], 0] [64, 32]
// CHECK: linalg.matmul ins(%[[TS]], %{{.*}} : tensor<64x32xf32>, tensor<32x64xf32>)
// CHECK-NOT: math.tanh
// CHECK: arith.maximumf
func.func @arithmetic_producer(%arg0: tensor<128x32xf32>, %arg1: tensor<32x64xf32>) -> tensor<128x64xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<128x32xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<128x32xf32>) outs(%0 : tensor<128x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %7 = math.tanh %in : f32
    linalg.yield %7 : f32
  } -> tensor<128x32xf32>
  %2 = tensor.empty() : tensor<128x64xf32>
  %3 = linalg.fill ins(%cst : f32) outs(%2 : tensor<128x64xf32>) -> tensor<128x64xf32>
  %4 = linalg.matmul ins(%1, %arg1 : tensor<128x32xf32>, tensor<32x64xf32>) outs(%3 : tensor<128x64xf32>) -> tensor<128x64xf32>
  %5 = tensor.empty() : tensor<128x64xf32>
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%4 : tensor<128x64xf32>) outs(%5 : tensor<128x64xf32>) attrs = {nnc.tile_sizes = array<i64: 64, 0>} {
  ^bb0(%in: f32, %out: f32):
    %7 = arith.maximumf %in, %cst : f32
    linalg.yield %7 : f32
  } -> tensor<128x64xf32>
  return %6 : tensor<128x64xf32>
}

// -----

// A reduction whose result keeps its reduced dimension as a constant
// index (a keepdim row sum, [64, 1]) has no tiled form: it runs whole,
// before the tiles, and no diagnostic is left behind.
// CHECK-LABEL: func.func @keepdim_reduction_producer
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK: arith.addf
// CHECK: scf.forall (%[[R:.*]]) = (0) to (64) step (16)
// CHECK: tensor.extract_slice %[[SUM]][%[[R]], 0] [16, 1]
// CHECK: arith.subf
func.func @keepdim_reduction_producer(%x: tensor<64x32xf32>) -> tensor<64x32xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %init = tensor.empty() : tensor<64x1xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%init : tensor<64x1xf32>) -> tensor<64x1xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<64x32xf32>) outs(%filled : tensor<64x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<64x1xf32>
  %out = tensor.empty() : tensor<64x32xf32>
  %centered = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %sum : tensor<64x32xf32>, tensor<64x1xf32>) outs(%out : tensor<64x32xf32>) attrs = {nnc.tile_sizes = array<i64: 16, 0>} {
  ^bb0(%in: f32, %s: f32, %o: f32):
    %d = arith.subf %in, %s : f32
    linalg.yield %d : f32
  } -> tensor<64x32xf32>
  return %centered : tensor<64x32xf32>
}

// -----

func.func @wrong_size_count(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %out = tensor.empty() : tensor<4x8xf32>
  // expected-error @+1 {{nnc-tile-and-fuse: 'nnc.tile_sizes' must list one size per loop, none negative}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%out : tensor<4x8xf32>) attrs = {nnc.tile_sizes = array<i64: 2>} {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @negative_size(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %out = tensor.empty() : tensor<4x8xf32>
  // expected-error @+1 {{nnc-tile-and-fuse: 'nnc.tile_sizes' must list one size per loop, none negative}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%out : tensor<4x8xf32>) attrs = {nnc.tile_sizes = array<i64: -2, 0>} {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// A reduction loop cannot be split among parallel tiles: a clear error.
func.func @reduction_tiles(%x: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nnc-tile-and-fuse: loop 1 is a reduction; its tiles cannot run in parallel}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xf32>) outs(%init : tensor<4xf32>) attrs = {nnc.tile_sizes = array<i64: 0, 4>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}
