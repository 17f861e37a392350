// nn.nll_loss: value and gradient for every reduction on free
// log-probabilities, then the mean of nll_loss of log_softmax (which is
// cross_entropy) differentiated through both ops.
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/nll_loss").
func.func @loss(
    %labels: tensor<5xi64> {nn.input = "labels"},
    %logp_mean: tensor<5x4xf32> {nn.param = "logp_mean"},
    %logp_sum: tensor<5x4xf32> {nn.param = "logp_sum"},
    %logp_none: tensor<5x4xf32> {nn.param = "logp_none"},
    %logits: tensor<5x4xf32> {nn.param = "logits"},
    %cot_nll_none: tensor<5xf32> {nn.input = "cot_nll_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "nll_mean"},
        tensor<f32> {nn.output = "nll_sum"},
        tensor<5xf32> {nn.output = "nll_none"},
        tensor<f32> {nn.output = "nll_log_softmax"}) {
  %nll_mean = nn.nll_loss %logp_mean, %labels {reduction = "mean"}
      : tensor<5x4xf32>, tensor<5xi64>
  %nll_sum = nn.nll_loss %logp_sum, %labels {reduction = "sum"}
      : tensor<5x4xf32>, tensor<5xi64>
  %nll_none = nn.nll_loss %logp_none, %labels {reduction = "none"}
      : tensor<5x4xf32>, tensor<5xi64>
  %logp = nn.log_softmax %logits axis 1 : tensor<5x4xf32>
  %nll_log_softmax = nn.nll_loss %logp, %labels : tensor<5x4xf32>, tensor<5xi64>
  %prod2 = nn.mul %nll_none, %cot_nll_none : tensor<5xf32>, tensor<5xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<5xf32>
  %sum0 = nn.add %nll_mean, %nll_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %nll_log_softmax : tensor<f32>, tensor<f32>
  return %sum2, %nll_mean, %nll_sum, %nll_none, %nll_log_softmax
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<5xf32>, tensor<f32>
}
