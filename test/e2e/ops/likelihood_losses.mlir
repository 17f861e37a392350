// binary_cross_entropy, binary_cross_entropy_with_logits, nll_loss and
// gaussian_kl_div with every reduction. Probabilities include exact 0 and 1
// (logs clamped at -100) and values within 1e-7 of them; logits include
// +-1e4 and +-100, where exp overflows float32. nll_loss runs on [N, C] and
// on [N, C, d] log-probabilities with ignored targets (the default -100, and
// ignore_index = 1 on i32 targets), which "mean" leaves out of its count.
// Golden data: make_golden.py (group "likelihood_losses").
func.func @forward(
    %p: tensor<4x5xf32> {nn.input = "p"},
    %t: tensor<4x5xf32> {nn.input = "t"},
    %x: tensor<3x4xf32> {nn.input = "x"},
    %xt: tensor<3x4xf32> {nn.input = "xt"},
    %logp: tensor<5x4xf32> {nn.input = "logp"},
    %labels: tensor<5xi64> {nn.input = "labels"},
    %logp_seq: tensor<2x4x3xf32> {nn.input = "logp_seq"},
    %labels_seq: tensor<2x3xi32> {nn.input = "labels_seq"},
    %mu_q: tensor<3x4xf32> {nn.input = "mu_q"},
    %logvar_q: tensor<3x4xf32> {nn.input = "logvar_q"},
    %mu_p: tensor<3x4xf32> {nn.input = "mu_p"},
    %logvar_p: tensor<3x4xf32> {nn.input = "logvar_p"})
    -> (tensor<f32> {nn.output = "bce_mean"},
        tensor<f32> {nn.output = "bce_sum"},
        tensor<4x5xf32> {nn.output = "bce_none"},
        tensor<f32> {nn.output = "bce_logits_mean"},
        tensor<f32> {nn.output = "bce_logits_sum"},
        tensor<3x4xf32> {nn.output = "bce_logits_none"},
        tensor<f32> {nn.output = "nll_mean"},
        tensor<f32> {nn.output = "nll_sum"},
        tensor<5xf32> {nn.output = "nll_none"},
        tensor<f32> {nn.output = "nll_seq_mean"},
        tensor<2x3xf32> {nn.output = "nll_seq_none"},
        tensor<f32> {nn.output = "kl_mean"},
        tensor<f32> {nn.output = "kl_sum"},
        tensor<3x4xf32> {nn.output = "kl_none"}) {
  %bce_mean = nn.binary_cross_entropy %p, %t : tensor<4x5xf32>, tensor<4x5xf32>
  %bce_sum = nn.binary_cross_entropy %p, %t {reduction = "sum"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %bce_none = nn.binary_cross_entropy %p, %t {reduction = "none"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %bcel_mean = nn.binary_cross_entropy_with_logits %x, %xt
      : tensor<3x4xf32>, tensor<3x4xf32>
  %bcel_sum = nn.binary_cross_entropy_with_logits %x, %xt {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>
  %bcel_none = nn.binary_cross_entropy_with_logits %x, %xt
      {reduction = "none"} : tensor<3x4xf32>, tensor<3x4xf32>
  %nll_mean = nn.nll_loss %logp, %labels : tensor<5x4xf32>, tensor<5xi64>
  %nll_sum = nn.nll_loss %logp, %labels {reduction = "sum"}
      : tensor<5x4xf32>, tensor<5xi64>
  %nll_none = nn.nll_loss %logp, %labels {reduction = "none"}
      : tensor<5x4xf32>, tensor<5xi64>
  %nll_seq_mean = nn.nll_loss %logp_seq, %labels_seq {ignore_index = 1}
      : tensor<2x4x3xf32>, tensor<2x3xi32>
  %nll_seq_none = nn.nll_loss %logp_seq, %labels_seq
      {ignore_index = 1, reduction = "none"}
      : tensor<2x4x3xf32>, tensor<2x3xi32>
  %kl_mean = nn.gaussian_kl_div %mu_q, %logvar_q, %mu_p, %logvar_p
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %kl_sum = nn.gaussian_kl_div %mu_q, %logvar_q, %mu_p, %logvar_p
      {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  %kl_none = nn.gaussian_kl_div %mu_q, %logvar_q, %mu_p, %logvar_p
      {reduction = "none"}
      : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
  return %bce_mean, %bce_sum, %bce_none, %bcel_mean, %bcel_sum, %bcel_none,
      %nll_mean, %nll_sum, %nll_none, %nll_seq_mean, %nll_seq_none, %kl_mean,
      %kl_sum, %kl_none
      : tensor<f32>, tensor<f32>, tensor<4x5xf32>, tensor<f32>, tensor<f32>,
        tensor<3x4xf32>, tensor<f32>, tensor<f32>, tensor<5xf32>, tensor<f32>,
        tensor<2x3xf32>, tensor<f32>, tensor<f32>, tensor<3x4xf32>
}
