// dropout with p = 0.5 and 0.1 under one key, p = 0.5 under another key,
// p = 1 (everything dropped), p = 0 and training = false (both identities),
// and on a rank-3 tensor (the mask follows the row-major linear index).
// Golden data: make_golden.py (group "dropout"), which computes the masks
// with the op's documented hash (ir/NNRandomOps.td) in numpy, checks that
// they keep close to 1 - p of the elements, and applies them in PyTorch.
func.func @forward(
    %x: tensor<32x64xf32> {nn.input = "x"},
    %cube: tensor<4x8x16xf32> {nn.input = "cube"},
    %key: tensor<i64> {nn.input = "key"},
    %other_key: tensor<i64> {nn.input = "other_key"})
    -> (tensor<32x64xf32> {nn.output = "half"},
        tensor<32x64xf32> {nn.output = "tenth"},
        tensor<32x64xf32> {nn.output = "half_other_key"},
        tensor<32x64xf32> {nn.output = "all"},
        tensor<32x64xf32> {nn.output = "none"},
        tensor<32x64xf32> {nn.output = "inference"},
        tensor<4x8x16xf32> {nn.output = "cube_quarter"}) {
  %half = nn.dropout %x, %key : tensor<32x64xf32>, tensor<i64>
  %tenth = nn.dropout %x, %key {p = 0.1} : tensor<32x64xf32>, tensor<i64>
  %other = nn.dropout %x, %other_key {p = 0.5}
      : tensor<32x64xf32>, tensor<i64>
  %all = nn.dropout %x, %key {p = 1.0} : tensor<32x64xf32>, tensor<i64>
  %none = nn.dropout %x, %key {p = 0.0} : tensor<32x64xf32>, tensor<i64>
  %inference = nn.dropout %x, %key {training = false}
      : tensor<32x64xf32>, tensor<i64>
  %cube_quarter = nn.dropout %cube, %key {p = 0.25}
      : tensor<4x8x16xf32>, tensor<i64>
  return %half, %tenth, %other, %all, %none, %inference, %cube_quarter
      : tensor<32x64xf32>, tensor<32x64xf32>, tensor<32x64xf32>,
        tensor<32x64xf32>, tensor<32x64xf32>, tensor<32x64xf32>,
        tensor<4x8x16xf32>
}
