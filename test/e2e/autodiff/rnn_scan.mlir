// An Elman RNN as nn.scan over 6 steps: the inputs pass through a trained
// projection first (so the scanned sequence itself needs a gradient), the
// loss weighs every step's output and the final state.
func.func @loss(%wp: tensor<3x4xf32> {nn.param = "proj"},
                %wx: tensor<4x5xf32> {nn.param = "wx"},
                %wh: tensor<5x5xf32> {nn.param = "wh"},
                %b: tensor<5xf32> {nn.param = "b"},
                %h0: tensor<2x5xf32> {nn.param = "h0"},
                %xs: tensor<6x2x3xf32> {nn.input = "xs"},
                %c: tensor<6x2x5xf32> {nn.input = "c"}) -> (tensor<f32> {nn.output = "loss"}) {
  %p = nn.matmul %xs, %wp : tensor<6x2x3xf32>, tensor<3x4xf32>
  %h, %ys = nn.scan init(%h0 : tensor<2x5xf32>) over(%p : tensor<6x2x4xf32>) finals(tensor<2x5xf32>) outputs(tensor<6x2x5xf32>) {
  ^bb0(%hp: tensor<2x5xf32>, %x: tensor<2x4xf32>):
    %i = nn.matmul %x, %wx : tensor<2x4xf32>, tensor<4x5xf32>
    %r = nn.matmul %hp, %wh : tensor<2x5xf32>, tensor<5x5xf32>
    %s = nn.add %i, %r : tensor<2x5xf32>, tensor<2x5xf32>
    %z = nn.add %s, %b : tensor<2x5xf32>, tensor<5xf32>
    %n = nn.tanh %z : tensor<2x5xf32>
    nn.yield %n, %n : tensor<2x5xf32>, tensor<2x5xf32>
  }
  %w = nn.mul %ys, %c : tensor<6x2x5xf32>, tensor<6x2x5xf32>
  %s1 = nn.reduce_sum %w [] : tensor<6x2x5xf32>
  %hh = nn.mul %h, %h : tensor<2x5xf32>, tensor<2x5xf32>
  %s2 = nn.reduce_sum %hh [] : tensor<2x5xf32>
  %l = nn.add %s1, %s2 : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
