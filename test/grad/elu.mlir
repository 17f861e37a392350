// Gradient of nn.elu with the default alpha (1) and with 0.5, on values over
// [-10, 4].
// Golden data: make_golden.py (test "elu").
func.func @loss(
    %x_default: tensor<4x5xf32> {nn.param = "x_default"},
    %x_05: tensor<4x5xf32> {nn.param = "x_05"},
    %cot_default: tensor<4x5xf32> {nn.input = "cot_default"},
    %cot_05: tensor<4x5xf32> {nn.input = "cot_05"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x_default = nn.elu %x_default : tensor<4x5xf32>
  %y_x_05 = nn.elu %x_05 {alpha = 0.5 : f64} : tensor<4x5xf32>
  %prod0 = nn.mul %y_x_default, %cot_default : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %y_x_05, %cot_05 : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum0 : tensor<f32>
}
