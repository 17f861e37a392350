// Gradient of nn.transpose (the cotangent under the inverse permutation): 3-D
// and 4-D permutations that are not their own inverse, and a 2-D transpose.
// Golden data: make_golden.py (test "transpose").
func.func @loss(
    %x: tensor<2x3x4xf32> {nn.param = "x"},
    %y: tensor<2x3x4x5xf32> {nn.param = "y"},
    %z: tensor<3x5xf32> {nn.param = "z"},
    %cot_x: tensor<4x2x3xf32> {nn.input = "cot_x"},
    %cot_y: tensor<3x5x2x4xf32> {nn.input = "cot_y"},
    %cot_z: tensor<5x3xf32> {nn.input = "cot_z"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %tx = nn.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  %ty = nn.transpose %y [1, 3, 0, 2] : tensor<2x3x4x5xf32>
  %tz = nn.transpose %z [1, 0] : tensor<3x5xf32>
  %prod0 = nn.mul %tx, %cot_x : tensor<4x2x3xf32>, tensor<4x2x3xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x2x3xf32>
  %prod1 = nn.mul %ty, %cot_y : tensor<3x5x2x4xf32>, tensor<3x5x2x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x5x2x4xf32>
  %prod2 = nn.mul %tz, %cot_z : tensor<5x3xf32>, tensor<5x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<5x3xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
