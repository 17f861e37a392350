// Gradient of nn.reduce_max (torch.amax): the cotangent goes to the maximum
// of each slice. Over one axis with keepdim, several axes (one negative),
// every axis, and a negative axis, each maximum ahead of the runner-up by at
// least 1. x_tie's rows (reduced along axis 1) hold 2, 3 and 1 copies of
// their maximum: amax splits the gradient evenly between tied maxima.
// Golden data: make_golden.py (test "reduce_max").
func.func @loss(
    %x_2_keep: tensor<3x4x5xf32> {nn.param = "x_2_keep"},
    %x_2_neg3: tensor<3x4x5xf32> {nn.param = "x_2_neg3"},
    %x_all: tensor<3x4x5xf32> {nn.param = "x_all"},
    %x_neg2: tensor<3x4x5xf32> {nn.param = "x_neg2"},
    %x_tie: tensor<3x4xf32> {nn.param = "x_tie"},
    %cot_2_keep: tensor<3x4x1xf32> {nn.input = "cot_2_keep"},
    %cot_2_neg3: tensor<4xf32> {nn.input = "cot_2_neg3"},
    %cot_all: tensor<f32> {nn.input = "cot_all"},
    %cot_neg2: tensor<3x5xf32> {nn.input = "cot_neg2"},
    %cot_tie: tensor<3xf32> {nn.input = "cot_tie"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r_2_keep = nn.reduce_max %x_2_keep [2] {keepdim = true} : tensor<3x4x5xf32>
  %r_2_neg3 = nn.reduce_max %x_2_neg3 [2, -3] : tensor<3x4x5xf32>
  %r_all = nn.reduce_max %x_all [] : tensor<3x4x5xf32>
  %r_neg2 = nn.reduce_max %x_neg2 [-2] : tensor<3x4x5xf32>
  %r_x_tie = nn.reduce_max %x_tie [1] : tensor<3x4xf32>
  %prod0 = nn.mul %r_2_keep, %cot_2_keep : tensor<3x4x1xf32>, tensor<3x4x1xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4x1xf32>
  %prod1 = nn.mul %r_2_neg3, %cot_2_neg3 : tensor<4xf32>, tensor<4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4xf32>
  %term2 = nn.mul %r_all, %cot_all : tensor<f32>, tensor<f32>
  %prod3 = nn.mul %r_neg2, %cot_neg2 : tensor<3x5xf32>, tensor<3x5xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<3x5xf32>
  %prod4 = nn.mul %r_x_tie, %cot_tie : tensor<3xf32>, tensor<3xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<3xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term4 : tensor<f32>, tensor<f32>
  return %sum3 : tensor<f32>
}
