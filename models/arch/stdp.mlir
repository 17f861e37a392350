// [stdp] Spike-timing-dependent plasticity on a small spiking layer: 4 leaky
// integrate-and-fire neurons driven by 8 inputs, in steps of dt = 1:
//   v      = 0.9 v + W s_pre;  s_post = H(v - 1);  v = v (1 - s_post)
//   x_pre  = x_pre exp(-1/4);  x_post = x_post exp(-1/8)   (traces decay)
//   W      = clamp(W + 0.05 s_post x_pre^T - 0.03 x_post s_pre^T, 0, 1)
//   x_pre += s_pre;  x_post += s_post
// The pre trace x_pre remembers past input spikes, so a post spike
// potentiates a synapse by 0.05 exp(-dt / 4) for a pre spike dt > 0 steps
// before it; the post trace remembers past output spikes, so a pre spike
// depresses it by 0.03 exp(-dt / 8) for a post spike dt steps before it
// (every pair counts).
// @update is the rule over 25 steps (an nn.scan): input spikes are drawn as
// nn.random_uniform(key) < rates; the state is the weights, both traces and
// the membranes; it also returns the input and output spikes.
// @forward shows the windows and the traces: `window` is the weight change
// the same trace rule gives a synapse for one pre spike at step 12 and one
// post spike dt steps later, dt = -10..10 (a column of pair_pre/pair_post
// each); and, on input spike trains `spikes`, the layer's output spikes,
// membranes and both traces at every step with the weights of
// stdp.safetensors (test/arch/stdp/make_golden.py).
func.func @forward(%spikes: tensor<25x8xf32> {nn.input = "spikes"},
    %pair_pre: tensor<25x21xf32> {nn.input = "pair_pre"},
    %pair_post: tensor<25x21xf32> {nn.input = "pair_post"},
    %w: tensor<4x8xf32> {nn.param = "weights"})
    -> (tensor<25x4xf32> {nn.output = "post_spikes"},
        tensor<25x4xf32> {nn.output = "membrane"},
        tensor<25x8xf32> {nn.output = "pre_trace"},
        tensor<25x4xf32> {nn.output = "post_trace"},
        tensor<21xf32> {nn.output = "window"}) {
  %d_plus, %d_minus = call @trace_decays() : () -> (tensor<f32>, tensor<f32>)
  %v0 = arith.constant dense<0.0> : tensor<4xf32>
  %pre0 = arith.constant dense<0.0> : tensor<8xf32>
  %v_n, %pre_n, %post_n, %s_posts, %vs, %pres, %posts = nn.scan
      init(%v0, %pre0, %v0 : tensor<4xf32>, tensor<8xf32>, tensor<4xf32>)
      over(%spikes : tensor<25x8xf32>)
      finals(tensor<4xf32>, tensor<8xf32>, tensor<4xf32>)
      outputs(tensor<25x4xf32>, tensor<25x4xf32>, tensor<25x8xf32>,
              tensor<25x4xf32>) {
  ^bb0(%v: tensor<4xf32>, %x_pre: tensor<8xf32>, %x_post: tensor<4xf32>,
       %s_pre: tensor<8xf32>):
    %v_next, %s_post = func.call @layer_step(%w, %v, %s_pre)
        : (tensor<4x8xf32>, tensor<4xf32>, tensor<8xf32>) -> (tensor<4xf32>, tensor<4xf32>)
    %d_pre = nn.mul %x_pre, %d_plus : tensor<8xf32>, tensor<f32>
    %d_post = nn.mul %x_post, %d_minus : tensor<4xf32>, tensor<f32>
    %pre_next = nn.add %d_pre, %s_pre : tensor<8xf32>, tensor<8xf32>
    %post_next = nn.add %d_post, %s_post : tensor<4xf32>, tensor<4xf32>
    nn.yield %v_next, %pre_next, %post_next, %s_post, %v_next, %pre_next,
        %post_next : tensor<4xf32>, tensor<8xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<8xf32>, tensor<4xf32>
  }

  // The window: each pair's synapse alone, dw += 0.05 s_post x_pre -
  // 0.03 x_post s_pre with the traces as in the layer.
  %zero = arith.constant dense<0.0> : tensor<21xf32>
  %a_plus = arith.constant dense<0.05> : tensor<f32>
  %a_minus = arith.constant dense<0.03> : tensor<f32>
  %dw, %wx_pre, %wx_post = nn.scan
      init(%zero, %zero, %zero : tensor<21xf32>, tensor<21xf32>, tensor<21xf32>)
      over(%pair_pre, %pair_post : tensor<25x21xf32>, tensor<25x21xf32>)
      finals(tensor<21xf32>, tensor<21xf32>, tensor<21xf32>) {
  ^bb0(%acc: tensor<21xf32>, %x_pre: tensor<21xf32>, %x_post: tensor<21xf32>,
       %s_pre: tensor<21xf32>, %s_post: tensor<21xf32>):
    %dx_pre = nn.mul %x_pre, %d_plus : tensor<21xf32>, tensor<f32>
    %dx_post = nn.mul %x_post, %d_minus : tensor<21xf32>, tensor<f32>
    %ltp0 = nn.mul %s_post, %dx_pre : tensor<21xf32>, tensor<21xf32>
    %ltp = nn.mul %a_plus, %ltp0 : tensor<f32>, tensor<21xf32>
    %ltd0 = nn.mul %dx_post, %s_pre : tensor<21xf32>, tensor<21xf32>
    %ltd = nn.mul %a_minus, %ltd0 : tensor<f32>, tensor<21xf32>
    %up = nn.add %acc, %ltp : tensor<21xf32>, tensor<21xf32>
    %acc_next = nn.sub %up, %ltd : tensor<21xf32>, tensor<21xf32>
    %pre_next = nn.add %dx_pre, %s_pre : tensor<21xf32>, tensor<21xf32>
    %post_next = nn.add %dx_post, %s_post : tensor<21xf32>, tensor<21xf32>
    nn.yield %acc_next, %pre_next, %post_next
        : tensor<21xf32>, tensor<21xf32>, tensor<21xf32>
  }
  return %s_posts, %vs, %pres, %posts, %dw
      : tensor<25x4xf32>, tensor<25x4xf32>, tensor<25x8xf32>, tensor<25x4xf32>,
        tensor<21xf32>
}

// The rule: 25 steps of the layer with Poisson inputs (probability `rates`
// per step, drawn from `key`), the weights learning by STDP.
func.func @update(%w0: tensor<4x8xf32> {nn.input = "weights"},
    %pre0: tensor<8xf32> {nn.input = "pre_trace"},
    %post0: tensor<4xf32> {nn.input = "post_trace"},
    %v0: tensor<4xf32> {nn.input = "membrane"},
    %rates: tensor<8xf32> {nn.input = "rates"},
    %key: tensor<i64> {nn.input = "key"})
    -> (tensor<4x8xf32> {nn.output = "weights"},
        tensor<8xf32> {nn.output = "pre_trace"},
        tensor<4xf32> {nn.output = "post_trace"},
        tensor<4xf32> {nn.output = "membrane"},
        tensor<25x8xf32> {nn.output = "pre_spikes"},
        tensor<25x4xf32> {nn.output = "post_spikes"}) {
  %u = nn.random_uniform %key : tensor<i64> -> tensor<25x8xf32>
  %fire = nn.compare lt, %u, %rates : tensor<25x8xf32>, tensor<8xf32>
  %pre = nn.cast %fire : tensor<25x8xi1> -> tensor<25x8xf32>
  %d_plus, %d_minus = call @trace_decays() : () -> (tensor<f32>, tensor<f32>)
  %a_plus = arith.constant dense<0.05> : tensor<f32>
  %a_minus = arith.constant dense<0.03> : tensor<f32>
  %w_min = arith.constant dense<0.0> : tensor<f32>
  %w_max = arith.constant dense<1.0> : tensor<f32>
  %w_n, %pre_n, %post_n, %v_n, %posts = nn.scan
      init(%w0, %pre0, %post0, %v0
           : tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>)
      over(%pre : tensor<25x8xf32>)
      finals(tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>)
      outputs(tensor<25x4xf32>) {
  ^bb0(%w: tensor<4x8xf32>, %x_pre: tensor<8xf32>, %x_post: tensor<4xf32>,
       %v: tensor<4xf32>, %s_pre: tensor<8xf32>):
    %v_next, %s_post = func.call @layer_step(%w, %v, %s_pre)
        : (tensor<4x8xf32>, tensor<4xf32>, tensor<8xf32>) -> (tensor<4xf32>, tensor<4xf32>)
    %d_pre = nn.mul %x_pre, %d_plus : tensor<8xf32>, tensor<f32>
    %d_post = nn.mul %x_post, %d_minus : tensor<4xf32>, tensor<f32>
    // Potentiation: post spikes now times the pre trace of earlier spikes.
    %s_post_col = nn.reshape %s_post [4, 1] : tensor<4xf32>
    %ltp0 = nn.mul %s_post_col, %d_pre : tensor<4x1xf32>, tensor<8xf32>
    %ltp = nn.mul %a_plus, %ltp0 : tensor<f32>, tensor<4x8xf32>
    // Depression: pre spikes now times the post trace of earlier spikes.
    %d_post_col = nn.reshape %d_post [4, 1] : tensor<4xf32>
    %ltd0 = nn.mul %d_post_col, %s_pre : tensor<4x1xf32>, tensor<8xf32>
    %ltd = nn.mul %a_minus, %ltd0 : tensor<f32>, tensor<4x8xf32>
    %up = nn.add %w, %ltp : tensor<4x8xf32>, tensor<4x8xf32>
    %down = nn.sub %up, %ltd : tensor<4x8xf32>, tensor<4x8xf32>
    %above = nn.maximum %down, %w_min : tensor<4x8xf32>, tensor<f32>
    %w_next = nn.minimum %above, %w_max : tensor<4x8xf32>, tensor<f32>
    %pre_next = nn.add %d_pre, %s_pre : tensor<8xf32>, tensor<8xf32>
    %post_next = nn.add %d_post, %s_post : tensor<4xf32>, tensor<4xf32>
    nn.yield %w_next, %pre_next, %post_next, %v_next, %s_post
        : tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>,
          tensor<4xf32>
  }
  return %w_n, %pre_n, %post_n, %v_n, %pre, %posts
      : tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<25x8xf32>, tensor<25x4xf32>
}

// One step of the neurons: v = 0.9 v + W s_pre, a spike where v > 1, the
// membrane of a neuron that spiked reset to 0. Returns (v, s_post).
func.func private @layer_step(%w: tensor<4x8xf32>, %v: tensor<4xf32>,
    %s_pre: tensor<8xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %beta = arith.constant dense<0.9> : tensor<f32>
  %thr = arith.constant dense<1.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %ws = nn.mul %w, %s_pre : tensor<4x8xf32>, tensor<8xf32>
  %input = nn.reduce_sum %ws [1] : tensor<4x8xf32>
  %leak = nn.mul %beta, %v : tensor<f32>, tensor<4xf32>
  %v_in = nn.add %leak, %input : tensor<4xf32>, tensor<4xf32>
  %over = nn.sub %v_in, %thr : tensor<4xf32>, tensor<f32>
  %s_post = nn.heaviside %over : tensor<4xf32>
  %keep = nn.sub %one, %s_post : tensor<f32>, tensor<4xf32>
  %v_next = nn.mul %v_in, %keep : tensor<4xf32>, tensor<4xf32>
  return %v_next, %s_post : tensor<4xf32>, tensor<4xf32>
}

// The factors decaying the traces by one step: exp(-1/4) for the pre
// trace, exp(-1/8) for the post trace.
func.func private @trace_decays() -> (tensor<f32>, tensor<f32>) {
  %pre_rate = arith.constant dense<-0.25> : tensor<f32>
  %post_rate = arith.constant dense<-0.125> : tensor<f32>
  %d_plus = nn.exp %pre_rate : tensor<f32>
  %d_minus = nn.exp %post_rate : tensor<f32>
  return %d_plus, %d_minus : tensor<f32>, tensor<f32>
}
