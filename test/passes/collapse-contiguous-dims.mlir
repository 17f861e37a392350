// RUN: nnc-opt %s -split-input-file -nnc-collapse-contiguous-dims -canonicalize | FileCheck %s

// (The ops' results go to a call: a result the function returns keeps its
// shape, see @returned.)

// A per-channel bias and ReLU over [N, C, H, W]: every operand walks the
// image's rows and columns as one run of 1024, so (h, w) becomes one loop;
// the channel loop stays (the bias reads it alone).
// CHECK-LABEL: func.func @bias_relu
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x32x32xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[XC:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1], [2, 3]] : tensor<2x8x32x32xf32> into tensor<2x8x1024xf32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID:.*]], #[[C:.*]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[XC]], %[[B]] : tensor<2x8x1024xf32>, tensor<8xf32>)
// CHECK: %[[E:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1], [2, 3]] output_shape [2, 8, 32, 32]
// CHECK: call @consume(%[[E]])
#map = affine_map<(n, c, h, w) -> (n, c, h, w)>
#channel = affine_map<(n, c, h, w) -> (c)>
func.func private @consume(tensor<2x8x32x32xf32>)
func.func @bias_relu(%x: tensor<2x8x32x32xf32>, %b: tensor<8xf32>) {
  %zero = arith.constant 0.0 : f32
  %out = tensor.empty() : tensor<2x8x32x32xf32>
  %y = linalg.generic {indexing_maps = [#map, #channel, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %b : tensor<2x8x32x32xf32>, tensor<8xf32>) outs(%out : tensor<2x8x32x32xf32>) {
  ^bb0(%in: f32, %bias: f32, %o: f32):
    %s = arith.addf %in, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<2x8x32x32xf32>
  call @consume(%y) : (tensor<2x8x32x32xf32>) -> ()
  return
}

// -----

// A bias of shape [C, 1, 1] (as ONNX models hold it), broadcast along its
// unit dimensions, is read as [C] first; then (h, w) collapses as above.
// CHECK-LABEL: func.func @unit_dims_bias
// CHECK: %[[BC:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<8x1x1xf32> into tensor<8xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[BC]] : tensor<2x8x1024xf32>, tensor<8xf32>)
#map1 = affine_map<(n, c, h, w) -> (n, c, h, w)>
#unit = affine_map<(n, c, h, w) -> (c, 0, 0)>
func.func private @consume(tensor<2x8x32x32xf32>)
func.func @unit_dims_bias(%x: tensor<2x8x32x32xf32>, %b: tensor<8x1x1xf32>) {
  %out = tensor.empty() : tensor<2x8x32x32xf32>
  %y = linalg.generic {indexing_maps = [#map1, #unit, #map1], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %b : tensor<2x8x32x32xf32>, tensor<8x1x1xf32>) outs(%out : tensor<2x8x32x32xf32>) {
  ^bb0(%in: f32, %bias: f32, %o: f32):
    %s = arith.addf %in, %bias : f32
    linalg.yield %s : f32
  } -> tensor<2x8x32x32xf32>
  call @consume(%y) : (tensor<2x8x32x32xf32>) -> ()
  return
}

// -----

// A transpose of the two innermost dimensions reads them in another order
// than it writes them: nothing to collapse.
// CHECK-LABEL: func.func @transpose
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x8x16xf32>) outs(%{{.*}} : tensor<4x16x8xf32>)
func.func @transpose(%x: tensor<4x8x16xf32>) -> tensor<4x16x8xf32> {
  %out = tensor.empty() : tensor<4x16x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, c, b)>, affine_map<(a, b, c) -> (a, b, c)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<4x8x16xf32>) outs(%out : tensor<4x16x8xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } -> tensor<4x16x8xf32>
  return %y : tensor<4x16x8xf32>
}

// -----

// A sum over each image's rows and columns: the two innermost loops are
// reductions read contiguously, and become one reduction of 1024.
// CHECK-LABEL: func.func @spatial_sum
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<8x32x32xf32> into tensor<8x1024xf32>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
func.func private @consume(tensor<8xf32>)
func.func @spatial_sum(%x: tensor<8x32x32xf32>, %init: tensor<8xf32>) {
  %y = linalg.generic {indexing_maps = [affine_map<(c, h, w) -> (c, h, w)>, affine_map<(c, h, w) -> (c)>], iterator_types = ["parallel", "reduction", "reduction"]} ins(%x : tensor<8x32x32xf32>) outs(%init : tensor<8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  call @consume(%y) : (tensor<8xf32>) -> ()
  return
}

// -----

// Only the innermost run of one kind collapses: (h, w) of a sum over w
// keeps its parallel h apart.
// CHECK-LABEL: func.func @row_sums
// CHECK-NOT: tensor.collapse_shape
// CHECK: iterator_types = ["parallel", "parallel", "reduction"]
func.func @row_sums(%x: tensor<8x32x32xf32>, %init: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %y = linalg.generic {indexing_maps = [affine_map<(c, h, w) -> (c, h, w)>, affine_map<(c, h, w) -> (c, h)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x : tensor<8x32x32xf32>) outs(%init : tensor<8x32xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// -----

// A result the function returns keeps its shape: returned through a
// reshape, bufferization would copy it into the caller's buffer.
// CHECK-LABEL: func.func @returned
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<8x32x32xf32>)
func.func @returned(%x: tensor<8x32x32xf32>) -> tensor<8x32x32xf32> {
  %out = tensor.empty() : tensor<8x32x32xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(c, h, w) -> (c, h, w)>, affine_map<(c, h, w) -> (c, h, w)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<8x32x32xf32>) outs(%out : tensor<8x32x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<8x32x32xf32>
  return %y : tensor<8x32x32xf32>
}
