// RUN: nnc-opt %s -split-input-file --nnc-lower-nn-to-linalg | FileCheck %s

// A grouped, strided, padded and dilated convolution with bias: the input is
// padded with zeros as far as the windows reach (the last row and column of
// padding are never read at stride 2), channels split into
// [groups, per group], the bias broadcast into the accumulator, and one
// generic over (n, g, f, oh, ow, c, kh, kw) reads the input at
// o * stride + k * dilation.
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, 0, 0)>
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 * 2 + d6, d4 * 2 + d7 * 2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @conv
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK: tensor<1x4x8x8xf32> to tensor<1x4x9x9xf32>
// CHECK: %[[X:.*]] = tensor.expand_shape %[[PADDED]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 9, 9]
// CHECK: %[[WG:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], {{.*}}]
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[X]], %[[WG]] : {{.*}}) outs(%[[ACC]] : tensor<1x2x3x4x3xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.collapse_shape %[[Y]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x3x4x3xf32> into tensor<1x6x4x3xf32>
func.func @conv(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>,
                %b: tensor<6xf32>) -> tensor<1x6x4x3xf32> {
  %0 = nn.conv %x, %w, %b {groups = 2, stride = array<i64: 2, 2>,
                           padding = array<i64: 1, 1>,
                           dilation = array<i64: 1, 2>}
      : tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>
  return %0 : tensor<1x6x4x3xf32>
}

// -----

// An ungrouped convolution is an im2col GEMM: cols[c, kh, kw, n, oh, ow] =
// x[n, c, oh * 2 + kh, ow * 2 + kw * 2], collapsed to [C * K, N * O], is
// multiplied by the weights collapsed to [F, C * K]; the [F, N * O] product
// moves back to [N, F, oh, ow] with the bias added.
// CHECK-DAG: #[[COLSIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d0, d4 * 2 + d1, d5 * 2 + d2 * 2)>
// CHECK-DAG: #[[BYFEATURE:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_im2col
// CHECK-SAME: (%{{.*}}: tensor<2x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[PADDED:.*]] = tensor.pad
// CHECK: %[[COLS:.*]] = linalg.generic {indexing_maps = [#[[COLSIN]], {{.*}}]{{.*}} ins(%[[PADDED]] : tensor<2x3x9x9xf32>) outs(%{{.*}} : tensor<3x3x3x2x4x3xf32>)
// CHECK: %[[COLUMNS:.*]] = tensor.collapse_shape %[[COLS]] {{\[\[}}0, 1, 2], [3, 4, 5]] : tensor<3x3x3x2x4x3xf32> into tensor<27x24xf32>
// CHECK: %[[WR:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<4x3x3x3xf32> into tensor<4x27xf32>
// CHECK: %[[P:.*]] = linalg.matmul ins(%[[WR]], %[[COLUMNS]] : tensor<4x27xf32>, tensor<27x24xf32>)
// CHECK: %[[S:.*]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1, 2, 3]] output_shape [4, 2, 4, 3]
// CHECK: linalg.generic {indexing_maps = [#[[BYFEATURE]], #[[BIAS]], {{.*}}]{{.*}} ins(%[[S]], %[[B]] : tensor<4x2x4x3xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<2x4x4x3xf32>)
// CHECK: arith.addf
func.func @conv_im2col(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>,
                       %b: tensor<4xf32>) -> tensor<2x4x4x3xf32> {
  %0 = nn.conv %x, %w, %b {stride = array<i64: 2, 2>,
                           padding = array<i64: 1, 1>,
                           dilation = array<i64: 1, 2>}
      : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>
  return %0 : tensor<2x4x4x3xf32>
}

// -----

// A transposed convolution (stride 2, padding 1, output_padding 1): the
// input is spread stride apart into zeros, from (K - 1) - padding = 1 on,
// over the output extent plus the kernel's reach (10 + 2), then correlated
// with the flipped kernel: tap k reads position t + (K - 1 - k).
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 + -d6 + 2, d4 + -d7 + 2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d5, d2, d6, d7)>
// CHECK-LABEL: func.func @conv_transpose
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<1x4x12x12xf32>
// CHECK: %[[Z:.*]] = tensor.insert_slice %{{.*}} into %[[ZEROS]][0, 0, 1, 1] [1, 4, 5, 5] [1, 1, 2, 2]
// CHECK: %[[ZG:.*]] = tensor.expand_shape %[[Z]]
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[W]], {{.*}}]{{.*}} ins(%[[ZG]], %{{.*}} : tensor<1x1x4x12x12xf32>, tensor<1x4x3x3x3xf32>) outs(%{{.*}} : tensor<1x1x3x10x10xf32>)
// CHECK: tensor.collapse_shape
func.func @conv_transpose(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>)
    -> tensor<1x3x10x10xf32> {
  %0 = nn.conv_transpose %x, %w {stride = array<i64: 2, 2>,
                                 padding = array<i64: 1, 1>,
                                 output_padding = array<i64: 1, 1>}
      : tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>
  return %0 : tensor<1x3x10x10xf32>
}

// -----

// Padding wider than the kernel's reach (3 against 2): inputs whose every
// tap lands outside the output are cut off before they are spread.
// CHECK-LABEL: func.func @conv_transpose_wide_padding
// CHECK: %[[KEPT:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1] [2, 3, 4] [1, 1, 1] : tensor<2x3x6xf32> to tensor<2x3x4xf32>
// CHECK: tensor.insert_slice %[[KEPT]] into %{{.*}}[0, 0, 2] [2, 3, 4] [1, 1, 3] : tensor<2x3x4xf32> into tensor<2x3x14xf32>
func.func @conv_transpose_wide_padding(%x: tensor<2x3x6xf32>,
                                       %w: tensor<3x2x3xf32>)
    -> tensor<2x2x12xf32> {
  %0 = nn.conv_transpose %x, %w {stride = array<i64: 3>, padding = array<i64: 3>}
      : tensor<2x3x6xf32>, tensor<3x2x3xf32>
  return %0 : tensor<2x2x12xf32>
}

// -----

// A convolution that nnc-winograd-conv marked: linalg.conv_2d_nchw_fchw on
// the padded input into zeros (what the runtime's Winograd kernel
// computes), then the bias broadcast along the batch and the pixels.
// CHECK-LABEL: func.func @winograd
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x16x32x32xf32>)
// CHECK: %[[CONV:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PADDED]], %{{.*}} : tensor<2x16x34x34xf32>, tensor<16x16x3x3xf32>) outs(%[[ZEROS]] : tensor<2x16x32x32xf32>)
// CHECK: %[[BIAS:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [16, 1, 1]
// CHECK: linalg.generic {{.*}} ins(%[[CONV]], %[[BIAS]] : tensor<2x16x32x32xf32>, tensor<16x1x1xf32>)
// CHECK: arith.addf
// CHECK-NOT: linalg.matmul
func.func @winograd(%x: tensor<2x16x32x32xf32>, %w: tensor<16x16x3x3xf32>,
                    %b: tensor<16xf32>) -> tensor<2x16x32x32xf32> {
  %y = nn.conv %x, %w, %b {nnc.winograd, padding = array<i64: 1, 1>}
      : tensor<2x16x32x32xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>
  return %y : tensor<2x16x32x32xf32>
}

// -----

// A dilated one keeps its dilation.
// CHECK-LABEL: func.func @winograd_dilated
// CHECK: tensor.pad %{{.*}} low[0, 0, 2, 3] high[0, 0, 2, 3]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 3]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x16x36x38xf32>, tensor<16x16x3x3xf32>)
func.func @winograd_dilated(%x: tensor<1x16x32x32xf32>,
                            %w: tensor<16x16x3x3xf32>) -> tensor<1x16x32x32xf32> {
  %y = nn.conv %x, %w {nnc.winograd, dilation = array<i64: 2, 3>,
                       padding = array<i64: 2, 3>}
      : tensor<1x16x32x32xf32>, tensor<16x16x3x3xf32>
  return %y : tensor<1x16x32x32xf32>
}
