// Comparison and selection: compare with every predicate (floats with ties
// against a broadcast row, i32 with ties against a column, i1 masks ordered
// false < true), select with all three operands broadcasting (i1 input and
// computed conditions, float and i32 values), one_hot to float and to int
// with labels at 0 and C-1 (and i8 labels for 300 classes, more than an i8
// can count), slice_scatter with and without steps (a slice
// ending at the last row and column too), and the elementwise erf, sign
// (with zeros) and stop_gradient (identity in a forward pass).
// Golden data: make_golden.py (group "selection").
func.func @forward(
    %a: tensor<3x4xf32> {nn.input = "a"},
    %row: tensor<4xf32> {nn.input = "row"},
    %s: tensor<f32> {nn.input = "s"},
    %ia: tensor<3x4xi32> {nn.input = "ia"},
    %icol: tensor<3x1xi32> {nn.input = "icol"},
    %mask: tensor<3x1xi1> {nn.input = "mask"},
    %flags: tensor<4xi1> {nn.input = "flags"},
    %labels: tensor<6xi64> {nn.input = "labels"},
    %grid: tensor<2x3xi32> {nn.input = "grid"},
    %bytes: tensor<4xi8> {nn.input = "bytes"},
    %x: tensor<4x6xf32> {nn.input = "x"},
    %cols: tensor<4x3xf32> {nn.input = "cols"},
    %block: tensor<2x2xf32> {nn.input = "block"},
    %v: tensor<4x5xf32> {nn.input = "v"})
    -> (tensor<3x4xi1> {nn.output = "eq"},
        tensor<3x4xi1> {nn.output = "ne"},
        tensor<3x4xi1> {nn.output = "lt"},
        tensor<3x4xi1> {nn.output = "le"},
        tensor<3x4xi1> {nn.output = "gt"},
        tensor<3x4xi1> {nn.output = "ge"},
        tensor<3x4xi1> {nn.output = "ieq"},
        tensor<3x4xi1> {nn.output = "ine"},
        tensor<3x4xi1> {nn.output = "ilt"},
        tensor<3x4xi1> {nn.output = "ile"},
        tensor<3x4xi1> {nn.output = "igt"},
        tensor<3x4xi1> {nn.output = "ige"},
        tensor<3x4xi1> {nn.output = "mask_lt"},
        tensor<3x4xi1> {nn.output = "mask_ge"},
        tensor<3x4xf32> {nn.output = "select_broadcast"},
        tensor<3x4xf32> {nn.output = "select_compared"},
        tensor<3x4xi32> {nn.output = "select_int"},
        tensor<6x5xf32> {nn.output = "one_hot_float"},
        tensor<2x3x4xi32> {nn.output = "one_hot_int"},
        tensor<4x300xf32> {nn.output = "one_hot_wide"},
        tensor<4x6xf32> {nn.output = "scatter_cols"},
        tensor<4x6xf32> {nn.output = "scatter_steps"},
        tensor<4x6xf32> {nn.output = "scatter_plain"},
        tensor<4x5xf32> {nn.output = "erf"},
        tensor<4x5xf32> {nn.output = "sign"},
        tensor<4x5xf32> {nn.output = "stop_gradient"}) {
  %eq = nn.compare eq, %a, %row : tensor<3x4xf32>, tensor<4xf32>
  %ne = nn.compare ne, %a, %row : tensor<3x4xf32>, tensor<4xf32>
  %lt = nn.compare lt, %a, %row : tensor<3x4xf32>, tensor<4xf32>
  %le = nn.compare le, %a, %row : tensor<3x4xf32>, tensor<4xf32>
  %gt = nn.compare gt, %a, %row : tensor<3x4xf32>, tensor<4xf32>
  %ge = nn.compare ge, %a, %row : tensor<3x4xf32>, tensor<4xf32>
  %ieq = nn.compare eq, %ia, %icol : tensor<3x4xi32>, tensor<3x1xi32>
  %ine = nn.compare ne, %ia, %icol : tensor<3x4xi32>, tensor<3x1xi32>
  %ilt = nn.compare lt, %ia, %icol : tensor<3x4xi32>, tensor<3x1xi32>
  %ile = nn.compare le, %ia, %icol : tensor<3x4xi32>, tensor<3x1xi32>
  %igt = nn.compare gt, %ia, %icol : tensor<3x4xi32>, tensor<3x1xi32>
  %ige = nn.compare ge, %ia, %icol : tensor<3x4xi32>, tensor<3x1xi32>
  %mlt = nn.compare lt, %mask, %flags : tensor<3x1xi1>, tensor<4xi1>
  %mge = nn.compare ge, %mask, %flags : tensor<3x1xi1>, tensor<4xi1>
  %sb = nn.select %mask, %row, %s : tensor<3x1xi1>, tensor<4xf32>, tensor<f32>
  %sc = nn.select %gt, %a, %s : tensor<3x4xi1>, tensor<3x4xf32>, tensor<f32>
  %si = nn.select %flags, %ia, %icol
      : tensor<4xi1>, tensor<3x4xi32>, tensor<3x1xi32>
  %hf = nn.one_hot %labels : tensor<6xi64> -> tensor<6x5xf32>
  %hi = nn.one_hot %grid : tensor<2x3xi32> -> tensor<2x3x4xi32>
  %hw = nn.one_hot %bytes : tensor<4xi8> -> tensor<4x300xf32>
  %c0 = nn.slice_scatter %x, %cols [0, 0] by [1, 2]
      : tensor<4x6xf32>, tensor<4x3xf32>
  %c1 = nn.slice_scatter %x, %block [1, 1] by [2, 3]
      : tensor<4x6xf32>, tensor<2x2xf32>
  %c2 = nn.slice_scatter %x, %block [2, 4] : tensor<4x6xf32>, tensor<2x2xf32>
  %erf = nn.erf %v : tensor<4x5xf32>
  %sign = nn.sign %v : tensor<4x5xf32>
  %stop = nn.stop_gradient %v : tensor<4x5xf32>
  return %eq, %ne, %lt, %le, %gt, %ge, %ieq, %ine, %ilt, %ile, %igt, %ige,
         %mlt, %mge, %sb, %sc, %si, %hf, %hi, %hw, %c0, %c1, %c2, %erf,
         %sign, %stop
      : tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>,
        tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>,
        tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>,
        tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>, tensor<3x4xf32>,
        tensor<3x4xi32>, tensor<6x5xf32>, tensor<2x3x4xi32>,
        tensor<4x300xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>,
        tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>
}
