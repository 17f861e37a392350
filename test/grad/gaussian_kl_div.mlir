// Gradient of nn.gaussian_kl_div with respect to all four operands, for
// every reduction, each weighted by a random cotangent (rank 0 for mean and
// sum); log-variances in [-2, 2]. loss/gaussian_kl_div.mlir checks the loss
// values and the VAE case of a standard normal prior.
// Golden data: make_golden.py (test "gaussian_kl_div").
func.func @loss(
    %mu_q_none: tensor<3x4xf32> {nn.param = "mu_q_none"},
    %logvar_q_none: tensor<3x4xf32> {nn.param = "logvar_q_none"},
    %mu_p_none: tensor<3x4xf32> {nn.param = "mu_p_none"},
    %logvar_p_none: tensor<3x4xf32> {nn.param = "logvar_p_none"},
    %mu_q_mean: tensor<3x4xf32> {nn.param = "mu_q_mean"},
    %logvar_q_mean: tensor<3x4xf32> {nn.param = "logvar_q_mean"},
    %mu_p_mean: tensor<3x4xf32> {nn.param = "mu_p_mean"},
    %logvar_p_mean: tensor<3x4xf32> {nn.param = "logvar_p_mean"},
    %mu_q_sum: tensor<3x4xf32> {nn.param = "mu_q_sum"},
    %logvar_q_sum: tensor<3x4xf32> {nn.param = "logvar_q_sum"},
    %mu_p_sum: tensor<3x4xf32> {nn.param = "mu_p_sum"},
    %logvar_p_sum: tensor<3x4xf32> {nn.param = "logvar_p_sum"},
    %cot_none: tensor<3x4xf32> {nn.input = "cot_none"},
    %cot_mean: tensor<f32> {nn.input = "cot_mean"},
    %cot_sum: tensor<f32> {nn.input = "cot_sum"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %none = nn.gaussian_kl_div %mu_q_none, %logvar_q_none, %mu_p_none,
      %logvar_p_none {reduction = "none"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %mean = nn.gaussian_kl_div %mu_q_mean, %logvar_q_mean, %mu_p_mean,
      %logvar_p_mean
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %sum = nn.gaussian_kl_div %mu_q_sum, %logvar_q_sum, %mu_p_sum,
      %logvar_p_sum {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %prod0 = nn.mul %none, %cot_none : tensor<3x4xf32>, tensor<3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4xf32>
  %term1 = nn.mul %mean, %cot_mean : tensor<f32>, tensor<f32>
  %term2 = nn.mul %sum, %cot_sum : tensor<f32>, tensor<f32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
