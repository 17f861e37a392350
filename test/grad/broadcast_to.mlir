// Gradient of nn.broadcast_to (the cotangent summed over the stretched dims):
// rank growth with a size-1 dim stretched, rank growth only, a middle size-1
// dim, a rank-0 value, and the identity.
// Golden data: make_golden.py (test "broadcast_to").
func.func @loss(
    %col: tensor<3x1xf32> {nn.param = "col"},
    %row: tensor<4xf32> {nn.param = "row"},
    %mid: tensor<2x1x4xf32> {nn.param = "mid"},
    %s: tensor<f32> {nn.param = "s"},
    %x: tensor<2x3x4xf32> {nn.param = "x"},
    %cot_col: tensor<2x3x4xf32> {nn.input = "cot_col"},
    %cot_row: tensor<3x4xf32> {nn.input = "cot_row"},
    %cot_mid: tensor<2x3x4xf32> {nn.input = "cot_mid"},
    %cot_s: tensor<2x3xf32> {nn.input = "cot_s"},
    %cot_x: tensor<2x3x4xf32> {nn.input = "cot_x"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %bcol = nn.broadcast_to %col [2, 3, 4] : tensor<3x1xf32>
  %brow = nn.broadcast_to %row [3, 4] : tensor<4xf32>
  %bmid = nn.broadcast_to %mid [2, 3, 4] : tensor<2x1x4xf32>
  %bs = nn.broadcast_to %s [2, 3] : tensor<f32>
  %bx = nn.broadcast_to %x [2, 3, 4] : tensor<2x3x4xf32>
  %prod0 = nn.mul %bcol, %cot_col : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x3x4xf32>
  %prod1 = nn.mul %brow, %cot_row : tensor<3x4xf32>, tensor<3x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x4xf32>
  %prod2 = nn.mul %bmid, %cot_mid : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<2x3x4xf32>
  %prod3 = nn.mul %bs, %cot_s : tensor<2x3xf32>, tensor<2x3xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x3xf32>
  %prod4 = nn.mul %bx, %cot_x : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<2x3x4xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term4 : tensor<f32>, tensor<f32>
  return %sum3 : tensor<f32>
}
