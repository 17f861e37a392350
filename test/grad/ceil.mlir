// Gradient of nn.ceil, which is zero: x enters the loss as ceil(x) * x, whose
// gradient is ceil(x) from the second factor alone (x is at least 0.2 from
// the jumps at the integers). Golden data: make_golden.py (test "ceil").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %cot: tensor<4x5xf32> {nn.input = "cot"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r = nn.ceil %x : tensor<4x5xf32>
  %y = nn.mul %r, %x : tensor<4x5xf32>, tensor<4x5xf32>
  %p = nn.mul %y, %cot : tensor<4x5xf32>, tensor<4x5xf32>
  %l = nn.reduce_sum %p [] : tensor<4x5xf32>
  return %l : tensor<f32>
}
