// Gradient of nn.leaky_relu with the default negative_slope (0.01) and with
// 0.2, on values at least 0.1 from 0.
// Golden data: make_golden.py (test "leaky_relu").
func.func @loss(
    %x_default: tensor<4x5xf32> {nn.param = "x_default"},
    %x_02: tensor<4x5xf32> {nn.param = "x_02"},
    %cot_default: tensor<4x5xf32> {nn.input = "cot_default"},
    %cot_02: tensor<4x5xf32> {nn.input = "cot_02"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x_default = nn.leaky_relu %x_default : tensor<4x5xf32>
  %y_x_02 = nn.leaky_relu %x_02 {negative_slope = 0.2 : f64} : tensor<4x5xf32>
  %prod0 = nn.mul %y_x_default, %cot_default : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %y_x_02, %cot_02 : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum0 : tensor<f32>
}
