// nn.cross_entropy on logits of +-1e4, where exp overflows and log(0) is
// -inf unless the maximum is taken out first: rows whose target dominates
// (loss 0), whose target is 1 below the largest (log(1 + 1/e)), all equal
// (log 5), whose target is far below the rest (~1e4, ~2e4), and near -1e4
// throughout; probability targets one-hot and spread, some mass on -1e4.
// Values and gradients must be finite and match PyTorch's.
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/cross_entropy_stable").
func.func @loss(
    %labels: tensor<6xi64> {nn.input = "labels"},
    %logits_class_mean: tensor<6x5xf32> {nn.param = "logits_class_mean"},
    %logits_class_sum: tensor<6x5xf32> {nn.param = "logits_class_sum"},
    %logits_class_none: tensor<6x5xf32> {nn.param = "logits_class_none"},
    %logits_prob_mean: tensor<6x5xf32> {nn.param = "logits_prob_mean"},
    %probs_mean: tensor<6x5xf32> {nn.param = "probs_mean"},
    %logits_prob_sum: tensor<6x5xf32> {nn.param = "logits_prob_sum"},
    %probs_sum: tensor<6x5xf32> {nn.param = "probs_sum"},
    %logits_prob_none: tensor<6x5xf32> {nn.param = "logits_prob_none"},
    %probs_none: tensor<6x5xf32> {nn.param = "probs_none"},
    %cot_ce_class_none: tensor<6xf32> {nn.input = "cot_ce_class_none"},
    %cot_ce_prob_none: tensor<6xf32> {nn.input = "cot_ce_prob_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "ce_class_mean"},
        tensor<f32> {nn.output = "ce_class_sum"},
        tensor<6xf32> {nn.output = "ce_class_none"},
        tensor<f32> {nn.output = "ce_prob_mean"},
        tensor<f32> {nn.output = "ce_prob_sum"},
        tensor<6xf32> {nn.output = "ce_prob_none"}) {
  %ce_class_mean = nn.cross_entropy %logits_class_mean, %labels
      {reduction = "mean"}
      : tensor<6x5xf32>, tensor<6xi64>
  %ce_class_sum = nn.cross_entropy %logits_class_sum, %labels
      {reduction = "sum"}
      : tensor<6x5xf32>, tensor<6xi64>
  %ce_class_none = nn.cross_entropy %logits_class_none, %labels
      {reduction = "none"}
      : tensor<6x5xf32>, tensor<6xi64>
  %ce_prob_mean = nn.cross_entropy %logits_prob_mean, %probs_mean
      {reduction = "mean"}
      : tensor<6x5xf32>, tensor<6x5xf32>
  %ce_prob_sum = nn.cross_entropy %logits_prob_sum, %probs_sum
      {reduction = "sum"}
      : tensor<6x5xf32>, tensor<6x5xf32>
  %ce_prob_none = nn.cross_entropy %logits_prob_none, %probs_none
      {reduction = "none"}
      : tensor<6x5xf32>, tensor<6x5xf32>
  %prod2 = nn.mul %ce_class_none, %cot_ce_class_none
      : tensor<6xf32>, tensor<6xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<6xf32>
  %prod5 = nn.mul %ce_prob_none, %cot_ce_prob_none
      : tensor<6xf32>, tensor<6xf32>
  %term5 = nn.reduce_sum %prod5 [] : tensor<6xf32>
  %sum0 = nn.add %ce_class_mean, %ce_class_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %ce_prob_mean : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %ce_prob_sum : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term5 : tensor<f32>, tensor<f32>
  return %sum4, %ce_class_mean, %ce_class_sum, %ce_class_none, %ce_prob_mean,
         %ce_prob_sum, %ce_prob_none
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<6xf32>, tensor<f32>,
        tensor<f32>, tensor<6xf32>
}
