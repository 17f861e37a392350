// [xlstm] The two cells of xLSTM (Beck et al., 2024) stacked: an sLSTM
// layer (4 -> 8) over 8 steps of batch 2 (time-major), an mLSTM layer
// (8 -> 8, one head of dimension d = 8) on its hidden states, and a linear
// head on the last step (3 classes).
//
// sLSTM, gate order z, i, f, o in the stacked weights (rows 0-7, 8-15,
// 16-23, 24-31), recurrent weights R over the hidden state:
//   (z~, i~, f~, o~) = x_t W^T + h_{t-1} R^T + b
//   m_t = max(f~ + m_{t-1}, i~)              stabilizer state (log scale)
//   i'  = exp(i~ - m_t)                      exponential input gate
//   f'  = exp(f~ + m_{t-1} - m_t)            exponential forget gate
//   c_t = f' c_{t-1} + i' tanh(z~)           cell state
//   n_t = f' n_{t-1} + i'                    normalizer state
//   h_t = sigmoid(o~) * c_t / n_t
// (i' and f' are exp(i~), exp(f~) rescaled by e^{-m_t}, which c and n share,
// so h is the unstabilized cell's and no exp overflows.)
// mLSTM, with q, k = (W_k u + b_k) / sqrt(d), v, scalar gates i~ and f~
// (log f = log sigmoid(f~)) and o = sigmoid(W_o u + b_o):
//   m_t = max(log f_t + m_{t-1}, i~_t)
//   C_t = f' C_{t-1} + i' v_t k_t^T          matrix memory, d x d
//   n_t = f' n_{t-1} + i' k_t
//   h_t = o_t * C_t q_t / max(|n_t . q_t|, e^{-m_t})
// computed in two forms that must agree:
// - recurrent (@mlstm_recurrent): one nn.scan carrying (C, n, m);
// - parallel (@mlstm_parallel): every step at once, with the log gate
//   matrix D~[t, s] = sum_{j=s+1..t} log f_j + i~_s (s <= t; the sums by a
//   lower-triangular matmul), m_t = max_s D~[t, s],
//   S = (Q K^T) * exp(D~ - m), H = S V / max(|rowsum S|, e^{-m}).
// The recurrent weights of the sLSTM are one dense R (one head: the paper's
// block-diagonal R with a single block); the residual blocks around the
// cells (up/down projections, causal convolution) are left out.
// @forward returns the sLSTM's hidden states and final normalizer and
// stabilizer states, both mLSTM forms' hidden states and logits and the
// final matrix memory; ctest arch/xlstm/forms-agree compares nnc's two
// forms with each other. @loss trains the parallel form; @loss_recurrent is
// the same loss through the recurrent form (BPTT through both scans), whose
// gradient is checked against the same PyTorch gradients.
// Weights: xlstm.safetensors (test/arch/xlstm/make_golden.py).

// sLSTM over x [T, B, 4] from zero states: every h_t, and the final
// normalizer n_T and stabilizer m_T.
func.func private @slstm(%x: tensor<8x2x4xf32>, %w_ih: tensor<32x4xf32>,
    %w_hh: tensor<32x8xf32>, %b: tensor<32xf32>)
    -> (tensor<8x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %zero = arith.constant dense<0.0> : tensor<2x8xf32>
  %w_ih_t = nn.transpose %w_ih [1, 0] : tensor<32x4xf32>
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<32x8xf32>
  %xw = nn.matmul %x, %w_ih_t : tensor<8x2x4xf32>, tensor<4x32xf32>
  %u = nn.add %xw, %b : tensor<8x2x32xf32>, tensor<32xf32>
  %h_n, %c_n, %n_n, %m_n, %hs = nn.scan
      init(%zero, %zero, %zero, %zero
           : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
      over(%u : tensor<8x2x32xf32>)
      finals(tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
      outputs(tensor<8x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %c: tensor<2x8xf32>, %n: tensor<2x8xf32>,
       %m: tensor<2x8xf32>, %u_t: tensor<2x32xf32>):
    %r = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x32xf32>
    %pre = nn.add %u_t, %r : tensor<2x32xf32>, tensor<2x32xf32>
    %pre_z = nn.slice %pre [0, 0] to [2, 8] : tensor<2x32xf32>
    %pre_i = nn.slice %pre [0, 8] to [2, 16] : tensor<2x32xf32>
    %pre_f = nn.slice %pre [0, 16] to [2, 24] : tensor<2x32xf32>
    %pre_o = nn.slice %pre [0, 24] to [2, 32] : tensor<2x32xf32>
    %z = nn.tanh %pre_z : tensor<2x8xf32>
    %o = nn.sigmoid %pre_o : tensor<2x8xf32>
    %fm = nn.add %pre_f, %m : tensor<2x8xf32>, tensor<2x8xf32>
    %m_next = nn.maximum %fm, %pre_i : tensor<2x8xf32>, tensor<2x8xf32>
    %log_i = nn.sub %pre_i, %m_next : tensor<2x8xf32>, tensor<2x8xf32>
    %i = nn.exp %log_i : tensor<2x8xf32>
    %log_f = nn.sub %fm, %m_next : tensor<2x8xf32>, tensor<2x8xf32>
    %f = nn.exp %log_f : tensor<2x8xf32>
    %fc = nn.mul %f, %c : tensor<2x8xf32>, tensor<2x8xf32>
    %iz = nn.mul %i, %z : tensor<2x8xf32>, tensor<2x8xf32>
    %c_next = nn.add %fc, %iz : tensor<2x8xf32>, tensor<2x8xf32>
    %fn = nn.mul %f, %n : tensor<2x8xf32>, tensor<2x8xf32>
    %n_next = nn.add %fn, %i : tensor<2x8xf32>, tensor<2x8xf32>
    %c_hat = nn.div %c_next, %n_next : tensor<2x8xf32>, tensor<2x8xf32>
    %h_next = nn.mul %o, %c_hat : tensor<2x8xf32>, tensor<2x8xf32>
    nn.yield %h_next, %c_next, %n_next, %m_next, %h_next
        : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>,
          tensor<2x8xf32>
  }
  return %hs, %n_n, %m_n : tensor<8x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// u W^T + b for a torch.nn.Linear(8, 8).
func.func private @linear(%u: tensor<8x2x8xf32>, %w: tensor<8x8xf32>,
    %b: tensor<8xf32>) -> tensor<8x2x8xf32> {
  %wt = nn.transpose %w [1, 0] : tensor<8x8xf32>
  %uw = nn.matmul %u, %wt : tensor<8x2x8xf32>, tensor<8x8xf32>
  %y = nn.add %uw, %b : tensor<8x2x8xf32>, tensor<8xf32>
  return %y : tensor<8x2x8xf32>
}

// u W^T + b for a torch.nn.Linear(8, 1): a scalar gate pre-activation.
func.func private @gate(%u: tensor<8x2x8xf32>, %w: tensor<1x8xf32>,
    %b: tensor<1xf32>) -> tensor<8x2x1xf32> {
  %wt = nn.transpose %w [1, 0] : tensor<1x8xf32>
  %uw = nn.matmul %u, %wt : tensor<8x2x8xf32>, tensor<8x1xf32>
  %y = nn.add %uw, %b : tensor<8x2x1xf32>, tensor<1xf32>
  return %y : tensor<8x2x1xf32>
}

// mLSTM, recurrent: the hidden states before the output gate,
// C_t q_t / max(|n_t . q_t|, e^{-m_t}), and the final matrix memory C_T.
func.func private @mlstm_recurrent(%q: tensor<8x2x8xf32>,
    %k: tensor<8x2x8xf32>, %v: tensor<8x2x8xf32>, %pre_i: tensor<8x2x1xf32>,
    %log_f: tensor<8x2x1xf32>) -> (tensor<8x2x8xf32>, tensor<2x8x8xf32>) {
  %c0 = arith.constant dense<0.0> : tensor<2x8x8xf32>
  %n0 = arith.constant dense<0.0> : tensor<2x8xf32>
  %m0 = arith.constant dense<0.0> : tensor<2x1xf32>
  %c_n, %n_n, %m_n, %hs = nn.scan
      init(%c0, %n0, %m0 : tensor<2x8x8xf32>, tensor<2x8xf32>, tensor<2x1xf32>)
      over(%q, %k, %v, %pre_i, %log_f : tensor<8x2x8xf32>, tensor<8x2x8xf32>,
           tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>)
      finals(tensor<2x8x8xf32>, tensor<2x8xf32>, tensor<2x1xf32>)
      outputs(tensor<8x2x8xf32>) {
  ^bb0(%c: tensor<2x8x8xf32>, %n: tensor<2x8xf32>, %m: tensor<2x1xf32>,
       %q_t: tensor<2x8xf32>, %k_t: tensor<2x8xf32>, %v_t: tensor<2x8xf32>,
       %i_t: tensor<2x1xf32>, %lf_t: tensor<2x1xf32>):
    %fm = nn.add %lf_t, %m : tensor<2x1xf32>, tensor<2x1xf32>
    %m_next = nn.maximum %fm, %i_t : tensor<2x1xf32>, tensor<2x1xf32>
    %i_scaled = nn.sub %i_t, %m_next : tensor<2x1xf32>, tensor<2x1xf32>
    %i = nn.exp %i_scaled : tensor<2x1xf32>
    %f_scaled = nn.sub %fm, %m_next : tensor<2x1xf32>, tensor<2x1xf32>
    %f = nn.exp %f_scaled : tensor<2x1xf32>
    %v_col = nn.reshape %v_t [2, 8, 1] : tensor<2x8xf32>
    %k_row = nn.reshape %k_t [2, 1, 8] : tensor<2x8xf32>
    %vk = nn.matmul %v_col, %k_row : tensor<2x8x1xf32>, tensor<2x1x8xf32>
    %f3 = nn.reshape %f [2, 1, 1] : tensor<2x1xf32>
    %i3 = nn.reshape %i [2, 1, 1] : tensor<2x1xf32>
    %fc = nn.mul %f3, %c : tensor<2x1x1xf32>, tensor<2x8x8xf32>
    %ivk = nn.mul %i3, %vk : tensor<2x1x1xf32>, tensor<2x8x8xf32>
    %c_next = nn.add %fc, %ivk : tensor<2x8x8xf32>, tensor<2x8x8xf32>
    %fn = nn.mul %f, %n : tensor<2x1xf32>, tensor<2x8xf32>
    %ik = nn.mul %i, %k_t : tensor<2x1xf32>, tensor<2x8xf32>
    %n_next = nn.add %fn, %ik : tensor<2x8xf32>, tensor<2x8xf32>
    %q_col = nn.reshape %q_t [2, 8, 1] : tensor<2x8xf32>
    %cq_col = nn.matmul %c_next, %q_col : tensor<2x8x8xf32>, tensor<2x8x1xf32>
    %cq = nn.reshape %cq_col [2, 8] : tensor<2x8x1xf32>
    %nq_terms = nn.mul %n_next, %q_t : tensor<2x8xf32>, tensor<2x8xf32>
    %nq = nn.reduce_sum %nq_terms [1] {keepdim = true} : tensor<2x8xf32>
    %nq_abs = nn.abs %nq : tensor<2x1xf32>
    %minus_m = nn.neg %m_next : tensor<2x1xf32>
    %floor = nn.exp %minus_m : tensor<2x1xf32>
    %den = nn.maximum %nq_abs, %floor : tensor<2x1xf32>, tensor<2x1xf32>
    %h = nn.div %cq, %den : tensor<2x8xf32>, tensor<2x1xf32>
    nn.yield %c_next, %n_next, %m_next, %h
        : tensor<2x8x8xf32>, tensor<2x8xf32>, tensor<2x1xf32>, tensor<2x8xf32>
  }
  return %hs, %c_n : tensor<8x2x8xf32>, tensor<2x8x8xf32>
}

// mLSTM, parallel: the same hidden states for all steps at once, batch-major
// inside ([B, T, ...]). lower[t, s] = 1 for s <= t.
func.func private @mlstm_parallel(%q: tensor<8x2x8xf32>,
    %k: tensor<8x2x8xf32>, %v: tensor<8x2x8xf32>, %pre_i: tensor<8x2x1xf32>,
    %log_f: tensor<8x2x1xf32>) -> tensor<8x2x8xf32> {
  %lower = arith.constant dense<[
      [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
      [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
      [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
      [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
      [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0],
      [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0],
      [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0],
      [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]]> : tensor<8x8xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %masked = arith.constant dense<-1.0e30> : tensor<f32>
  // cum[b, t] = sum_{j <= t} log f_j; D~[b, t, s] = cum_t - cum_s + i~_s.
  %lf_b = nn.transpose %log_f [1, 0, 2] : tensor<8x2x1xf32>
  %cum_t = nn.matmul %lower, %lf_b : tensor<8x8xf32>, tensor<2x8x1xf32>
  %cum_s = nn.transpose %cum_t [0, 2, 1] : tensor<2x8x1xf32>
  %i_s = nn.transpose %pre_i [1, 2, 0] : tensor<8x2x1xf32>
  %decay = nn.sub %cum_t, %cum_s : tensor<2x8x1xf32>, tensor<2x1x8xf32>
  %log_d = nn.add %decay, %i_s : tensor<2x8x8xf32>, tensor<2x1x8xf32>
  %is_future = nn.compare eq, %lower, %zero : tensor<8x8xf32>, tensor<f32>
  %log_gates = nn.select %is_future, %masked, %log_d
      : tensor<8x8xi1>, tensor<f32>, tensor<2x8x8xf32>
  %m = nn.reduce_max %log_gates [2] {keepdim = true} : tensor<2x8x8xf32>
  %shifted = nn.sub %log_gates, %m : tensor<2x8x8xf32>, tensor<2x8x1xf32>
  %gates = nn.exp %shifted : tensor<2x8x8xf32>
  %q_b = nn.transpose %q [1, 0, 2] : tensor<8x2x8xf32>
  %k_bt = nn.transpose %k [1, 2, 0] : tensor<8x2x8xf32>
  %v_b = nn.transpose %v [1, 0, 2] : tensor<8x2x8xf32>
  %qk = nn.matmul %q_b, %k_bt : tensor<2x8x8xf32>, tensor<2x8x8xf32>
  %s = nn.mul %qk, %gates : tensor<2x8x8xf32>, tensor<2x8x8xf32>
  %rowsum = nn.reduce_sum %s [2] {keepdim = true} : tensor<2x8x8xf32>
  %rowsum_abs = nn.abs %rowsum : tensor<2x8x1xf32>
  %minus_m = nn.neg %m : tensor<2x8x1xf32>
  %floor = nn.exp %minus_m : tensor<2x8x1xf32>
  %den = nn.maximum %rowsum_abs, %floor : tensor<2x8x1xf32>, tensor<2x8x1xf32>
  %s_norm = nn.div %s, %den : tensor<2x8x8xf32>, tensor<2x8x1xf32>
  %h_b = nn.matmul %s_norm, %v_b : tensor<2x8x8xf32>, tensor<2x8x8xf32>
  %h = nn.transpose %h_b [1, 0, 2] : tensor<2x8x8xf32>
  return %h : tensor<8x2x8xf32>
}

// The mLSTM's inputs from the sLSTM's hidden states u: q, k / sqrt(d), v,
// the input gate's pre-activation i~, log f = -softplus(-f~) and
// o = sigmoid(o~).
func.func private @mlstm_inputs(%u: tensor<8x2x8xf32>,
    %w_q: tensor<8x8xf32>, %b_q: tensor<8xf32>,
    %w_k: tensor<8x8xf32>, %b_k: tensor<8xf32>,
    %w_v: tensor<8x8xf32>, %b_v: tensor<8xf32>,
    %w_i: tensor<1x8xf32>, %b_i: tensor<1xf32>,
    %w_f: tensor<1x8xf32>, %b_f: tensor<1xf32>,
    %w_o: tensor<8x8xf32>, %b_o: tensor<8xf32>)
    -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>,
        tensor<8x2x1xf32>, tensor<8x2x1xf32>, tensor<8x2x8xf32>) {
  %scale = arith.constant dense<0.35355339059327373> : tensor<f32>
  %q = func.call @linear(%u, %w_q, %b_q) : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %k_raw = func.call @linear(%u, %w_k, %b_k) : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %k = nn.mul %k_raw, %scale : tensor<8x2x8xf32>, tensor<f32>
  %v = func.call @linear(%u, %w_v, %b_v) : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %pre_i = func.call @gate(%u, %w_i, %b_i) : (tensor<8x2x8xf32>, tensor<1x8xf32>, tensor<1xf32>) -> tensor<8x2x1xf32>
  %pre_f = func.call @gate(%u, %w_f, %b_f) : (tensor<8x2x8xf32>, tensor<1x8xf32>, tensor<1xf32>) -> tensor<8x2x1xf32>
  %minus_f = nn.neg %pre_f : tensor<8x2x1xf32>
  %softplus = nn.softplus %minus_f : tensor<8x2x1xf32>
  %log_f = nn.neg %softplus : tensor<8x2x1xf32>
  %pre_o = func.call @linear(%u, %w_o, %b_o) : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %o = nn.sigmoid %pre_o : tensor<8x2x8xf32>
  return %q, %k, %v, %pre_i, %log_f, %o
      : tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>,
        tensor<8x2x1xf32>, tensor<8x2x1xf32>, tensor<8x2x8xf32>
}

// The output gate on the mLSTM's states, and the head's logits from the
// last step.
func.func private @output(%o: tensor<8x2x8xf32>, %h_raw: tensor<8x2x8xf32>,
    %w_head: tensor<3x8xf32>, %b_head: tensor<3xf32>)
    -> (tensor<8x2x8xf32>, tensor<2x3xf32>) {
  %h = nn.mul %o, %h_raw : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %last3 = nn.slice %h [7, 0, 0] to [8, 2, 8] : tensor<8x2x8xf32>
  %last = nn.reshape %last3 [2, 8] : tensor<1x2x8xf32>
  %wt = nn.transpose %w_head [1, 0] : tensor<3x8xf32>
  %hw = nn.matmul %last, %wt : tensor<2x8xf32>, tensor<8x3xf32>
  %logits = nn.add %hw, %b_head : tensor<2x3xf32>, tensor<3xf32>
  return %h, %logits : tensor<8x2x8xf32>, tensor<2x3xf32>
}

// The sLSTM's hidden states and final normalizer and stabilizer; the
// mLSTM's hidden states (after the output gate) and logits in both forms,
// and its final matrix memory C_T (scaled by e^{-m_T}, as carried).
func.func @forward(%x: tensor<8x2x4xf32> {nn.input = "x"},
    %w_ih: tensor<32x4xf32> {nn.param = "slstm.weight_ih"},
    %w_hh: tensor<32x8xf32> {nn.param = "slstm.weight_hh"},
    %b: tensor<32xf32> {nn.param = "slstm.bias"},
    %w_q: tensor<8x8xf32> {nn.param = "mlstm.q.weight"},
    %b_q: tensor<8xf32> {nn.param = "mlstm.q.bias"},
    %w_k: tensor<8x8xf32> {nn.param = "mlstm.k.weight"},
    %b_k: tensor<8xf32> {nn.param = "mlstm.k.bias"},
    %w_v: tensor<8x8xf32> {nn.param = "mlstm.v.weight"},
    %b_v: tensor<8xf32> {nn.param = "mlstm.v.bias"},
    %w_i: tensor<1x8xf32> {nn.param = "mlstm.igate.weight"},
    %b_i: tensor<1xf32> {nn.param = "mlstm.igate.bias"},
    %w_f: tensor<1x8xf32> {nn.param = "mlstm.fgate.weight"},
    %b_f: tensor<1xf32> {nn.param = "mlstm.fgate.bias"},
    %w_o: tensor<8x8xf32> {nn.param = "mlstm.ogate.weight"},
    %b_o: tensor<8xf32> {nn.param = "mlstm.ogate.bias"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<8x2x8xf32> {nn.output = "slstm_h"},
        tensor<2x8xf32> {nn.output = "slstm_n"},
        tensor<2x8xf32> {nn.output = "slstm_m"},
        tensor<8x2x8xf32> {nn.output = "mlstm_recurrent"},
        tensor<8x2x8xf32> {nn.output = "mlstm_parallel"},
        tensor<2x8x8xf32> {nn.output = "mlstm_c"},
        tensor<2x3xf32> {nn.output = "logits_recurrent"},
        tensor<2x3xf32> {nn.output = "logits_parallel"}) {
  %hs, %n_n, %m_n = func.call @slstm(%x, %w_ih, %w_hh, %b)
      : (tensor<8x2x4xf32>, tensor<32x4xf32>, tensor<32x8xf32>, tensor<32xf32>)
      -> (tensor<8x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
  %q, %k, %v, %pre_i, %log_f, %o = func.call @mlstm_inputs(%hs, %w_q, %b_q, %w_k, %b_k, %w_v, %b_v, %w_i, %b_i, %w_f, %b_f, %w_o, %b_o)
      : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<1x8xf32>, tensor<1xf32>, tensor<1x8xf32>, tensor<1xf32>, tensor<8x8xf32>, tensor<8xf32>)
      -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>, tensor<8x2x8xf32>)
  %raw_rec, %c_n = func.call @mlstm_recurrent(%q, %k, %v, %pre_i, %log_f)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>) -> (tensor<8x2x8xf32>, tensor<2x8x8xf32>)
  %raw_par = func.call @mlstm_parallel(%q, %k, %v, %pre_i, %log_f)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>) -> tensor<8x2x8xf32>
  %h_rec, %logits_rec = func.call @output(%o, %raw_rec, %w_head, %b_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<3x8xf32>, tensor<3xf32>) -> (tensor<8x2x8xf32>, tensor<2x3xf32>)
  %h_par, %logits_par = func.call @output(%o, %raw_par, %w_head, %b_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<3x8xf32>, tensor<3xf32>) -> (tensor<8x2x8xf32>, tensor<2x3xf32>)
  return %hs, %n_n, %m_n, %h_rec, %h_par, %c_n, %logits_rec, %logits_par
      : tensor<8x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<2x8x8xf32>,
        tensor<2x3xf32>, tensor<2x3xf32>
}

// Sequence classification in the training (parallel) form of the mLSTM:
// the mean cross-entropy of the logits against labels y, plus 0.01 times
// the mean square of the mLSTM's hidden states (a gradient for every step).
func.func @loss(%x: tensor<8x2x4xf32> {nn.input = "x"},
    %y: tensor<2xi64> {nn.input = "y"},
    %w_ih: tensor<32x4xf32> {nn.param = "slstm.weight_ih"},
    %w_hh: tensor<32x8xf32> {nn.param = "slstm.weight_hh"},
    %b: tensor<32xf32> {nn.param = "slstm.bias"},
    %w_q: tensor<8x8xf32> {nn.param = "mlstm.q.weight"},
    %b_q: tensor<8xf32> {nn.param = "mlstm.q.bias"},
    %w_k: tensor<8x8xf32> {nn.param = "mlstm.k.weight"},
    %b_k: tensor<8xf32> {nn.param = "mlstm.k.bias"},
    %w_v: tensor<8x8xf32> {nn.param = "mlstm.v.weight"},
    %b_v: tensor<8xf32> {nn.param = "mlstm.v.bias"},
    %w_i: tensor<1x8xf32> {nn.param = "mlstm.igate.weight"},
    %b_i: tensor<1xf32> {nn.param = "mlstm.igate.bias"},
    %w_f: tensor<1x8xf32> {nn.param = "mlstm.fgate.weight"},
    %b_f: tensor<1xf32> {nn.param = "mlstm.fgate.bias"},
    %w_o: tensor<8x8xf32> {nn.param = "mlstm.ogate.weight"},
    %b_o: tensor<8xf32> {nn.param = "mlstm.ogate.bias"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %hs, %n_n, %m_n = func.call @slstm(%x, %w_ih, %w_hh, %b)
      : (tensor<8x2x4xf32>, tensor<32x4xf32>, tensor<32x8xf32>, tensor<32xf32>)
      -> (tensor<8x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
  %q, %k, %v, %pre_i, %log_f, %o = func.call @mlstm_inputs(%hs, %w_q, %b_q, %w_k, %b_k, %w_v, %b_v, %w_i, %b_i, %w_f, %b_f, %w_o, %b_o)
      : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<1x8xf32>, tensor<1xf32>, tensor<1x8xf32>, tensor<1xf32>, tensor<8x8xf32>, tensor<8xf32>)
      -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>, tensor<8x2x8xf32>)
  %raw = func.call @mlstm_parallel(%q, %k, %v, %pre_i, %log_f)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>) -> tensor<8x2x8xf32>
  %h, %logits = func.call @output(%o, %raw, %w_head, %b_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<3x8xf32>, tensor<3xf32>) -> (tensor<8x2x8xf32>, tensor<2x3xf32>)
  %ce = nn.cross_entropy %logits, %y : tensor<2x3xf32>, tensor<2xi64>
  %h2 = nn.mul %h, %h : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %activity = nn.reduce_mean %h2 [] : tensor<8x2x8xf32>
  %weight = arith.constant dense<0.01> : tensor<f32>
  %penalty = nn.mul %activity, %weight : tensor<f32>, tensor<f32>
  %l = nn.add %ce, %penalty : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}

// The same loss through the recurrent form of the mLSTM:
// the mean cross-entropy of the logits against labels y, plus 0.01 times
// the mean square of the mLSTM's hidden states (a gradient for every step).
func.func @loss_recurrent(%x: tensor<8x2x4xf32> {nn.input = "x"},
    %y: tensor<2xi64> {nn.input = "y"},
    %w_ih: tensor<32x4xf32> {nn.param = "slstm.weight_ih"},
    %w_hh: tensor<32x8xf32> {nn.param = "slstm.weight_hh"},
    %b: tensor<32xf32> {nn.param = "slstm.bias"},
    %w_q: tensor<8x8xf32> {nn.param = "mlstm.q.weight"},
    %b_q: tensor<8xf32> {nn.param = "mlstm.q.bias"},
    %w_k: tensor<8x8xf32> {nn.param = "mlstm.k.weight"},
    %b_k: tensor<8xf32> {nn.param = "mlstm.k.bias"},
    %w_v: tensor<8x8xf32> {nn.param = "mlstm.v.weight"},
    %b_v: tensor<8xf32> {nn.param = "mlstm.v.bias"},
    %w_i: tensor<1x8xf32> {nn.param = "mlstm.igate.weight"},
    %b_i: tensor<1xf32> {nn.param = "mlstm.igate.bias"},
    %w_f: tensor<1x8xf32> {nn.param = "mlstm.fgate.weight"},
    %b_f: tensor<1xf32> {nn.param = "mlstm.fgate.bias"},
    %w_o: tensor<8x8xf32> {nn.param = "mlstm.ogate.weight"},
    %b_o: tensor<8xf32> {nn.param = "mlstm.ogate.bias"},
    %w_head: tensor<3x8xf32> {nn.param = "head.weight"},
    %b_head: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %hs, %n_n, %m_n = func.call @slstm(%x, %w_ih, %w_hh, %b)
      : (tensor<8x2x4xf32>, tensor<32x4xf32>, tensor<32x8xf32>, tensor<32xf32>)
      -> (tensor<8x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
  %q, %k, %v, %pre_i, %log_f, %o = func.call @mlstm_inputs(%hs, %w_q, %b_q, %w_k, %b_k, %w_v, %b_v, %w_i, %b_i, %w_f, %b_f, %w_o, %b_o)
      : (tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<1x8xf32>, tensor<1xf32>, tensor<1x8xf32>, tensor<1xf32>, tensor<8x8xf32>, tensor<8xf32>)
      -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>, tensor<8x2x8xf32>)
  %raw, %c_n = func.call @mlstm_recurrent(%q, %k, %v, %pre_i, %log_f)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x1xf32>, tensor<8x2x1xf32>) -> (tensor<8x2x8xf32>, tensor<2x8x8xf32>)
  %h, %logits = func.call @output(%o, %raw, %w_head, %b_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<3x8xf32>, tensor<3xf32>) -> (tensor<8x2x8xf32>, tensor<2x3xf32>)
  %ce = nn.cross_entropy %logits, %y : tensor<2x3xf32>, tensor<2xi64>
  %h2 = nn.mul %h, %h : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %activity = nn.reduce_mean %h2 [] : tensor<8x2x8xf32>
  %weight = arith.constant dense<0.01> : tensor<f32>
  %penalty = nn.mul %activity, %weight : tensor<f32>, tensor<f32>
  %l = nn.add %ce, %penalty : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
