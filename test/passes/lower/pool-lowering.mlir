// RUN: nnc-opt %s -split-input-file --nnc-lower-nn-to-linalg | FileCheck %s

// Max pooling: tensor.pad with -inf (1 before; after, what the last window
// needs: (4 - 1) * 2 + span - extent - 1, which is 2 along H, where ceil mode
// adds a window hanging over the padding, and 1 along W), then
// a maximum over [N, C, OH, OW, KH, KW] reading the padded input at
// o * stride + k * dilation. The shape-only kernel operand gives the kernel
// loops their extents.
// CHECK-DAG: #[[KERNEL:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[READ:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5 * 2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool_2d
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x6x7xf32>)
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 2, 1]
// CHECK: tensor.yield %[[NEG_INF]] : f32
// CHECK: } : tensor<1x2x6x7xf32> to tensor<1x2x9x9xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x4x4xf32>)
// CHECK: %[[WINDOW:.*]] = tensor.empty() : tensor<3x2xi1>
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[KERNEL]], #[[READ]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[WINDOW]], %[[PADDED]] : tensor<3x2xi1>, tensor<1x2x9x9xf32>) outs(%[[INIT]] : tensor<1x2x4x4xf32>)
// CHECK: ^bb0(%{{.*}}: i1, %[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[M:.*]] = arith.maximumf %[[ACC]], %[[IN]] : f32
// CHECK: linalg.yield %[[M]]
// CHECK: return %[[MAX]]
// CHECK-NOT: nn.
func.func @max_pool_2d(%x: tensor<1x2x6x7xf32>) -> tensor<1x2x4x4xf32> {
  %0 = nn.max_pool %x {kernel = array<i64: 3, 2>, stride = array<i64: 2, 2>,
                       padding = array<i64: 1, 1>, dilation = array<i64: 1, 2>,
                       ceil_mode = true} : tensor<1x2x6x7xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// Windows that tile the input exactly need no padding.
// CHECK-LABEL: func.func @max_pool_unpadded
// CHECK-NOT: tensor.pad
// CHECK: linalg.generic
// CHECK: arith.maximumf
func.func @max_pool_unpadded(%x: tensor<1x1x8xf32>) -> tensor<1x1x4xf32> {
  %0 = nn.max_pool %x {kernel = array<i64: 2>} : tensor<1x1x8xf32>
  return %0 : tensor<1x1x4xf32>
}

// -----

// Average pooling: a sum over zero-padded windows divided by a constant of
// divisors per output position. Without count_include_pad the first and
// last windows (input positions -1..1 and 3..5 of 0..4) count 2 elements,
// the middle one 3.
// CHECK-LABEL: func.func @avg_pool_1d
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x5xf32>)
// CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1] high[0, 0, 1]
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[PADDED]] : tensor<3xi1>, tensor<1x2x7xf32>)
// CHECK: arith.addf
// CHECK: %[[DIVISORS:.*]] = arith.constant dense<[2.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<3xf32>
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]], %[[DIVISORS]] : tensor<1x2x3xf32>, tensor<3xf32>)
// CHECK: arith.divf
// CHECK: return %[[MEAN]]
func.func @avg_pool_1d(%x: tensor<1x2x5xf32>) -> tensor<1x2x3xf32> {
  %0 = nn.avg_pool %x {kernel = array<i64: 3>, stride = array<i64: 2>,
                       padding = array<i64: 1>, count_include_pad = false}
      : tensor<1x2x5xf32>
  return %0 : tensor<1x2x3xf32>
}

// -----

// With count_include_pad every window inside the padded input counts 3; in
// ceil mode the last window (padded positions 6..8, of which the padded
// input has 6 and 7) is clipped to 2 elements.
// CHECK-LABEL: func.func @avg_pool_ceil
// CHECK: arith.constant dense<[3.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<4xf32>
func.func @avg_pool_ceil(%x: tensor<1x1x6xf32>) -> tensor<1x1x4xf32> {
  %0 = nn.avg_pool %x {kernel = array<i64: 3>, stride = array<i64: 2>,
                       padding = array<i64: 1>, ceil_mode = true}
      : tensor<1x1x6xf32>
  return %0 : tensor<1x1x4xf32>
}

// -----

// avg_pool_grad divides by the divisors, then gathers for each input
// position and kernel offset k the output o = (i + pad - k) / stride whose
// window puts k there, if the division is exact and o in range: a parallel
// loop nest over the input reading with tensor.extract, no scatter.
// CHECK-LABEL: func.func @avg_pool_grad_1d
// CHECK-SAME: (%[[G:.*]]: tensor<1x2x3xf32>)
// CHECK: %[[SHARES:.*]] = linalg.generic
// CHECK-SAME: ins(%[[G]], %{{.*}} : tensor<1x2x3xf32>, tensor<3xf32>)
// CHECK: arith.divf
// CHECK: %[[GRAD:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x5xf32>)
// CHECK: arith.divsi
// CHECK: arith.remsi
// CHECK: %[[O:.*]] = arith.select %[[COVERED:.*]], %{{.*}}, %{{.*}} : index
// CHECK: %[[SHARE:.*]] = tensor.extract %[[SHARES]][%{{.*}}, %{{.*}}, %[[O]]] : tensor<1x2x3xf32>
// CHECK: %[[ADDED:.*]] = arith.select %[[COVERED]], %[[SHARE]], %{{.*}} : f32
// CHECK: arith.addf %{{.*}}, %[[ADDED]] : f32
// CHECK: return %[[GRAD]]
// CHECK-NOT: tensor.insert
func.func @avg_pool_grad_1d(%g: tensor<1x2x3xf32>) -> tensor<1x2x5xf32> {
  %0 = nn.avg_pool_grad %g {kernel = array<i64: 3>, stride = array<i64: 2>,
                            padding = array<i64: 1>}
      : tensor<1x2x3xf32> -> tensor<1x2x5xf32>
  return %0 : tensor<1x2x5xf32>
}

// -----

// max_pool_grad first finds, per window, the row-major kernel offset of the
// first maximum on the input (padding never counts; ties go to the smaller
// offset), starting from -inf and offset 4 (the kernel volume, "none");
// then the gather adds the gradient of each output whose recorded offset is
// the one that lands on the input position.
// CHECK-LABEL: func.func @max_pool_grad_2d
// CHECK-SAME: (%[[G:.*]]: tensor<1x1x2x2xf32>, %[[X:.*]]: tensor<1x1x4x4xf32>)
// CHECK: %[[NONE:.*]] = arith.constant 4 : index
// CHECK: %[[OFFSETS0:.*]] = linalg.fill ins(%[[NONE]] : index) outs(%{{.*}} : tensor<1x1x2x2xindex>)
// CHECK: %[[ARGMAX:.*]]:2 = linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[X]] : tensor<2x2xi1>, tensor<1x1x4x4xf32>)
// CHECK-SAME: outs(%{{.*}}, %[[OFFSETS0]] : tensor<1x1x2x2xf32>, tensor<1x1x2x2xindex>)
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpi slt
// CHECK: linalg.yield %{{.*}}, %{{.*}} : f32, index
// CHECK: %[[GRAD:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x1x4x4xf32>)
// CHECK: %[[GO:.*]] = tensor.extract %[[G]]
// CHECK: %[[BEST:.*]] = tensor.extract %[[ARGMAX]]#1
// CHECK: %[[IS_MAX:.*]] = arith.cmpi eq, %[[BEST]], %{{.*}} : index
// CHECK: arith.select %[[IS_MAX]], %[[GO]], %{{.*}} : f32
// CHECK: return %[[GRAD]]
// CHECK-NOT: tensor.insert
func.func @max_pool_grad_2d(%g: tensor<1x1x2x2xf32>, %x: tensor<1x1x4x4xf32>)
    -> tensor<1x1x4x4xf32> {
  %0 = nn.max_pool_grad %g, %x {kernel = array<i64: 2, 2>}
      : tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// sin and cos are math.sin and math.cos on each element.
// CHECK-LABEL: func.func @sin_cos
// CHECK: math.sin
// CHECK: math.cos
func.func @sin_cos(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = nn.sin %x : tensor<4xf32>
  %1 = nn.cos %x : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Max pooling's Indices: the argmax loop of max_pool_grad (the row-major
// kernel offset of each window's first maximum, padding never winning),
// then per output position the offset's kernel digits (k = offset rem 2,
// offset div 2) give the input position o * stride + k - padBegin, and
// the flattened index (n * C + c) * 8 + position.
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: tensor.pad
// CHECK: %[[OFFSETS:.*]]:2 = linalg.generic
// CHECK: arith.cmpf ogt
// CHECK: %[[INDICES:.*]] = linalg.generic {{.*}} ins(%[[OFFSETS]]#1 : tensor<1x2x5xindex>) outs(%{{.*}} : tensor<1x2x5xi64>)
// CHECK: arith.remui
// CHECK: arith.divui
// CHECK: arith.index_cast %{{.*}} : index to i64
// CHECK: return %[[INDICES]]
// CHECK-NOT: nn.
func.func @max_pool_indices(%x: tensor<1x2x8xf32>) -> tensor<1x2x5xi64> {
  %0 = nn.max_pool_indices %x {kernel = array<i64: 2>, stride = array<i64: 2>,
                               padding = array<i64: 1>}
      : tensor<1x2x8xf32> -> tensor<1x2x5xi64>
  return %0 : tensor<1x2x5xi64>
}
