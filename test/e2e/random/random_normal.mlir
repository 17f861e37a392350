// nn.random_normal: samples for two keys (one of them negative) and two
// shapes; the same key in another shape repeats the leading samples.
func.func @forward(%k1: tensor<i64> {nn.input = "k1"}, %k2: tensor<i64> {nn.input = "k2"})
    -> (tensor<64x64xf32> {nn.output = "normal_k1"},
        tensor<3x5xf32> {nn.output = "normal_k2"},
        tensor<15xf32> {nn.output = "normal_k2_flat"}) {
  %a = nn.random_normal %k1 : tensor<i64> -> tensor<64x64xf32>
  %b = nn.random_normal %k2 : tensor<i64> -> tensor<3x5xf32>
  %c = nn.random_normal %k2 : tensor<i64> -> tensor<15xf32>
  return %a, %b, %c : tensor<64x64xf32>, tensor<3x5xf32>, tensor<15xf32>
}
