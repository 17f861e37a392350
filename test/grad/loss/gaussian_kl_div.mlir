// nn.gaussian_kl_div: value and gradient (all four operands) for every
// reduction, log-variances in [-3, 3]; then the VAE case, KL from a standard
// normal prior given as inputs (zero is both its mean and its log-variance).
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/gaussian_kl_div").
func.func @loss(
    %mu_q_mean: tensor<3x4xf32> {nn.param = "mu_q_mean"},
    %logvar_q_mean: tensor<3x4xf32> {nn.param = "logvar_q_mean"},
    %mu_p_mean: tensor<3x4xf32> {nn.param = "mu_p_mean"},
    %logvar_p_mean: tensor<3x4xf32> {nn.param = "logvar_p_mean"},
    %mu_q_sum: tensor<3x4xf32> {nn.param = "mu_q_sum"},
    %logvar_q_sum: tensor<3x4xf32> {nn.param = "logvar_q_sum"},
    %mu_p_sum: tensor<3x4xf32> {nn.param = "mu_p_sum"},
    %logvar_p_sum: tensor<3x4xf32> {nn.param = "logvar_p_sum"},
    %mu_q_none: tensor<3x4xf32> {nn.param = "mu_q_none"},
    %logvar_q_none: tensor<3x4xf32> {nn.param = "logvar_q_none"},
    %mu_p_none: tensor<3x4xf32> {nn.param = "mu_p_none"},
    %logvar_p_none: tensor<3x4xf32> {nn.param = "logvar_p_none"},
    %mu_q_prior: tensor<3x4xf32> {nn.param = "mu_q_prior"},
    %logvar_q_prior: tensor<3x4xf32> {nn.param = "logvar_q_prior"},
    %zero: tensor<3x4xf32> {nn.input = "zero"},
    %cot_kl_none: tensor<3x4xf32> {nn.input = "cot_kl_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "kl_mean"},
        tensor<f32> {nn.output = "kl_sum"},
        tensor<3x4xf32> {nn.output = "kl_none"},
        tensor<f32> {nn.output = "kl_prior"}) {
  %kl_mean = nn.gaussian_kl_div %mu_q_mean, %logvar_q_mean, %mu_p_mean,
      %logvar_p_mean {reduction = "mean"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %kl_sum = nn.gaussian_kl_div %mu_q_sum, %logvar_q_sum, %mu_p_sum,
      %logvar_p_sum {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %kl_none = nn.gaussian_kl_div %mu_q_none, %logvar_q_none, %mu_p_none,
      %logvar_p_none {reduction = "none"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %kl_prior = nn.gaussian_kl_div %mu_q_prior, %logvar_q_prior, %zero, %zero
      {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %prod2 = nn.mul %kl_none, %cot_kl_none : tensor<3x4xf32>, tensor<3x4xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<3x4xf32>
  %sum0 = nn.add %kl_mean, %kl_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %kl_prior : tensor<f32>, tensor<f32>
  return %sum2, %kl_mean, %kl_sum, %kl_none, %kl_prior
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<3x4xf32>, tensor<f32>
}
