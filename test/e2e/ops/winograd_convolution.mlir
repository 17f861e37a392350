// 3x3 convolutions with stride 1 and no dilation, large enough (16
// channels or more in and out, 2048 output pixels or more over the batch)
// that nnc-winograd-conv hands them to the runtime's Winograd kernel: whole
// 4x4 tiles with padding and a bias; a ragged output (sides not multiples
// of 4) without padding; asymmetric padding (begins then ends); dilations
// of 3 and 2 (phases of rows of 35 pixels, of unequal heights).
// Golden data: make_golden.py (group "winograd_convolution").
func.func @forward(
    %xa: tensor<2x16x32x36xf32> {nn.input = "xa"},
    %wa: tensor<24x16x3x3xf32> {nn.input = "wa"},
    %ba: tensor<24xf32> {nn.input = "ba"},
    %xb: tensor<1x20x50x47xf32> {nn.input = "xb"},
    %wb: tensor<16x20x3x3xf32> {nn.input = "wb"},
    %xd: tensor<2x16x20x70xf32> {nn.input = "xd"})
    -> (tensor<2x24x32x36xf32> {nn.output = "padded_bias"},
        tensor<1x16x48x45xf32> {nn.output = "ragged"},
        tensor<1x16x51x46xf32> {nn.output = "asym_pad"},
        tensor<2x24x20x70xf32> {nn.output = "dilated"}) {
  %padded_bias = nn.conv %xa, %wa, %ba {padding = array<i64: 1, 1>}
      : tensor<2x16x32x36xf32>, tensor<24x16x3x3xf32>, tensor<24xf32>
  %ragged = nn.conv %xb, %wb
      : tensor<1x20x50x47xf32>, tensor<16x20x3x3xf32>
  %asym_pad = nn.conv %xb, %wb {padding = array<i64: 2, 0, 1, 1>}
      : tensor<1x20x50x47xf32>, tensor<16x20x3x3xf32>
  %dilated = nn.conv %xd, %wa, %ba
      {dilation = array<i64: 3, 2>, padding = array<i64: 3, 2>}
      : tensor<2x16x20x70xf32>, tensor<24x16x3x3xf32>, tensor<24xf32>
  return %padded_bias, %ragged, %asym_pad, %dilated
      : tensor<2x24x32x36xf32>, tensor<1x16x48x45xf32>,
        tensor<1x16x51x46xf32>, tensor<2x24x20x70xf32>
}
