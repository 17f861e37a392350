// Gradient of nn.grad (second order): the loss is a vector-Jacobian product
// of the gradient of f(x, w) = sum(tanh(x w)) with respect to x, so its own
// gradient needs second derivatives of tanh and matmul with respect to both
// x and w. Golden data: make_golden.py (test "grad").
func.func private @f(%x: tensor<4x3xf32>, %w: tensor<3x2xf32>) -> tensor<f32> {
  %m = nn.matmul %x, %w : tensor<4x3xf32>, tensor<3x2xf32>
  %t = nn.tanh %m : tensor<4x2xf32>
  %s = nn.reduce_sum %t [] : tensor<4x2xf32>
  return %s : tensor<f32>
}
func.func @loss(
    %x: tensor<4x3xf32> {nn.param = "x"},
    %w: tensor<3x2xf32> {nn.param = "w"},
    %cot: tensor<4x3xf32> {nn.input = "cot"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %g = nn.grad @f(%x, %w) wrt [0] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
  %p = nn.mul %g, %cot : tensor<4x3xf32>, tensor<4x3xf32>
  %l = nn.reduce_sum %p [] : tensor<4x3xf32>
  return %l : tensor<f32>
}
