// [attention] The three classic attention scores, each followed by a masked
// softmax over the keys and a weighted sum of the values, batch 2:
//   additive (Bahdanau)        e_ij = v . tanh(W_q q_i + W_k k_j + b)
//   multiplicative (Luong)     e_ij = q_i^T W k_j          ("general" form)
//   scaled dot-product         e_ij = (W_q q_i) . (W_k k_j) / sqrt(d_k),
//                              values W_v k_j
// The first three are cross-attention: 3 queries of width 6 attend over a
// memory of 5 steps of width 8 (keys = values = the memory, projected for
// the scaled dot-product form). The key padding mask `memory_mask` (1 for
// a real step, 0 for padding) sets the scores of padded steps to -inf
// (torch's masked_fill), so their weights are exactly 0. The fourth is
// causal scaled dot-product self-attention over the memory: the padding
// mask and a lower-triangular causal mask (step i sees steps <= i) both
// apply. Padding is only at the end of a sequence, so no row is masked
// whole. @forward returns every context and every weight matrix; @loss is
// the sum of the mean squared errors of the four contexts against targets.
// Weights: attention.safetensors (test/arch/attention/make_golden.py).

/// Scores [2,3,5] of padded keys (keep false) set to -inf, then the softmax
/// over the keys: the attention weights.
func.func private @masked_softmax_3x5(%scores: tensor<2x3x5xf32>,
    %keep: tensor<2x1x5xi1>) -> tensor<2x3x5xf32> {
  %neg_inf = arith.constant dense<0xFF800000> : tensor<f32>
  %masked = nn.select %keep, %scores, %neg_inf : tensor<2x1x5xi1>, tensor<2x3x5xf32>, tensor<f32>
  %weights = nn.softmax %masked axis -1 : tensor<2x3x5xf32>
  return %weights : tensor<2x3x5xf32>
}

/// Bahdanau attention of queries [2,3,6] over the memory [2,5,8].
func.func private @additive_attention(%q: tensor<2x3x6xf32>,
    %memory: tensor<2x5x8xf32>, %keep: tensor<2x1x5xi1>,
    %wq: tensor<6x8xf32>, %wk: tensor<8x8xf32>, %b: tensor<8xf32>,
    %v: tensor<8x1xf32>) -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>) {
  %qp = nn.matmul %q, %wq : tensor<2x3x6xf32>, tensor<6x8xf32>
  %qp4 = nn.reshape %qp [2, 3, 1, 8] : tensor<2x3x8xf32>
  %kp = nn.matmul %memory, %wk : tensor<2x5x8xf32>, tensor<8x8xf32>
  %kp4 = nn.reshape %kp [2, 1, 5, 8] : tensor<2x5x8xf32>
  %sum = nn.add %qp4, %kp4 : tensor<2x3x1x8xf32>, tensor<2x1x5x8xf32>
  %pre = nn.add %sum, %b : tensor<2x3x5x8xf32>, tensor<8xf32>
  %hidden = nn.tanh %pre : tensor<2x3x5x8xf32>
  %e4 = nn.matmul %hidden, %v : tensor<2x3x5x8xf32>, tensor<8x1xf32>
  %scores = nn.reshape %e4 [2, 3, 5] : tensor<2x3x5x1xf32>
  %weights = func.call @masked_softmax_3x5(%scores, %keep)
      : (tensor<2x3x5xf32>, tensor<2x1x5xi1>) -> tensor<2x3x5xf32>
  %context = nn.matmul %weights, %memory : tensor<2x3x5xf32>, tensor<2x5x8xf32>
  return %context, %weights : tensor<2x3x8xf32>, tensor<2x3x5xf32>
}

/// Luong ("general") attention of queries [2,3,6] over the memory [2,5,8].
func.func private @multiplicative_attention(%q: tensor<2x3x6xf32>,
    %memory: tensor<2x5x8xf32>, %keep: tensor<2x1x5xi1>,
    %w: tensor<6x8xf32>) -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>) {
  %qw = nn.matmul %q, %w : tensor<2x3x6xf32>, tensor<6x8xf32>
  %kt = nn.transpose %memory [0, 2, 1] : tensor<2x5x8xf32>
  %scores = nn.matmul %qw, %kt : tensor<2x3x8xf32>, tensor<2x8x5xf32>
  %weights = func.call @masked_softmax_3x5(%scores, %keep)
      : (tensor<2x3x5xf32>, tensor<2x1x5xi1>) -> tensor<2x3x5xf32>
  %context = nn.matmul %weights, %memory : tensor<2x3x5xf32>, tensor<2x5x8xf32>
  return %context, %weights : tensor<2x3x8xf32>, tensor<2x3x5xf32>
}

/// Scaled dot-product attention of queries [2,3,6] over the memory [2,5,8]
/// with query, key and value projections to width 8.
func.func private @scaled_dot_product_attention(%q: tensor<2x3x6xf32>,
    %memory: tensor<2x5x8xf32>, %keep: tensor<2x1x5xi1>,
    %wq: tensor<6x8xf32>, %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>)
    -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>) {
  %qp = nn.matmul %q, %wq : tensor<2x3x6xf32>, tensor<6x8xf32>
  %kp = nn.matmul %memory, %wk : tensor<2x5x8xf32>, tensor<8x8xf32>
  %vp = nn.matmul %memory, %wv : tensor<2x5x8xf32>, tensor<8x8xf32>
  %kt = nn.transpose %kp [0, 2, 1] : tensor<2x5x8xf32>
  %dots = nn.matmul %qp, %kt : tensor<2x3x8xf32>, tensor<2x8x5xf32>
  // 1 / sqrt(d_k), d_k = 8.
  %scale = arith.constant dense<3.535533906e-01> : tensor<f32>
  %scores = nn.mul %dots, %scale : tensor<2x3x5xf32>, tensor<f32>
  %weights = func.call @masked_softmax_3x5(%scores, %keep)
      : (tensor<2x3x5xf32>, tensor<2x1x5xi1>) -> tensor<2x3x5xf32>
  %context = nn.matmul %weights, %vp : tensor<2x3x5xf32>, tensor<2x5x8xf32>
  return %context, %weights : tensor<2x3x8xf32>, tensor<2x3x5xf32>
}

/// Causal scaled dot-product self-attention over the memory [2,5,8]: step
/// i attends to the unpadded steps j <= i.
func.func private @causal_self_attention(%memory: tensor<2x5x8xf32>,
    %keep: tensor<2x1x5xi1>, %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>,
    %wv: tensor<8x8xf32>) -> (tensor<2x5x8xf32>, tensor<2x5x5xf32>) {
  %qp = nn.matmul %memory, %wq : tensor<2x5x8xf32>, tensor<8x8xf32>
  %kp = nn.matmul %memory, %wk : tensor<2x5x8xf32>, tensor<8x8xf32>
  %vp = nn.matmul %memory, %wv : tensor<2x5x8xf32>, tensor<8x8xf32>
  %kt = nn.transpose %kp [0, 2, 1] : tensor<2x5x8xf32>
  %dots = nn.matmul %qp, %kt : tensor<2x5x8xf32>, tensor<2x8x5xf32>
  %scale = arith.constant dense<3.535533906e-01> : tensor<f32>
  %scores = nn.mul %dots, %scale : tensor<2x5x5xf32>, tensor<f32>
  %causal = arith.constant dense<[[true, false, false, false, false],
                                  [true, true, false, false, false],
                                  [true, true, true, false, false],
                                  [true, true, true, true, false],
                                  [true, true, true, true, true]]> : tensor<5x5xi1>
  %neg_inf = arith.constant dense<0xFF800000> : tensor<f32>
  %past = nn.select %causal, %scores, %neg_inf : tensor<5x5xi1>, tensor<2x5x5xf32>, tensor<f32>
  %masked = nn.select %keep, %past, %neg_inf : tensor<2x1x5xi1>, tensor<2x5x5xf32>, tensor<f32>
  %weights = nn.softmax %masked axis -1 : tensor<2x5x5xf32>
  %context = nn.matmul %weights, %vp : tensor<2x5x5xf32>, tensor<2x5x8xf32>
  return %context, %weights : tensor<2x5x8xf32>, tensor<2x5x5xf32>
}

/// The key padding mask [2,5] (1 = real step) as keep flags [2,1,5].
func.func private @keep_flags(%mask: tensor<2x5xf32>) -> tensor<2x1x5xi1> {
  %half = arith.constant dense<5.0e-01> : tensor<f32>
  %mask3 = nn.reshape %mask [2, 1, 5] : tensor<2x5xf32>
  %keep = nn.compare gt, %mask3, %half : tensor<2x1x5xf32>, tensor<f32>
  return %keep : tensor<2x1x5xi1>
}

func.func @forward(%q: tensor<2x3x6xf32> {nn.input = "queries"},
    %memory: tensor<2x5x8xf32> {nn.input = "memory"},
    %mask: tensor<2x5xf32> {nn.input = "memory_mask"},
    %add_wq: tensor<6x8xf32> {nn.param = "additive.query.weight"},
    %add_wk: tensor<8x8xf32> {nn.param = "additive.key.weight"},
    %add_b: tensor<8xf32> {nn.param = "additive.bias"},
    %add_v: tensor<8x1xf32> {nn.param = "additive.v"},
    %mul_w: tensor<6x8xf32> {nn.param = "multiplicative.weight"},
    %sdp_wq: tensor<6x8xf32> {nn.param = "scaled.query.weight"},
    %sdp_wk: tensor<8x8xf32> {nn.param = "scaled.key.weight"},
    %sdp_wv: tensor<8x8xf32> {nn.param = "scaled.value.weight"},
    %self_wq: tensor<8x8xf32> {nn.param = "causal.query.weight"},
    %self_wk: tensor<8x8xf32> {nn.param = "causal.key.weight"},
    %self_wv: tensor<8x8xf32> {nn.param = "causal.value.weight"})
    -> (tensor<2x3x8xf32> {nn.output = "additive_context"},
        tensor<2x3x5xf32> {nn.output = "additive_weights"},
        tensor<2x3x8xf32> {nn.output = "multiplicative_context"},
        tensor<2x3x5xf32> {nn.output = "multiplicative_weights"},
        tensor<2x3x8xf32> {nn.output = "scaled_context"},
        tensor<2x3x5xf32> {nn.output = "scaled_weights"},
        tensor<2x5x8xf32> {nn.output = "causal_context"},
        tensor<2x5x5xf32> {nn.output = "causal_weights"}) {
  %keep = func.call @keep_flags(%mask) : (tensor<2x5xf32>) -> tensor<2x1x5xi1>
  %add_c, %add_a = func.call @additive_attention(%q, %memory, %keep, %add_wq,
      %add_wk, %add_b, %add_v)
      : (tensor<2x3x6xf32>, tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<6x8xf32>,
         tensor<8x8xf32>, tensor<8xf32>, tensor<8x1xf32>)
      -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>)
  %mul_c, %mul_a = func.call @multiplicative_attention(%q, %memory, %keep, %mul_w)
      : (tensor<2x3x6xf32>, tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<6x8xf32>)
      -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>)
  %sdp_c, %sdp_a = func.call @scaled_dot_product_attention(%q, %memory, %keep,
      %sdp_wq, %sdp_wk, %sdp_wv)
      : (tensor<2x3x6xf32>, tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<6x8xf32>,
         tensor<8x8xf32>, tensor<8x8xf32>) -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>)
  %self_c, %self_a = func.call @causal_self_attention(%memory, %keep, %self_wq,
      %self_wk, %self_wv)
      : (tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<8x8xf32>, tensor<8x8xf32>,
         tensor<8x8xf32>) -> (tensor<2x5x8xf32>, tensor<2x5x5xf32>)
  return %add_c, %add_a, %mul_c, %mul_a, %sdp_c, %sdp_a, %self_c, %self_a
      : tensor<2x3x8xf32>, tensor<2x3x5xf32>, tensor<2x3x8xf32>, tensor<2x3x5xf32>,
        tensor<2x3x8xf32>, tensor<2x3x5xf32>, tensor<2x5x8xf32>, tensor<2x5x5xf32>
}

func.func @loss(%q: tensor<2x3x6xf32> {nn.input = "queries"},
    %memory: tensor<2x5x8xf32> {nn.input = "memory"},
    %mask: tensor<2x5xf32> {nn.input = "memory_mask"},
    %target: tensor<2x3x8xf32> {nn.input = "target"},
    %self_target: tensor<2x5x8xf32> {nn.input = "causal_target"},
    %add_wq: tensor<6x8xf32> {nn.param = "additive.query.weight"},
    %add_wk: tensor<8x8xf32> {nn.param = "additive.key.weight"},
    %add_b: tensor<8xf32> {nn.param = "additive.bias"},
    %add_v: tensor<8x1xf32> {nn.param = "additive.v"},
    %mul_w: tensor<6x8xf32> {nn.param = "multiplicative.weight"},
    %sdp_wq: tensor<6x8xf32> {nn.param = "scaled.query.weight"},
    %sdp_wk: tensor<8x8xf32> {nn.param = "scaled.key.weight"},
    %sdp_wv: tensor<8x8xf32> {nn.param = "scaled.value.weight"},
    %self_wq: tensor<8x8xf32> {nn.param = "causal.query.weight"},
    %self_wk: tensor<8x8xf32> {nn.param = "causal.key.weight"},
    %self_wv: tensor<8x8xf32> {nn.param = "causal.value.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %keep = func.call @keep_flags(%mask) : (tensor<2x5xf32>) -> tensor<2x1x5xi1>
  %add_c, %add_a = func.call @additive_attention(%q, %memory, %keep, %add_wq,
      %add_wk, %add_b, %add_v)
      : (tensor<2x3x6xf32>, tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<6x8xf32>,
         tensor<8x8xf32>, tensor<8xf32>, tensor<8x1xf32>)
      -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>)
  %mul_c, %mul_a = func.call @multiplicative_attention(%q, %memory, %keep, %mul_w)
      : (tensor<2x3x6xf32>, tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<6x8xf32>)
      -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>)
  %sdp_c, %sdp_a = func.call @scaled_dot_product_attention(%q, %memory, %keep,
      %sdp_wq, %sdp_wk, %sdp_wv)
      : (tensor<2x3x6xf32>, tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<6x8xf32>,
         tensor<8x8xf32>, tensor<8x8xf32>) -> (tensor<2x3x8xf32>, tensor<2x3x5xf32>)
  %self_c, %self_a = func.call @causal_self_attention(%memory, %keep, %self_wq,
      %self_wk, %self_wv)
      : (tensor<2x5x8xf32>, tensor<2x1x5xi1>, tensor<8x8xf32>, tensor<8x8xf32>,
         tensor<8x8xf32>) -> (tensor<2x5x8xf32>, tensor<2x5x5xf32>)
  %l_add = nn.mse_loss %add_c, %target : tensor<2x3x8xf32>, tensor<2x3x8xf32>
  %l_mul = nn.mse_loss %mul_c, %target : tensor<2x3x8xf32>, tensor<2x3x8xf32>
  %l_sdp = nn.mse_loss %sdp_c, %target : tensor<2x3x8xf32>, tensor<2x3x8xf32>
  %l_self = nn.mse_loss %self_c, %self_target : tensor<2x5x8xf32>, tensor<2x5x8xf32>
  %s1 = nn.add %l_add, %l_mul : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %l_sdp : tensor<f32>, tensor<f32>
  %loss = nn.add %s2, %l_self : tensor<f32>, tensor<f32>
  return %loss : tensor<f32>
}
