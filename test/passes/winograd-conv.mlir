// RUN: nnc-opt %s -split-input-file --nnc-winograd-conv | FileCheck %s
// RUN: nnc-opt %s -split-input-file --nnc-winograd-conv="min-channels=4 min-pixels=64 min-width=8" | FileCheck %s --check-prefix=LOW

// An ungrouped 3x3 f32 convolution with stride 1, 16 channels in and out
// and 2 x 32 x 32 output pixels (with padding and a bias) is marked for the
// Winograd kernel, and so is a dilated one whose phases have rows of 32
// pixels (dilation 2 along rows of 64); not one whose phases have rows of
// 16 (dilation 2 along rows of 32).
// CHECK-LABEL: func.func @marked
// CHECK: nn.conv {{.*}} {nnc.winograd, padding = array<i64: 1, 1>}
// CHECK: nn.conv {{.*}} {dilation = array<i64: 3, 2>, nnc.winograd}
// CHECK: nn.conv {{.*}} {dilation = array<i64: 2, 2>}
func.func @marked(%x: tensor<2x16x32x32xf32>, %w: tensor<16x16x3x3xf32>,
                  %b: tensor<16xf32>, %xd: tensor<2x16x38x68xf32>,
                  %xn: tensor<2x16x36x36xf32>)
    -> (tensor<2x16x32x32xf32>, tensor<2x16x32x64xf32>,
        tensor<2x16x32x32xf32>) {
  %y = nn.conv %x, %w, %b {padding = array<i64: 1, 1>}
      : tensor<2x16x32x32xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>
  %d = nn.conv %xd, %w {dilation = array<i64: 3, 2>}
      : tensor<2x16x38x68xf32>, tensor<16x16x3x3xf32>
  %n = nn.conv %xn, %w {dilation = array<i64: 2, 2>}
      : tensor<2x16x36x36xf32>, tensor<16x16x3x3xf32>
  return %y, %d, %n
      : tensor<2x16x32x32xf32>, tensor<2x16x32x64xf32>, tensor<2x16x32x32xf32>
}

// -----

// Not marked: a strided, a grouped, a 5x5 and an f64 convolution, and a
// 3-D one.
// CHECK-LABEL: func.func @other_shapes
// CHECK-NOT: nnc.winograd
func.func @other_shapes(%x: tensor<2x16x36x36xf32>, %w: tensor<16x16x3x3xf32>,
                        %wg: tensor<16x8x3x3xf32>, %w5: tensor<16x16x5x5xf32>,
                        %x64: tensor<2x16x36x36xf64>, %w64: tensor<16x16x3x3xf64>,
                        %x3: tensor<1x16x8x16x16xf32>, %w3: tensor<16x16x3x3x3xf32>)
    -> (tensor<2x16x17x17xf32>, tensor<2x16x34x34xf32>,
        tensor<2x16x32x32xf32>, tensor<2x16x34x34xf64>, tensor<1x16x6x14x14xf32>) {
  %s = nn.conv %x, %w {stride = array<i64: 2, 2>}
      : tensor<2x16x36x36xf32>, tensor<16x16x3x3xf32>
  %g = nn.conv %x, %wg {groups = 2}
      : tensor<2x16x36x36xf32>, tensor<16x8x3x3xf32>
  %k = nn.conv %x, %w5 : tensor<2x16x36x36xf32>, tensor<16x16x5x5xf32>
  %f = nn.conv %x64, %w64 : tensor<2x16x36x36xf64>, tensor<16x16x3x3xf64>
  %t = nn.conv %x3, %w3 : tensor<1x16x8x16x16xf32>, tensor<16x16x3x3x3xf32>
  return %s, %g, %k, %f, %t
      : tensor<2x16x17x17xf32>, tensor<2x16x34x34xf32>,
        tensor<2x16x32x32xf32>, tensor<2x16x34x34xf64>, tensor<1x16x6x14x14xf32>
}

// -----

// Too small by default (8 input channels; 1 x 16 x 16 output pixels;
// rows of 24 pixels), marked when the thresholds are lowered.
// CHECK-LABEL: func.func @small
// CHECK-NOT: nnc.winograd
// LOW-LABEL: func.func @small
// LOW: nn.conv {{.*}} {nnc.winograd}
// LOW: nn.conv {{.*}} {nnc.winograd}
// LOW: nn.conv {{.*}} {nnc.winograd}
func.func @small(%x: tensor<4x8x34x34xf32>, %w: tensor<16x8x3x3xf32>,
                 %x2: tensor<1x16x18x18xf32>, %w2: tensor<16x16x3x3xf32>,
                 %x3: tensor<8x16x26x26xf32>)
    -> (tensor<4x16x32x32xf32>, tensor<1x16x16x16xf32>,
        tensor<8x16x24x24xf32>) {
  %a = nn.conv %x, %w : tensor<4x8x34x34xf32>, tensor<16x8x3x3xf32>
  %b = nn.conv %x2, %w2 : tensor<1x16x18x18xf32>, tensor<16x16x3x3xf32>
  %c = nn.conv %x3, %w2 : tensor<8x16x26x26xf32>, tensor<16x16x3x3xf32>
  return %a, %b, %c : tensor<4x16x32x32xf32>, tensor<1x16x16x16xf32>,
                      tensor<8x16x24x24xf32>
}
