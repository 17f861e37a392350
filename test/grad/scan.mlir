// Gradient through nn.scan: a gated recurrence over 5 steps of a sequence
// that is itself a param, with a param initial state and a weight captured
// by the body; every step's output and the final state enter the loss.
// Golden data: make_golden.py (test "scan").
func.func @loss(
    %h0: tensor<2x3xf32> {nn.param = "h0"},
    %xs: tensor<5x2x3xf32> {nn.param = "xs"},
    %w: tensor<3x3xf32> {nn.param = "w"},
    %cot_ys: tensor<5x2x3xf32> {nn.input = "cot_ys"},
    %cot_h: tensor<2x3xf32> {nn.input = "cot_h"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %h, %ys = nn.scan init(%h0 : tensor<2x3xf32>) over(%xs : tensor<5x2x3xf32>) finals(tensor<2x3xf32>) outputs(tensor<5x2x3xf32>) {
  ^bb0(%hp: tensor<2x3xf32>, %x: tensor<2x3xf32>):
    %m = nn.matmul %hp, %w : tensor<2x3xf32>, tensor<3x3xf32>
    %s = nn.add %m, %x : tensor<2x3xf32>, tensor<2x3xf32>
    %g = nn.sigmoid %s : tensor<2x3xf32>
    %c = nn.tanh %s : tensor<2x3xf32>
    %n = nn.mul %g, %c : tensor<2x3xf32>, tensor<2x3xf32>
    %y = nn.mul %n, %x : tensor<2x3xf32>, tensor<2x3xf32>
    nn.yield %n, %y : tensor<2x3xf32>, tensor<2x3xf32>
  }
  %p1 = nn.mul %ys, %cot_ys : tensor<5x2x3xf32>, tensor<5x2x3xf32>
  %t1 = nn.reduce_sum %p1 [] : tensor<5x2x3xf32>
  %p2 = nn.mul %h, %cot_h : tensor<2x3xf32>, tensor<2x3xf32>
  %t2 = nn.reduce_sum %p2 [] : tensor<2x3xf32>
  %l = nn.add %t1, %t2 : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
