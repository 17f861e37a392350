// Every elementwise unary op of the nn dialect on one 6x7 input `x` that
// spans zero, small values and both tails (down to -100, up to 100), plus the
// ops defined only for positive numbers (log, sqrt, rsqrt) on a positive `p`.
// Non-default attributes are used where an op has them; softplus also runs
// with beta 2, threshold 5 next to inputs on both sides of beta*x = 5.
// Golden data: make_golden.py (group "activations").
func.func @forward(
    %x: tensor<6x7xf32> {nn.input = "x"},
    %p: tensor<6x7xf32> {nn.input = "p"})
    -> (tensor<6x7xf32> {nn.output = "neg"},
        tensor<6x7xf32> {nn.output = "abs"},
        tensor<6x7xf32> {nn.output = "exp"},
        tensor<6x7xf32> {nn.output = "log"},
        tensor<6x7xf32> {nn.output = "sqrt"},
        tensor<6x7xf32> {nn.output = "rsqrt"},
        tensor<6x7xf32> {nn.output = "sigmoid"},
        tensor<6x7xf32> {nn.output = "tanh"},
        tensor<6x7xf32> {nn.output = "relu"},
        tensor<6x7xf32> {nn.output = "silu"},
        tensor<6x7xf32> {nn.output = "mish"},
        tensor<6x7xf32> {nn.output = "leaky_relu"},
        tensor<6x7xf32> {nn.output = "elu"},
        tensor<6x7xf32> {nn.output = "gelu_none"},
        tensor<6x7xf32> {nn.output = "gelu_tanh"},
        tensor<6x7xf32> {nn.output = "softplus"},
        tensor<6x7xf32> {nn.output = "softplus_b2_t5"},
        tensor<6x7xf32> {nn.output = "sin"},
        tensor<6x7xf32> {nn.output = "cos"}) {
  %neg = nn.neg %x : tensor<6x7xf32>
  %abs = nn.abs %x : tensor<6x7xf32>
  %exp = nn.exp %x : tensor<6x7xf32>
  %log = nn.log %p : tensor<6x7xf32>
  %sqrt = nn.sqrt %p : tensor<6x7xf32>
  %rsqrt = nn.rsqrt %p : tensor<6x7xf32>
  %sigmoid = nn.sigmoid %x : tensor<6x7xf32>
  %tanh = nn.tanh %x : tensor<6x7xf32>
  %relu = nn.relu %x : tensor<6x7xf32>
  %silu = nn.silu %x : tensor<6x7xf32>
  %mish = nn.mish %x : tensor<6x7xf32>
  %leaky = nn.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<6x7xf32>
  %elu = nn.elu %x {alpha = 0.5 : f64} : tensor<6x7xf32>
  %gelu = nn.gelu %x : tensor<6x7xf32>
  %gelu_tanh = nn.gelu %x {approximate = "tanh"} : tensor<6x7xf32>
  %softplus = nn.softplus %x : tensor<6x7xf32>
  %softplus2 = nn.softplus %x {beta = 2.0 : f64, threshold = 5.0 : f64}
      : tensor<6x7xf32>
  %sin = nn.sin %x : tensor<6x7xf32>
  %cos = nn.cos %x : tensor<6x7xf32>
  return %neg, %abs, %exp, %log, %sqrt, %rsqrt, %sigmoid, %tanh, %relu, %silu,
         %mish, %leaky, %elu, %gelu, %gelu_tanh, %softplus, %softplus2, %sin,
         %cos
      : tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>,
        tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>,
        tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>,
        tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>,
        tensor<6x7xf32>, tensor<6x7xf32>, tensor<6x7xf32>
}
