// Gradient of nn.fft (torch.fft.fft and torch.fft.ifft on (real,
// imaginary) pairs): the adjoint of a transform is the transform in the
// other direction with the same scale. The forward and the inverse
// transform with every norm at N = 8, and N = 1.
// Golden data: make_golden.py (test "fft").
func.func @loss(
    %x: tensor<2x8x2xf32> {nn.param = "x"},
    %x_one: tensor<3x1x2xf32> {nn.param = "x_one"},
    %cot_fft: tensor<2x8x2xf32> {nn.input = "cot_fft"},
    %cot_ifft: tensor<2x8x2xf32> {nn.input = "cot_ifft"},
    %cot_fft_ortho: tensor<2x8x2xf32> {nn.input = "cot_fft_ortho"},
    %cot_fft_forward: tensor<2x8x2xf32> {nn.input = "cot_fft_forward"},
    %cot_ifft_ortho: tensor<2x8x2xf32> {nn.input = "cot_ifft_ortho"},
    %cot_ifft_forward: tensor<2x8x2xf32> {nn.input = "cot_ifft_forward"},
    %cot_one: tensor<3x1x2xf32> {nn.input = "cot_one"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %y0 = nn.fft %x : tensor<2x8x2xf32>
  %prod0 = nn.mul %y0, %cot_fft : tensor<2x8x2xf32>, tensor<2x8x2xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<2x8x2xf32>
  %y1 = nn.fft %x {inverse = true} : tensor<2x8x2xf32>
  %prod1 = nn.mul %y1, %cot_ifft : tensor<2x8x2xf32>, tensor<2x8x2xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x8x2xf32>
  %y2 = nn.fft %x {norm = "ortho"} : tensor<2x8x2xf32>
  %prod2 = nn.mul %y2, %cot_fft_ortho : tensor<2x8x2xf32>, tensor<2x8x2xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<2x8x2xf32>
  %y3 = nn.fft %x {norm = "forward"} : tensor<2x8x2xf32>
  %prod3 = nn.mul %y3, %cot_fft_forward : tensor<2x8x2xf32>, tensor<2x8x2xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x8x2xf32>
  %y4 = nn.fft %x {inverse = true, norm = "ortho"} : tensor<2x8x2xf32>
  %prod4 = nn.mul %y4, %cot_ifft_ortho : tensor<2x8x2xf32>, tensor<2x8x2xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<2x8x2xf32>
  %y5 = nn.fft %x {inverse = true, norm = "forward"} : tensor<2x8x2xf32>
  %prod5 = nn.mul %y5, %cot_ifft_forward : tensor<2x8x2xf32>, tensor<2x8x2xf32>
  %term5 = nn.reduce_sum %prod5 [] : tensor<2x8x2xf32>
  %y6 = nn.fft %x_one {inverse = true} : tensor<3x1x2xf32>
  %prod6 = nn.mul %y6, %cot_one : tensor<3x1x2xf32>, tensor<3x1x2xf32>
  %term6 = nn.reduce_sum %prod6 [] : tensor<3x1x2xf32>
  %sum1 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term2 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term3 : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term4 : tensor<f32>, tensor<f32>
  %sum5 = nn.add %sum4, %term5 : tensor<f32>, tensor<f32>
  %sum6 = nn.add %sum5, %term6 : tensor<f32>, tensor<f32>
  return %sum6 : tensor<f32>
}
