// Max and average pooling against torch.nn.functional.{max,avg}_pool{1,2,3}d:
// 1-D, 2-D and 3-D windows; the default stride (the kernel) and explicit
// ones; symmetric padding and (max2d_asym) begins-then-ends padding, which
// PyTorch gets from F.pad with -inf; dilation; ceil mode with the last
// window hanging over the end (with and without padding); average pooling
// with and without count_include_pad, whose divisors differ at the borders;
// and xt, small integers with ties inside and across overlapping windows.
// Global pooling is nn.reduce_max / nn.reduce_mean (reductions.mlir).
// Golden data: make_golden.py (group "pooling").
func.func @forward(
    %x1: tensor<2x3x9xf32> {nn.input = "x1"},
    %x2: tensor<2x3x7x8xf32> {nn.input = "x2"},
    %x3: tensor<1x2x5x6x5xf32> {nn.input = "x3"},
    %xt: tensor<1x2x4x5xf32> {nn.input = "xt"})
    -> (tensor<2x3x5xf32> {nn.output = "max1d"},
        tensor<2x3x4xf32> {nn.output = "max1d_dil_ceil"},
        tensor<2x3x2x2xf32> {nn.output = "max2d_default_stride"},
        tensor<2x3x4x9xf32> {nn.output = "max2d_pad"},
        tensor<2x3x4x5xf32> {nn.output = "max2d_ceil"},
        tensor<2x3x7x3xf32> {nn.output = "max2d_dil"},
        tensor<2x3x7x8xf32> {nn.output = "max2d_asym"},
        tensor<1x2x3x6x3xf32> {nn.output = "max3d"},
        tensor<1x2x3x4xf32> {nn.output = "max_ties"},
        tensor<2x3x5xf32> {nn.output = "avg1d"},
        tensor<2x3x5xf32> {nn.output = "avg1d_excl"},
        tensor<2x3x3x4xf32> {nn.output = "avg2d_default_stride"},
        tensor<2x3x4x5xf32> {nn.output = "avg2d_ceil"},
        tensor<2x3x4x5xf32> {nn.output = "avg2d_ceil_excl"},
        tensor<2x3x4x4xf32> {nn.output = "avg2d_ceil_nopad"},
        tensor<1x2x6x4x3xf32> {nn.output = "avg3d_excl"},
        tensor<1x2x3x3x6xf32> {nn.output = "avg3d"}) {
  %max1d = nn.max_pool %x1 {kernel = array<i64: 3>,
       stride = array<i64: 2>,
       padding = array<i64: 1>}
      : tensor<2x3x9xf32>
  %max1d_dil_ceil = nn.max_pool %x1 {kernel = array<i64: 2>,
       stride = array<i64: 2>,
       dilation = array<i64: 3>,
       ceil_mode = true}
      : tensor<2x3x9xf32>
  %max2d_default_stride = nn.max_pool %x2 {kernel = array<i64: 3, 3>}
      : tensor<2x3x7x8xf32>
  %max2d_pad = nn.max_pool %x2 {kernel = array<i64: 3, 2>,
       stride = array<i64: 2, 1>,
       padding = array<i64: 1, 1>}
      : tensor<2x3x7x8xf32>
  %max2d_ceil = nn.max_pool %x2 {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>,
       ceil_mode = true}
      : tensor<2x3x7x8xf32>
  %max2d_dil = nn.max_pool %x2 {kernel = array<i64: 2, 3>,
       stride = array<i64: 1, 2>,
       padding = array<i64: 1, 1>,
       dilation = array<i64: 2, 2>}
      : tensor<2x3x7x8xf32>
  %max2d_asym = nn.max_pool %x2 {kernel = array<i64: 2, 2>,
       stride = array<i64: 1, 1>,
       padding = array<i64: 1, 0, 0, 1>}
      : tensor<2x3x7x8xf32>
  %max3d = nn.max_pool %x3 {kernel = array<i64: 2, 3, 2>,
       stride = array<i64: 2, 1, 2>,
       padding = array<i64: 1, 1, 0>,
       ceil_mode = true}
      : tensor<1x2x5x6x5xf32>
  %max_ties = nn.max_pool %xt {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>}
      : tensor<1x2x4x5xf32>
  %avg1d = nn.avg_pool %x1 {kernel = array<i64: 3>,
       stride = array<i64: 2>,
       padding = array<i64: 1>}
      : tensor<2x3x9xf32>
  %avg1d_excl = nn.avg_pool %x1 {kernel = array<i64: 3>,
       stride = array<i64: 2>,
       padding = array<i64: 1>,
       count_include_pad = false}
      : tensor<2x3x9xf32>
  %avg2d_default_stride = nn.avg_pool %x2 {kernel = array<i64: 2, 2>}
      : tensor<2x3x7x8xf32>
  %avg2d_ceil = nn.avg_pool %x2 {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>,
       ceil_mode = true}
      : tensor<2x3x7x8xf32>
  %avg2d_ceil_excl = nn.avg_pool %x2 {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>,
       ceil_mode = true,
       count_include_pad = false}
      : tensor<2x3x7x8xf32>
  %avg2d_ceil_nopad = nn.avg_pool %x2 {kernel = array<i64: 2, 3>,
       stride = array<i64: 2, 2>,
       ceil_mode = true}
      : tensor<2x3x7x8xf32>
  %avg3d_excl = nn.avg_pool %x3 {kernel = array<i64: 2, 3, 2>,
       stride = array<i64: 1, 2, 2>,
       padding = array<i64: 1, 1, 0>,
       ceil_mode = true,
       count_include_pad = false}
      : tensor<1x2x5x6x5xf32>
  %avg3d = nn.avg_pool %x3 {kernel = array<i64: 3, 2, 2>,
       stride = array<i64: 2, 2, 1>,
       padding = array<i64: 1, 0, 1>}
      : tensor<1x2x5x6x5xf32>
  return %max1d, %max1d_dil_ceil, %max2d_default_stride, %max2d_pad, %max2d_ceil, %max2d_dil, %max2d_asym, %max3d, %max_ties, %avg1d, %avg1d_excl, %avg2d_default_stride, %avg2d_ceil, %avg2d_ceil_excl, %avg2d_ceil_nopad, %avg3d_excl, %avg3d
      : tensor<2x3x5xf32>, tensor<2x3x4xf32>, tensor<2x3x2x2xf32>, tensor<2x3x4x9xf32>, tensor<2x3x4x5xf32>, tensor<2x3x7x3xf32>, tensor<2x3x7x8xf32>, tensor<1x2x3x6x3xf32>, tensor<1x2x3x4xf32>, tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3x3x4xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x4xf32>, tensor<1x2x6x4x3xf32>, tensor<1x2x3x3x6xf32>
}
