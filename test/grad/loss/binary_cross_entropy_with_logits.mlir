// nn.binary_cross_entropy_with_logits: value and gradient (logits and soft
// targets) for every reduction, logits N(0, 3^2).
// Each reduction is a term of the loss and also an output named after it;
// "none" is weighted by a random cotangent.
// Golden data: make_golden.py (test "loss/binary_cross_entropy_with_logits").
func.func @loss(
    %x_mean: tensor<4x3xf32> {nn.param = "x_mean"},
    %t_mean: tensor<4x3xf32> {nn.param = "t_mean"},
    %x_sum: tensor<4x3xf32> {nn.param = "x_sum"},
    %t_sum: tensor<4x3xf32> {nn.param = "t_sum"},
    %x_none: tensor<4x3xf32> {nn.param = "x_none"},
    %t_none: tensor<4x3xf32> {nn.param = "t_none"},
    %cot_bce_logits_none: tensor<4x3xf32> {nn.input = "cot_bce_logits_none"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<f32> {nn.output = "bce_logits_mean"},
        tensor<f32> {nn.output = "bce_logits_sum"},
        tensor<4x3xf32> {nn.output = "bce_logits_none"}) {
  %bce_logits_mean = nn.binary_cross_entropy_with_logits %x_mean, %t_mean
      {reduction = "mean"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %bce_logits_sum = nn.binary_cross_entropy_with_logits %x_sum, %t_sum
      {reduction = "sum"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %bce_logits_none = nn.binary_cross_entropy_with_logits %x_none, %t_none
      {reduction = "none"}
      : tensor<4x3xf32>, tensor<4x3xf32>
  %prod2 = nn.mul %bce_logits_none, %cot_bce_logits_none
      : tensor<4x3xf32>, tensor<4x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x3xf32>
  %sum0 = nn.add %bce_logits_mean, %bce_logits_sum : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1, %bce_logits_mean, %bce_logits_sum, %bce_logits_none
      : tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x3xf32>
}
