// RUN: nnc-opt %s -split-input-file | nnc-opt -split-input-file | FileCheck %s
// RUN: nnc-opt %s -split-input-file -mlir-print-op-generic | nnc-opt -split-input-file | FileCheck %s

// nn.solve and nn.fft print in their custom form and parse back; the
// inferred result types are checked through the function's results.

// A single system, several right-hand sides; batched systems; batch
// dimensions that broadcast (2x1 against 3: one matrix per pair, a shared
// right-hand side of rank 2 against batched matrices).
// CHECK-LABEL: func.func @solve
// CHECK-SAME: -> (tensor<4x3xf32>, tensor<2x4x1xf32>, tensor<2x3x4x5xf32>, tensor<2x4x3xf32>)
// CHECK: nn.solve %{{.*}}, %{{.*}} : tensor<4x4xf32>, tensor<4x3xf32>
// CHECK: nn.solve %{{.*}}, %{{.*}} : tensor<2x4x4xf32>, tensor<2x4x1xf32>
// CHECK: nn.solve %{{.*}}, %{{.*}} : tensor<2x1x4x4xf32>, tensor<3x4x5xf32>
// CHECK: nn.solve %{{.*}}, %{{.*}} : tensor<2x4x4xf32>, tensor<4x3xf32>
func.func @solve(%a: tensor<4x4xf32>, %b: tensor<4x3xf32>,
                 %ab: tensor<2x4x4xf32>, %bb: tensor<2x4x1xf32>,
                 %a4: tensor<2x1x4x4xf32>, %b3: tensor<3x4x5xf32>)
    -> (tensor<4x3xf32>, tensor<2x4x1xf32>, tensor<2x3x4x5xf32>,
        tensor<2x4x3xf32>) {
  %0 = nn.solve %a, %b : tensor<4x4xf32>, tensor<4x3xf32>
  %1 = nn.solve %ab, %bb : tensor<2x4x4xf32>, tensor<2x4x1xf32>
  %2 = nn.solve %a4, %b3 : tensor<2x1x4x4xf32>, tensor<3x4x5xf32>
  %3 = nn.solve %ab, %b : tensor<2x4x4xf32>, tensor<4x3xf32>
  return %0, %1, %2, %3
      : tensor<4x3xf32>, tensor<2x4x1xf32>, tensor<2x3x4x5xf32>,
        tensor<2x4x3xf32>
}

// -----

// The forward transform with the default attributes (left out when
// printed), the inverse, every norm, a single sequence and N = 1.
// CHECK-LABEL: func.func @fft
// CHECK-SAME: -> (tensor<3x8x2xf32>, tensor<3x8x2xf32>, tensor<3x8x2xf32>, tensor<16x2xf32>, tensor<1x2xf64>)
// CHECK: nn.fft %{{.*}} : tensor<3x8x2xf32>
// CHECK: nn.fft %{{.*}} {inverse = true} : tensor<3x8x2xf32>
// CHECK: nn.fft %{{.*}} {inverse = true, norm = "ortho"} : tensor<3x8x2xf32>
// CHECK: nn.fft %{{.*}} {norm = "forward"} : tensor<16x2xf32>
// CHECK: nn.fft %{{.*}} : tensor<1x2xf64>
func.func @fft(%x: tensor<3x8x2xf32>, %s: tensor<16x2xf32>,
               %one: tensor<1x2xf64>)
    -> (tensor<3x8x2xf32>, tensor<3x8x2xf32>, tensor<3x8x2xf32>,
        tensor<16x2xf32>, tensor<1x2xf64>) {
  %0 = nn.fft %x : tensor<3x8x2xf32>
  %1 = nn.fft %x {inverse = true} : tensor<3x8x2xf32>
  %2 = nn.fft %x {inverse = true, norm = "ortho"} : tensor<3x8x2xf32>
  %3 = nn.fft %s {norm = "forward"} : tensor<16x2xf32>
  %4 = nn.fft %one {norm = "backward", inverse = false} : tensor<1x2xf64>
  return %0, %1, %2, %3, %4
      : tensor<3x8x2xf32>, tensor<3x8x2xf32>, tensor<3x8x2xf32>,
        tensor<16x2xf32>, tensor<1x2xf64>
}
