// [rbm] A restricted Boltzmann machine of 6 binary visible and 4 binary
// hidden units (weights W [6, 4], visible bias b, hidden bias c), batch 8:
//  - energy E(v, h) = -v.b - h.c - v W h, and free energy
//    F(v) = -v.b - sum_j softplus(c_j + (v W)_j) = -log sum_h exp(-E(v, h));
//  - the two conditionals p(h_j = 1 | v) = sigmoid(c + v W) and
//    p(v_i = 1 | h) = sigmoid(b + h W^T);
//  - block Gibbs sampling: h_0 ~ p(h | v_0), then k times
//    v_t ~ p(v | h_{t-1}), h_t ~ p(h | v_t), each unit 1 where a keyed
//    nn.random_uniform sample is below its probability;
//  - training by CD-k (@update): W += lr (v_0^T p(h | v_0) - v_k^T p(h | v_k))
//    / batch, b += lr mean(v_0 - v_k), c += lr mean(p(h | v_0) - p(h | v_k)).
// k is a run-time input (an i64 tensor bounding an scf.for), so one
// compiled model runs CD-1, CD-2, ... without a recompile.
// Random keys: h_0 draws from `key`; Gibbs step t (from 0) draws v_{t+1}
// from key + 1 + 2t and h_{t+1} from key + 2 + 2t.
// Weights: rbm.safetensors (test/arch/rbm/make_golden.py).

// p(h = 1 | v) = sigmoid(c + v W).
func.func private @hidden_probability(%v: tensor<8x6xf32>,
    %w: tensor<6x4xf32>, %c: tensor<4xf32>) -> tensor<8x4xf32> {
  %vw = nn.matmul %v, %w : tensor<8x6xf32>, tensor<6x4xf32>
  %a = nn.add %vw, %c : tensor<8x4xf32>, tensor<4xf32>
  %p = nn.sigmoid %a : tensor<8x4xf32>
  return %p : tensor<8x4xf32>
}

// p(v = 1 | h) = sigmoid(b + h W^T).
func.func private @visible_probability(%h: tensor<8x4xf32>,
    %w: tensor<6x4xf32>, %b: tensor<6xf32>) -> tensor<8x6xf32> {
  %wt = nn.transpose %w [1, 0] : tensor<6x4xf32>
  %hw = nn.matmul %h, %wt : tensor<8x4xf32>, tensor<4x6xf32>
  %a = nn.add %hw, %b : tensor<8x6xf32>, tensor<6xf32>
  %p = nn.sigmoid %a : tensor<8x6xf32>
  return %p : tensor<8x6xf32>
}

// k steps of block Gibbs sampling from hidden sample %h0: returns v_k and
// h_k (v_0 and h_0 when k = 0). Step t draws from key + 2t and
// key + 2t + 1.
func.func private @gibbs(%v0: tensor<8x6xf32>, %h0: tensor<8x4xf32>,
    %key: tensor<i64>, %k: tensor<i64>, %w: tensor<6x4xf32>,
    %b: tensor<6xf32>, %c: tensor<4xf32>)
    -> (tensor<8x6xf32>, tensor<8x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant dense<1> : tensor<i64>
  %two = arith.constant dense<2> : tensor<i64>
  %k64 = tensor.extract %k[] : tensor<i64>
  %steps = arith.index_cast %k64 : i64 to index
  %vk, %hk, %kend = scf.for %t = %c0 to %steps step %c1
      iter_args(%v = %v0, %h = %h0, %kt = %key)
      -> (tensor<8x6xf32>, tensor<8x4xf32>, tensor<i64>) {
    %pv = func.call @visible_probability(%h, %w, %b)
        : (tensor<8x4xf32>, tensor<6x4xf32>, tensor<6xf32>) -> tensor<8x6xf32>
    %uv = nn.random_uniform %kt : tensor<i64> -> tensor<8x6xf32>
    %bv = nn.compare lt, %uv, %pv : tensor<8x6xf32>, tensor<8x6xf32>
    %vn = nn.cast %bv : tensor<8x6xi1> -> tensor<8x6xf32>
    %ph = func.call @hidden_probability(%vn, %w, %c)
        : (tensor<8x6xf32>, tensor<6x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
    %kh = nn.add %kt, %one : tensor<i64>, tensor<i64>
    %uh = nn.random_uniform %kh : tensor<i64> -> tensor<8x4xf32>
    %bh = nn.compare lt, %uh, %ph : tensor<8x4xf32>, tensor<8x4xf32>
    %hn = nn.cast %bh : tensor<8x4xi1> -> tensor<8x4xf32>
    %kn = nn.add %kt, %two : tensor<i64>, tensor<i64>
    scf.yield %vn, %hn, %kn : tensor<8x6xf32>, tensor<8x4xf32>, tensor<i64>
  }
  return %vk, %hk : tensor<8x6xf32>, tensor<8x4xf32>
}

// h_0 ~ p(h | v_0) from `key`, then k Gibbs steps from key + 1: v_k, h_k.
func.func private @sample_chain(%v0: tensor<8x6xf32>, %key: tensor<i64>,
    %k: tensor<i64>, %w: tensor<6x4xf32>, %b: tensor<6xf32>,
    %c: tensor<4xf32>) -> (tensor<8x6xf32>, tensor<8x4xf32>) {
  %one = arith.constant dense<1> : tensor<i64>
  %ph0 = func.call @hidden_probability(%v0, %w, %c)
      : (tensor<8x6xf32>, tensor<6x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %u0 = nn.random_uniform %key : tensor<i64> -> tensor<8x4xf32>
  %b0 = nn.compare lt, %u0, %ph0 : tensor<8x4xf32>, tensor<8x4xf32>
  %h0 = nn.cast %b0 : tensor<8x4xi1> -> tensor<8x4xf32>
  %key1 = nn.add %key, %one : tensor<i64>, tensor<i64>
  %vk, %hk = func.call @gibbs(%v0, %h0, %key1, %k, %w, %b, %c)
      : (tensor<8x6xf32>, tensor<8x4xf32>, tensor<i64>, tensor<i64>,
         tensor<6x4xf32>, tensor<6xf32>, tensor<4xf32>)
      -> (tensor<8x6xf32>, tensor<8x4xf32>)
  return %vk, %hk : tensor<8x6xf32>, tensor<8x4xf32>
}

// F(v) = -v.b - sum_j softplus(c_j + (v W)_j), one per row.
func.func private @free_energy(%v: tensor<8x6xf32>, %w: tensor<6x4xf32>,
    %b: tensor<6xf32>, %c: tensor<4xf32>) -> tensor<8xf32> {
  %vb = nn.mul %v, %b : tensor<8x6xf32>, tensor<6xf32>
  %vbs = nn.reduce_sum %vb [1] : tensor<8x6xf32>
  %vw = nn.matmul %v, %w : tensor<8x6xf32>, tensor<6x4xf32>
  %a = nn.add %vw, %c : tensor<8x4xf32>, tensor<4xf32>
  %sp = nn.softplus %a : tensor<8x4xf32>
  %sps = nn.reduce_sum %sp [1] : tensor<8x4xf32>
  %s = nn.add %vbs, %sps : tensor<8xf32>, tensor<8xf32>
  %f = nn.neg %s : tensor<8xf32>
  return %f : tensor<8xf32>
}

// The energy of (v, h) pairs, the free energy of v, both conditionals, and
// v_k, h_k after k steps of block Gibbs sampling from v.
func.func @forward(%v: tensor<8x6xf32> {nn.input = "v"},
    %h: tensor<8x4xf32> {nn.input = "h"},
    %key: tensor<i64> {nn.input = "key"},
    %k: tensor<i64> {nn.input = "k"},
    %w: tensor<6x4xf32> {nn.param = "weight"},
    %b: tensor<6xf32> {nn.param = "visible_bias"},
    %c: tensor<4xf32> {nn.param = "hidden_bias"})
    -> (tensor<8xf32> {nn.output = "energy"},
        tensor<8xf32> {nn.output = "free_energy"},
        tensor<8x4xf32> {nn.output = "p_h_given_v"},
        tensor<8x6xf32> {nn.output = "p_v_given_h"},
        tensor<8x6xf32> {nn.output = "v_k"},
        tensor<8x4xf32> {nn.output = "h_k"}) {
  %vb = nn.mul %v, %b : tensor<8x6xf32>, tensor<6xf32>
  %vbs = nn.reduce_sum %vb [1] : tensor<8x6xf32>
  %hc = nn.mul %h, %c : tensor<8x4xf32>, tensor<4xf32>
  %hcs = nn.reduce_sum %hc [1] : tensor<8x4xf32>
  %vw = nn.matmul %v, %w : tensor<8x6xf32>, tensor<6x4xf32>
  %vwh = nn.mul %vw, %h : tensor<8x4xf32>, tensor<8x4xf32>
  %vwhs = nn.reduce_sum %vwh [1] : tensor<8x4xf32>
  %s1 = nn.add %vbs, %hcs : tensor<8xf32>, tensor<8xf32>
  %s2 = nn.add %s1, %vwhs : tensor<8xf32>, tensor<8xf32>
  %energy = nn.neg %s2 : tensor<8xf32>
  %f = func.call @free_energy(%v, %w, %b, %c)
      : (tensor<8x6xf32>, tensor<6x4xf32>, tensor<6xf32>, tensor<4xf32>)
      -> tensor<8xf32>
  %ph = func.call @hidden_probability(%v, %w, %c)
      : (tensor<8x6xf32>, tensor<6x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %pv = func.call @visible_probability(%h, %w, %b)
      : (tensor<8x4xf32>, tensor<6x4xf32>, tensor<6xf32>) -> tensor<8x6xf32>
  %vk, %hk = func.call @sample_chain(%v, %key, %k, %w, %b, %c)
      : (tensor<8x6xf32>, tensor<i64>, tensor<i64>, tensor<6x4xf32>,
         tensor<6xf32>, tensor<4xf32>) -> (tensor<8x6xf32>, tensor<8x4xf32>)
  return %energy, %f, %ph, %pv, %vk, %hk
      : tensor<8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<8x6xf32>,
        tensor<8x6xf32>, tensor<8x4xf32>
}

// One CD-k step with learning rate 0.1 on the batch %v0; also returns the
// batch's mean squared reconstruction error |v_0 - v_k|^2 / (8 * 6) and
// the negatives v_k.
func.func @update(%w: tensor<6x4xf32> {nn.input = "weight"},
    %b: tensor<6xf32> {nn.input = "visible_bias"},
    %c: tensor<4xf32> {nn.input = "hidden_bias"},
    %v0: tensor<8x6xf32> {nn.input = "v"},
    %key: tensor<i64> {nn.input = "key"},
    %k: tensor<i64> {nn.input = "k"})
    -> (tensor<6x4xf32> {nn.output = "weight"},
        tensor<6xf32> {nn.output = "visible_bias"},
        tensor<4xf32> {nn.output = "hidden_bias"},
        tensor<8x6xf32> {nn.output = "v_k"},
        tensor<f32> {nn.output = "reconstruction_error"}) {
  %rate = arith.constant dense<0.0125> : tensor<f32>  // lr / batch
  %lr = arith.constant dense<0.1> : tensor<f32>
  %ph0 = func.call @hidden_probability(%v0, %w, %c)
      : (tensor<8x6xf32>, tensor<6x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %vk, %hk = func.call @sample_chain(%v0, %key, %k, %w, %b, %c)
      : (tensor<8x6xf32>, tensor<i64>, tensor<i64>, tensor<6x4xf32>,
         tensor<6xf32>, tensor<4xf32>) -> (tensor<8x6xf32>, tensor<8x4xf32>)
  %phk = func.call @hidden_probability(%vk, %w, %c)
      : (tensor<8x6xf32>, tensor<6x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  // Positive minus negative statistics.
  %v0t = nn.transpose %v0 [1, 0] : tensor<8x6xf32>
  %pos = nn.matmul %v0t, %ph0 : tensor<6x8xf32>, tensor<8x4xf32>
  %vkt = nn.transpose %vk [1, 0] : tensor<8x6xf32>
  %neg = nn.matmul %vkt, %phk : tensor<6x8xf32>, tensor<8x4xf32>
  %dw = nn.sub %pos, %neg : tensor<6x4xf32>, tensor<6x4xf32>
  %sw = nn.mul %dw, %rate : tensor<6x4xf32>, tensor<f32>
  %w1 = nn.add %w, %sw : tensor<6x4xf32>, tensor<6x4xf32>
  %dv = nn.sub %v0, %vk : tensor<8x6xf32>, tensor<8x6xf32>
  %db = nn.reduce_mean %dv [0] : tensor<8x6xf32>
  %sb = nn.mul %db, %lr : tensor<6xf32>, tensor<f32>
  %b1 = nn.add %b, %sb : tensor<6xf32>, tensor<6xf32>
  %dh = nn.sub %ph0, %phk : tensor<8x4xf32>, tensor<8x4xf32>
  %dc = nn.reduce_mean %dh [0] : tensor<8x4xf32>
  %sc = nn.mul %dc, %lr : tensor<4xf32>, tensor<f32>
  %c1 = nn.add %c, %sc : tensor<4xf32>, tensor<4xf32>
  %sq = nn.mul %dv, %dv : tensor<8x6xf32>, tensor<8x6xf32>
  %err = nn.reduce_mean %sq [] : tensor<8x6xf32>
  return %w1, %b1, %c1, %vk, %err
      : tensor<6x4xf32>, tensor<6xf32>, tensor<4xf32>, tensor<8x6xf32>,
        tensor<f32>
}
