// Segment reductions of message passing (nn.scatter_reduce, which is
// torch.Tensor.index_reduce plus "sum"): every reduction ("sum", "mean",
// "amax", "amin") with and without include_self along axis 0, with unsorted
// and repeated targets, two nodes that receive nothing (they keep dest) and
// a tied maximum and minimum; along the last axis with i32 indices; along a
// middle axis of a 3-D tensor written as a negative axis; and a NaN, which
// makes its segment's maximum NaN.
// Golden data: make_golden.py (group "segment_reduction").
func.func @forward(
    %dest: tensor<6x3xf32> {nn.input = "dest"},
    %targets: tensor<9xi64> {nn.input = "targets"},
    %messages: tensor<9x3xf32> {nn.input = "messages"},
    %dest2: tensor<3x5xf32> {nn.input = "dest2"},
    %targets2: tensor<4xi32> {nn.input = "targets2"},
    %src2: tensor<3x4xf32> {nn.input = "src2"},
    %dest3: tensor<2x4x3xf32> {nn.input = "dest3"},
    %targets3: tensor<5xi64> {nn.input = "targets3"},
    %src3: tensor<2x5x3xf32> {nn.input = "src3"},
    %nan_src: tensor<9x3xf32> {nn.input = "nan_src"})
    -> (tensor<6x3xf32> {nn.output = "sum_self"},
        tensor<6x3xf32> {nn.output = "sum"},
        tensor<6x3xf32> {nn.output = "mean_self"},
        tensor<6x3xf32> {nn.output = "mean"},
        tensor<6x3xf32> {nn.output = "amax_self"},
        tensor<6x3xf32> {nn.output = "amax"},
        tensor<6x3xf32> {nn.output = "amin_self"},
        tensor<6x3xf32> {nn.output = "amin"},
        tensor<3x5xf32> {nn.output = "cols_mean"},
        tensor<3x5xf32> {nn.output = "cols_amax_self"},
        tensor<2x4x3xf32> {nn.output = "mid_amin"},
        tensor<2x4x3xf32> {nn.output = "mid_mean_self"},
        tensor<6x3xf32> {nn.output = "nan_amax"}) {
  %0 = nn.scatter_reduce %dest, %targets, %messages {axis = 0}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %1 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "sum", include_self = false}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %2 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "mean"}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %3 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "mean", include_self = false}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %4 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amax"}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %5 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %6 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amin"}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %7 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amin", include_self = false}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  %8 = nn.scatter_reduce %dest2, %targets2, %src2
      {axis = -1, reduce = "mean", include_self = false}
      : tensor<3x5xf32>, tensor<4xi32>, tensor<3x4xf32>
  %9 = nn.scatter_reduce %dest2, %targets2, %src2 {axis = 1, reduce = "amax"}
      : tensor<3x5xf32>, tensor<4xi32>, tensor<3x4xf32>
  %10 = nn.scatter_reduce %dest3, %targets3, %src3
      {axis = -2, reduce = "amin", include_self = false}
      : tensor<2x4x3xf32>, tensor<5xi64>, tensor<2x5x3xf32>
  %11 = nn.scatter_reduce %dest3, %targets3, %src3 {axis = 1, reduce = "mean"}
      : tensor<2x4x3xf32>, tensor<5xi64>, tensor<2x5x3xf32>
  %12 = nn.scatter_reduce %dest, %targets, %nan_src
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<6x3xf32>, tensor<9xi64>, tensor<9x3xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12
      : tensor<6x3xf32>, tensor<6x3xf32>, tensor<6x3xf32>, tensor<6x3xf32>,
        tensor<6x3xf32>, tensor<6x3xf32>, tensor<6x3xf32>, tensor<6x3xf32>,
        tensor<3x5xf32>, tensor<3x5xf32>, tensor<2x4x3xf32>,
        tensor<2x4x3xf32>, tensor<6x3xf32>
}
