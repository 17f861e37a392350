// [birnn] Bidirectional recurrent networks over 6 steps (batch 2, 3 inputs,
// 4 hidden per direction): torch.nn.RNN(bidirectional=True) (tanh) and
// torch.nn.LSTM(bidirectional=True) (gate order i, f, g, o), and a sequence
// tagger on both. Each direction is its own nn.scan with its own weights
// (torch's *_reverse for the backward one): the forward scan reads
// x_1 .. x_T, the backward scan reads x_T .. x_1 (the sequence reversed by
// slices and a concat) and its states are reversed back, so that step t's
// output is the concatenation [h_fwd_t, h_bwd_t] of the forward state after
// x_1 .. x_t and the backward state after x_T .. x_t (`rnn_outputs`,
// `lstm_outputs`: [T, B, 2 * 4], as torch's first result); h_n (and c_n) stack
// the final states of both directions ([2, B, 4]: forward, backward); every
// initial state is 0 (torch's default). The
// tagger maps the concatenation of both networks' outputs at every step to
// 3 tag logits (`tags`); @loss is their mean cross-entropy against labels y
// (time-major: y[t * 2 + b]).
// Weights: birnn.safetensors (test/arch/birnn/make_golden.py).
func.func @forward(%x: tensor<6x2x3xf32> {nn.input = "x"},
    %rnn_w_ih: tensor<4x3xf32> {nn.param = "rnn.weight_ih_l0"},
    %rnn_w_hh: tensor<4x4xf32> {nn.param = "rnn.weight_hh_l0"},
    %rnn_b_ih: tensor<4xf32> {nn.param = "rnn.bias_ih_l0"},
    %rnn_b_hh: tensor<4xf32> {nn.param = "rnn.bias_hh_l0"},
    %rnn_r_w_ih: tensor<4x3xf32> {nn.param = "rnn.weight_ih_l0_reverse"},
    %rnn_r_w_hh: tensor<4x4xf32> {nn.param = "rnn.weight_hh_l0_reverse"},
    %rnn_r_b_ih: tensor<4xf32> {nn.param = "rnn.bias_ih_l0_reverse"},
    %rnn_r_b_hh: tensor<4xf32> {nn.param = "rnn.bias_hh_l0_reverse"},
    %lstm_w_ih: tensor<16x3xf32> {nn.param = "lstm.weight_ih_l0"},
    %lstm_w_hh: tensor<16x4xf32> {nn.param = "lstm.weight_hh_l0"},
    %lstm_b_ih: tensor<16xf32> {nn.param = "lstm.bias_ih_l0"},
    %lstm_b_hh: tensor<16xf32> {nn.param = "lstm.bias_hh_l0"},
    %lstm_r_w_ih: tensor<16x3xf32> {nn.param = "lstm.weight_ih_l0_reverse"},
    %lstm_r_w_hh: tensor<16x4xf32> {nn.param = "lstm.weight_hh_l0_reverse"},
    %lstm_r_b_ih: tensor<16xf32> {nn.param = "lstm.bias_ih_l0_reverse"},
    %lstm_r_b_hh: tensor<16xf32> {nn.param = "lstm.bias_hh_l0_reverse"},
    %w_head: tensor<3x16xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<6x2x8xf32> {nn.output = "rnn_outputs"},
        tensor<2x2x4xf32> {nn.output = "rnn_h_n"},
        tensor<6x2x8xf32> {nn.output = "lstm_outputs"},
        tensor<2x2x4xf32> {nn.output = "lstm_h_n"},
        tensor<2x2x4xf32> {nn.output = "lstm_c_n"},
        tensor<6x2x3xf32> {nn.output = "tags"}) {
  %zeros = arith.constant dense<0.0> : tensor<2x4xf32>
  %x_0 = nn.slice %x [0, 0, 0] to [1, 2, 3] : tensor<6x2x3xf32>
  %x_1 = nn.slice %x [1, 0, 0] to [2, 2, 3] : tensor<6x2x3xf32>
  %x_2 = nn.slice %x [2, 0, 0] to [3, 2, 3] : tensor<6x2x3xf32>
  %x_3 = nn.slice %x [3, 0, 0] to [4, 2, 3] : tensor<6x2x3xf32>
  %x_4 = nn.slice %x [4, 0, 0] to [5, 2, 3] : tensor<6x2x3xf32>
  %x_5 = nn.slice %x [5, 0, 0] to [6, 2, 3] : tensor<6x2x3xf32>
  %x_rev = nn.concat %x_5, %x_4, %x_3, %x_2, %x_1, %x_0 axis 0 : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>
  %rnn_w_ih_t = nn.transpose %rnn_w_ih [1, 0] : tensor<4x3xf32>
  %rnn_w_hh_t = nn.transpose %rnn_w_hh [1, 0] : tensor<4x4xf32>
  %rnn_b = nn.add %rnn_b_ih, %rnn_b_hh : tensor<4xf32>, tensor<4xf32>
  %rnn_xw = nn.matmul %x, %rnn_w_ih_t : tensor<6x2x3xf32>, tensor<3x4xf32>
  %rnn_u = nn.add %rnn_xw, %rnn_b : tensor<6x2x4xf32>, tensor<4xf32>
  %rnn_h_n, %rnn_hs = nn.scan init(%zeros : tensor<2x4xf32>) over(%rnn_u : tensor<6x2x4xf32>)
      finals(tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %u_t: tensor<2x4xf32>):
    %r = nn.matmul %h, %rnn_w_hh_t : tensor<2x4xf32>, tensor<4x4xf32>
    %z = nn.add %u_t, %r : tensor<2x4xf32>, tensor<2x4xf32>
    %h_next = nn.tanh %z : tensor<2x4xf32>
    nn.yield %h_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>
  }
  %rnn_r_w_ih_t = nn.transpose %rnn_r_w_ih [1, 0] : tensor<4x3xf32>
  %rnn_r_w_hh_t = nn.transpose %rnn_r_w_hh [1, 0] : tensor<4x4xf32>
  %rnn_r_b = nn.add %rnn_r_b_ih, %rnn_r_b_hh : tensor<4xf32>, tensor<4xf32>
  %rnn_r_xw = nn.matmul %x_rev, %rnn_r_w_ih_t : tensor<6x2x3xf32>, tensor<3x4xf32>
  %rnn_r_u = nn.add %rnn_r_xw, %rnn_r_b : tensor<6x2x4xf32>, tensor<4xf32>
  %rnn_r_h_n, %rnn_r_hs = nn.scan init(%zeros : tensor<2x4xf32>) over(%rnn_r_u : tensor<6x2x4xf32>)
      finals(tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %u_t: tensor<2x4xf32>):
    %r = nn.matmul %h, %rnn_r_w_hh_t : tensor<2x4xf32>, tensor<4x4xf32>
    %z = nn.add %u_t, %r : tensor<2x4xf32>, tensor<2x4xf32>
    %h_next = nn.tanh %z : tensor<2x4xf32>
    nn.yield %h_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>
  }
  %rnn_r_hs_0 = nn.slice %rnn_r_hs [0, 0, 0] to [1, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_1 = nn.slice %rnn_r_hs [1, 0, 0] to [2, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_2 = nn.slice %rnn_r_hs [2, 0, 0] to [3, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_3 = nn.slice %rnn_r_hs [3, 0, 0] to [4, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_4 = nn.slice %rnn_r_hs [4, 0, 0] to [5, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_5 = nn.slice %rnn_r_hs [5, 0, 0] to [6, 2, 4] : tensor<6x2x4xf32>
  %rnn_bwd = nn.concat %rnn_r_hs_5, %rnn_r_hs_4, %rnn_r_hs_3, %rnn_r_hs_2, %rnn_r_hs_1, %rnn_r_hs_0 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %rnn_outputs = nn.concat %rnn_hs, %rnn_bwd axis 2 : tensor<6x2x4xf32>, tensor<6x2x4xf32>
  %rnn_h_n_1 = nn.reshape %rnn_h_n [1, 2, 4] : tensor<2x4xf32>
  %rnn_r_h_n_1 = nn.reshape %rnn_r_h_n [1, 2, 4] : tensor<2x4xf32>
  %rnn_h_n_both = nn.concat %rnn_h_n_1, %rnn_r_h_n_1 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %lstm_w_ih_t = nn.transpose %lstm_w_ih [1, 0] : tensor<16x3xf32>
  %lstm_w_hh_t = nn.transpose %lstm_w_hh [1, 0] : tensor<16x4xf32>
  %lstm_b = nn.add %lstm_b_ih, %lstm_b_hh : tensor<16xf32>, tensor<16xf32>
  %lstm_xw = nn.matmul %x, %lstm_w_ih_t : tensor<6x2x3xf32>, tensor<3x16xf32>
  %lstm_u = nn.add %lstm_xw, %lstm_b : tensor<6x2x16xf32>, tensor<16xf32>
  %lstm_h_n, %lstm_c_n, %lstm_hs = nn.scan init(%zeros, %zeros : tensor<2x4xf32>, tensor<2x4xf32>)
      over(%lstm_u : tensor<6x2x16xf32>)
      finals(tensor<2x4xf32>, tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %c: tensor<2x4xf32>, %u_t: tensor<2x16xf32>):
    %r = nn.matmul %h, %lstm_w_hh_t : tensor<2x4xf32>, tensor<4x16xf32>
    %z = nn.add %u_t, %r : tensor<2x16xf32>, tensor<2x16xf32>
    %z_i = nn.slice %z [0, 0] to [2, 4] : tensor<2x16xf32>
    %z_f = nn.slice %z [0, 4] to [2, 8] : tensor<2x16xf32>
    %z_g = nn.slice %z [0, 8] to [2, 12] : tensor<2x16xf32>
    %z_o = nn.slice %z [0, 12] to [2, 16] : tensor<2x16xf32>
    %i = nn.sigmoid %z_i : tensor<2x4xf32>
    %f = nn.sigmoid %z_f : tensor<2x4xf32>
    %g = nn.tanh %z_g : tensor<2x4xf32>
    %o = nn.sigmoid %z_o : tensor<2x4xf32>
    %kept = nn.mul %f, %c : tensor<2x4xf32>, tensor<2x4xf32>
    %written = nn.mul %i, %g : tensor<2x4xf32>, tensor<2x4xf32>
    %c_next = nn.add %kept, %written : tensor<2x4xf32>, tensor<2x4xf32>
    %c_squashed = nn.tanh %c_next : tensor<2x4xf32>
    %h_next = nn.mul %o, %c_squashed : tensor<2x4xf32>, tensor<2x4xf32>
    nn.yield %h_next, %c_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
  }
  %lstm_r_w_ih_t = nn.transpose %lstm_r_w_ih [1, 0] : tensor<16x3xf32>
  %lstm_r_w_hh_t = nn.transpose %lstm_r_w_hh [1, 0] : tensor<16x4xf32>
  %lstm_r_b = nn.add %lstm_r_b_ih, %lstm_r_b_hh : tensor<16xf32>, tensor<16xf32>
  %lstm_r_xw = nn.matmul %x_rev, %lstm_r_w_ih_t : tensor<6x2x3xf32>, tensor<3x16xf32>
  %lstm_r_u = nn.add %lstm_r_xw, %lstm_r_b : tensor<6x2x16xf32>, tensor<16xf32>
  %lstm_r_h_n, %lstm_r_c_n, %lstm_r_hs = nn.scan init(%zeros, %zeros : tensor<2x4xf32>, tensor<2x4xf32>)
      over(%lstm_r_u : tensor<6x2x16xf32>)
      finals(tensor<2x4xf32>, tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %c: tensor<2x4xf32>, %u_t: tensor<2x16xf32>):
    %r = nn.matmul %h, %lstm_r_w_hh_t : tensor<2x4xf32>, tensor<4x16xf32>
    %z = nn.add %u_t, %r : tensor<2x16xf32>, tensor<2x16xf32>
    %z_i = nn.slice %z [0, 0] to [2, 4] : tensor<2x16xf32>
    %z_f = nn.slice %z [0, 4] to [2, 8] : tensor<2x16xf32>
    %z_g = nn.slice %z [0, 8] to [2, 12] : tensor<2x16xf32>
    %z_o = nn.slice %z [0, 12] to [2, 16] : tensor<2x16xf32>
    %i = nn.sigmoid %z_i : tensor<2x4xf32>
    %f = nn.sigmoid %z_f : tensor<2x4xf32>
    %g = nn.tanh %z_g : tensor<2x4xf32>
    %o = nn.sigmoid %z_o : tensor<2x4xf32>
    %kept = nn.mul %f, %c : tensor<2x4xf32>, tensor<2x4xf32>
    %written = nn.mul %i, %g : tensor<2x4xf32>, tensor<2x4xf32>
    %c_next = nn.add %kept, %written : tensor<2x4xf32>, tensor<2x4xf32>
    %c_squashed = nn.tanh %c_next : tensor<2x4xf32>
    %h_next = nn.mul %o, %c_squashed : tensor<2x4xf32>, tensor<2x4xf32>
    nn.yield %h_next, %c_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
  }
  %lstm_r_hs_0 = nn.slice %lstm_r_hs [0, 0, 0] to [1, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_1 = nn.slice %lstm_r_hs [1, 0, 0] to [2, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_2 = nn.slice %lstm_r_hs [2, 0, 0] to [3, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_3 = nn.slice %lstm_r_hs [3, 0, 0] to [4, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_4 = nn.slice %lstm_r_hs [4, 0, 0] to [5, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_5 = nn.slice %lstm_r_hs [5, 0, 0] to [6, 2, 4] : tensor<6x2x4xf32>
  %lstm_bwd = nn.concat %lstm_r_hs_5, %lstm_r_hs_4, %lstm_r_hs_3, %lstm_r_hs_2, %lstm_r_hs_1, %lstm_r_hs_0 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %lstm_outputs = nn.concat %lstm_hs, %lstm_bwd axis 2 : tensor<6x2x4xf32>, tensor<6x2x4xf32>
  %lstm_h_n_1 = nn.reshape %lstm_h_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_r_h_n_1 = nn.reshape %lstm_r_h_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_h_n_both = nn.concat %lstm_h_n_1, %lstm_r_h_n_1 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %lstm_c_n_1 = nn.reshape %lstm_c_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_r_c_n_1 = nn.reshape %lstm_r_c_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_c_n_both = nn.concat %lstm_c_n_1, %lstm_r_c_n_1 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %both = nn.concat %rnn_outputs, %lstm_outputs axis 2 : tensor<6x2x8xf32>, tensor<6x2x8xf32>
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<3x16xf32>
  %tw = nn.matmul %both, %w_head_t : tensor<6x2x16xf32>, tensor<16x3xf32>
  %tags = nn.add %tw, %b_head : tensor<6x2x3xf32>, tensor<3xf32>
  return %rnn_outputs, %rnn_h_n_both, %lstm_outputs, %lstm_h_n_both, %lstm_c_n_both, %tags
      : tensor<6x2x8xf32>, tensor<2x2x4xf32>, tensor<6x2x8xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<6x2x3xf32>
}

// Sequence tagging: the mean cross-entropy of every step's tag logits
// against labels y ([T * B], time-major).
func.func @loss(%x: tensor<6x2x3xf32> {nn.input = "x"},
    %y: tensor<12xi64> {nn.input = "y"},
    %rnn_w_ih: tensor<4x3xf32> {nn.param = "rnn.weight_ih_l0"},
    %rnn_w_hh: tensor<4x4xf32> {nn.param = "rnn.weight_hh_l0"},
    %rnn_b_ih: tensor<4xf32> {nn.param = "rnn.bias_ih_l0"},
    %rnn_b_hh: tensor<4xf32> {nn.param = "rnn.bias_hh_l0"},
    %rnn_r_w_ih: tensor<4x3xf32> {nn.param = "rnn.weight_ih_l0_reverse"},
    %rnn_r_w_hh: tensor<4x4xf32> {nn.param = "rnn.weight_hh_l0_reverse"},
    %rnn_r_b_ih: tensor<4xf32> {nn.param = "rnn.bias_ih_l0_reverse"},
    %rnn_r_b_hh: tensor<4xf32> {nn.param = "rnn.bias_hh_l0_reverse"},
    %lstm_w_ih: tensor<16x3xf32> {nn.param = "lstm.weight_ih_l0"},
    %lstm_w_hh: tensor<16x4xf32> {nn.param = "lstm.weight_hh_l0"},
    %lstm_b_ih: tensor<16xf32> {nn.param = "lstm.bias_ih_l0"},
    %lstm_b_hh: tensor<16xf32> {nn.param = "lstm.bias_hh_l0"},
    %lstm_r_w_ih: tensor<16x3xf32> {nn.param = "lstm.weight_ih_l0_reverse"},
    %lstm_r_w_hh: tensor<16x4xf32> {nn.param = "lstm.weight_hh_l0_reverse"},
    %lstm_r_b_ih: tensor<16xf32> {nn.param = "lstm.bias_ih_l0_reverse"},
    %lstm_r_b_hh: tensor<16xf32> {nn.param = "lstm.bias_hh_l0_reverse"},
    %w_head: tensor<3x16xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %zeros = arith.constant dense<0.0> : tensor<2x4xf32>
  %x_0 = nn.slice %x [0, 0, 0] to [1, 2, 3] : tensor<6x2x3xf32>
  %x_1 = nn.slice %x [1, 0, 0] to [2, 2, 3] : tensor<6x2x3xf32>
  %x_2 = nn.slice %x [2, 0, 0] to [3, 2, 3] : tensor<6x2x3xf32>
  %x_3 = nn.slice %x [3, 0, 0] to [4, 2, 3] : tensor<6x2x3xf32>
  %x_4 = nn.slice %x [4, 0, 0] to [5, 2, 3] : tensor<6x2x3xf32>
  %x_5 = nn.slice %x [5, 0, 0] to [6, 2, 3] : tensor<6x2x3xf32>
  %x_rev = nn.concat %x_5, %x_4, %x_3, %x_2, %x_1, %x_0 axis 0 : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>
  %rnn_w_ih_t = nn.transpose %rnn_w_ih [1, 0] : tensor<4x3xf32>
  %rnn_w_hh_t = nn.transpose %rnn_w_hh [1, 0] : tensor<4x4xf32>
  %rnn_b = nn.add %rnn_b_ih, %rnn_b_hh : tensor<4xf32>, tensor<4xf32>
  %rnn_xw = nn.matmul %x, %rnn_w_ih_t : tensor<6x2x3xf32>, tensor<3x4xf32>
  %rnn_u = nn.add %rnn_xw, %rnn_b : tensor<6x2x4xf32>, tensor<4xf32>
  %rnn_h_n, %rnn_hs = nn.scan init(%zeros : tensor<2x4xf32>) over(%rnn_u : tensor<6x2x4xf32>)
      finals(tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %u_t: tensor<2x4xf32>):
    %r = nn.matmul %h, %rnn_w_hh_t : tensor<2x4xf32>, tensor<4x4xf32>
    %z = nn.add %u_t, %r : tensor<2x4xf32>, tensor<2x4xf32>
    %h_next = nn.tanh %z : tensor<2x4xf32>
    nn.yield %h_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>
  }
  %rnn_r_w_ih_t = nn.transpose %rnn_r_w_ih [1, 0] : tensor<4x3xf32>
  %rnn_r_w_hh_t = nn.transpose %rnn_r_w_hh [1, 0] : tensor<4x4xf32>
  %rnn_r_b = nn.add %rnn_r_b_ih, %rnn_r_b_hh : tensor<4xf32>, tensor<4xf32>
  %rnn_r_xw = nn.matmul %x_rev, %rnn_r_w_ih_t : tensor<6x2x3xf32>, tensor<3x4xf32>
  %rnn_r_u = nn.add %rnn_r_xw, %rnn_r_b : tensor<6x2x4xf32>, tensor<4xf32>
  %rnn_r_h_n, %rnn_r_hs = nn.scan init(%zeros : tensor<2x4xf32>) over(%rnn_r_u : tensor<6x2x4xf32>)
      finals(tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %u_t: tensor<2x4xf32>):
    %r = nn.matmul %h, %rnn_r_w_hh_t : tensor<2x4xf32>, tensor<4x4xf32>
    %z = nn.add %u_t, %r : tensor<2x4xf32>, tensor<2x4xf32>
    %h_next = nn.tanh %z : tensor<2x4xf32>
    nn.yield %h_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>
  }
  %rnn_r_hs_0 = nn.slice %rnn_r_hs [0, 0, 0] to [1, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_1 = nn.slice %rnn_r_hs [1, 0, 0] to [2, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_2 = nn.slice %rnn_r_hs [2, 0, 0] to [3, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_3 = nn.slice %rnn_r_hs [3, 0, 0] to [4, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_4 = nn.slice %rnn_r_hs [4, 0, 0] to [5, 2, 4] : tensor<6x2x4xf32>
  %rnn_r_hs_5 = nn.slice %rnn_r_hs [5, 0, 0] to [6, 2, 4] : tensor<6x2x4xf32>
  %rnn_bwd = nn.concat %rnn_r_hs_5, %rnn_r_hs_4, %rnn_r_hs_3, %rnn_r_hs_2, %rnn_r_hs_1, %rnn_r_hs_0 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %rnn_outputs = nn.concat %rnn_hs, %rnn_bwd axis 2 : tensor<6x2x4xf32>, tensor<6x2x4xf32>
  %rnn_h_n_1 = nn.reshape %rnn_h_n [1, 2, 4] : tensor<2x4xf32>
  %rnn_r_h_n_1 = nn.reshape %rnn_r_h_n [1, 2, 4] : tensor<2x4xf32>
  %rnn_h_n_both = nn.concat %rnn_h_n_1, %rnn_r_h_n_1 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %lstm_w_ih_t = nn.transpose %lstm_w_ih [1, 0] : tensor<16x3xf32>
  %lstm_w_hh_t = nn.transpose %lstm_w_hh [1, 0] : tensor<16x4xf32>
  %lstm_b = nn.add %lstm_b_ih, %lstm_b_hh : tensor<16xf32>, tensor<16xf32>
  %lstm_xw = nn.matmul %x, %lstm_w_ih_t : tensor<6x2x3xf32>, tensor<3x16xf32>
  %lstm_u = nn.add %lstm_xw, %lstm_b : tensor<6x2x16xf32>, tensor<16xf32>
  %lstm_h_n, %lstm_c_n, %lstm_hs = nn.scan init(%zeros, %zeros : tensor<2x4xf32>, tensor<2x4xf32>)
      over(%lstm_u : tensor<6x2x16xf32>)
      finals(tensor<2x4xf32>, tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %c: tensor<2x4xf32>, %u_t: tensor<2x16xf32>):
    %r = nn.matmul %h, %lstm_w_hh_t : tensor<2x4xf32>, tensor<4x16xf32>
    %z = nn.add %u_t, %r : tensor<2x16xf32>, tensor<2x16xf32>
    %z_i = nn.slice %z [0, 0] to [2, 4] : tensor<2x16xf32>
    %z_f = nn.slice %z [0, 4] to [2, 8] : tensor<2x16xf32>
    %z_g = nn.slice %z [0, 8] to [2, 12] : tensor<2x16xf32>
    %z_o = nn.slice %z [0, 12] to [2, 16] : tensor<2x16xf32>
    %i = nn.sigmoid %z_i : tensor<2x4xf32>
    %f = nn.sigmoid %z_f : tensor<2x4xf32>
    %g = nn.tanh %z_g : tensor<2x4xf32>
    %o = nn.sigmoid %z_o : tensor<2x4xf32>
    %kept = nn.mul %f, %c : tensor<2x4xf32>, tensor<2x4xf32>
    %written = nn.mul %i, %g : tensor<2x4xf32>, tensor<2x4xf32>
    %c_next = nn.add %kept, %written : tensor<2x4xf32>, tensor<2x4xf32>
    %c_squashed = nn.tanh %c_next : tensor<2x4xf32>
    %h_next = nn.mul %o, %c_squashed : tensor<2x4xf32>, tensor<2x4xf32>
    nn.yield %h_next, %c_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
  }
  %lstm_r_w_ih_t = nn.transpose %lstm_r_w_ih [1, 0] : tensor<16x3xf32>
  %lstm_r_w_hh_t = nn.transpose %lstm_r_w_hh [1, 0] : tensor<16x4xf32>
  %lstm_r_b = nn.add %lstm_r_b_ih, %lstm_r_b_hh : tensor<16xf32>, tensor<16xf32>
  %lstm_r_xw = nn.matmul %x_rev, %lstm_r_w_ih_t : tensor<6x2x3xf32>, tensor<3x16xf32>
  %lstm_r_u = nn.add %lstm_r_xw, %lstm_r_b : tensor<6x2x16xf32>, tensor<16xf32>
  %lstm_r_h_n, %lstm_r_c_n, %lstm_r_hs = nn.scan init(%zeros, %zeros : tensor<2x4xf32>, tensor<2x4xf32>)
      over(%lstm_r_u : tensor<6x2x16xf32>)
      finals(tensor<2x4xf32>, tensor<2x4xf32>) outputs(tensor<6x2x4xf32>) {
  ^bb0(%h: tensor<2x4xf32>, %c: tensor<2x4xf32>, %u_t: tensor<2x16xf32>):
    %r = nn.matmul %h, %lstm_r_w_hh_t : tensor<2x4xf32>, tensor<4x16xf32>
    %z = nn.add %u_t, %r : tensor<2x16xf32>, tensor<2x16xf32>
    %z_i = nn.slice %z [0, 0] to [2, 4] : tensor<2x16xf32>
    %z_f = nn.slice %z [0, 4] to [2, 8] : tensor<2x16xf32>
    %z_g = nn.slice %z [0, 8] to [2, 12] : tensor<2x16xf32>
    %z_o = nn.slice %z [0, 12] to [2, 16] : tensor<2x16xf32>
    %i = nn.sigmoid %z_i : tensor<2x4xf32>
    %f = nn.sigmoid %z_f : tensor<2x4xf32>
    %g = nn.tanh %z_g : tensor<2x4xf32>
    %o = nn.sigmoid %z_o : tensor<2x4xf32>
    %kept = nn.mul %f, %c : tensor<2x4xf32>, tensor<2x4xf32>
    %written = nn.mul %i, %g : tensor<2x4xf32>, tensor<2x4xf32>
    %c_next = nn.add %kept, %written : tensor<2x4xf32>, tensor<2x4xf32>
    %c_squashed = nn.tanh %c_next : tensor<2x4xf32>
    %h_next = nn.mul %o, %c_squashed : tensor<2x4xf32>, tensor<2x4xf32>
    nn.yield %h_next, %c_next, %h_next : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
  }
  %lstm_r_hs_0 = nn.slice %lstm_r_hs [0, 0, 0] to [1, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_1 = nn.slice %lstm_r_hs [1, 0, 0] to [2, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_2 = nn.slice %lstm_r_hs [2, 0, 0] to [3, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_3 = nn.slice %lstm_r_hs [3, 0, 0] to [4, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_4 = nn.slice %lstm_r_hs [4, 0, 0] to [5, 2, 4] : tensor<6x2x4xf32>
  %lstm_r_hs_5 = nn.slice %lstm_r_hs [5, 0, 0] to [6, 2, 4] : tensor<6x2x4xf32>
  %lstm_bwd = nn.concat %lstm_r_hs_5, %lstm_r_hs_4, %lstm_r_hs_3, %lstm_r_hs_2, %lstm_r_hs_1, %lstm_r_hs_0 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %lstm_outputs = nn.concat %lstm_hs, %lstm_bwd axis 2 : tensor<6x2x4xf32>, tensor<6x2x4xf32>
  %lstm_h_n_1 = nn.reshape %lstm_h_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_r_h_n_1 = nn.reshape %lstm_r_h_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_h_n_both = nn.concat %lstm_h_n_1, %lstm_r_h_n_1 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %lstm_c_n_1 = nn.reshape %lstm_c_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_r_c_n_1 = nn.reshape %lstm_r_c_n [1, 2, 4] : tensor<2x4xf32>
  %lstm_c_n_both = nn.concat %lstm_c_n_1, %lstm_r_c_n_1 axis 0 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %both = nn.concat %rnn_outputs, %lstm_outputs axis 2 : tensor<6x2x8xf32>, tensor<6x2x8xf32>
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<3x16xf32>
  %tw = nn.matmul %both, %w_head_t : tensor<6x2x16xf32>, tensor<16x3xf32>
  %tags = nn.add %tw, %b_head : tensor<6x2x3xf32>, tensor<3xf32>
  %tags_flat = nn.reshape %tags [12, 3] : tensor<6x2x3xf32>
  %l = nn.cross_entropy %tags_flat, %y : tensor<12x3xf32>, tensor<12xi64>
  return %l : tensor<f32>
}
