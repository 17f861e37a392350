// Gradient of nn.conv_transpose: the 2x upsampling of U-Net with bias;
// stride 2 with padding, output_padding and groups; output_padding past the
// stride (below the dilation: the adjoint convolution reaches past the
// input and is cropped); padding wider than the kernel's reach, 1-D; 3-D.
// Golden data: make_golden.py (test "conv_transpose").
func.func @loss(
    %x: tensor<2x4x5x4xf32> {nn.param = "x"},
    %w: tensor<4x3x2x2xf32> {nn.param = "w"},
    %b: tensor<3xf32> {nn.param = "b"},
    %wg: tensor<4x2x3x3xf32> {nn.param = "wg"},
    %xd: tensor<1x2x4x4xf32> {nn.param = "xd"},
    %wd: tensor<2x3x3x3xf32> {nn.param = "wd"},
    %x1: tensor<2x3x6xf32> {nn.param = "x1"},
    %w1: tensor<3x2x3xf32> {nn.param = "w1"},
    %x3: tensor<1x2x3x2x3xf32> {nn.param = "x3"},
    %w3: tensor<2x2x2x3x2xf32> {nn.param = "w3"},
    %cot_up2: tensor<2x3x10x8xf32> {nn.input = "cot_up2"},
    %cot_groups: tensor<2x4x10x8xf32> {nn.input = "cot_groups"},
    %cot_dilated: tensor<1x3x9x9xf32> {nn.input = "cot_dilated"},
    %cot_wide_pad: tensor<2x2x12xf32> {nn.input = "cot_wide_pad"},
    %cot_3d: tensor<1x2x6x2x6xf32> {nn.input = "cot_3d"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %up2 = nn.conv_transpose %x, %w, %b {stride = array<i64: 2, 2>}
      : tensor<2x4x5x4xf32>, tensor<4x3x2x2xf32>, tensor<3xf32>
  %groups = nn.conv_transpose %x, %wg
      {groups = 2, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
       output_padding = array<i64: 1, 1>}
      : tensor<2x4x5x4xf32>, tensor<4x2x3x3xf32>
  %dilated = nn.conv_transpose %xd, %wd
      {dilation = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>
  %wide = nn.conv_transpose %x1, %w1
      {stride = array<i64: 3>, padding = array<i64: 3>}
      : tensor<2x3x6xf32>, tensor<3x2x3xf32>
  %t3d = nn.conv_transpose %x3, %w3
      {stride = array<i64: 2, 1, 2>, padding = array<i64: 0, 1, 0>}
      : tensor<1x2x3x2x3xf32>, tensor<2x2x2x3x2xf32>
  %p0 = nn.mul %up2, %cot_up2 : tensor<2x3x10x8xf32>, tensor<2x3x10x8xf32>
  %t0 = nn.reduce_sum %p0 [] : tensor<2x3x10x8xf32>
  %p1 = nn.mul %groups, %cot_groups : tensor<2x4x10x8xf32>, tensor<2x4x10x8xf32>
  %t1 = nn.reduce_sum %p1 [] : tensor<2x4x10x8xf32>
  %p2 = nn.mul %dilated, %cot_dilated : tensor<1x3x9x9xf32>, tensor<1x3x9x9xf32>
  %t2 = nn.reduce_sum %p2 [] : tensor<1x3x9x9xf32>
  %p3 = nn.mul %wide, %cot_wide_pad : tensor<2x2x12xf32>, tensor<2x2x12xf32>
  %t3 = nn.reduce_sum %p3 [] : tensor<2x2x12xf32>
  %p4 = nn.mul %t3d, %cot_3d : tensor<1x2x6x2x6xf32>, tensor<1x2x6x2x6xf32>
  %t4 = nn.reduce_sum %p4 [] : tensor<1x2x6x2x6xf32>
  %s0 = nn.add %t0, %t1 : tensor<f32>, tensor<f32>
  %s1 = nn.add %s0, %t2 : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %t3 : tensor<f32>, tensor<f32>
  %s3 = nn.add %s2, %t4 : tensor<f32>, tensor<f32>
  return %s3 : tensor<f32>
}
