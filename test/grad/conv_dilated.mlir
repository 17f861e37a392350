// Gradient of dilated nn.conv of stride 1, the convolutions that
// nnc-dilated-conv-to-dense rewrites (it runs after nnc-autodiff, on the
// forward convolutions of @loss_grad): 2-D with bias and padding not a
// multiple of the dilation; depthwise at batch 1 with bias; 1-D with
// asymmetric padding. A strided convolution adds a dilated one in the
// backward pass (its weight gradient). Run as compiled by default (lowered
// directly) and with --dilated-rewrite.
// Golden data: make_golden.py (test "conv_dilated").
func.func @loss(
    %x: tensor<2x3x9x7xf32> {nn.param = "x"},
    %w: tensor<4x3x3x3xf32> {nn.param = "w"},
    %b: tensor<4xf32> {nn.param = "b"},
    %xd: tensor<1x4x8x9xf32> {nn.param = "xd"},
    %wd: tensor<4x1x3x3xf32> {nn.param = "wd"},
    %bd: tensor<4xf32> {nn.param = "bd"},
    %x1: tensor<2x3x11xf32> {nn.param = "x1"},
    %w1: tensor<6x3x3xf32> {nn.param = "w1"},
    %xs: tensor<1x3x8x8xf32> {nn.param = "xs"},
    %ws: tensor<4x3x3x3xf32> {nn.param = "ws"},
    %cot_dilated: tensor<2x4x7x7xf32> {nn.input = "cot_dilated"},
    %cot_depthwise: tensor<1x4x8x9xf32> {nn.input = "cot_depthwise"},
    %cot_1d: tensor<2x6x11xf32> {nn.input = "cot_1d"},
    %cot_strided: tensor<1x4x4x4xf32> {nn.input = "cot_strided"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %dilated = nn.conv %x, %w, %b
      {dilation = array<i64: 2, 2>, padding = array<i64: 1, 2>}
      : tensor<2x3x9x7xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>
  %depthwise = nn.conv %xd, %wd, %bd
      {groups = 4, dilation = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<1x4x8x9xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>
  %c1 = nn.conv %x1, %w1 {dilation = array<i64: 3>, padding = array<i64: 2, 4>}
      : tensor<2x3x11xf32>, tensor<6x3x3xf32>
  %strided = nn.conv %xs, %ws {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  %p0 = nn.mul %dilated, %cot_dilated
      : tensor<2x4x7x7xf32>, tensor<2x4x7x7xf32>
  %t0 = nn.reduce_sum %p0 [] : tensor<2x4x7x7xf32>
  %p1 = nn.mul %depthwise, %cot_depthwise
      : tensor<1x4x8x9xf32>, tensor<1x4x8x9xf32>
  %t1 = nn.reduce_sum %p1 [] : tensor<1x4x8x9xf32>
  %p2 = nn.mul %c1, %cot_1d : tensor<2x6x11xf32>, tensor<2x6x11xf32>
  %t2 = nn.reduce_sum %p2 [] : tensor<2x6x11xf32>
  %p3 = nn.mul %strided, %cot_strided
      : tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>
  %t3 = nn.reduce_sum %p3 [] : tensor<1x4x4x4xf32>
  %s0 = nn.add %t0, %t1 : tensor<f32>, tensor<f32>
  %s1 = nn.add %s0, %t2 : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %t3 : tensor<f32>, tensor<f32>
  return %s2 : tensor<f32>
}
