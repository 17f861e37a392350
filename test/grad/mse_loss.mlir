// Gradient of nn.mse_loss with respect to both operands, for every
// reduction, each weighted by a random cotangent (rank 0 for mean and sum).
// loss/mse_loss.mlir checks the loss values too.
// Golden data: make_golden.py (test "mse_loss").
func.func @loss(
    %pred_none: tensor<3x4xf32> {nn.param = "pred_none"},
    %target_none: tensor<3x4xf32> {nn.param = "target_none"},
    %pred_mean: tensor<3x4xf32> {nn.param = "pred_mean"},
    %target_mean: tensor<3x4xf32> {nn.param = "target_mean"},
    %pred_sum: tensor<3x4xf32> {nn.param = "pred_sum"},
    %target_sum: tensor<3x4xf32> {nn.param = "target_sum"},
    %cot_none: tensor<3x4xf32> {nn.input = "cot_none"},
    %cot_mean: tensor<f32> {nn.input = "cot_mean"},
    %cot_sum: tensor<f32> {nn.input = "cot_sum"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %none = nn.mse_loss %pred_none, %target_none {reduction = "none"}
      : tensor<3x4xf32>, tensor<3x4xf32>
  %mean = nn.mse_loss %pred_mean, %target_mean
      : tensor<3x4xf32>, tensor<3x4xf32>
  %sum = nn.mse_loss %pred_sum, %target_sum {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>
  %prod0 = nn.mul %none, %cot_none : tensor<3x4xf32>, tensor<3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4xf32>
  %term1 = nn.mul %mean, %cot_mean : tensor<f32>, tensor<f32>
  %term2 = nn.mul %sum, %cot_sum : tensor<f32>, tensor<f32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
