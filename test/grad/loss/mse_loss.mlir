// nn.mse_loss: value and gradient (both operands) for every reduction.
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/mse_loss").
func.func @loss(
    %pred_mean: tensor<4x3xf32> {nn.param = "pred_mean"},
    %target_mean: tensor<4x3xf32> {nn.param = "target_mean"},
    %pred_sum: tensor<4x3xf32> {nn.param = "pred_sum"},
    %target_sum: tensor<4x3xf32> {nn.param = "target_sum"},
    %pred_none: tensor<4x3xf32> {nn.param = "pred_none"},
    %target_none: tensor<4x3xf32> {nn.param = "target_none"},
    %cot_mse_none: tensor<4x3xf32> {nn.input = "cot_mse_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "mse_mean"},
        tensor<f32> {nn.output = "mse_sum"},
        tensor<4x3xf32> {nn.output = "mse_none"}) {
  %mse_mean = nn.mse_loss %pred_mean, %target_mean {reduction = "mean"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %mse_sum = nn.mse_loss %pred_sum, %target_sum {reduction = "sum"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %mse_none = nn.mse_loss %pred_none, %target_none {reduction = "none"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %prod2 = nn.mul %mse_none, %cot_mse_none : tensor<4x3xf32>, tensor<4x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x3xf32>
  %sum0 = nn.add %mse_mean, %mse_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1, %mse_mean, %mse_sum, %mse_none
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x3xf32>
}
