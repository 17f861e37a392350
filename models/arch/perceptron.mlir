// [perceptron] Rosenblatt's perceptron on 3-D points with labels +-1:
//   score = w . x + b,  prediction = +1 if score > 0 else -1
// and its learning rule, one epoch over the data per @update step: for each
// sample in turn (an nn.scan over the samples, in the order given),
//   if y (w . x + b) <= 0:  w <- w + y x,  b <- b + y,  one more update.
// @forward also computes the convergence bound of the perceptron theorem
// (Novikoff) for the data and a separating vector u of the augmented
// points (x, 1): R = max ||(x, 1)||, gamma = min y u.(x, 1) / ||u|| and the
// bound (R / gamma)^2 on the number of updates before the rule separates
// the data. test/arch/perceptron/check_convergence.py runs the compiled
// @update epoch after epoch from w = 0 and checks that it converges within
// the bound that the compiled @forward reports.
// The data are small integers, so w, b and every score stay integers and
// the float32 rule makes exactly the float64 reference's decisions.
// Weights: perceptron.safetensors (test/arch/perceptron/make_golden.py).
func.func @forward(%x: tensor<32x3xf32> {nn.input = "x"},
    %labels: tensor<32xf32> {nn.input = "labels"},
    %u: tensor<4xf32> {nn.input = "separator"},
    %w: tensor<3xf32> {nn.param = "weight"},
    %b: tensor<1xf32> {nn.param = "bias"})
    -> (tensor<32xf32> {nn.output = "scores"},
        tensor<32xf32> {nn.output = "predictions"},
        tensor<f32> {nn.output = "radius"},
        tensor<f32> {nn.output = "margin"},
        tensor<f32> {nn.output = "update_bound"}) {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %minus_one = arith.constant dense<-1.0> : tensor<f32>
  %w_col = nn.reshape %w [3, 1] : tensor<3xf32>
  %xw = nn.matmul %x, %w_col : tensor<32x3xf32>, tensor<3x1xf32>
  %xw_flat = nn.reshape %xw [32] : tensor<32x1xf32>
  %scores = nn.add %xw_flat, %b : tensor<32xf32>, tensor<1xf32>
  %positive = nn.compare gt, %scores, %zero : tensor<32xf32>, tensor<f32>
  %predictions = nn.select %positive, %one, %minus_one
      : tensor<32xi1>, tensor<f32>, tensor<f32>

  // The bound: the augmented points (x, 1), their largest norm R and their
  // smallest signed distance gamma to the hyperplane u . (x, 1) = 0.
  %ones = arith.constant dense<1.0> : tensor<32x1xf32>
  %xa = nn.concat %x, %ones axis 1 : tensor<32x3xf32>, tensor<32x1xf32>
  %xa_sq = nn.mul %xa, %xa : tensor<32x4xf32>, tensor<32x4xf32>
  %norms_sq = nn.reduce_sum %xa_sq [1] : tensor<32x4xf32>
  %radius_sq = nn.reduce_max %norms_sq [0] : tensor<32xf32>
  %radius = nn.sqrt %radius_sq : tensor<f32>
  %u_col = nn.reshape %u [4, 1] : tensor<4xf32>
  %proj = nn.matmul %xa, %u_col : tensor<32x4xf32>, tensor<4x1xf32>
  %proj_flat = nn.reshape %proj [32] : tensor<32x1xf32>
  %signed = nn.mul %proj_flat, %labels : tensor<32xf32>, tensor<32xf32>
  %neg_signed = nn.neg %signed : tensor<32xf32>
  %neg_closest = nn.reduce_max %neg_signed [0] : tensor<32xf32>
  %closest = nn.neg %neg_closest : tensor<f32>
  %u_sq = nn.mul %u, %u : tensor<4xf32>, tensor<4xf32>
  %u_norm_sq = nn.reduce_sum %u_sq [0] : tensor<4xf32>
  %u_norm = nn.sqrt %u_norm_sq : tensor<f32>
  %margin = nn.div %closest, %u_norm : tensor<f32>, tensor<f32>
  %ratio = nn.div %radius, %margin : tensor<f32>, tensor<f32>
  %bound = nn.mul %ratio, %ratio : tensor<f32>, tensor<f32>
  return %scores, %predictions, %radius, %margin, %bound
      : tensor<32xf32>, tensor<32xf32>, tensor<f32>, tensor<f32>, tensor<f32>
}

// One epoch of the perceptron rule over the 32 samples in the given order.
// State: weight, bias and the number of updates made so far; `mistakes` is
// the number of updates of this epoch (0 once the data are separated).
func.func @update(%w: tensor<3xf32> {nn.input = "weight"},
    %b: tensor<1xf32> {nn.input = "bias"},
    %updates: tensor<f32> {nn.input = "updates"},
    %x: tensor<32x3xf32> {nn.input = "x"},
    %labels: tensor<32xf32> {nn.input = "labels"})
    -> (tensor<3xf32> {nn.output = "weight"},
        tensor<1xf32> {nn.output = "bias"},
        tensor<f32> {nn.output = "updates"},
        tensor<f32> {nn.output = "mistakes"}) {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %none = arith.constant dense<0.0> : tensor<1xf32>
  %y = nn.reshape %labels [32, 1] : tensor<32xf32>
  %w_n, %b_n, %count = nn.scan init(%w, %b, %none : tensor<3xf32>, tensor<1xf32>,
      tensor<1xf32>) over(%x, %y : tensor<32x3xf32>, tensor<32x1xf32>)
      finals(tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) {
  ^bb0(%w_t: tensor<3xf32>, %b_t: tensor<1xf32>, %count_t: tensor<1xf32>,
       %x_t: tensor<3xf32>, %y_t: tensor<1xf32>):
    %wx = nn.mul %w_t, %x_t : tensor<3xf32>, tensor<3xf32>
    %dot = nn.reduce_sum %wx [0] : tensor<3xf32>
    %score = nn.add %b_t, %dot : tensor<1xf32>, tensor<f32>
    %agreement = nn.mul %y_t, %score : tensor<1xf32>, tensor<1xf32>
    %wrong = nn.compare le, %agreement, %zero : tensor<1xf32>, tensor<f32>
    %step = nn.select %wrong, %y_t, %zero : tensor<1xi1>, tensor<1xf32>, tensor<f32>
    %dw = nn.mul %step, %x_t : tensor<1xf32>, tensor<3xf32>
    %w_next = nn.add %w_t, %dw : tensor<3xf32>, tensor<3xf32>
    %b_next = nn.add %b_t, %step : tensor<1xf32>, tensor<1xf32>
    %made = nn.cast %wrong : tensor<1xi1> -> tensor<1xf32>
    %count_next = nn.add %count_t, %made : tensor<1xf32>, tensor<1xf32>
    nn.yield %w_next, %b_next, %count_next : tensor<3xf32>, tensor<1xf32>, tensor<1xf32>
  }
  %mistakes = nn.reshape %count [] : tensor<1xf32>
  %total = nn.add %updates, %mistakes : tensor<f32>, tensor<f32>
  return %w_n, %b_n, %total, %mistakes : tensor<3xf32>, tensor<1xf32>, tensor<f32>, tensor<f32>
}
