// Gradient of nn.nll_loss with respect to the log-probabilities, for every
// reduction on [N, C, d] inputs with i32 targets of which some equal
// ignore_index = 2 (no gradient, and left out of the "mean" count), each
// weighted by a random cotangent (rank 0 for mean and sum); then [N, C, d1,
// d2] with i64 targets, one of them the default ignore_index -100.
// loss/nll_loss*.mlir check [N, C] inputs, the loss values and large logits.
// Golden data: make_golden.py (test "nll_loss").
func.func @loss(
    %seq_none: tensor<3x4x5xf32> {nn.param = "seq_none"},
    %seq_mean: tensor<3x4x5xf32> {nn.param = "seq_mean"},
    %seq_sum: tensor<3x4x5xf32> {nn.param = "seq_sum"},
    %seq_labels: tensor<3x5xi32> {nn.input = "seq_labels"},
    %grid: tensor<2x3x2x2xf32> {nn.param = "grid"},
    %grid_labels: tensor<2x2x2xi64> {nn.input = "grid_labels"},
    %cot_none: tensor<3x5xf32> {nn.input = "cot_none"},
    %cot_mean: tensor<f32> {nn.input = "cot_mean"},
    %cot_sum: tensor<f32> {nn.input = "cot_sum"},
    %cot_grid: tensor<2x2x2xf32> {nn.input = "cot_grid"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %none = nn.nll_loss %seq_none, %seq_labels
      {ignore_index = 2, reduction = "none"}
      : tensor<3x4x5xf32>, tensor<3x5xi32>
  %mean = nn.nll_loss %seq_mean, %seq_labels {ignore_index = 2}
      : tensor<3x4x5xf32>, tensor<3x5xi32>
  %sum = nn.nll_loss %seq_sum, %seq_labels
      {ignore_index = 2, reduction = "sum"}
      : tensor<3x4x5xf32>, tensor<3x5xi32>
  %grid_none = nn.nll_loss %grid, %grid_labels {reduction = "none"}
      : tensor<2x3x2x2xf32>, tensor<2x2x2xi64>
  %prod0 = nn.mul %none, %cot_none : tensor<3x5xf32>, tensor<3x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x5xf32>
  %term1 = nn.mul %mean, %cot_mean : tensor<f32>, tensor<f32>
  %term2 = nn.mul %sum, %cot_sum : tensor<f32>, tensor<f32>
  %prod3 = nn.mul %grid_none, %cot_grid : tensor<2x2x2xf32>, tensor<2x2x2xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x2x2xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
