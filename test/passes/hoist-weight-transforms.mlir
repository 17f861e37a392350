// RUN: nnc-opt %s -split-input-file -nnc-hoist-weight-transforms="narrow-columns=0" -verify-diagnostics | FileCheck %s
// RUN: nnc-opt %s -split-input-file -nnc-hoist-weight-transforms -verify-diagnostics | FileCheck %s --check-prefix=NARROW

// A linear layer's weight transpose moves into @linear_prepare, which takes
// the weights in order and returns the transpose; the entry reads it as a
// derived argument named after the weight and the op.
// CHECK-LABEL: func.func @linear
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf32> {nn.input = "x"}, %{{.*}}: tensor<8x4xf32> {nn.param = "fc.weight"}, %[[B:.*]]: tensor<8xf32> {nn.param = "fc.bias"}, %[[WT:.*]]: tensor<4x8xf32> {nn.derived = "fc.weight:transpose"})
// CHECK-NEXT: %[[Y:.*]] = nn.matmul %[[X]], %[[WT]]
// CHECK-NEXT: %[[Z:.*]] = nn.add %[[Y]], %[[B]]
// CHECK-NEXT: return %[[Z]]
// CHECK-LABEL: func.func @linear_prepare
// CHECK-SAME: (%[[W:.*]]: tensor<8x4xf32> {nn.param = "fc.weight"}, %{{.*}}: tensor<8xf32> {nn.param = "fc.bias"}) -> (tensor<4x8xf32> {nn.output = "fc.weight:transpose"})
// CHECK-NEXT: %[[T:.*]] = nn.transpose %[[W]] [1, 0]
// CHECK-NEXT: return %[[T]]
func.func @linear(%x: tensor<2x4xf32> {nn.input = "x"},
                  %w: tensor<8x4xf32> {nn.param = "fc.weight"},
                  %b: tensor<8xf32> {nn.param = "fc.bias"}) -> (tensor<2x8xf32> {nn.output = "y"}) {
  %t = nn.transpose %w [1, 0] : tensor<8x4xf32>
  %y = nn.matmul %x, %t : tensor<2x4xf32>, tensor<4x8xf32>
  %z = nn.add %y, %b : tensor<2x8xf32>, tensor<8xf32>
  return %z : tensor<2x8xf32>
}

// -----

// A classifier's transposed weight, read only by a product of fewer columns
// than a vector (10; by default, 16), stays in the entry: the lowering
// reads the weight in place (a transposed-B matmul), faster there than the
// plain GEMM on the transposed copy. No prepare function is made. With
// narrow-columns=0 it moves as any other.
// NARROW-LABEL: func.func @narrow_classifier
// NARROW-SAME: (%[[X:.*]]: tensor<2x4xf32> {nn.input = "x"}, %[[W:.*]]: tensor<10x4xf32> {nn.param = "fc.weight"})
// NARROW-NEXT: %[[T:.*]] = nn.transpose %[[W]] [1, 0]
// NARROW-NEXT: %[[Y:.*]] = nn.matmul %[[X]], %[[T]]
// NARROW-NEXT: return %[[Y]]
// NARROW-NOT: func.func @narrow_classifier_prepare
// CHECK-LABEL: func.func @narrow_classifier_prepare
func.func @narrow_classifier(%x: tensor<2x4xf32> {nn.input = "x"},
                             %w: tensor<10x4xf32> {nn.param = "fc.weight"}) -> (tensor<2x10xf32> {nn.output = "y"}) {
  %t = nn.transpose %w [1, 0] : tensor<10x4xf32>
  %y = nn.matmul %x, %t : tensor<2x4xf32>, tensor<4x10xf32>
  return %y : tensor<2x10xf32>
}

// -----

// A chain of views and arithmetic on the weights (an LSTM's weight slice
// and its two biases summed, with a constant) moves whole; only what the
// entry reads is derived. A reshape the entry reads stays there, reading
// the weight itself. Buffers count as weights; inputs do not.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%{{.*}}: tensor<1x8x4xf32> {nn.param = "w"}, %[[X:.*]]: tensor<2x4xf32> {nn.input = "x"}, %[[BIAS:.*]]: tensor<16xf32> {nn.buffer = "bias"}, %[[WT:.*]]: tensor<4x8xf32> {nn.derived = "w:transpose"}, %[[SUM:.*]]: tensor<8xf32> {nn.derived = "bias:mul"})
// CHECK-NEXT: %[[Y:.*]] = nn.matmul %[[X]], %[[WT]]
// CHECK-NEXT: %[[Z:.*]] = nn.add %[[Y]], %[[SUM]]
// CHECK-NEXT: %[[V:.*]] = nn.reshape %[[BIAS]] [2, 8]
// CHECK-NEXT: return %[[Z]], %[[V]]
// CHECK-LABEL: func.func @chain_prepare
// CHECK-SAME: (%[[W:.*]]: tensor<1x8x4xf32> {nn.param = "w"}, %[[B:.*]]: tensor<16xf32> {nn.buffer = "bias"}) -> (tensor<4x8xf32> {nn.output = "w:transpose"}, tensor<8xf32> {nn.output = "bias:mul"})
// CHECK: nn.slice %[[W]]
// CHECK: nn.reshape
// CHECK: nn.transpose
// CHECK: nn.slice %[[B]] [0] to [8]
// CHECK: nn.slice %[[B]] [8] to [16]
// CHECK: nn.add
// CHECK: %[[HALF:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CHECK: nn.mul %{{.*}}, %[[HALF]]
// CHECK: return
func.func @chain(%w: tensor<1x8x4xf32> {nn.param = "w"},
                 %x: tensor<2x4xf32> {nn.input = "x"},
                 %bias: tensor<16xf32> {nn.buffer = "bias"}) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %half = arith.constant dense<0.5> : tensor<f32>
  %s = nn.slice %w [0, 0, 0] to [1, 8, 4] : tensor<1x8x4xf32>
  %r = nn.reshape %s [8, 4] : tensor<1x8x4xf32>
  %t = nn.transpose %r [1, 0] : tensor<8x4xf32>
  %y = nn.matmul %x, %t : tensor<2x4xf32>, tensor<4x8xf32>
  %b0 = nn.slice %bias [0] to [8] : tensor<16xf32>
  %b1 = nn.slice %bias [8] to [16] : tensor<16xf32>
  %b = nn.add %b0, %b1 : tensor<8xf32>, tensor<8xf32>
  %bh = nn.mul %b, %half : tensor<8xf32>, tensor<f32>
  %z = nn.add %y, %bh : tensor<2x8xf32>, tensor<8xf32>
  %v = nn.reshape %bias [2, 8] : tensor<16xf32>
  return %z, %v : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// Nothing worth a copy: a broadcast that grows the weight, a weight read
// only through a view, and work on inputs stay in the entry, and no
// prepare function is made.
// CHECK-LABEL: func.func @nothing
// CHECK-NOT: nn.derived
// CHECK: nn.add
// CHECK: nn.reshape
// CHECK-NOT: func.func @nothing_prepare
func.func @nothing(%x: tensor<4x8xf32> {nn.input = "x"},
                   %b: tensor<8xf32> {nn.param = "b"}) -> (tensor<4x8xf32>, tensor<2x4xf32>) {
  %grid = arith.constant dense<1.0> : tensor<4x8xf32>
  %g = nn.add %grid, %b : tensor<4x8xf32>, tensor<8xf32>
  %y = nn.add %x, %g : tensor<4x8xf32>, tensor<4x8xf32>
  %v = nn.reshape %b [2, 4] : tensor<8xf32>
  return %y, %v : tensor<4x8xf32>, tensor<2x4xf32>
}

// -----

// A train step updates its weights on every call: left alone.
// CHECK-LABEL: func.func @train_step
// CHECK: nn.transpose
// CHECK-NOT: func.func @train_step_prepare
func.func @train_step(%w: tensor<8x4xf32> {nn.param = "w"},
                      %m: tensor<8x4xf32> {nn.state = "w.m"}) -> tensor<4x8xf32> {
  %t = nn.transpose %w [1, 0] : tensor<8x4xf32>
  return %t : tensor<4x8xf32>
}

// -----

// A view both the entry and a hoisted op read stays in the entry and is
// computed again in the prepare function.
// CHECK-LABEL: func.func @shared_view
// CHECK-SAME: (%[[W:.*]]: tensor<2x8x4xf32> {nn.param = "w"}, %[[X:.*]]: tensor<2x4xf32> {nn.input = "x"}, %[[WT:.*]]: tensor<4x8xf32> {nn.derived = "w:transpose"})
// CHECK-NEXT: %[[S:.*]] = nn.slice %[[W]]
// CHECK-NEXT: %[[Y:.*]] = nn.matmul %[[X]], %[[WT]]
// CHECK-NEXT: return %[[Y]], %[[S]]
// CHECK-LABEL: func.func @shared_view_prepare
// CHECK-NEXT: nn.slice
// CHECK-NEXT: nn.reshape
// CHECK-NEXT: nn.transpose
// CHECK-NEXT: return
func.func @shared_view(%w: tensor<2x8x4xf32> {nn.param = "w"},
                       %x: tensor<2x4xf32> {nn.input = "x"}) -> (tensor<2x8xf32>, tensor<1x8x4xf32>) {
  %s = nn.slice %w [0, 0, 0] to [1, 8, 4] : tensor<2x8x4xf32>
  %r = nn.reshape %s [8, 4] : tensor<1x8x4xf32>
  %t = nn.transpose %r [1, 0] : tensor<8x4xf32>
  %y = nn.matmul %x, %t : tensor<2x4xf32>, tensor<4x8xf32>
  return %y, %s : tensor<2x8xf32>, tensor<1x8x4xf32>
}

// -----

// Weights generated from weights (a hypernetwork): the generated matrix is
// derived, the entry keeps the views of it that it reads, and the transpose
// of another view of it is derived too, named after the weight it started
// from.
// CHECK-LABEL: func.func @generated
// CHECK-SAME: %[[X:[a-z0-9]*]]: tensor<3x4xf32> {nn.input = "x"}, %[[H:.*]]: tensor<2x12xf32> {nn.derived = "e:matmul"}, %[[WT:.*]]: tensor<4x4xf32> {nn.derived = "e:transpose"})
// CHECK-NEXT: %[[B:.*]] = nn.slice %[[H]] [0, 8] to [1, 12]
// CHECK-NEXT: %[[BR:.*]] = nn.reshape %[[B]] [4]
// CHECK-NEXT: %[[Y:.*]] = nn.matmul %[[X]], %[[WT]]
// CHECK-NEXT: nn.add %[[Y]], %[[BR]]
// CHECK-LABEL: func.func @generated_prepare
// CHECK-NEXT: %[[M:.*]] = nn.matmul
// CHECK-NEXT: nn.slice %[[M]] [0, 0] to [2, 8]
// CHECK-NEXT: nn.reshape
// CHECK-NEXT: %[[T:.*]] = nn.transpose
// CHECK-NEXT: return %[[M]], %[[T]]
func.func @generated(%e: tensor<2x4xf32> {nn.param = "e"},
                     %g: tensor<4x12xf32> {nn.param = "g"},
                     %x: tensor<3x4xf32> {nn.input = "x"}) -> tensor<3x4xf32> {
  %h = nn.matmul %e, %g : tensor<2x4xf32>, tensor<4x12xf32>
  %w = nn.slice %h [0, 0] to [2, 8] : tensor<2x12xf32>
  %wr = nn.reshape %w [4, 4] : tensor<2x8xf32>
  %wt = nn.transpose %wr [1, 0] : tensor<4x4xf32>
  %b = nn.slice %h [0, 8] to [1, 12] : tensor<2x12xf32>
  %br = nn.reshape %b [4] : tensor<1x4xf32>
  %y = nn.matmul %x, %wt : tensor<3x4xf32>, tensor<4x4xf32>
  %z = nn.add %y, %br : tensor<3x4xf32>, tensor<4xf32>
  return %z : tensor<3x4xf32>
}

// -----

// A function something calls keeps its signature.
// CHECK-LABEL: func.func @called
// CHECK: nn.transpose
// CHECK-NOT: func.func @called_prepare
func.func @called(%w: tensor<8x4xf32> {nn.param = "w"}) -> tensor<4x8xf32> {
  %t = nn.transpose %w [1, 0] : tensor<8x4xf32>
  return %t : tensor<4x8xf32>
}
func.func @caller(%w: tensor<8x4xf32>) -> tensor<4x8xf32> {
  %t = func.call @called(%w) : (tensor<8x4xf32>) -> tensor<4x8xf32>
  return %t : tensor<4x8xf32>
}

// -----

// Two derived tensors of one weight and one op get distinct names.
// CHECK-LABEL: func.func @twice
// CHECK-SAME: {nn.derived = "w:transpose"}
// CHECK-SAME: {nn.derived = "w:transpose:2"}
func.func @twice(%w: tensor<2x3x4xf32> {nn.param = "w"}) -> (tensor<3x2x4xf32>, tensor<4x3x2xf32>) {
  %a = nn.transpose %w [1, 0, 2] : tensor<2x3x4xf32>
  %b = nn.transpose %w [2, 1, 0] : tensor<2x3x4xf32>
  return %a, %b : tensor<3x2x4xf32>, tensor<4x3x2xf32>
}

// -----

// The prepare function's name must be free.
// expected-error @+1 {{cannot hoist the weight-only work of @taken: @taken_prepare is already defined}}
func.func @taken(%w: tensor<8x4xf32> {nn.param = "w"}) -> tensor<4x8xf32> {
  %t = nn.transpose %w [1, 0] : tensor<8x4xf32>
  return %t : tensor<4x8xf32>
}
func.func private @taken_prepare()
