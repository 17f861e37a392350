// [liquid] Liquid time-constant (LTC) neurons and the closed-form
// continuous-depth (CfC) cell, each run over an irregularly sampled sequence
// (T = 16 steps, batch 2, 3 inputs, 6 neurons; `dt` = the time elapsed at
// each sample) as one nn.scan, with a linear readout per step.
//
// LTC (Hasani et al. 2021): the state obeys the ODE
//   dh/dt = -(1/tau + f) * h + f * A,   f = sigmoid(x_t W_in^T + h W_rec^T + b)
// whose time constant tau_sys = tau / (1 + tau f) depends on the input (and
// the state) through f; tau = softplus(tau_raw) > 0. Each sample's interval
// is integrated by two steps of the fused (semi-implicit Euler) solver
//   h <- (h + (dt/2) f A) / (1 + (dt/2) (1/tau + f)),
// re-evaluating f at each. `ltc_tau_sys` is tau_sys at every step.
//
// CfC (Hasani et al. 2022): the closed-form solution of that ODE family,
// with a shared backbone z = tanh([x_t, h] W_bb^T + b_bb) and three heads,
//   h <- sigmoid(-f t) * g + (1 - sigmoid(-f t)) * k,
//   f = z W_f^T + b_f,  g = tanh(z W_g^T + b_g),  k = tanh(z W_k^T + b_k),
// where t is the sample's elapsed time: no ODE solver at all.
//
// @loss: sequence regression, the mean squared error of both readouts
// against a target at every step (gradients by BPTT through both scans).
// Weights: liquid.safetensors (test/arch/liquid/make_golden.py).

// The LTC layer: every state, every tau_sys, every readout.
func.func private @ltc(%x: tensor<16x2x3xf32>, %dt: tensor<16x2x1xf32>,
    %h0: tensor<2x6xf32>, %w_in: tensor<6x3xf32>, %w_rec: tensor<6x6xf32>,
    %b: tensor<6xf32>, %tau_raw: tensor<6xf32>, %a: tensor<6xf32>,
    %w_out: tensor<1x6xf32>, %b_out: tensor<1xf32>)
    -> (tensor<16x2x6xf32>, tensor<16x2x6xf32>, tensor<16x2x1xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %tau = nn.softplus %tau_raw : tensor<6xf32>
  %inv_tau = nn.div %one, %tau : tensor<f32>, tensor<6xf32>
  %w_in_t = nn.transpose %w_in [1, 0] : tensor<6x3xf32>
  %w_rec_t = nn.transpose %w_rec [1, 0] : tensor<6x6xf32>
  %xw = nn.matmul %x, %w_in_t : tensor<16x2x3xf32>, tensor<3x6xf32>
  %u = nn.add %xw, %b : tensor<16x2x6xf32>, tensor<6xf32>
  %dt_half = nn.mul %dt, %half : tensor<16x2x1xf32>, tensor<f32>
  %h_n, %hs, %taus = nn.scan init(%h0 : tensor<2x6xf32>)
      over(%u, %dt_half : tensor<16x2x6xf32>, tensor<16x2x1xf32>)
      finals(tensor<2x6xf32>) outputs(tensor<16x2x6xf32>, tensor<16x2x6xf32>) {
  ^bb0(%h: tensor<2x6xf32>, %u_t: tensor<2x6xf32>, %d: tensor<2x1xf32>):
    // First solver step.
    %r1 = nn.matmul %h, %w_rec_t : tensor<2x6xf32>, tensor<6x6xf32>
    %z1 = nn.add %u_t, %r1 : tensor<2x6xf32>, tensor<2x6xf32>
    %f1 = nn.sigmoid %z1 : tensor<2x6xf32>
    %fa1 = nn.mul %f1, %a : tensor<2x6xf32>, tensor<6xf32>
    %dfa1 = nn.mul %fa1, %d : tensor<2x6xf32>, tensor<2x1xf32>
    %num1 = nn.add %h, %dfa1 : tensor<2x6xf32>, tensor<2x6xf32>
    %g1 = nn.add %f1, %inv_tau : tensor<2x6xf32>, tensor<6xf32>
    %dg1 = nn.mul %g1, %d : tensor<2x6xf32>, tensor<2x1xf32>
    %den1 = nn.add %dg1, %one : tensor<2x6xf32>, tensor<f32>
    %h1 = nn.div %num1, %den1 : tensor<2x6xf32>, tensor<2x6xf32>
    // Second solver step, f re-evaluated at the new state.
    %r2 = nn.matmul %h1, %w_rec_t : tensor<2x6xf32>, tensor<6x6xf32>
    %z2 = nn.add %u_t, %r2 : tensor<2x6xf32>, tensor<2x6xf32>
    %f2 = nn.sigmoid %z2 : tensor<2x6xf32>
    %fa2 = nn.mul %f2, %a : tensor<2x6xf32>, tensor<6xf32>
    %dfa2 = nn.mul %fa2, %d : tensor<2x6xf32>, tensor<2x1xf32>
    %num2 = nn.add %h1, %dfa2 : tensor<2x6xf32>, tensor<2x6xf32>
    %g2 = nn.add %f2, %inv_tau : tensor<2x6xf32>, tensor<6xf32>
    %dg2 = nn.mul %g2, %d : tensor<2x6xf32>, tensor<2x1xf32>
    %den2 = nn.add %dg2, %one : tensor<2x6xf32>, tensor<f32>
    %h2 = nn.div %num2, %den2 : tensor<2x6xf32>, tensor<2x6xf32>
    // tau_sys = tau / (1 + tau f) = 1 / (1/tau + f), at the last f.
    %tau_sys = nn.div %one, %g2 : tensor<f32>, tensor<2x6xf32>
    nn.yield %h2, %h2, %tau_sys : tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>
  }
  %w_out_t = nn.transpose %w_out [1, 0] : tensor<1x6xf32>
  %yw = nn.matmul %hs, %w_out_t : tensor<16x2x6xf32>, tensor<6x1xf32>
  %y = nn.add %yw, %b_out : tensor<16x2x1xf32>, tensor<1xf32>
  return %hs, %taus, %y : tensor<16x2x6xf32>, tensor<16x2x6xf32>, tensor<16x2x1xf32>
}

// The CfC layer: every state and every readout.
func.func private @cfc(%x: tensor<16x2x3xf32>, %dt: tensor<16x2x1xf32>,
    %h0: tensor<2x6xf32>, %w_bb: tensor<8x9xf32>, %b_bb: tensor<8xf32>,
    %w_f: tensor<6x8xf32>, %b_f: tensor<6xf32>,
    %w_g: tensor<6x8xf32>, %b_g: tensor<6xf32>,
    %w_k: tensor<6x8xf32>, %b_k: tensor<6xf32>,
    %w_out: tensor<1x6xf32>, %b_out: tensor<1xf32>)
    -> (tensor<16x2x6xf32>, tensor<16x2x1xf32>) {
  %w_bb_t = nn.transpose %w_bb [1, 0] : tensor<8x9xf32>
  %w_f_t = nn.transpose %w_f [1, 0] : tensor<6x8xf32>
  %w_g_t = nn.transpose %w_g [1, 0] : tensor<6x8xf32>
  %w_k_t = nn.transpose %w_k [1, 0] : tensor<6x8xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x6xf32>)
      over(%x, %dt : tensor<16x2x3xf32>, tensor<16x2x1xf32>)
      finals(tensor<2x6xf32>) outputs(tensor<16x2x6xf32>) {
  ^bb0(%h: tensor<2x6xf32>, %x_t: tensor<2x3xf32>, %t: tensor<2x1xf32>):
    %xh = nn.concat %x_t, %h axis 1 : tensor<2x3xf32>, tensor<2x6xf32>
    %zw = nn.matmul %xh, %w_bb_t : tensor<2x9xf32>, tensor<9x8xf32>
    %zb = nn.add %zw, %b_bb : tensor<2x8xf32>, tensor<8xf32>
    %z = nn.tanh %zb : tensor<2x8xf32>
    %fw = nn.matmul %z, %w_f_t : tensor<2x8xf32>, tensor<8x6xf32>
    %f = nn.add %fw, %b_f : tensor<2x6xf32>, tensor<6xf32>
    %gw = nn.matmul %z, %w_g_t : tensor<2x8xf32>, tensor<8x6xf32>
    %gb = nn.add %gw, %b_g : tensor<2x6xf32>, tensor<6xf32>
    %g = nn.tanh %gb : tensor<2x6xf32>
    %kw = nn.matmul %z, %w_k_t : tensor<2x8xf32>, tensor<8x6xf32>
    %kb = nn.add %kw, %b_k : tensor<2x6xf32>, tensor<6xf32>
    %k = nn.tanh %kb : tensor<2x6xf32>
    %ft = nn.mul %f, %t : tensor<2x6xf32>, tensor<2x1xf32>
    %nft = nn.neg %ft : tensor<2x6xf32>
    %gate = nn.sigmoid %nft : tensor<2x6xf32>
    %gk = nn.sub %g, %k : tensor<2x6xf32>, tensor<2x6xf32>
    %mix = nn.mul %gate, %gk : tensor<2x6xf32>, tensor<2x6xf32>
    %h_next = nn.add %k, %mix : tensor<2x6xf32>, tensor<2x6xf32>
    nn.yield %h_next, %h_next : tensor<2x6xf32>, tensor<2x6xf32>
  }
  %w_out_t = nn.transpose %w_out [1, 0] : tensor<1x6xf32>
  %yw = nn.matmul %hs, %w_out_t : tensor<16x2x6xf32>, tensor<6x1xf32>
  %y = nn.add %yw, %b_out : tensor<16x2x1xf32>, tensor<1xf32>
  return %hs, %y : tensor<16x2x6xf32>, tensor<16x2x1xf32>
}

func.func @forward(%x: tensor<16x2x3xf32> {nn.input = "x"},
    %dt: tensor<16x2x1xf32> {nn.input = "dt"},
    %h0: tensor<2x6xf32> {nn.input = "h0"},
    %ltc_w_in: tensor<6x3xf32> {nn.param = "ltc.input_weight"},
    %ltc_w_rec: tensor<6x6xf32> {nn.param = "ltc.recurrent_weight"},
    %ltc_b: tensor<6xf32> {nn.param = "ltc.bias"},
    %ltc_tau: tensor<6xf32> {nn.param = "ltc.tau_raw"},
    %ltc_a: tensor<6xf32> {nn.param = "ltc.reversal"},
    %ltc_w_out: tensor<1x6xf32> {nn.param = "ltc_head.weight"},
    %ltc_b_out: tensor<1xf32> {nn.param = "ltc_head.bias"},
    %w_bb: tensor<8x9xf32> {nn.param = "cfc.backbone.weight"},
    %b_bb: tensor<8xf32> {nn.param = "cfc.backbone.bias"},
    %w_f: tensor<6x8xf32> {nn.param = "cfc.f.weight"},
    %b_f: tensor<6xf32> {nn.param = "cfc.f.bias"},
    %w_g: tensor<6x8xf32> {nn.param = "cfc.g.weight"},
    %b_g: tensor<6xf32> {nn.param = "cfc.g.bias"},
    %w_k: tensor<6x8xf32> {nn.param = "cfc.k.weight"},
    %b_k: tensor<6xf32> {nn.param = "cfc.k.bias"},
    %cfc_w_out: tensor<1x6xf32> {nn.param = "cfc_head.weight"},
    %cfc_b_out: tensor<1xf32> {nn.param = "cfc_head.bias"})
    -> (tensor<16x2x6xf32> {nn.output = "ltc_states"},
        tensor<16x2x6xf32> {nn.output = "ltc_tau_sys"},
        tensor<16x2x1xf32> {nn.output = "ltc_y"},
        tensor<16x2x6xf32> {nn.output = "cfc_states"},
        tensor<16x2x1xf32> {nn.output = "cfc_y"}) {
  %lh, %lt, %ly = func.call @ltc(%x, %dt, %h0, %ltc_w_in, %ltc_w_rec, %ltc_b,
      %ltc_tau, %ltc_a, %ltc_w_out, %ltc_b_out)
      : (tensor<16x2x3xf32>, tensor<16x2x1xf32>, tensor<2x6xf32>, tensor<6x3xf32>,
         tensor<6x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<1x6xf32>, tensor<1xf32>)
      -> (tensor<16x2x6xf32>, tensor<16x2x6xf32>, tensor<16x2x1xf32>)
  %ch, %cy = func.call @cfc(%x, %dt, %h0, %w_bb, %b_bb, %w_f, %b_f, %w_g, %b_g,
      %w_k, %b_k, %cfc_w_out, %cfc_b_out)
      : (tensor<16x2x3xf32>, tensor<16x2x1xf32>, tensor<2x6xf32>, tensor<8x9xf32>,
         tensor<8xf32>, tensor<6x8xf32>, tensor<6xf32>, tensor<6x8xf32>,
         tensor<6xf32>, tensor<6x8xf32>, tensor<6xf32>, tensor<1x6xf32>,
         tensor<1xf32>) -> (tensor<16x2x6xf32>, tensor<16x2x1xf32>)
  return %lh, %lt, %ly, %ch, %cy : tensor<16x2x6xf32>, tensor<16x2x6xf32>,
      tensor<16x2x1xf32>, tensor<16x2x6xf32>, tensor<16x2x1xf32>
}

func.func @loss(%x: tensor<16x2x3xf32> {nn.input = "x"},
    %dt: tensor<16x2x1xf32> {nn.input = "dt"},
    %h0: tensor<2x6xf32> {nn.input = "h0"},
    %target: tensor<16x2x1xf32> {nn.input = "target"},
    %ltc_w_in: tensor<6x3xf32> {nn.param = "ltc.input_weight"},
    %ltc_w_rec: tensor<6x6xf32> {nn.param = "ltc.recurrent_weight"},
    %ltc_b: tensor<6xf32> {nn.param = "ltc.bias"},
    %ltc_tau: tensor<6xf32> {nn.param = "ltc.tau_raw"},
    %ltc_a: tensor<6xf32> {nn.param = "ltc.reversal"},
    %ltc_w_out: tensor<1x6xf32> {nn.param = "ltc_head.weight"},
    %ltc_b_out: tensor<1xf32> {nn.param = "ltc_head.bias"},
    %w_bb: tensor<8x9xf32> {nn.param = "cfc.backbone.weight"},
    %b_bb: tensor<8xf32> {nn.param = "cfc.backbone.bias"},
    %w_f: tensor<6x8xf32> {nn.param = "cfc.f.weight"},
    %b_f: tensor<6xf32> {nn.param = "cfc.f.bias"},
    %w_g: tensor<6x8xf32> {nn.param = "cfc.g.weight"},
    %b_g: tensor<6xf32> {nn.param = "cfc.g.bias"},
    %w_k: tensor<6x8xf32> {nn.param = "cfc.k.weight"},
    %b_k: tensor<6xf32> {nn.param = "cfc.k.bias"},
    %cfc_w_out: tensor<1x6xf32> {nn.param = "cfc_head.weight"},
    %cfc_b_out: tensor<1xf32> {nn.param = "cfc_head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %lh, %lt, %ly = func.call @ltc(%x, %dt, %h0, %ltc_w_in, %ltc_w_rec, %ltc_b,
      %ltc_tau, %ltc_a, %ltc_w_out, %ltc_b_out)
      : (tensor<16x2x3xf32>, tensor<16x2x1xf32>, tensor<2x6xf32>, tensor<6x3xf32>,
         tensor<6x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<1x6xf32>, tensor<1xf32>)
      -> (tensor<16x2x6xf32>, tensor<16x2x6xf32>, tensor<16x2x1xf32>)
  %ch, %cy = func.call @cfc(%x, %dt, %h0, %w_bb, %b_bb, %w_f, %b_f, %w_g, %b_g,
      %w_k, %b_k, %cfc_w_out, %cfc_b_out)
      : (tensor<16x2x3xf32>, tensor<16x2x1xf32>, tensor<2x6xf32>, tensor<8x9xf32>,
         tensor<8xf32>, tensor<6x8xf32>, tensor<6xf32>, tensor<6x8xf32>,
         tensor<6xf32>, tensor<6x8xf32>, tensor<6xf32>, tensor<1x6xf32>,
         tensor<1xf32>) -> (tensor<16x2x6xf32>, tensor<16x2x1xf32>)
  %l_ltc = nn.mse_loss %ly, %target : tensor<16x2x1xf32>, tensor<16x2x1xf32>
  %l_cfc = nn.mse_loss %cy, %target : tensor<16x2x1xf32>, tensor<16x2x1xf32>
  %l = nn.add %l_ltc, %l_cfc : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
