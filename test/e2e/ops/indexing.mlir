// Indexing, casting and spiking: gather along axis 0 (an embedding lookup
// with a 2-D index tensor, repeated ids and both end rows), a middle axis
// written as a negative one with i32 indices, and integer data;
// scatter_add (torch.index_add) with repeated and unused targets along
// axis 0 and along the last axis with i32 indices; argmax and argmin with
// ties (the first wins), NaNs (the first NaN wins) and -inf, with and
// without keepdim; cumsum forward and reversed along each axis; cast
// between f32, f16, f64, i64, i32 and i1 (truncation toward zero, rounding
// of large integers, wrap-around of i64 to i32, != 0 for bool); heaviside
// at zero, below and above it and at NaN.
// Golden data: make_golden.py (group "indexing").
func.func @forward(
    %table: tensor<6x4xf32> {nn.input = "table"},
    %ids: tensor<2x3xi64> {nn.input = "ids"},
    %x3: tensor<2x5x3xf32> {nn.input = "x3"},
    %cols: tensor<4xi32> {nn.input = "cols"},
    %counts: tensor<6xi32> {nn.input = "counts"},
    %dest: tensor<5x4xf32> {nn.input = "dest"},
    %targets: tensor<7xi64> {nn.input = "targets"},
    %messages: tensor<7x4xf32> {nn.input = "messages"},
    %dest2: tensor<3x6xf32> {nn.input = "dest2"},
    %targets2: tensor<4xi32> {nn.input = "targets2"},
    %src2: tensor<3x4xf32> {nn.input = "src2"},
    %scores: tensor<4x6xf32> {nn.input = "scores"},
    %c: tensor<3x5xf32> {nn.input = "c"},
    %f: tensor<10xf32> {nn.input = "f"},
    %big: tensor<4xi64> {nn.input = "big"},
    %flags: tensor<4xi1> {nn.input = "flags"},
    %v: tensor<3x4xf32> {nn.input = "v"})
    -> (tensor<2x3x4xf32> {nn.output = "gather_rows"},
        tensor<2x4x3xf32> {nn.output = "gather_mid"},
        tensor<2x3xi32> {nn.output = "gather_int"},
        tensor<5x4xf32> {nn.output = "scatter_rows"},
        tensor<3x6xf32> {nn.output = "scatter_cols"},
        tensor<4xi64> {nn.output = "argmax_1"},
        tensor<1x6xi64> {nn.output = "argmax_0_keep"},
        tensor<4x1xi64> {nn.output = "argmin_neg1_keep"},
        tensor<6xi64> {nn.output = "argmin_0"},
        tensor<3x5xf32> {nn.output = "cumsum_1"},
        tensor<3x5xf32> {nn.output = "cumsum_0_rev"},
        tensor<3x5xf32> {nn.output = "cumsum_neg1_rev"},
        tensor<10xi64> {nn.output = "to_i64"},
        tensor<10xi32> {nn.output = "to_i32"},
        tensor<10xi1> {nn.output = "to_bool"},
        tensor<10xf32> {nn.output = "via_f16"},
        tensor<10xf64> {nn.output = "to_f64"},
        tensor<4xf32> {nn.output = "bool_to_f32"},
        tensor<4xf32> {nn.output = "i64_to_f32"},
        tensor<4xi32> {nn.output = "i64_to_i32"},
        tensor<6xi64> {nn.output = "i32_to_i64"},
        tensor<4xi1> {nn.output = "i64_to_bool"},
        tensor<3x4xf32> {nn.output = "heaviside"}) {
  %g0 = nn.gather %table, %ids {axis = 0} : tensor<6x4xf32>, tensor<2x3xi64>
  %g1 = nn.gather %x3, %cols {axis = -2} : tensor<2x5x3xf32>, tensor<4xi32>
  %g2 = nn.gather %counts, %ids {axis = 0} : tensor<6xi32>, tensor<2x3xi64>
  %s0 = nn.scatter_add %dest, %targets, %messages {axis = 0}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  %s1 = nn.scatter_add %dest2, %targets2, %src2 {axis = -1}
      : tensor<3x6xf32>, tensor<4xi32>, tensor<3x4xf32>
  %a0 = nn.argmax %scores {axis = 1} : tensor<4x6xf32>
  %a1 = nn.argmax %scores {axis = 0, keepdim = true} : tensor<4x6xf32>
  %a2 = nn.argmin %scores {axis = -1, keepdim = true} : tensor<4x6xf32>
  %a3 = nn.argmin %scores {axis = 0} : tensor<4x6xf32>
  %c0 = nn.cumsum %c {axis = 1} : tensor<3x5xf32>
  %c1 = nn.cumsum %c {axis = 0, reverse = true} : tensor<3x5xf32>
  %c2 = nn.cumsum %c {axis = -1, reverse = true} : tensor<3x5xf32>
  %k0 = nn.cast %f : tensor<10xf32> -> tensor<10xi64>
  %k1 = nn.cast %f : tensor<10xf32> -> tensor<10xi32>
  %k2 = nn.cast %f : tensor<10xf32> -> tensor<10xi1>
  %half = nn.cast %f : tensor<10xf32> -> tensor<10xf16>
  %k3 = nn.cast %half : tensor<10xf16> -> tensor<10xf32>
  %k4 = nn.cast %f : tensor<10xf32> -> tensor<10xf64>
  %k5 = nn.cast %flags : tensor<4xi1> -> tensor<4xf32>
  %k6 = nn.cast %big : tensor<4xi64> -> tensor<4xf32>
  %k7 = nn.cast %big : tensor<4xi64> -> tensor<4xi32>
  %k8 = nn.cast %counts : tensor<6xi32> -> tensor<6xi64>
  %k9 = nn.cast %big : tensor<4xi64> -> tensor<4xi1>
  %h = nn.heaviside %v : tensor<3x4xf32>
  return %g0, %g1, %g2, %s0, %s1, %a0, %a1, %a2, %a3, %c0, %c1, %c2, %k0, %k1,
         %k2, %k3, %k4, %k5, %k6, %k7, %k8, %k9, %h
      : tensor<2x3x4xf32>, tensor<2x4x3xf32>, tensor<2x3xi32>,
        tensor<5x4xf32>, tensor<3x6xf32>, tensor<4xi64>, tensor<1x6xi64>,
        tensor<4x1xi64>, tensor<6xi64>, tensor<3x5xf32>, tensor<3x5xf32>,
        tensor<3x5xf32>, tensor<10xi64>, tensor<10xi32>, tensor<10xi1>,
        tensor<10xf32>, tensor<10xf64>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xi32>, tensor<6xi64>, tensor<4xi1>, tensor<3x4xf32>
}
