// Gradient of nn.reduce_sum (the cotangent broadcast back) over one axis,
// several axes with keepdim, every axis (an empty list) and two negative axes.
// Golden data: make_golden.py (test "reduce_sum").
func.func @loss(
    %x_1: tensor<3x4x5xf32> {nn.param = "x_1"},
    %x_0_2_keep: tensor<3x4x5xf32> {nn.param = "x_0_2_keep"},
    %x_all: tensor<3x4x5xf32> {nn.param = "x_all"},
    %x_neg1_neg3: tensor<3x4x5xf32> {nn.param = "x_neg1_neg3"},
    %cot_1: tensor<3x5xf32> {nn.input = "cot_1"},
    %cot_0_2_keep: tensor<1x4x1xf32> {nn.input = "cot_0_2_keep"},
    %cot_all: tensor<f32> {nn.input = "cot_all"},
    %cot_neg1_neg3: tensor<4xf32> {nn.input = "cot_neg1_neg3"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r_1 = nn.reduce_sum %x_1 [1] : tensor<3x4x5xf32>
  %r_0_2_keep = nn.reduce_sum %x_0_2_keep [0, 2] {keepdim = true}
      : tensor<3x4x5xf32>
  %r_all = nn.reduce_sum %x_all [] : tensor<3x4x5xf32>
  %r_neg1_neg3 = nn.reduce_sum %x_neg1_neg3 [-1, -3] : tensor<3x4x5xf32>
  %prod0 = nn.mul %r_1, %cot_1 : tensor<3x5xf32>, tensor<3x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x5xf32>
  %prod1 = nn.mul %r_0_2_keep, %cot_0_2_keep
      : tensor<1x4x1xf32>, tensor<1x4x1xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x4x1xf32>
  %term2 = nn.mul %r_all, %cot_all : tensor<f32>, tensor<f32>
  %prod3 = nn.mul %r_neg1_neg3, %cot_neg1_neg3 : tensor<4xf32>, tensor<4xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<4xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
