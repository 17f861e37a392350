// Dilated nn.conv in the forms nnc-dilated-conv-to-dense rewrites and one it
// leaves alone: 2-D with bias, dilations 3 and 2 with padding not a multiple
// of them, depthwise at batch 1, grouped with a channel multiplier and
// asymmetric padding, 1-D with asymmetric padding and bias, depthwise 1-D,
// a dilated dimension beside a strided one, 3-D with mixed dilations, and
// dilation with stride 2 (left alone), over odd extents. Compiled as is
// (the direct lowering) and with --dilated-rewrite (the pass on), see
// test/e2e/ops/CMakeLists.txt.
// Golden data: make_golden.py (group "dilated_convolution").
func.func @forward(
    %x2: tensor<2x5x13x11xf32> {nn.input = "x2"},
    %xd: tensor<1x5x13x11xf32> {nn.input = "xd"},
    %x1: tensor<2x3x17xf32> {nn.input = "x1"},
    %x3: tensor<1x2x5x6x7xf32> {nn.input = "x3"},
    %w: tensor<6x5x3x3xf32> {nn.input = "w"},
    %b: tensor<6xf32> {nn.input = "b"},
    %wd: tensor<5x1x3x3xf32> {nn.input = "wd"},
    %bd: tensor<5xf32> {nn.input = "bd"},
    %wm: tensor<10x1x3x3xf32> {nn.input = "wm"},
    %w1: tensor<4x3x3xf32> {nn.input = "w1"},
    %b1: tensor<4xf32> {nn.input = "b1"},
    %wd1: tensor<3x1x5xf32> {nn.input = "wd1"},
    %w3: tensor<3x2x2x3x2xf32> {nn.input = "w3"},
    %b3: tensor<3xf32> {nn.input = "b3"})
    -> (tensor<2x6x13x11xf32> {nn.output = "d2_bias"},
        tensor<2x6x9x13xf32> {nn.output = "d32_pad_odd"},
        tensor<1x5x11x9xf32> {nn.output = "depthwise_b1"},
        tensor<2x10x11x11xf32> {nn.output = "grouped_asym_pad"},
        tensor<2x4x16xf32> {nn.output = "conv1d"},
        tensor<2x3x9xf32> {nn.output = "depthwise1d"},
        tensor<2x6x13x6xf32> {nn.output = "mixed_stride"},
        tensor<1x3x5x6x6xf32> {nn.output = "conv3d"},
        tensor<2x6x6x5xf32> {nn.output = "strided_dilated"}) {
  %d2_bias = nn.conv %x2, %w, %b
      {dilation = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<2x5x13x11xf32>, tensor<6x5x3x3xf32>, tensor<6xf32>
  %d32_pad_odd = nn.conv %x2, %w
      {dilation = array<i64: 3, 2>, padding = array<i64: 1, 3>}
      : tensor<2x5x13x11xf32>, tensor<6x5x3x3xf32>
  %depthwise_b1 = nn.conv %xd, %wd, %bd
      {groups = 5, dilation = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<1x5x13x11xf32>, tensor<5x1x3x3xf32>, tensor<5xf32>
  %grouped_asym_pad = nn.conv %x2, %wm
      {groups = 5, dilation = array<i64: 3, 3>,
       padding = array<i64: 3, 2, 1, 4>}
      : tensor<2x5x13x11xf32>, tensor<10x1x3x3xf32>
  %conv1d = nn.conv %x1, %w1, %b1
      {dilation = array<i64: 4>, padding = array<i64: 2, 5>}
      : tensor<2x3x17xf32>, tensor<4x3x3xf32>, tensor<4xf32>
  %depthwise1d = nn.conv %x1, %wd1 {groups = 3, dilation = array<i64: 2>}
      : tensor<2x3x17xf32>, tensor<3x1x5xf32>
  %mixed_stride = nn.conv %x2, %w
      {dilation = array<i64: 2, 1>, stride = array<i64: 1, 2>,
       padding = array<i64: 2, 1>}
      : tensor<2x5x13x11xf32>, tensor<6x5x3x3xf32>
  %conv3d = nn.conv %x3, %w3, %b3
      {dilation = array<i64: 2, 1, 3>, padding = array<i64: 1, 1, 1>}
      : tensor<1x2x5x6x7xf32>, tensor<3x2x2x3x2xf32>, tensor<3xf32>
  %strided_dilated = nn.conv %x2, %w
      {dilation = array<i64: 2, 2>, stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>}
      : tensor<2x5x13x11xf32>, tensor<6x5x3x3xf32>
  return %d2_bias, %d32_pad_odd, %depthwise_b1, %grouped_asym_pad, %conv1d,
         %depthwise1d, %mixed_stride, %conv3d, %strided_dilated
      : tensor<2x6x13x11xf32>, tensor<2x6x9x13xf32>, tensor<1x5x11x9xf32>,
        tensor<2x10x11x11xf32>, tensor<2x4x16xf32>, tensor<2x3x9xf32>,
        tensor<2x6x13x6xf32>, tensor<1x3x5x6x6xf32>, tensor<2x6x6x5xf32>
}
