// Gradients of nn.max_pool and nn.avg_pool (with and without
// count_include_pad) whose padding (2) is beyond half the kernel (3), as
// ONNX allows: PyTorch's pooling refuses it, so its side pads the input
// first (make_golden.py, test "pool_wide_padding").
func.func @loss(
    %x_max: tensor<1x2x5x6xf32> {nn.param = "x_max"},
    %x_avg: tensor<1x2x5x6xf32> {nn.param = "x_avg"},
    %x_avg_excl: tensor<1x2x5x6xf32> {nn.param = "x_avg_excl"},
    %cot_max: tensor<1x2x4x4xf32> {nn.input = "cot_max"},
    %cot_avg: tensor<1x2x4x4xf32> {nn.input = "cot_avg"},
    %cot_avg_excl: tensor<1x2x4x4xf32> {nn.input = "cot_avg_excl"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y0 = nn.max_pool %x_max {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<1x2x5x6xf32>
  %prod0 = nn.mul %y0, %cot_max : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<1x2x4x4xf32>
  %y1 = nn.avg_pool %x_avg {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<1x2x5x6xf32>
  %prod1 = nn.mul %y1, %cot_avg : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x2x4x4xf32>
  %y2 = nn.avg_pool %x_avg_excl {kernel = array<i64: 3, 3>,
       stride = array<i64: 2, 2>, padding = array<i64: 2, 2>,
       count_include_pad = false}
      : tensor<1x2x5x6xf32>
  %prod2 = nn.mul %y2, %cot_avg_excl : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<1x2x4x4xf32>
  %sum1 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term2 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
