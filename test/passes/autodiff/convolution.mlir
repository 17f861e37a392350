// RUN: nnc-opt %s -split-input-file -nnc-autodiff | FileCheck %s

// The rules of nn.conv: the input's gradient is a transposed convolution of
// the output gradient with the same weight (output_padding 1 restores the
// input row that stride 2 left unread); the weight's is a convolution of
// the input, batch and channels exchanged, by the output gradient as the
// kernel, stride and dilation swapped, cropped to the kernel's extent; the
// bias's is the output gradient summed over all but channels.
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: %[[W:[^:]*]]: tensor<4x2x3x3xf32> {nn.param = "w"}
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x2x8x8xf32> {nn.param = "x"}
// CHECK: %[[G:.*]] = nn.broadcast_to %{{.*}} [1, 4, 3, 3]
// CHECK: %[[DX:.*]] = nn.conv_transpose %[[G]], %[[W]] {dilation = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}
// CHECK: %[[SPLIT:.*]] = nn.reshape %[[X]] [1, 1, 2, 8, 8]
// CHECK: %[[SWAP:.*]] = nn.transpose %[[SPLIT]] [2, 1, 0, 3, 4]
// CHECK: %[[LHS:.*]] = nn.reshape %[[SWAP]] [2, 1, 8, 8]
// CHECK: %[[RHS:.*]] = nn.transpose %[[G]] [1, 0, 2, 3]
// CHECK: %[[CORR:.*]] = nn.conv %[[LHS]], %[[RHS]] {dilation = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : tensor<2x1x8x8xf32>, tensor<4x1x3x3xf32>
// CHECK: %[[CROP:.*]] = nn.slice %[[CORR]] [0, 0, 0, 0] to [2, 4, 3, 3]
// CHECK: %[[DW:.*]] = nn.transpose %[[CROP]] [1, 0, 2, 3]
// CHECK: %[[DB:.*]] = nn.reduce_sum %[[G]] [0, 2, 3]
// CHECK: return %{{.*}}, %[[DW]], %[[DB]], %[[DX]]
func.func @loss(%w: tensor<4x2x3x3xf32> {nn.param = "w"},
                %b: tensor<4xf32> {nn.param = "b"},
                %x: tensor<1x2x8x8xf32> {nn.param = "x"}) -> tensor<f32> {
  %y = nn.conv %x, %w, %b {stride = array<i64: 2, 2>}
      : tensor<1x2x8x8xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>
  %l = nn.reduce_sum %y [] : tensor<1x4x3x3xf32>
  return %l : tensor<f32>
}

// -----

// The rules of nn.conv_transpose: the input's gradient is the convolution
// of the output gradient with the same weight and window; the weight's is
// the weight gradient of that convolution, with the input in the role of
// its output gradient (grouped: channels regrouped per group).
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: %[[W:[^:]*]]: tensor<4x3x2x2xf32> {nn.param = "w"}
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x4x3x3xf32> {nn.param = "x"}
// CHECK: %[[G:.*]] = nn.broadcast_to %{{.*}} [1, 6, 6, 6]
// CHECK: %[[DX:.*]] = nn.conv %[[G]], %[[W]] {dilation = array<i64: 1, 1>, groups = 2 : i64, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}
// CHECK: %[[SPLIT:.*]] = nn.reshape %[[G]] [1, 2, 3, 6, 6]
// CHECK: %[[SWAP:.*]] = nn.transpose %[[SPLIT]] [2, 1, 0, 3, 4]
// CHECK: %[[LHS:.*]] = nn.reshape %[[SWAP]] [3, 2, 6, 6]
// CHECK: %[[RHS:.*]] = nn.transpose %[[X]] [1, 0, 2, 3]
// CHECK: %[[CORR:.*]] = nn.conv %[[LHS]], %[[RHS]] {dilation = array<i64: 2, 2>, groups = 2 : i64, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : tensor<3x2x6x6xf32>, tensor<4x1x3x3xf32>
// CHECK: %[[DW:.*]] = nn.transpose %[[CORR]] [1, 0, 2, 3] : tensor<3x4x2x2xf32>
// CHECK: return %{{.*}}, %[[DW]], %[[DX]]
func.func @loss(%w: tensor<4x3x2x2xf32> {nn.param = "w"},
                %x: tensor<1x4x3x3xf32> {nn.param = "x"}) -> tensor<f32> {
  %y = nn.conv_transpose %x, %w {stride = array<i64: 2, 2>, groups = 2}
      : tensor<1x4x3x3xf32>, tensor<4x3x2x2xf32>
  %l = nn.reduce_sum %y [] : tensor<1x6x6x6xf32>
  return %l : tensor<f32>
}
