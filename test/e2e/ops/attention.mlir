// nn.attention through the CPU pipeline, where nnc-flash-attention tiles it
// (64 queries by 128 keys at most, so 256 positions are 4 x 2 tiles and 96
// queries are 2 tiles of 48): grouped queries (4 query heads on 2 key/value
// heads), a value head dimension of its own, causal, sliding windows with
// and without causal, an additive mask with a fully -inf row, a boolean
// key-padding mask with causal (queries 0..9 see no key: zeros), and fewer
// queries than keys with an explicit scale.
// Golden data: make_golden.py (group "attention").
func.func @forward(%q: tensor<1x4x256x16xf32> {nn.input = "q"},
                   %k: tensor<1x2x256x16xf32> {nn.input = "k"},
                   %v: tensor<1x2x256x8xf32> {nn.input = "v"},
                   %bias: tensor<256x256xf32> {nn.input = "bias"},
                   %keep: tensor<1x1x1x256xi1> {nn.input = "keep"},
                   %qs: tensor<1x4x96x16xf32> {nn.input = "qs"})
    -> (tensor<1x4x256x8xf32> {nn.output = "grouped"},
        tensor<1x4x256x8xf32> {nn.output = "causal"},
        tensor<1x4x256x8xf32> {nn.output = "causal_window"},
        tensor<1x4x256x8xf32> {nn.output = "window"},
        tensor<1x4x256x8xf32> {nn.output = "bias"},
        tensor<1x4x256x8xf32> {nn.output = "keep_causal"},
        tensor<1x4x96x8xf32> {nn.output = "short_scaled"}) {
  %0 = nn.attention %q, %k, %v
      : tensor<1x4x256x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>
  %1 = nn.attention %q, %k, %v {causal = true}
      : tensor<1x4x256x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>
  %2 = nn.attention %q, %k, %v {causal = true, window = 100}
      : tensor<1x4x256x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>
  %3 = nn.attention %q, %k, %v {window = 50}
      : tensor<1x4x256x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>
  %4 = nn.attention %q, %k, %v mask %bias
      : tensor<1x4x256x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>,
        tensor<256x256xf32>
  %5 = nn.attention %q, %k, %v mask %keep {causal = true}
      : tensor<1x4x256x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>,
        tensor<1x1x1x256xi1>
  %6 = nn.attention %qs, %k, %v {causal = true, scale = 0.3}
      : tensor<1x4x96x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x8xf32>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<1x4x256x8xf32>, tensor<1x4x256x8xf32>, tensor<1x4x256x8xf32>,
        tensor<1x4x256x8xf32>, tensor<1x4x256x8xf32>, tensor<1x4x256x8xf32>,
        tensor<1x4x96x8xf32>
}
