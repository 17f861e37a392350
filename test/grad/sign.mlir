// Gradient of nn.sign, which is zero: x enters the loss as sign(x) * x, whose
// gradient is sign(x) from the second factor alone (x is at least 0.1 from
// the jump at 0). Golden data: make_golden.py (test "sign").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %cot: tensor<4x5xf32> {nn.input = "cot"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %s = nn.sign %x : tensor<4x5xf32>
  %y = nn.mul %s, %x : tensor<4x5xf32>, tensor<4x5xf32>
  %p = nn.mul %y, %cot : tensor<4x5xf32>, tensor<4x5xf32>
  %l = nn.reduce_sum %p [] : tensor<4x5xf32>
  return %l : tensor<f32>
}
