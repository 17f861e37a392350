// [boltzmann] A Boltzmann machine of 6 binary units (4 visible, then 2
// hidden), fully connected by symmetric weights W [6, 6] with a zero
// diagonal, and biases b; 8 chains at once:
//  - energy E(s) = -1/2 s W s^T - b.s of each state;
//  - stochastic unit updates: unit i's local field is a_i = (s W)_i + b_i
//    and it turns on with probability sigmoid(a_i / T), the logistic of
//    its field at temperature T: where a keyed nn.random_uniform sample is
//    below it;
//  - sampling at temperature T (@forward, T an input): `sweeps` sweeps of
//    asynchronous updates, units 0..5 in order within a sweep, each seeing
//    the units updated before it (an nn.scan over the units inside an
//    scf.for over a run-time number of sweeps);
//  - learning (@update, the Ackley-Hinton-Sejnowski rule at T = 1):
//    W += lr (<s s^T>_clamped - <s s^T>_free) off the diagonal,
//    b += lr (<s>_clamped - <s>_free), where the clamped phase samples the
//    hidden units with the visible ones held at the data and the free phase
//    advances 8 persistent chains (state carried from step to step).
// Random keys: sweep t of a run from key draws its [8, 6] uniforms from
// key + t; @update's free phase continues from key + sweeps.
// Weights: boltzmann.safetensors (test/arch/boltzmann/make_golden.py).

// `sweeps` sweeps of asynchronous stochastic updates at temperature %t of
// the units where %free is 1 (the others keep their values); returns the
// states and the next unused key.
func.func private @sweep(%s0: tensor<8x6xf32>, %key: tensor<i64>,
    %sweeps: tensor<i64>, %t: tensor<f32>, %free: tensor<6xf32>,
    %w: tensor<6x6xf32>, %b: tensor<6xf32>)
    -> (tensor<8x6xf32>, tensor<i64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant dense<1> : tensor<i64>
  %units = arith.constant dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi64>
  %n64 = tensor.extract %sweeps[] : tensor<i64>
  %n = arith.index_cast %n64 : i64 to index
  %s_end, %key_end = scf.for %i = %c0 to %n step %c1
      iter_args(%s = %s0, %k = %key) -> (tensor<8x6xf32>, tensor<i64>) {
    %u = nn.random_uniform %k : tensor<i64> -> tensor<8x6xf32>
    %swept = nn.scan init(%s : tensor<8x6xf32>) over(%units : tensor<6xi64>)
        finals(tensor<8x6xf32>) {
    ^bb0(%x: tensor<8x6xf32>, %unit: tensor<i64>):
      %onehot = nn.one_hot %unit : tensor<i64> -> tensor<6xf32>
      %pick = nn.mul %onehot, %free : tensor<6xf32>, tensor<6xf32>
      %sw = nn.matmul %x, %w : tensor<8x6xf32>, tensor<6x6xf32>
      %field = nn.add %sw, %b : tensor<8x6xf32>, tensor<6xf32>
      %scaled = nn.div %field, %t : tensor<8x6xf32>, tensor<f32>
      %p = nn.sigmoid %scaled : tensor<8x6xf32>
      %on = nn.compare lt, %u, %p : tensor<8x6xf32>, tensor<8x6xf32>
      %drawn = nn.cast %on : tensor<8x6xi1> -> tensor<8x6xf32>
      %change = nn.sub %drawn, %x : tensor<8x6xf32>, tensor<8x6xf32>
      %masked = nn.mul %change, %pick : tensor<8x6xf32>, tensor<6xf32>
      %next = nn.add %x, %masked : tensor<8x6xf32>, tensor<8x6xf32>
      nn.yield %next : tensor<8x6xf32>
    }
    %kn = nn.add %k, %one : tensor<i64>, tensor<i64>
    scf.yield %swept, %kn : tensor<8x6xf32>, tensor<i64>
  }
  return %s_end, %key_end : tensor<8x6xf32>, tensor<i64>
}

// E(s) = -1/2 s W s^T - b.s, one per row.
func.func private @energy(%s: tensor<8x6xf32>, %w: tensor<6x6xf32>,
    %b: tensor<6xf32>) -> tensor<8xf32> {
  %half = arith.constant dense<0.5> : tensor<f32>
  %sw = nn.matmul %s, %w : tensor<8x6xf32>, tensor<6x6xf32>
  %sws = nn.mul %sw, %s : tensor<8x6xf32>, tensor<8x6xf32>
  %quad = nn.reduce_sum %sws [1] : tensor<8x6xf32>
  %hq = nn.mul %quad, %half : tensor<8xf32>, tensor<f32>
  %sb = nn.mul %s, %b : tensor<8x6xf32>, tensor<6xf32>
  %lin = nn.reduce_sum %sb [1] : tensor<8x6xf32>
  %sum = nn.add %hq, %lin : tensor<8xf32>, tensor<8xf32>
  %e = nn.neg %sum : tensor<8xf32>
  return %e : tensor<8xf32>
}

// The energy, local fields and unit probabilities at temperature T of the
// states %s, and the samples after `sweeps` sweeps from them with their
// energies.
func.func @forward(%s: tensor<8x6xf32> {nn.input = "s"},
    %key: tensor<i64> {nn.input = "key"},
    %t: tensor<f32> {nn.input = "temperature"},
    %sweeps: tensor<i64> {nn.input = "sweeps"},
    %w: tensor<6x6xf32> {nn.param = "weight"},
    %b: tensor<6xf32> {nn.param = "bias"})
    -> (tensor<8xf32> {nn.output = "energy"},
        tensor<8x6xf32> {nn.output = "local_field"},
        tensor<8x6xf32> {nn.output = "p_on"},
        tensor<8x6xf32> {nn.output = "samples"},
        tensor<8xf32> {nn.output = "sample_energy"}) {
  %all = arith.constant dense<1.0> : tensor<6xf32>
  %e = func.call @energy(%s, %w, %b)
      : (tensor<8x6xf32>, tensor<6x6xf32>, tensor<6xf32>) -> tensor<8xf32>
  %sw = nn.matmul %s, %w : tensor<8x6xf32>, tensor<6x6xf32>
  %field = nn.add %sw, %b : tensor<8x6xf32>, tensor<6xf32>
  %scaled = nn.div %field, %t : tensor<8x6xf32>, tensor<f32>
  %p = nn.sigmoid %scaled : tensor<8x6xf32>
  %samples, %key_end = func.call @sweep(%s, %key, %sweeps, %t, %all, %w, %b)
      : (tensor<8x6xf32>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<6xf32>,
         tensor<6x6xf32>, tensor<6xf32>) -> (tensor<8x6xf32>, tensor<i64>)
  %es = func.call @energy(%samples, %w, %b)
      : (tensor<8x6xf32>, tensor<6x6xf32>, tensor<6xf32>) -> tensor<8xf32>
  return %e, %field, %p, %samples, %es
      : tensor<8xf32>, tensor<8x6xf32>, tensor<8x6xf32>, tensor<8x6xf32>,
        tensor<8xf32>
}

// One learning step with rate 0.05 on the visible batch %v: `sweeps`
// clamped sweeps (hidden units from 0) and `sweeps` free sweeps of the
// persistent chains, at T = 1.
func.func @update(%w: tensor<6x6xf32> {nn.input = "weight"},
    %b: tensor<6xf32> {nn.input = "bias"},
    %chains: tensor<8x6xf32> {nn.input = "chains"},
    %v: tensor<8x4xf32> {nn.input = "v"},
    %key: tensor<i64> {nn.input = "key"},
    %sweeps: tensor<i64> {nn.input = "sweeps"})
    -> (tensor<6x6xf32> {nn.output = "weight"},
        tensor<6xf32> {nn.output = "bias"},
        tensor<8x6xf32> {nn.output = "chains"},
        tensor<8x6xf32> {nn.output = "clamped"}) {
  %t = arith.constant dense<1.0> : tensor<f32>
  %all = arith.constant dense<1.0> : tensor<6xf32>
  %hidden = arith.constant dense<[0.0, 0.0, 0.0, 0.0, 1.0, 1.0]> : tensor<6xf32>
  %off_diagonal = arith.constant dense<[[0.0, 1.0, 1.0, 1.0, 1.0, 1.0],
      [1.0, 0.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 1.0, 1.0, 1.0],
      [1.0, 1.0, 1.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 0.0, 1.0],
      [1.0, 1.0, 1.0, 1.0, 1.0, 0.0]]> : tensor<6x6xf32>
  %rate = arith.constant dense<0.00625> : tensor<f32>  // lr / batch
  %lr = arith.constant dense<0.05> : tensor<f32>
  %h0 = arith.constant dense<0.0> : tensor<8x2xf32>
  %s0 = nn.concat %v, %h0 axis 1 : tensor<8x4xf32>, tensor<8x2xf32>
  %clamped, %key1 = func.call @sweep(%s0, %key, %sweeps, %t, %hidden, %w, %b)
      : (tensor<8x6xf32>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<6xf32>,
         tensor<6x6xf32>, tensor<6xf32>) -> (tensor<8x6xf32>, tensor<i64>)
  %free, %key2 = func.call @sweep(%chains, %key1, %sweeps, %t, %all, %w, %b)
      : (tensor<8x6xf32>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<6xf32>,
         tensor<6x6xf32>, tensor<6xf32>) -> (tensor<8x6xf32>, tensor<i64>)
  %ct = nn.transpose %clamped [1, 0] : tensor<8x6xf32>
  %pos = nn.matmul %ct, %clamped : tensor<6x8xf32>, tensor<8x6xf32>
  %ft = nn.transpose %free [1, 0] : tensor<8x6xf32>
  %neg = nn.matmul %ft, %free : tensor<6x8xf32>, tensor<8x6xf32>
  %dw = nn.sub %pos, %neg : tensor<6x6xf32>, tensor<6x6xf32>
  %dwo = nn.mul %dw, %off_diagonal : tensor<6x6xf32>, tensor<6x6xf32>
  %sw = nn.mul %dwo, %rate : tensor<6x6xf32>, tensor<f32>
  %w1 = nn.add %w, %sw : tensor<6x6xf32>, tensor<6x6xf32>
  %ds = nn.sub %clamped, %free : tensor<8x6xf32>, tensor<8x6xf32>
  %db = nn.reduce_mean %ds [0] : tensor<8x6xf32>
  %sb = nn.mul %db, %lr : tensor<6xf32>, tensor<f32>
  %b1 = nn.add %b, %sb : tensor<6xf32>, tensor<6xf32>
  return %w1, %b1, %free, %clamped
      : tensor<6x6xf32>, tensor<6xf32>, tensor<8x6xf32>, tensor<8x6xf32>
}
