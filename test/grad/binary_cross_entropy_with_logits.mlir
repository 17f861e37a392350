// Gradient of nn.binary_cross_entropy_with_logits with respect to the
// logits and the (soft) targets, for every reduction, each weighted by a
// random cotangent (rank 0 for mean and sum).
// loss/binary_cross_entropy_with_logits*.mlir check the loss values and
// logits of +-1e4.
// Golden data: make_golden.py (test "binary_cross_entropy_with_logits").
func.func @loss(
    %x_none: tensor<3x4xf32> {nn.param = "x_none"},
    %t_none: tensor<3x4xf32> {nn.param = "t_none"},
    %x_mean: tensor<3x4xf32> {nn.param = "x_mean"},
    %t_mean: tensor<3x4xf32> {nn.param = "t_mean"},
    %x_sum: tensor<3x4xf32> {nn.param = "x_sum"},
    %t_sum: tensor<3x4xf32> {nn.param = "t_sum"},
    %cot_none: tensor<3x4xf32> {nn.input = "cot_none"},
    %cot_mean: tensor<f32> {nn.input = "cot_mean"},
    %cot_sum: tensor<f32> {nn.input = "cot_sum"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %none = nn.binary_cross_entropy_with_logits %x_none, %t_none
      {reduction = "none"} : tensor<3x4xf32>, tensor<3x4xf32>
  %mean = nn.binary_cross_entropy_with_logits %x_mean, %t_mean
      : tensor<3x4xf32>, tensor<3x4xf32>
  %sum = nn.binary_cross_entropy_with_logits %x_sum, %t_sum
      {reduction = "sum"} : tensor<3x4xf32>, tensor<3x4xf32>
  %prod0 = nn.mul %none, %cot_none : tensor<3x4xf32>, tensor<3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4xf32>
  %term1 = nn.mul %mean, %cot_mean : tensor<f32>, tensor<f32>
  %term2 = nn.mul %sum, %cot_sum : tensor<f32>, tensor<f32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
