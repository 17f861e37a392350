// [snn] A two-layer spiking network of leaky integrate-and-fire neurons
// (snnTorch's Leaky with reset by subtraction), 5 -> 8 -> 3, over T = 25
// time steps (batch 4), classifying a sequence by output spike counts:
//   beta    = exp(-dt / tau)       (tau: a learned time constant per neuron,
//                                   dt = 1)
//   reset_t = H(mem_(t-1) - thr)   (detached, as snnTorch's reset)
//   mem_t   = beta * mem_(t-1) + I_t - reset_t * thr     (thr = 1)
//   spk_t   = H(mem_t - thr)
// H is nn.heaviside: a step forward, and backward the fast-sigmoid surrogate
// 1 / (25 |v| + 1)^2 (snntorch.surrogate.fast_sigmoid, its default), so the
// network trains through the spikes. Layer 1's input current is one matmul
// over every step; the recurrence over time (both layers' membranes) is one
// nn.scan, so @loss's gradient is backpropagation through time over a loop.
// @forward returns layer 1's spikes, layer 2's membrane potential at every
// step and the output spike counts. @loss is the cross-entropy of the spike
// counts (snntorch.functional.ce_count_loss) against labels y.
// Weights: snn.safetensors (test/arch/snn/make_golden.py).
func.func @forward(%x: tensor<25x4x5xf32> {nn.input = "x"},
    %w1: tensor<8x5xf32> {nn.param = "fc1.weight"},
    %b1: tensor<8xf32> {nn.param = "fc1.bias"},
    %tau1: tensor<8xf32> {nn.param = "lif1.tau"},
    %w2: tensor<3x8xf32> {nn.param = "fc2.weight"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"},
    %tau2: tensor<3xf32> {nn.param = "lif2.tau"})
    -> (tensor<25x4x8xf32> {nn.output = "spk1"},
        tensor<25x4x3xf32> {nn.output = "mem2"},
        tensor<4x3xf32> {nn.output = "counts"}) {
  %w1_t = nn.transpose %w1 [1, 0] : tensor<8x5xf32>
  %w2_t = nn.transpose %w2 [1, 0] : tensor<3x8xf32>
  %dt = arith.constant dense<1.0> : tensor<f32>
  %thr = arith.constant dense<1.0> : tensor<f32>
  %r1 = nn.div %dt, %tau1 : tensor<f32>, tensor<8xf32>
  %e1 = nn.neg %r1 : tensor<8xf32>
  %beta1 = nn.exp %e1 : tensor<8xf32>
  %r2 = nn.div %dt, %tau2 : tensor<f32>, tensor<3xf32>
  %e2 = nn.neg %r2 : tensor<3xf32>
  %beta2 = nn.exp %e2 : tensor<3xf32>
  %xw = nn.matmul %x, %w1_t : tensor<25x4x5xf32>, tensor<5x8xf32>
  %cur1 = nn.add %xw, %b1 : tensor<25x4x8xf32>, tensor<8xf32>
  %zero1 = arith.constant dense<0.0> : tensor<4x8xf32>
  %zero2 = arith.constant dense<0.0> : tensor<4x3xf32>
  %m1_n, %m2_n, %spk1, %mem2, %spk2 = nn.scan
      init(%zero1, %zero2 : tensor<4x8xf32>, tensor<4x3xf32>)
      over(%cur1 : tensor<25x4x8xf32>)
      finals(tensor<4x8xf32>, tensor<4x3xf32>)
      outputs(tensor<25x4x8xf32>, tensor<25x4x3xf32>, tensor<25x4x3xf32>) {
  ^bb0(%m1: tensor<4x8xf32>, %m2: tensor<4x3xf32>, %c1: tensor<4x8xf32>):
    // Layer 1: reset (detached) from the previous potential, leak, input.
    %v1_prev = nn.sub %m1, %thr : tensor<4x8xf32>, tensor<f32>
    %h1_prev = nn.heaviside %v1_prev : tensor<4x8xf32>
    %reset1 = nn.stop_gradient %h1_prev : tensor<4x8xf32>
    %leak1 = nn.mul %beta1, %m1 : tensor<8xf32>, tensor<4x8xf32>
    %in1 = nn.add %leak1, %c1 : tensor<4x8xf32>, tensor<4x8xf32>
    %sub1 = nn.mul %reset1, %thr : tensor<4x8xf32>, tensor<f32>
    %m1_next = nn.sub %in1, %sub1 : tensor<4x8xf32>, tensor<4x8xf32>
    %v1 = nn.sub %m1_next, %thr : tensor<4x8xf32>, tensor<f32>
    %s1 = nn.heaviside %v1 {surrogate = "fast_sigmoid", slope = 25.0} : tensor<4x8xf32>
    // Layer 2, driven by layer 1's spikes.
    %sw = nn.matmul %s1, %w2_t : tensor<4x8xf32>, tensor<8x3xf32>
    %c2 = nn.add %sw, %b2 : tensor<4x3xf32>, tensor<3xf32>
    %v2_prev = nn.sub %m2, %thr : tensor<4x3xf32>, tensor<f32>
    %h2_prev = nn.heaviside %v2_prev : tensor<4x3xf32>
    %reset2 = nn.stop_gradient %h2_prev : tensor<4x3xf32>
    %leak2 = nn.mul %beta2, %m2 : tensor<3xf32>, tensor<4x3xf32>
    %in2 = nn.add %leak2, %c2 : tensor<4x3xf32>, tensor<4x3xf32>
    %sub2 = nn.mul %reset2, %thr : tensor<4x3xf32>, tensor<f32>
    %m2_next = nn.sub %in2, %sub2 : tensor<4x3xf32>, tensor<4x3xf32>
    %v2 = nn.sub %m2_next, %thr : tensor<4x3xf32>, tensor<f32>
    %s2 = nn.heaviside %v2 {surrogate = "fast_sigmoid", slope = 25.0} : tensor<4x3xf32>
    nn.yield %m1_next, %m2_next, %s1, %m2_next, %s2
        : tensor<4x8xf32>, tensor<4x3xf32>, tensor<4x8xf32>, tensor<4x3xf32>, tensor<4x3xf32>
  }
  %counts = nn.reduce_sum %spk2 [0] : tensor<25x4x3xf32>
  return %spk1, %mem2, %counts : tensor<25x4x8xf32>, tensor<25x4x3xf32>, tensor<4x3xf32>
}

// The cross-entropy of the output spike counts (as logits) against y.
func.func @loss(%x: tensor<25x4x5xf32> {nn.input = "x"},
    %y: tensor<4xi64> {nn.input = "y"},
    %w1: tensor<8x5xf32> {nn.param = "fc1.weight"},
    %b1: tensor<8xf32> {nn.param = "fc1.bias"},
    %tau1: tensor<8xf32> {nn.param = "lif1.tau"},
    %w2: tensor<3x8xf32> {nn.param = "fc2.weight"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"},
    %tau2: tensor<3xf32> {nn.param = "lif2.tau"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %w1_t = nn.transpose %w1 [1, 0] : tensor<8x5xf32>
  %w2_t = nn.transpose %w2 [1, 0] : tensor<3x8xf32>
  %dt = arith.constant dense<1.0> : tensor<f32>
  %thr = arith.constant dense<1.0> : tensor<f32>
  %r1 = nn.div %dt, %tau1 : tensor<f32>, tensor<8xf32>
  %e1 = nn.neg %r1 : tensor<8xf32>
  %beta1 = nn.exp %e1 : tensor<8xf32>
  %r2 = nn.div %dt, %tau2 : tensor<f32>, tensor<3xf32>
  %e2 = nn.neg %r2 : tensor<3xf32>
  %beta2 = nn.exp %e2 : tensor<3xf32>
  %xw = nn.matmul %x, %w1_t : tensor<25x4x5xf32>, tensor<5x8xf32>
  %cur1 = nn.add %xw, %b1 : tensor<25x4x8xf32>, tensor<8xf32>
  %zero1 = arith.constant dense<0.0> : tensor<4x8xf32>
  %zero2 = arith.constant dense<0.0> : tensor<4x3xf32>
  %m1_n, %m2_n, %spk1, %mem2, %spk2 = nn.scan
      init(%zero1, %zero2 : tensor<4x8xf32>, tensor<4x3xf32>)
      over(%cur1 : tensor<25x4x8xf32>)
      finals(tensor<4x8xf32>, tensor<4x3xf32>)
      outputs(tensor<25x4x8xf32>, tensor<25x4x3xf32>, tensor<25x4x3xf32>) {
  ^bb0(%m1: tensor<4x8xf32>, %m2: tensor<4x3xf32>, %c1: tensor<4x8xf32>):
    // Layer 1: reset (detached) from the previous potential, leak, input.
    %v1_prev = nn.sub %m1, %thr : tensor<4x8xf32>, tensor<f32>
    %h1_prev = nn.heaviside %v1_prev : tensor<4x8xf32>
    %reset1 = nn.stop_gradient %h1_prev : tensor<4x8xf32>
    %leak1 = nn.mul %beta1, %m1 : tensor<8xf32>, tensor<4x8xf32>
    %in1 = nn.add %leak1, %c1 : tensor<4x8xf32>, tensor<4x8xf32>
    %sub1 = nn.mul %reset1, %thr : tensor<4x8xf32>, tensor<f32>
    %m1_next = nn.sub %in1, %sub1 : tensor<4x8xf32>, tensor<4x8xf32>
    %v1 = nn.sub %m1_next, %thr : tensor<4x8xf32>, tensor<f32>
    %s1 = nn.heaviside %v1 {surrogate = "fast_sigmoid", slope = 25.0} : tensor<4x8xf32>
    // Layer 2, driven by layer 1's spikes.
    %sw = nn.matmul %s1, %w2_t : tensor<4x8xf32>, tensor<8x3xf32>
    %c2 = nn.add %sw, %b2 : tensor<4x3xf32>, tensor<3xf32>
    %v2_prev = nn.sub %m2, %thr : tensor<4x3xf32>, tensor<f32>
    %h2_prev = nn.heaviside %v2_prev : tensor<4x3xf32>
    %reset2 = nn.stop_gradient %h2_prev : tensor<4x3xf32>
    %leak2 = nn.mul %beta2, %m2 : tensor<3xf32>, tensor<4x3xf32>
    %in2 = nn.add %leak2, %c2 : tensor<4x3xf32>, tensor<4x3xf32>
    %sub2 = nn.mul %reset2, %thr : tensor<4x3xf32>, tensor<f32>
    %m2_next = nn.sub %in2, %sub2 : tensor<4x3xf32>, tensor<4x3xf32>
    %v2 = nn.sub %m2_next, %thr : tensor<4x3xf32>, tensor<f32>
    %s2 = nn.heaviside %v2 {surrogate = "fast_sigmoid", slope = 25.0} : tensor<4x3xf32>
    nn.yield %m1_next, %m2_next, %s1, %m2_next, %s2
        : tensor<4x8xf32>, tensor<4x3xf32>, tensor<4x8xf32>, tensor<4x3xf32>, tensor<4x3xf32>
  }
  %counts = nn.reduce_sum %spk2 [0] : tensor<25x4x3xf32>
  %l = nn.cross_entropy %counts, %y : tensor<4x3xf32>, tensor<4xi64>
  return %l : tensor<f32>
}
