// RUN: nnc-opt %s -split-input-file -nnc-dilated-conv-to-dense | FileCheck %s

// Dilation 2 with padding 2 over 32x32: the padding is one whole phase
// position per side, so nothing is written explicitly; the four phase grids
// of 16x16 become batch entries (2 images -> 8), one dense conv pads them by
// 1, and the phase outputs interleave back to exactly 32x32 (no crop).
// CHECK-LABEL: func.func @ungrouped_2d
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x32x32xf32>, %[[W:.*]]: tensor<16x8x3x3xf32>)
// CHECK-NOT: nn.slice_scatter
// CHECK: %[[P:.*]] = nn.reshape %[[X]] [2, 8, 16, 2, 16, 2] : tensor<2x8x32x32xf32>
// CHECK: %[[T:.*]] = nn.transpose %[[P]] [3, 5, 0, 1, 2, 4] : tensor<2x8x16x2x16x2xf32>
// CHECK: %[[B:.*]] = nn.reshape %[[T]] [8, 8, 16, 16] : tensor<2x2x2x8x16x16xf32>
// CHECK: %[[D:.*]] = nn.conv %[[B]], %[[W]] {dilation = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : tensor<8x8x16x16xf32>, tensor<16x8x3x3xf32>
// CHECK: %[[U:.*]] = nn.reshape %[[D]] [2, 2, 2, 16, 16, 16] : tensor<8x16x16x16xf32>
// CHECK: %[[V:.*]] = nn.transpose %[[U]] [2, 3, 4, 0, 5, 1] : tensor<2x2x2x16x16x16xf32>
// CHECK: %[[Y:.*]] = nn.reshape %[[V]] [2, 16, 32, 32] : tensor<2x16x16x2x16x2xf32>
// CHECK-NOT: nn.slice
// CHECK: return %[[Y]]
func.func @ungrouped_2d(%x: tensor<2x8x32x32xf32>, %w: tensor<16x8x3x3xf32>)
    -> tensor<2x16x32x32xf32> {
  %y = nn.conv %x, %w {dilation = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<2x8x32x32xf32>, tensor<16x8x3x3xf32>
  return %y : tensor<2x16x32x32xf32>
}

// -----

// Depthwise 1-D with bias, padding 1 (not a multiple of the dilation 2) and
// an odd length 11: one zero is written in front (1 + 11 = 12, a multiple
// of 2), the dense conv pads each 6-long phase grid by 1 at the end for the
// last zero of pad_end, and its 2 x 5 outputs are cropped to the 9 of the
// dilated conv. Bias and groups go to the dense conv unchanged.
// CHECK-LABEL: func.func @depthwise_1d
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x11xf32>, %[[W:.*]]: tensor<4x1x3xf32>, %[[BIAS:.*]]: tensor<4xf32>)
// CHECK: %[[Z:.*]] = arith.constant dense<0.000000e+00> : tensor<1x4x12xf32>
// CHECK: %[[PAD:.*]] = nn.slice_scatter %[[Z]], %[[X]] [0, 0, 1] : tensor<1x4x12xf32>, tensor<1x4x11xf32>
// CHECK: %[[P:.*]] = nn.reshape %[[PAD]] [1, 4, 6, 2]
// CHECK: %[[T:.*]] = nn.transpose %[[P]] [3, 0, 1, 2]
// CHECK: %[[B:.*]] = nn.reshape %[[T]] [2, 4, 6]
// CHECK: %[[D:.*]] = nn.conv %[[B]], %[[W]], %[[BIAS]] {dilation = array<i64: 1>, groups = 4 : i64, padding = array<i64: 0, 1>, stride = array<i64: 1>} : tensor<2x4x6xf32>, tensor<4x1x3xf32>, tensor<4xf32>
// CHECK: %[[U:.*]] = nn.reshape %[[D]] [2, 1, 4, 5]
// CHECK: %[[V:.*]] = nn.transpose %[[U]] [1, 2, 3, 0]
// CHECK: %[[I:.*]] = nn.reshape %[[V]] [1, 4, 10]
// CHECK: %[[Y:.*]] = nn.slice %[[I]] [0, 0, 0] to [1, 4, 9] : tensor<1x4x10xf32>
// CHECK: return %[[Y]]
func.func @depthwise_1d(%x: tensor<1x4x11xf32>, %w: tensor<4x1x3xf32>,
                        %b: tensor<4xf32>) -> tensor<1x4x9xf32> {
  %y = nn.conv %x, %w, %b
      {groups = 4, dilation = array<i64: 2>, padding = array<i64: 1>}
      : tensor<1x4x11xf32>, tensor<4x1x3xf32>, tensor<4xf32>
  return %y : tensor<1x4x9xf32>
}

// -----

// The same at batch 2: 2 phases of 2 images, phase-major.
// CHECK-LABEL: func.func @depthwise_1d_batch2
// CHECK: nn.slice_scatter %{{.*}}, %{{.*}} [0, 0, 1] : tensor<2x4x12xf32>, tensor<2x4x11xf32>
// CHECK: nn.reshape %{{.*}} [2, 4, 6, 2]
// CHECK: nn.transpose %{{.*}} [3, 0, 1, 2]
// CHECK: nn.reshape %{{.*}} [4, 4, 6] : tensor<2x2x4x6xf32>
// CHECK: nn.conv %{{.*}} : tensor<4x4x6xf32>, tensor<4x1x3xf32>, tensor<4xf32>
// CHECK: nn.reshape %{{.*}} [2, 2, 4, 5] : tensor<4x4x5xf32>
// CHECK: nn.transpose %{{.*}} [1, 2, 3, 0]
// CHECK: nn.reshape %{{.*}} [2, 4, 10]
// CHECK: nn.slice %{{.*}} [0, 0, 0] to [2, 4, 9]
func.func @depthwise_1d_batch2(%x: tensor<2x4x11xf32>, %w: tensor<4x1x3xf32>,
                               %b: tensor<4xf32>) -> tensor<2x4x9xf32> {
  %y = nn.conv %x, %w, %b
      {groups = 4, dilation = array<i64: 2>, padding = array<i64: 1>}
      : tensor<2x4x11xf32>, tensor<4x1x3xf32>, tensor<4xf32>
  return %y : tensor<2x4x9xf32>
}

// -----

// Dilation 3 along H only, with a stride of 2 along W (not dilated, so
// allowed) and asymmetric padding (H 4 then 2, W 1 then 1) in 2 groups:
// H gets 4 mod 3 = 1 zero in front and 1 after (1 + 10 + 1 = 12 = 4 * 3),
// the dense conv pads each phase grid 4 / 3 = 1 in front and 1 at the end
// (pad_end 2 minus the 1 zero written, rounded up to whole phase positions);
// W keeps its stride and padding and splits into 1 phase. The 3 * 4 = 12
// rows are cropped to the dilated conv's 10.
// CHECK-LABEL: func.func @dilated_h_strided_w
// CHECK: nn.slice_scatter %{{.*}}, %{{.*}} [0, 0, 1, 0] : tensor<1x4x12x9xf32>, tensor<1x4x10x9xf32>
// CHECK: nn.reshape %{{.*}} [1, 4, 4, 3, 9, 1] : tensor<1x4x12x9xf32>
// CHECK: nn.transpose %{{.*}} [3, 5, 0, 1, 2, 4]
// CHECK: nn.reshape %{{.*}} [3, 4, 4, 9]
// CHECK: nn.conv %{{.*}} {dilation = array<i64: 1, 1>, groups = 2 : i64, padding = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 2>} : tensor<3x4x4x9xf32>, tensor<6x2x3x3xf32>
// CHECK: nn.reshape %{{.*}} [3, 1, 1, 6, 4, 5] : tensor<3x6x4x5xf32>
// CHECK: nn.transpose %{{.*}} [2, 3, 4, 0, 5, 1]
// CHECK: nn.reshape %{{.*}} [1, 6, 12, 5]
// CHECK: nn.slice %{{.*}} [0, 0, 0, 0] to [1, 6, 10, 5] : tensor<1x6x12x5xf32>
func.func @dilated_h_strided_w(%x: tensor<1x4x10x9xf32>,
                               %w: tensor<6x2x3x3xf32>) -> tensor<1x6x10x5xf32> {
  %y = nn.conv %x, %w
      {groups = 2, dilation = array<i64: 3, 1>, stride = array<i64: 1, 2>,
       padding = array<i64: 4, 1, 2, 1>}
      : tensor<1x4x10x9xf32>, tensor<6x2x3x3xf32>
  return %y : tensor<1x6x10x5xf32>
}

// -----

// 3-D, dilation 2 everywhere, no padding, odd and even extents 5, 6, 7:
// zeros after 5 and 7 make 6 and 8; 8 phase grids per image.
// CHECK-LABEL: func.func @conv3d
// CHECK: nn.slice_scatter %{{.*}}, %{{.*}} [0, 0, 0, 0, 0] : tensor<1x2x6x6x8xf32>, tensor<1x2x5x6x7xf32>
// CHECK: nn.reshape %{{.*}} [1, 2, 3, 2, 3, 2, 4, 2]
// CHECK: nn.transpose %{{.*}} [3, 5, 7, 0, 1, 2, 4, 6]
// CHECK: nn.reshape %{{.*}} [8, 2, 3, 3, 4]
// CHECK: nn.conv %{{.*}} : tensor<8x2x3x3x4xf32>, tensor<3x2x2x2x2xf32>
// CHECK: nn.transpose %{{.*}} [3, 4, 5, 0, 6, 1, 7, 2] : tensor<2x2x2x1x3x2x2x3xf32>
// CHECK: nn.reshape %{{.*}} [1, 3, 4, 4, 6]
// CHECK: nn.slice %{{.*}} [0, 0, 0, 0, 0] to [1, 3, 3, 4, 5]
func.func @conv3d(%x: tensor<1x2x5x6x7xf32>, %w: tensor<3x2x2x2x2xf32>)
    -> tensor<1x3x3x4x5xf32> {
  %y = nn.conv %x, %w {dilation = array<i64: 2, 2, 2>}
      : tensor<1x2x5x6x7xf32>, tensor<3x2x2x2x2xf32>
  return %y : tensor<1x3x3x4x5xf32>
}

// -----

// Left alone: a stride above 1 along a dilated dimension (output phases
// would mix input phases), no dilation, a dilation along a kernel extent of
// 1 (it changes nothing), and nn.conv_transpose.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: nn.reshape
// CHECK: nn.conv %{{.*}} {dilation = array<i64: 2, 2>, stride = array<i64: 2, 1>}
// CHECK: nn.conv %{{.*}} {padding = array<i64: 1, 1>}
// CHECK: nn.conv %{{.*}} {dilation = array<i64: 2, 2>}
// CHECK: nn.conv_transpose %{{.*}} {dilation = array<i64: 2, 2>}
// CHECK-NOT: nn.reshape
func.func @left_alone(%x: tensor<1x4x9x9xf32>, %w: tensor<4x4x3x3xf32>,
                      %w1: tensor<4x4x1x1xf32>)
    -> (tensor<1x4x3x5xf32>, tensor<1x4x9x9xf32>, tensor<1x4x9x9xf32>,
        tensor<1x4x13x13xf32>) {
  %strided = nn.conv %x, %w {dilation = array<i64: 2, 2>, stride = array<i64: 2, 1>}
      : tensor<1x4x9x9xf32>, tensor<4x4x3x3xf32>
  %plain = nn.conv %x, %w {padding = array<i64: 1, 1>}
      : tensor<1x4x9x9xf32>, tensor<4x4x3x3xf32>
  %unit = nn.conv %x, %w1 {dilation = array<i64: 2, 2>}
      : tensor<1x4x9x9xf32>, tensor<4x4x1x1xf32>
  %transposed = nn.conv_transpose %x, %w {dilation = array<i64: 2, 2>}
      : tensor<1x4x9x9xf32>, tensor<4x4x3x3xf32>
  return %strided, %plain, %unit, %transposed
      : tensor<1x4x3x5xf32>, tensor<1x4x9x9xf32>, tensor<1x4x9x9xf32>,
        tensor<1x4x13x13xf32>
}
