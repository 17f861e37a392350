// Gradient of nn.gather: the cotangent of each gathered row is added back
// to the row it came from (repeated ids add up, unused rows get 0), by
// nn.scatter_add. An embedding lookup with a 2-D index tensor along axis 0,
// and a middle axis (written -2) with i32 indices.
// Golden data: make_golden.py (test "gather").
func.func @loss(
    %table: tensor<6x4xf32> {nn.param = "table"},
    %x3: tensor<2x5x3xf32> {nn.param = "x3"},
    %ids: tensor<2x3xi64> {nn.input = "ids"},
    %cols: tensor<4xi32> {nn.input = "cols"},
    %cot_rows: tensor<2x3x4xf32> {nn.input = "cot_rows"},
    %cot_mid: tensor<2x4x3xf32> {nn.input = "cot_mid"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %rows = nn.gather %table, %ids {axis = 0} : tensor<6x4xf32>, tensor<2x3xi64>
  %mid = nn.gather %x3, %cols {axis = -2} : tensor<2x5x3xf32>, tensor<4xi32>
  %prod0 = nn.mul %rows, %cot_rows : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x3x4xf32>
  %prod1 = nn.mul %mid, %cot_mid : tensor<2x4x3xf32>, tensor<2x4x3xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x4x3xf32>
  %sum = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum : tensor<f32>
}
