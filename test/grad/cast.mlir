// Gradient of nn.cast: between float types the cotangent is cast back
// (f32 -> f64 -> exp -> f32; f32 -> f16 -> f32), through integers nothing
// flows: t times its truncation to i32 and back has gradient trunc(t).
// Golden data: make_golden.py (test "cast").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %h: tensor<4x5xf32> {nn.param = "h"},
    %t: tensor<4x5xf32> {nn.param = "t"},
    %cot_f64: tensor<4x5xf32> {nn.input = "cot_f64"},
    %cot_f16: tensor<4x5xf32> {nn.input = "cot_f16"},
    %cot_int: tensor<4x5xf32> {nn.input = "cot_int"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %wide = nn.cast %x : tensor<4x5xf32> -> tensor<4x5xf64>
  %e = nn.exp %wide : tensor<4x5xf64>
  %via_f64 = nn.cast %e : tensor<4x5xf64> -> tensor<4x5xf32>
  %half = nn.cast %h : tensor<4x5xf32> -> tensor<4x5xf16>
  %via_f16 = nn.cast %half : tensor<4x5xf16> -> tensor<4x5xf32>
  %int = nn.cast %t : tensor<4x5xf32> -> tensor<4x5xi32>
  %trunc = nn.cast %int : tensor<4x5xi32> -> tensor<4x5xf32>
  %scaled = nn.mul %trunc, %t : tensor<4x5xf32>, tensor<4x5xf32>
  %prod0 = nn.mul %via_f64, %cot_f64 : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %via_f16, %cot_f16 : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %prod2 = nn.mul %scaled, %cot_int : tensor<4x5xf32>, tensor<4x5xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
