// Gradient of nn.cross_entropy for class-index targets (labels) and
// probability targets (probs_*, differentiated too: -log_softmax(logits)), for
// every reduction, each weighted by a random cotangent. loss/cross_entropy.mlir
// checks the loss values and large logits.
// Golden data: make_golden.py (test "cross_entropy").
func.func @loss(
    %labels: tensor<4xi64> {nn.input = "labels"},
    %logits_class_none: tensor<4x5xf32> {nn.param = "logits_class_none"},
    %logits_class_mean: tensor<4x5xf32> {nn.param = "logits_class_mean"},
    %logits_class_sum: tensor<4x5xf32> {nn.param = "logits_class_sum"},
    %logits_prob_none: tensor<4x5xf32> {nn.param = "logits_prob_none"},
    %probs_none: tensor<4x5xf32> {nn.param = "probs_none"},
    %logits_prob_mean: tensor<4x5xf32> {nn.param = "logits_prob_mean"},
    %probs_mean: tensor<4x5xf32> {nn.param = "probs_mean"},
    %logits_prob_sum: tensor<4x5xf32> {nn.param = "logits_prob_sum"},
    %probs_sum: tensor<4x5xf32> {nn.param = "probs_sum"},
    %cot_class_none: tensor<4xf32> {nn.input = "cot_class_none"},
    %cot_class_mean: tensor<f32> {nn.input = "cot_class_mean"},
    %cot_class_sum: tensor<f32> {nn.input = "cot_class_sum"},
    %cot_prob_none: tensor<4xf32> {nn.input = "cot_prob_none"},
    %cot_prob_mean: tensor<f32> {nn.input = "cot_prob_mean"},
    %cot_prob_sum: tensor<f32> {nn.input = "cot_prob_sum"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %class_none = nn.cross_entropy %logits_class_none, %labels
      {reduction = "none"}
      : tensor<4x5xf32>, tensor<4xi64>
  %class_mean = nn.cross_entropy %logits_class_mean, %labels
      {reduction = "mean"}
      : tensor<4x5xf32>, tensor<4xi64>
  %class_sum = nn.cross_entropy %logits_class_sum, %labels {reduction = "sum"}
      : tensor<4x5xf32>, tensor<4xi64>
  %prob_none = nn.cross_entropy %logits_prob_none, %probs_none
      {reduction = "none"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %prob_mean = nn.cross_entropy %logits_prob_mean, %probs_mean
      {reduction = "mean"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %prob_sum = nn.cross_entropy %logits_prob_sum, %probs_sum {reduction = "sum"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %prod0 = nn.mul %class_none, %cot_class_none : tensor<4xf32>, tensor<4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4xf32>
  %term1 = nn.mul %class_mean, %cot_class_mean : tensor<f32>, tensor<f32>
  %term2 = nn.mul %class_sum, %cot_class_sum : tensor<f32>, tensor<f32>
  %prod3 = nn.mul %prob_none, %cot_prob_none : tensor<4xf32>, tensor<4xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<4xf32>
  %term4 = nn.mul %prob_mean, %cot_prob_mean : tensor<f32>, tensor<f32>
  %term5 = nn.mul %prob_sum, %cot_prob_sum : tensor<f32>, tensor<f32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term4 : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term5 : tensor<f32>, tensor<f32>
  return %sum4 : tensor<f32>
}
