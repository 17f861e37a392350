// [hopfield] Hopfield networks of 64 bipolar (+-1) units.
// Classical (1982): the weights store patterns by Hebb's rule, one pattern
// xi [1, 64] per @update step (five steps store the five patterns):
//   W <- W + (1/64) xi^T xi, with a zero diagonal,
// and @forward recalls the stored patterns from corrupted probes by
// asynchronous updates: 512 single-unit updates (an nn.scan), each of a
// unit i drawn from the key (i = floor(64 u), u from nn.random_uniform),
//   s_i <- +1 if (W s)_i > 0, -1 if (W s)_i < 0, unchanged if 0,
// with the energy E(s) = -1/2 s^T W s of every probe before and after every
// update (`energy`, [513, 5]); test/arch/hopfield/check_energy.py checks that
// the compiled model's energy never increases and that it recalls the
// patterns. W holds multiples of 1/64 and the states are +-1, so fields and
// energies are exact in float32: the compiled dynamics are the float64
// reference's, bit for bit.
// Modern (Ramsauer et al. 2020, "Hopfield Networks is All You Need"): the
// continuous update of a state xi from the stored patterns X [5, 64],
//   xi_new = X^T softmax(beta X xi),  beta = 1/sqrt(64),
// computed for every probe as columns (`modern_recalled`), and the same
// computed as scaled dot-product attention with the probes as queries and
// the patterns as keys and values, softmax(Q K^T / sqrt(d)) V
// (`attention`); make_golden.py asserts they equal torch.nn.MultiheadAttention
// with identity projections, and arch/hopfield/modern-equals-attention
// checks the compiled model's two results against each other.
// Weights: hopfield.safetensors (test/arch/hopfield/make_golden.py).
func.func @forward(%probes: tensor<5x64xf32> {nn.input = "probes"},
    %key: tensor<i64> {nn.input = "key"},
    %w: tensor<64x64xf32> {nn.param = "weight"},
    %patterns: tensor<5x64xf32> {nn.param = "patterns"})
    -> (tensor<5x64xf32> {nn.output = "recalled"},
        tensor<513x5xf32> {nn.output = "energy"},
        tensor<5x64xf32> {nn.output = "modern_recalled"},
        tensor<5x64xf32> {nn.output = "attention"}) {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %minus_one = arith.constant dense<-1.0> : tensor<f32>
  %minus_half = arith.constant dense<-0.5> : tensor<f32>
  // The unit of each asynchronous update, as a one-hot row.
  %units = arith.constant dense<64.0> : tensor<f32>
  %u = nn.random_uniform %key : tensor<i64> -> tensor<512xf32>
  %scaled = nn.mul %u, %units : tensor<512xf32>, tensor<f32>
  %picks = nn.cast %scaled : tensor<512xf32> -> tensor<512xi64>
  %masks = nn.one_hot %picks : tensor<512xi64> -> tensor<512x64xf32>

  %field0 = nn.matmul %probes, %w : tensor<5x64xf32>, tensor<64x64xf32>
  %sw0 = nn.mul %probes, %field0 : tensor<5x64xf32>, tensor<5x64xf32>
  %ssw0 = nn.reduce_sum %sw0 [1] : tensor<5x64xf32>
  %e0 = nn.mul %ssw0, %minus_half : tensor<5xf32>, tensor<f32>
  %recalled, %energies = nn.scan init(%probes : tensor<5x64xf32>)
      over(%masks : tensor<512x64xf32>)
      finals(tensor<5x64xf32>) outputs(tensor<512x5xf32>) {
  ^bb0(%s: tensor<5x64xf32>, %mask: tensor<64xf32>):
    // W is symmetric: the fields W s of every probe are the rows of s W.
    %field = nn.matmul %s, %w : tensor<5x64xf32>, tensor<64x64xf32>
    %up = nn.compare gt, %field, %zero : tensor<5x64xf32>, tensor<f32>
    %down = nn.compare lt, %field, %zero : tensor<5x64xf32>, tensor<f32>
    %kept = nn.select %down, %minus_one, %s : tensor<5x64xi1>, tensor<f32>, tensor<5x64xf32>
    %target = nn.select %up, %one, %kept : tensor<5x64xi1>, tensor<f32>, tensor<5x64xf32>
    %chosen = nn.compare gt, %mask, %zero : tensor<64xf32>, tensor<f32>
    %s_next = nn.select %chosen, %target, %s
        : tensor<64xi1>, tensor<5x64xf32>, tensor<5x64xf32>
    %field_next = nn.matmul %s_next, %w : tensor<5x64xf32>, tensor<64x64xf32>
    %sw = nn.mul %s_next, %field_next : tensor<5x64xf32>, tensor<5x64xf32>
    %ssw = nn.reduce_sum %sw [1] : tensor<5x64xf32>
    %e = nn.mul %ssw, %minus_half : tensor<5xf32>, tensor<f32>
    nn.yield %s_next, %e : tensor<5x64xf32>, tensor<5xf32>
  }
  %e0_row = nn.reshape %e0 [1, 5] : tensor<5xf32>
  %energy = nn.concat %e0_row, %energies axis 0 : tensor<1x5xf32>, tensor<512x5xf32>

  // Modern Hopfield update, one column per probe: X^T softmax(beta X xi).
  %beta = arith.constant dense<0.125> : tensor<f32>
  %probes_t = nn.transpose %probes [1, 0] : tensor<5x64xf32>
  %similarity = nn.matmul %patterns, %probes_t : tensor<5x64xf32>, tensor<64x5xf32>
  %sharp = nn.mul %similarity, %beta : tensor<5x5xf32>, tensor<f32>
  %separation = nn.softmax %sharp axis 0 : tensor<5x5xf32>
  %patterns_t = nn.transpose %patterns [1, 0] : tensor<5x64xf32>
  %columns = nn.matmul %patterns_t, %separation : tensor<64x5xf32>, tensor<5x5xf32>
  %modern = nn.transpose %columns [1, 0] : tensor<64x5xf32>

  // Scaled dot-product attention: queries = probes, keys = values = patterns.
  %keys_t = nn.transpose %patterns [1, 0] : tensor<5x64xf32>
  %scores = nn.matmul %probes, %keys_t : tensor<5x64xf32>, tensor<64x5xf32>
  %inv_sqrt_d = arith.constant dense<0.125> : tensor<f32>
  %scaled_scores = nn.mul %scores, %inv_sqrt_d : tensor<5x5xf32>, tensor<f32>
  %weights = nn.softmax %scaled_scores axis 1 : tensor<5x5xf32>
  %attention = nn.matmul %weights, %patterns : tensor<5x5xf32>, tensor<5x64xf32>
  return %recalled, %energy, %modern, %attention
      : tensor<5x64xf32>, tensor<513x5xf32>, tensor<5x64xf32>, tensor<5x64xf32>
}

// Hebbian storage of one more pattern xi [1, 64] in the weights W.
func.func @update(%w: tensor<64x64xf32> {nn.input = "weight"},
    %xi: tensor<1x64xf32> {nn.input = "new_patterns"})
    -> (tensor<64x64xf32> {nn.output = "weight"}) {
  %xi_t = nn.transpose %xi [1, 0] : tensor<1x64xf32>
  %outer = nn.matmul %xi_t, %xi : tensor<64x1xf32>, tensor<1x64xf32>
  %inv_n = arith.constant dense<0.015625> : tensor<f32>
  %hebb = nn.mul %outer, %inv_n : tensor<64x64xf32>, tensor<f32>
  %diagonal = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
      16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
      37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57,
      58, 59, 60, 61, 62, 63]> : tensor<64xi64>
  %eye = nn.one_hot %diagonal : tensor<64xi64> -> tensor<64x64xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %off_diagonal = nn.sub %one, %eye : tensor<f32>, tensor<64x64xf32>
  %hebb_off = nn.mul %hebb, %off_diagonal : tensor<64x64xf32>, tensor<64x64xf32>
  %w_next = nn.add %w, %hebb_off : tensor<64x64xf32>, tensor<64x64xf32>
  return %w_next : tensor<64x64xf32>
}
