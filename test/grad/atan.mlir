// Gradient of nn.atan (1 / (1 + x^2)) on values spread over [-4, 4].
// Golden data: make_golden.py (test "atan").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %cot_x: tensor<4x5xf32> {nn.input = "cot_x"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x = nn.atan %x : tensor<4x5xf32>
  %prod0 = nn.mul %y_x, %cot_x : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  return %term0 : tensor<f32>
}
