// [rnn] A vanilla (Elman) RNN, torch.nn.RNN with tanh, 3 -> 8 hidden, run
// over a sequence of T = 128 steps (batch 2), then a linear head on the final
// state classifies the sequence into 4 classes:
//   h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
// The input projection of all steps is one matmul before the recurrence; the
// recurrence itself is one nn.scan, so the 128 steps stay a loop and @loss's
// gradient is backpropagation through time through all of them (the class
// depends on h_128 only). @forward returns every hidden state (`outputs`, as
// torch.nn.RNN's first result), the final one and the logits.
// The vanishing/exploding gradient-norm experiment on this cell is
// test/arch/rnn/gradient_norms.mlir (ctest arch/rnn/gradient-norms).
// Weights: rnn.safetensors (test/arch/rnn/make_golden.py).
func.func @forward(%x: tensor<128x2x3xf32> {nn.input = "x"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %w_ih: tensor<8x3xf32> {nn.param = "rnn.weight_ih_l0"},
    %w_hh: tensor<8x8xf32> {nn.param = "rnn.weight_hh_l0"},
    %b_ih: tensor<8xf32> {nn.param = "rnn.bias_ih_l0"},
    %b_hh: tensor<8xf32> {nn.param = "rnn.bias_hh_l0"},
    %w_head: tensor<4x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<4xf32> {nn.param = "head.bias"})
    -> (tensor<128x2x8xf32> {nn.output = "outputs"},
        tensor<2x8xf32> {nn.output = "h_n"},
        tensor<2x4xf32> {nn.output = "logits"}) {
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<8x3xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<8x8xf32>
  %b = nn.add %b_ih, %b_hh : tensor<8xf32>, tensor<8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<128x2x3xf32>, tensor<3x8xf32>
  %u = nn.add %xw, %b : tensor<128x2x8xf32>, tensor<8xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x8xf32>) over(%u : tensor<128x2x8xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<128x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %u_t: tensor<2x8xf32>):
    %r = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x8xf32>
    %z = nn.add %u_t, %r : tensor<2x8xf32>, tensor<2x8xf32>
    %h_next = nn.tanh %z : tensor<2x8xf32>
    nn.yield %h_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>
  }
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<4x8xf32>
  %hw = nn.matmul %h_n, %w_head_t : tensor<2x8xf32>, tensor<8x4xf32>
  %logits = nn.add %hw, %b_head : tensor<2x4xf32>, tensor<4xf32>
  return %hs, %h_n, %logits : tensor<128x2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>
}

// Sequence classification: the mean cross-entropy of the logits of the
// final state against labels y, plus 0.01 times the mean square of every
// hidden state (an activity penalty, so that every step's state gets a
// gradient of its own besides the one flowing back from h_128).
func.func @loss(%x: tensor<128x2x3xf32> {nn.input = "x"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %y: tensor<2xi64> {nn.input = "y"},
    %w_ih: tensor<8x3xf32> {nn.param = "rnn.weight_ih_l0"},
    %w_hh: tensor<8x8xf32> {nn.param = "rnn.weight_hh_l0"},
    %b_ih: tensor<8xf32> {nn.param = "rnn.bias_ih_l0"},
    %b_hh: tensor<8xf32> {nn.param = "rnn.bias_hh_l0"},
    %w_head: tensor<4x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<4xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<8x3xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<8x8xf32>
  %b = nn.add %b_ih, %b_hh : tensor<8xf32>, tensor<8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<128x2x3xf32>, tensor<3x8xf32>
  %u = nn.add %xw, %b : tensor<128x2x8xf32>, tensor<8xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x8xf32>) over(%u : tensor<128x2x8xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<128x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %u_t: tensor<2x8xf32>):
    %r = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x8xf32>
    %z = nn.add %u_t, %r : tensor<2x8xf32>, tensor<2x8xf32>
    %h_next = nn.tanh %z : tensor<2x8xf32>
    nn.yield %h_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>
  }
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<4x8xf32>
  %hw = nn.matmul %h_n, %w_head_t : tensor<2x8xf32>, tensor<8x4xf32>
  %logits = nn.add %hw, %b_head : tensor<2x4xf32>, tensor<4xf32>
  %ce = nn.cross_entropy %logits, %y : tensor<2x4xf32>, tensor<2xi64>
  %hs2 = nn.mul %hs, %hs : tensor<128x2x8xf32>, tensor<128x2x8xf32>
  %activity = nn.reduce_mean %hs2 [] : tensor<128x2x8xf32>
  %c = arith.constant dense<0.01> : tensor<f32>
  %penalty = nn.mul %activity, %c : tensor<f32>, tensor<f32>
  %l = nn.add %ce, %penalty : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
