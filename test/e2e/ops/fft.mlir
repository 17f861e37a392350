// nn.fft against torch.fft.fft and torch.fft.ifft on complex values stored
// as (real, imaginary) pairs: N = 1, 2, 8, 64 and 1024, batched; the forward
// and the inverse transform with every norm ("backward", "ortho",
// "forward"); and an inverse after a forward transform, which gives the
// input back. x_real is a real signal with zero imaginary parts, as a model
// builds one.
// Golden data: make_golden.py (group "fft").
func.func @forward(
    %x1: tensor<3x1x2xf32> {nn.input = "x1"},
    %x2: tensor<3x2x2xf32> {nn.input = "x2"},
    %x8: tensor<2x8x2xf32> {nn.input = "x8"},
    %x64: tensor<2x64x2xf32> {nn.input = "x64"},
    %x1024: tensor<2x1024x2xf32> {nn.input = "x1024"},
    %x_real: tensor<16x2xf32> {nn.input = "x_real"})
    -> (tensor<3x1x2xf32> {nn.output = "fft_1"},
        tensor<3x1x2xf32> {nn.output = "ifft_1"},
        tensor<3x2x2xf32> {nn.output = "fft_2"},
        tensor<2x8x2xf32> {nn.output = "fft_8"},
        tensor<2x8x2xf32> {nn.output = "ifft_8"},
        tensor<2x8x2xf32> {nn.output = "fft_8_ortho"},
        tensor<2x8x2xf32> {nn.output = "fft_8_forward"},
        tensor<2x8x2xf32> {nn.output = "ifft_8_ortho"},
        tensor<2x8x2xf32> {nn.output = "ifft_8_forward"},
        tensor<2x64x2xf32> {nn.output = "fft_64"},
        tensor<2x64x2xf32> {nn.output = "ifft_64_ortho"},
        tensor<2x1024x2xf32> {nn.output = "fft_1024"},
        tensor<2x1024x2xf32> {nn.output = "ifft_1024"},
        tensor<2x1024x2xf32> {nn.output = "fft_1024_ortho"},
        tensor<2x64x2xf32> {nn.output = "round_trip_64"},
        tensor<16x2xf32> {nn.output = "fft_real"}) {
  %fft_1 = nn.fft %x1 : tensor<3x1x2xf32>
  %ifft_1 = nn.fft %x1 {inverse = true} : tensor<3x1x2xf32>
  %fft_2 = nn.fft %x2 : tensor<3x2x2xf32>
  %fft_8 = nn.fft %x8 : tensor<2x8x2xf32>
  %ifft_8 = nn.fft %x8 {inverse = true} : tensor<2x8x2xf32>
  %fft_8_ortho = nn.fft %x8 {norm = "ortho"} : tensor<2x8x2xf32>
  %fft_8_forward = nn.fft %x8 {norm = "forward"} : tensor<2x8x2xf32>
  %ifft_8_ortho = nn.fft %x8 {inverse = true, norm = "ortho"}
      : tensor<2x8x2xf32>
  %ifft_8_forward = nn.fft %x8 {inverse = true, norm = "forward"}
      : tensor<2x8x2xf32>
  %fft_64 = nn.fft %x64 : tensor<2x64x2xf32>
  %ifft_64_ortho = nn.fft %x64 {inverse = true, norm = "ortho"}
      : tensor<2x64x2xf32>
  %fft_1024 = nn.fft %x1024 : tensor<2x1024x2xf32>
  %ifft_1024 = nn.fft %x1024 {inverse = true} : tensor<2x1024x2xf32>
  %fft_1024_ortho = nn.fft %x1024 {norm = "ortho"} : tensor<2x1024x2xf32>
  %round_trip_64 = nn.fft %fft_64 {inverse = true} : tensor<2x64x2xf32>
  %fft_real = nn.fft %x_real : tensor<16x2xf32>
  return %fft_1, %ifft_1, %fft_2, %fft_8, %ifft_8, %fft_8_ortho,
         %fft_8_forward, %ifft_8_ortho, %ifft_8_forward, %fft_64,
         %ifft_64_ortho, %fft_1024, %ifft_1024, %fft_1024_ortho,
         %round_trip_64, %fft_real
      : tensor<3x1x2xf32>, tensor<3x1x2xf32>, tensor<3x2x2xf32>,
        tensor<2x8x2xf32>, tensor<2x8x2xf32>, tensor<2x8x2xf32>,
        tensor<2x8x2xf32>, tensor<2x8x2xf32>, tensor<2x8x2xf32>,
        tensor<2x64x2xf32>, tensor<2x64x2xf32>, tensor<2x1024x2xf32>,
        tensor<2x1024x2xf32>, tensor<2x1024x2xf32>, tensor<2x64x2xf32>,
        tensor<16x2xf32>
}
