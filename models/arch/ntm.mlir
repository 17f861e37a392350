// [ntm] A neural Turing machine (Graves et al. 2014) with a feed-forward
// controller, one write head and one read head over a memory of N = 8 slots
// of width 4, run for T = 6 steps (batch 2, 4 inputs, 4 outputs) as one
// nn.scan carrying (memory M, read weights, write weights, last read r).
// At each step:
//   controller  c = tanh([x_t, r] W_c^T + b_c); one linear layer gives both
//               heads' parameters (write: key, strength, gate, shift,
//               sharpening, erase, add; read: key, strength, gate, shift,
//               sharpening);
//   addressing  (@address) content: cosine similarity K(k, M_i), weights
//               softmax(beta K) with beta = softplus(.) > 0; location:
//               interpolation w_g = g w_c + (1 - g) w_prev (g = sigmoid),
//               circular shift by -1, 0, +1 (s = softmax over the three; the
//               rolls are slices + concat), sharpening w^gamma / sum w^gamma
//               with gamma = 1 + softplus(.) >= 1;
//   write       M <- M * (1 - w e^T) + w a^T (erase e = sigmoid, add a = tanh);
//   read        r = w^T M (from the written memory);
//   output      y_t = [c, r] W_o^T + b_o (logits).
// The initial memory is a learned parameter; both heads start at the given
// weights w0, and r at r0. @forward returns the logits and both heads'
// weights at every step; @loss is the binary cross-entropy of the logits
// against target bits (gradients by BPTT through memory and addressing).
// Weights: ntm.safetensors (test/arch/ntm/make_golden.py).

// A head's weighting over the 8 slots from its raw parameters (before their
// squashing functions), its previous weighting and the memory.
func.func private @address(%k: tensor<2x4xf32>, %beta_raw: tensor<2x1xf32>,
    %g_raw: tensor<2x1xf32>, %s_raw: tensor<2x3xf32>,
    %gamma_raw: tensor<2x1xf32>, %w_prev: tensor<2x8xf32>,
    %m: tensor<2x8x4xf32>) -> tensor<2x8xf32> {
  %one = arith.constant dense<1.0> : tensor<f32>
  %eps = arith.constant dense<1.0e-8> : tensor<f32>
  // Content addressing: cosine similarity of the key with every slot.
  %k3 = nn.reshape %k [2, 4, 1] : tensor<2x4xf32>
  %dot3 = nn.matmul %m, %k3 : tensor<2x8x4xf32>, tensor<2x4x1xf32>
  %dot = nn.reshape %dot3 [2, 8] : tensor<2x8x1xf32>
  %m2 = nn.mul %m, %m : tensor<2x8x4xf32>, tensor<2x8x4xf32>
  %m_sq = nn.reduce_sum %m2 [2] : tensor<2x8x4xf32>
  %m_norm = nn.sqrt %m_sq : tensor<2x8xf32>
  %k2 = nn.mul %k, %k : tensor<2x4xf32>, tensor<2x4xf32>
  %k_sq = nn.reduce_sum %k2 [1] {keepdim = true} : tensor<2x4xf32>
  %k_norm = nn.sqrt %k_sq : tensor<2x1xf32>
  %norms = nn.mul %m_norm, %k_norm : tensor<2x8xf32>, tensor<2x1xf32>
  %denom = nn.add %norms, %eps : tensor<2x8xf32>, tensor<f32>
  %cos = nn.div %dot, %denom : tensor<2x8xf32>, tensor<2x8xf32>
  %beta = nn.softplus %beta_raw : tensor<2x1xf32>
  %score = nn.mul %cos, %beta : tensor<2x8xf32>, tensor<2x1xf32>
  %w_c = nn.softmax %score axis 1 : tensor<2x8xf32>
  // Interpolation with the previous weighting.
  %g = nn.sigmoid %g_raw : tensor<2x1xf32>
  %diff = nn.sub %w_c, %w_prev : tensor<2x8xf32>, tensor<2x8xf32>
  %gd = nn.mul %diff, %g : tensor<2x8xf32>, tensor<2x1xf32>
  %w_g = nn.add %w_prev, %gd : tensor<2x8xf32>, tensor<2x8xf32>
  // Circular shift: w~(i) = s_-1 w_g(i + 1) + s_0 w_g(i) + s_+1 w_g(i - 1).
  %s = nn.softmax %s_raw axis 1 : tensor<2x3xf32>
  %s_minus = nn.slice %s [0, 0] to [2, 1] by [1, 1] : tensor<2x3xf32>
  %s_zero = nn.slice %s [0, 1] to [2, 2] by [1, 1] : tensor<2x3xf32>
  %s_plus = nn.slice %s [0, 2] to [2, 3] by [1, 1] : tensor<2x3xf32>
  %head = nn.slice %w_g [0, 0] to [2, 1] by [1, 1] : tensor<2x8xf32>
  %tail = nn.slice %w_g [0, 1] to [2, 8] by [1, 1] : tensor<2x8xf32>
  %rolled_left = nn.concat %tail, %head axis 1 : tensor<2x7xf32>, tensor<2x1xf32>
  %last = nn.slice %w_g [0, 7] to [2, 8] by [1, 1] : tensor<2x8xf32>
  %first = nn.slice %w_g [0, 0] to [2, 7] by [1, 1] : tensor<2x8xf32>
  %rolled_right = nn.concat %last, %first axis 1 : tensor<2x1xf32>, tensor<2x7xf32>
  %t_minus = nn.mul %rolled_left, %s_minus : tensor<2x8xf32>, tensor<2x1xf32>
  %t_zero = nn.mul %w_g, %s_zero : tensor<2x8xf32>, tensor<2x1xf32>
  %t_plus = nn.mul %rolled_right, %s_plus : tensor<2x8xf32>, tensor<2x1xf32>
  %t_mz = nn.add %t_minus, %t_zero : tensor<2x8xf32>, tensor<2x8xf32>
  %w_s = nn.add %t_mz, %t_plus : tensor<2x8xf32>, tensor<2x8xf32>
  // Sharpening: w~^gamma / sum w~^gamma, gamma >= 1.
  %gamma_sp = nn.softplus %gamma_raw : tensor<2x1xf32>
  %gamma = nn.add %gamma_sp, %one : tensor<2x1xf32>, tensor<f32>
  %log_w = nn.log %w_s : tensor<2x8xf32>
  %log_p = nn.mul %log_w, %gamma : tensor<2x8xf32>, tensor<2x1xf32>
  %p = nn.exp %log_p : tensor<2x8xf32>
  %p_sum = nn.reduce_sum %p [1] {keepdim = true} : tensor<2x8xf32>
  %w = nn.div %p, %p_sum : tensor<2x8xf32>, tensor<2x1xf32>
  return %w : tensor<2x8xf32>
}

// The machine over the whole sequence: logits, read and write weights.
func.func private @ntm(%x: tensor<6x2x4xf32>, %w0: tensor<2x8xf32>,
    %r0: tensor<2x4xf32>, %w_c: tensor<16x8xf32>, %b_c: tensor<16xf32>,
    %w_h: tensor<28x16xf32>, %b_h: tensor<28xf32>, %w_o: tensor<4x20xf32>,
    %b_o: tensor<4xf32>, %m_init: tensor<8x4xf32>)
    -> (tensor<6x2x4xf32>, tensor<6x2x8xf32>, tensor<6x2x8xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %m0 = nn.broadcast_to %m_init [2, 8, 4] : tensor<8x4xf32>
  %w_c_t = nn.transpose %w_c [1, 0] : tensor<16x8xf32>
  %w_h_t = nn.transpose %w_h [1, 0] : tensor<28x16xf32>
  %w_o_t = nn.transpose %w_o [1, 0] : tensor<4x20xf32>
  %m_n, %wr_n, %ww_n, %r_n, %ys, %wrs, %wws = nn.scan
      init(%m0, %w0, %w0, %r0 : tensor<2x8x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>)
      over(%x : tensor<6x2x4xf32>)
      finals(tensor<2x8x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>)
      outputs(tensor<6x2x4xf32>, tensor<6x2x8xf32>, tensor<6x2x8xf32>) {
  ^bb0(%m: tensor<2x8x4xf32>, %wr: tensor<2x8xf32>, %ww: tensor<2x8xf32>,
       %r: tensor<2x4xf32>, %x_t: tensor<2x4xf32>):
    // Controller and head parameters.
    %xr = nn.concat %x_t, %r axis 1 : tensor<2x4xf32>, tensor<2x4xf32>
    %cw = nn.matmul %xr, %w_c_t : tensor<2x8xf32>, tensor<8x16xf32>
    %cb = nn.add %cw, %b_c : tensor<2x16xf32>, tensor<16xf32>
    %c = nn.tanh %cb : tensor<2x16xf32>
    %hw = nn.matmul %c, %w_h_t : tensor<2x16xf32>, tensor<16x28xf32>
    %h = nn.add %hw, %b_h : tensor<2x28xf32>, tensor<28xf32>
    %wk = nn.slice %h [0, 0] to [2, 4] by [1, 1] : tensor<2x28xf32>
    %wbeta = nn.slice %h [0, 4] to [2, 5] by [1, 1] : tensor<2x28xf32>
    %wg = nn.slice %h [0, 5] to [2, 6] by [1, 1] : tensor<2x28xf32>
    %ws = nn.slice %h [0, 6] to [2, 9] by [1, 1] : tensor<2x28xf32>
    %wgamma = nn.slice %h [0, 9] to [2, 10] by [1, 1] : tensor<2x28xf32>
    %e_raw = nn.slice %h [0, 10] to [2, 14] by [1, 1] : tensor<2x28xf32>
    %a_raw = nn.slice %h [0, 14] to [2, 18] by [1, 1] : tensor<2x28xf32>
    %rk = nn.slice %h [0, 18] to [2, 22] by [1, 1] : tensor<2x28xf32>
    %rbeta = nn.slice %h [0, 22] to [2, 23] by [1, 1] : tensor<2x28xf32>
    %rg = nn.slice %h [0, 23] to [2, 24] by [1, 1] : tensor<2x28xf32>
    %rs = nn.slice %h [0, 24] to [2, 27] by [1, 1] : tensor<2x28xf32>
    %rgamma = nn.slice %h [0, 27] to [2, 28] by [1, 1] : tensor<2x28xf32>
    // Write: erase then add, at the write head's weighting.
    %ww_next = func.call @address(%wk, %wbeta, %wg, %ws, %wgamma, %ww, %m)
        : (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x3xf32>,
           tensor<2x1xf32>, tensor<2x8xf32>, tensor<2x8x4xf32>) -> tensor<2x8xf32>
    %e = nn.sigmoid %e_raw : tensor<2x4xf32>
    %a = nn.tanh %a_raw : tensor<2x4xf32>
    %w_col = nn.reshape %ww_next [2, 8, 1] : tensor<2x8xf32>
    %e_row = nn.reshape %e [2, 1, 4] : tensor<2x4xf32>
    %a_row = nn.reshape %a [2, 1, 4] : tensor<2x4xf32>
    %we = nn.mul %w_col, %e_row : tensor<2x8x1xf32>, tensor<2x1x4xf32>
    %keep = nn.sub %one, %we : tensor<f32>, tensor<2x8x4xf32>
    %m_erased = nn.mul %m, %keep : tensor<2x8x4xf32>, tensor<2x8x4xf32>
    %wa = nn.mul %w_col, %a_row : tensor<2x8x1xf32>, tensor<2x1x4xf32>
    %m_next = nn.add %m_erased, %wa : tensor<2x8x4xf32>, tensor<2x8x4xf32>
    // Read from the written memory.
    %wr_next = func.call @address(%rk, %rbeta, %rg, %rs, %rgamma, %wr, %m_next)
        : (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x3xf32>,
           tensor<2x1xf32>, tensor<2x8xf32>, tensor<2x8x4xf32>) -> tensor<2x8xf32>
    %wr_row = nn.reshape %wr_next [2, 1, 8] : tensor<2x8xf32>
    %r3 = nn.matmul %wr_row, %m_next : tensor<2x1x8xf32>, tensor<2x8x4xf32>
    %r_next = nn.reshape %r3 [2, 4] : tensor<2x1x4xf32>
    // Output.
    %cr = nn.concat %c, %r_next axis 1 : tensor<2x16xf32>, tensor<2x4xf32>
    %yw = nn.matmul %cr, %w_o_t : tensor<2x20xf32>, tensor<20x4xf32>
    %y = nn.add %yw, %b_o : tensor<2x4xf32>, tensor<4xf32>
    nn.yield %m_next, %wr_next, %ww_next, %r_next, %y, %wr_next, %ww_next
        : tensor<2x8x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>,
          tensor<2x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>
  }
  return %ys, %wrs, %wws : tensor<6x2x4xf32>, tensor<6x2x8xf32>, tensor<6x2x8xf32>
}

func.func @forward(%x: tensor<6x2x4xf32> {nn.input = "x"},
    %w0: tensor<2x8xf32> {nn.input = "w0"},
    %r0: tensor<2x4xf32> {nn.input = "r0"},
    %w_c: tensor<16x8xf32> {nn.param = "controller.weight"},
    %b_c: tensor<16xf32> {nn.param = "controller.bias"},
    %w_h: tensor<28x16xf32> {nn.param = "heads.weight"},
    %b_h: tensor<28xf32> {nn.param = "heads.bias"},
    %w_o: tensor<4x20xf32> {nn.param = "output.weight"},
    %b_o: tensor<4xf32> {nn.param = "output.bias"},
    %m_init: tensor<8x4xf32> {nn.param = "memory.init"})
    -> (tensor<6x2x4xf32> {nn.output = "logits"},
        tensor<6x2x8xf32> {nn.output = "read_weights"},
        tensor<6x2x8xf32> {nn.output = "write_weights"}) {
  %ys, %wrs, %wws = func.call @ntm(%x, %w0, %r0, %w_c, %b_c, %w_h, %b_h, %w_o, %b_o, %m_init)
      : (tensor<6x2x4xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<28x16xf32>, tensor<28xf32>, tensor<4x20xf32>,
         tensor<4xf32>, tensor<8x4xf32>)
      -> (tensor<6x2x4xf32>, tensor<6x2x8xf32>, tensor<6x2x8xf32>)
  return %ys, %wrs, %wws : tensor<6x2x4xf32>, tensor<6x2x8xf32>, tensor<6x2x8xf32>
}

func.func @loss(%x: tensor<6x2x4xf32> {nn.input = "x"},
    %w0: tensor<2x8xf32> {nn.input = "w0"},
    %r0: tensor<2x4xf32> {nn.input = "r0"},
    %target: tensor<6x2x4xf32> {nn.input = "target"},
    %w_c: tensor<16x8xf32> {nn.param = "controller.weight"},
    %b_c: tensor<16xf32> {nn.param = "controller.bias"},
    %w_h: tensor<28x16xf32> {nn.param = "heads.weight"},
    %b_h: tensor<28xf32> {nn.param = "heads.bias"},
    %w_o: tensor<4x20xf32> {nn.param = "output.weight"},
    %b_o: tensor<4xf32> {nn.param = "output.bias"},
    %m_init: tensor<8x4xf32> {nn.param = "memory.init"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %ys, %wrs, %wws = func.call @ntm(%x, %w0, %r0, %w_c, %b_c, %w_h, %b_h, %w_o, %b_o, %m_init)
      : (tensor<6x2x4xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<16x8xf32>,
         tensor<16xf32>, tensor<28x16xf32>, tensor<28xf32>, tensor<4x20xf32>,
         tensor<4xf32>, tensor<8x4xf32>)
      -> (tensor<6x2x4xf32>, tensor<6x2x8xf32>, tensor<6x2x8xf32>)
  %l = nn.binary_cross_entropy_with_logits %ys, %target {reduction = "mean"}
      : tensor<6x2x4xf32>, tensor<6x2x4xf32>
  return %l : tensor<f32>
}
