// nn.max_pool_indices (ONNX MaxPool's Indices) against
// torch.nn.functional.max_pool{1,2,3}d(return_indices=True), whose indices
// count inside each (n, c) plane: the expected values add the plane's
// offset, and for storage_order = 1 (column-major) reorder the spatial
// position. Windows with padding, dilation and ceil mode; xt has ties
// (small integers), which both take at the window's first maximum. Also
// nn.max_pool with padding beyond half the kernel (ONNX allows up to the
// kernel minus one; PyTorch refuses it, so the expected values pool an
// input F.pad extended with -inf).
// Golden data: make_golden.py (group "pool_indices").
func.func @forward(
    %x1: tensor<2x3x9xf32> {nn.input = "x1"},
    %x2: tensor<2x3x7x8xf32> {nn.input = "x2"},
    %x3: tensor<1x2x5x6x5xf32> {nn.input = "x3"},
    %xt: tensor<1x2x4x5xf32> {nn.input = "xt"})
    -> (tensor<2x3x5xi64> {nn.output = "idx1d"},
        tensor<2x3x4x5xi64> {nn.output = "idx2d_ceil"},
        tensor<2x3x4x5xi64> {nn.output = "idx2d_col"},
        tensor<2x3x7x3xi64> {nn.output = "idx2d_dil"},
        tensor<1x2x3x6x3xi64> {nn.output = "idx3d"},
        tensor<1x2x3x4xi64> {nn.output = "idx_ties"},
        tensor<2x3x5x5xf32> {nn.output = "max2d_wide_pad"}) {
  %idx1d = nn.max_pool_indices %x1 {kernel = array<i64: 3>,
       stride = array<i64: 2>, padding = array<i64: 1>}
      : tensor<2x3x9xf32> -> tensor<2x3x5xi64>
  %idx2d_ceil = nn.max_pool_indices %x2 {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
       ceil_mode = true}
      : tensor<2x3x7x8xf32> -> tensor<2x3x4x5xi64>
  %idx2d_col = nn.max_pool_indices %x2 {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
       ceil_mode = true, storage_order = 1}
      : tensor<2x3x7x8xf32> -> tensor<2x3x4x5xi64>
  %idx2d_dil = nn.max_pool_indices %x2 {kernel = array<i64: 2, 3>,
       stride = array<i64: 1, 2>, padding = array<i64: 1, 1>,
       dilation = array<i64: 2, 2>}
      : tensor<2x3x7x8xf32> -> tensor<2x3x7x3xi64>
  %idx3d = nn.max_pool_indices %x3 {kernel = array<i64: 2, 3, 2>,
       stride = array<i64: 2, 1, 2>, padding = array<i64: 1, 1, 0>,
       ceil_mode = true}
      : tensor<1x2x5x6x5xf32> -> tensor<1x2x3x6x3xi64>
  %idx_ties = nn.max_pool_indices %xt {kernel = array<i64: 2, 2>,
       stride = array<i64: 1, 1>}
      : tensor<1x2x4x5xf32> -> tensor<1x2x3x4xi64>
  %max2d_wide_pad = nn.max_pool %x2 {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<2x3x7x8xf32>
  return %idx1d, %idx2d_ceil, %idx2d_col, %idx2d_dil, %idx3d, %idx_ties,
         %max2d_wide_pad
      : tensor<2x3x5xi64>, tensor<2x3x4x5xi64>, tensor<2x3x4x5xi64>,
        tensor<2x3x7x3xi64>, tensor<1x2x3x6x3xi64>, tensor<1x2x3x4xi64>,
        tensor<2x3x5x5xf32>
}
