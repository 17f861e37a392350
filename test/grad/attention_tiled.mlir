// Gradient of nn.attention where nnc-flash-attention tiles it
// (nn.attention_grad, FlashAttention-2 style): 160 queries and 200 keys are
// 4 query tiles of 40 and 2 key tiles of 100. Grouped queries (4 query
// heads on 2 key/value heads) with causal masking and a boolean key mask
// (keys where the input `key_flag` is positive: all but keys 20..59), a
// sliding window without causal, and plain attention with a scale. Every
// query sees some key.
// Golden data: make_golden.py (test "attention_tiled").
func.func @loss(
    %q: tensor<1x4x160x8xf32> {nn.param = "q"},
    %k: tensor<1x2x200x8xf32> {nn.param = "k"},
    %v: tensor<1x2x200x4xf32> {nn.param = "v"},
    %key_flag: tensor<200xf32> {nn.input = "key_flag"},
    %cot_causal: tensor<1x4x160x4xf32> {nn.input = "cot_causal"},
    %cot_window: tensor<1x4x160x4xf32> {nn.input = "cot_window"},
    %cot_plain: tensor<1x4x160x4xf32> {nn.input = "cot_plain"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %keep = nn.compare gt, %key_flag, %zero : tensor<200xf32>, tensor<f32>
  %a = nn.attention %q, %k, %v mask %keep {causal = true}
      : tensor<1x4x160x8xf32>, tensor<1x2x200x8xf32>, tensor<1x2x200x4xf32>,
        tensor<200xi1>
  %b = nn.attention %q, %k, %v {window = 70}
      : tensor<1x4x160x8xf32>, tensor<1x2x200x8xf32>, tensor<1x2x200x4xf32>
  %c = nn.attention %q, %k, %v {scale = 0.5}
      : tensor<1x4x160x8xf32>, tensor<1x2x200x8xf32>, tensor<1x2x200x4xf32>
  %pa = nn.mul %a, %cot_causal : tensor<1x4x160x4xf32>, tensor<1x4x160x4xf32>
  %ta = nn.reduce_sum %pa [] : tensor<1x4x160x4xf32>
  %pb = nn.mul %b, %cot_window : tensor<1x4x160x4xf32>, tensor<1x4x160x4xf32>
  %tb = nn.reduce_sum %pb [] : tensor<1x4x160x4xf32>
  %pc = nn.mul %c, %cot_plain : tensor<1x4x160x4xf32>, tensor<1x4x160x4xf32>
  %tc = nn.reduce_sum %pc [] : tensor<1x4x160x4xf32>
  %s0 = nn.add %ta, %tb : tensor<f32>, tensor<f32>
  %s1 = nn.add %s0, %tc : tensor<f32>, tensor<f32>
  return %s1 : tensor<f32>
}
