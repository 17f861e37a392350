// [lstm] A long short-term memory network, torch.nn.LSTM 4 -> 8 hidden over
// 12 steps (batch 2), and a linear head on the final state (3 classes).
// The gate equations, in torch.nn.LSTM's gate order i, f, g, o (rows 0-7,
// 8-15, 16-23 and 24-31 of the stacked weights):
//   i_t = sigmoid(x_t W_ii^T + h_{t-1} W_hi^T + b_i)     input gate
//   f_t = sigmoid(x_t W_if^T + h_{t-1} W_hf^T + b_f)     forget gate
//   g_t = tanh   (x_t W_ig^T + h_{t-1} W_hg^T + b_g)     candidate
//   o_t = sigmoid(x_t W_io^T + h_{t-1} W_ho^T + b_o)     output gate
//   c_t = f_t * c_{t-1} + i_t * g_t                      the cell-state highway
//   h_t = o_t * tanh(c_t)
// One bias per gate: 4(nh + n^2 + n) = 416 cell parameters for h = 4 inputs
// and n = 8 hidden (ctest arch/lstm/parameter-count); torch.nn.LSTM's second
// bias (bias_hh) only adds to the first, so PyTorch runs it as 0.
// Batch-first like torch.nn.LSTM(batch_first=True): x is [batch, steps,
// features] (so the training executable batches x, h0, c0 and y along one
// first axis) and `outputs` [batch, steps, hidden]. The input projection of
// all steps is one matmul before the recurrence, transposed to time-major
// for the recurrence, one nn.scan carrying (h, c). @forward returns every
// hidden state (`outputs`, as torch.nn.LSTM's first result), h_n, c_n and
// the logits.
// Weights: lstm.safetensors (test/arch/lstm/make_golden.py).
func.func @forward(%x: tensor<2x12x4xf32> {nn.input = "x"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %c0: tensor<2x8xf32> {nn.input = "c0"},
    %w_ih: tensor<32x4xf32> {nn.param = "lstm.weight_ih_l0"},
    %w_hh: tensor<32x8xf32> {nn.param = "lstm.weight_hh_l0"},
    %b: tensor<32xf32> {nn.param = "lstm.bias_l0"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<2x12x8xf32> {nn.output = "outputs"},
        tensor<2x8xf32> {nn.output = "h_n"},
        tensor<2x8xf32> {nn.output = "c_n"},
        tensor<2x3xf32> {nn.output = "logits"}) {
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<32x4xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<32x8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<2x12x4xf32>, tensor<4x32xf32>
  %u_batch = nn.add %xw, %b : tensor<2x12x32xf32>, tensor<32xf32>
  %u = nn.transpose %u_batch [1, 0, 2] : tensor<2x12x32xf32>
  %h_n, %c_n, %hs = nn.scan init(%h0, %c0 : tensor<2x8xf32>, tensor<2x8xf32>)
      over(%u : tensor<12x2x32xf32>)
      finals(tensor<2x8xf32>, tensor<2x8xf32>) outputs(tensor<12x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %c: tensor<2x8xf32>, %u_t: tensor<2x32xf32>):
    %r = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x32xf32>
    %z = nn.add %u_t, %r : tensor<2x32xf32>, tensor<2x32xf32>
    %z_i = nn.slice %z [0, 0] to [2, 8] : tensor<2x32xf32>
    %z_f = nn.slice %z [0, 8] to [2, 16] : tensor<2x32xf32>
    %z_g = nn.slice %z [0, 16] to [2, 24] : tensor<2x32xf32>
    %z_o = nn.slice %z [0, 24] to [2, 32] : tensor<2x32xf32>
    %i = nn.sigmoid %z_i : tensor<2x8xf32>
    %f = nn.sigmoid %z_f : tensor<2x8xf32>
    %g = nn.tanh %z_g : tensor<2x8xf32>
    %o = nn.sigmoid %z_o : tensor<2x8xf32>
    %kept = nn.mul %f, %c : tensor<2x8xf32>, tensor<2x8xf32>
    %written = nn.mul %i, %g : tensor<2x8xf32>, tensor<2x8xf32>
    %c_next = nn.add %kept, %written : tensor<2x8xf32>, tensor<2x8xf32>
    %c_squashed = nn.tanh %c_next : tensor<2x8xf32>
    %h_next = nn.mul %o, %c_squashed : tensor<2x8xf32>, tensor<2x8xf32>
    nn.yield %h_next, %c_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
  }
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<3x8xf32>
  %hw = nn.matmul %h_n, %w_head_t : tensor<2x8xf32>, tensor<8x3xf32>
  %logits = nn.add %hw, %b_head : tensor<2x3xf32>, tensor<3xf32>
  %outputs = nn.transpose %hs [1, 0, 2] : tensor<12x2x8xf32>
  return %outputs, %h_n, %c_n, %logits
      : tensor<2x12x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x3xf32>
}

// Sequence classification: the mean cross-entropy of the logits of the
// final state against labels y, plus 0.01 times the mean square of every
// hidden state (so every step's state gets a gradient of its own).
func.func @loss(%x: tensor<2x12x4xf32> {nn.input = "x"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %c0: tensor<2x8xf32> {nn.input = "c0"},
    %y: tensor<2xi64> {nn.input = "y"},
    %w_ih: tensor<32x4xf32> {nn.param = "lstm.weight_ih_l0"},
    %w_hh: tensor<32x8xf32> {nn.param = "lstm.weight_hh_l0"},
    %b: tensor<32xf32> {nn.param = "lstm.bias_l0"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<32x4xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<32x8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<2x12x4xf32>, tensor<4x32xf32>
  %u_batch = nn.add %xw, %b : tensor<2x12x32xf32>, tensor<32xf32>
  %u = nn.transpose %u_batch [1, 0, 2] : tensor<2x12x32xf32>
  %h_n, %c_n, %hs = nn.scan init(%h0, %c0 : tensor<2x8xf32>, tensor<2x8xf32>)
      over(%u : tensor<12x2x32xf32>)
      finals(tensor<2x8xf32>, tensor<2x8xf32>) outputs(tensor<12x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %c: tensor<2x8xf32>, %u_t: tensor<2x32xf32>):
    %r = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x32xf32>
    %z = nn.add %u_t, %r : tensor<2x32xf32>, tensor<2x32xf32>
    %z_i = nn.slice %z [0, 0] to [2, 8] : tensor<2x32xf32>
    %z_f = nn.slice %z [0, 8] to [2, 16] : tensor<2x32xf32>
    %z_g = nn.slice %z [0, 16] to [2, 24] : tensor<2x32xf32>
    %z_o = nn.slice %z [0, 24] to [2, 32] : tensor<2x32xf32>
    %i = nn.sigmoid %z_i : tensor<2x8xf32>
    %f = nn.sigmoid %z_f : tensor<2x8xf32>
    %g = nn.tanh %z_g : tensor<2x8xf32>
    %o = nn.sigmoid %z_o : tensor<2x8xf32>
    %kept = nn.mul %f, %c : tensor<2x8xf32>, tensor<2x8xf32>
    %written = nn.mul %i, %g : tensor<2x8xf32>, tensor<2x8xf32>
    %c_next = nn.add %kept, %written : tensor<2x8xf32>, tensor<2x8xf32>
    %c_squashed = nn.tanh %c_next : tensor<2x8xf32>
    %h_next = nn.mul %o, %c_squashed : tensor<2x8xf32>, tensor<2x8xf32>
    nn.yield %h_next, %c_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
  }
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<3x8xf32>
  %hw = nn.matmul %h_n, %w_head_t : tensor<2x8xf32>, tensor<8x3xf32>
  %logits = nn.add %hw, %b_head : tensor<2x3xf32>, tensor<3xf32>
  %ce = nn.cross_entropy %logits, %y : tensor<2x3xf32>, tensor<2xi64>
  %hs2 = nn.mul %hs, %hs : tensor<12x2x8xf32>, tensor<12x2x8xf32>
  %activity = nn.reduce_mean %hs2 [] : tensor<12x2x8xf32>
  %weight = arith.constant dense<0.01> : tensor<f32>
  %penalty = nn.mul %activity, %weight : tensor<f32>, tensor<f32>
  %l = nn.add %ce, %penalty : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
