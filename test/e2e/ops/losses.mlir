// mse_loss with every reduction, and cross_entropy from 4x5 logits with every
// reduction for both kinds of target: i64 class indices and class
// probabilities (rows summing to 1, one of them one-hot). Some logits are
// +-1e4: a row whose largest logit is its target class (loss ~0), one whose
// target is a -1e4 logit (loss ~1e4), one with +1e4 on a wrong class, and one
// whose target logit 9999 is next to a 1e4 (loss 1.3133, which needs the
// maximum subtracted before the log-sum-exp is taken from the target logit).
// Golden data: make_golden.py (group "losses").
func.func @forward(
    %pred: tensor<3x4xf32> {nn.input = "pred"},
    %y: tensor<3x4xf32> {nn.input = "y"},
    %logits: tensor<4x5xf32> {nn.input = "logits"},
    %labels: tensor<4xi64> {nn.input = "labels"},
    %probs: tensor<4x5xf32> {nn.input = "probs"})
    -> (tensor<3x4xf32> {nn.output = "mse_none"},
        tensor<f32> {nn.output = "mse_mean"},
        tensor<f32> {nn.output = "mse_sum"},
        tensor<f32> {nn.output = "ce_class_mean"},
        tensor<f32> {nn.output = "ce_class_sum"},
        tensor<4xf32> {nn.output = "ce_class_none"},
        tensor<f32> {nn.output = "ce_prob_mean"},
        tensor<f32> {nn.output = "ce_prob_sum"},
        tensor<4xf32> {nn.output = "ce_prob_none"}) {
  %m0 = nn.mse_loss %pred, %y {reduction = "none"}
      : tensor<3x4xf32>, tensor<3x4xf32>
  %m1 = nn.mse_loss %pred, %y : tensor<3x4xf32>, tensor<3x4xf32>
  %m2 = nn.mse_loss %pred, %y {reduction = "sum"}
      : tensor<3x4xf32>, tensor<3x4xf32>
  %c0 = nn.cross_entropy %logits, %labels : tensor<4x5xf32>, tensor<4xi64>
  %c1 = nn.cross_entropy %logits, %labels {reduction = "sum"}
      : tensor<4x5xf32>, tensor<4xi64>
  %c2 = nn.cross_entropy %logits, %labels {reduction = "none"}
      : tensor<4x5xf32>, tensor<4xi64>
  %p0 = nn.cross_entropy %logits, %probs {reduction = "mean"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %p1 = nn.cross_entropy %logits, %probs {reduction = "sum"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  %p2 = nn.cross_entropy %logits, %probs {reduction = "none"}
      : tensor<4x5xf32>, tensor<4x5xf32>
  return %m0, %m1, %m2, %c0, %c1, %c2, %p0, %p1, %p2
      : tensor<3x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<4xf32>, tensor<f32>, tensor<f32>, tensor<4xf32>
}
