// nn.conv and nn.conv_transpose over 1, 2 and 3 spatial dimensions: plain,
// strided and padded, dilated, grouped, depthwise-separable (depthwise then
// pointwise), asymmetric padding (begins then ends), with and without bias;
// transposed: the 2x upsampling of U-Net, padding with output_padding,
// groups with dilation and a stride of 3, output_padding reaching past the
// stride (allowed below the dilation), padding wider than the kernel's
// reach (inputs that fall outside are dropped) and asymmetric padding.
// Golden data: make_golden.py (group "convolution").
func.func @forward(
    %x2: tensor<2x4x9x8xf32> {nn.input = "x2"},
    %x1: tensor<2x3x11xf32> {nn.input = "x1"},
    %x3: tensor<1x2x5x6x4xf32> {nn.input = "x3"},
    %wa: tensor<5x4x3x3xf32> {nn.input = "wa"},
    %ba: tensor<5xf32> {nn.input = "ba"},
    %wg: tensor<6x2x3x2xf32> {nn.input = "wg"},
    %wdw: tensor<8x1x3x3xf32> {nn.input = "wdw"},
    %wpw: tensor<5x8x1x1xf32> {nn.input = "wpw"},
    %w1: tensor<4x3x3xf32> {nn.input = "w1"},
    %w3: tensor<3x2x2x3x2xf32> {nn.input = "w3"},
    %b3: tensor<3xf32> {nn.input = "b3"},
    %wta: tensor<4x3x2x2xf32> {nn.input = "wta"},
    %bt: tensor<3xf32> {nn.input = "bt"},
    %wtb: tensor<4x3x3x3xf32> {nn.input = "wtb"},
    %wtg: tensor<4x2x3x3xf32> {nn.input = "wtg"},
    %wt1: tensor<3x2x3xf32> {nn.input = "wt1"},
    %wt3: tensor<2x3x2x2x2xf32> {nn.input = "wt3"})
    -> (tensor<2x5x7x6xf32> {nn.output = "conv_basic"},
        tensor<2x5x5x4xf32> {nn.output = "conv_stride_pad"},
        tensor<2x5x9x8xf32> {nn.output = "conv_dilated"},
        tensor<2x6x5x7xf32> {nn.output = "conv_groups"},
        tensor<2x8x9x8xf32> {nn.output = "conv_depthwise"},
        tensor<2x5x9x8xf32> {nn.output = "conv_separable"},
        tensor<2x5x9x8xf32> {nn.output = "conv_asym_pad"},
        tensor<2x4x5xf32> {nn.output = "conv1d"},
        tensor<1x3x4x2x3xf32> {nn.output = "conv3d"},
        tensor<2x3x18x16xf32> {nn.output = "convt_up2"},
        tensor<2x3x18x16xf32> {nn.output = "convt_pad_outpad"},
        tensor<2x4x27x22xf32> {nn.output = "convt_groups_dil"},
        tensor<2x3x14x13xf32> {nn.output = "convt_outpad_dil"},
        tensor<2x2x27xf32> {nn.output = "convt1d_wide_pad"},
        tensor<2x3x17x15xf32> {nn.output = "convt_asym_pad"},
        tensor<1x3x10x7x8xf32> {nn.output = "convt3d"}) {
  %basic = nn.conv %x2, %wa, %ba
      : tensor<2x4x9x8xf32>, tensor<5x4x3x3xf32>, tensor<5xf32>
  %stride_pad = nn.conv %x2, %wa, %ba
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x4x9x8xf32>, tensor<5x4x3x3xf32>, tensor<5xf32>
  %dilated = nn.conv %x2, %wa
      {dilation = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<2x4x9x8xf32>, tensor<5x4x3x3xf32>
  %groups = nn.conv %x2, %wg
      {groups = 2, stride = array<i64: 2, 1>, padding = array<i64: 1, 0>}
      : tensor<2x4x9x8xf32>, tensor<6x2x3x2xf32>
  %depthwise = nn.conv %x2, %wdw {groups = 4, padding = array<i64: 1, 1>}
      : tensor<2x4x9x8xf32>, tensor<8x1x3x3xf32>
  %separable = nn.conv %depthwise, %wpw
      : tensor<2x8x9x8xf32>, tensor<5x8x1x1xf32>
  %asym = nn.conv %x2, %wa, %ba {padding = array<i64: 0, 1, 2, 1>}
      : tensor<2x4x9x8xf32>, tensor<5x4x3x3xf32>, tensor<5xf32>
  %c1 = nn.conv %x1, %w1 {stride = array<i64: 2>, dilation = array<i64: 3>,
                          padding = array<i64: 2>}
      : tensor<2x3x11xf32>, tensor<4x3x3xf32>
  %c3 = nn.conv %x3, %w3, %b3 {stride = array<i64: 1, 2, 1>}
      : tensor<1x2x5x6x4xf32>, tensor<3x2x2x3x2xf32>, tensor<3xf32>
  %up2 = nn.conv_transpose %x2, %wta, %bt {stride = array<i64: 2, 2>}
      : tensor<2x4x9x8xf32>, tensor<4x3x2x2xf32>, tensor<3xf32>
  %pad_outpad = nn.conv_transpose %x2, %wtb
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
       output_padding = array<i64: 1, 1>}
      : tensor<2x4x9x8xf32>, tensor<4x3x3x3xf32>
  %groups_dil = nn.conv_transpose %x2, %wtg
      {groups = 2, stride = array<i64: 3, 3>, padding = array<i64: 1, 2>,
       dilation = array<i64: 2, 2>}
      : tensor<2x4x9x8xf32>, tensor<4x2x3x3xf32>
  %outpad_dil = nn.conv_transpose %x2, %wtb, %bt
      {dilation = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : tensor<2x4x9x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>
  %t1 = nn.conv_transpose %x1, %wt1
      {stride = array<i64: 3>, padding = array<i64: 3>}
      : tensor<2x3x11xf32>, tensor<3x2x3xf32>
  %asym_t = nn.conv_transpose %x2, %wta
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 1>}
      : tensor<2x4x9x8xf32>, tensor<4x3x2x2xf32>
  %t3 = nn.conv_transpose %x3, %wt3 {stride = array<i64: 2, 1, 2>}
      : tensor<1x2x5x6x4xf32>, tensor<2x3x2x2x2xf32>
  return %basic, %stride_pad, %dilated, %groups, %depthwise, %separable,
         %asym, %c1, %c3, %up2, %pad_outpad, %groups_dil, %outpad_dil, %t1,
         %asym_t, %t3
      : tensor<2x5x7x6xf32>, tensor<2x5x5x4xf32>, tensor<2x5x9x8xf32>,
        tensor<2x6x5x7xf32>, tensor<2x8x9x8xf32>, tensor<2x5x9x8xf32>,
        tensor<2x5x9x8xf32>, tensor<2x4x5xf32>, tensor<1x3x4x2x3xf32>,
        tensor<2x3x18x16xf32>, tensor<2x3x18x16xf32>, tensor<2x4x27x22xf32>,
        tensor<2x3x14x13xf32>, tensor<2x2x27xf32>, tensor<2x3x17x15xf32>,
        tensor<1x3x10x7x8xf32>
}
