// [resnet] A small ResNet on 32x32 RGB images, batch 2, 10 classes, with
// torchvision's parameter names. Stem: 7x7 stride-2 convolution (3 -> 8
// channels), batch norm, ReLU, 3x3 stride-2 max pool (32 -> 16 -> 8).
//   layer1: basic residual block (3x3 conv, BN, ReLU, 3x3 conv, BN, + x,
//           ReLU), 8 channels at 8x8, identity shortcut;
//   layer2: bottleneck block (1x1 reduce 8 -> 4, BN, ReLU; 3x3 stride 2,
//           BN, ReLU; 1x1 expand 4 -> 16, BN) with the downsampling
//           shortcut: a strided 1x1 convolution 8 -> 16 and BN (as
//           torchvision's ResNet v1.5: the stride sits on the 3x3); + ReLU;
//   layer3: pre-activation block (BN, ReLU, 3x3 conv, BN, ReLU, 3x3 conv,
//           + x, no activation after the sum), 16 channels at 4x4;
// then the pre-activation network's final BN and ReLU, global average
// pooling (the mean over the 4x4 positions) and a linear classifier.
// Convolutions before a batch norm have no bias. @forward is inference:
// batch norms use their running statistics (nn.buffer args). @loss is a
// training step's loss: batch norms use the batch's mean and biased
// variance, and @loss returns, after the cross-entropy, every batch norm's
// running mean and variance updated with momentum 0.1 (unbiased variance).
// Weights and running statistics: resnet.safetensors
// (test/arch/resnet/make_golden.py).
func.func @forward(%images: tensor<2x3x32x32xf32> {nn.input = "images"},
    %stem_w: tensor<8x3x7x7xf32> {nn.param = "conv1.weight"},
    %stem_bn_g: tensor<8xf32> {nn.param = "bn1.weight"},
    %stem_bn_b: tensor<8xf32> {nn.param = "bn1.bias"},
    %l1_conv1_w: tensor<8x8x3x3xf32> {nn.param = "layer1.conv1.weight"},
    %l1_bn1_g: tensor<8xf32> {nn.param = "layer1.bn1.weight"},
    %l1_bn1_b: tensor<8xf32> {nn.param = "layer1.bn1.bias"},
    %l1_conv2_w: tensor<8x8x3x3xf32> {nn.param = "layer1.conv2.weight"},
    %l1_bn2_g: tensor<8xf32> {nn.param = "layer1.bn2.weight"},
    %l1_bn2_b: tensor<8xf32> {nn.param = "layer1.bn2.bias"},
    %l2_conv1_w: tensor<4x8x1x1xf32> {nn.param = "layer2.conv1.weight"},
    %l2_bn1_g: tensor<4xf32> {nn.param = "layer2.bn1.weight"},
    %l2_bn1_b: tensor<4xf32> {nn.param = "layer2.bn1.bias"},
    %l2_conv2_w: tensor<4x4x3x3xf32> {nn.param = "layer2.conv2.weight"},
    %l2_bn2_g: tensor<4xf32> {nn.param = "layer2.bn2.weight"},
    %l2_bn2_b: tensor<4xf32> {nn.param = "layer2.bn2.bias"},
    %l2_conv3_w: tensor<16x4x1x1xf32> {nn.param = "layer2.conv3.weight"},
    %l2_bn3_g: tensor<16xf32> {nn.param = "layer2.bn3.weight"},
    %l2_bn3_b: tensor<16xf32> {nn.param = "layer2.bn3.bias"},
    %l2_ds_w: tensor<16x8x1x1xf32> {nn.param = "layer2.downsample.0.weight"},
    %l2_dsbn_g: tensor<16xf32> {nn.param = "layer2.downsample.1.weight"},
    %l2_dsbn_b: tensor<16xf32> {nn.param = "layer2.downsample.1.bias"},
    %l3_bn1_g: tensor<16xf32> {nn.param = "layer3.bn1.weight"},
    %l3_bn1_b: tensor<16xf32> {nn.param = "layer3.bn1.bias"},
    %l3_conv1_w: tensor<16x16x3x3xf32> {nn.param = "layer3.conv1.weight"},
    %l3_bn2_g: tensor<16xf32> {nn.param = "layer3.bn2.weight"},
    %l3_bn2_b: tensor<16xf32> {nn.param = "layer3.bn2.bias"},
    %l3_conv2_w: tensor<16x16x3x3xf32> {nn.param = "layer3.conv2.weight"},
    %norm_g: tensor<16xf32> {nn.param = "norm.weight"},
    %norm_b: tensor<16xf32> {nn.param = "norm.bias"},
    %fc_w: tensor<16x10xf32> {nn.param = "fc.weight"},
    %fc_b: tensor<10xf32> {nn.param = "fc.bias"},
    %stem_bn_rm: tensor<8xf32> {nn.buffer = "bn1.running_mean"},
    %stem_bn_rv: tensor<8xf32> {nn.buffer = "bn1.running_var"},
    %l1_bn1_rm: tensor<8xf32> {nn.buffer = "layer1.bn1.running_mean"},
    %l1_bn1_rv: tensor<8xf32> {nn.buffer = "layer1.bn1.running_var"},
    %l1_bn2_rm: tensor<8xf32> {nn.buffer = "layer1.bn2.running_mean"},
    %l1_bn2_rv: tensor<8xf32> {nn.buffer = "layer1.bn2.running_var"},
    %l2_bn1_rm: tensor<4xf32> {nn.buffer = "layer2.bn1.running_mean"},
    %l2_bn1_rv: tensor<4xf32> {nn.buffer = "layer2.bn1.running_var"},
    %l2_bn2_rm: tensor<4xf32> {nn.buffer = "layer2.bn2.running_mean"},
    %l2_bn2_rv: tensor<4xf32> {nn.buffer = "layer2.bn2.running_var"},
    %l2_bn3_rm: tensor<16xf32> {nn.buffer = "layer2.bn3.running_mean"},
    %l2_bn3_rv: tensor<16xf32> {nn.buffer = "layer2.bn3.running_var"},
    %l2_dsbn_rm: tensor<16xf32> 
        {nn.buffer = "layer2.downsample.1.running_mean"},
    %l2_dsbn_rv: tensor<16xf32> 
        {nn.buffer = "layer2.downsample.1.running_var"},
    %l3_bn1_rm: tensor<16xf32> {nn.buffer = "layer3.bn1.running_mean"},
    %l3_bn1_rv: tensor<16xf32> {nn.buffer = "layer3.bn1.running_var"},
    %l3_bn2_rm: tensor<16xf32> {nn.buffer = "layer3.bn2.running_mean"},
    %l3_bn2_rv: tensor<16xf32> {nn.buffer = "layer3.bn2.running_var"},
    %norm_rm: tensor<16xf32> {nn.buffer = "norm.running_mean"},
    %norm_rv: tensor<16xf32> {nn.buffer = "norm.running_var"})
    -> (tensor<2x10xf32> {nn.output = "logits"}) {
  // Stem: 7x7 stride-2 convolution, batch norm, ReLU, 3x3 stride-2 max pool.
  %stem_c = nn.conv %images, %stem_w
      {stride = array<i64: 2, 2>, padding = array<i64: 3, 3>}
      : tensor<2x3x32x32xf32>, tensor<8x3x7x7xf32>
  %stem_n, %stem_bn_m, %stem_bn_v = nn.batch_norm %stem_c, %stem_bn_g,
      %stem_bn_b, %stem_bn_rm, %stem_bn_rv {training = false}
      : tensor<2x8x16x16xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
  %stem_r = nn.relu %stem_n : tensor<2x8x16x16xf32>
  %stem = nn.max_pool %stem_r
      {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>}
      : tensor<2x8x16x16xf32>
  // layer1: basic block, identity shortcut.
  %l1_c1 = nn.conv %stem, %l1_conv1_w {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x8x3x3xf32>
  %l1_n1, %l1_bn1_m, %l1_bn1_v = nn.batch_norm %l1_c1, %l1_bn1_g, %l1_bn1_b,
      %l1_bn1_rm, %l1_bn1_rv {training = false}
      : tensor<2x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
  %l1_r1 = nn.relu %l1_n1 : tensor<2x8x8x8xf32>
  %l1_c2 = nn.conv %l1_r1, %l1_conv2_w {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x8x3x3xf32>
  %l1_n2, %l1_bn2_m, %l1_bn2_v = nn.batch_norm %l1_c2, %l1_bn2_g, %l1_bn2_b,
      %l1_bn2_rm, %l1_bn2_rv {training = false}
      : tensor<2x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
  %l1_sum = nn.add %l1_n2, %stem : tensor<2x8x8x8xf32>, tensor<2x8x8x8xf32>
  %l1 = nn.relu %l1_sum : tensor<2x8x8x8xf32>
  // layer2: bottleneck block with stride 2 (1x1 reduce, 3x3 strided, 1x1
  // expand); shortcut: strided 1x1 convolution and batch norm.
  %l2_c1 = nn.conv %l1, %l2_conv1_w
      : tensor<2x8x8x8xf32>, tensor<4x8x1x1xf32>
  %l2_n1, %l2_bn1_m, %l2_bn1_v = nn.batch_norm %l2_c1, %l2_bn1_g, %l2_bn1_b,
      %l2_bn1_rm, %l2_bn1_rv {training = false}
      : tensor<2x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>
  %l2_r1 = nn.relu %l2_n1 : tensor<2x4x8x8xf32>
  %l2_c2 = nn.conv %l2_r1, %l2_conv2_w
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>
  %l2_n2, %l2_bn2_m, %l2_bn2_v = nn.batch_norm %l2_c2, %l2_bn2_g, %l2_bn2_b,
      %l2_bn2_rm, %l2_bn2_rv {training = false}
      : tensor<2x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>
  %l2_r2 = nn.relu %l2_n2 : tensor<2x4x4x4xf32>
  %l2_c3 = nn.conv %l2_r2, %l2_conv3_w
      : tensor<2x4x4x4xf32>, tensor<16x4x1x1xf32>
  %l2_n3, %l2_bn3_m, %l2_bn3_v = nn.batch_norm %l2_c3, %l2_bn3_g, %l2_bn3_b,
      %l2_bn3_rm, %l2_bn3_rv {training = false}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l2_ds = nn.conv %l1, %l2_ds_w {stride = array<i64: 2, 2>}
      : tensor<2x8x8x8xf32>, tensor<16x8x1x1xf32>
  %l2_short, %l2_dsbn_m, %l2_dsbn_v = nn.batch_norm %l2_ds, %l2_dsbn_g,
      %l2_dsbn_b, %l2_dsbn_rm, %l2_dsbn_rv {training = false}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l2_sum = nn.add %l2_n3, %l2_short
      : tensor<2x16x4x4xf32>, tensor<2x16x4x4xf32>
  %l2 = nn.relu %l2_sum : tensor<2x16x4x4xf32>
  // layer3: pre-activation block (batch norm and ReLU before each
  // convolution), identity shortcut, no activation after the sum.
  %l3_n1, %l3_bn1_m, %l3_bn1_v = nn.batch_norm %l2, %l3_bn1_g, %l3_bn1_b,
      %l3_bn1_rm, %l3_bn1_rv {training = false}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l3_r1 = nn.relu %l3_n1 : tensor<2x16x4x4xf32>
  %l3_c1 = nn.conv %l3_r1, %l3_conv1_w {padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<16x16x3x3xf32>
  %l3_n2, %l3_bn2_m, %l3_bn2_v = nn.batch_norm %l3_c1, %l3_bn2_g, %l3_bn2_b,
      %l3_bn2_rm, %l3_bn2_rv {training = false}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l3_r2 = nn.relu %l3_n2 : tensor<2x16x4x4xf32>
  %l3_c2 = nn.conv %l3_r2, %l3_conv2_w {padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<16x16x3x3xf32>
  %l3 = nn.add %l3_c2, %l2 : tensor<2x16x4x4xf32>, tensor<2x16x4x4xf32>
  // Head: the pre-activation network's final batch norm and ReLU, global
  // average pooling over the 4x4 positions, linear classifier.
  %head_n, %norm_m, %norm_v = nn.batch_norm %l3, %norm_g, %norm_b,
      %norm_rm, %norm_rv {training = false}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %head_r = nn.relu %head_n : tensor<2x16x4x4xf32>
  %pooled = nn.reduce_mean %head_r [2, 3] : tensor<2x16x4x4xf32>
  %fc = nn.matmul %pooled, %fc_w : tensor<2x16xf32>, tensor<16x10xf32>
  %logits = nn.add %fc, %fc_b : tensor<2x10xf32>, tensor<10xf32>
  return %logits : tensor<2x10xf32>
}

func.func @loss(%images: tensor<2x3x32x32xf32> {nn.input = "images"},
    %labels: tensor<2xi64> {nn.input = "labels"},
    %stem_w: tensor<8x3x7x7xf32> {nn.param = "conv1.weight"},
    %stem_bn_g: tensor<8xf32> {nn.param = "bn1.weight"},
    %stem_bn_b: tensor<8xf32> {nn.param = "bn1.bias"},
    %l1_conv1_w: tensor<8x8x3x3xf32> {nn.param = "layer1.conv1.weight"},
    %l1_bn1_g: tensor<8xf32> {nn.param = "layer1.bn1.weight"},
    %l1_bn1_b: tensor<8xf32> {nn.param = "layer1.bn1.bias"},
    %l1_conv2_w: tensor<8x8x3x3xf32> {nn.param = "layer1.conv2.weight"},
    %l1_bn2_g: tensor<8xf32> {nn.param = "layer1.bn2.weight"},
    %l1_bn2_b: tensor<8xf32> {nn.param = "layer1.bn2.bias"},
    %l2_conv1_w: tensor<4x8x1x1xf32> {nn.param = "layer2.conv1.weight"},
    %l2_bn1_g: tensor<4xf32> {nn.param = "layer2.bn1.weight"},
    %l2_bn1_b: tensor<4xf32> {nn.param = "layer2.bn1.bias"},
    %l2_conv2_w: tensor<4x4x3x3xf32> {nn.param = "layer2.conv2.weight"},
    %l2_bn2_g: tensor<4xf32> {nn.param = "layer2.bn2.weight"},
    %l2_bn2_b: tensor<4xf32> {nn.param = "layer2.bn2.bias"},
    %l2_conv3_w: tensor<16x4x1x1xf32> {nn.param = "layer2.conv3.weight"},
    %l2_bn3_g: tensor<16xf32> {nn.param = "layer2.bn3.weight"},
    %l2_bn3_b: tensor<16xf32> {nn.param = "layer2.bn3.bias"},
    %l2_ds_w: tensor<16x8x1x1xf32> {nn.param = "layer2.downsample.0.weight"},
    %l2_dsbn_g: tensor<16xf32> {nn.param = "layer2.downsample.1.weight"},
    %l2_dsbn_b: tensor<16xf32> {nn.param = "layer2.downsample.1.bias"},
    %l3_bn1_g: tensor<16xf32> {nn.param = "layer3.bn1.weight"},
    %l3_bn1_b: tensor<16xf32> {nn.param = "layer3.bn1.bias"},
    %l3_conv1_w: tensor<16x16x3x3xf32> {nn.param = "layer3.conv1.weight"},
    %l3_bn2_g: tensor<16xf32> {nn.param = "layer3.bn2.weight"},
    %l3_bn2_b: tensor<16xf32> {nn.param = "layer3.bn2.bias"},
    %l3_conv2_w: tensor<16x16x3x3xf32> {nn.param = "layer3.conv2.weight"},
    %norm_g: tensor<16xf32> {nn.param = "norm.weight"},
    %norm_b: tensor<16xf32> {nn.param = "norm.bias"},
    %fc_w: tensor<16x10xf32> {nn.param = "fc.weight"},
    %fc_b: tensor<10xf32> {nn.param = "fc.bias"},
    %stem_bn_rm: tensor<8xf32> {nn.buffer = "bn1.running_mean"},
    %stem_bn_rv: tensor<8xf32> {nn.buffer = "bn1.running_var"},
    %l1_bn1_rm: tensor<8xf32> {nn.buffer = "layer1.bn1.running_mean"},
    %l1_bn1_rv: tensor<8xf32> {nn.buffer = "layer1.bn1.running_var"},
    %l1_bn2_rm: tensor<8xf32> {nn.buffer = "layer1.bn2.running_mean"},
    %l1_bn2_rv: tensor<8xf32> {nn.buffer = "layer1.bn2.running_var"},
    %l2_bn1_rm: tensor<4xf32> {nn.buffer = "layer2.bn1.running_mean"},
    %l2_bn1_rv: tensor<4xf32> {nn.buffer = "layer2.bn1.running_var"},
    %l2_bn2_rm: tensor<4xf32> {nn.buffer = "layer2.bn2.running_mean"},
    %l2_bn2_rv: tensor<4xf32> {nn.buffer = "layer2.bn2.running_var"},
    %l2_bn3_rm: tensor<16xf32> {nn.buffer = "layer2.bn3.running_mean"},
    %l2_bn3_rv: tensor<16xf32> {nn.buffer = "layer2.bn3.running_var"},
    %l2_dsbn_rm: tensor<16xf32> 
        {nn.buffer = "layer2.downsample.1.running_mean"},
    %l2_dsbn_rv: tensor<16xf32> 
        {nn.buffer = "layer2.downsample.1.running_var"},
    %l3_bn1_rm: tensor<16xf32> {nn.buffer = "layer3.bn1.running_mean"},
    %l3_bn1_rv: tensor<16xf32> {nn.buffer = "layer3.bn1.running_var"},
    %l3_bn2_rm: tensor<16xf32> {nn.buffer = "layer3.bn2.running_mean"},
    %l3_bn2_rv: tensor<16xf32> {nn.buffer = "layer3.bn2.running_var"},
    %norm_rm: tensor<16xf32> {nn.buffer = "norm.running_mean"},
    %norm_rv: tensor<16xf32> {nn.buffer = "norm.running_var"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<8xf32> {nn.output = "bn1.running_mean"},
        tensor<8xf32> {nn.output = "bn1.running_var"},
        tensor<8xf32> {nn.output = "layer1.bn1.running_mean"},
        tensor<8xf32> {nn.output = "layer1.bn1.running_var"},
        tensor<8xf32> {nn.output = "layer1.bn2.running_mean"},
        tensor<8xf32> {nn.output = "layer1.bn2.running_var"},
        tensor<4xf32> {nn.output = "layer2.bn1.running_mean"},
        tensor<4xf32> {nn.output = "layer2.bn1.running_var"},
        tensor<4xf32> {nn.output = "layer2.bn2.running_mean"},
        tensor<4xf32> {nn.output = "layer2.bn2.running_var"},
        tensor<16xf32> {nn.output = "layer2.bn3.running_mean"},
        tensor<16xf32> {nn.output = "layer2.bn3.running_var"},
        tensor<16xf32> {nn.output = "layer2.downsample.1.running_mean"},
        tensor<16xf32> {nn.output = "layer2.downsample.1.running_var"},
        tensor<16xf32> {nn.output = "layer3.bn1.running_mean"},
        tensor<16xf32> {nn.output = "layer3.bn1.running_var"},
        tensor<16xf32> {nn.output = "layer3.bn2.running_mean"},
        tensor<16xf32> {nn.output = "layer3.bn2.running_var"},
        tensor<16xf32> {nn.output = "norm.running_mean"},
        tensor<16xf32> {nn.output = "norm.running_var"}) {
  // Stem: 7x7 stride-2 convolution, batch norm, ReLU, 3x3 stride-2 max pool.
  %stem_c = nn.conv %images, %stem_w
      {stride = array<i64: 2, 2>, padding = array<i64: 3, 3>}
      : tensor<2x3x32x32xf32>, tensor<8x3x7x7xf32>
  %stem_n, %stem_bn_m, %stem_bn_v = nn.batch_norm %stem_c, %stem_bn_g,
      %stem_bn_b, %stem_bn_rm, %stem_bn_rv {training = true}
      : tensor<2x8x16x16xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
  %stem_r = nn.relu %stem_n : tensor<2x8x16x16xf32>
  %stem = nn.max_pool %stem_r
      {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>,
       padding = array<i64: 1, 1>}
      : tensor<2x8x16x16xf32>
  // layer1: basic block, identity shortcut.
  %l1_c1 = nn.conv %stem, %l1_conv1_w {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x8x3x3xf32>
  %l1_n1, %l1_bn1_m, %l1_bn1_v = nn.batch_norm %l1_c1, %l1_bn1_g, %l1_bn1_b,
      %l1_bn1_rm, %l1_bn1_rv {training = true}
      : tensor<2x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
  %l1_r1 = nn.relu %l1_n1 : tensor<2x8x8x8xf32>
  %l1_c2 = nn.conv %l1_r1, %l1_conv2_w {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x8x3x3xf32>
  %l1_n2, %l1_bn2_m, %l1_bn2_v = nn.batch_norm %l1_c2, %l1_bn2_g, %l1_bn2_b,
      %l1_bn2_rm, %l1_bn2_rv {training = true}
      : tensor<2x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>
  %l1_sum = nn.add %l1_n2, %stem : tensor<2x8x8x8xf32>, tensor<2x8x8x8xf32>
  %l1 = nn.relu %l1_sum : tensor<2x8x8x8xf32>
  // layer2: bottleneck block with stride 2 (1x1 reduce, 3x3 strided, 1x1
  // expand); shortcut: strided 1x1 convolution and batch norm.
  %l2_c1 = nn.conv %l1, %l2_conv1_w
      : tensor<2x8x8x8xf32>, tensor<4x8x1x1xf32>
  %l2_n1, %l2_bn1_m, %l2_bn1_v = nn.batch_norm %l2_c1, %l2_bn1_g, %l2_bn1_b,
      %l2_bn1_rm, %l2_bn1_rv {training = true}
      : tensor<2x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>
  %l2_r1 = nn.relu %l2_n1 : tensor<2x4x8x8xf32>
  %l2_c2 = nn.conv %l2_r1, %l2_conv2_w
      {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>
  %l2_n2, %l2_bn2_m, %l2_bn2_v = nn.batch_norm %l2_c2, %l2_bn2_g, %l2_bn2_b,
      %l2_bn2_rm, %l2_bn2_rv {training = true}
      : tensor<2x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>
  %l2_r2 = nn.relu %l2_n2 : tensor<2x4x4x4xf32>
  %l2_c3 = nn.conv %l2_r2, %l2_conv3_w
      : tensor<2x4x4x4xf32>, tensor<16x4x1x1xf32>
  %l2_n3, %l2_bn3_m, %l2_bn3_v = nn.batch_norm %l2_c3, %l2_bn3_g, %l2_bn3_b,
      %l2_bn3_rm, %l2_bn3_rv {training = true}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l2_ds = nn.conv %l1, %l2_ds_w {stride = array<i64: 2, 2>}
      : tensor<2x8x8x8xf32>, tensor<16x8x1x1xf32>
  %l2_short, %l2_dsbn_m, %l2_dsbn_v = nn.batch_norm %l2_ds, %l2_dsbn_g,
      %l2_dsbn_b, %l2_dsbn_rm, %l2_dsbn_rv {training = true}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l2_sum = nn.add %l2_n3, %l2_short
      : tensor<2x16x4x4xf32>, tensor<2x16x4x4xf32>
  %l2 = nn.relu %l2_sum : tensor<2x16x4x4xf32>
  // layer3: pre-activation block (batch norm and ReLU before each
  // convolution), identity shortcut, no activation after the sum.
  %l3_n1, %l3_bn1_m, %l3_bn1_v = nn.batch_norm %l2, %l3_bn1_g, %l3_bn1_b,
      %l3_bn1_rm, %l3_bn1_rv {training = true}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l3_r1 = nn.relu %l3_n1 : tensor<2x16x4x4xf32>
  %l3_c1 = nn.conv %l3_r1, %l3_conv1_w {padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<16x16x3x3xf32>
  %l3_n2, %l3_bn2_m, %l3_bn2_v = nn.batch_norm %l3_c1, %l3_bn2_g, %l3_bn2_b,
      %l3_bn2_rm, %l3_bn2_rv {training = true}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %l3_r2 = nn.relu %l3_n2 : tensor<2x16x4x4xf32>
  %l3_c2 = nn.conv %l3_r2, %l3_conv2_w {padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<16x16x3x3xf32>
  %l3 = nn.add %l3_c2, %l2 : tensor<2x16x4x4xf32>, tensor<2x16x4x4xf32>
  // Head: the pre-activation network's final batch norm and ReLU, global
  // average pooling over the 4x4 positions, linear classifier.
  %head_n, %norm_m, %norm_v = nn.batch_norm %l3, %norm_g, %norm_b,
      %norm_rm, %norm_rv {training = true}
      : tensor<2x16x4x4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>
  %head_r = nn.relu %head_n : tensor<2x16x4x4xf32>
  %pooled = nn.reduce_mean %head_r [2, 3] : tensor<2x16x4x4xf32>
  %fc = nn.matmul %pooled, %fc_w : tensor<2x16xf32>, tensor<16x10xf32>
  %logits = nn.add %fc, %fc_b : tensor<2x10xf32>, tensor<10xf32>
  %loss = nn.cross_entropy %logits, %labels : tensor<2x10xf32>, tensor<2xi64>
  return %loss,
      %stem_bn_m, %stem_bn_v, %l1_bn1_m, %l1_bn1_v,
      %l1_bn2_m, %l1_bn2_v, %l2_bn1_m, %l2_bn1_v,
      %l2_bn2_m, %l2_bn2_v, %l2_bn3_m, %l2_bn3_v,
      %l2_dsbn_m, %l2_dsbn_v, %l3_bn1_m, %l3_bn1_v,
      %l3_bn2_m, %l3_bn2_v, %norm_m, %norm_v
      : tensor<f32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>
}
