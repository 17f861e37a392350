// [ssm] State-space sequence layers over a 2-channel sequence of L = 16 steps
// (batch 2), state size N = 4.
// S4: a continuous-time SSM x' = A x + B u, y = C x + D u per channel with A
// initialised to HiPPO-LegS and B to its input vector (both trainable),
// discretised with step Delta_h = exp(log_dt_h) by zero-order hold:
//   A_bar = exp(Delta A)   (scaling and squaring: Taylor series of order 6
//                           of Delta A / 16, squared 4 times)
//   B_bar = (Delta A)^-1 (A_bar - I) Delta B   (one nn.solve)
// then run in both of its forms, which must agree:
//   recurrent   x_k = A_bar x_{k-1} + B_bar u_k, y_k = C x_k + D u_k (nn.scan)
//   convolution K = (C B_bar, C A_bar B_bar, ..., C A_bar^15 B_bar) (built by
//               doubling: [V, A_bar^m V], log2 L matmuls), y = u * K + D u
//               computed as ifft(fft(u_pad) fft(K_pad)) over length 2L = 32
//               (nn.fft, O(L log L); the zero padding makes the circular
//               convolution the causal linear one).
// Mamba: the selective SSM (S6) on the same input: step size, B and C depend
// on the input, A = -exp(A_log) is diagonal,
//   Delta_t = softplus(u_t W_dt^T + b_dt), B_t = u_t W_B^T, C_t = u_t W_C^T
//   h_t = exp(Delta_t A) h_{t-1} + Delta_t B_t u_t,  y_t = C_t h_t + D u_t
// with the recurrence one nn.scan (the discretisation Mamba uses: zero-order
// hold for A, Euler for B).
// @loss: the mean squared errors of S4's convolution form and of Mamba against
// a target sequence; the ctest arch/ssm/forms-agree checks nnc's two S4 forms
// against each other.
// Weights: ssm.safetensors (test/arch/ssm/make_golden.py).
func.func @forward(%u: tensor<16x2x2xf32> {nn.input = "u"},
    %a: tensor<4x4xf32> {nn.param = "s4.A"},
    %b: tensor<4x1xf32> {nn.param = "s4.B"},
    %c: tensor<2x4xf32> {nn.param = "s4.C"},
    %d: tensor<2xf32> {nn.param = "s4.D"},
    %log_dt: tensor<2xf32> {nn.param = "s4.log_dt"},
    %a_log: tensor<2x4xf32> {nn.param = "mamba.A_log"},
    %w_dt: tensor<2x2xf32> {nn.param = "mamba.dt_proj.weight"},
    %b_dt: tensor<2xf32> {nn.param = "mamba.dt_proj.bias"},
    %w_b: tensor<4x2xf32> {nn.param = "mamba.B_proj.weight"},
    %w_c: tensor<4x2xf32> {nn.param = "mamba.C_proj.weight"},
    %d_m: tensor<2xf32> {nn.param = "mamba.D"})
    -> (tensor<2x4x4xf32> {nn.output = "s4_A_bar"},
        tensor<2x4x1xf32> {nn.output = "s4_B_bar"},
        tensor<2x16xf32> {nn.output = "s4_kernel"},
        tensor<16x2x2xf32> {nn.output = "s4_y_recurrent"},
        tensor<16x2x2xf32> {nn.output = "s4_y_conv"},
        tensor<16x2x2xf32> {nn.output = "mamba_delta"},
        tensor<16x2x2xf32> {nn.output = "mamba_y"}) {
  %a_bar, %b_bar = call @s4_discretize(%a, %b, %log_dt)
      : (tensor<4x4xf32>, tensor<4x1xf32>, tensor<2xf32>)
      -> (tensor<2x4x4xf32>, tensor<2x4x1xf32>)
  %y_rec = call @s4_recurrent(%u, %a_bar, %b_bar, %c, %d)
      : (tensor<16x2x2xf32>, tensor<2x4x4xf32>, tensor<2x4x1xf32>, tensor<2x4xf32>,
         tensor<2xf32>) -> tensor<16x2x2xf32>
  %kernel = call @s4_kernel(%a_bar, %b_bar, %c)
      : (tensor<2x4x4xf32>, tensor<2x4x1xf32>, tensor<2x4xf32>) -> tensor<2x16xf32>
  %y_conv = call @s4_convolution(%u, %kernel, %d)
      : (tensor<16x2x2xf32>, tensor<2x16xf32>, tensor<2xf32>) -> tensor<16x2x2xf32>
  %delta, %y_m = call @mamba(%u, %a_log, %w_dt, %b_dt, %w_b, %w_c, %d_m)
      : (tensor<16x2x2xf32>, tensor<2x4xf32>, tensor<2x2xf32>, tensor<2xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<2xf32>)
      -> (tensor<16x2x2xf32>, tensor<16x2x2xf32>)
  return %a_bar, %b_bar, %kernel, %y_rec, %y_conv, %delta, %y_m
      : tensor<2x4x4xf32>, tensor<2x4x1xf32>, tensor<2x16xf32>, tensor<16x2x2xf32>,
        tensor<16x2x2xf32>, tensor<16x2x2xf32>, tensor<16x2x2xf32>
}

// mean((S4 convolution form - target)^2) + mean((Mamba - target)^2).
func.func @loss(%u: tensor<16x2x2xf32> {nn.input = "u"},
    %target: tensor<16x2x2xf32> {nn.input = "target"},
    %a: tensor<4x4xf32> {nn.param = "s4.A"},
    %b: tensor<4x1xf32> {nn.param = "s4.B"},
    %c: tensor<2x4xf32> {nn.param = "s4.C"},
    %d: tensor<2xf32> {nn.param = "s4.D"},
    %log_dt: tensor<2xf32> {nn.param = "s4.log_dt"},
    %a_log: tensor<2x4xf32> {nn.param = "mamba.A_log"},
    %w_dt: tensor<2x2xf32> {nn.param = "mamba.dt_proj.weight"},
    %b_dt: tensor<2xf32> {nn.param = "mamba.dt_proj.bias"},
    %w_b: tensor<4x2xf32> {nn.param = "mamba.B_proj.weight"},
    %w_c: tensor<4x2xf32> {nn.param = "mamba.C_proj.weight"},
    %d_m: tensor<2xf32> {nn.param = "mamba.D"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %a_bar, %b_bar = call @s4_discretize(%a, %b, %log_dt)
      : (tensor<4x4xf32>, tensor<4x1xf32>, tensor<2xf32>)
      -> (tensor<2x4x4xf32>, tensor<2x4x1xf32>)
  %kernel = call @s4_kernel(%a_bar, %b_bar, %c)
      : (tensor<2x4x4xf32>, tensor<2x4x1xf32>, tensor<2x4xf32>) -> tensor<2x16xf32>
  %y_conv = call @s4_convolution(%u, %kernel, %d)
      : (tensor<16x2x2xf32>, tensor<2x16xf32>, tensor<2xf32>) -> tensor<16x2x2xf32>
  %delta, %y_m = call @mamba(%u, %a_log, %w_dt, %b_dt, %w_b, %w_c, %d_m)
      : (tensor<16x2x2xf32>, tensor<2x4xf32>, tensor<2x2xf32>, tensor<2xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<2xf32>)
      -> (tensor<16x2x2xf32>, tensor<16x2x2xf32>)
  %e_s4 = nn.sub %y_conv, %target : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  %sq_s4 = nn.mul %e_s4, %e_s4 : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  %mse_s4 = nn.reduce_mean %sq_s4 [] : tensor<16x2x2xf32>
  %e_m = nn.sub %y_m, %target : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  %sq_m = nn.mul %e_m, %e_m : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  %mse_m = nn.reduce_mean %sq_m [] : tensor<16x2x2xf32>
  %l = nn.add %mse_s4, %mse_m : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}

// Zero-order hold of (A, B) with each channel's step exp(log_dt):
// (A_bar [H, N, N], B_bar [H, N, 1]).
func.func private @s4_discretize(%a: tensor<4x4xf32>, %b: tensor<4x1xf32>,
    %log_dt: tensor<2xf32>) -> (tensor<2x4x4xf32>, tensor<2x4x1xf32>) {
  %dt_h = nn.exp %log_dt : tensor<2xf32>
  %dt = nn.reshape %dt_h [2, 1, 1] : tensor<2xf32>
  %dt_a = nn.mul %dt, %a : tensor<2x1x1xf32>, tensor<4x4xf32>
  %dt_b = nn.mul %dt, %b : tensor<2x1x1xf32>, tensor<4x1xf32>
  %diagonal = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %eye = nn.one_hot %diagonal : tensor<4xi64> -> tensor<4x4xf32>
  // exp(M) = exp(M / 16)^16; exp(M / 16) by Horner's rule on the Taylor
  // series: I + M (I + M/2 (I + ... (I + M/6))).
  %s = arith.constant dense<0.0625> : tensor<f32>
  %m = nn.mul %dt_a, %s : tensor<2x4x4xf32>, tensor<f32>
  %r6 = arith.constant dense<0.16666666666666666> : tensor<f32>
  %m6 = nn.mul %m, %r6 : tensor<2x4x4xf32>, tensor<f32>
  %t6 = nn.add %eye, %m6 : tensor<4x4xf32>, tensor<2x4x4xf32>
  %r5 = arith.constant dense<0.2> : tensor<f32>
  %p5 = nn.matmul %m, %t6 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %q5 = nn.mul %p5, %r5 : tensor<2x4x4xf32>, tensor<f32>
  %t5 = nn.add %eye, %q5 : tensor<4x4xf32>, tensor<2x4x4xf32>
  %r4 = arith.constant dense<0.25> : tensor<f32>
  %p4 = nn.matmul %m, %t5 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %q4 = nn.mul %p4, %r4 : tensor<2x4x4xf32>, tensor<f32>
  %t4 = nn.add %eye, %q4 : tensor<4x4xf32>, tensor<2x4x4xf32>
  %r3 = arith.constant dense<0.33333333333333333> : tensor<f32>
  %p3 = nn.matmul %m, %t4 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %q3 = nn.mul %p3, %r3 : tensor<2x4x4xf32>, tensor<f32>
  %t3 = nn.add %eye, %q3 : tensor<4x4xf32>, tensor<2x4x4xf32>
  %r2 = arith.constant dense<0.5> : tensor<f32>
  %p2 = nn.matmul %m, %t3 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %q2 = nn.mul %p2, %r2 : tensor<2x4x4xf32>, tensor<f32>
  %t2 = nn.add %eye, %q2 : tensor<4x4xf32>, tensor<2x4x4xf32>
  %p1 = nn.matmul %m, %t2 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %e1 = nn.add %eye, %p1 : tensor<4x4xf32>, tensor<2x4x4xf32>
  %e2 = nn.matmul %e1, %e1 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %e4 = nn.matmul %e2, %e2 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %e8 = nn.matmul %e4, %e4 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %a_bar = nn.matmul %e8, %e8 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %a_bar_minus_i = nn.sub %a_bar, %eye : tensor<2x4x4xf32>, tensor<4x4xf32>
  %rhs = nn.matmul %a_bar_minus_i, %dt_b : tensor<2x4x4xf32>, tensor<2x4x1xf32>
  %b_bar = nn.solve %dt_a, %rhs : tensor<2x4x4xf32>, tensor<2x4x1xf32>
  return %a_bar, %b_bar : tensor<2x4x4xf32>, tensor<2x4x1xf32>
}

// The recurrent form over u [L, batch, H]: y [L, batch, H].
func.func private @s4_recurrent(%u: tensor<16x2x2xf32>, %a_bar: tensor<2x4x4xf32>,
    %b_bar: tensor<2x4x1xf32>, %c: tensor<2x4xf32>, %d: tensor<2xf32>)
    -> tensor<16x2x2xf32> {
  %u4 = nn.reshape %u [16, 2, 2, 1] : tensor<16x2x2xf32>
  %b_row = nn.reshape %b_bar [2, 4] : tensor<2x4x1xf32>
  %bu = nn.mul %u4, %b_row : tensor<16x2x2x1xf32>, tensor<2x4xf32>
  %a_bar_t = nn.transpose %a_bar [0, 2, 1] : tensor<2x4x4xf32>
  %x0 = arith.constant dense<0.0> : tensor<2x2x4xf32>
  %x_n, %xs = nn.scan init(%x0 : tensor<2x2x4xf32>) over(%bu : tensor<16x2x2x4xf32>)
      finals(tensor<2x2x4xf32>) outputs(tensor<16x2x2x4xf32>) {
  ^bb0(%x: tensor<2x2x4xf32>, %bu_t: tensor<2x2x4xf32>):
    %x_row = nn.reshape %x [2, 2, 1, 4] : tensor<2x2x4xf32>
    %ax_row = nn.matmul %x_row, %a_bar_t : tensor<2x2x1x4xf32>, tensor<2x4x4xf32>
    %ax = nn.reshape %ax_row [2, 2, 4] : tensor<2x2x1x4xf32>
    %x_next = nn.add %ax, %bu_t : tensor<2x2x4xf32>, tensor<2x2x4xf32>
    nn.yield %x_next, %x_next : tensor<2x2x4xf32>, tensor<2x2x4xf32>
  }
  %cx = nn.mul %xs, %c : tensor<16x2x2x4xf32>, tensor<2x4xf32>
  %y_state = nn.reduce_sum %cx [3] : tensor<16x2x2x4xf32>
  %du = nn.mul %u, %d : tensor<16x2x2xf32>, tensor<2xf32>
  %y = nn.add %y_state, %du : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  return %y : tensor<16x2x2xf32>
}

// The convolution kernel K[h, k] = C_h A_bar_h^k B_bar_h, k < 16: the columns
// A_bar^k B_bar doubled log2(16) = 4 times, [V, A_bar^m V] with A_bar^m
// squared on the way.
func.func private @s4_kernel(%a_bar: tensor<2x4x4xf32>, %b_bar: tensor<2x4x1xf32>,
    %c: tensor<2x4xf32>) -> tensor<2x16xf32> {
  %w1 = nn.matmul %a_bar, %b_bar : tensor<2x4x4xf32>, tensor<2x4x1xf32>
  %v2 = nn.concat %b_bar, %w1 axis 2 : tensor<2x4x1xf32>, tensor<2x4x1xf32>
  %p2 = nn.matmul %a_bar, %a_bar : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %w2 = nn.matmul %p2, %v2 : tensor<2x4x4xf32>, tensor<2x4x2xf32>
  %v4 = nn.concat %v2, %w2 axis 2 : tensor<2x4x2xf32>, tensor<2x4x2xf32>
  %p4 = nn.matmul %p2, %p2 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %w4 = nn.matmul %p4, %v4 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %v8 = nn.concat %v4, %w4 axis 2 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %p8 = nn.matmul %p4, %p4 : tensor<2x4x4xf32>, tensor<2x4x4xf32>
  %w8 = nn.matmul %p8, %v8 : tensor<2x4x4xf32>, tensor<2x4x8xf32>
  %v16 = nn.concat %v8, %w8 axis 2 : tensor<2x4x8xf32>, tensor<2x4x8xf32>
  %c_row = nn.reshape %c [2, 1, 4] : tensor<2x4xf32>
  %k_row = nn.matmul %c_row, %v16 : tensor<2x1x4xf32>, tensor<2x4x16xf32>
  %k = nn.reshape %k_row [2, 16] : tensor<2x1x16xf32>
  return %k : tensor<2x16xf32>
}

// The convolution form: y = u * K + D u by FFTs of length 2L = 32.
func.func private @s4_convolution(%u: tensor<16x2x2xf32>, %k: tensor<2x16xf32>,
    %d: tensor<2xf32>) -> tensor<16x2x2xf32> {
  // u as [batch, H, 32, 2] complex, zero-padded.
  %u_bhl = nn.transpose %u [1, 2, 0] : tensor<16x2x2xf32>
  %u_zeros = arith.constant dense<0.0> : tensor<2x2x16xf32>
  %u_pad = nn.concat %u_bhl, %u_zeros axis 2 : tensor<2x2x16xf32>, tensor<2x2x16xf32>
  %u_re = nn.reshape %u_pad [2, 2, 32, 1] : tensor<2x2x32xf32>
  %u_im = arith.constant dense<0.0> : tensor<2x2x32x1xf32>
  %u_c = nn.concat %u_re, %u_im axis 3 : tensor<2x2x32x1xf32>, tensor<2x2x32x1xf32>
  %u_f = nn.fft %u_c : tensor<2x2x32x2xf32>
  // K as [H, 32, 2] complex, zero-padded.
  %k_zeros = arith.constant dense<0.0> : tensor<2x16xf32>
  %k_pad = nn.concat %k, %k_zeros axis 1 : tensor<2x16xf32>, tensor<2x16xf32>
  %k_re = nn.reshape %k_pad [2, 32, 1] : tensor<2x32xf32>
  %k_im = arith.constant dense<0.0> : tensor<2x32x1xf32>
  %k_c = nn.concat %k_re, %k_im axis 2 : tensor<2x32x1xf32>, tensor<2x32x1xf32>
  %k_f = nn.fft %k_c : tensor<2x32x2xf32>
  // The complex product, (a + ib)(c + id) = (ac - bd) + i(ad + bc).
  %ua = nn.slice %u_f [0, 0, 0, 0] to [2, 2, 32, 1] by [1, 1, 1, 1] : tensor<2x2x32x2xf32>
  %ub = nn.slice %u_f [0, 0, 0, 1] to [2, 2, 32, 2] by [1, 1, 1, 1] : tensor<2x2x32x2xf32>
  %kc = nn.slice %k_f [0, 0, 0] to [2, 32, 1] by [1, 1, 1] : tensor<2x32x2xf32>
  %kd = nn.slice %k_f [0, 0, 1] to [2, 32, 2] by [1, 1, 1] : tensor<2x32x2xf32>
  %ac = nn.mul %ua, %kc : tensor<2x2x32x1xf32>, tensor<2x32x1xf32>
  %bd = nn.mul %ub, %kd : tensor<2x2x32x1xf32>, tensor<2x32x1xf32>
  %ad = nn.mul %ua, %kd : tensor<2x2x32x1xf32>, tensor<2x32x1xf32>
  %bc = nn.mul %ub, %kc : tensor<2x2x32x1xf32>, tensor<2x32x1xf32>
  %re = nn.sub %ac, %bd : tensor<2x2x32x1xf32>, tensor<2x2x32x1xf32>
  %im = nn.add %ad, %bc : tensor<2x2x32x1xf32>, tensor<2x2x32x1xf32>
  %y_f = nn.concat %re, %im axis 3 : tensor<2x2x32x1xf32>, tensor<2x2x32x1xf32>
  %y_c = nn.fft %y_f {inverse = true} : tensor<2x2x32x2xf32>
  // The real part of the first L samples, back to [L, batch, H].
  %y_re = nn.slice %y_c [0, 0, 0, 0] to [2, 2, 16, 1] by [1, 1, 1, 1] : tensor<2x2x32x2xf32>
  %y_bhl = nn.reshape %y_re [2, 2, 16] : tensor<2x2x16x1xf32>
  %y_conv = nn.transpose %y_bhl [2, 0, 1] : tensor<2x2x16xf32>
  %du = nn.mul %u, %d : tensor<16x2x2xf32>, tensor<2xf32>
  %y = nn.add %y_conv, %du : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  return %y : tensor<16x2x2xf32>
}

// Mamba's selective SSM over u [L, batch, D]: (Delta [L, batch, D],
// y [L, batch, D]).
func.func private @mamba(%u: tensor<16x2x2xf32>, %a_log: tensor<2x4xf32>,
    %w_dt: tensor<2x2xf32>, %b_dt: tensor<2xf32>, %w_b: tensor<4x2xf32>,
    %w_c: tensor<4x2xf32>, %d: tensor<2xf32>)
    -> (tensor<16x2x2xf32>, tensor<16x2x2xf32>) {
  %w_dt_t = nn.transpose %w_dt [1, 0] : tensor<2x2xf32>
  %dt_lin = nn.matmul %u, %w_dt_t : tensor<16x2x2xf32>, tensor<2x2xf32>
  %dt_pre = nn.add %dt_lin, %b_dt : tensor<16x2x2xf32>, tensor<2xf32>
  %delta = nn.softplus %dt_pre : tensor<16x2x2xf32>
  %w_b_t = nn.transpose %w_b [1, 0] : tensor<4x2xf32>
  %b_sel = nn.matmul %u, %w_b_t : tensor<16x2x2xf32>, tensor<2x4xf32>
  %w_c_t = nn.transpose %w_c [1, 0] : tensor<4x2xf32>
  %c_sel = nn.matmul %u, %w_c_t : tensor<16x2x2xf32>, tensor<2x4xf32>
  %a_exp = nn.exp %a_log : tensor<2x4xf32>
  %a = nn.neg %a_exp : tensor<2x4xf32>
  // exp(Delta_t A) and Delta_t B_t u_t, [L, batch, D, N].
  %delta4 = nn.reshape %delta [16, 2, 2, 1] : tensor<16x2x2xf32>
  %delta_a = nn.mul %delta4, %a : tensor<16x2x2x1xf32>, tensor<2x4xf32>
  %a_sel = nn.exp %delta_a : tensor<16x2x2x4xf32>
  %du = nn.mul %delta, %u : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  %du4 = nn.reshape %du [16, 2, 2, 1] : tensor<16x2x2xf32>
  %b4 = nn.reshape %b_sel [16, 2, 1, 4] : tensor<16x2x4xf32>
  %bu = nn.mul %du4, %b4 : tensor<16x2x2x1xf32>, tensor<16x2x1x4xf32>
  %h0 = arith.constant dense<0.0> : tensor<2x2x4xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x2x4xf32>)
      over(%a_sel, %bu : tensor<16x2x2x4xf32>, tensor<16x2x2x4xf32>)
      finals(tensor<2x2x4xf32>) outputs(tensor<16x2x2x4xf32>) {
  ^bb0(%h: tensor<2x2x4xf32>, %a_t: tensor<2x2x4xf32>, %bu_t: tensor<2x2x4xf32>):
    %ah = nn.mul %a_t, %h : tensor<2x2x4xf32>, tensor<2x2x4xf32>
    %h_next = nn.add %ah, %bu_t : tensor<2x2x4xf32>, tensor<2x2x4xf32>
    nn.yield %h_next, %h_next : tensor<2x2x4xf32>, tensor<2x2x4xf32>
  }
  %c4 = nn.reshape %c_sel [16, 2, 1, 4] : tensor<16x2x4xf32>
  %ch = nn.mul %hs, %c4 : tensor<16x2x2x4xf32>, tensor<16x2x1x4xf32>
  %y_state = nn.reduce_sum %ch [3] : tensor<16x2x2x4xf32>
  %skip = nn.mul %u, %d : tensor<16x2x2xf32>, tensor<2xf32>
  %y = nn.add %y_state, %skip : tensor<16x2x2xf32>, tensor<16x2x2xf32>
  return %delta, %y : tensor<16x2x2xf32>, tensor<16x2x2xf32>
}
