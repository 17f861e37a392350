// [rwkv] One RWKV-4 block (time mixing, then channel mixing, each behind a
// pre-layer-norm residual) on token embeddings, and a language-model head:
// vocabulary 6, width C = 8, channel-mixing width 16, 8 steps, batch 2,
// time-major ([T, B, C]), PyTorch names as in RWKV-4's checkpoints.
//
// Time mixing: token shift (each step mixes in the previous step's input,
// x_prev + mu * (x - x_prev), zeros before the first), k, v and
// r = sigmoid(receptance), then the WKV mechanism per channel with decay
// w = exp(time_decay) > 0 and bonus u = time_first:
//   wkv_t = (sum_{i<t} e^{-(t-1-i) w + k_i} v_i + e^{u + k_t} v_t)
//         / (sum_{i<t} e^{-(t-1-i) w + k_i}     + e^{u + k_t}),
// and output (r * wkv) W_o^T. WKV is computed in two forms that must agree:
// - recurrent (@wkv_recurrent): one nn.scan carrying O(1) state per step,
//   the numerator a, the denominator b and the stabilizer p (the largest
//   exponent seen, so every exp is of a number <= 0), as RWKV's inference;
// - parallel (@wkv_parallel): every step at once, a [T, T] matrix of
//   exponents per channel (k_i - (t-1-i) w below the diagonal, u + k_t on
//   it, -1e30 above) whose softmax over i weights v, as in training.
// Channel mixing: token shift, then sigmoid(r) * (relu(k)^2 W_v^T).
// @forward returns both forms' WKV and logits (ctest arch/rwkv/forms-agree
// compares nnc's two with each other); @loss trains the parallel form,
// @loss_recurrent is the same loss through the recurrent form (BPTT through
// the scan), whose gradient forms-agree checks against the same PyTorch
// gradients. RWKV-4's ln0 after the embedding is left out (a plain
// layer norm, as ln1 shows). Weights: rwkv.safetensors
// (test/arch/rwkv/make_golden.py).

// The input one step earlier: x_prev[t] = x[t-1], zeros at t = 0.
func.func private @token_shift(%x: tensor<8x2x8xf32>) -> tensor<8x2x8xf32> {
  %zeros = arith.constant dense<0.0> : tensor<1x2x8xf32>
  %head = nn.slice %x [0, 0, 0] to [7, 2, 8] : tensor<8x2x8xf32>
  %prev = nn.concat %zeros, %head axis 0 : tensor<1x2x8xf32>, tensor<7x2x8xf32>
  return %prev : tensor<8x2x8xf32>
}

// x * mu + x_prev * (1 - mu), as x_prev + mu * (x - x_prev).
func.func private @mix(%x: tensor<8x2x8xf32>, %prev: tensor<8x2x8xf32>,
    %mu: tensor<8xf32>) -> tensor<8x2x8xf32> {
  %d = nn.sub %x, %prev : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %md = nn.mul %d, %mu : tensor<8x2x8xf32>, tensor<8xf32>
  %m = nn.add %prev, %md : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  return %m : tensor<8x2x8xf32>
}

// x W^T for a torch.nn.Linear weight W [8, 8] without bias.
func.func private @linear(%x: tensor<8x2x8xf32>, %w: tensor<8x8xf32>)
    -> tensor<8x2x8xf32> {
  %wt = nn.transpose %w [1, 0] : tensor<8x8xf32>
  %y = nn.matmul %x, %wt : tensor<8x2x8xf32>, tensor<8x8xf32>
  return %y : tensor<8x2x8xf32>
}

// WKV, recurrent: per step, with a, b scaled by e^{-p}:
//   q = max(p, u + k_t)         wkv_t = (e^{p-q} a + e^{u+k_t-q} v_t)
//                                     / (e^{p-q} b + e^{u+k_t-q})
//   q' = max(p - w, k_t)        a' = e^{p-w-q'} a + e^{k_t-q'} v_t
//   b' = e^{p-w-q'} b + e^{k_t-q'}                  p' = q'
// from a = b = 0, p = -1e30 (no past).
func.func private @wkv_recurrent(%k: tensor<8x2x8xf32>, %v: tensor<8x2x8xf32>,
    %time_decay: tensor<8xf32>, %u: tensor<8xf32>) -> tensor<8x2x8xf32> {
  %e = nn.exp %time_decay : tensor<8xf32>
  %minus_w = nn.neg %e : tensor<8xf32>
  %zero = arith.constant dense<0.0> : tensor<2x8xf32>
  %p0 = arith.constant dense<-1.0e30> : tensor<2x8xf32>
  %a_n, %b_n, %p_n, %wkv = nn.scan
      init(%zero, %zero, %p0 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
      over(%k, %v : tensor<8x2x8xf32>, tensor<8x2x8xf32>)
      finals(tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
      outputs(tensor<8x2x8xf32>) {
  ^bb0(%a: tensor<2x8xf32>, %b: tensor<2x8xf32>, %p: tensor<2x8xf32>,
       %k_t: tensor<2x8xf32>, %v_t: tensor<2x8xf32>):
    %uk = nn.add %k_t, %u : tensor<2x8xf32>, tensor<8xf32>
    %q = nn.maximum %p, %uk : tensor<2x8xf32>, tensor<2x8xf32>
    %pq = nn.sub %p, %q : tensor<2x8xf32>, tensor<2x8xf32>
    %e1 = nn.exp %pq : tensor<2x8xf32>
    %ukq = nn.sub %uk, %q : tensor<2x8xf32>, tensor<2x8xf32>
    %e2 = nn.exp %ukq : tensor<2x8xf32>
    %e1a = nn.mul %e1, %a : tensor<2x8xf32>, tensor<2x8xf32>
    %e2v = nn.mul %e2, %v_t : tensor<2x8xf32>, tensor<2x8xf32>
    %num = nn.add %e1a, %e2v : tensor<2x8xf32>, tensor<2x8xf32>
    %e1b = nn.mul %e1, %b : tensor<2x8xf32>, tensor<2x8xf32>
    %den = nn.add %e1b, %e2 : tensor<2x8xf32>, tensor<2x8xf32>
    %out = nn.div %num, %den : tensor<2x8xf32>, tensor<2x8xf32>
    %pw = nn.add %p, %minus_w : tensor<2x8xf32>, tensor<8xf32>
    %q2 = nn.maximum %pw, %k_t : tensor<2x8xf32>, tensor<2x8xf32>
    %pwq = nn.sub %pw, %q2 : tensor<2x8xf32>, tensor<2x8xf32>
    %f1 = nn.exp %pwq : tensor<2x8xf32>
    %kq = nn.sub %k_t, %q2 : tensor<2x8xf32>, tensor<2x8xf32>
    %f2 = nn.exp %kq : tensor<2x8xf32>
    %f1a = nn.mul %f1, %a : tensor<2x8xf32>, tensor<2x8xf32>
    %f2v = nn.mul %f2, %v_t : tensor<2x8xf32>, tensor<2x8xf32>
    %a_next = nn.add %f1a, %f2v : tensor<2x8xf32>, tensor<2x8xf32>
    %f1b = nn.mul %f1, %b : tensor<2x8xf32>, tensor<2x8xf32>
    %b_next = nn.add %f1b, %f2 : tensor<2x8xf32>, tensor<2x8xf32>
    nn.yield %a_next, %b_next, %q2, %out
        : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
  }
  return %wkv : tensor<8x2x8xf32>
}

// WKV, parallel: exponents L[b, c, t, i] = k_i - (t-1-i) w_c for i < t,
// u_c + k_t for i = t, -1e30 for i > t; wkv_t = softmax_i(L) . v. The
// constant lag[t, i] = t - 1 - i says which is which.
func.func private @wkv_parallel(%k: tensor<8x2x8xf32>, %v: tensor<8x2x8xf32>,
    %time_decay: tensor<8xf32>, %u: tensor<8xf32>) -> tensor<8x2x8xf32> {
  %lag = arith.constant dense<[
      [-1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -8.0],
      [ 0.0, -1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0],
      [ 1.0,  0.0, -1.0, -2.0, -3.0, -4.0, -5.0, -6.0],
      [ 2.0,  1.0,  0.0, -1.0, -2.0, -3.0, -4.0, -5.0],
      [ 3.0,  2.0,  1.0,  0.0, -1.0, -2.0, -3.0, -4.0],
      [ 4.0,  3.0,  2.0,  1.0,  0.0, -1.0, -2.0, -3.0],
      [ 5.0,  4.0,  3.0,  2.0,  1.0,  0.0, -1.0, -2.0],
      [ 6.0,  5.0,  4.0,  3.0,  2.0,  1.0,  0.0, -1.0]]> : tensor<8x8xf32>
  %minus_one = arith.constant dense<-1.0> : tensor<f32>
  %masked = arith.constant dense<-1.0e30> : tensor<f32>
  %w = nn.exp %time_decay : tensor<8xf32>
  %w3 = nn.reshape %w [8, 1, 1] : tensor<8xf32>
  %decay = nn.mul %lag, %w3 : tensor<8x8xf32>, tensor<8x1x1xf32>
  %k_bct = nn.transpose %k [1, 2, 0] : tensor<8x2x8xf32>
  %k_i = nn.reshape %k_bct [2, 8, 1, 8] : tensor<2x8x8xf32>
  %past = nn.sub %k_i, %decay : tensor<2x8x1x8xf32>, tensor<8x8x8xf32>
  %u3 = nn.reshape %u [8, 1, 1] : tensor<8xf32>
  %now = nn.add %k_i, %u3 : tensor<2x8x1x8xf32>, tensor<8x1x1xf32>
  %is_now = nn.compare eq, %lag, %minus_one : tensor<8x8xf32>, tensor<f32>
  %is_future = nn.compare lt, %lag, %minus_one : tensor<8x8xf32>, tensor<f32>
  %known = nn.select %is_now, %now, %past
      : tensor<8x8xi1>, tensor<2x8x1x8xf32>, tensor<2x8x8x8xf32>
  %exponents = nn.select %is_future, %masked, %known
      : tensor<8x8xi1>, tensor<f32>, tensor<2x8x8x8xf32>
  %weights = nn.softmax %exponents axis 3 : tensor<2x8x8x8xf32>
  %v_bct = nn.transpose %v [1, 2, 0] : tensor<8x2x8xf32>
  %v_i = nn.reshape %v_bct [2, 8, 8, 1] : tensor<2x8x8xf32>
  %wkv_col = nn.matmul %weights, %v_i : tensor<2x8x8x8xf32>, tensor<2x8x8x1xf32>
  %wkv_bct = nn.reshape %wkv_col [2, 8, 8] : tensor<2x8x8x1xf32>
  %wkv = nn.transpose %wkv_bct [2, 0, 1] : tensor<2x8x8xf32>
  return %wkv : tensor<8x2x8xf32>
}

// Token embedding (one_hot . emb), then time mixing's inputs from
// a = ln1(x): k, v and r = sigmoid(receptance). Results: x, k, v, r.
func.func private @time_mixing_inputs(%tokens: tensor<8x2xi64>,
    %emb: tensor<6x8xf32>, %ln1_w: tensor<8xf32>, %ln1_b: tensor<8xf32>,
    %mu_k: tensor<8xf32>, %mu_v: tensor<8xf32>, %mu_r: tensor<8xf32>,
    %w_k: tensor<8x8xf32>, %w_v: tensor<8x8xf32>, %w_r: tensor<8x8xf32>)
    -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>,
        tensor<8x2x8xf32>) {
  %onehot = nn.one_hot %tokens : tensor<8x2xi64> -> tensor<8x2x6xf32>
  %x = nn.matmul %onehot, %emb : tensor<8x2x6xf32>, tensor<6x8xf32>
  %a = nn.layer_norm %x, %ln1_w, %ln1_b : tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>
  %prev = func.call @token_shift(%a) : (tensor<8x2x8xf32>) -> tensor<8x2x8xf32>
  %xk = func.call @mix(%a, %prev, %mu_k) : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %xv = func.call @mix(%a, %prev, %mu_v) : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %xr = func.call @mix(%a, %prev, %mu_r) : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %k = func.call @linear(%xk, %w_k) : (tensor<8x2x8xf32>, tensor<8x8xf32>) -> tensor<8x2x8xf32>
  %v = func.call @linear(%xv, %w_v) : (tensor<8x2x8xf32>, tensor<8x8xf32>) -> tensor<8x2x8xf32>
  %rr = func.call @linear(%xr, %w_r) : (tensor<8x2x8xf32>, tensor<8x8xf32>) -> tensor<8x2x8xf32>
  %r = nn.sigmoid %rr : tensor<8x2x8xf32>
  return %x, %k, %v, %r : tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>
}

// The rest of the block after WKV: x1 = x + (r * wkv) W_o^T; channel
// mixing on c = ln2(x1): x2 = x1 + sigmoid(c_r W_r^T) * (relu(c_k W_k^T)^2
// W_v^T); logits = ln_out(x2) W_head^T.
func.func private @block_output(%x: tensor<8x2x8xf32>, %r: tensor<8x2x8xf32>,
    %wkv: tensor<8x2x8xf32>, %w_o: tensor<8x8xf32>,
    %ln2_w: tensor<8xf32>, %ln2_b: tensor<8xf32>,
    %ffn_mu_k: tensor<8xf32>, %ffn_mu_r: tensor<8xf32>,
    %ffn_w_k: tensor<16x8xf32>, %ffn_w_r: tensor<8x8xf32>,
    %ffn_w_v: tensor<8x16xf32>, %ln_out_w: tensor<8xf32>,
    %ln_out_b: tensor<8xf32>, %w_head: tensor<6x8xf32>) -> tensor<8x2x6xf32> {
  %rwkv = nn.mul %r, %wkv : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %att = func.call @linear(%rwkv, %w_o) : (tensor<8x2x8xf32>, tensor<8x8xf32>) -> tensor<8x2x8xf32>
  %x1 = nn.add %x, %att : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %c = nn.layer_norm %x1, %ln2_w, %ln2_b : tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>
  %prev = func.call @token_shift(%c) : (tensor<8x2x8xf32>) -> tensor<8x2x8xf32>
  %ck = func.call @mix(%c, %prev, %ffn_mu_k) : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %cr = func.call @mix(%c, %prev, %ffn_mu_r) : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %w_kt = nn.transpose %ffn_w_k [1, 0] : tensor<16x8xf32>
  %kk = nn.matmul %ck, %w_kt : tensor<8x2x8xf32>, tensor<8x16xf32>
  %kr = nn.relu %kk : tensor<8x2x16xf32>
  %k2 = nn.mul %kr, %kr : tensor<8x2x16xf32>, tensor<8x2x16xf32>
  %w_vt = nn.transpose %ffn_w_v [1, 0] : tensor<8x16xf32>
  %kv = nn.matmul %k2, %w_vt : tensor<8x2x16xf32>, tensor<16x8xf32>
  %rr = func.call @linear(%cr, %ffn_w_r) : (tensor<8x2x8xf32>, tensor<8x8xf32>) -> tensor<8x2x8xf32>
  %gate = nn.sigmoid %rr : tensor<8x2x8xf32>
  %ffn = nn.mul %gate, %kv : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %x2 = nn.add %x1, %ffn : tensor<8x2x8xf32>, tensor<8x2x8xf32>
  %o = nn.layer_norm %x2, %ln_out_w, %ln_out_b : tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>
  %w_ht = nn.transpose %w_head [1, 0] : tensor<6x8xf32>
  %logits = nn.matmul %o, %w_ht : tensor<8x2x8xf32>, tensor<8x6xf32>
  return %logits : tensor<8x2x6xf32>
}

// Both forms: WKV [T, B, C] and logits [T, B, vocabulary] of each.
func.func @forward(%tokens: tensor<8x2xi64> {nn.input = "tokens"},
    %emb: tensor<6x8xf32> {nn.param = "emb.weight"},
    %ln1_w: tensor<8xf32> {nn.param = "blocks.0.ln1.weight"},
    %ln1_b: tensor<8xf32> {nn.param = "blocks.0.ln1.bias"},
    %mu_k: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_k"},
    %mu_v: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_v"},
    %mu_r: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_r"},
    %w_k: tensor<8x8xf32> {nn.param = "blocks.0.att.key.weight"},
    %w_v: tensor<8x8xf32> {nn.param = "blocks.0.att.value.weight"},
    %w_r: tensor<8x8xf32> {nn.param = "blocks.0.att.receptance.weight"},
    %time_decay: tensor<8xf32> {nn.param = "blocks.0.att.time_decay"},
    %time_first: tensor<8xf32> {nn.param = "blocks.0.att.time_first"},
    %w_o: tensor<8x8xf32> {nn.param = "blocks.0.att.output.weight"},
    %ln2_w: tensor<8xf32> {nn.param = "blocks.0.ln2.weight"},
    %ln2_b: tensor<8xf32> {nn.param = "blocks.0.ln2.bias"},
    %ffn_mu_k: tensor<8xf32> {nn.param = "blocks.0.ffn.time_mix_k"},
    %ffn_mu_r: tensor<8xf32> {nn.param = "blocks.0.ffn.time_mix_r"},
    %ffn_w_k: tensor<16x8xf32> {nn.param = "blocks.0.ffn.key.weight"},
    %ffn_w_r: tensor<8x8xf32> {nn.param = "blocks.0.ffn.receptance.weight"},
    %ffn_w_v: tensor<8x16xf32> {nn.param = "blocks.0.ffn.value.weight"},
    %ln_out_w: tensor<8xf32> {nn.param = "ln_out.weight"},
    %ln_out_b: tensor<8xf32> {nn.param = "ln_out.bias"},
    %w_head: tensor<6x8xf32> {nn.param = "head.weight"})
    -> (tensor<8x2x8xf32> {nn.output = "wkv_recurrent"},
        tensor<8x2x8xf32> {nn.output = "wkv_parallel"},
        tensor<8x2x6xf32> {nn.output = "logits_recurrent"},
        tensor<8x2x6xf32> {nn.output = "logits_parallel"}) {
  %x, %k, %v, %r = func.call @time_mixing_inputs(%tokens, %emb, %ln1_w, %ln1_b, %mu_k, %mu_v, %mu_r, %w_k, %w_v, %w_r)
      : (tensor<8x2xi64>, tensor<6x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>)
      -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>)
  %wkv_rec = func.call @wkv_recurrent(%k, %v, %time_decay, %time_first)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %wkv_par = func.call @wkv_parallel(%k, %v, %time_decay, %time_first)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %logits_rec = func.call @block_output(%x, %r, %wkv_rec, %w_o, %ln2_w, %ln2_b, %ffn_mu_k, %ffn_mu_r, %ffn_w_k, %ffn_w_r, %ffn_w_v, %ln_out_w, %ln_out_b, %w_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<8x8xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<6x8xf32>) -> tensor<8x2x6xf32>
  %logits_par = func.call @block_output(%x, %r, %wkv_par, %w_o, %ln2_w, %ln2_b, %ffn_mu_k, %ffn_mu_r, %ffn_w_k, %ffn_w_r, %ffn_w_v, %ln_out_w, %ln_out_b, %w_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<8x8xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<6x8xf32>) -> tensor<8x2x6xf32>
  return %wkv_rec, %wkv_par, %logits_rec, %logits_par
      : tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x6xf32>, tensor<8x2x6xf32>
}

// Language modelling in the training (parallel) form: the mean
// cross-entropy of the logits of every step against the next tokens
// `targets`.
func.func @loss(%tokens: tensor<8x2xi64> {nn.input = "tokens"},
    %targets: tensor<16xi64> {nn.input = "targets"},
    %emb: tensor<6x8xf32> {nn.param = "emb.weight"},
    %ln1_w: tensor<8xf32> {nn.param = "blocks.0.ln1.weight"},
    %ln1_b: tensor<8xf32> {nn.param = "blocks.0.ln1.bias"},
    %mu_k: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_k"},
    %mu_v: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_v"},
    %mu_r: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_r"},
    %w_k: tensor<8x8xf32> {nn.param = "blocks.0.att.key.weight"},
    %w_v: tensor<8x8xf32> {nn.param = "blocks.0.att.value.weight"},
    %w_r: tensor<8x8xf32> {nn.param = "blocks.0.att.receptance.weight"},
    %time_decay: tensor<8xf32> {nn.param = "blocks.0.att.time_decay"},
    %time_first: tensor<8xf32> {nn.param = "blocks.0.att.time_first"},
    %w_o: tensor<8x8xf32> {nn.param = "blocks.0.att.output.weight"},
    %ln2_w: tensor<8xf32> {nn.param = "blocks.0.ln2.weight"},
    %ln2_b: tensor<8xf32> {nn.param = "blocks.0.ln2.bias"},
    %ffn_mu_k: tensor<8xf32> {nn.param = "blocks.0.ffn.time_mix_k"},
    %ffn_mu_r: tensor<8xf32> {nn.param = "blocks.0.ffn.time_mix_r"},
    %ffn_w_k: tensor<16x8xf32> {nn.param = "blocks.0.ffn.key.weight"},
    %ffn_w_r: tensor<8x8xf32> {nn.param = "blocks.0.ffn.receptance.weight"},
    %ffn_w_v: tensor<8x16xf32> {nn.param = "blocks.0.ffn.value.weight"},
    %ln_out_w: tensor<8xf32> {nn.param = "ln_out.weight"},
    %ln_out_b: tensor<8xf32> {nn.param = "ln_out.bias"},
    %w_head: tensor<6x8xf32> {nn.param = "head.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %x, %k, %v, %r = func.call @time_mixing_inputs(%tokens, %emb, %ln1_w, %ln1_b, %mu_k, %mu_v, %mu_r, %w_k, %w_v, %w_r)
      : (tensor<8x2xi64>, tensor<6x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>)
      -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>)
  %wkv = func.call @wkv_parallel(%k, %v, %time_decay, %time_first)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %logits = func.call @block_output(%x, %r, %wkv, %w_o, %ln2_w, %ln2_b, %ffn_mu_k, %ffn_mu_r, %ffn_w_k, %ffn_w_r, %ffn_w_v, %ln_out_w, %ln_out_b, %w_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<8x8xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<6x8xf32>) -> tensor<8x2x6xf32>
  %flat = nn.reshape %logits [16, 6] : tensor<8x2x6xf32>
  %ce = nn.cross_entropy %flat, %targets : tensor<16x6xf32>, tensor<16xi64>
  return %ce : tensor<f32>
}

// The same loss through the recurrent form (BPTT through the scan): the
// mean cross-entropy of the logits of every step against the next tokens
// `targets`.
func.func @loss_recurrent(%tokens: tensor<8x2xi64> {nn.input = "tokens"},
    %targets: tensor<16xi64> {nn.input = "targets"},
    %emb: tensor<6x8xf32> {nn.param = "emb.weight"},
    %ln1_w: tensor<8xf32> {nn.param = "blocks.0.ln1.weight"},
    %ln1_b: tensor<8xf32> {nn.param = "blocks.0.ln1.bias"},
    %mu_k: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_k"},
    %mu_v: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_v"},
    %mu_r: tensor<8xf32> {nn.param = "blocks.0.att.time_mix_r"},
    %w_k: tensor<8x8xf32> {nn.param = "blocks.0.att.key.weight"},
    %w_v: tensor<8x8xf32> {nn.param = "blocks.0.att.value.weight"},
    %w_r: tensor<8x8xf32> {nn.param = "blocks.0.att.receptance.weight"},
    %time_decay: tensor<8xf32> {nn.param = "blocks.0.att.time_decay"},
    %time_first: tensor<8xf32> {nn.param = "blocks.0.att.time_first"},
    %w_o: tensor<8x8xf32> {nn.param = "blocks.0.att.output.weight"},
    %ln2_w: tensor<8xf32> {nn.param = "blocks.0.ln2.weight"},
    %ln2_b: tensor<8xf32> {nn.param = "blocks.0.ln2.bias"},
    %ffn_mu_k: tensor<8xf32> {nn.param = "blocks.0.ffn.time_mix_k"},
    %ffn_mu_r: tensor<8xf32> {nn.param = "blocks.0.ffn.time_mix_r"},
    %ffn_w_k: tensor<16x8xf32> {nn.param = "blocks.0.ffn.key.weight"},
    %ffn_w_r: tensor<8x8xf32> {nn.param = "blocks.0.ffn.receptance.weight"},
    %ffn_w_v: tensor<8x16xf32> {nn.param = "blocks.0.ffn.value.weight"},
    %ln_out_w: tensor<8xf32> {nn.param = "ln_out.weight"},
    %ln_out_b: tensor<8xf32> {nn.param = "ln_out.bias"},
    %w_head: tensor<6x8xf32> {nn.param = "head.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %x, %k, %v, %r = func.call @time_mixing_inputs(%tokens, %emb, %ln1_w, %ln1_b, %mu_k, %mu_v, %mu_r, %w_k, %w_v, %w_r)
      : (tensor<8x2xi64>, tensor<6x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>)
      -> (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>)
  %wkv = func.call @wkv_recurrent(%k, %v, %time_decay, %time_first)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8x2x8xf32>
  %logits = func.call @block_output(%x, %r, %wkv, %w_o, %ln2_w, %ln2_b, %ffn_mu_k, %ffn_mu_r, %ffn_w_k, %ffn_w_r, %ffn_w_v, %ln_out_w, %ln_out_b, %w_head)
      : (tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x2x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<16x8xf32>, tensor<8x8xf32>, tensor<8x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<6x8xf32>) -> tensor<8x2x6xf32>
  %flat = nn.reshape %logits [16, 6] : tensor<8x2x6xf32>
  %ce = nn.cross_entropy %flat, %targets : tensor<16x6xf32>, tensor<16xi64>
  return %ce : tensor<f32>
}
