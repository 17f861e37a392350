// Gradient of nn.conv: stride with padding and bias; a stride that leaves
// the last input row unread (its gradient is 0, the transposed convolution
// needs output_padding); groups with dilation and asymmetric padding;
// an input operand (only the weight's gradient); depthwise 1-D with stride
// and dilation; 3-D with padding.
// Golden data: make_golden.py (test "conv").
func.func @loss(
    %x: tensor<2x4x7x6xf32> {nn.param = "x"},
    %w: tensor<6x4x3x3xf32> {nn.param = "w"},
    %b: tensor<6xf32> {nn.param = "b"},
    %xs: tensor<1x4x8x8xf32> {nn.param = "xs"},
    %wg: tensor<4x2x3x2xf32> {nn.param = "wg"},
    %u: tensor<1x4x8x9xf32> {nn.input = "u"},
    %x1: tensor<2x3x10xf32> {nn.param = "x1"},
    %w1: tensor<6x1x3xf32> {nn.param = "w1"},
    %x3: tensor<1x2x4x5x3xf32> {nn.param = "x3"},
    %w3: tensor<2x2x2x2x2xf32> {nn.param = "w3"},
    %cot_stride_pad: tensor<2x6x4x3xf32> {nn.input = "cot_stride_pad"},
    %cot_skip: tensor<1x6x3x3xf32> {nn.input = "cot_skip"},
    %cot_groups: tensor<1x4x6x5xf32> {nn.input = "cot_groups"},
    %cot_input: tensor<1x4x6x8xf32> {nn.input = "cot_input"},
    %cot_1d: tensor<2x6x2xf32> {nn.input = "cot_1d"},
    %cot_3d: tensor<1x2x3x3x2xf32> {nn.input = "cot_3d"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %stride_pad = nn.conv %x, %w, %b
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x4x7x6xf32>, tensor<6x4x3x3xf32>, tensor<6xf32>
  %skip = nn.conv %xs, %w {stride = array<i64: 2, 2>}
      : tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>
  %groups = nn.conv %xs, %wg
      {groups = 2, dilation = array<i64: 2, 1>, stride = array<i64: 1, 2>,
       padding = array<i64: 2, 1, 0, 1>}
      : tensor<1x4x8x8xf32>, tensor<4x2x3x2xf32>
  %input = nn.conv %u, %wg {groups = 2}
      : tensor<1x4x8x9xf32>, tensor<4x2x3x2xf32>
  %c1 = nn.conv %x1, %w1
      {groups = 3, stride = array<i64: 3>, dilation = array<i64: 2>}
      : tensor<2x3x10xf32>, tensor<6x1x3xf32>
  %c3 = nn.conv %x3, %w3
      {stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>}
      : tensor<1x2x4x5x3xf32>, tensor<2x2x2x2x2xf32>
  %p0 = nn.mul %stride_pad, %cot_stride_pad
      : tensor<2x6x4x3xf32>, tensor<2x6x4x3xf32>
  %t0 = nn.reduce_sum %p0 [] : tensor<2x6x4x3xf32>
  %p1 = nn.mul %skip, %cot_skip : tensor<1x6x3x3xf32>, tensor<1x6x3x3xf32>
  %t1 = nn.reduce_sum %p1 [] : tensor<1x6x3x3xf32>
  %p2 = nn.mul %groups, %cot_groups : tensor<1x4x6x5xf32>, tensor<1x4x6x5xf32>
  %t2 = nn.reduce_sum %p2 [] : tensor<1x4x6x5xf32>
  %p3 = nn.mul %input, %cot_input : tensor<1x4x6x8xf32>, tensor<1x4x6x8xf32>
  %t3 = nn.reduce_sum %p3 [] : tensor<1x4x6x8xf32>
  %p4 = nn.mul %c1, %cot_1d : tensor<2x6x2xf32>, tensor<2x6x2xf32>
  %t4 = nn.reduce_sum %p4 [] : tensor<2x6x2xf32>
  %p5 = nn.mul %c3, %cot_3d : tensor<1x2x3x3x2xf32>, tensor<1x2x3x3x2xf32>
  %t5 = nn.reduce_sum %p5 [] : tensor<1x2x3x3x2xf32>
  %s0 = nn.add %t0, %t1 : tensor<f32>, tensor<f32>
  %s1 = nn.add %s0, %t2 : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %t3 : tensor<f32>, tensor<f32>
  %s3 = nn.add %s2, %t4 : tensor<f32>, tensor<f32>
  %s4 = nn.add %s3, %t5 : tensor<f32>, tensor<f32>
  return %s4 : tensor<f32>
}
