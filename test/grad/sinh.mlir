// Gradient of nn.sinh (cosh(x)) on values spread over [-3, 3].
// Golden data: make_golden.py (test "sinh").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %cot_x: tensor<4x5xf32> {nn.input = "cot_x"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x = nn.sinh %x : tensor<4x5xf32>
  %prod0 = nn.mul %y_x, %cot_x : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  return %term0 : tensor<f32>
}
