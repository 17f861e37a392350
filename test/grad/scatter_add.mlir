// Gradient of nn.scatter_add (torch.index_add): dest gets the cotangent
// unchanged, the source the cotangent gathered at its targets. Repeated
// targets along axis 0 (i64) and along the last axis (i32).
// Golden data: make_golden.py (test "scatter_add").
func.func @loss(
    %dest: tensor<5x4xf32> {nn.param = "dest"},
    %messages: tensor<7x4xf32> {nn.param = "messages"},
    %dest2: tensor<3x6xf32> {nn.param = "dest2"},
    %src2: tensor<3x4xf32> {nn.param = "src2"},
    %targets: tensor<7xi64> {nn.input = "targets"},
    %targets2: tensor<4xi32> {nn.input = "targets2"},
    %cot_rows: tensor<5x4xf32> {nn.input = "cot_rows"},
    %cot_cols: tensor<3x6xf32> {nn.input = "cot_cols"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %rows = nn.scatter_add %dest, %targets, %messages {axis = 0}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  %cols = nn.scatter_add %dest2, %targets2, %src2 {axis = -1}
      : tensor<3x6xf32>, tensor<4xi32>, tensor<3x4xf32>
  %prod0 = nn.mul %rows, %cot_rows : tensor<5x4xf32>, tensor<5x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<5x4xf32>
  %prod1 = nn.mul %cols, %cot_cols : tensor<3x6xf32>, tensor<3x6xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x6xf32>
  %sum = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum : tensor<f32>
}
