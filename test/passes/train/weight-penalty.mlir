// RUN: nnc-opt %s -split-input-file --nnc-weight-penalty="l1=0.5 l2=0.25" | FileCheck %s
// RUN: nnc-opt %s -split-input-file --nnc-weight-penalty="l2=0.25" | FileCheck %s --check-prefix=L2
// RUN: nnc-opt %s -split-input-file --nnc-weight-penalty | FileCheck %s --check-prefix=NONE

// Each nn.param adds l1 * sum|p| and l2 * sum p^2 to the loss; the input and
// the buffer are not penalized, and further results stay as they are.
// CHECK-LABEL: func.func @loss
// CHECK-SAME: (%[[W:.*]]: tensor<4x3xf32> {nn.param = "w"}, %[[B:.*]]: tensor<3xf32> {nn.param = "b"}, %[[X:.*]]: tensor<2x4xf32> {nn.input = "x"}, %[[S:.*]]: tensor<3xf32> {nn.buffer = "s"})
// CHECK: %[[L:.*]] = nn.reduce_sum
// CHECK: %[[ABSW:.*]] = nn.abs %[[W]] : tensor<4x3xf32>
// CHECK: %[[SUMW:.*]] = nn.reduce_sum %[[ABSW]] [] : tensor<4x3xf32>
// CHECK: %[[C1:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CHECK: %[[T1:.*]] = nn.mul %[[SUMW]], %[[C1]]
// CHECK: %[[ACC1:.*]] = nn.add %[[L]], %[[T1]]
// CHECK: %[[SQW:.*]] = nn.mul %[[W]], %[[W]] : tensor<4x3xf32>, tensor<4x3xf32>
// CHECK: %[[SUMSQW:.*]] = nn.reduce_sum %[[SQW]] [] : tensor<4x3xf32>
// CHECK: %[[C2:.*]] = arith.constant dense<2.500000e-01> : tensor<f32>
// CHECK: %[[T2:.*]] = nn.mul %[[SUMSQW]], %[[C2]]
// CHECK: nn.add %[[ACC1]], %[[T2]]
// CHECK: nn.abs %[[B]] : tensor<3xf32>
// CHECK: nn.mul %[[B]], %[[B]]
// CHECK: %[[TOTAL:.*]] = nn.add
// CHECK-NOT: %[[X]]
// CHECK-NOT: nn.abs %[[S]]
// CHECK: return %[[TOTAL]], %[[S]] : tensor<f32>, tensor<3xf32>

// Only the l2 term where l1 is 0.
// L2-LABEL: func.func @loss
// L2-NOT: nn.abs
// L2: nn.mul %{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<4x3xf32>
// L2: nn.mul %{{.*}}, %{{.*}} : tensor<3xf32>, tensor<3xf32>
// L2-NOT: nn.abs

// Both coefficients 0 (the defaults): the loss is unchanged.
// NONE-LABEL: func.func @loss
// NONE: %[[L:.*]] = nn.reduce_sum
// NONE-NEXT: return %[[L]], %{{.*}}
func.func @loss(%w: tensor<4x3xf32> {nn.param = "w"},
                %b: tensor<3xf32> {nn.param = "b"},
                %x: tensor<2x4xf32> {nn.input = "x"},
                %s: tensor<3xf32> {nn.buffer = "s"})
    -> (tensor<f32> {nn.output = "loss"}, tensor<3xf32> {nn.output = "s"}) {
  %h = nn.matmul %x, %w : tensor<2x4xf32>, tensor<4x3xf32>
  %y = nn.add %h, %b : tensor<2x3xf32>, tensor<3xf32>
  %l = nn.reduce_sum %y [] : tensor<2x3xf32>
  return %l, %s : tensor<f32>, tensor<3xf32>
}
