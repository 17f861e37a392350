// RUN: nnc-opt %s -split-input-file --nnc-inference-mode | FileCheck %s
// RUN: nnc-opt %s -split-input-file --nnc-inference-mode --canonicalize | FileCheck %s --check-prefix=FOLDED

// Dropout and batch_norm in training mode (explicit or by default) switch
// to inference mode; their other attributes stay; other ops are untouched.
// CHECK-LABEL: func.func @training_ops
// CHECK: nn.dropout %{{.*}}, %{{.*}} {p = 1.000000e-01 : f64, training = false}
// CHECK: nn.dropout %{{.*}}, %{{.*}} {training = false}
// CHECK: nn.batch_norm %{{.*}} {momentum = 3.000000e-01 : f64, training = false}
// CHECK: nn.layer_norm %{{.*}} :
// CHECK: nn.relu
// In inference mode dropout folds away.
// FOLDED-LABEL: func.func @training_ops
// FOLDED-SAME: (%[[X:.*]]: tensor<8x4xf32>,
// FOLDED-NOT: nn.dropout
// FOLDED: nn.batch_norm %[[X]],
func.func @training_ops(%x: tensor<8x4xf32>, %key: tensor<i64>,
                        %c: tensor<4xf32>) -> tensor<8x4xf32> {
  %0 = nn.dropout %x, %key {p = 0.1} : tensor<8x4xf32>, tensor<i64>
  %1 = nn.dropout %0, %key {training = true} : tensor<8x4xf32>, tensor<i64>
  %y, %m, %v = nn.batch_norm %1, %c, %c, %c, %c {momentum = 0.3}
      : tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>
  %2 = nn.layer_norm %y, %c, %c : tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>
  %3 = nn.relu %2 : tensor<8x4xf32>
  return %3 : tensor<8x4xf32>
}

// -----

// Ops inside nested regions switch too.
// CHECK-LABEL: func.func @nested
// CHECK: scf.for
// CHECK: nn.dropout %{{.*}}, %{{.*}} {training = false}
func.func @nested(%x: tensor<4xf32>, %key: tensor<i64>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %c2 step %c1 iter_args(%acc = %x) -> tensor<4xf32> {
    %d = nn.dropout %acc, %key : tensor<4xf32>, tensor<i64>
    scf.yield %d : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
