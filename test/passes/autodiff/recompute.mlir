// RUN: nnc-opt %s -nnc-autodiff=recompute=true | FileCheck %s

// Gradient checkpointing: of the five active ops (four tanh and the sum)
// only every ceil(sqrt(5)) = 3rd result, a3, stays alive for the backward
// pass; a4 is recomputed from a3, and a1 and a2 from the parameter. The
// copies are marked so that CSE does not merge them back.
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: (%[[W:.*]]: tensor<8xf32>
// CHECK: %[[A1:.*]] = nn.tanh %[[W]]
// CHECK: %[[A2:.*]] = nn.tanh %[[A1]]
// CHECK: %[[A3:.*]] = nn.tanh %[[A2]]
// CHECK: %[[A4:.*]] = nn.tanh %[[A3]]
// CHECK: %[[R4:.*]] = nn.tanh %[[A3]] {nn.recomputed}
// CHECK: nn.mul %[[R4]], %[[R4]]
// CHECK: nn.mul %[[A3]], %[[A3]]
// CHECK: %[[R1:.*]] = nn.tanh %[[W]] {nn.recomputed}
// CHECK: %[[R2:.*]] = nn.tanh %[[R1]]
// CHECK: nn.mul %[[R2]], %[[R2]]
// CHECK: nn.mul %[[R1]], %[[R1]]
func.func @loss(%w: tensor<8xf32> {nn.param = "w"}) -> tensor<f32> {
  %a1 = nn.tanh %w : tensor<8xf32>
  %a2 = nn.tanh %a1 : tensor<8xf32>
  %a3 = nn.tanh %a2 : tensor<8xf32>
  %a4 = nn.tanh %a3 : tensor<8xf32>
  %l = nn.reduce_sum %a4 [] : tensor<8xf32>
  return %l : tensor<f32>
}
