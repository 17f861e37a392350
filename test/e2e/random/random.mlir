// nn.random_normal: samples for two keys (one of them negative) and two
// shapes; the same key in another shape repeats the leading samples.
// nn.random_uniform: samples in three float types (their precisions differ,
// so the bits kept differ; the f16 samples are returned widened to f32, as
// a model output has no f16 type) and a shape sharing the key.
func.func @forward(%k1: tensor<i64> {nn.input = "k1"}, %k2: tensor<i64> {nn.input = "k2"})
    -> (tensor<64x64xf32> {nn.output = "normal_k1"},
        tensor<3x5xf32> {nn.output = "normal_k2"},
        tensor<15xf32> {nn.output = "normal_k2_flat"},
        tensor<64x64xf32> {nn.output = "uniform_k1"},
        tensor<3x5xf64> {nn.output = "uniform_k2_f64"},
        tensor<15xf32> {nn.output = "uniform_k2_f16"}) {
  %a = nn.random_normal %k1 : tensor<i64> -> tensor<64x64xf32>
  %b = nn.random_normal %k2 : tensor<i64> -> tensor<3x5xf32>
  %c = nn.random_normal %k2 : tensor<i64> -> tensor<15xf32>
  %d = nn.random_uniform %k1 : tensor<i64> -> tensor<64x64xf32>
  %e = nn.random_uniform %k2 : tensor<i64> -> tensor<3x5xf64>
  %f = nn.random_uniform %k2 : tensor<i64> -> tensor<15xf16>
  %g = nn.cast %f : tensor<15xf16> -> tensor<15xf32>
  return %a, %b, %c, %d, %e, %g : tensor<64x64xf32>, tensor<3x5xf32>,
      tensor<15xf32>, tensor<64x64xf32>, tensor<3x5xf64>, tensor<15xf32>
}
