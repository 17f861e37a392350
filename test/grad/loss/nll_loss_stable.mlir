// nn.nll_loss of nn.log_softmax on the logits of +-1e4 of
// loss/cross_entropy_stable.mlir, for every reduction. Values and gradients
// must be finite and match PyTorch's.
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/nll_loss_stable").
func.func @loss(
    %labels: tensor<6xi64> {nn.input = "labels"},
    %logits_mean: tensor<6x5xf32> {nn.param = "logits_mean"},
    %logits_sum: tensor<6x5xf32> {nn.param = "logits_sum"},
    %logits_none: tensor<6x5xf32> {nn.param = "logits_none"},
    %cot_nll_none: tensor<6xf32> {nn.input = "cot_nll_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "nll_mean"},
        tensor<f32> {nn.output = "nll_sum"},
        tensor<6xf32> {nn.output = "nll_none"}) {
  %logp_mean = nn.log_softmax %logits_mean axis -1 : tensor<6x5xf32>
  %nll_mean = nn.nll_loss %logp_mean, %labels {reduction = "mean"}
      : tensor<6x5xf32>, tensor<6xi64>
  %logp_sum = nn.log_softmax %logits_sum axis -1 : tensor<6x5xf32>
  %nll_sum = nn.nll_loss %logp_sum, %labels {reduction = "sum"}
      : tensor<6x5xf32>, tensor<6xi64>
  %logp_none = nn.log_softmax %logits_none axis -1 : tensor<6x5xf32>
  %nll_none = nn.nll_loss %logp_none, %labels {reduction = "none"}
      : tensor<6x5xf32>, tensor<6xi64>
  %prod2 = nn.mul %nll_none, %cot_nll_none : tensor<6xf32>, tensor<6xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<6xf32>
  %sum0 = nn.add %nll_mean, %nll_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1, %nll_mean, %nll_sum, %nll_none
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<6xf32>
}
