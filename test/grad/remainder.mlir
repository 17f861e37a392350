// Gradient of nn.remainder (d/da = 1, d/db = -floor(a / b)) with the divisor
// broadcast as a row, so b's gradient sums over the rows. Every quotient
// a / b is k + f with f in [0.3, 0.7] (both signs), away from the integers
// where the remainder jumps. Golden data: make_golden.py (test "remainder").
func.func @loss(
    %a: tensor<3x4xf32> {nn.param = "a"},
    %b: tensor<4xf32> {nn.param = "b"},
    %cot: tensor<3x4xf32> {nn.input = "cot"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r = nn.remainder %a, %b : tensor<3x4xf32>, tensor<4xf32>
  %p = nn.mul %r, %cot : tensor<3x4xf32>, tensor<3x4xf32>
  %l = nn.reduce_sum %p [] : tensor<3x4xf32>
  return %l : tensor<f32>
}
