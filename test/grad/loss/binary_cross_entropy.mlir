// nn.binary_cross_entropy: value and gradient (probabilities and soft
// targets) for every reduction, with probabilities in [0.2, 0.8]; then
// p_edge, probabilities from 1e-4 to 1 - 1e-4 whose gradients reach 1e4.
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/binary_cross_entropy").
func.func @loss(
    %p_mean: tensor<4x3xf32> {nn.param = "p_mean"},
    %t_mean: tensor<4x3xf32> {nn.param = "t_mean"},
    %p_sum: tensor<4x3xf32> {nn.param = "p_sum"},
    %t_sum: tensor<4x3xf32> {nn.param = "t_sum"},
    %p_none: tensor<4x3xf32> {nn.param = "p_none"},
    %t_none: tensor<4x3xf32> {nn.param = "t_none"},
    %p_edge: tensor<4xf32> {nn.param = "p_edge"},
    %t_edge: tensor<4xf32> {nn.param = "t_edge"},
    %cot_bce_none: tensor<4x3xf32> {nn.input = "cot_bce_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "bce_mean"},
        tensor<f32> {nn.output = "bce_sum"},
        tensor<4x3xf32> {nn.output = "bce_none"},
        tensor<f32> {nn.output = "bce_edge"}) {
  %bce_mean = nn.binary_cross_entropy %p_mean, %t_mean {reduction = "mean"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %bce_sum = nn.binary_cross_entropy %p_sum, %t_sum {reduction = "sum"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %bce_none = nn.binary_cross_entropy %p_none, %t_none {reduction = "none"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %bce_edge = nn.binary_cross_entropy %p_edge, %t_edge {reduction = "sum"}
      : tensor<4xf32>, tensor<4xf32>
  %prod2 = nn.mul %bce_none, %cot_bce_none : tensor<4x3xf32>, tensor<4x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x3xf32>
  %sum0 = nn.add %bce_mean, %bce_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %bce_edge : tensor<f32>, tensor<f32>
  return %sum2, %bce_mean, %bce_sum, %bce_none, %bce_edge
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x3xf32>, tensor<f32>
}
