// Gradient of nn.softplus: sigmoid(beta x) below threshold / beta, 1 above
// (where softplus is x). Defaults (beta 1, threshold 20) on values on both
// sides of 20, and beta 2, threshold 5 on values on both sides of 2.5, all at
// least 0.3 from the switch.
// Golden data: make_golden.py (test "softplus").
func.func @loss(
    %x_default: tensor<4x5xf32> {nn.param = "x_default"},
    %x_b2_t5: tensor<4x5xf32> {nn.param = "x_b2_t5"},
    %cot_default: tensor<4x5xf32> {nn.input = "cot_default"},
    %cot_b2_t5: tensor<4x5xf32> {nn.input = "cot_b2_t5"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x_default = nn.softplus %x_default : tensor<4x5xf32>
  %y_x_b2_t5 = nn.softplus %x_b2_t5 {beta = 2.0
      : f64, threshold = 5.0 : f64} : tensor<4x5xf32>
  %prod0 = nn.mul %y_x_default, %cot_default : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %y_x_b2_t5, %cot_b2_t5 : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum0 : tensor<f32>
}
