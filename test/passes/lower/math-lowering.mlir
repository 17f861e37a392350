// RUN: nnc-opt %s -split-input-file --nnc-lower-nn-to-linalg | FileCheck %s

// The rounding, trigonometric and hyperbolic ops become one math op in an
// elementwise linalg.generic; round is round-half-to-even.
// CHECK-LABEL: func.func @unary
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: math.roundeven
// CHECK: math.tan
// CHECK: math.asin
// CHECK: math.acos
// CHECK: math.atan
// CHECK: math.sinh
// CHECK: math.cosh
// CHECK: math.asinh
// CHECK: math.acosh
// CHECK: math.atanh
// CHECK-NOT: nn.
func.func @unary(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>,
    tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
    tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
    tensor<4xf32>) {
  %0 = nn.floor %x : tensor<4xf32>
  %1 = nn.ceil %x : tensor<4xf32>
  %2 = nn.round %x : tensor<4xf32>
  %3 = nn.tan %x : tensor<4xf32>
  %4 = nn.asin %x : tensor<4xf32>
  %5 = nn.acos %x : tensor<4xf32>
  %6 = nn.atan %x : tensor<4xf32>
  %7 = nn.sinh %x : tensor<4xf32>
  %8 = nn.cosh %x : tensor<4xf32>
  %9 = nn.asinh %x : tensor<4xf32>
  %10 = nn.acosh %x : tensor<4xf32>
  %11 = nn.atanh %x : tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11
      : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Float fmod is arith.remf; remainder adds the divisor where the truncated
// remainder is non-zero and its sign differs from the divisor's.
// CHECK-LABEL: func.func @float_remainders
// CHECK: linalg.generic
// CHECK: arith.remf
// CHECK: linalg.generic
// CHECK: %[[R:.*]] = arith.remf %[[A:.*]], %[[B:.*]] : f32
// CHECK: arith.cmpf one, %[[R]]
// CHECK: %[[SUM:.*]] = arith.addf %[[R]], %[[B]]
// CHECK: arith.select %{{.*}}, %[[SUM]], %[[R]]
func.func @float_remainders(%a: tensor<4xf32>, %b: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = nn.fmod %a, %b : tensor<4xf32>, tensor<4xf32>
  %1 = nn.remainder %a, %b : tensor<4xf32>, tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Integer remainders never divide by 0 or -1 (undefined, or a trap next to
// the most negative dividend): those divisors become 1, whose remainder is
// 0 as theirs is defined to be.
// CHECK-LABEL: func.func @integer_fmod
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[MINUS:.*]] = arith.constant -1 : i64
// CHECK-DAG: %[[IS0:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]]
// CHECK-DAG: %[[ISM:.*]] = arith.cmpi eq, %[[B]], %[[MINUS]]
// CHECK: %[[UNSAFE:.*]] = arith.ori %[[IS0]], %[[ISM]]
// CHECK: %[[DIV:.*]] = arith.select %[[UNSAFE]], %[[ONE]], %[[B]]
// CHECK: arith.remsi %[[A]], %[[DIV]] : i64
func.func @integer_fmod(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  %0 = nn.fmod %a, %b : tensor<4xi64>, tensor<4xi64>
  return %0 : tensor<4xi64>
}
