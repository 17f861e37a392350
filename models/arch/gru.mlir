// [gru] A gated recurrent unit network, torch.nn.GRU 4 -> 8 hidden over 12
// steps (batch 2), and a linear head on the final state (3 classes). The
// gate equations, in torch.nn.GRU's gate order r, z, n (rows 0-7, 8-15 and
// 16-23 of the stacked weights):
//   r_t = sigmoid(x_t W_ir^T + b_r + h_{t-1} W_hr^T)        reset gate
//   z_t = sigmoid(x_t W_iz^T + b_z + h_{t-1} W_hz^T)        update gate
//   n_t = tanh   (x_t W_in^T + b_n + r_t * (h_{t-1} W_hn^T)) candidate
//   h_t = (1 - z_t) * n_t + z_t * h_{t-1}  = n_t + z_t * (h_{t-1} - n_t)
// One bias per gate: 3(nh + n^2 + n) = 312 cell parameters for h = 4 inputs
// and n = 8 hidden, 25% fewer than the LSTM of models/arch/lstm.mlir of the
// same sizes (ctest arch/gru/parameter-count); PyTorch runs torch.nn.GRU
// with this bias as bias_ih and its second bias (bias_hh) 0.
// The input projection of all steps is one matmul before the recurrence, the
// recurrence one nn.scan. @forward returns every hidden state (`outputs`, as
// torch.nn.GRU's first result), h_n and the logits.
// Weights: gru.safetensors (test/arch/gru/make_golden.py).
func.func @forward(%x: tensor<12x2x4xf32> {nn.input = "x"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %w_ih: tensor<24x4xf32> {nn.param = "gru.weight_ih_l0"},
    %w_hh: tensor<24x8xf32> {nn.param = "gru.weight_hh_l0"},
    %b: tensor<24xf32> {nn.param = "gru.bias_l0"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<12x2x8xf32> {nn.output = "outputs"},
        tensor<2x8xf32> {nn.output = "h_n"},
        tensor<2x3xf32> {nn.output = "logits"}) {
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<24x4xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<24x8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<12x2x4xf32>, tensor<4x24xf32>
  %u = nn.add %xw, %b : tensor<12x2x24xf32>, tensor<24xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x8xf32>) over(%u : tensor<12x2x24xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<12x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %u_t: tensor<2x24xf32>):
    %v = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x24xf32>
    %u_r = nn.slice %u_t [0, 0] to [2, 8] : tensor<2x24xf32>
    %u_z = nn.slice %u_t [0, 8] to [2, 16] : tensor<2x24xf32>
    %u_n = nn.slice %u_t [0, 16] to [2, 24] : tensor<2x24xf32>
    %v_r = nn.slice %v [0, 0] to [2, 8] : tensor<2x24xf32>
    %v_z = nn.slice %v [0, 8] to [2, 16] : tensor<2x24xf32>
    %v_n = nn.slice %v [0, 16] to [2, 24] : tensor<2x24xf32>
    %s_r = nn.add %u_r, %v_r : tensor<2x8xf32>, tensor<2x8xf32>
    %r = nn.sigmoid %s_r : tensor<2x8xf32>
    %s_z = nn.add %u_z, %v_z : tensor<2x8xf32>, tensor<2x8xf32>
    %z = nn.sigmoid %s_z : tensor<2x8xf32>
    %reset = nn.mul %r, %v_n : tensor<2x8xf32>, tensor<2x8xf32>
    %s_n = nn.add %u_n, %reset : tensor<2x8xf32>, tensor<2x8xf32>
    %n = nn.tanh %s_n : tensor<2x8xf32>
    %d = nn.sub %h, %n : tensor<2x8xf32>, tensor<2x8xf32>
    %zd = nn.mul %z, %d : tensor<2x8xf32>, tensor<2x8xf32>
    %h_next = nn.add %n, %zd : tensor<2x8xf32>, tensor<2x8xf32>
    nn.yield %h_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>
  }
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<3x8xf32>
  %hw = nn.matmul %h_n, %w_head_t : tensor<2x8xf32>, tensor<8x3xf32>
  %logits = nn.add %hw, %b_head : tensor<2x3xf32>, tensor<3xf32>
  return %hs, %h_n, %logits : tensor<12x2x8xf32>, tensor<2x8xf32>, tensor<2x3xf32>
}

// Sequence classification: the mean cross-entropy of the logits of the
// final state against labels y, plus 0.01 times the mean square of every
// hidden state (so every step's state gets a gradient of its own).
func.func @loss(%x: tensor<12x2x4xf32> {nn.input = "x"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %y: tensor<2xi64> {nn.input = "y"},
    %w_ih: tensor<24x4xf32> {nn.param = "gru.weight_ih_l0"},
    %w_hh: tensor<24x8xf32> {nn.param = "gru.weight_hh_l0"},
    %b: tensor<24xf32> {nn.param = "gru.bias_l0"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<24x4xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<24x8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<12x2x4xf32>, tensor<4x24xf32>
  %u = nn.add %xw, %b : tensor<12x2x24xf32>, tensor<24xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x8xf32>) over(%u : tensor<12x2x24xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<12x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %u_t: tensor<2x24xf32>):
    %v = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x24xf32>
    %u_r = nn.slice %u_t [0, 0] to [2, 8] : tensor<2x24xf32>
    %u_z = nn.slice %u_t [0, 8] to [2, 16] : tensor<2x24xf32>
    %u_n = nn.slice %u_t [0, 16] to [2, 24] : tensor<2x24xf32>
    %v_r = nn.slice %v [0, 0] to [2, 8] : tensor<2x24xf32>
    %v_z = nn.slice %v [0, 8] to [2, 16] : tensor<2x24xf32>
    %v_n = nn.slice %v [0, 16] to [2, 24] : tensor<2x24xf32>
    %s_r = nn.add %u_r, %v_r : tensor<2x8xf32>, tensor<2x8xf32>
    %r = nn.sigmoid %s_r : tensor<2x8xf32>
    %s_z = nn.add %u_z, %v_z : tensor<2x8xf32>, tensor<2x8xf32>
    %z = nn.sigmoid %s_z : tensor<2x8xf32>
    %reset = nn.mul %r, %v_n : tensor<2x8xf32>, tensor<2x8xf32>
    %s_n = nn.add %u_n, %reset : tensor<2x8xf32>, tensor<2x8xf32>
    %n = nn.tanh %s_n : tensor<2x8xf32>
    %d = nn.sub %h, %n : tensor<2x8xf32>, tensor<2x8xf32>
    %zd = nn.mul %z, %d : tensor<2x8xf32>, tensor<2x8xf32>
    %h_next = nn.add %n, %zd : tensor<2x8xf32>, tensor<2x8xf32>
    nn.yield %h_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>
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
