// RUN: nnc-opt %s -split-input-file -nnc-autodiff | FileCheck %s

// A linear layer under mse: the gradient function returns the loss and one
// gradient per nn.param in argument order, named after it. The input x gets
// no gradient (activity analysis), so no d/dx matmul is left.
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: %[[W:.*]]: tensor<4x3xf32> {nn.param = "w"}
// CHECK-SAME: %[[B:.*]]: tensor<3xf32> {nn.param = "b"}
// CHECK-SAME: %[[X:.*]]: tensor<2x4xf32> {nn.input = "x"}
// CHECK-SAME: -> (tensor<f32> {nn.output = "loss"}, tensor<4x3xf32> {nn.output = "w.grad"}, tensor<3xf32> {nn.output = "b.grad"})
// CHECK: %[[H:.*]] = nn.matmul %[[X]], %[[W]]
// CHECK: %[[Y:.*]] = nn.add %[[H]], %[[B]]
// CHECK: %[[L:.*]] = nn.mse_loss %[[Y]]
// CHECK: %[[SEED:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[DIFF:.*]] = nn.sub %[[Y]], %{{.*}}
// CHECK: %[[TWICE:.*]] = nn.mul %[[DIFF]]
// CHECK: %[[DY:.*]] = nn.mul %[[TWICE]]
// CHECK: %[[DB:.*]] = nn.reduce_sum %[[DY]] [0] {keepdim = true}
// CHECK: %[[DBR:.*]] = nn.reshape %[[DB]] [3]
// CHECK: %[[XT:.*]] = nn.transpose %[[X]] [1, 0]
// CHECK: %[[DW:.*]] = nn.matmul %[[XT]], %[[DY]]
// CHECK-NOT: nn.matmul
// CHECK: return %[[L]], %[[DW]], %[[DBR]]
func.func @loss(%w: tensor<4x3xf32> {nn.param = "w"},
                %b: tensor<3xf32> {nn.param = "b"},
                %x: tensor<2x4xf32> {nn.input = "x"},
                %t: tensor<2x3xf32> {nn.input = "t"}) -> tensor<f32> {
  %h = nn.matmul %x, %w : tensor<2x4xf32>, tensor<4x3xf32>
  %y = nn.add %h, %b : tensor<2x3xf32>, tensor<3xf32>
  %l = nn.mse_loss %y, %t : tensor<2x3xf32>, tensor<2x3xf32>
  return %l : tensor<f32>
}

// -----

// nn.stop_gradient cuts the path: w only reaches the loss through the
// stopped branch and the direct product, so its gradient comes from the
// product alone (the exp branch is not differentiated).
// CHECK-LABEL: func.func @loss_grad
// CHECK: %[[E:.*]] = nn.exp
// CHECK: %[[S:.*]] = nn.stop_gradient %[[E]]
// CHECK: arith.constant dense<1.000000e+00>
// CHECK-NOT: nn.exp
// CHECK: %[[DW:.*]] = nn.mul %{{.*}}, %[[S]]
// CHECK-NEXT: return %{{.*}}, %[[DW]]
func.func @loss(%w: tensor<3xf32> {nn.param = "w"}) -> tensor<f32> {
  %e = nn.exp %w : tensor<3xf32>
  %s = nn.stop_gradient %e : tensor<3xf32>
  %p = nn.mul %s, %w : tensor<3xf32>, tensor<3xf32>
  %l = nn.reduce_sum %p [] : tensor<3xf32>
  return %l : tensor<f32>
}

// -----

// A parameter the loss does not depend on gets zeros.
// CHECK-LABEL: func.func @loss_grad
// CHECK: %[[Z:.*]] = arith.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK: return %{{.*}}, %{{.*}}, %[[Z]]
func.func @loss(%w: tensor<3xf32> {nn.param = "w"},
                %unused: tensor<5xf32> {nn.param = "unused"}) -> tensor<f32> {
  %l = nn.reduce_sum %w [] : tensor<3xf32>
  return %l : tensor<f32>
}

// -----

// A loop: the forward loop is rewritten to tape the state each iteration
// starts from, and a reverse loop replays the tape backwards, carrying the
// state's gradient and accumulating the gradient of the weight it captures.
// CHECK-LABEL: func.func @loss_grad
// CHECK: %[[TAPE:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: %[[FWD:.*]]:2 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[T:.*]] = %[[TAPE]])
// CHECK:   tensor.insert_slice %[[H]] into %[[T]]
// CHECK:   nn.tanh
// CHECK: %[[REV:.*]]:2 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[DH:.*]] = %{{.*}}, %[[DU:.*]] = %{{.*}})
// CHECK:   tensor.extract_slice %[[FWD]]#1
// CHECK:   nn.matmul
// CHECK:   nn.tanh
// CHECK:   nn.add %[[DU]]
// CHECK:   scf.yield
// CHECK: return %{{.*}}, %[[REV]]#1
func.func @loss(%u: tensor<3x3xf32> {nn.param = "u"},
                %h0: tensor<2x3xf32> {nn.input = "h0"}) -> tensor<f32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %h = scf.for %i = %c0 to %c4 step %c1 iter_args(%hi = %h0) -> tensor<2x3xf32> {
    %m = nn.matmul %hi, %u : tensor<2x3xf32>, tensor<3x3xf32>
    %t = nn.tanh %m : tensor<2x3xf32>
    scf.yield %t : tensor<2x3xf32>
  }
  %l = nn.reduce_sum %h [] : tensor<2x3xf32>
  return %l : tensor<f32>
}

// -----

// A while loop first runs to count its iterations, then as a counted loop
// that is differentiated like any scf.for.
// CHECK-LABEL: func.func @loss_grad
// CHECK: %[[COUNT:.*]]:3 = scf.while
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[COUNT]]#2
// CHECK-NOT: scf.while
// CHECK: return
func.func @loss(%u: tensor<3x3xf32> {nn.param = "u"},
                %h0: tensor<2x3xf32> {nn.input = "h0"}) -> tensor<f32> {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c1 = arith.constant 1 : index
  %h, %n = scf.while (%hi = %h0, %i = %c0) : (tensor<2x3xf32>, index) -> (tensor<2x3xf32>, index) {
    %go = arith.cmpi slt, %i, %c3 : index
    scf.condition(%go) %hi, %i : tensor<2x3xf32>, index
  } do {
  ^bb0(%hj: tensor<2x3xf32>, %j: index):
    %m = nn.matmul %hj, %u : tensor<2x3xf32>, tensor<3x3xf32>
    %t = nn.tanh %m : tensor<2x3xf32>
    %k = arith.addi %j, %c1 : index
    scf.yield %t, %k : tensor<2x3xf32>, index
  }
  %l = nn.reduce_sum %h [] : tensor<2x3xf32>
  return %l : tensor<f32>
}

// -----

// A gradient inside the loss (nn.grad) is expanded into the callee's
// forward and backward ops, which are then differentiated again.
// CHECK-LABEL: func.func @loss_grad
// CHECK-NOT: nn.grad
// CHECK: nn.tanh
// CHECK: return
func.func private @critic(%x: tensor<4x3xf32>, %w: tensor<3x1xf32>) -> tensor<f32> {
  %h = nn.matmul %x, %w : tensor<4x3xf32>, tensor<3x1xf32>
  %a = nn.tanh %h : tensor<4x1xf32>
  %s = nn.reduce_sum %a [] : tensor<4x1xf32>
  return %s : tensor<f32>
}
func.func @loss(%w: tensor<3x1xf32> {nn.param = "w"},
                %x: tensor<4x3xf32> {nn.input = "x"}) -> tensor<f32> {
  %g = nn.grad @critic(%x, %w) wrt [0] : (tensor<4x3xf32>, tensor<3x1xf32>) -> tensor<4x3xf32>
  %sq = nn.mul %g, %g : tensor<4x3xf32>, tensor<4x3xf32>
  %l = nn.reduce_sum %sq [] : tensor<4x3xf32>
  return %l : tensor<f32>
}


// -----

// nn.scan: the forward scan becomes a loop that also tapes the carried
// state; the reverse loop replays it and feeds each step's output gradient
// in. The scanned data xs needs no gradient, so none is gathered; the
// weighted sequence e does, and is gathered step by step.
// CHECK-LABEL: func.func @loss_grad
// CHECK: %[[FWD:.*]]:3 = scf.for
// CHECK:   nn.tanh
// CHECK:   tensor.insert_slice
// CHECK: %[[REV:.*]]:3 = scf.for %{{.*}} iter_args(%[[DH:.*]] = %{{.*}}, %[[DE:.*]] = %{{.*}}, %[[DW:.*]] = %{{.*}})
// CHECK:   tensor.extract_slice %[[FWD]]#2
// CHECK:   tensor.insert_slice %{{.*}} into %[[DE]]
// CHECK: %[[DV:.*]] = nn.mul %[[REV]]#1, %{{.*}}
// CHECK: %[[DVS:.*]] = nn.reduce_sum %[[DV]] [0, 1] {keepdim = true}
// CHECK: %[[DVR:.*]] = nn.reshape %[[DVS]] [3]
// CHECK: return %{{.*}}, %[[REV]]#2, %[[DVR]]
func.func @loss(%w: tensor<3x3xf32> {nn.param = "w"},
                %v: tensor<3xf32> {nn.param = "v"},
                %xs: tensor<4x2x3xf32> {nn.input = "xs"}) -> tensor<f32> {
  %h0 = arith.constant dense<0.0> : tensor<2x3xf32>
  %e = nn.mul %xs, %v : tensor<4x2x3xf32>, tensor<3xf32>
  %h, %ys = nn.scan init(%h0 : tensor<2x3xf32>) over(%e : tensor<4x2x3xf32>) finals(tensor<2x3xf32>) outputs(tensor<4x2x3xf32>) {
  ^bb0(%hp: tensor<2x3xf32>, %x: tensor<2x3xf32>):
    %m = nn.matmul %hp, %w : tensor<2x3xf32>, tensor<3x3xf32>
    %s = nn.add %m, %x : tensor<2x3xf32>, tensor<2x3xf32>
    %n = nn.tanh %s : tensor<2x3xf32>
    nn.yield %n, %n : tensor<2x3xf32>, tensor<2x3xf32>
  }
  %l = nn.reduce_sum %ys [] : tensor<4x2x3xf32>
  return %l : tensor<f32>
}

// -----

// One value passed for two arguments of an nn.grad callee: the gradient with
// respect to the first argument is a partial derivative, so that argument
// gets a value of its own (an identity reshape) before differentiating.
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: (%[[W:.*]]: tensor<3xf32>
// CHECK: %[[OWN:.*]] = nn.reshape %[[W]] [3]
// CHECK: nn.mul %[[OWN]], %[[W]]
func.func private @f(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<f32> {
  %p = nn.mul %a, %b : tensor<3xf32>, tensor<3xf32>
  %q = nn.mul %p, %a : tensor<3xf32>, tensor<3xf32>
  %s = nn.reduce_sum %q [] : tensor<3xf32>
  return %s : tensor<f32>
}
func.func @loss(%w: tensor<3xf32> {nn.param = "w"}) -> tensor<f32> {
  %d = nn.grad @f(%w, %w) wrt [0] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = nn.reduce_sum %d [] : tensor<3xf32>
  return %l : tensor<f32>
}

// -----

// Pooling gradients are the pooling gradient ops with the forward
// attributes: max_pool_grad reads the forward input to find each window's
// maximum, avg_pool_grad needs only the input's type.
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: %[[A:[^:]*]]: tensor<1x2x6xf32> {nn.param = "a"}
// CHECK-SAME: %[[M:[^:]*]]: tensor<1x2x6xf32> {nn.param = "m"}
// CHECK: %[[AVG:.*]] = nn.avg_pool %[[A]]
// CHECK: %[[MAX:.*]] = nn.max_pool %[[M]]
// CHECK: %[[DM:.*]] = nn.max_pool_grad %{{.*}}, %[[M]] {ceil_mode = true, dilation = array<i64: 2>, kernel = array<i64: 2>, padding = array<i64: 1>, stride = array<i64: 2>} : tensor<1x2x4xf32>, tensor<1x2x6xf32>
// CHECK: %[[DA:.*]] = nn.avg_pool_grad %{{.*}} {count_include_pad = false, kernel = array<i64: 3>, padding = array<i64: 1>} : tensor<1x2x2xf32> -> tensor<1x2x6xf32>
// CHECK: return %{{.*}}, %[[DA]], %[[DM]]
func.func @loss(%a: tensor<1x2x6xf32> {nn.param = "a"},
                %m: tensor<1x2x6xf32> {nn.param = "m"}) -> tensor<f32> {
  %avg = nn.avg_pool %a {kernel = array<i64: 3>, padding = array<i64: 1>,
                         count_include_pad = false} : tensor<1x2x6xf32>
  %max = nn.max_pool %m {kernel = array<i64: 2>, stride = array<i64: 2>,
                         padding = array<i64: 1>, dilation = array<i64: 2>,
                         ceil_mode = true} : tensor<1x2x6xf32>
  %s0 = nn.reduce_sum %avg [] : tensor<1x2x2xf32>
  %s1 = nn.reduce_sum %max [] : tensor<1x2x4xf32>
  %l = nn.add %s0, %s1 : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}

// -----

// Integer results carry no gradient: nn.argmax (which has no gradient rule)
// picks the rows to gather, and only the gather is differentiated, into a
// scatter_add of the cotangent at the picked rows.
// CHECK-LABEL: func.func @loss_grad
// CHECK-SAME: %[[X:.*]]: tensor<4x3xf32> {nn.param = "x"}
// CHECK: %[[IDX:.*]] = nn.argmax %[[X]] {axis = 0 : i64} : tensor<4x3xf32>
// CHECK: nn.gather %[[X]], %[[IDX]] {axis = 0 : i64}
// CHECK: nn.scatter_add %{{.*}}, %[[IDX]], %{{.*}} {axis = 0 : i64}
// CHECK-NOT: nn.argmax
func.func @loss(%x: tensor<4x3xf32> {nn.param = "x"}) -> tensor<f32> {
  %idx = nn.argmax %x {axis = 0} : tensor<4x3xf32>
  %rows = nn.gather %x, %idx {axis = 0} : tensor<4x3xf32>, tensor<3xi64>
  %s = nn.reduce_sum %rows [] : tensor<3x3xf32>
  return %s : tensor<f32>
}
