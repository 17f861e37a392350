// Gradient of nn.reshape (the cotangent reshaped back): with -1, flattening,
// and growing the rank.
// Golden data: make_golden.py (test "reshape").
func.func @loss(
    %x: tensor<2x3x4xf32> {nn.param = "x"},
    %y: tensor<2x3x4xf32> {nn.param = "y"},
    %z: tensor<6x4xf32> {nn.param = "z"},
    %cot_x: tensor<4x6xf32> {nn.input = "cot_x"},
    %cot_y: tensor<24xf32> {nn.input = "cot_y"},
    %cot_z: tensor<2x2x3x2xf32> {nn.input = "cot_z"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %rx = nn.reshape %x [4, -1] : tensor<2x3x4xf32>
  %ry = nn.reshape %y [-1] : tensor<2x3x4xf32>
  %rz = nn.reshape %z [2, 2, 3, 2] : tensor<6x4xf32>
  %prod0 = nn.mul %rx, %cot_x : tensor<4x6xf32>, tensor<4x6xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x6xf32>
  %prod1 = nn.mul %ry, %cot_y : tensor<24xf32>, tensor<24xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<24xf32>
  %prod2 = nn.mul %rz, %cot_z : tensor<2x2x3x2xf32>, tensor<2x2x3x2xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<2x2x3x2xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
