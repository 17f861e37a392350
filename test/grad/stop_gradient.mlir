// nn.stop_gradient (torch detach): x enters the loss as stop(exp(x)) * x, so
// its gradient is exp(x) * cot from the second factor only; the detached
// branch contributes nothing. Golden data: make_golden.py
// (test "stop_gradient").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %cot: tensor<4x5xf32> {nn.input = "cot"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %e = nn.exp %x : tensor<4x5xf32>
  %s = nn.stop_gradient %e : tensor<4x5xf32>
  %y = nn.mul %s, %x : tensor<4x5xf32>, tensor<4x5xf32>
  %p = nn.mul %y, %cot : tensor<4x5xf32>, tensor<4x5xf32>
  %l = nn.reduce_sum %p [] : tensor<4x5xf32>
  return %l : tensor<f32>
}
