// RUN: nnc-opt %s -split-input-file | nnc-opt -split-input-file | FileCheck %s
// RUN: nnc-opt %s -split-input-file -mlir-print-op-generic | nnc-opt -split-input-file | FileCheck %s

// Every nn op prints in its custom form and parses back; result types that
// the ops infer are checked through the enclosing function's results.

// Entry functions name their inputs, parameters, outputs and destinations.
// CHECK-LABEL: func.func @entry_attributes
// CHECK-SAME: (%[[X:.*]]: tensor<8x4xf32> {nn.input = "x"}, %[[W:.*]]: tensor<4x3xf32> {nn.param = "fc.weight"}, %[[OUT:.*]]: tensor<8x3xf32> {nn.output = "y"})
// CHECK-SAME: -> (tensor<8x3xf32> {nn.output = "y"})
// CHECK: %[[Y:.*]] = nn.matmul %[[X]], %[[W]] : tensor<8x4xf32>, tensor<4x3xf32>
// CHECK: return %[[Y]] : tensor<8x3xf32>
func.func @entry_attributes(%x: tensor<8x4xf32> {nn.input = "x"},
                            %w: tensor<4x3xf32> {nn.param = "fc.weight"},
                            %out: tensor<8x3xf32> {nn.output = "y"}) -> (tensor<8x3xf32> {nn.output = "y"}) {
  %y = nn.matmul %x, %w : tensor<8x4xf32>, tensor<4x3xf32>
  return %y : tensor<8x3xf32>
}

// -----

// Matrix products: plain, batched with broadcast batch dimensions, and a
// rank-2 operand against a batched one.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: -> (tensor<8x3xf32>, tensor<2x5x8x3xf32>, tensor<6x8x3xf16>)
// CHECK: %[[A:.*]] = nn.matmul %{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<4x3xf32>
// CHECK: %[[B:.*]] = nn.matmul %{{.*}}, %{{.*}} : tensor<2x1x8x4xf32>, tensor<5x4x3xf32>
// CHECK: %[[C:.*]] = nn.matmul %{{.*}}, %{{.*}} : tensor<8x4xf16>, tensor<6x4x3xf16>
// CHECK: return %[[A]], %[[B]], %[[C]] : tensor<8x3xf32>, tensor<2x5x8x3xf32>, tensor<6x8x3xf16>
func.func @matmul(%a: tensor<8x4xf32>, %b: tensor<4x3xf32>,
                  %c: tensor<2x1x8x4xf32>, %d: tensor<5x4x3xf32>,
                  %e: tensor<8x4xf16>, %f: tensor<6x4x3xf16>) -> (tensor<8x3xf32>, tensor<2x5x8x3xf32>, tensor<6x8x3xf16>) {
  %0 = nn.matmul %a, %b : tensor<8x4xf32>, tensor<4x3xf32>
  %1 = nn.matmul %c, %d : tensor<2x1x8x4xf32>, tensor<5x4x3xf32>
  %2 = nn.matmul %e, %f : tensor<8x4xf16>, tensor<6x4x3xf16>
  return %0, %1, %2 : tensor<8x3xf32>, tensor<2x5x8x3xf32>, tensor<6x8x3xf16>
}

// -----

// Broadcasting binary ops: 8x1x4 with 3x1 gives 8x3x4; a rank-0 operand
// stretches to any shape; integer tensors are accepted.
// CHECK-LABEL: func.func @broadcast_binary
// CHECK: %[[ADD:.*]] = nn.add %{{.*}}, %{{.*}} : tensor<8x1x4xf32>, tensor<3x1xf32>
// CHECK: %[[SUB:.*]] = nn.sub %[[ADD]], %{{.*}} : tensor<8x3x4xf32>, tensor<f32>
// CHECK: %[[MUL:.*]] = nn.mul %{{.*}}, %[[SUB]] : tensor<3x1xf32>, tensor<8x3x4xf32>
// CHECK: %[[DIV:.*]] = nn.div %[[MUL]], %{{.*}} : tensor<8x3x4xf32>, tensor<4xf32>
// CHECK: %[[POW:.*]] = nn.pow %[[DIV]], %{{.*}} : tensor<8x3x4xf32>, tensor<f32>
// CHECK: %[[MAX:.*]] = nn.maximum %[[POW]], %{{.*}} : tensor<8x3x4xf32>, tensor<8x1x4xf32>
// CHECK: %[[MIN:.*]] = nn.minimum %{{.*}}, %{{.*}} : tensor<2x1xi32>, tensor<1x5xi32>
// CHECK: return %[[MAX]], %[[MIN]] : tensor<8x3x4xf32>, tensor<2x5xi32>
func.func @broadcast_binary(%a: tensor<8x1x4xf32>, %b: tensor<3x1xf32>,
                            %s: tensor<f32>, %v: tensor<4xf32>,
                            %i: tensor<2x1xi32>, %j: tensor<1x5xi32>) -> (tensor<8x3x4xf32>, tensor<2x5xi32>) {
  %0 = nn.add %a, %b : tensor<8x1x4xf32>, tensor<3x1xf32>
  %1 = nn.sub %0, %s : tensor<8x3x4xf32>, tensor<f32>
  %2 = nn.mul %b, %1 : tensor<3x1xf32>, tensor<8x3x4xf32>
  %3 = nn.div %2, %v : tensor<8x3x4xf32>, tensor<4xf32>
  %4 = nn.pow %3, %s : tensor<8x3x4xf32>, tensor<f32>
  %5 = nn.maximum %4, %a : tensor<8x3x4xf32>, tensor<8x1x4xf32>
  %6 = nn.minimum %i, %j : tensor<2x1xi32>, tensor<1x5xi32>
  return %5, %6 : tensor<8x3x4xf32>, tensor<2x5xi32>
}

// -----

// Unary math and activations without attributes, in several float types.
// CHECK-LABEL: func.func @unary
// CHECK: %[[NEG:.*]] = nn.neg %{{.*}} : tensor<2x3xf32>
// CHECK: %[[ABS:.*]] = nn.abs %[[NEG]] : tensor<2x3xf32>
// CHECK: %[[EXP:.*]] = nn.exp %[[ABS]] : tensor<2x3xf32>
// CHECK: %[[LOG:.*]] = nn.log %[[EXP]] : tensor<2x3xf32>
// CHECK: %[[SQRT:.*]] = nn.sqrt %[[LOG]] : tensor<2x3xf32>
// CHECK: %[[RSQRT:.*]] = nn.rsqrt %[[SQRT]] : tensor<2x3xf32>
// CHECK: %[[SIG:.*]] = nn.sigmoid %[[RSQRT]] : tensor<2x3xf32>
// CHECK: %[[TANH:.*]] = nn.tanh %[[SIG]] : tensor<2x3xf32>
// CHECK: %[[RELU:.*]] = nn.relu %[[TANH]] : tensor<2x3xf32>
// CHECK: %[[SILU:.*]] = nn.silu %[[RELU]] : tensor<2x3xf32>
// CHECK: %[[MISH:.*]] = nn.mish %[[SILU]] : tensor<2x3xf32>
// CHECK: %[[H:.*]] = nn.relu %{{.*}} : tensor<4xf16>
// CHECK: %[[BF:.*]] = nn.tanh %{{.*}} : tensor<bf16>
// CHECK: %[[D:.*]] = nn.sigmoid %{{.*}} : tensor<1x1xf64>
// CHECK: return %[[MISH]], %[[H]], %[[BF]], %[[D]]
func.func @unary(%x: tensor<2x3xf32>, %h: tensor<4xf16>, %bf: tensor<bf16>,
                 %d: tensor<1x1xf64>) -> (tensor<2x3xf32>, tensor<4xf16>, tensor<bf16>, tensor<1x1xf64>) {
  %0 = nn.neg %x : tensor<2x3xf32>
  %1 = nn.abs %0 : tensor<2x3xf32>
  %2 = nn.exp %1 : tensor<2x3xf32>
  %3 = nn.log %2 : tensor<2x3xf32>
  %4 = nn.sqrt %3 : tensor<2x3xf32>
  %5 = nn.rsqrt %4 : tensor<2x3xf32>
  %6 = nn.sigmoid %5 : tensor<2x3xf32>
  %7 = nn.tanh %6 : tensor<2x3xf32>
  %8 = nn.relu %7 : tensor<2x3xf32>
  %9 = nn.silu %8 : tensor<2x3xf32>
  %10 = nn.mish %9 : tensor<2x3xf32>
  %11 = nn.relu %h : tensor<4xf16>
  %12 = nn.tanh %bf : tensor<bf16>
  %13 = nn.sigmoid %d : tensor<1x1xf64>
  return %10, %11, %12, %13 : tensor<2x3xf32>, tensor<4xf16>, tensor<bf16>, tensor<1x1xf64>
}

// -----

// erf, sign and stop_gradient keep their operand's type, in any float type.
// CHECK-LABEL: func.func @erf_sign_stop_gradient
// CHECK-SAME: -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf16>, tensor<bf16>, tensor<1x1xf64>)
// CHECK: %[[ERF:.*]] = nn.erf %{{.*}} : tensor<2x3xf32>
// CHECK: %[[SIGN:.*]] = nn.sign %[[ERF]] : tensor<2x3xf32>
// CHECK: %[[STOP:.*]] = nn.stop_gradient %[[SIGN]] : tensor<2x3xf32>
// CHECK: %[[H:.*]] = nn.erf %{{.*}} : tensor<4xf16>
// CHECK: %[[BF:.*]] = nn.sign %{{.*}} : tensor<bf16>
// CHECK: %[[D:.*]] = nn.stop_gradient %{{.*}} : tensor<1x1xf64>
// CHECK: return %[[ERF]], %[[SIGN]], %[[STOP]], %[[H]], %[[BF]], %[[D]]
func.func @erf_sign_stop_gradient(%x: tensor<2x3xf32>, %h: tensor<4xf16>,
                                  %bf: tensor<bf16>, %d: tensor<1x1xf64>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf16>,
        tensor<bf16>, tensor<1x1xf64>) {
  %0 = nn.erf %x : tensor<2x3xf32>
  %1 = nn.sign %0 : tensor<2x3xf32>
  %2 = nn.stop_gradient %1 : tensor<2x3xf32>
  %3 = nn.erf %h : tensor<4xf16>
  %4 = nn.sign %bf : tensor<bf16>
  %5 = nn.stop_gradient %d : tensor<1x1xf64>
  return %0, %1, %2, %3, %4, %5
      : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf16>,
        tensor<bf16>, tensor<1x1xf64>
}

// -----

// Activations with attributes: default values are not printed, others are.
// CHECK-LABEL: func.func @activation_attributes
// CHECK: nn.leaky_relu %{{.*}} : tensor<2x3xf32>
// CHECK: nn.leaky_relu %{{.*}} {negative_slope = 2.000000e-01 : f64} : tensor<2x3xf32>
// CHECK: nn.elu %{{.*}} : tensor<2x3xf32>
// CHECK: nn.elu %{{.*}} {alpha = 5.000000e-01 : f64} : tensor<2x3xf32>
// CHECK: nn.gelu %{{.*}} : tensor<2x3xf32>
// CHECK: nn.gelu %{{.*}} {approximate = "tanh"} : tensor<2x3xf32>
// CHECK: nn.softplus %{{.*}} : tensor<2x3xf32>
// CHECK: nn.softplus %{{.*}} {beta = 2.000000e+00 : f64, threshold = 1.000000e+01 : f64} : tensor<2x3xf32>
// CHECK: nn.softplus %{{.*}} {beta = -1.000000e+00 : f64} : tensor<2x3xf32>
func.func @activation_attributes(%x: tensor<2x3xf32>) {
  %0 = nn.leaky_relu %x : tensor<2x3xf32>
  %1 = nn.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<2x3xf32>
  %2 = nn.elu %x : tensor<2x3xf32>
  %3 = nn.elu %x {alpha = 0.5 : f64} : tensor<2x3xf32>
  %4 = nn.gelu %x {approximate = "none"} : tensor<2x3xf32>
  %5 = nn.gelu %x {approximate = "tanh"} : tensor<2x3xf32>
  %6 = nn.softplus %x : tensor<2x3xf32>
  %7 = nn.softplus %x {beta = 2.0 : f64, threshold = 10.0 : f64} : tensor<2x3xf32>
  %8 = nn.softplus %x {beta = -1.0 : f64} : tensor<2x3xf32>
  return
}

// -----

// Softmax and log-softmax along a positive and a negative axis.
// CHECK-LABEL: func.func @softmax
// CHECK: %[[S:.*]] = nn.softmax %{{.*}} axis 1 : tensor<8x10xf32>
// CHECK: %[[L:.*]] = nn.log_softmax %[[S]] axis -2 : tensor<8x10xf32>
// CHECK: return %[[L]] : tensor<8x10xf32>
func.func @softmax(%x: tensor<8x10xf32>) -> tensor<8x10xf32> {
  %0 = nn.softmax %x axis 1 : tensor<8x10xf32>
  %1 = nn.log_softmax %0 axis -2 : tensor<8x10xf32>
  return %1 : tensor<8x10xf32>
}

// -----

// Reductions drop or keep their axes; an empty list reduces every axis.
// CHECK-LABEL: func.func @reductions
// CHECK-SAME: -> (tensor<2x4xf32>, tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>, tensor<1x1x1xf32>, tensor<2x3xf32>, tensor<1x3x1xf32>)
// CHECK: %[[S0:.*]] = nn.reduce_sum %{{.*}} [1] : tensor<2x3x4xf32>
// CHECK: %[[S1:.*]] = nn.reduce_sum %{{.*}} [1] {keepdim = true} : tensor<2x3x4xf32>
// CHECK: %[[M0:.*]] = nn.reduce_mean %{{.*}} [-1, 0] : tensor<2x3x4xf32>
// CHECK: %[[X0:.*]] = nn.reduce_max %{{.*}} [] : tensor<2x3x4xf32>
// CHECK: %[[X1:.*]] = nn.reduce_max %{{.*}} [] {keepdim = true} : tensor<2x3x4xf32>
// CHECK: %[[L0:.*]] = nn.logsumexp %{{.*}} [-1] : tensor<2x3x4xf32>
// CHECK: %[[L1:.*]] = nn.logsumexp %{{.*}} [2, 0] {keepdim = true} : tensor<2x3x4xf32>
// CHECK: return %[[S0]], %[[S1]], %[[M0]], %[[X0]], %[[X1]], %[[L0]], %[[L1]]
func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<2x4xf32>, tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>,
        tensor<1x1x1xf32>, tensor<2x3xf32>, tensor<1x3x1xf32>) {
  %0 = nn.reduce_sum %x [1] : tensor<2x3x4xf32>
  %1 = nn.reduce_sum %x [1] {keepdim = true} : tensor<2x3x4xf32>
  %2 = nn.reduce_mean %x [-1, 0] {keepdim = false} : tensor<2x3x4xf32>
  %3 = nn.reduce_max %x [] : tensor<2x3x4xf32>
  %4 = nn.reduce_max %x [] {keepdim = true} : tensor<2x3x4xf32>
  %5 = nn.logsumexp %x [-1] : tensor<2x3x4xf32>
  %6 = nn.logsumexp %x [2, 0] {keepdim = true} : tensor<2x3x4xf32>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<2x4xf32>, tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>,
        tensor<1x1x1xf32>, tensor<2x3xf32>, tensor<1x3x1xf32>
}

// -----

// Reshape with an explicit shape, with -1, to rank 0 and of integers.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME: -> (tensor<6x4xf32>, tensor<24xf32>, tensor<2x1x12xf32>, tensor<f32>, tensor<3x2xi64>)
// CHECK: %[[A:.*]] = nn.reshape %{{.*}} [-1, 4] : tensor<2x3x4xf32>
// CHECK: %[[B:.*]] = nn.reshape %{{.*}} [24] : tensor<2x3x4xf32>
// CHECK: %[[C:.*]] = nn.reshape %{{.*}} [2, 1, -1] : tensor<2x3x4xf32>
// CHECK: %[[D:.*]] = nn.reshape %{{.*}} [] : tensor<1x1xf32>
// CHECK: %[[E:.*]] = nn.reshape %{{.*}} [3, 2] : tensor<6xi64>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]]
func.func @reshape(%x: tensor<2x3x4xf32>, %one: tensor<1x1xf32>,
                   %i: tensor<6xi64>) -> (tensor<6x4xf32>, tensor<24xf32>, tensor<2x1x12xf32>, tensor<f32>,
        tensor<3x2xi64>) {
  %0 = nn.reshape %x [-1, 4] : tensor<2x3x4xf32>
  %1 = nn.reshape %x [24] : tensor<2x3x4xf32>
  %2 = nn.reshape %x [2, 1, -1] : tensor<2x3x4xf32>
  %3 = nn.reshape %one [] : tensor<1x1xf32>
  %4 = nn.reshape %i [3, 2] : tensor<6xi64>
  return %0, %1, %2, %3, %4
      : tensor<6x4xf32>, tensor<24xf32>, tensor<2x1x12xf32>, tensor<f32>,
        tensor<3x2xi64>
}

// -----

// Transpose permutes extents: result dimension i is input dimension perm[i].
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: -> (tensor<4x2x3xf32>, tensor<3x2xf32>)
// CHECK: %[[A:.*]] = nn.transpose %{{.*}} [2, 0, 1] : tensor<2x3x4xf32>
// CHECK: %[[B:.*]] = nn.transpose %{{.*}} [1, 0] : tensor<2x3xf32>
// CHECK: return %[[A]], %[[B]]
func.func @transpose(%x: tensor<2x3x4xf32>, %m: tensor<2x3xf32>) -> (tensor<4x2x3xf32>, tensor<3x2xf32>) {
  %0 = nn.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  %1 = nn.transpose %m [1, 0] : tensor<2x3xf32>
  return %0, %1 : tensor<4x2x3xf32>, tensor<3x2xf32>
}

// -----

// broadcast_to adds leading dimensions and stretches size-1 ones.
// CHECK-LABEL: func.func @broadcast_to
// CHECK-SAME: -> (tensor<2x3x4xf32>, tensor<3x1xf32>, tensor<5x7xf32>)
// CHECK: %[[A:.*]] = nn.broadcast_to %{{.*}} [2, 3, 4] : tensor<3x1xf32>
// CHECK: %[[B:.*]] = nn.broadcast_to %{{.*}} [3, 1] : tensor<3x1xf32>
// CHECK: %[[C:.*]] = nn.broadcast_to %{{.*}} [5, 7] : tensor<f32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @broadcast_to(%x: tensor<3x1xf32>, %s: tensor<f32>) -> (tensor<2x3x4xf32>, tensor<3x1xf32>, tensor<5x7xf32>) {
  %0 = nn.broadcast_to %x [2, 3, 4] : tensor<3x1xf32>
  %1 = nn.broadcast_to %x [3, 1] : tensor<3x1xf32>
  %2 = nn.broadcast_to %s [5, 7] : tensor<f32>
  return %0, %1, %2 : tensor<2x3x4xf32>, tensor<3x1xf32>, tensor<5x7xf32>
}

// -----

// Slices without steps (all ones), with steps that do not divide the range,
// and an empty range with explicit unit steps.
// CHECK-LABEL: func.func @slice
// CHECK-SAME: -> (tensor<8x8xf32>, tensor<4x4xf32>, tensor<0x10xf32>)
// CHECK: %[[A:.*]] = nn.slice %{{.*}} [0, 2] to [8, 10] : tensor<8x10xf32>
// CHECK: %[[B:.*]] = nn.slice %{{.*}} [1, 0] to [8, 10] by [2, 3] : tensor<8x10xf32>
// CHECK: %[[C:.*]] = nn.slice %{{.*}} [3, 0] to [3, 10] by [1, 1] : tensor<8x10xf32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @slice(%x: tensor<8x10xf32>) -> (tensor<8x8xf32>, tensor<4x4xf32>, tensor<0x10xf32>) {
  %0 = nn.slice %x [0, 2] to [8, 10] : tensor<8x10xf32>
  %1 = nn.slice %x [1, 0] to [8, 10] by [2, 3] : tensor<8x10xf32>
  %2 = nn.slice %x [3, 0] to [3, 10] by [1, 1] : tensor<8x10xf32>
  return %0, %1, %2 : tensor<8x8xf32>, tensor<4x4xf32>, tensor<0x10xf32>
}

// -----

// Concatenation along a negative and a leading axis, and of one input.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: -> (tensor<8x9xf32>, tensor<5x4xi32>, tensor<2x2xf32>)
// CHECK: %[[A:.*]] = nn.concat %{{.*}}, %{{.*}}, %{{.*}} axis -1 : tensor<8x3xf32>, tensor<8x5xf32>, tensor<8x1xf32>
// CHECK: %[[B:.*]] = nn.concat %{{.*}}, %{{.*}} axis 0 : tensor<2x4xi32>, tensor<3x4xi32>
// CHECK: %[[C:.*]] = nn.concat %{{.*}} axis 1 : tensor<2x2xf32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @concat(%a: tensor<8x3xf32>, %b: tensor<8x5xf32>,
                  %c: tensor<8x1xf32>, %i: tensor<2x4xi32>,
                  %j: tensor<3x4xi32>, %m: tensor<2x2xf32>) -> (tensor<8x9xf32>, tensor<5x4xi32>, tensor<2x2xf32>) {
  %0 = nn.concat %a, %b, %c axis -1
      : tensor<8x3xf32>, tensor<8x5xf32>, tensor<8x1xf32>
  %1 = nn.concat %i, %j axis 0 : tensor<2x4xi32>, tensor<3x4xi32>
  %2 = nn.concat %m axis 1 : tensor<2x2xf32>
  return %0, %1, %2 : tensor<8x9xf32>, tensor<5x4xi32>, tensor<2x2xf32>
}

// -----

// Every predicate of compare; the operands broadcast (2x1x4 against 3x1
// gives 2x3x4, a rank-0 operand stretches to any shape) and the result is
// an i1 tensor of the broadcast shape. Integers (i32, i64, and i1 masks)
// compare too.
// CHECK-LABEL: func.func @compare
// CHECK-SAME: -> (tensor<2x3x4xi1>, tensor<2x3x4xi1>, tensor<3x1xi1>, tensor<2x1x4xi1>, tensor<2x3x4xi1>, tensor<2x3x4xi1>, tensor<2x5xi1>, tensor<i1>, tensor<4xi1>)
// CHECK: %[[EQ:.*]] = nn.compare eq, %{{.*}}, %{{.*}} : tensor<2x1x4xf32>, tensor<3x1xf32>
// CHECK: %[[NE:.*]] = nn.compare ne, %{{.*}}, %{{.*}} : tensor<3x1xf32>, tensor<2x1x4xf32>
// CHECK: %[[LT:.*]] = nn.compare lt, %{{.*}}, %{{.*}} : tensor<3x1xf32>, tensor<f32>
// CHECK: %[[LE:.*]] = nn.compare le, %{{.*}}, %{{.*}} : tensor<f32>, tensor<2x1x4xf32>
// CHECK: %[[GT:.*]] = nn.compare gt, %{{.*}}, %{{.*}} : tensor<2x1x4xf32>, tensor<3x1xf32>
// CHECK: %[[GE:.*]] = nn.compare ge, %{{.*}}, %{{.*}} : tensor<2x1x4xf32>, tensor<3x1xf32>
// CHECK: %[[I:.*]] = nn.compare lt, %{{.*}}, %{{.*}} : tensor<2x1xi32>, tensor<1x5xi32>
// CHECK: %[[L:.*]] = nn.compare ge, %{{.*}}, %{{.*}} : tensor<i64>, tensor<i64>
// CHECK: %[[M:.*]] = nn.compare ne, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<4xi1>
// CHECK: return %[[EQ]], %[[NE]], %[[LT]], %[[LE]], %[[GT]], %[[GE]], %[[I]], %[[L]], %[[M]]
func.func @compare(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>,
                   %s: tensor<f32>, %i: tensor<2x1xi32>, %j: tensor<1x5xi32>,
                   %k: tensor<i64>, %m: tensor<4xi1>) -> (tensor<2x3x4xi1>, tensor<2x3x4xi1>, tensor<3x1xi1>, tensor<2x1x4xi1>,
        tensor<2x3x4xi1>, tensor<2x3x4xi1>, tensor<2x5xi1>, tensor<i1>,
        tensor<4xi1>) {
  %0 = nn.compare eq, %a, %b : tensor<2x1x4xf32>, tensor<3x1xf32>
  %1 = nn.compare ne, %b, %a : tensor<3x1xf32>, tensor<2x1x4xf32>
  %2 = nn.compare lt, %b, %s : tensor<3x1xf32>, tensor<f32>
  %3 = nn.compare le, %s, %a : tensor<f32>, tensor<2x1x4xf32>
  %4 = nn.compare gt, %a, %b : tensor<2x1x4xf32>, tensor<3x1xf32>
  %5 = nn.compare ge, %a, %b : tensor<2x1x4xf32>, tensor<3x1xf32>
  %6 = nn.compare lt, %i, %j : tensor<2x1xi32>, tensor<1x5xi32>
  %7 = nn.compare ge, %k, %k : tensor<i64>, tensor<i64>
  %8 = nn.compare ne, %m, %m : tensor<4xi1>, tensor<4xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8
      : tensor<2x3x4xi1>, tensor<2x3x4xi1>, tensor<3x1xi1>, tensor<2x1x4xi1>,
        tensor<2x3x4xi1>, tensor<2x3x4xi1>, tensor<2x5xi1>, tensor<i1>,
        tensor<4xi1>
}

// -----

// select broadcasts all three operands together: each of them in turn has
// the largest rank or a size-1 dimension that stretches; the values may be
// floats or integers, the result has their element type.
// CHECK-LABEL: func.func @select
// CHECK-SAME: -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<3x4xi32>, tensor<f16>)
// CHECK: %[[C:.*]] = nn.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x1x1xi1>, tensor<3x1xf32>, tensor<4xf32>
// CHECK: %[[T:.*]] = nn.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<3x1xi1>, tensor<2x1x4xf32>, tensor<f32>
// CHECK: %[[F:.*]] = nn.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<f32>, tensor<2x3x1xf32>
// CHECK: %[[I:.*]] = nn.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<3x1xi32>, tensor<i32>
// CHECK: %[[S:.*]] = nn.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<i1>, tensor<f16>, tensor<f16>
// CHECK: return %[[C]], %[[T]], %[[F]], %[[I]], %[[S]]
func.func @select(%c3: tensor<2x1x1xi1>, %c2: tensor<3x1xi1>,
                  %c1: tensor<4xi1>, %c0: tensor<i1>,
                  %col: tensor<3x1xf32>, %row: tensor<4xf32>,
                  %mid: tensor<2x1x4xf32>, %s: tensor<f32>,
                  %wide: tensor<2x3x1xf32>, %icol: tensor<3x1xi32>,
                  %is: tensor<i32>, %h: tensor<f16>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<3x4xi32>, tensor<f16>) {
  %0 = nn.select %c3, %col, %row : tensor<2x1x1xi1>, tensor<3x1xf32>, tensor<4xf32>
  %1 = nn.select %c2, %mid, %s : tensor<3x1xi1>, tensor<2x1x4xf32>, tensor<f32>
  %2 = nn.select %c1, %s, %wide : tensor<4xi1>, tensor<f32>, tensor<2x3x1xf32>
  %3 = nn.select %c1, %icol, %is : tensor<4xi1>, tensor<3x1xi32>, tensor<i32>
  %4 = nn.select %c0, %h, %h : tensor<i1>, tensor<f16>, tensor<f16>
  return %0, %1, %2, %3, %4
      : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<3x4xi32>, tensor<f16>
}

// -----

// one_hot appends the class dimension named by the result type, to floats
// or integers, from labels of any rank and integer width.
// CHECK-LABEL: func.func @one_hot
// CHECK-SAME: -> (tensor<8x10xf32>, tensor<2x3x5xi64>, tensor<4xf16>, tensor<6x1xi32>)
// CHECK: %[[A:.*]] = nn.one_hot %{{.*}} : tensor<8xi64> -> tensor<8x10xf32>
// CHECK: %[[B:.*]] = nn.one_hot %{{.*}} : tensor<2x3xi32> -> tensor<2x3x5xi64>
// CHECK: %[[C:.*]] = nn.one_hot %{{.*}} : tensor<i64> -> tensor<4xf16>
// CHECK: %[[D:.*]] = nn.one_hot %{{.*}} : tensor<6xi8> -> tensor<6x1xi32>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @one_hot(%labels: tensor<8xi64>, %grid: tensor<2x3xi32>,
                   %one: tensor<i64>, %small: tensor<6xi8>) -> (tensor<8x10xf32>, tensor<2x3x5xi64>, tensor<4xf16>, tensor<6x1xi32>) {
  %0 = nn.one_hot %labels : tensor<8xi64> -> tensor<8x10xf32>
  %1 = nn.one_hot %grid : tensor<2x3xi32> -> tensor<2x3x5xi64>
  %2 = nn.one_hot %one : tensor<i64> -> tensor<4xf16>
  %3 = nn.one_hot %small : tensor<6xi8> -> tensor<6x1xi32>
  return %0, %1, %2, %3
      : tensor<8x10xf32>, tensor<2x3x5xi64>, tensor<4xf16>, tensor<6x1xi32>
}

// -----

// slice_scatter with steps (printed), without (all ones, not printed), with
// explicit unit steps, of a rank-0 tensor, of an empty source and of
// integers; the result has the input's type.
// CHECK-LABEL: func.func @slice_scatter
// CHECK-SAME: -> (tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>, tensor<2x3x4xi32>)
// CHECK: %[[A:.*]] = nn.slice_scatter %{{.*}}, %{{.*}} [0, 1] by [1, 2] : tensor<4x6xf32>, tensor<4x2xf32>
// CHECK: %[[B:.*]] = nn.slice_scatter %[[A]], %{{.*}} [2, 3] : tensor<4x6xf32>, tensor<2x3xf32>
// CHECK: %[[C:.*]] = nn.slice_scatter %[[B]], %{{.*}} [1, 0] by [1, 1] : tensor<4x6xf32>, tensor<2x3xf32>
// CHECK: %[[D:.*]] = nn.slice_scatter %{{.*}}, %{{.*}} [] : tensor<f32>, tensor<f32>
// CHECK: %[[E:.*]] = nn.slice_scatter %{{.*}}, %{{.*}} [4, 0] : tensor<4x6xf32>, tensor<0x6xf32>
// CHECK: %[[F:.*]] = nn.slice_scatter %{{.*}}, %{{.*}} [1, 0, 1] by [1, 2, 3] : tensor<2x3x4xi32>, tensor<1x2x1xi32>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]]
func.func @slice_scatter(%x: tensor<4x6xf32>, %cols: tensor<4x2xf32>,
                         %block: tensor<2x3xf32>, %s: tensor<f32>,
                         %empty: tensor<0x6xf32>, %i: tensor<2x3x4xi32>,
                         %is: tensor<1x2x1xi32>) -> (tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<f32>,
        tensor<4x6xf32>, tensor<2x3x4xi32>) {
  %0 = nn.slice_scatter %x, %cols [0, 1] by [1, 2] : tensor<4x6xf32>, tensor<4x2xf32>
  %1 = nn.slice_scatter %0, %block [2, 3] : tensor<4x6xf32>, tensor<2x3xf32>
  %2 = nn.slice_scatter %1, %block [1, 0] by [1, 1] : tensor<4x6xf32>, tensor<2x3xf32>
  %3 = nn.slice_scatter %s, %s [] : tensor<f32>, tensor<f32>
  %4 = nn.slice_scatter %x, %empty [4, 0] : tensor<4x6xf32>, tensor<0x6xf32>
  %5 = nn.slice_scatter %i, %is [1, 0, 1] by [1, 2, 3] : tensor<2x3x4xi32>, tensor<1x2x1xi32>
  return %0, %1, %2, %3, %4, %5
      : tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<f32>,
        tensor<4x6xf32>, tensor<2x3x4xi32>
}

// -----

// A step larger than the dimension takes (or writes) only the first
// element; the extent arithmetic must not overflow.
// CHECK-LABEL: func.func @huge_steps
// CHECK-SAME: -> (tensor<1x10xf32>, tensor<4x6xf32>)
// CHECK: %[[A:.*]] = nn.slice %{{.*}} [0, 0] to [8, 10] by [9223372036854775807, 1] : tensor<8x10xf32>
// CHECK: %[[B:.*]] = nn.slice_scatter %{{.*}}, %{{.*}} [3, 0] by [4611686018427387904, 1] : tensor<4x6xf32>, tensor<1x6xf32>
// CHECK: return %[[A]], %[[B]]
func.func @huge_steps(%x: tensor<8x10xf32>, %y: tensor<4x6xf32>,
                      %row: tensor<1x6xf32>) -> (tensor<1x10xf32>, tensor<4x6xf32>) {
  %0 = nn.slice %x [0, 0] to [8, 10] by [9223372036854775807, 1] : tensor<8x10xf32>
  %1 = nn.slice_scatter %y, %row [3, 0] by [4611686018427387904, 1] : tensor<4x6xf32>, tensor<1x6xf32>
  return %0, %1 : tensor<1x10xf32>, tensor<4x6xf32>
}

// -----

// Mean squared error: "mean" (the default, not printed) and "sum" give a
// scalar, "none" keeps the shape.
// CHECK-LABEL: func.func @mse_loss
// CHECK-SAME: -> (tensor<f32>, tensor<f32>, tensor<8x1xf32>)
// CHECK: %[[MEAN:.*]] = nn.mse_loss %{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<8x1xf32>
// CHECK: %[[SUM:.*]] = nn.mse_loss %{{.*}}, %{{.*}} {reduction = "sum"} : tensor<8x1xf32>, tensor<8x1xf32>
// CHECK: %[[NONE:.*]] = nn.mse_loss %{{.*}}, %{{.*}} {reduction = "none"} : tensor<8x1xf32>, tensor<8x1xf32>
// CHECK: return %[[MEAN]], %[[SUM]], %[[NONE]]
func.func @mse_loss(%p: tensor<8x1xf32>, %y: tensor<8x1xf32>) -> (tensor<f32>, tensor<f32>, tensor<8x1xf32>) {
  %0 = nn.mse_loss %p, %y : tensor<8x1xf32>, tensor<8x1xf32>
  %1 = nn.mse_loss %p, %y {reduction = "sum"} : tensor<8x1xf32>, tensor<8x1xf32>
  %2 = nn.mse_loss %p, %y {reduction = "none"} : tensor<8x1xf32>, tensor<8x1xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<8x1xf32>
}

// -----

// Cross-entropy from class indices (any signless integer width) or from
// class probabilities; "none" keeps one loss per row.
// CHECK-LABEL: func.func @cross_entropy
// CHECK-SAME: -> (tensor<f32>, tensor<8xf32>, tensor<f32>, tensor<8xf32>)
// CHECK: %[[A:.*]] = nn.cross_entropy %{{.*}}, %{{.*}} : tensor<8x10xf32>, tensor<8xi64>
// CHECK: %[[B:.*]] = nn.cross_entropy %{{.*}}, %{{.*}} {reduction = "none"} : tensor<8x10xf32>, tensor<8xi32>
// CHECK: %[[C:.*]] = nn.cross_entropy %{{.*}}, %{{.*}} {reduction = "sum"} : tensor<8x10xf32>, tensor<8x10xf32>
// CHECK: %[[D:.*]] = nn.cross_entropy %{{.*}}, %{{.*}} {reduction = "none"} : tensor<8x10xf32>, tensor<8x10xf32>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @cross_entropy(%logits: tensor<8x10xf32>, %labels: tensor<8xi64>,
                         %labels32: tensor<8xi32>, %probs: tensor<8x10xf32>) -> (tensor<f32>, tensor<8xf32>, tensor<f32>, tensor<8xf32>) {
  %0 = nn.cross_entropy %logits, %labels {reduction = "mean"}
      : tensor<8x10xf32>, tensor<8xi64>
  %1 = nn.cross_entropy %logits, %labels32 {reduction = "none"}
      : tensor<8x10xf32>, tensor<8xi32>
  %2 = nn.cross_entropy %logits, %probs {reduction = "sum"}
      : tensor<8x10xf32>, tensor<8x10xf32>
  %3 = nn.cross_entropy %logits, %probs {reduction = "none"}
      : tensor<8x10xf32>, tensor<8x10xf32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<8xf32>, tensor<f32>, tensor<8xf32>
}

// -----

// nn.scan: carried values and sequences in, finals and stacked outputs out.
// CHECK-LABEL: func.func @scan
// CHECK: nn.scan init(%{{.*}} : tensor<2x3xf32>) over(%{{.*}}, %{{.*}} : tensor<5x2x3xf32>, tensor<5xi64>) finals(tensor<2x3xf32>) outputs(tensor<5x2x3xf32>) {
// CHECK: ^bb0(%{{.*}}: tensor<2x3xf32>, %{{.*}}: tensor<2x3xf32>, %{{.*}}: tensor<i64>):
// CHECK: nn.yield %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x3xf32>
func.func @scan(%h0: tensor<2x3xf32>, %xs: tensor<5x2x3xf32>, %ids: tensor<5xi64>) -> (tensor<2x3xf32>, tensor<5x2x3xf32>) {
  %h, %ys = nn.scan init(%h0 : tensor<2x3xf32>) over(%xs, %ids : tensor<5x2x3xf32>, tensor<5xi64>) finals(tensor<2x3xf32>) outputs(tensor<5x2x3xf32>) {
  ^bb0(%hp: tensor<2x3xf32>, %x: tensor<2x3xf32>, %id: tensor<i64>):
    %n = nn.add %hp, %x : tensor<2x3xf32>, tensor<2x3xf32>
    nn.yield %n, %n : tensor<2x3xf32>, tensor<2x3xf32>
  }
  return %h, %ys : tensor<2x3xf32>, tensor<5x2x3xf32>
}

// -----

// nn.grad names its callee and the operands it differentiates.
// CHECK-LABEL: func.func @grad_of
// CHECK: nn.grad @energy(%{{.*}}, %{{.*}}) wrt [1] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
func.func private @energy(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<f32> {
  %p = nn.mul %a, %b : tensor<3xf32>, tensor<3xf32>
  %s = nn.reduce_sum %p [] : tensor<3xf32>
  return %s : tensor<f32>
}
func.func @grad_of(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %g = nn.grad @energy(%a, %b) wrt [1] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

// Binary cross-entropy on probabilities and on logits; "none" keeps the
// shape, the default reduction "mean" is not printed.
// CHECK-LABEL: func.func @binary_cross_entropy
// CHECK-SAME: -> (tensor<f32>, tensor<8x3xf32>, tensor<f32>, tensor<8x3xf64>)
// CHECK: %[[A:.*]] = nn.binary_cross_entropy %{{.*}}, %{{.*}} : tensor<8x3xf32>, tensor<8x3xf32>
// CHECK: %[[B:.*]] = nn.binary_cross_entropy %{{.*}}, %{{.*}} {reduction = "none"} : tensor<8x3xf32>, tensor<8x3xf32>
// CHECK: %[[C:.*]] = nn.binary_cross_entropy_with_logits %{{.*}}, %{{.*}} {reduction = "sum"} : tensor<8x3xf32>, tensor<8x3xf32>
// CHECK: %[[D:.*]] = nn.binary_cross_entropy_with_logits %{{.*}}, %{{.*}} {reduction = "none"} : tensor<8x3xf64>, tensor<8x3xf64>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @binary_cross_entropy(%p: tensor<8x3xf32>, %t: tensor<8x3xf32>,
                                %x: tensor<8x3xf64>, %t64: tensor<8x3xf64>)
    -> (tensor<f32>, tensor<8x3xf32>, tensor<f32>, tensor<8x3xf64>) {
  %0 = nn.binary_cross_entropy %p, %t {reduction = "mean"}
      : tensor<8x3xf32>, tensor<8x3xf32>
  %1 = nn.binary_cross_entropy %p, %t {reduction = "none"}
      : tensor<8x3xf32>, tensor<8x3xf32>
  %2 = nn.binary_cross_entropy_with_logits %p, %t {reduction = "sum"}
      : tensor<8x3xf32>, tensor<8x3xf32>
  %3 = nn.binary_cross_entropy_with_logits %x, %t64 {reduction = "none"}
      : tensor<8x3xf64>, tensor<8x3xf64>
  return %0, %1, %2, %3 : tensor<f32>, tensor<8x3xf32>, tensor<f32>, tensor<8x3xf64>
}

// -----

// nll_loss on [N, C] and [N, C, d] log-probabilities with i64 and i32
// targets; "none" has the target's shape; ignore_index defaults to -100.
// CHECK-LABEL: func.func @nll_loss
// CHECK-SAME: -> (tensor<f32>, tensor<8xf32>, tensor<2x5xf32>)
// CHECK: %[[A:.*]] = nn.nll_loss %{{.*}}, %{{.*}} : tensor<8x10xf32>, tensor<8xi64>
// CHECK: %[[B:.*]] = nn.nll_loss %{{.*}}, %{{.*}} {ignore_index = 0 : i64, reduction = "none"} : tensor<8x10xf32>, tensor<8xi64>
// CHECK: %[[C:.*]] = nn.nll_loss %{{.*}}, %{{.*}} {reduction = "none"} : tensor<2x4x5xf32>, tensor<2x5xi32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @nll_loss(%logp: tensor<8x10xf32>, %labels: tensor<8xi64>,
                    %seq: tensor<2x4x5xf32>, %seq_labels: tensor<2x5xi32>)
    -> (tensor<f32>, tensor<8xf32>, tensor<2x5xf32>) {
  %0 = nn.nll_loss %logp, %labels : tensor<8x10xf32>, tensor<8xi64>
  %1 = nn.nll_loss %logp, %labels {reduction = "none", ignore_index = 0}
      : tensor<8x10xf32>, tensor<8xi64>
  %2 = nn.nll_loss %seq, %seq_labels {reduction = "none"}
      : tensor<2x4x5xf32>, tensor<2x5xi32>
  return %0, %1, %2 : tensor<f32>, tensor<8xf32>, tensor<2x5xf32>
}

// -----

// KL divergence of diagonal Gaussians, every reduction.
// CHECK-LABEL: func.func @gaussian_kl_div
// CHECK-SAME: -> (tensor<f32>, tensor<f32>, tensor<8x4xf32>)
// CHECK: %[[A:.*]] = nn.gaussian_kl_div %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
// CHECK: %[[B:.*]] = nn.gaussian_kl_div %{{.*}} {reduction = "sum"}
// CHECK: %[[C:.*]] = nn.gaussian_kl_div %{{.*}} {reduction = "none"}
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @gaussian_kl_div(%mq: tensor<8x4xf32>, %lq: tensor<8x4xf32>,
                           %mp: tensor<8x4xf32>, %lp: tensor<8x4xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<8x4xf32>) {
  %0 = nn.gaussian_kl_div %mq, %lq, %mp, %lp
      : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
  %1 = nn.gaussian_kl_div %mq, %lq, %mp, %lp {reduction = "sum"}
      : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
  %2 = nn.gaussian_kl_div %mq, %lq, %mp, %lp {reduction = "none"}
      : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<8x4xf32>
}

// -----

// Dropout keeps its input's type; p and training are optional.
// CHECK-LABEL: func.func @dropout
// CHECK-SAME: -> (tensor<8x128xf32>, tensor<8x128xf32>, tensor<2x3x4xf16>)
// CHECK: %[[A:.*]] = nn.dropout %{{.*}}, %{{.*}} : tensor<8x128xf32>, tensor<i64>
// CHECK: %[[B:.*]] = nn.dropout %{{.*}}, %{{.*}} {p = 1.000000e-01 : f64, training = false} : tensor<8x128xf32>, tensor<i64>
// CHECK: %[[C:.*]] = nn.dropout %{{.*}}, %{{.*}} {p = 2.500000e-01 : f64} : tensor<2x3x4xf16>, tensor<i64>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @dropout(%x: tensor<8x128xf32>, %h: tensor<2x3x4xf16>,
                   %key: tensor<i64>)
    -> (tensor<8x128xf32>, tensor<8x128xf32>, tensor<2x3x4xf16>) {
  %0 = nn.dropout %x, %key : tensor<8x128xf32>, tensor<i64>
  %1 = nn.dropout %x, %key {p = 0.1, training = false}
      : tensor<8x128xf32>, tensor<i64>
  %2 = nn.dropout %h, %key {p = 0.25} : tensor<2x3x4xf16>, tensor<i64>
  return %0, %1, %2 : tensor<8x128xf32>, tensor<8x128xf32>, tensor<2x3x4xf16>
}

// -----

// Batch normalization returns the normalized input and the running
// statistics, on [N, C, ...] and on [N, C].
// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME: -> (tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<6x4xf32>)
// CHECK: %[[Y:.*]], %[[M:.*]], %[[V:.*]] = nn.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
// CHECK: %[[Z:.*]], %{{.*}}, %{{.*}} = nn.batch_norm %{{.*}} {eps = 1.000000e-03 : f64, momentum = 3.000000e-01 : f64, training = false} : tensor<6x4xf32>
// CHECK: return %[[Y]], %[[M]], %[[V]], %[[Z]]
func.func @batch_norm(%x: tensor<8x4x5x5xf32>, %x2: tensor<6x4xf32>,
                      %c: tensor<4xf32>)
    -> (tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<6x4xf32>) {
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %c
      : tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>
  %z, %m2, %v2 = nn.batch_norm %x2, %c, %c, %c, %c
      {eps = 1.0e-3, momentum = 0.3, training = false}
      : tensor<6x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>
  return %y, %m, %v, %z
      : tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<6x4xf32>
}

// -----

// Layer and RMS normalization over one or more trailing dimensions.
// CHECK-LABEL: func.func @trailing_norms
// CHECK-SAME: -> (tensor<8x16x32xf32>, tensor<8x16x32xf32>, tensor<8x16x32xf32>)
// CHECK: %[[A:.*]] = nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x16x32xf32>, tensor<32xf32>, tensor<32xf32>
// CHECK: %[[B:.*]] = nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {eps = 1.000000e-03 : f64} : tensor<8x16x32xf32>, tensor<16x32xf32>, tensor<16x32xf32>
// CHECK: %[[C:.*]] = nn.rms_norm %{{.*}}, %{{.*}} : tensor<8x16x32xf32>, tensor<32xf32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @trailing_norms(%x: tensor<8x16x32xf32>, %w: tensor<32xf32>,
                          %w2: tensor<16x32xf32>)
    -> (tensor<8x16x32xf32>, tensor<8x16x32xf32>, tensor<8x16x32xf32>) {
  %0 = nn.layer_norm %x, %w, %w
      : tensor<8x16x32xf32>, tensor<32xf32>, tensor<32xf32>
  %1 = nn.layer_norm %x, %w2, %w2 {eps = 1.0e-3}
      : tensor<8x16x32xf32>, tensor<16x32xf32>, tensor<16x32xf32>
  %2 = nn.rms_norm %x, %w {eps = 1.0e-6} : tensor<8x16x32xf32>, tensor<32xf32>
  return %0, %1, %2
      : tensor<8x16x32xf32>, tensor<8x16x32xf32>, tensor<8x16x32xf32>
}

// -----

// nn.random_normal draws a tensor of any static float type from a key.
// CHECK-LABEL: func.func @random_normal
// CHECK: nn.random_normal %{{.*}} : tensor<i64> -> tensor<4x3xf32>
// CHECK: nn.random_normal %{{.*}} : tensor<i64> -> tensor<2xf64>
func.func @random_normal(%key: tensor<i64>) -> (tensor<4x3xf32>, tensor<2xf64>) {
  %a = nn.random_normal %key : tensor<i64> -> tensor<4x3xf32>
  %b = nn.random_normal %key : tensor<i64> -> tensor<2xf64>
  return %a, %b : tensor<4x3xf32>, tensor<2xf64>
}

// -----

// nn.random_uniform draws a tensor of any static float type from a key.
// CHECK-LABEL: func.func @random_uniform
// CHECK: nn.random_uniform %{{.*}} : tensor<i64> -> tensor<4x3xf32>
// CHECK: nn.random_uniform %{{.*}} : tensor<i64> -> tensor<f16>
func.func @random_uniform(%key: tensor<i64>) -> (tensor<4x3xf32>, tensor<f16>) {
  %a = nn.random_uniform %key : tensor<i64> -> tensor<4x3xf32>
  %b = nn.random_uniform %key : tensor<i64> -> tensor<f16>
  return %a, %b : tensor<4x3xf32>, tensor<f16>
}

// -----

// sin and cos keep their operand's type.
// CHECK-LABEL: func.func @sin_cos
// CHECK: %[[SIN:.*]] = nn.sin %{{.*}} : tensor<2x3xf32>
// CHECK: %[[COS:.*]] = nn.cos %[[SIN]] : tensor<2x3xf32>
// CHECK: return %[[SIN]], %[[COS]]
func.func @sin_cos(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = nn.sin %x : tensor<2x3xf32>
  %1 = nn.cos %0 : tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Pooling over 1 to 3 spatial dimensions: the stride defaults to the kernel;
// padding is per dimension or begins then ends; ceil mode rounds the output
// extent up (9 + 2 - 3 = 8 over stride 3 gives 3 more windows, 4 in ceil
// mode), except a window that would start in the trailing padding (7 + 2 - 3
// = 6 over stride 4 rounds up to 2, but that window would start at 8).
// Attributes at their defaults are not printed.
// CHECK-LABEL: func.func @max_pool
// CHECK-SAME: -> (tensor<2x3x4xf32>, tensor<1x2x2x3xf32>, tensor<1x2x2x4xf32>, tensor<1x2x3x2x2xf16>, tensor<1x2x7x7xf32>)
// CHECK: nn.max_pool %{{.*}} {kernel = array<i64: 2>} : tensor<2x3x8xf32>
// CHECK: nn.max_pool %{{.*}} {dilation = array<i64: 2, 1>, kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 4, 3>} : tensor<1x2x7x9xf32>
// CHECK: nn.max_pool %{{.*}} {ceil_mode = true, kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 4, 3>} : tensor<1x2x7x9xf32>
// CHECK: nn.max_pool %{{.*}} {kernel = array<i64: 2, 2, 2>} : tensor<1x2x6x5x4xf16>
// CHECK: nn.max_pool %{{.*}} {kernel = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>, stride = array<i64: 1, 1>} : tensor<1x2x7x7xf32>
func.func @max_pool(%a: tensor<2x3x8xf32>, %b: tensor<1x2x7x9xf32>,
                    %c: tensor<1x2x6x5x4xf16>, %d: tensor<1x2x7x7xf32>)
    -> (tensor<2x3x4xf32>, tensor<1x2x2x3xf32>, tensor<1x2x2x4xf32>,
        tensor<1x2x3x2x2xf16>, tensor<1x2x7x7xf32>) {
  %0 = nn.max_pool %a {kernel = array<i64: 2>} : tensor<2x3x8xf32>
  %1 = nn.max_pool %b {kernel = array<i64: 3, 3>, stride = array<i64: 4, 3>,
                       padding = array<i64: 1, 1>, dilation = array<i64: 2, 1>,
                       ceil_mode = false} : tensor<1x2x7x9xf32>
  %2 = nn.max_pool %b {kernel = array<i64: 3, 3>, stride = array<i64: 4, 3>,
                       padding = array<i64: 1, 1>, ceil_mode = true}
      : tensor<1x2x7x9xf32>
  %3 = nn.max_pool %c {kernel = array<i64: 2, 2, 2>} : tensor<1x2x6x5x4xf16>
  %4 = nn.max_pool %d {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>,
                       padding = array<i64: 1, 0, 0, 1>} : tensor<1x2x7x7xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3x4xf32>, tensor<1x2x2x3xf32>,
      tensor<1x2x2x4xf32>, tensor<1x2x3x2x2xf16>, tensor<1x2x7x7xf32>
}

// -----

// avg_pool has no dilation and a count_include_pad flag; the gradient ops
// take the forward attributes, max_pool_grad gets the input's type from its
// operand and avg_pool_grad names its result type.
// CHECK-LABEL: func.func @avg_pool_and_gradients
// CHECK: %[[AVG:.*]] = nn.avg_pool %{{.*}} {ceil_mode = true, count_include_pad = false, kernel = array<i64: 3>, padding = array<i64: 1>, stride = array<i64: 2>} : tensor<2x3x8xf32>
// CHECK: %[[MAX:.*]] = nn.max_pool %{{.*}} {kernel = array<i64: 2, 2>} : tensor<1x2x4x6xf32>
// CHECK: nn.max_pool_grad %[[MAX]], %{{.*}} {kernel = array<i64: 2, 2>} : tensor<1x2x2x3xf32>, tensor<1x2x4x6xf32>
// CHECK: nn.avg_pool_grad %[[AVG]] {ceil_mode = true, count_include_pad = false, kernel = array<i64: 3>, padding = array<i64: 1>, stride = array<i64: 2>} : tensor<2x3x5xf32> -> tensor<2x3x8xf32>
func.func @avg_pool_and_gradients(%x: tensor<2x3x8xf32>,
                                  %y: tensor<1x2x4x6xf32>)
    -> (tensor<2x3x5xf32>, tensor<1x2x4x6xf32>, tensor<2x3x8xf32>) {
  %0 = nn.avg_pool %x {kernel = array<i64: 3>, stride = array<i64: 2>,
                       padding = array<i64: 1>, ceil_mode = true,
                       count_include_pad = false} : tensor<2x3x8xf32>
  %1 = nn.max_pool %y {kernel = array<i64: 2, 2>} : tensor<1x2x4x6xf32>
  %2 = nn.max_pool_grad %1, %y {kernel = array<i64: 2, 2>}
      : tensor<1x2x2x3xf32>, tensor<1x2x4x6xf32>
  %3 = nn.avg_pool_grad %0 {kernel = array<i64: 3>, stride = array<i64: 2>,
                            padding = array<i64: 1>, ceil_mode = true,
                            count_include_pad = false}
      : tensor<2x3x5xf32> -> tensor<2x3x8xf32>
  return %0, %2, %3 : tensor<2x3x5xf32>, tensor<1x2x4x6xf32>, tensor<2x3x8xf32>
}

// -----

// Where each window's maximum lies (ONNX MaxPool's Indices): the pooled
// shape in i64; storage_order 1 is printed, its default 0 is not. Padding
// may reach the kernel extent minus one (ONNX's rule).
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: nn.max_pool_indices %{{.*}} {kernel = array<i64: 3, 3>, padding = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x2x5x5xf32> -> tensor<1x2x4x4xi64>
// CHECK: nn.max_pool_indices %{{.*}} {kernel = array<i64: 2>, storage_order = 1 : i64} : tensor<2x3x8xf32> -> tensor<2x3x4xi64>
func.func @max_pool_indices(%a: tensor<1x2x5x5xf32>, %b: tensor<2x3x8xf32>)
    -> (tensor<1x2x4x4xi64>, tensor<2x3x4xi64>) {
  %0 = nn.max_pool_indices %a {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<1x2x5x5xf32> -> tensor<1x2x4x4xi64>
  %1 = nn.max_pool_indices %b {kernel = array<i64: 2>, storage_order = 1}
      : tensor<2x3x8xf32> -> tensor<2x3x4xi64>
  return %0, %1 : tensor<1x2x4x4xi64>, tensor<2x3x4xi64>
}
