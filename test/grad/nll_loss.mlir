// Gradient of nn.nll_loss beyond [N, C] with the default ignore_index (which
// loss/nll_loss covers): [N, C, d] log-probabilities with i32 targets, some
// equal to ignore_index = 2 (no gradient, left out of the "mean" count),
// and [N, C, d1, d2] with "none" weighted by a cotangent.
// Golden data: regularization_golden.py (test "nll_loss").
func.func @loss(
    %seq: tensor<3x4x5xf32> {nn.param = "seq"},
    %seq_labels: tensor<3x5xi32> {nn.input = "seq_labels"},
    %grid: tensor<2x3x2x2xf32> {nn.param = "grid"},
    %grid_labels: tensor<2x2x2xi64> {nn.input = "grid_labels"},
    %cot_grid: tensor<2x2x2xf32> {nn.input = "cot_grid"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %mean = nn.nll_loss %seq, %seq_labels {ignore_index = 2}
      : tensor<3x4x5xf32>, tensor<3x5xi32>
  %none = nn.nll_loss %grid, %grid_labels {reduction = "none"}
      : tensor<2x3x2x2xf32>, tensor<2x2x2xi64>
  %prod = nn.mul %none, %cot_grid : tensor<2x2x2xf32>, tensor<2x2x2xf32>
  %term = nn.reduce_sum %prod [] : tensor<2x2x2xf32>
  %sum = nn.add %mean, %term : tensor<f32>, tensor<f32>
  return %sum : tensor<f32>
}
