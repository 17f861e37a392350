// The broadcasting binary ops on float32 operands of different ranks: a
// trailing vector against a 3-D tensor, a lower-rank left operand, a size-1
// middle dimension stretched, two operands that both stretch (1x4 and 3x1),
// and a rank-0 scalar. The integer forms of add, sub, mul, maximum and
// minimum run on i32. pow's base is positive (its exponents are negative,
// fractional and integral). Golden data: make_golden.py (group "binary").
func.func @forward(
    %a: tensor<2x3x4xf32> {nn.input = "a"},
    %col: tensor<3x1xf32> {nn.input = "col"},
    %row: tensor<4xf32> {nn.input = "row"},
    %mid: tensor<2x1x4xf32> {nn.input = "mid"},
    %wide: tensor<1x4xf32> {nn.input = "wide"},
    %s: tensor<f32> {nn.input = "s"},
    %base: tensor<2x3x4xf32> {nn.input = "base"},
    %ia: tensor<2x3xi32> {nn.input = "ia"},
    %ib: tensor<3xi32> {nn.input = "ib"})
    -> (tensor<2x3x4xf32> {nn.output = "add_row"},
        tensor<2x3x4xf32> {nn.output = "add_scalar"},
        tensor<2x3x4xf32> {nn.output = "sub_col"},
        tensor<2x3x4xf32> {nn.output = "mul_mid"},
        tensor<2x3x4xf32> {nn.output = "div_col"},
        tensor<2x3x4xf32> {nn.output = "div_scalar"},
        tensor<2x3x4xf32> {nn.output = "pow_row"},
        tensor<2x3x4xf32> {nn.output = "pow_mid"},
        tensor<3x4xf32> {nn.output = "maximum_both"},
        tensor<2x3x4xf32> {nn.output = "minimum_mid"},
        tensor<2x3xi32> {nn.output = "iadd"},
        tensor<2x3xi32> {nn.output = "isub"},
        tensor<2x3xi32> {nn.output = "imul"},
        tensor<2x3xi32> {nn.output = "imaximum"},
        tensor<2x3xi32> {nn.output = "iminimum"}) {
  %add_row = nn.add %a, %row : tensor<2x3x4xf32>, tensor<4xf32>
  %add_scalar = nn.add %s, %a : tensor<f32>, tensor<2x3x4xf32>
  %sub_col = nn.sub %col, %a : tensor<3x1xf32>, tensor<2x3x4xf32>
  %mul_mid = nn.mul %a, %mid : tensor<2x3x4xf32>, tensor<2x1x4xf32>
  %div_col = nn.div %a, %col : tensor<2x3x4xf32>, tensor<3x1xf32>
  %div_scalar = nn.div %s, %a : tensor<f32>, tensor<2x3x4xf32>
  %pow_row = nn.pow %base, %row : tensor<2x3x4xf32>, tensor<4xf32>
  %pow_mid = nn.pow %base, %mid : tensor<2x3x4xf32>, tensor<2x1x4xf32>
  %maximum = nn.maximum %wide, %col : tensor<1x4xf32>, tensor<3x1xf32>
  %minimum = nn.minimum %mid, %a : tensor<2x1x4xf32>, tensor<2x3x4xf32>
  %iadd = nn.add %ia, %ib : tensor<2x3xi32>, tensor<3xi32>
  %isub = nn.sub %ia, %ib : tensor<2x3xi32>, tensor<3xi32>
  %imul = nn.mul %ia, %ib : tensor<2x3xi32>, tensor<3xi32>
  %imax = nn.maximum %ia, %ib : tensor<2x3xi32>, tensor<3xi32>
  %imin = nn.minimum %ib, %ia : tensor<3xi32>, tensor<2x3xi32>
  return %add_row, %add_scalar, %sub_col, %mul_mid, %div_col, %div_scalar,
         %pow_row, %pow_mid, %maximum, %minimum, %iadd, %isub, %imul, %imax,
         %imin
      : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<3x4xf32>,
        tensor<2x3x4xf32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>,
        tensor<2x3xi32>, tensor<2x3xi32>
}
