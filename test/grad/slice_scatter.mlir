// Gradient of nn.slice_scatter (dest with src written at starts + k * steps,
// out of place): dest gets the cotangent with the written positions zeroed,
// src the cotangent at them. 2-D with a step of 2, 3-D with a step of 3.
// Golden data: make_golden.py (test "slice_scatter").
func.func @loss(
    %dest: tensor<4x6xf32> {nn.param = "dest"},
    %src: tensor<4x2xf32> {nn.param = "src"},
    %dest3: tensor<3x5x4xf32> {nn.param = "dest3"},
    %src3: tensor<2x2x4xf32> {nn.param = "src3"},
    %cot_2d: tensor<4x6xf32> {nn.input = "cot_2d"},
    %cot_3d: tensor<3x5x4xf32> {nn.input = "cot_3d"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %out = nn.slice_scatter %dest, %src [0, 1] by [1, 2]
      : tensor<4x6xf32>, tensor<4x2xf32>
  %out3 = nn.slice_scatter %dest3, %src3 [1, 0, 0] by [1, 3, 1]
      : tensor<3x5x4xf32>, tensor<2x2x4xf32>
  %prod0 = nn.mul %out, %cot_2d : tensor<4x6xf32>, tensor<4x6xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x6xf32>
  %prod1 = nn.mul %out3, %cot_3d : tensor<3x5x4xf32>, tensor<3x5x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x5x4xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum0 : tensor<f32>
}
