// Gradient of nn.attention with respect to query, key, value and an
// additive mask: grouped queries with causal masking and a sliding window,
// an additive [Lq, Lk] mask, and fewer queries than keys with a scale.
// Golden data: make_golden.py (test "attention").
func.func @loss(
    %q: tensor<1x4x6x8xf32> {nn.param = "q"},
    %k: tensor<1x2x6x8xf32> {nn.param = "k"},
    %v: tensor<1x2x6x4xf32> {nn.param = "v"},
    %bias: tensor<6x6xf32> {nn.param = "bias"},
    %qs: tensor<1x4x3x8xf32> {nn.param = "qs"},
    %cot_causal: tensor<1x4x6x4xf32> {nn.input = "cot_causal"},
    %cot_window: tensor<1x4x6x4xf32> {nn.input = "cot_window"},
    %cot_bias: tensor<1x4x6x4xf32> {nn.input = "cot_bias"},
    %cot_short: tensor<1x4x3x4xf32> {nn.input = "cot_short"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %a = nn.attention %q, %k, %v {causal = true}
      : tensor<1x4x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x4xf32>
  %b = nn.attention %q, %k, %v {causal = true, window = 2}
      : tensor<1x4x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x4xf32>
  %c = nn.attention %q, %k, %v mask %bias
      : tensor<1x4x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x4xf32>,
        tensor<6x6xf32>
  %d = nn.attention %qs, %k, %v {scale = 0.5}
      : tensor<1x4x3x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x4xf32>
  %pa = nn.mul %a, %cot_causal : tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32>
  %ta = nn.reduce_sum %pa [] : tensor<1x4x6x4xf32>
  %pb = nn.mul %b, %cot_window : tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32>
  %tb = nn.reduce_sum %pb [] : tensor<1x4x6x4xf32>
  %pc = nn.mul %c, %cot_bias : tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32>
  %tc = nn.reduce_sum %pc [] : tensor<1x4x6x4xf32>
  %pd = nn.mul %d, %cot_short : tensor<1x4x3x4xf32>, tensor<1x4x3x4xf32>
  %td = nn.reduce_sum %pd [] : tensor<1x4x3x4xf32>
  %s0 = nn.add %ta, %tb : tensor<f32>, tensor<f32>
  %s1 = nn.add %s0, %tc : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %td : tensor<f32>, tensor<f32>
  return %s2 : tensor<f32>
}
