// Gradient of nn.cumsum: the running sum of the cotangent in the opposite
// direction. Forward along axis 1, reversed along axis 0.
// Golden data: make_golden.py (test "cumsum").
func.func @loss(
    %x: tensor<3x5xf32> {nn.param = "x"},
    %cot_fwd: tensor<3x5xf32> {nn.input = "cot_fwd"},
    %cot_rev: tensor<3x5xf32> {nn.input = "cot_rev"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %fwd = nn.cumsum %x {axis = 1} : tensor<3x5xf32>
  %rev = nn.cumsum %x {axis = 0, reverse = true} : tensor<3x5xf32>
  %prod0 = nn.mul %fwd, %cot_fwd : tensor<3x5xf32>, tensor<3x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x5xf32>
  %prod1 = nn.mul %rev, %cot_rev : tensor<3x5xf32>, tensor<3x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x5xf32>
  %sum = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum : tensor<f32>
}
