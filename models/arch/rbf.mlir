// [rbf] A radial basis function network on 2-D inputs: a Gaussian radial
// basis layer of 6 centers c_j of width sigma = 0.8,
//   phi_j(x) = exp(-||x - c_j||^2 / (2 sigma^2)),
// and a linear output y = [phi(x), 1] W (W [7, 1]: 6 weights and a bias).
// @update trains it in two phases on a batch of 64 points and targets:
//   1. k-means for the centers: 3 iterations of Lloyd's algorithm (an
//      scf.for) from the current centers: assign every point to its nearest
//      center (nn.argmin), move every center to the mean of its points (one
//      with no point stays where it is);
//   2. least squares for the output weights on the new centers' features
//      Phi [64, 7]: W = solve(Phi^T Phi + lambda I, Phi^T Y), lambda = 1e-3,
//      one compiled nn.solve.
// It also returns the k-means objective after phase 1 (`inertia`: the mean
// squared distance of each point to its assigned center) and the training
// mean squared error of the fitted output (`train_mse`). Each step takes a
// fresh batch and continues the k-means from the centers the step before
// returned; the output weights are refitted from scratch, so they are a
// result, not an input.
// Weights: rbf.safetensors (test/arch/rbf/make_golden.py): the centers and
// output weights after the training steps of the learn test.

// The features and predictions of 64 points.
func.func @forward(%x: tensor<64x2xf32> {nn.input = "x"},
    %centers: tensor<6x2xf32> {nn.param = "centers"},
    %w: tensor<7x1xf32> {nn.param = "weight"})
    -> (tensor<64x6xf32> {nn.output = "features"},
        tensor<64x1xf32> {nn.output = "prediction"}) {
  %d2 = call @squared_distances(%x, %centers)
      : (tensor<64x2xf32>, tensor<6x2xf32>) -> tensor<64x6xf32>
  %phi = call @gaussian(%d2) : (tensor<64x6xf32>) -> tensor<64x6xf32>
  %ones = arith.constant dense<1.0> : tensor<64x1xf32>
  %phi_1 = nn.concat %phi, %ones axis 1 : tensor<64x6xf32>, tensor<64x1xf32>
  %y = nn.matmul %phi_1, %w : tensor<64x7xf32>, tensor<7x1xf32>
  return %phi, %y : tensor<64x6xf32>, tensor<64x1xf32>
}

// One training step: k-means (3 Lloyd iterations), then least squares.
func.func @update(%centers: tensor<6x2xf32> {nn.input = "centers"},
    %x: tensor<64x2xf32> {nn.input = "x"},
    %targets: tensor<64x1xf32> {nn.input = "targets"})
    -> (tensor<6x2xf32> {nn.output = "centers"},
        tensor<7x1xf32> {nn.output = "weight"},
        tensor<f32> {nn.output = "inertia"},
        tensor<f32> {nn.output = "train_mse"}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %iterations = arith.constant 3 : index
  %zero = arith.constant dense<0.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  // Phase 1: Lloyd's iterations.
  %moved = scf.for %i = %c0 to %iterations step %c1 iter_args(%c = %centers)
      -> tensor<6x2xf32> {
    %d2 = func.call @squared_distances(%x, %c)
        : (tensor<64x2xf32>, tensor<6x2xf32>) -> tensor<64x6xf32>
    %nearest = nn.argmin %d2 {axis = 1} : tensor<64x6xf32>
    %members = nn.one_hot %nearest : tensor<64xi64> -> tensor<64x6xf32>
    %members_t = nn.transpose %members [1, 0] : tensor<64x6xf32>
    %sums = nn.matmul %members_t, %x : tensor<6x64xf32>, tensor<64x2xf32>
    %counts = nn.reduce_sum %members [0] {keepdim = true} : tensor<64x6xf32>
    %counts_col = nn.reshape %counts [6, 1] : tensor<1x6xf32>
    %divisor = nn.maximum %counts_col, %one : tensor<6x1xf32>, tensor<f32>
    %means = nn.div %sums, %divisor : tensor<6x2xf32>, tensor<6x1xf32>
    %occupied = nn.compare gt, %counts_col, %zero : tensor<6x1xf32>, tensor<f32>
    %c_next = nn.select %occupied, %means, %c : tensor<6x1xi1>, tensor<6x2xf32>, tensor<6x2xf32>
    scf.yield %c_next : tensor<6x2xf32>
  }
  %d2 = call @squared_distances(%x, %moved)
      : (tensor<64x2xf32>, tensor<6x2xf32>) -> tensor<64x6xf32>
  %neg_d2 = nn.neg %d2 : tensor<64x6xf32>
  %neg_closest = nn.reduce_max %neg_d2 [1] : tensor<64x6xf32>
  %neg_inertia = nn.reduce_mean %neg_closest [] : tensor<64xf32>
  %inertia = nn.neg %neg_inertia : tensor<f32>

  // Phase 2: ridge least squares for the output weights.
  %phi = call @gaussian(%d2) : (tensor<64x6xf32>) -> tensor<64x6xf32>
  %ones = arith.constant dense<1.0> : tensor<64x1xf32>
  %phi_1 = nn.concat %phi, %ones axis 1 : tensor<64x6xf32>, tensor<64x1xf32>
  %phi_t = nn.transpose %phi_1 [1, 0] : tensor<64x7xf32>
  %gram = nn.matmul %phi_t, %phi_1 : tensor<7x64xf32>, tensor<64x7xf32>
  %diagonal = arith.constant dense<[0, 1, 2, 3, 4, 5, 6]> : tensor<7xi64>
  %eye = nn.one_hot %diagonal : tensor<7xi64> -> tensor<7x7xf32>
  %lambda = arith.constant dense<1.0e-3> : tensor<f32>
  %ridge = nn.mul %eye, %lambda : tensor<7x7xf32>, tensor<f32>
  %a = nn.add %gram, %ridge : tensor<7x7xf32>, tensor<7x7xf32>
  %rhs = nn.matmul %phi_t, %targets : tensor<7x64xf32>, tensor<64x1xf32>
  %w_next = nn.solve %a, %rhs : tensor<7x7xf32>, tensor<7x1xf32>
  %fit = nn.matmul %phi_1, %w_next : tensor<64x7xf32>, tensor<7x1xf32>
  %mse = nn.mse_loss %fit, %targets : tensor<64x1xf32>, tensor<64x1xf32>
  return %moved, %w_next, %inertia, %mse
      : tensor<6x2xf32>, tensor<7x1xf32>, tensor<f32>, tensor<f32>
}

// ||x_n - c_j||^2 for every point n and center j.
func.func private @squared_distances(%x: tensor<64x2xf32>, %c: tensor<6x2xf32>)
    -> tensor<64x6xf32> {
  %xs = nn.reshape %x [64, 1, 2] : tensor<64x2xf32>
  %diff = nn.sub %xs, %c : tensor<64x1x2xf32>, tensor<6x2xf32>
  %sq = nn.mul %diff, %diff : tensor<64x6x2xf32>, tensor<64x6x2xf32>
  %d2 = nn.reduce_sum %sq [2] : tensor<64x6x2xf32>
  return %d2 : tensor<64x6xf32>
}

// The Gaussian basis functions exp(-d^2 / (2 sigma^2)), sigma = 0.8.
func.func private @gaussian(%d2: tensor<64x6xf32>) -> tensor<64x6xf32> {
  %scale = arith.constant dense<-0.78125> : tensor<f32>
  %arg = nn.mul %d2, %scale : tensor<64x6xf32>, tensor<f32>
  %phi = nn.exp %arg : tensor<64x6xf32>
  return %phi : tensor<64x6xf32>
}
