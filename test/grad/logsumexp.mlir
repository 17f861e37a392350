// Gradient of nn.logsumexp (softmax over the reduced axes times the
// cotangent) over one axis, several axes with keepdim and every axis, and on
// x_big, whose values near +-100 overflow exp in float32 unless the maximum is
// taken out first.
// Golden data: make_golden.py (test "logsumexp").
func.func @loss(
    %x_1: tensor<3x4x5xf32> {nn.param = "x_1"},
    %x_neg1_0_keep: tensor<3x4x5xf32> {nn.param = "x_neg1_0_keep"},
    %x_all: tensor<3x4x5xf32> {nn.param = "x_all"},
    %x_big: tensor<2x4xf32> {nn.param = "x_big"},
    %cot_1: tensor<3x5xf32> {nn.input = "cot_1"},
    %cot_neg1_0_keep: tensor<1x4x1xf32> {nn.input = "cot_neg1_0_keep"},
    %cot_all: tensor<f32> {nn.input = "cot_all"},
    %cot_big: tensor<2xf32> {nn.input = "cot_big"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r_1 = nn.logsumexp %x_1 [1] : tensor<3x4x5xf32>
  %r_neg1_0_keep = nn.logsumexp %x_neg1_0_keep [-1, 0] {keepdim = true}
      : tensor<3x4x5xf32>
  %r_all = nn.logsumexp %x_all [] : tensor<3x4x5xf32>
  %r_x_big = nn.logsumexp %x_big [-1] : tensor<2x4xf32>
  %prod0 = nn.mul %r_1, %cot_1 : tensor<3x5xf32>, tensor<3x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x5xf32>
  %prod1 = nn.mul %r_neg1_0_keep, %cot_neg1_0_keep
      : tensor<1x4x1xf32>, tensor<1x4x1xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x4x1xf32>
  %term2 = nn.mul %r_all, %cot_all : tensor<f32>, tensor<f32>
  %prod3 = nn.mul %r_x_big, %cot_big : tensor<2xf32>, tensor<2xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
