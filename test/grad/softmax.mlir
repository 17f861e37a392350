// Gradient of nn.softmax along axes 0, 1 and -1 of 3x4x5 params (values
// N(0, 2^2)).
// Golden data: make_golden.py (test "softmax").
func.func @loss(
    %x0: tensor<3x4x5xf32> {nn.param = "x0"},
    %x1: tensor<3x4x5xf32> {nn.param = "x1"},
    %xneg1: tensor<3x4x5xf32> {nn.param = "xneg1"},
    %cot_0: tensor<3x4x5xf32> {nn.input = "cot_0"},
    %cot_1: tensor<3x4x5xf32> {nn.input = "cot_1"},
    %cot_neg1: tensor<3x4x5xf32> {nn.input = "cot_neg1"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y0 = nn.softmax %x0 axis 0 : tensor<3x4x5xf32>
  %y1 = nn.softmax %x1 axis 1 : tensor<3x4x5xf32>
  %yneg1 = nn.softmax %xneg1 axis -1 : tensor<3x4x5xf32>
  %prod0 = nn.mul %y0, %cot_0 : tensor<3x4x5xf32>, tensor<3x4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x4x5xf32>
  %prod1 = nn.mul %y1, %cot_1 : tensor<3x4x5xf32>, tensor<3x4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<3x4x5xf32>
  %prod2 = nn.mul %yneg1, %cot_neg1 : tensor<3x4x5xf32>, tensor<3x4x5xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<3x4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
