// [som] A self-organizing map (Kohonen): 4 x 4 units on a 2-D grid, each
// with a weight vector in the 2-D input space. For a sample x:
//   bmu     = argmin_j |x - w_j|^2              (best matching unit)
//   h_j(t)  = exp(-|g_j - g_bmu|^2 / (2 sigma(t)^2))   (neighborhood; g_j is
//             unit j's (row, column) on the grid)
//   w_j    += lr(t) * h_j(t) * (x - w_j)
// with the learning rate and the radius decreasing with the number t of
// samples seen: lr(t) = 0.5 exp(-t / 160), sigma(t) = 2 exp(-t / 160).
// @update is the rule: it presents a batch of samples one after the other
// (an nn.scan over the batch, carrying the weights and t) and returns the
// new weights, the new t and the BMU of every sample as it was presented.
// @forward evaluates a map (the trained one of som.safetensors) on test
// points: their BMUs, the neighborhood of each BMU and the schedule at step
// t, the quantization error (mean distance of a point to its BMU) and the
// topographic error (fraction of points whose first and second BMUs are not
// neighbours on the grid, 8-neighbourhood): the trained map preserves the
// grid's topology. Weights: som.safetensors (test/arch/som/make_golden.py).
func.func @forward(%x: tensor<64x2xf32> {nn.input = "x"},
    %t: tensor<f32> {nn.input = "step"},
    %w: tensor<16x2xf32> {nn.param = "weights"})
    -> (tensor<64xi64> {nn.output = "bmu"},
        tensor<64x16xf32> {nn.output = "neighborhood"},
        tensor<f32> {nn.output = "learning_rate"},
        tensor<f32> {nn.output = "radius"},
        tensor<f32> {nn.output = "quantization_error"},
        tensor<f32> {nn.output = "topographic_error"}) {
  %grid = call @grid() : () -> tensor<16x2xf32>
  // Squared distances of every point to every unit, [64, 16].
  %xr = nn.reshape %x [64, 1, 2] : tensor<64x2xf32>
  %diff = nn.sub %xr, %w : tensor<64x1x2xf32>, tensor<16x2xf32>
  %sq = nn.mul %diff, %diff : tensor<64x16x2xf32>, tensor<64x16x2xf32>
  %d2 = nn.reduce_sum %sq [2] : tensor<64x16x2xf32>
  %bmu = nn.argmin %d2 {axis = 1} : tensor<64x16xf32>
  // The second best unit: the best once the BMU is out of the running.
  %hot = nn.one_hot %bmu : tensor<64xi64> -> tensor<64x16xf32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %is_bmu = nn.compare gt, %hot, %half : tensor<64x16xf32>, tensor<f32>
  %far = arith.constant dense<1.0e30> : tensor<f32>
  %d2_rest = nn.select %is_bmu, %far, %d2
      : tensor<64x16xi1>, tensor<f32>, tensor<64x16xf32>
  %second = nn.argmin %d2_rest {axis = 1} : tensor<64x16xf32>
  // Topographic error: the two are more than one row or column apart.
  %g_bmu = nn.gather %grid, %bmu {axis = 0} : tensor<16x2xf32>, tensor<64xi64>
  %g_second = nn.gather %grid, %second {axis = 0} : tensor<16x2xf32>, tensor<64xi64>
  %g_gap = nn.sub %g_bmu, %g_second : tensor<64x2xf32>, tensor<64x2xf32>
  %g_abs = nn.abs %g_gap : tensor<64x2xf32>
  %cells = nn.reduce_max %g_abs [1] : tensor<64x2xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %apart = nn.compare gt, %cells, %one : tensor<64xf32>, tensor<f32>
  %apart_f = nn.cast %apart : tensor<64xi1> -> tensor<64xf32>
  %te = nn.reduce_mean %apart_f [0] : tensor<64xf32>
  // Quantization error: the mean distance to the BMU.
  %neg_d2 = nn.neg %d2 : tensor<64x16xf32>
  %neg_min = nn.reduce_max %neg_d2 [1] : tensor<64x16xf32>
  %min_d2 = nn.neg %neg_min : tensor<64xf32>
  %dist = nn.sqrt %min_d2 : tensor<64xf32>
  %qe = nn.reduce_mean %dist [0] : tensor<64xf32>
  // The neighborhood of every point's BMU at step t, [64, 16].
  %lr, %sigma = call @schedule(%t) : (tensor<f32>) -> (tensor<f32>, tensor<f32>)
  %g_bmu_r = nn.reshape %g_bmu [64, 1, 2] : tensor<64x2xf32>
  %g_diff = nn.sub %grid, %g_bmu_r : tensor<16x2xf32>, tensor<64x1x2xf32>
  %g_sq = nn.mul %g_diff, %g_diff : tensor<64x16x2xf32>, tensor<64x16x2xf32>
  %g_d2 = nn.reduce_sum %g_sq [2] : tensor<64x16x2xf32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %s2 = nn.mul %sigma, %sigma : tensor<f32>, tensor<f32>
  %width = nn.mul %two, %s2 : tensor<f32>, tensor<f32>
  %q = nn.div %g_d2, %width : tensor<64x16xf32>, tensor<f32>
  %neg_q = nn.neg %q : tensor<64x16xf32>
  %h = nn.exp %neg_q : tensor<64x16xf32>
  return %bmu, %h, %lr, %sigma, %qe, %te
      : tensor<64xi64>, tensor<64x16xf32>, tensor<f32>, tensor<f32>,
        tensor<f32>, tensor<f32>
}

// The rule: the 32 samples of x presented in order, starting after t
// samples seen; returns the new weights, t + 32 and each sample's BMU.
func.func @update(%w0: tensor<16x2xf32> {nn.input = "weights"},
    %t0: tensor<f32> {nn.input = "step"},
    %x: tensor<32x2xf32> {nn.input = "x"})
    -> (tensor<16x2xf32> {nn.output = "weights"},
        tensor<f32> {nn.output = "step"},
        tensor<32xi64> {nn.output = "bmu"}) {
  %grid = call @grid() : () -> tensor<16x2xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %w_n, %t_n, %bmus = nn.scan
      init(%w0, %t0 : tensor<16x2xf32>, tensor<f32>)
      over(%x : tensor<32x2xf32>)
      finals(tensor<16x2xf32>, tensor<f32>) outputs(tensor<32xi64>) {
  ^bb0(%w: tensor<16x2xf32>, %t: tensor<f32>, %xs: tensor<2xf32>):
    // x - w_j for every unit and the BMU.
    %diff = nn.sub %xs, %w : tensor<2xf32>, tensor<16x2xf32>
    %sq = nn.mul %diff, %diff : tensor<16x2xf32>, tensor<16x2xf32>
    %d2 = nn.reduce_sum %sq [1] : tensor<16x2xf32>
    %bmu = nn.argmin %d2 {axis = 0} : tensor<16xf32>
    // The neighborhood of the BMU on the grid.
    %g_bmu = nn.gather %grid, %bmu {axis = 0} : tensor<16x2xf32>, tensor<i64>
    %g_diff = nn.sub %grid, %g_bmu : tensor<16x2xf32>, tensor<2xf32>
    %g_sq = nn.mul %g_diff, %g_diff : tensor<16x2xf32>, tensor<16x2xf32>
    %g_d2 = nn.reduce_sum %g_sq [1] : tensor<16x2xf32>
    %lr, %sigma = func.call @schedule(%t) : (tensor<f32>) -> (tensor<f32>, tensor<f32>)
    %s2 = nn.mul %sigma, %sigma : tensor<f32>, tensor<f32>
    %width = nn.mul %two, %s2 : tensor<f32>, tensor<f32>
    %q = nn.div %g_d2, %width : tensor<16xf32>, tensor<f32>
    %neg_q = nn.neg %q : tensor<16xf32>
    %h = nn.exp %neg_q : tensor<16xf32>
    // w_j += lr * h_j * (x - w_j).
    %hr = nn.reshape %h [16, 1] : tensor<16xf32>
    %pull = nn.mul %hr, %diff : tensor<16x1xf32>, tensor<16x2xf32>
    %move = nn.mul %lr, %pull : tensor<f32>, tensor<16x2xf32>
    %w_next = nn.add %w, %move : tensor<16x2xf32>, tensor<16x2xf32>
    %t_next = nn.add %t, %one : tensor<f32>, tensor<f32>
    nn.yield %w_next, %t_next, %bmu : tensor<16x2xf32>, tensor<f32>, tensor<i64>
  }
  return %w_n, %t_n, %bmus : tensor<16x2xf32>, tensor<f32>, tensor<32xi64>
}

// The (row, column) of every unit of the 4 x 4 grid, row-major.
func.func private @grid() -> tensor<16x2xf32> {
  %grid = arith.constant dense<[[0.0, 0.0], [0.0, 1.0], [0.0, 2.0], [0.0, 3.0],
                                [1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0],
                                [2.0, 0.0], [2.0, 1.0], [2.0, 2.0], [2.0, 3.0],
                                [3.0, 0.0], [3.0, 1.0], [3.0, 2.0], [3.0, 3.0]]>
      : tensor<16x2xf32>
  return %grid : tensor<16x2xf32>
}

// The learning rate and the radius after t samples: both decay as
// exp(-t / 160), from 0.5 and 2.
func.func private @schedule(%t: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %tau = arith.constant dense<160.0> : tensor<f32>
  %lr0 = arith.constant dense<0.5> : tensor<f32>
  %sigma0 = arith.constant dense<2.0> : tensor<f32>
  %ratio = nn.div %t, %tau : tensor<f32>, tensor<f32>
  %neg = nn.neg %ratio : tensor<f32>
  %decay = nn.exp %neg : tensor<f32>
  %lr = nn.mul %lr0, %decay : tensor<f32>, tensor<f32>
  %sigma = nn.mul %sigma0, %decay : tensor<f32>, tensor<f32>
  return %lr, %sigma : tensor<f32>, tensor<f32>
}
