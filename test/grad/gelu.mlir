// Gradient of nn.gelu, exact (the default, approximate = "none") and with the
// tanh approximation, on values over [-6, 6].
// Golden data: make_golden.py (test "gelu").
func.func @loss(
    %x_none: tensor<4x5xf32> {nn.param = "x_none"},
    %x_tanh: tensor<4x5xf32> {nn.param = "x_tanh"},
    %cot_none: tensor<4x5xf32> {nn.input = "cot_none"},
    %cot_tanh: tensor<4x5xf32> {nn.input = "cot_tanh"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x_none = nn.gelu %x_none : tensor<4x5xf32>
  %y_x_tanh = nn.gelu %x_tanh {approximate = "tanh"} : tensor<4x5xf32>
  %prod0 = nn.mul %y_x_none, %cot_none : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %y_x_tanh, %cot_tanh : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum0 : tensor<f32>
}
