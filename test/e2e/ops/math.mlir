// The ops of NNMathOps.td: floor, ceil and round (halfway cases included) on
// `x`, which spans [-4, 4] in quarter steps; tan on `x` scaled into
// (-1.5, 1.5); atan, sinh, cosh and asinh on `x`; asin, acos and atanh on
// `u` in (-1, 1); acosh on `p` >= 1. fmod and remainder on floats of every
// sign combination (`a`, `b`, `b` broadcast as a row) and on int64 (`ia`,
// `ib`), whose divisors include 0 and -1 next to the most negative dividend.
// Golden data: make_golden.py (group "math").
func.func @forward(
    %x: tensor<3x11xf32> {nn.input = "x"},
    %u: tensor<3x11xf32> {nn.input = "u"},
    %p: tensor<3x11xf32> {nn.input = "p"},
    %a: tensor<4x6xf32> {nn.input = "a"},
    %b: tensor<6xf32> {nn.input = "b"},
    %ia: tensor<4x6xi64> {nn.input = "ia"},
    %ib: tensor<4x6xi64> {nn.input = "ib"})
    -> (tensor<3x11xf32> {nn.output = "floor"},
        tensor<3x11xf32> {nn.output = "ceil"},
        tensor<3x11xf32> {nn.output = "round"},
        tensor<3x11xf32> {nn.output = "tan"},
        tensor<3x11xf32> {nn.output = "asin"},
        tensor<3x11xf32> {nn.output = "acos"},
        tensor<3x11xf32> {nn.output = "atan"},
        tensor<3x11xf32> {nn.output = "sinh"},
        tensor<3x11xf32> {nn.output = "cosh"},
        tensor<3x11xf32> {nn.output = "asinh"},
        tensor<3x11xf32> {nn.output = "acosh"},
        tensor<3x11xf32> {nn.output = "atanh"},
        tensor<4x6xf32> {nn.output = "fmod"},
        tensor<4x6xf32> {nn.output = "remainder"},
        tensor<4x6xi64> {nn.output = "ifmod"},
        tensor<4x6xi64> {nn.output = "iremainder"}) {
  %floor = nn.floor %x : tensor<3x11xf32>
  %ceil = nn.ceil %x : tensor<3x11xf32>
  %round = nn.round %x : tensor<3x11xf32>
  %scale = arith.constant dense<0.37> : tensor<f32>
  %small = nn.mul %x, %scale : tensor<3x11xf32>, tensor<f32>
  %tan = nn.tan %small : tensor<3x11xf32>
  %asin = nn.asin %u : tensor<3x11xf32>
  %acos = nn.acos %u : tensor<3x11xf32>
  %atan = nn.atan %x : tensor<3x11xf32>
  %sinh = nn.sinh %x : tensor<3x11xf32>
  %cosh = nn.cosh %x : tensor<3x11xf32>
  %asinh = nn.asinh %x : tensor<3x11xf32>
  %acosh = nn.acosh %p : tensor<3x11xf32>
  %atanh = nn.atanh %u : tensor<3x11xf32>
  %fmod = nn.fmod %a, %b : tensor<4x6xf32>, tensor<6xf32>
  %remainder = nn.remainder %a, %b : tensor<4x6xf32>, tensor<6xf32>
  %ifmod = nn.fmod %ia, %ib : tensor<4x6xi64>, tensor<4x6xi64>
  %iremainder = nn.remainder %ia, %ib : tensor<4x6xi64>, tensor<4x6xi64>
  return %floor, %ceil, %round, %tan, %asin, %acos, %atan, %sinh, %cosh,
         %asinh, %acosh, %atanh, %fmod, %remainder, %ifmod, %iremainder
      : tensor<3x11xf32>, tensor<3x11xf32>, tensor<3x11xf32>,
        tensor<3x11xf32>, tensor<3x11xf32>, tensor<3x11xf32>,
        tensor<3x11xf32>, tensor<3x11xf32>, tensor<3x11xf32>,
        tensor<3x11xf32>, tensor<3x11xf32>, tensor<3x11xf32>,
        tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xi64>, tensor<4x6xi64>
}
