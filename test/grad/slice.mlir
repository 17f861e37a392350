// Gradient of nn.slice (the cotangent scattered into zeros): three
// overlapping slices of x, whose gradients add up, with steps that do and do
// not divide the extent and with unit steps, and every third row and every
// other column of y.
// Golden data: make_golden.py (test "slice").
func.func @loss(
    %x: tensor<2x3x4xf32> {nn.param = "x"},
    %y: tensor<7x5xf32> {nn.param = "y"},
    %cot_step: tensor<2x2x2xf32> {nn.input = "cot_step"},
    %cot_odd: tensor<1x2x2xf32> {nn.input = "cot_odd"},
    %cot_unit: tensor<1x2x3xf32> {nn.input = "cot_unit"},
    %cot_y: tensor<2x3xf32> {nn.input = "cot_y"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %step = nn.slice %x [0, 1, 0] to [2, 3, 4] by [1, 1, 2] : tensor<2x3x4xf32>
  %odd = nn.slice %x [1, 0, 1] to [2, 3, 4] by [1, 2, 2] : tensor<2x3x4xf32>
  %unit = nn.slice %x [1, 1, 1] to [2, 3, 4] : tensor<2x3x4xf32>
  %rows = nn.slice %y [1, 0] to [7, 5] by [3, 2] : tensor<7x5xf32>
  %prod0 = nn.mul %step, %cot_step : tensor<2x2x2xf32>, tensor<2x2x2xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x2x2xf32>
  %prod1 = nn.mul %odd, %cot_odd : tensor<1x2x2xf32>, tensor<1x2x2xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x2x2xf32>
  %prod2 = nn.mul %unit, %cot_unit : tensor<1x2x3xf32>, tensor<1x2x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<1x2x3xf32>
  %prod3 = nn.mul %rows, %cot_y : tensor<2x3xf32>, tensor<2x3xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x3xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
