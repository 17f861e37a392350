// Gradient of nn.concat (the cotangent cut back into pieces): three params
// along an inner axis, one param twice along a negative axis (its gradient
// adds up), and a param next to an input.
// Golden data: make_golden.py (test "concat").
func.func @loss(
    %x: tensor<2x3x4xf32> {nn.param = "x"},
    %y: tensor<2x1x4xf32> {nn.param = "y"},
    %z: tensor<2x2x4xf32> {nn.param = "z"},
    %w: tensor<3x2xf32> {nn.param = "w"},
    %u: tensor<1x2xf32> {nn.input = "u"},
    %cot_xyz: tensor<2x6x4xf32> {nn.input = "cot_xyz"},
    %cot_xx: tensor<2x3x8xf32> {nn.input = "cot_xx"},
    %cot_wu: tensor<4x2xf32> {nn.input = "cot_wu"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %xyz = nn.concat %x, %y, %z axis 1
      : tensor<2x3x4xf32>, tensor<2x1x4xf32>, tensor<2x2x4xf32>
  %xx = nn.concat %x, %x axis -1 : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %wu = nn.concat %w, %u axis 0 : tensor<3x2xf32>, tensor<1x2xf32>
  %prod0 = nn.mul %xyz, %cot_xyz : tensor<2x6x4xf32>, tensor<2x6x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x6x4xf32>
  %prod1 = nn.mul %xx, %cot_xx : tensor<2x3x8xf32>, tensor<2x3x8xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x3x8xf32>
  %prod2 = nn.mul %wu, %cot_wu : tensor<4x2xf32>, tensor<4x2xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x2xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
