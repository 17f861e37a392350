// Gradient of nn.max_pool (torch.nn.functional.max_pool{1,2,3}d): each
// output's cotangent goes to the first maximum of its window, and
// overlapping windows add up. 1-D with padding, 2-D in ceil mode, 2-D with
// dilation, 3-D, begins-then-ends padding (PyTorch: F.pad with -inf), and
// x_tie, small integers whose windows hold tied maxima (PyTorch's rule: the
// first in row-major order). Elsewhere values are spread at least 0.14 apart
// (at most 56 per tensor over [-4, 4]), more than the finite-difference
// steps move them, so every maximum stays where it is.
// Golden data: make_golden.py (test "max_pool").
func.func @loss(
    %x_1d: tensor<2x2x9xf32> {nn.param = "x_1d"},
    %x_2d_ceil: tensor<1x1x5x6xf32> {nn.param = "x_2d_ceil"},
    %x_2d_dil: tensor<1x1x7x8xf32> {nn.param = "x_2d_dil"},
    %x_3d: tensor<1x1x3x4x3xf32> {nn.param = "x_3d"},
    %x_asym: tensor<1x1x5x6xf32> {nn.param = "x_asym"},
    %x_tie: tensor<1x2x4x5xf32> {nn.param = "x_tie"},
    %cot_1d: tensor<2x2x5xf32> {nn.input = "cot_1d"},
    %cot_2d_ceil: tensor<1x1x3x4xf32> {nn.input = "cot_2d_ceil"},
    %cot_2d_dil: tensor<1x1x7x3xf32> {nn.input = "cot_2d_dil"},
    %cot_3d: tensor<1x1x2x4x2xf32> {nn.input = "cot_3d"},
    %cot_asym: tensor<1x1x5x6xf32> {nn.input = "cot_asym"},
    %cot_tie: tensor<1x2x3x4xf32> {nn.input = "cot_tie"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y0 = nn.max_pool %x_1d {kernel = array<i64: 3>,
       stride = array<i64: 2>,
       padding = array<i64: 1>}
      : tensor<2x2x9xf32>
  %prod0 = nn.mul %y0, %cot_1d : tensor<2x2x5xf32>, tensor<2x2x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x2x5xf32>
  %y1 = nn.max_pool %x_2d_ceil {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>,
       ceil_mode = true}
      : tensor<1x1x5x6xf32>
  %prod1 = nn.mul %y1, %cot_2d_ceil : tensor<1x1x3x4xf32>, tensor<1x1x3x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x1x3x4xf32>
  %y2 = nn.max_pool %x_2d_dil {kernel = array<i64: 2, 3>,
       stride = array<i64: 1, 2>,
       padding = array<i64: 1, 1>,
       dilation = array<i64: 2, 2>}
      : tensor<1x1x7x8xf32>
  %prod2 = nn.mul %y2, %cot_2d_dil : tensor<1x1x7x3xf32>, tensor<1x1x7x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<1x1x7x3xf32>
  %y3 = nn.max_pool %x_3d {kernel = array<i64: 2, 3, 2>,
       stride = array<i64: 2, 1, 2>,
       padding = array<i64: 1, 1, 0>,
       ceil_mode = true}
      : tensor<1x1x3x4x3xf32>
  %prod3 = nn.mul %y3, %cot_3d : tensor<1x1x2x4x2xf32>, tensor<1x1x2x4x2xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<1x1x2x4x2xf32>
  %y4 = nn.max_pool %x_asym {kernel = array<i64: 2, 2>,
       stride = array<i64: 1, 1>,
       padding = array<i64: 1, 0, 0, 1>}
      : tensor<1x1x5x6xf32>
  %prod4 = nn.mul %y4, %cot_asym : tensor<1x1x5x6xf32>, tensor<1x1x5x6xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<1x1x5x6xf32>
  %y5 = nn.max_pool %x_tie {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>}
      : tensor<1x2x4x5xf32>
  %prod5 = nn.mul %y5, %cot_tie : tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>
  %term5 = nn.reduce_sum %prod5 [] : tensor<1x2x3x4xf32>
  %sum1 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term2 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term3 : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term4 : tensor<f32>, tensor<f32>
  %sum5 = nn.add %sum4, %term5 : tensor<f32>, tensor<f32>
  return %sum5 : tensor<f32>
}
