// Gradient of nn.reduce_mean (the cotangent broadcast back, divided by the
// count) over a negative axis, several axes with keepdim, every axis with
// keepdim and one axis.
// Golden data: make_golden.py (test "reduce_mean").
func.func @loss(
    %x_neg1: tensor<3x4x5xf32> {nn.param = "x_neg1"},
    %x_neg1_0_keep: tensor<3x4x5xf32> {nn.param = "x_neg1_0_keep"},
    %x_all_keep: tensor<3x4x5xf32> {nn.param = "x_all_keep"},
    %x_1: tensor<3x4x5xf32> {nn.param = "x_1"},
    %cot_neg1: tensor<3x4xf32> {nn.input = "cot_neg1"},
    %cot_neg1_0_keep: tensor<1x4x1xf32> {nn.input = "cot_neg1_0_keep"},
    %cot_all_keep: tensor<1x1x1xf32> {nn.input = "cot_all_keep"},
    %cot_1: tensor<3x5xf32> {nn.input = "cot_1"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r_neg1 = nn.reduce_mean %x_neg1 [-1] : tensor<3x4x5xf32>
  %r_neg1_0_keep = nn.reduce_mean %x_neg1_0_keep [-1, 0] {keepdim = true}
      : tensor<3x4x5xf32>
  %r_all_keep = nn.reduce_mean %x_all_keep [] {keepdim = true}
      : tensor<3x4x5xf32>
  %r_1 = nn.reduce_mean %x_1 [1] : tensor<3x4x5xf32>
  %prod0 = nn.mul %r_neg1, %cot_neg1 : tensor<3x4xf32>, tensor<3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4xf32>
  %prod1 = nn.mul %r_neg1_0_keep, %cot_neg1_0_keep
      : tensor<1x4x1xf32>, tensor<1x4x1xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x4x1xf32>
  %prod2 = nn.mul %r_all_keep, %cot_all_keep
      : tensor<1x1x1xf32>, tensor<1x1x1xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<1x1x1xf32>
  %prod3 = nn.mul %r_1, %cot_1 : tensor<3x5xf32>, tensor<3x5xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<3x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
