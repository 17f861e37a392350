// RUN: nnc-opt %s -split-input-file | nnc-opt -split-input-file | FileCheck %s
// RUN: nnc-opt %s -split-input-file -mlir-print-op-generic | nnc-opt -split-input-file | FileCheck %s

// nn.conv and nn.conv_transpose print in their custom form and parse back;
// the inferred result types are checked through the function's results.

// Output extents floor((H + 2p - d (k - 1) - 1) / s) + 1: 32 -> 16 with
// k 3, s 2, p 1; a dilated kernel spans k + (k - 1)(d - 1) = 5, so 32 -> 28;
// asymmetric padding 0 + 2 keeps 32 -> 32; depthwise (groups = C); 1-D and
// 3-D; attributes left out take torch's defaults.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: -> (tensor<1x8x16x16xf32>, tensor<1x8x28x28xf32>, tensor<1x8x32x31xf32>, tensor<1x6x32x32xf32>, tensor<2x4x5xf32>, tensor<1x2x3x3x3xf32>)
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {dilation = array<i64: 2, 2>} : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {padding = array<i64: 0, 0, 2, 1>} : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {groups = 3 : i64, padding = array<i64: 1, 1>} : tensor<1x3x32x32xf32>, tensor<6x1x3x3xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {stride = array<i64: 2>} : tensor<2x3x10xf32>, tensor<4x3x2xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} : tensor<1x2x4x4x4xf32>, tensor<2x2x2x2x2xf32>
func.func @conv(%x: tensor<1x3x32x32xf32>, %w: tensor<8x3x3x3xf32>,
                %b: tensor<8xf32>, %dw: tensor<6x1x3x3xf32>,
                %x1: tensor<2x3x10xf32>, %w1: tensor<4x3x2xf32>,
                %x3: tensor<1x2x4x4x4xf32>, %w3: tensor<2x2x2x2x2xf32>)
    -> (tensor<1x8x16x16xf32>, tensor<1x8x28x28xf32>, tensor<1x8x32x31xf32>,
        tensor<1x6x32x32xf32>, tensor<2x4x5xf32>, tensor<1x2x3x3x3xf32>) {
  %0 = nn.conv %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>
  %1 = nn.conv %x, %w {dilation = array<i64: 2, 2>}
      : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>
  %2 = nn.conv %x, %w {padding = array<i64: 0, 0, 2, 1>}
      : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>
  %3 = nn.conv %x, %dw {groups = 3, padding = array<i64: 1, 1>}
      : tensor<1x3x32x32xf32>, tensor<6x1x3x3xf32>
  %4 = nn.conv %x1, %w1 {stride = array<i64: 2>}
      : tensor<2x3x10xf32>, tensor<4x3x2xf32>
  %5 = nn.conv %x3, %w3 : tensor<1x2x4x4x4xf32>, tensor<2x2x2x2x2xf32>
  return %0, %1, %2, %3, %4, %5
      : tensor<1x8x16x16xf32>, tensor<1x8x28x28xf32>, tensor<1x8x32x31xf32>,
        tensor<1x6x32x32xf32>, tensor<2x4x5xf32>, tensor<1x2x3x3x3xf32>
}

// -----

// Output extents (H - 1) s - 2p + d (k - 1) + output_padding + 1: the 2x
// upsampling 16 -> 32 (k 2, s 2), and k 3, s 2, p 1 with output_padding 1,
// also 16 -> 32; groups give F = groups * weight[1].
// CHECK-LABEL: func.func @conv_transpose
// CHECK-SAME: -> (tensor<1x4x32x32xf32>, tensor<1x4x32x32xf32>, tensor<1x4x18x18xf32>)
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} {stride = array<i64: 2, 2>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>, tensor<4xf32>
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<1x8x16x16xf32>, tensor<8x4x3x3xf32>
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}} {groups = 2 : i64} : tensor<1x8x16x16xf32>, tensor<8x2x3x3xf32>
func.func @conv_transpose(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>,
                          %b: tensor<4xf32>, %w3: tensor<8x4x3x3xf32>,
                          %wg: tensor<8x2x3x3xf32>)
    -> (tensor<1x4x32x32xf32>, tensor<1x4x32x32xf32>, tensor<1x4x18x18xf32>) {
  %0 = nn.conv_transpose %x, %w, %b {stride = array<i64: 2, 2>}
      : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>, tensor<4xf32>
  %1 = nn.conv_transpose %x, %w3 {stride = array<i64: 2, 2>,
                                  padding = array<i64: 1, 1>,
                                  output_padding = array<i64: 1, 1>}
      : tensor<1x8x16x16xf32>, tensor<8x4x3x3xf32>
  %2 = nn.conv_transpose %x, %wg {groups = 2}
      : tensor<1x8x16x16xf32>, tensor<8x2x3x3xf32>
  return %0, %1, %2
      : tensor<1x4x32x32xf32>, tensor<1x4x32x32xf32>, tensor<1x4x18x18xf32>
}
