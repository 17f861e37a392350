// Gradient of nn.dropout: the same mask (a function of the key and the
// element index) applied to the result gradient, scaled by 1 / (1 - p); with
// p = 0.5 and p = 0.2 (rank 3), and the identity of inference mode.
// Golden data: make_golden.py (test "dropout").
func.func @loss(
    %x: tensor<6x10xf32> {nn.param = "x"},
    %cube: tensor<2x3x5xf32> {nn.param = "cube"},
    %key: tensor<i64> {nn.input = "key"},
    %cot_half: tensor<6x10xf32> {nn.input = "cot_half"},
    %cot_cube: tensor<2x3x5xf32> {nn.input = "cot_cube"},
    %cot_inference: tensor<6x10xf32> {nn.input = "cot_inference"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %half = nn.dropout %x, %key : tensor<6x10xf32>, tensor<i64>
  %cube_drop = nn.dropout %cube, %key {p = 0.2} : tensor<2x3x5xf32>, tensor<i64>
  %inference = nn.dropout %x, %key {training = false}
      : tensor<6x10xf32>, tensor<i64>
  %prod0 = nn.mul %half, %cot_half : tensor<6x10xf32>, tensor<6x10xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<6x10xf32>
  %prod1 = nn.mul %cube_drop, %cot_cube : tensor<2x3x5xf32>, tensor<2x3x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x3x5xf32>
  %prod2 = nn.mul %inference, %cot_inference : tensor<6x10xf32>, tensor<6x10xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<6x10xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
