// RUN: nnc-opt %s -split-input-file | nnc-opt -split-input-file | FileCheck %s
// RUN: nnc-opt %s -split-input-file -mlir-print-op-generic | nnc-opt -split-input-file | FileCheck %s

// The ops of NNMathOps.td print in their custom form and parse back.

// The rounding, trigonometric and hyperbolic ops keep their operand's type.
// CHECK-LABEL: func.func @unary
// CHECK: nn.floor %{{.*}} : tensor<2x3xf32>
// CHECK: nn.ceil %{{.*}} : tensor<2x3xf32>
// CHECK: nn.round %{{.*}} : tensor<2x3xf32>
// CHECK: nn.tan %{{.*}} : tensor<2x3xf32>
// CHECK: nn.asin %{{.*}} : tensor<2x3xf32>
// CHECK: nn.acos %{{.*}} : tensor<2x3xf32>
// CHECK: nn.atan %{{.*}} : tensor<2x3xf32>
// CHECK: nn.sinh %{{.*}} : tensor<2x3xf32>
// CHECK: nn.cosh %{{.*}} : tensor<2x3xf32>
// CHECK: nn.asinh %{{.*}} : tensor<2x3xf32>
// CHECK: nn.acosh %{{.*}} : tensor<2x3xf32>
// CHECK: nn.atanh %{{.*}} : tensor<2x3xf64>
func.func @unary(%x: tensor<2x3xf32>, %d: tensor<2x3xf64>) {
  %0 = nn.floor %x : tensor<2x3xf32>
  %1 = nn.ceil %x : tensor<2x3xf32>
  %2 = nn.round %x : tensor<2x3xf32>
  %3 = nn.tan %x : tensor<2x3xf32>
  %4 = nn.asin %x : tensor<2x3xf32>
  %5 = nn.acos %x : tensor<2x3xf32>
  %6 = nn.atan %x : tensor<2x3xf32>
  %7 = nn.sinh %x : tensor<2x3xf32>
  %8 = nn.cosh %x : tensor<2x3xf32>
  %9 = nn.asinh %x : tensor<2x3xf32>
  %10 = nn.acosh %x : tensor<2x3xf32>
  %11 = nn.atanh %d : tensor<2x3xf64>
  return
}

// -----

// The remainders broadcast like the other binary ops, on floats and
// integers.
// CHECK-LABEL: func.func @remainders
// CHECK-SAME: -> (tensor<2x3xf32>, tensor<4x2x3xi64>)
// CHECK: nn.fmod %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3xf32>
// CHECK: nn.remainder %{{.*}}, %{{.*}} : tensor<2x3xi64>, tensor<4x1x1xi64>
func.func @remainders(%a: tensor<2x3xf32>, %b: tensor<3xf32>,
                      %i: tensor<2x3xi64>, %j: tensor<4x1x1xi64>)
    -> (tensor<2x3xf32>, tensor<4x2x3xi64>) {
  %0 = nn.fmod %a, %b : tensor<2x3xf32>, tensor<3xf32>
  %1 = nn.remainder %i, %j : tensor<2x3xi64>, tensor<4x1x1xi64>
  return %0, %1 : tensor<2x3xf32>, tensor<4x2x3xi64>
}
