// [cnn] A small convolutional network on 3x16x16 images, batch 2, with a
// classification head and an upsampling (dense prediction) head. Every
// spatial extent follows out = floor((H + 2p - k_eff) / s) + 1 with the
// effective (dilated) kernel extent k_eff = k + (k - 1)(d - 1); nnc infers
// these result types itself and the function signatures check them.
//   stem       conv 3->8, 3x3, stride 1, padding 1, ReLU      16 -> 16
//   max pool   3x3, stride 2, padding 1                        16 -> 8
//   depthwise-separable: depthwise conv 8->8, 3x3, padding 1,
//              groups 8, ReLU; pointwise conv 8->16, 1x1, ReLU  8 -> 8
//   dilated    conv 16->16, 3x3, dilation 2 (k_eff 5),
//              padding 2, ReLU                                  8 -> 8
//   down       conv 16->16, 3x3, stride 2, padding 2, dilation 2,
//              groups 4 (all four at once), ReLU                8 -> 4
//   avg pool   2x2 (stride = kernel)                            4 -> 2
//   global pooling: mean and max over the 2x2 positions, concatenated
//              (32 features), linear head to 5 class logits.
//   upsampling from the 4x4 map "down": transposed conv 16->8, 4x4,
//              stride 2, padding 1, ReLU (4 -> 8), then transposed conv
//              8->1, 2x2, stride 2 (8 -> 16): a 1x16x16 mask, where a
//              transposed conv's extent is (H - 1)s - 2p + d(k - 1) + 1.
// @loss: cross-entropy of the logits plus the mean squared error of the
// mask against a target. Weights in PyTorch's layouts (conv: out, in/groups,
// kh, kw; transposed conv: in, out/groups, kh, kw; linear: out, in).
// Golden data and weights: test/arch/cnn/make_golden.py. Nothing the issue
// asks for is left out.

// The network: class logits and the upsampled mask.
func.func private @network(
    %x: tensor<2x3x16x16xf32>,
    %w_stem: tensor<8x3x3x3xf32>, %b_stem: tensor<8xf32>,
    %w_dw: tensor<8x1x3x3xf32>, %b_dw: tensor<8xf32>,
    %w_pw: tensor<16x8x1x1xf32>, %b_pw: tensor<16xf32>,
    %w_dil: tensor<16x16x3x3xf32>, %b_dil: tensor<16xf32>,
    %w_down: tensor<16x4x3x3xf32>, %b_down: tensor<16xf32>,
    %w_head: tensor<5x32xf32>, %b_head: tensor<5xf32>,
    %w_up1: tensor<16x8x4x4xf32>, %b_up1: tensor<8xf32>,
    %w_up2: tensor<8x1x2x2xf32>, %b_up2: tensor<1xf32>)
    -> (tensor<2x5xf32>, tensor<2x1x16x16xf32>) {
  // floor((16 + 2 - 3) / 1) + 1 = 16.
  %stem0 = nn.conv %x, %w_stem, %b_stem {padding = array<i64: 1, 1>}
      : tensor<2x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>
  %stem = nn.relu %stem0 : tensor<2x8x16x16xf32>
  // floor((16 + 2 - 3) / 2) + 1 = 8.
  %pool = nn.max_pool %stem {kernel = array<i64: 3, 3>,
      stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x8x16x16xf32>
  // Depthwise (one 3x3 filter per channel), then pointwise (1x1) mixing.
  %dw0 = nn.conv %pool, %w_dw, %b_dw {groups = 8, padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>
  %dw = nn.relu %dw0 : tensor<2x8x8x8xf32>
  %pw0 = nn.conv %dw, %w_pw, %b_pw
      : tensor<2x8x8x8xf32>, tensor<16x8x1x1xf32>, tensor<16xf32>
  %pw = nn.relu %pw0 : tensor<2x16x8x8xf32>
  // k_eff = 3 + 2 * 1 = 5: floor((8 + 4 - 5) / 1) + 1 = 8.
  %dil0 = nn.conv %pw, %w_dil, %b_dil
      {dilation = array<i64: 2, 2>, padding = array<i64: 2, 2>}
      : tensor<2x16x8x8xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>
  %dil = nn.relu %dil0 : tensor<2x16x8x8xf32>
  // Four groups of 4 channels, k_eff = 5: floor((8 + 4 - 5) / 2) + 1 = 4.
  %down0 = nn.conv %dil, %w_down, %b_down
      {stride = array<i64: 2, 2>, padding = array<i64: 2, 2>,
       dilation = array<i64: 2, 2>, groups = 4}
      : tensor<2x16x8x8xf32>, tensor<16x4x3x3xf32>, tensor<16xf32>
  %down = nn.relu %down0 : tensor<2x16x4x4xf32>
  // floor((4 - 2) / 2) + 1 = 2.
  %avg = nn.avg_pool %down {kernel = array<i64: 2, 2>} : tensor<2x16x4x4xf32>
  %gap = nn.reduce_mean %avg [2, 3] : tensor<2x16x2x2xf32>
  %gmp = nn.reduce_max %avg [2, 3] : tensor<2x16x2x2xf32>
  %pooled = nn.concat %gap, %gmp axis 1 : tensor<2x16xf32>, tensor<2x16xf32>
  %w_head_t = nn.transpose %w_head [1, 0] : tensor<5x32xf32>
  %logits0 = nn.matmul %pooled, %w_head_t : tensor<2x32xf32>, tensor<32x5xf32>
  %logits = nn.add %logits0, %b_head : tensor<2x5xf32>, tensor<5xf32>
  // (4 - 1) * 2 - 2 + 3 + 1 = 8.
  %up1_0 = nn.conv_transpose %down, %w_up1, %b_up1
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<16x8x4x4xf32>, tensor<8xf32>
  %up1 = nn.relu %up1_0 : tensor<2x8x8x8xf32>
  // (8 - 1) * 2 + 1 + 1 = 16.
  %mask = nn.conv_transpose %up1, %w_up2, %b_up2 {stride = array<i64: 2, 2>}
      : tensor<2x8x8x8xf32>, tensor<8x1x2x2xf32>, tensor<1xf32>
  return %logits, %mask : tensor<2x5xf32>, tensor<2x1x16x16xf32>
}

func.func @forward(
    %x: tensor<2x3x16x16xf32> {nn.input = "x"},
    %w_stem: tensor<8x3x3x3xf32> {nn.param = "stem.weight"},
    %b_stem: tensor<8xf32> {nn.param = "stem.bias"},
    %w_dw: tensor<8x1x3x3xf32> {nn.param = "depthwise.weight"},
    %b_dw: tensor<8xf32> {nn.param = "depthwise.bias"},
    %w_pw: tensor<16x8x1x1xf32> {nn.param = "pointwise.weight"},
    %b_pw: tensor<16xf32> {nn.param = "pointwise.bias"},
    %w_dil: tensor<16x16x3x3xf32> {nn.param = "dilated.weight"},
    %b_dil: tensor<16xf32> {nn.param = "dilated.bias"},
    %w_down: tensor<16x4x3x3xf32> {nn.param = "down.weight"},
    %b_down: tensor<16xf32> {nn.param = "down.bias"},
    %w_head: tensor<5x32xf32> {nn.param = "head.weight"},
    %b_head: tensor<5xf32> {nn.param = "head.bias"},
    %w_up1: tensor<16x8x4x4xf32> {nn.param = "up1.weight"},
    %b_up1: tensor<8xf32> {nn.param = "up1.bias"},
    %w_up2: tensor<8x1x2x2xf32> {nn.param = "up2.weight"},
    %b_up2: tensor<1xf32> {nn.param = "up2.bias"})
    -> (tensor<2x5xf32> {nn.output = "logits"},
        tensor<2x1x16x16xf32> {nn.output = "mask"}) {
  %logits, %mask = func.call @network(%x, %w_stem, %b_stem, %w_dw, %b_dw,
      %w_pw, %b_pw, %w_dil, %b_dil, %w_down, %b_down, %w_head, %b_head,
      %w_up1, %b_up1, %w_up2, %b_up2)
      : (tensor<2x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>,
         tensor<8x1x3x3xf32>, tensor<8xf32>, tensor<16x8x1x1xf32>,
         tensor<16xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>,
         tensor<16x4x3x3xf32>, tensor<16xf32>, tensor<5x32xf32>,
         tensor<5xf32>, tensor<16x8x4x4xf32>, tensor<8xf32>,
         tensor<8x1x2x2xf32>, tensor<1xf32>)
      -> (tensor<2x5xf32>, tensor<2x1x16x16xf32>)
  return %logits, %mask : tensor<2x5xf32>, tensor<2x1x16x16xf32>
}

func.func @loss(
    %x: tensor<2x3x16x16xf32> {nn.input = "x"},
    %labels: tensor<2xi64> {nn.input = "labels"},
    %target: tensor<2x1x16x16xf32> {nn.input = "target"},
    %w_stem: tensor<8x3x3x3xf32> {nn.param = "stem.weight"},
    %b_stem: tensor<8xf32> {nn.param = "stem.bias"},
    %w_dw: tensor<8x1x3x3xf32> {nn.param = "depthwise.weight"},
    %b_dw: tensor<8xf32> {nn.param = "depthwise.bias"},
    %w_pw: tensor<16x8x1x1xf32> {nn.param = "pointwise.weight"},
    %b_pw: tensor<16xf32> {nn.param = "pointwise.bias"},
    %w_dil: tensor<16x16x3x3xf32> {nn.param = "dilated.weight"},
    %b_dil: tensor<16xf32> {nn.param = "dilated.bias"},
    %w_down: tensor<16x4x3x3xf32> {nn.param = "down.weight"},
    %b_down: tensor<16xf32> {nn.param = "down.bias"},
    %w_head: tensor<5x32xf32> {nn.param = "head.weight"},
    %b_head: tensor<5xf32> {nn.param = "head.bias"},
    %w_up1: tensor<16x8x4x4xf32> {nn.param = "up1.weight"},
    %b_up1: tensor<8xf32> {nn.param = "up1.bias"},
    %w_up2: tensor<8x1x2x2xf32> {nn.param = "up2.weight"},
    %b_up2: tensor<1xf32> {nn.param = "up2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits, %mask = func.call @network(%x, %w_stem, %b_stem, %w_dw, %b_dw,
      %w_pw, %b_pw, %w_dil, %b_dil, %w_down, %b_down, %w_head, %b_head,
      %w_up1, %b_up1, %w_up2, %b_up2)
      : (tensor<2x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>,
         tensor<8x1x3x3xf32>, tensor<8xf32>, tensor<16x8x1x1xf32>,
         tensor<16xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>,
         tensor<16x4x3x3xf32>, tensor<16xf32>, tensor<5x32xf32>,
         tensor<5xf32>, tensor<16x8x4x4xf32>, tensor<8xf32>,
         tensor<8x1x2x2xf32>, tensor<1xf32>)
      -> (tensor<2x5xf32>, tensor<2x1x16x16xf32>)
  %ce = nn.cross_entropy %logits, %labels : tensor<2x5xf32>, tensor<2xi64>
  %mse = nn.mse_loss %mask, %target
      : tensor<2x1x16x16xf32>, tensor<2x1x16x16xf32>
  %loss = nn.add %ce, %mse : tensor<f32>, tensor<f32>
  return %loss : tensor<f32>
}
