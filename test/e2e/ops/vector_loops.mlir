// Rows long enough for nnc-vectorize's vector loops, of lengths that leave a
// partial last vector: sums, maxima, products, logsumexp, softmax and
// log-softmax over rows of 100 (a step of 64 and a masked one of 36 with
// AVX-512); a mean over the last two axes of [3, 7, 40]; a layer norm over
// rows of 300 with a large offset; cross-entropy over 100 classes; and a bias
// add with GELU (the elementwise loops, with a masked tail on rows of 100).
// Golden data: make_golden.py (group "vector_loops").
func.func @forward(
    %w: tensor<6x100xf32> {nn.input = "w"},
    %near_one: tensor<6x100xf32> {nn.input = "near_one"},
    %v: tensor<3x7x40xf32> {nn.input = "v"},
    %n: tensor<5x300xf32> {nn.input = "n"},
    %g: tensor<300xf32> {nn.input = "g"},
    %b: tensor<300xf32> {nn.input = "b"},
    %labels: tensor<6xi64> {nn.input = "labels"},
    %bias: tensor<100xf32> {nn.input = "bias"})
    -> (tensor<6xf32> {nn.output = "sum_rows"},
        tensor<6x1xf32> {nn.output = "max_rows_keep"},
        tensor<6xf32> {nn.output = "prod_rows"},
        tensor<6xf32> {nn.output = "lse_rows"},
        tensor<6x100xf32> {nn.output = "softmax_rows"},
        tensor<6x100xf32> {nn.output = "log_softmax_rows"},
        tensor<3xf32> {nn.output = "mean_last2"},
        tensor<5x300xf32> {nn.output = "layer_norm"},
        tensor<f32> {nn.output = "cross_entropy"},
        tensor<6x100xf32> {nn.output = "gelu_bias"}) {
  %sum = nn.reduce_sum %w [-1] : tensor<6x100xf32>
  %max = nn.reduce_max %w [-1] {keepdim = true} : tensor<6x100xf32>
  %prod = nn.reduce_prod %near_one [1] : tensor<6x100xf32>
  %lse = nn.logsumexp %w [1] : tensor<6x100xf32>
  %softmax = nn.softmax %w axis -1 : tensor<6x100xf32>
  %log_softmax = nn.log_softmax %w axis 1 : tensor<6x100xf32>
  %mean = nn.reduce_mean %v [1, 2] : tensor<3x7x40xf32>
  %ln = nn.layer_norm %n, %g, %b
      : tensor<5x300xf32>, tensor<300xf32>, tensor<300xf32>
  %ce = nn.cross_entropy %w, %labels : tensor<6x100xf32>, tensor<6xi64>
  %biased = nn.add %w, %bias : tensor<6x100xf32>, tensor<100xf32>
  %gelu = nn.gelu %biased : tensor<6x100xf32>
  return %sum, %max, %prod, %lse, %softmax, %log_softmax, %mean, %ln, %ce,
         %gelu
      : tensor<6xf32>, tensor<6x1xf32>, tensor<6xf32>, tensor<6xf32>,
        tensor<6x100xf32>, tensor<6x100xf32>, tensor<3xf32>,
        tensor<5x300xf32>, tensor<f32>, tensor<6x100xf32>
}
