// RUN: nnc-opt %s -split-input-file | nnc-opt -split-input-file | FileCheck %s
// RUN: nnc-opt %s -split-input-file -mlir-print-op-generic | nnc-opt -split-input-file | FileCheck %s

// The index, cast and spike ops print in their custom form and parse back;
// the inferred result types are checked through the function's results.

// gather: the index shape replaces the gathered axis (2x3 ids into a 6x4
// table give 2x3x4; 4 indices along axis -2 of 2x5x3 give 2x4x3).
// CHECK-LABEL: func.func @gather
// CHECK-SAME: -> (tensor<2x3x4xf32>, tensor<2x4x3xf32>, tensor<4xi32>)
// CHECK: nn.gather %{{.*}}, %{{.*}} {axis = 0 : i64} : tensor<6x4xf32>, tensor<2x3xi64>
// CHECK: nn.gather %{{.*}}, %{{.*}} {axis = -2 : i64} : tensor<2x5x3xf32>, tensor<4xi32>
// CHECK: nn.gather %{{.*}}, %{{.*}} {axis = 0 : i64} : tensor<6xi32>, tensor<4xi32>
func.func @gather(%table: tensor<6x4xf32>, %ids: tensor<2x3xi64>,
                  %x: tensor<2x5x3xf32>, %cols: tensor<4xi32>,
                  %counts: tensor<6xi32>)
    -> (tensor<2x3x4xf32>, tensor<2x4x3xf32>, tensor<4xi32>) {
  %0 = nn.gather %table, %ids {axis = 0} : tensor<6x4xf32>, tensor<2x3xi64>
  %1 = nn.gather %x, %cols {axis = -2} : tensor<2x5x3xf32>, tensor<4xi32>
  %2 = nn.gather %counts, %cols {axis = 0} : tensor<6xi32>, tensor<4xi32>
  return %0, %1, %2 : tensor<2x3x4xf32>, tensor<2x4x3xf32>, tensor<4xi32>
}

// -----

// scatter_add has dest's type.
// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: -> (tensor<5x4xf32>, tensor<3x6xf32>)
// CHECK: nn.scatter_add %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64} : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
// CHECK: nn.scatter_add %{{.*}}, %{{.*}}, %{{.*}} {axis = -1 : i64} : tensor<3x6xf32>, tensor<4xi32>, tensor<3x4xf32>
func.func @scatter_add(%d: tensor<5x4xf32>, %t: tensor<7xi64>,
                       %m: tensor<7x4xf32>, %d2: tensor<3x6xf32>,
                       %t2: tensor<4xi32>, %s2: tensor<3x4xf32>)
    -> (tensor<5x4xf32>, tensor<3x6xf32>) {
  %0 = nn.scatter_add %d, %t, %m {axis = 0}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  %1 = nn.scatter_add %d2, %t2, %s2 {axis = -1}
      : tensor<3x6xf32>, tensor<4xi32>, tensor<3x4xf32>
  return %0, %1 : tensor<5x4xf32>, tensor<3x6xf32>
}

// -----

// scatter_reduce has dest's type; the defaults (reduce "sum", include_self
// true) are left out when printed.
// CHECK-LABEL: func.func @scatter_reduce
// CHECK-SAME: -> (tensor<5x4xf32>, tensor<5x4xf32>, tensor<3x6xf64>)
// CHECK: nn.scatter_reduce %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64} : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
// CHECK: nn.scatter_reduce %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64, include_self = false, reduce = "amax"} : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
// CHECK: nn.scatter_reduce %{{.*}}, %{{.*}}, %{{.*}} {axis = -1 : i64, reduce = "mean"} : tensor<3x6xf64>, tensor<4xi32>, tensor<3x4xf64>
func.func @scatter_reduce(%d: tensor<5x4xf32>, %t: tensor<7xi64>,
                          %m: tensor<7x4xf32>, %d2: tensor<3x6xf64>,
                          %t2: tensor<4xi32>, %s2: tensor<3x4xf64>)
    -> (tensor<5x4xf32>, tensor<5x4xf32>, tensor<3x6xf64>) {
  %0 = nn.scatter_reduce %d, %t, %m {axis = 0, reduce = "sum", include_self = true}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  %1 = nn.scatter_reduce %d, %t, %m {axis = 0, reduce = "amax", include_self = false}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  %2 = nn.scatter_reduce %d2, %t2, %s2 {axis = -1, reduce = "mean"}
      : tensor<3x6xf64>, tensor<4xi32>, tensor<3x4xf64>
  return %0, %1, %2 : tensor<5x4xf32>, tensor<5x4xf32>, tensor<3x6xf64>
}

// -----

// argmax and argmin give i64, the axis dropped or (keepdim) kept as 1.
// CHECK-LABEL: func.func @arg_reductions
// CHECK-SAME: -> (tensor<4xi64>, tensor<1x6xi64>, tensor<4x1xi64>)
// CHECK: nn.argmax %{{.*}} {axis = 1 : i64} : tensor<4x6xf32>
// CHECK: nn.argmax %{{.*}} {axis = 0 : i64, keepdim = true} : tensor<4x6xf32>
// CHECK: nn.argmin %{{.*}} {axis = -1 : i64, keepdim = true} : tensor<4x6xf32>
func.func @arg_reductions(%x: tensor<4x6xf32>)
    -> (tensor<4xi64>, tensor<1x6xi64>, tensor<4x1xi64>) {
  %0 = nn.argmax %x {axis = 1} : tensor<4x6xf32>
  %1 = nn.argmax %x {axis = 0, keepdim = true} : tensor<4x6xf32>
  %2 = nn.argmin %x {axis = -1, keepdim = true} : tensor<4x6xf32>
  return %0, %1, %2 : tensor<4xi64>, tensor<1x6xi64>, tensor<4x1xi64>
}

// -----

// cumsum, cast and heaviside; defaults (reverse = false, surrogate =
// "fast_sigmoid", slope = 25) are not printed.
// CHECK-LABEL: func.func @scans_casts_spikes
// CHECK: nn.cumsum %{{.*}} {axis = 1 : i64} : tensor<3x5xf32>
// CHECK: nn.cumsum %{{.*}} {axis = 0 : i64, reverse = true} : tensor<3x5xf32>
// CHECK: nn.cast %{{.*}} : tensor<3x5xf32> -> tensor<3x5xi64>
// CHECK: nn.cast %{{.*}} : tensor<3x5xi64> -> tensor<3x5xf16>
// CHECK: nn.cast %{{.*}} : tensor<3x5xi1> -> tensor<3x5xf64>
// CHECK: nn.heaviside %{{.*}} : tensor<3x5xf32>
// CHECK: nn.heaviside %{{.*}} {slope = 5.000000e+00 : f64, surrogate = "sigmoid"} : tensor<3x5xf32>
func.func @scans_casts_spikes(%x: tensor<3x5xf32>, %m: tensor<3x5xi1>)
    -> (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf16>, tensor<3x5xf64>,
        tensor<3x5xf32>, tensor<3x5xf32>) {
  %0 = nn.cumsum %x {axis = 1} : tensor<3x5xf32>
  %1 = nn.cumsum %x {axis = 0, reverse = true} : tensor<3x5xf32>
  %2 = nn.cast %x : tensor<3x5xf32> -> tensor<3x5xi64>
  %3 = nn.cast %2 : tensor<3x5xi64> -> tensor<3x5xf16>
  %4 = nn.cast %m : tensor<3x5xi1> -> tensor<3x5xf64>
  %5 = nn.heaviside %x : tensor<3x5xf32>
  %6 = nn.heaviside %x {surrogate = "sigmoid", slope = 5.0} : tensor<3x5xf32>
  return %0, %1, %3, %4, %5, %6 : tensor<3x5xf32>, tensor<3x5xf32>,
      tensor<3x5xf16>, tensor<3x5xf64>, tensor<3x5xf32>, tensor<3x5xf32>
}
