// Gradient of nn.maximum: the gradient goes to the larger operand. Without
// ties (operands at least 0.3 apart): equal shapes, two operands that both
// stretch, an input operand. With ties, where PyTorch gives each side half of
// the gradient: between two params (3 of the 6 elements of tie_a and tie_b are
// equal) and between a param and an input (2 of 4 elements of tie_c, u_tie).
// Golden data: make_golden.py (test "maximum").
func.func @loss(
    %a: tensor<3x4xf32> {nn.param = "a"},
    %b: tensor<3x4xf32> {nn.param = "b"},
    %wide: tensor<1x4xf32> {nn.param = "wide"},
    %tall: tensor<3x1xf32> {nn.param = "tall"},
    %tie_a: tensor<2x3xf32> {nn.param = "tie_a"},
    %tie_b: tensor<2x3xf32> {nn.param = "tie_b"},
    %tie_c: tensor<4xf32> {nn.param = "tie_c"},
    %u: tensor<3x4xf32> {nn.input = "u"},
    %u_tie: tensor<4xf32> {nn.input = "u_tie"},
    %cot_a_b: tensor<3x4xf32> {nn.input = "cot_a_b"},
    %cot_wide_tall: tensor<3x4xf32> {nn.input = "cot_wide_tall"},
    %cot_b_u: tensor<3x4xf32> {nn.input = "cot_b_u"},
    %cot_tie_ab: tensor<2x3xf32> {nn.input = "cot_tie_ab"},
    %cot_tie_cu: tensor<4xf32> {nn.input = "cot_tie_cu"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %a_b = nn.maximum %a, %b : tensor<3x4xf32>, tensor<3x4xf32>
  %wide_tall = nn.maximum %wide, %tall : tensor<1x4xf32>, tensor<3x1xf32>
  %b_u = nn.maximum %b, %u : tensor<3x4xf32>, tensor<3x4xf32>
  %tie_ab = nn.maximum %tie_a, %tie_b : tensor<2x3xf32>, tensor<2x3xf32>
  %tie_cu = nn.maximum %tie_c, %u_tie : tensor<4xf32>, tensor<4xf32>
  %prod0 = nn.mul %a_b, %cot_a_b : tensor<3x4xf32>, tensor<3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4xf32>
  %prod1 = nn.mul %wide_tall, %cot_wide_tall : tensor<3x4xf32>, tensor<3x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x4xf32>
  %prod2 = nn.mul %b_u, %cot_b_u : tensor<3x4xf32>, tensor<3x4xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<3x4xf32>
  %prod3 = nn.mul %tie_ab, %cot_tie_ab : tensor<2x3xf32>, tensor<2x3xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x3xf32>
  %prod4 = nn.mul %tie_cu, %cot_tie_cu : tensor<4xf32>, tensor<4xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<4xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term4 : tensor<f32>, tensor<f32>
  return %sum3 : tensor<f32>
}
