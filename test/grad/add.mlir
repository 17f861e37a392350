// Gradient of nn.add with broadcasting.
// The broadcast patterns: a trailing vector on the right (x, row), a
// lower-rank left operand whose size-1 dim stretches (col, x), two operands
// that both stretch (wide 1x4, tall 3x1), a rank-0 left operand (s, y), equal
// shapes (x, y), and an input operand (u, y) whose gradient is not asked for.
// Each result is weighted by a random cotangent.
// Golden data: make_golden.py (test "add").
func.func @loss(
    %x: tensor<2x3x4xf32> {nn.param = "x"},
    %y: tensor<2x3x4xf32> {nn.param = "y"},
    %row: tensor<4xf32> {nn.param = "row"},
    %col: tensor<3x1xf32> {nn.param = "col"},
    %wide: tensor<1x4xf32> {nn.param = "wide"},
    %tall: tensor<3x1xf32> {nn.param = "tall"},
    %s: tensor<f32> {nn.param = "s"},
    %u: tensor<3x4xf32> {nn.input = "u"},
    %cot_x_row: tensor<2x3x4xf32> {nn.input = "cot_x_row"},
    %cot_col_x: tensor<2x3x4xf32> {nn.input = "cot_col_x"},
    %cot_wide_tall: tensor<3x4xf32> {nn.input = "cot_wide_tall"},
    %cot_s_y: tensor<2x3x4xf32> {nn.input = "cot_s_y"},
    %cot_x_y: tensor<2x3x4xf32> {nn.input = "cot_x_y"},
    %cot_u_y: tensor<2x3x4xf32> {nn.input = "cot_u_y"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %x_row = nn.add %x, %row : tensor<2x3x4xf32>, tensor<4xf32>
  %col_x = nn.add %col, %x : tensor<3x1xf32>, tensor<2x3x4xf32>
  %wide_tall = nn.add %wide, %tall : tensor<1x4xf32>, tensor<3x1xf32>
  %s_y = nn.add %s, %y : tensor<f32>, tensor<2x3x4xf32>
  %x_y = nn.add %x, %y : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %u_y = nn.add %u, %y : tensor<3x4xf32>, tensor<2x3x4xf32>
  %prod0 = nn.mul %x_row, %cot_x_row : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x3x4xf32>
  %prod1 = nn.mul %col_x, %cot_col_x : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x3x4xf32>
  %prod2 = nn.mul %wide_tall, %cot_wide_tall : tensor<3x4xf32>, tensor<3x4xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<3x4xf32>
  %prod3 = nn.mul %s_y, %cot_s_y : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x3x4xf32>
  %prod4 = nn.mul %x_y, %cot_x_y : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<2x3x4xf32>
  %prod5 = nn.mul %u_y, %cot_u_y : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term5 = nn.reduce_sum %prod5 [] : tensor<2x3x4xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term4 : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term5 : tensor<f32>, tensor<f32>
  return %sum4 : tensor<f32>
}
