// Gradient of nn.rms_norm with respect to input and weight, over the last
// dimension (default eps) and over the last two (eps 1e-2).
// Golden data: make_golden.py (test "rms_norm").
func.func @loss(
    %x: tensor<2x3x8xf32> {nn.param = "x"},
    %w1: tensor<8xf32> {nn.param = "w1"},
    %w2: tensor<3x8xf32> {nn.param = "w2"},
    %cot_last: tensor<2x3x8xf32> {nn.input = "cot_last"},
    %cot_last2: tensor<2x3x8xf32> {nn.input = "cot_last2"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y0 = nn.rms_norm %x, %w1 : tensor<2x3x8xf32>, tensor<8xf32>
  %y1 = nn.rms_norm %x, %w2 {eps = 1.0e-2} : tensor<2x3x8xf32>, tensor<3x8xf32>
  %prod0 = nn.mul %y0, %cot_last : tensor<2x3x8xf32>, tensor<2x3x8xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x3x8xf32>
  %prod1 = nn.mul %y1, %cot_last2 : tensor<2x3x8xf32>, tensor<2x3x8xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x3x8xf32>
  %sum = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  return %sum : tensor<f32>
}
