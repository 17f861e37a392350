// Gradient of nn.avg_pool (torch.nn.functional.avg_pool{1,2,3}d): each
// output's cotangent spreads over its window divided by the forward
// divisor. 1-D with padding with and without count_include_pad, the
// default stride, 2-D in ceil mode (windows hanging over the end) with and
// without count_include_pad and without padding, and 3-D.
// Golden data: make_golden.py (test "avg_pool").
func.func @loss(
    %x_1d: tensor<2x2x9xf32> {nn.param = "x_1d"},
    %x_1d_excl: tensor<2x2x9xf32> {nn.param = "x_1d_excl"},
    %x_default: tensor<1x2x6x6xf32> {nn.param = "x_default"},
    %x_2d_ceil: tensor<1x2x7x8xf32> {nn.param = "x_2d_ceil"},
    %x_2d_ceil_excl: tensor<1x2x7x8xf32> {nn.param = "x_2d_ceil_excl"},
    %x_2d_nopad: tensor<1x2x7x8xf32> {nn.param = "x_2d_nopad"},
    %x_3d_excl: tensor<1x2x5x6x5xf32> {nn.param = "x_3d_excl"},
    %cot_1d: tensor<2x2x5xf32> {nn.input = "cot_1d"},
    %cot_1d_excl: tensor<2x2x5xf32> {nn.input = "cot_1d_excl"},
    %cot_default: tensor<1x2x3x3xf32> {nn.input = "cot_default"},
    %cot_2d_ceil: tensor<1x2x4x5xf32> {nn.input = "cot_2d_ceil"},
    %cot_2d_ceil_excl: tensor<1x2x4x5xf32> {nn.input = "cot_2d_ceil_excl"},
    %cot_2d_nopad: tensor<1x2x4x4xf32> {nn.input = "cot_2d_nopad"},
    %cot_3d_excl: tensor<1x2x6x4x3xf32> {nn.input = "cot_3d_excl"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y0 = nn.avg_pool %x_1d {kernel = array<i64: 3>,
       stride = array<i64: 2>,
       padding = array<i64: 1>}
      : tensor<2x2x9xf32>
  %prod0 = nn.mul %y0, %cot_1d : tensor<2x2x5xf32>, tensor<2x2x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x2x5xf32>
  %y1 = nn.avg_pool %x_1d_excl {kernel = array<i64: 3>,
       stride = array<i64: 2>,
       padding = array<i64: 1>,
       count_include_pad = false}
      : tensor<2x2x9xf32>
  %prod1 = nn.mul %y1, %cot_1d_excl : tensor<2x2x5xf32>, tensor<2x2x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x2x5xf32>
  %y2 = nn.avg_pool %x_default {kernel = array<i64: 2, 2>}
      : tensor<1x2x6x6xf32>
  %prod2 = nn.mul %y2, %cot_default : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<1x2x3x3xf32>
  %y3 = nn.avg_pool %x_2d_ceil {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>,
       ceil_mode = true}
      : tensor<1x2x7x8xf32>
  %prod3 = nn.mul %y3, %cot_2d_ceil : tensor<1x2x4x5xf32>, tensor<1x2x4x5xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<1x2x4x5xf32>
  %y4 = nn.avg_pool %x_2d_ceil_excl {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>,
       ceil_mode = true,
       count_include_pad = false}
      : tensor<1x2x7x8xf32>
  %prod4 = nn.mul %y4, %cot_2d_ceil_excl : tensor<1x2x4x5xf32>, tensor<1x2x4x5xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<1x2x4x5xf32>
  %y5 = nn.avg_pool %x_2d_nopad {kernel = array<i64: 2, 3>,
       stride = array<i64: 2, 2>,
       ceil_mode = true}
      : tensor<1x2x7x8xf32>
  %prod5 = nn.mul %y5, %cot_2d_nopad : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
  %term5 = nn.reduce_sum %prod5 [] : tensor<1x2x4x4xf32>
  %y6 = nn.avg_pool %x_3d_excl {kernel = array<i64: 2, 3, 2>,
       stride = array<i64: 1, 2, 2>,
       padding = array<i64: 1, 1, 0>,
       ceil_mode = true,
       count_include_pad = false}
      : tensor<1x2x5x6x5xf32>
  %prod6 = nn.mul %y6, %cot_3d_excl : tensor<1x2x6x4x3xf32>, tensor<1x2x6x4x3xf32>
  %term6 = nn.reduce_sum %prod6 [] : tensor<1x2x6x4x3xf32>
  %sum1 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term2 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term3 : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term4 : tensor<f32>, tensor<f32>
  %sum5 = nn.add %sum4, %term5 : tensor<f32>, tensor<f32>
  %sum6 = nn.add %sum5, %term6 : tensor<f32>, tensor<f32>
  return %sum6 : tensor<f32>
}
