// Gradient of nn.abs (sign(x)) on values at least 0.1 from 0, and on at_zero,
// which holds exact zeros: PyTorch's gradient there is 0 (sign(0)).
// Golden data: make_golden.py (test "abs").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %at_zero: tensor<4xf32> {nn.param = "at_zero"},
    %cot_x: tensor<4x5xf32> {nn.input = "cot_x"},
    %cot_at_zero: tensor<4xf32> {nn.input = "cot_at_zero"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y_x = nn.abs %x : tensor<4x5xf32>
  %y_at_zero = nn.abs %at_zero : tensor<4xf32>
  %prod0 = nn.mul %y_x, %cot_x : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %y_at_zero, %cot_at_zero : tensor<4xf32>, tensor<4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum0 : tensor<f32>
}
