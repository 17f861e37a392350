// Gradient of nn.solve (torch.linalg.solve): dB = solve(A^T, G) and
// dA = -dB X^T. A single system, batch dimensions that broadcast (2x1
// matrices against 3 right-hand sides: a_batched's gradient sums over the
// stretched dimension, b_batched's over the added one), and a system whose
// right-hand side is an input.
// Golden data: make_golden.py (test "solve").
func.func @loss(
    %a: tensor<3x3xf32> {nn.param = "a"},
    %b: tensor<3x2xf32> {nn.param = "b"},
    %a_batched: tensor<2x1x3x3xf32> {nn.param = "a_batched"},
    %b_batched: tensor<3x3x4xf32> {nn.param = "b_batched"},
    %r: tensor<3x1xf32> {nn.input = "r"},
    %cot_single: tensor<3x2xf32> {nn.input = "cot_single"},
    %cot_batched: tensor<2x3x3x4xf32> {nn.input = "cot_batched"},
    %cot_input: tensor<3x1xf32> {nn.input = "cot_input"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %x0 = nn.solve %a, %b : tensor<3x3xf32>, tensor<3x2xf32>
  %prod0 = nn.mul %x0, %cot_single : tensor<3x2xf32>, tensor<3x2xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x2xf32>
  %x1 = nn.solve %a_batched, %b_batched
      : tensor<2x1x3x3xf32>, tensor<3x3x4xf32>
  %prod1 = nn.mul %x1, %cot_batched : tensor<2x3x3x4xf32>, tensor<2x3x3x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x3x3x4xf32>
  %x2 = nn.solve %a, %r : tensor<3x3xf32>, tensor<3x1xf32>
  %prod2 = nn.mul %x2, %cot_input : tensor<3x1xf32>, tensor<3x1xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<3x1xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
