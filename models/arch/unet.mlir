// [unet] Two U-Nets on 3x8x8 images, batch 2, both outputs of @forward:
//  - "segmentation": the plain U-Net. Encoder ConvBlocks at 8x8 (3 -> 4
//    channels) and 4x4 (4 -> 8), 2x2 max pooling between resolutions, a
//    bottleneck ConvBlock at 2x2 (8 -> 16); the decoder upsamples with
//    2x2 stride-2 transposed convolutions and concatenates the encoder's
//    feature map of the same resolution (skip concatenation at 4x4 and 8x8)
//    before each decoder ConvBlock; a 1x1 convolution gives 3 class logits
//    per pixel. A ConvBlock is (3x3 convolution, padding 1 -> group norm ->
//    ReLU) twice; group norm (2 groups) is a reshape to [N, groups, rest],
//    nn.layer_norm with unit weight and zero bias, a reshape back and a
//    per-channel scale and shift (weights stored as [C, 1, 1]).
//  - "eps": the diffusion U-Net, predicting the noise of x_t. The integer
//    timestep t becomes a float (one-hot times [0 .. 9]) and a sinusoidal
//    embedding [sin(t f_i), cos(t f_i)] with f_i = 10000^(-i/4), i < 4
//    (nn.sin, nn.cos), then an MLP (8 -> 16, SiLU, 16 -> 16, SiLU). Every
//    ConvBlock (SiLU activations) is modulated by FiLM: a linear map of the
//    embedding gives per-channel scale and shift, applied after the first
//    group norm as h * (1 + scale) + shift. Encoder block at 8x8 (3 -> 8),
//    max pooling, bottleneck block at 4x4 (8 -> 16) followed by a pre-norm
//    residual cross-attention: queries from the flattened 4x4 feature map
//    (16 tokens of 16 channels, layer norm), keys and values from the
//    conditioning sequence `context` (4 tokens of width 6), single head of
//    width 8, output projection back to 16 channels; transposed-convolution
//    upsampling, skip concatenation with the 8x8 encoder map, decoder block
//    (16 -> 8), 1x1 convolution to 3 channels.
// @loss: the per-pixel cross-entropy of the segmentation logits against
// `labels` plus DDPM's simplified epsilon-prediction loss: x_t =
// sqrt(abar_t) x0 + sqrt(1 - abar_t) noise in closed form (10 steps,
// linear betas 1e-3 .. 0.2; the abar table below comes from
// test/arch/unet/make_golden.py), mean |eps(x_t, t, context) - noise|^2.
// Weights: unet.safetensors (test/arch/unet/make_golden.py).

func.func private @unet(%x: tensor<2x3x8x8xf32>,
    %enc1_conv1_w: tensor<4x3x3x3xf32>,
    %enc1_conv1_b: tensor<4xf32>,
    %enc1_norm1_w: tensor<4x1x1xf32>,
    %enc1_norm1_b: tensor<4x1x1xf32>,
    %enc1_conv2_w: tensor<4x4x3x3xf32>,
    %enc1_conv2_b: tensor<4xf32>,
    %enc1_norm2_w: tensor<4x1x1xf32>,
    %enc1_norm2_b: tensor<4x1x1xf32>,
    %enc2_conv1_w: tensor<8x4x3x3xf32>,
    %enc2_conv1_b: tensor<8xf32>,
    %enc2_norm1_w: tensor<8x1x1xf32>,
    %enc2_norm1_b: tensor<8x1x1xf32>,
    %enc2_conv2_w: tensor<8x8x3x3xf32>,
    %enc2_conv2_b: tensor<8xf32>,
    %enc2_norm2_w: tensor<8x1x1xf32>,
    %enc2_norm2_b: tensor<8x1x1xf32>,
    %mid_conv1_w: tensor<16x8x3x3xf32>,
    %mid_conv1_b: tensor<16xf32>,
    %mid_norm1_w: tensor<16x1x1xf32>,
    %mid_norm1_b: tensor<16x1x1xf32>,
    %mid_conv2_w: tensor<16x16x3x3xf32>,
    %mid_conv2_b: tensor<16xf32>,
    %mid_norm2_w: tensor<16x1x1xf32>,
    %mid_norm2_b: tensor<16x1x1xf32>,
    %up2_w: tensor<16x8x2x2xf32>,
    %up2_b: tensor<8xf32>,
    %dec2_conv1_w: tensor<8x16x3x3xf32>,
    %dec2_conv1_b: tensor<8xf32>,
    %dec2_norm1_w: tensor<8x1x1xf32>,
    %dec2_norm1_b: tensor<8x1x1xf32>,
    %dec2_conv2_w: tensor<8x8x3x3xf32>,
    %dec2_conv2_b: tensor<8xf32>,
    %dec2_norm2_w: tensor<8x1x1xf32>,
    %dec2_norm2_b: tensor<8x1x1xf32>,
    %up1_w: tensor<8x4x2x2xf32>,
    %up1_b: tensor<4xf32>,
    %dec1_conv1_w: tensor<4x8x3x3xf32>,
    %dec1_conv1_b: tensor<4xf32>,
    %dec1_norm1_w: tensor<4x1x1xf32>,
    %dec1_norm1_b: tensor<4x1x1xf32>,
    %dec1_conv2_w: tensor<4x4x3x3xf32>,
    %dec1_conv2_b: tensor<4xf32>,
    %dec1_norm2_w: tensor<4x1x1xf32>,
    %dec1_norm2_b: tensor<4x1x1xf32>,
    %head_w: tensor<3x4x1x1xf32>,
    %head_b: tensor<3xf32>)
    -> tensor<2x3x8x8xf32> {
  %v1 = nn.conv %x, %enc1_conv1_w, %enc1_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>
  %c2 = arith.constant dense<1.0> : tensor<128xf32>
  %c3 = arith.constant dense<0.0> : tensor<128xf32>
  %v4 = nn.reshape %v1 [2, 2, 128] : tensor<2x4x8x8xf32>
  %v5 = nn.layer_norm %v4, %c2, %c3
      : tensor<2x2x128xf32>, tensor<128xf32>, tensor<128xf32>
  %v6 = nn.reshape %v5 [2, 4, 8, 8] : tensor<2x2x128xf32>
  %v7 = nn.mul %v6, %enc1_norm1_w : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v8 = nn.add %v7, %enc1_norm1_b : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v9 = nn.relu %v8 : tensor<2x4x8x8xf32>
  %v10 = nn.conv %v9, %enc1_conv2_w, %enc1_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>
  %v11 = nn.reshape %v10 [2, 2, 128] : tensor<2x4x8x8xf32>
  %v12 = nn.layer_norm %v11, %c2, %c3
      : tensor<2x2x128xf32>, tensor<128xf32>, tensor<128xf32>
  %v13 = nn.reshape %v12 [2, 4, 8, 8] : tensor<2x2x128xf32>
  %v14 = nn.mul %v13, %enc1_norm2_w : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v15 = nn.add %v14, %enc1_norm2_b : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v16 = nn.relu %v15 : tensor<2x4x8x8xf32>
  %v17 = nn.max_pool %v16 {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xf32>
  %v18 = nn.conv %v17, %enc2_conv1_w, %enc2_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x4x4x4xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>
  %c19 = arith.constant dense<1.0> : tensor<64xf32>
  %c20 = arith.constant dense<0.0> : tensor<64xf32>
  %v21 = nn.reshape %v18 [2, 2, 64] : tensor<2x8x4x4xf32>
  %v22 = nn.layer_norm %v21, %c19, %c20
      : tensor<2x2x64xf32>, tensor<64xf32>, tensor<64xf32>
  %v23 = nn.reshape %v22 [2, 8, 4, 4] : tensor<2x2x64xf32>
  %v24 = nn.mul %v23, %enc2_norm1_w : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v25 = nn.add %v24, %enc2_norm1_b : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v26 = nn.relu %v25 : tensor<2x8x4x4xf32>
  %v27 = nn.conv %v26, %enc2_conv2_w, %enc2_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x8x4x4xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>
  %v28 = nn.reshape %v27 [2, 2, 64] : tensor<2x8x4x4xf32>
  %v29 = nn.layer_norm %v28, %c19, %c20
      : tensor<2x2x64xf32>, tensor<64xf32>, tensor<64xf32>
  %v30 = nn.reshape %v29 [2, 8, 4, 4] : tensor<2x2x64xf32>
  %v31 = nn.mul %v30, %enc2_norm2_w : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v32 = nn.add %v31, %enc2_norm2_b : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v33 = nn.relu %v32 : tensor<2x8x4x4xf32>
  %v34 = nn.max_pool %v33 {kernel = array<i64: 2, 2>} : tensor<2x8x4x4xf32>
  %v35 = nn.conv %v34, %mid_conv1_w, %mid_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x8x2x2xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>
  %c36 = arith.constant dense<1.0> : tensor<32xf32>
  %c37 = arith.constant dense<0.0> : tensor<32xf32>
  %v38 = nn.reshape %v35 [2, 2, 32] : tensor<2x16x2x2xf32>
  %v39 = nn.layer_norm %v38, %c36, %c37
      : tensor<2x2x32xf32>, tensor<32xf32>, tensor<32xf32>
  %v40 = nn.reshape %v39 [2, 16, 2, 2] : tensor<2x2x32xf32>
  %v41 = nn.mul %v40, %mid_norm1_w : tensor<2x16x2x2xf32>, tensor<16x1x1xf32>
  %v42 = nn.add %v41, %mid_norm1_b : tensor<2x16x2x2xf32>, tensor<16x1x1xf32>
  %v43 = nn.relu %v42 : tensor<2x16x2x2xf32>
  %v44 = nn.conv %v43, %mid_conv2_w, %mid_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x16x2x2xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>
  %v45 = nn.reshape %v44 [2, 2, 32] : tensor<2x16x2x2xf32>
  %v46 = nn.layer_norm %v45, %c36, %c37
      : tensor<2x2x32xf32>, tensor<32xf32>, tensor<32xf32>
  %v47 = nn.reshape %v46 [2, 16, 2, 2] : tensor<2x2x32xf32>
  %v48 = nn.mul %v47, %mid_norm2_w : tensor<2x16x2x2xf32>, tensor<16x1x1xf32>
  %v49 = nn.add %v48, %mid_norm2_b : tensor<2x16x2x2xf32>, tensor<16x1x1xf32>
  %v50 = nn.relu %v49 : tensor<2x16x2x2xf32>
  %v51 = nn.conv_transpose %v50, %up2_w, %up2_b {stride = array<i64: 2, 2>}
      : tensor<2x16x2x2xf32>, tensor<16x8x2x2xf32>, tensor<8xf32>
  %v52 = nn.concat %v51, %v33 axis 1 : tensor<2x8x4x4xf32>, tensor<2x8x4x4xf32>
  %v53 = nn.conv %v52, %dec2_conv1_w, %dec2_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<8x16x3x3xf32>, tensor<8xf32>
  %v54 = nn.reshape %v53 [2, 2, 64] : tensor<2x8x4x4xf32>
  %v55 = nn.layer_norm %v54, %c19, %c20
      : tensor<2x2x64xf32>, tensor<64xf32>, tensor<64xf32>
  %v56 = nn.reshape %v55 [2, 8, 4, 4] : tensor<2x2x64xf32>
  %v57 = nn.mul %v56, %dec2_norm1_w : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v58 = nn.add %v57, %dec2_norm1_b : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v59 = nn.relu %v58 : tensor<2x8x4x4xf32>
  %v60 = nn.conv %v59, %dec2_conv2_w, %dec2_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x8x4x4xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>
  %v61 = nn.reshape %v60 [2, 2, 64] : tensor<2x8x4x4xf32>
  %v62 = nn.layer_norm %v61, %c19, %c20
      : tensor<2x2x64xf32>, tensor<64xf32>, tensor<64xf32>
  %v63 = nn.reshape %v62 [2, 8, 4, 4] : tensor<2x2x64xf32>
  %v64 = nn.mul %v63, %dec2_norm2_w : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v65 = nn.add %v64, %dec2_norm2_b : tensor<2x8x4x4xf32>, tensor<8x1x1xf32>
  %v66 = nn.relu %v65 : tensor<2x8x4x4xf32>
  %v67 = nn.conv_transpose %v66, %up1_w, %up1_b {stride = array<i64: 2, 2>}
      : tensor<2x8x4x4xf32>, tensor<8x4x2x2xf32>, tensor<4xf32>
  %v68 = nn.concat %v67, %v16 axis 1 : tensor<2x4x8x8xf32>, tensor<2x4x8x8xf32>
  %v69 = nn.conv %v68, %dec1_conv1_w, %dec1_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<4x8x3x3xf32>, tensor<4xf32>
  %v70 = nn.reshape %v69 [2, 2, 128] : tensor<2x4x8x8xf32>
  %v71 = nn.layer_norm %v70, %c2, %c3
      : tensor<2x2x128xf32>, tensor<128xf32>, tensor<128xf32>
  %v72 = nn.reshape %v71 [2, 4, 8, 8] : tensor<2x2x128xf32>
  %v73 = nn.mul %v72, %dec1_norm1_w : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v74 = nn.add %v73, %dec1_norm1_b : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v75 = nn.relu %v74 : tensor<2x4x8x8xf32>
  %v76 = nn.conv %v75, %dec1_conv2_w, %dec1_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>
  %v77 = nn.reshape %v76 [2, 2, 128] : tensor<2x4x8x8xf32>
  %v78 = nn.layer_norm %v77, %c2, %c3
      : tensor<2x2x128xf32>, tensor<128xf32>, tensor<128xf32>
  %v79 = nn.reshape %v78 [2, 4, 8, 8] : tensor<2x2x128xf32>
  %v80 = nn.mul %v79, %dec1_norm2_w : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v81 = nn.add %v80, %dec1_norm2_b : tensor<2x4x8x8xf32>, tensor<4x1x1xf32>
  %v82 = nn.relu %v81 : tensor<2x4x8x8xf32>
  %v83 = nn.conv %v82, %head_w, %head_b
      : tensor<2x4x8x8xf32>, tensor<3x4x1x1xf32>, tensor<3xf32>
  return %v83 : tensor<2x3x8x8xf32>
}

func.func private @diffusion_unet(%x: tensor<2x3x8x8xf32>,
    %t: tensor<2xi64>,
    %context: tensor<2x4x6xf32>,
    %time_fc1_w: tensor<8x16xf32>,
    %time_fc1_b: tensor<16xf32>,
    %time_fc2_w: tensor<16x16xf32>,
    %time_fc2_b: tensor<16xf32>,
    %enc1_conv1_w: tensor<8x3x3x3xf32>,
    %enc1_conv1_b: tensor<8xf32>,
    %enc1_norm1_w: tensor<8x1x1xf32>,
    %enc1_norm1_b: tensor<8x1x1xf32>,
    %enc1_film_w: tensor<16x16xf32>,
    %enc1_film_b: tensor<16xf32>,
    %enc1_conv2_w: tensor<8x8x3x3xf32>,
    %enc1_conv2_b: tensor<8xf32>,
    %enc1_norm2_w: tensor<8x1x1xf32>,
    %enc1_norm2_b: tensor<8x1x1xf32>,
    %mid_conv1_w: tensor<16x8x3x3xf32>,
    %mid_conv1_b: tensor<16xf32>,
    %mid_norm1_w: tensor<16x1x1xf32>,
    %mid_norm1_b: tensor<16x1x1xf32>,
    %mid_film_w: tensor<16x32xf32>,
    %mid_film_b: tensor<32xf32>,
    %mid_conv2_w: tensor<16x16x3x3xf32>,
    %mid_conv2_b: tensor<16xf32>,
    %mid_norm2_w: tensor<16x1x1xf32>,
    %mid_norm2_b: tensor<16x1x1xf32>,
    %attn_norm_w: tensor<16xf32>,
    %attn_norm_b: tensor<16xf32>,
    %attn_q_w: tensor<16x8xf32>,
    %attn_k_w: tensor<6x8xf32>,
    %attn_v_w: tensor<6x8xf32>,
    %attn_out_w: tensor<8x16xf32>,
    %attn_out_b: tensor<16xf32>,
    %up_w: tensor<16x8x2x2xf32>,
    %up_b: tensor<8xf32>,
    %dec1_conv1_w: tensor<8x16x3x3xf32>,
    %dec1_conv1_b: tensor<8xf32>,
    %dec1_norm1_w: tensor<8x1x1xf32>,
    %dec1_norm1_b: tensor<8x1x1xf32>,
    %dec1_film_w: tensor<16x16xf32>,
    %dec1_film_b: tensor<16xf32>,
    %dec1_conv2_w: tensor<8x8x3x3xf32>,
    %dec1_conv2_b: tensor<8xf32>,
    %dec1_norm2_w: tensor<8x1x1xf32>,
    %dec1_norm2_b: tensor<8x1x1xf32>,
    %out_w: tensor<3x8x1x1xf32>,
    %out_b: tensor<3xf32>)
    -> tensor<2x3x8x8xf32> {
  %v1 = nn.one_hot %t : tensor<2xi64> -> tensor<2x10xf32>
  %c2 = arith.constant dense<
      [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0],
      [9.0]]> : tensor<10x1xf32>
  %v3 = nn.matmul %v1, %c2 : tensor<2x10xf32>, tensor<10x1xf32>
  %c4 = arith.constant dense<[1.000000000e+00, 1.000000000e-01, 1.000000000e-02, 1.000000000e-03]> : tensor<4xf32>
  %v5 = nn.mul %v3, %c4 : tensor<2x1xf32>, tensor<4xf32>
  %v6 = nn.sin %v5 : tensor<2x4xf32>
  %v7 = nn.cos %v5 : tensor<2x4xf32>
  %v8 = nn.concat %v6, %v7 axis 1 : tensor<2x4xf32>, tensor<2x4xf32>
  %v9 = nn.matmul %v8, %time_fc1_w : tensor<2x8xf32>, tensor<8x16xf32>
  %v10 = nn.add %v9, %time_fc1_b : tensor<2x16xf32>, tensor<16xf32>
  %v11 = nn.silu %v10 : tensor<2x16xf32>
  %v12 = nn.matmul %v11, %time_fc2_w : tensor<2x16xf32>, tensor<16x16xf32>
  %v13 = nn.add %v12, %time_fc2_b : tensor<2x16xf32>, tensor<16xf32>
  %v14 = nn.silu %v13 : tensor<2x16xf32>
  %c15 = arith.constant dense<1.0> : tensor<f32>
  %v16 = nn.conv %x, %enc1_conv1_w, %enc1_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>
  %c17 = arith.constant dense<1.0> : tensor<256xf32>
  %c18 = arith.constant dense<0.0> : tensor<256xf32>
  %v19 = nn.reshape %v16 [2, 2, 256] : tensor<2x8x8x8xf32>
  %v20 = nn.layer_norm %v19, %c17, %c18
      : tensor<2x2x256xf32>, tensor<256xf32>, tensor<256xf32>
  %v21 = nn.reshape %v20 [2, 8, 8, 8] : tensor<2x2x256xf32>
  %v22 = nn.mul %v21, %enc1_norm1_w : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v23 = nn.add %v22, %enc1_norm1_b : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v24 = nn.matmul %v14, %enc1_film_w : tensor<2x16xf32>, tensor<16x16xf32>
  %v25 = nn.add %v24, %enc1_film_b : tensor<2x16xf32>, tensor<16xf32>
  %v26 = nn.reshape %v25 [2, 16, 1, 1] : tensor<2x16xf32>
  %v27 = nn.slice %v26 [0, 0, 0, 0] to [2, 8, 1, 1] : tensor<2x16x1x1xf32>
  %v28 = nn.slice %v26 [0, 8, 0, 0] to [2, 16, 1, 1] : tensor<2x16x1x1xf32>
  %v29 = nn.add %v27, %c15 : tensor<2x8x1x1xf32>, tensor<f32>
  %v30 = nn.mul %v23, %v29 : tensor<2x8x8x8xf32>, tensor<2x8x1x1xf32>
  %v31 = nn.add %v30, %v28 : tensor<2x8x8x8xf32>, tensor<2x8x1x1xf32>
  %v32 = nn.silu %v31 : tensor<2x8x8x8xf32>
  %v33 = nn.conv %v32, %enc1_conv2_w, %enc1_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>
  %v34 = nn.reshape %v33 [2, 2, 256] : tensor<2x8x8x8xf32>
  %v35 = nn.layer_norm %v34, %c17, %c18
      : tensor<2x2x256xf32>, tensor<256xf32>, tensor<256xf32>
  %v36 = nn.reshape %v35 [2, 8, 8, 8] : tensor<2x2x256xf32>
  %v37 = nn.mul %v36, %enc1_norm2_w : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v38 = nn.add %v37, %enc1_norm2_b : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v39 = nn.silu %v38 : tensor<2x8x8x8xf32>
  %v40 = nn.max_pool %v39 {kernel = array<i64: 2, 2>} : tensor<2x8x8x8xf32>
  %v41 = nn.conv %v40, %mid_conv1_w, %mid_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x8x4x4xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>
  %c42 = arith.constant dense<1.0> : tensor<128xf32>
  %c43 = arith.constant dense<0.0> : tensor<128xf32>
  %v44 = nn.reshape %v41 [2, 2, 128] : tensor<2x16x4x4xf32>
  %v45 = nn.layer_norm %v44, %c42, %c43
      : tensor<2x2x128xf32>, tensor<128xf32>, tensor<128xf32>
  %v46 = nn.reshape %v45 [2, 16, 4, 4] : tensor<2x2x128xf32>
  %v47 = nn.mul %v46, %mid_norm1_w : tensor<2x16x4x4xf32>, tensor<16x1x1xf32>
  %v48 = nn.add %v47, %mid_norm1_b : tensor<2x16x4x4xf32>, tensor<16x1x1xf32>
  %v49 = nn.matmul %v14, %mid_film_w : tensor<2x16xf32>, tensor<16x32xf32>
  %v50 = nn.add %v49, %mid_film_b : tensor<2x32xf32>, tensor<32xf32>
  %v51 = nn.reshape %v50 [2, 32, 1, 1] : tensor<2x32xf32>
  %v52 = nn.slice %v51 [0, 0, 0, 0] to [2, 16, 1, 1] : tensor<2x32x1x1xf32>
  %v53 = nn.slice %v51 [0, 16, 0, 0] to [2, 32, 1, 1] : tensor<2x32x1x1xf32>
  %v54 = nn.add %v52, %c15 : tensor<2x16x1x1xf32>, tensor<f32>
  %v55 = nn.mul %v48, %v54 : tensor<2x16x4x4xf32>, tensor<2x16x1x1xf32>
  %v56 = nn.add %v55, %v53 : tensor<2x16x4x4xf32>, tensor<2x16x1x1xf32>
  %v57 = nn.silu %v56 : tensor<2x16x4x4xf32>
  %v58 = nn.conv %v57, %mid_conv2_w, %mid_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x16x4x4xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>
  %v59 = nn.reshape %v58 [2, 2, 128] : tensor<2x16x4x4xf32>
  %v60 = nn.layer_norm %v59, %c42, %c43
      : tensor<2x2x128xf32>, tensor<128xf32>, tensor<128xf32>
  %v61 = nn.reshape %v60 [2, 16, 4, 4] : tensor<2x2x128xf32>
  %v62 = nn.mul %v61, %mid_norm2_w : tensor<2x16x4x4xf32>, tensor<16x1x1xf32>
  %v63 = nn.add %v62, %mid_norm2_b : tensor<2x16x4x4xf32>, tensor<16x1x1xf32>
  %v64 = nn.silu %v63 : tensor<2x16x4x4xf32>
  %v65 = nn.reshape %v64 [2, 16, 16] : tensor<2x16x4x4xf32>
  %v66 = nn.transpose %v65 [0, 2, 1] : tensor<2x16x16xf32>
  %v67 = nn.layer_norm %v66, %attn_norm_w, %attn_norm_b
      : tensor<2x16x16xf32>, tensor<16xf32>, tensor<16xf32>
  %v68 = nn.matmul %v67, %attn_q_w : tensor<2x16x16xf32>, tensor<16x8xf32>
  %v69 = nn.matmul %context, %attn_k_w : tensor<2x4x6xf32>, tensor<6x8xf32>
  %v70 = nn.matmul %context, %attn_v_w : tensor<2x4x6xf32>, tensor<6x8xf32>
  %v71 = nn.transpose %v69 [0, 2, 1] : tensor<2x4x8xf32>
  %v72 = nn.matmul %v68, %v71 : tensor<2x16x8xf32>, tensor<2x8x4xf32>
  %c73 = arith.constant dense<3.535533906e-01> : tensor<f32>
  %v74 = nn.mul %v72, %c73 : tensor<2x16x4xf32>, tensor<f32>
  %v75 = nn.softmax %v74 axis -1 : tensor<2x16x4xf32>
  %v76 = nn.matmul %v75, %v70 : tensor<2x16x4xf32>, tensor<2x4x8xf32>
  %v77 = nn.matmul %v76, %attn_out_w : tensor<2x16x8xf32>, tensor<8x16xf32>
  %v78 = nn.add %v77, %attn_out_b : tensor<2x16x16xf32>, tensor<16xf32>
  %v79 = nn.transpose %v78 [0, 2, 1] : tensor<2x16x16xf32>
  %v80 = nn.reshape %v79 [2, 16, 4, 4] : tensor<2x16x16xf32>
  %v81 = nn.add %v64, %v80 : tensor<2x16x4x4xf32>, tensor<2x16x4x4xf32>
  %v82 = nn.conv_transpose %v81, %up_w, %up_b {stride = array<i64: 2, 2>}
      : tensor<2x16x4x4xf32>, tensor<16x8x2x2xf32>, tensor<8xf32>
  %v83 = nn.concat %v82, %v39 axis 1 : tensor<2x8x8x8xf32>, tensor<2x8x8x8xf32>
  %v84 = nn.conv %v83, %dec1_conv1_w, %dec1_conv1_b {padding = array<i64: 1, 1>}
      : tensor<2x16x8x8xf32>, tensor<8x16x3x3xf32>, tensor<8xf32>
  %v85 = nn.reshape %v84 [2, 2, 256] : tensor<2x8x8x8xf32>
  %v86 = nn.layer_norm %v85, %c17, %c18
      : tensor<2x2x256xf32>, tensor<256xf32>, tensor<256xf32>
  %v87 = nn.reshape %v86 [2, 8, 8, 8] : tensor<2x2x256xf32>
  %v88 = nn.mul %v87, %dec1_norm1_w : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v89 = nn.add %v88, %dec1_norm1_b : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v90 = nn.matmul %v14, %dec1_film_w : tensor<2x16xf32>, tensor<16x16xf32>
  %v91 = nn.add %v90, %dec1_film_b : tensor<2x16xf32>, tensor<16xf32>
  %v92 = nn.reshape %v91 [2, 16, 1, 1] : tensor<2x16xf32>
  %v93 = nn.slice %v92 [0, 0, 0, 0] to [2, 8, 1, 1] : tensor<2x16x1x1xf32>
  %v94 = nn.slice %v92 [0, 8, 0, 0] to [2, 16, 1, 1] : tensor<2x16x1x1xf32>
  %v95 = nn.add %v93, %c15 : tensor<2x8x1x1xf32>, tensor<f32>
  %v96 = nn.mul %v89, %v95 : tensor<2x8x8x8xf32>, tensor<2x8x1x1xf32>
  %v97 = nn.add %v96, %v94 : tensor<2x8x8x8xf32>, tensor<2x8x1x1xf32>
  %v98 = nn.silu %v97 : tensor<2x8x8x8xf32>
  %v99 = nn.conv %v98, %dec1_conv2_w, %dec1_conv2_b {padding = array<i64: 1, 1>}
      : tensor<2x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>
  %v100 = nn.reshape %v99 [2, 2, 256] : tensor<2x8x8x8xf32>
  %v101 = nn.layer_norm %v100, %c17, %c18
      : tensor<2x2x256xf32>, tensor<256xf32>, tensor<256xf32>
  %v102 = nn.reshape %v101 [2, 8, 8, 8] : tensor<2x2x256xf32>
  %v103 = nn.mul %v102, %dec1_norm2_w : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v104 = nn.add %v103, %dec1_norm2_b : tensor<2x8x8x8xf32>, tensor<8x1x1xf32>
  %v105 = nn.silu %v104 : tensor<2x8x8x8xf32>
  %v106 = nn.conv %v105, %out_w, %out_b
      : tensor<2x8x8x8xf32>, tensor<3x8x1x1xf32>, tensor<3xf32>
  return %v106 : tensor<2x3x8x8xf32>
}
func.func @forward(%x: tensor<2x3x8x8xf32> {nn.input = "x"},
    %x_t: tensor<2x3x8x8xf32> {nn.input = "x_t"},
    %t: tensor<2xi64> {nn.input = "t"},
    %context: tensor<2x4x6xf32> {nn.input = "context"},
    %unet_enc1_conv1_w: tensor<4x3x3x3xf32> {nn.param = "unet.enc1.conv1.weight"},
    %unet_enc1_conv1_b: tensor<4xf32> {nn.param = "unet.enc1.conv1.bias"},
    %unet_enc1_norm1_w: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm1.weight"},
    %unet_enc1_norm1_b: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm1.bias"},
    %unet_enc1_conv2_w: tensor<4x4x3x3xf32> {nn.param = "unet.enc1.conv2.weight"},
    %unet_enc1_conv2_b: tensor<4xf32> {nn.param = "unet.enc1.conv2.bias"},
    %unet_enc1_norm2_w: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm2.weight"},
    %unet_enc1_norm2_b: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm2.bias"},
    %unet_enc2_conv1_w: tensor<8x4x3x3xf32> {nn.param = "unet.enc2.conv1.weight"},
    %unet_enc2_conv1_b: tensor<8xf32> {nn.param = "unet.enc2.conv1.bias"},
    %unet_enc2_norm1_w: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm1.weight"},
    %unet_enc2_norm1_b: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm1.bias"},
    %unet_enc2_conv2_w: tensor<8x8x3x3xf32> {nn.param = "unet.enc2.conv2.weight"},
    %unet_enc2_conv2_b: tensor<8xf32> {nn.param = "unet.enc2.conv2.bias"},
    %unet_enc2_norm2_w: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm2.weight"},
    %unet_enc2_norm2_b: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm2.bias"},
    %unet_mid_conv1_w: tensor<16x8x3x3xf32> {nn.param = "unet.mid.conv1.weight"},
    %unet_mid_conv1_b: tensor<16xf32> {nn.param = "unet.mid.conv1.bias"},
    %unet_mid_norm1_w: tensor<16x1x1xf32> {nn.param = "unet.mid.norm1.weight"},
    %unet_mid_norm1_b: tensor<16x1x1xf32> {nn.param = "unet.mid.norm1.bias"},
    %unet_mid_conv2_w: tensor<16x16x3x3xf32> {nn.param = "unet.mid.conv2.weight"},
    %unet_mid_conv2_b: tensor<16xf32> {nn.param = "unet.mid.conv2.bias"},
    %unet_mid_norm2_w: tensor<16x1x1xf32> {nn.param = "unet.mid.norm2.weight"},
    %unet_mid_norm2_b: tensor<16x1x1xf32> {nn.param = "unet.mid.norm2.bias"},
    %unet_up2_w: tensor<16x8x2x2xf32> {nn.param = "unet.up2.weight"},
    %unet_up2_b: tensor<8xf32> {nn.param = "unet.up2.bias"},
    %unet_dec2_conv1_w: tensor<8x16x3x3xf32> {nn.param = "unet.dec2.conv1.weight"},
    %unet_dec2_conv1_b: tensor<8xf32> {nn.param = "unet.dec2.conv1.bias"},
    %unet_dec2_norm1_w: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm1.weight"},
    %unet_dec2_norm1_b: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm1.bias"},
    %unet_dec2_conv2_w: tensor<8x8x3x3xf32> {nn.param = "unet.dec2.conv2.weight"},
    %unet_dec2_conv2_b: tensor<8xf32> {nn.param = "unet.dec2.conv2.bias"},
    %unet_dec2_norm2_w: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm2.weight"},
    %unet_dec2_norm2_b: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm2.bias"},
    %unet_up1_w: tensor<8x4x2x2xf32> {nn.param = "unet.up1.weight"},
    %unet_up1_b: tensor<4xf32> {nn.param = "unet.up1.bias"},
    %unet_dec1_conv1_w: tensor<4x8x3x3xf32> {nn.param = "unet.dec1.conv1.weight"},
    %unet_dec1_conv1_b: tensor<4xf32> {nn.param = "unet.dec1.conv1.bias"},
    %unet_dec1_norm1_w: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm1.weight"},
    %unet_dec1_norm1_b: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm1.bias"},
    %unet_dec1_conv2_w: tensor<4x4x3x3xf32> {nn.param = "unet.dec1.conv2.weight"},
    %unet_dec1_conv2_b: tensor<4xf32> {nn.param = "unet.dec1.conv2.bias"},
    %unet_dec1_norm2_w: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm2.weight"},
    %unet_dec1_norm2_b: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm2.bias"},
    %unet_head_w: tensor<3x4x1x1xf32> {nn.param = "unet.head.weight"},
    %unet_head_b: tensor<3xf32> {nn.param = "unet.head.bias"},
    %diff_time_fc1_w: tensor<8x16xf32> {nn.param = "diffusion.time.fc1.weight"},
    %diff_time_fc1_b: tensor<16xf32> {nn.param = "diffusion.time.fc1.bias"},
    %diff_time_fc2_w: tensor<16x16xf32> {nn.param = "diffusion.time.fc2.weight"},
    %diff_time_fc2_b: tensor<16xf32> {nn.param = "diffusion.time.fc2.bias"},
    %diff_enc1_conv1_w: tensor<8x3x3x3xf32> {nn.param = "diffusion.enc1.conv1.weight"},
    %diff_enc1_conv1_b: tensor<8xf32> {nn.param = "diffusion.enc1.conv1.bias"},
    %diff_enc1_norm1_w: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm1.weight"},
    %diff_enc1_norm1_b: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm1.bias"},
    %diff_enc1_film_w: tensor<16x16xf32> {nn.param = "diffusion.enc1.film.weight"},
    %diff_enc1_film_b: tensor<16xf32> {nn.param = "diffusion.enc1.film.bias"},
    %diff_enc1_conv2_w: tensor<8x8x3x3xf32> {nn.param = "diffusion.enc1.conv2.weight"},
    %diff_enc1_conv2_b: tensor<8xf32> {nn.param = "diffusion.enc1.conv2.bias"},
    %diff_enc1_norm2_w: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm2.weight"},
    %diff_enc1_norm2_b: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm2.bias"},
    %diff_mid_conv1_w: tensor<16x8x3x3xf32> {nn.param = "diffusion.mid.conv1.weight"},
    %diff_mid_conv1_b: tensor<16xf32> {nn.param = "diffusion.mid.conv1.bias"},
    %diff_mid_norm1_w: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm1.weight"},
    %diff_mid_norm1_b: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm1.bias"},
    %diff_mid_film_w: tensor<16x32xf32> {nn.param = "diffusion.mid.film.weight"},
    %diff_mid_film_b: tensor<32xf32> {nn.param = "diffusion.mid.film.bias"},
    %diff_mid_conv2_w: tensor<16x16x3x3xf32> {nn.param = "diffusion.mid.conv2.weight"},
    %diff_mid_conv2_b: tensor<16xf32> {nn.param = "diffusion.mid.conv2.bias"},
    %diff_mid_norm2_w: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm2.weight"},
    %diff_mid_norm2_b: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm2.bias"},
    %diff_attn_norm_w: tensor<16xf32> {nn.param = "diffusion.attn.norm.weight"},
    %diff_attn_norm_b: tensor<16xf32> {nn.param = "diffusion.attn.norm.bias"},
    %diff_attn_q_w: tensor<16x8xf32> {nn.param = "diffusion.attn.q.weight"},
    %diff_attn_k_w: tensor<6x8xf32> {nn.param = "diffusion.attn.k.weight"},
    %diff_attn_v_w: tensor<6x8xf32> {nn.param = "diffusion.attn.v.weight"},
    %diff_attn_out_w: tensor<8x16xf32> {nn.param = "diffusion.attn.out.weight"},
    %diff_attn_out_b: tensor<16xf32> {nn.param = "diffusion.attn.out.bias"},
    %diff_up_w: tensor<16x8x2x2xf32> {nn.param = "diffusion.up.weight"},
    %diff_up_b: tensor<8xf32> {nn.param = "diffusion.up.bias"},
    %diff_dec1_conv1_w: tensor<8x16x3x3xf32> {nn.param = "diffusion.dec1.conv1.weight"},
    %diff_dec1_conv1_b: tensor<8xf32> {nn.param = "diffusion.dec1.conv1.bias"},
    %diff_dec1_norm1_w: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm1.weight"},
    %diff_dec1_norm1_b: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm1.bias"},
    %diff_dec1_film_w: tensor<16x16xf32> {nn.param = "diffusion.dec1.film.weight"},
    %diff_dec1_film_b: tensor<16xf32> {nn.param = "diffusion.dec1.film.bias"},
    %diff_dec1_conv2_w: tensor<8x8x3x3xf32> {nn.param = "diffusion.dec1.conv2.weight"},
    %diff_dec1_conv2_b: tensor<8xf32> {nn.param = "diffusion.dec1.conv2.bias"},
    %diff_dec1_norm2_w: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm2.weight"},
    %diff_dec1_norm2_b: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm2.bias"},
    %diff_out_w: tensor<3x8x1x1xf32> {nn.param = "diffusion.out.weight"},
    %diff_out_b: tensor<3xf32> {nn.param = "diffusion.out.bias"})
    -> (tensor<2x3x8x8xf32> {nn.output = "segmentation"}, tensor<2x3x8x8xf32> {nn.output = "eps"}) {
  %segmentation = func.call @unet(%x, %unet_enc1_conv1_w, %unet_enc1_conv1_b,
      %unet_enc1_norm1_w, %unet_enc1_norm1_b, %unet_enc1_conv2_w,
      %unet_enc1_conv2_b, %unet_enc1_norm2_w, %unet_enc1_norm2_b,
      %unet_enc2_conv1_w, %unet_enc2_conv1_b, %unet_enc2_norm1_w,
      %unet_enc2_norm1_b, %unet_enc2_conv2_w, %unet_enc2_conv2_b,
      %unet_enc2_norm2_w, %unet_enc2_norm2_b, %unet_mid_conv1_w,
      %unet_mid_conv1_b, %unet_mid_norm1_w, %unet_mid_norm1_b,
      %unet_mid_conv2_w, %unet_mid_conv2_b, %unet_mid_norm2_w,
      %unet_mid_norm2_b, %unet_up2_w, %unet_up2_b, %unet_dec2_conv1_w,
      %unet_dec2_conv1_b, %unet_dec2_norm1_w, %unet_dec2_norm1_b,
      %unet_dec2_conv2_w, %unet_dec2_conv2_b, %unet_dec2_norm2_w,
      %unet_dec2_norm2_b, %unet_up1_w, %unet_up1_b, %unet_dec1_conv1_w,
      %unet_dec1_conv1_b, %unet_dec1_norm1_w, %unet_dec1_norm1_b,
      %unet_dec1_conv2_w, %unet_dec1_conv2_b, %unet_dec1_norm2_w,
      %unet_dec1_norm2_b, %unet_head_w, %unet_head_b)
      : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>,
          tensor<4x1x1xf32>, tensor<4x1x1xf32>, tensor<4x4x3x3xf32>,
          tensor<4xf32>, tensor<4x1x1xf32>, tensor<4x1x1xf32>,
          tensor<8x4x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<16x8x3x3xf32>,
          tensor<16xf32>, tensor<16x1x1xf32>, tensor<16x1x1xf32>,
          tensor<16x16x3x3xf32>, tensor<16xf32>, tensor<16x1x1xf32>,
          tensor<16x1x1xf32>, tensor<16x8x2x2xf32>, tensor<8xf32>,
          tensor<8x16x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<8x4x2x2xf32>,
          tensor<4xf32>, tensor<4x8x3x3xf32>, tensor<4xf32>, tensor<4x1x1xf32>,
          tensor<4x1x1xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>,
          tensor<4x1x1xf32>, tensor<4x1x1xf32>, tensor<3x4x1x1xf32>,
          tensor<3xf32>)
      -> tensor<2x3x8x8xf32>
  %eps = func.call @diffusion_unet(%x_t, %t, %context, %diff_time_fc1_w,
      %diff_time_fc1_b, %diff_time_fc2_w, %diff_time_fc2_b, %diff_enc1_conv1_w,
      %diff_enc1_conv1_b, %diff_enc1_norm1_w, %diff_enc1_norm1_b,
      %diff_enc1_film_w, %diff_enc1_film_b, %diff_enc1_conv2_w,
      %diff_enc1_conv2_b, %diff_enc1_norm2_w, %diff_enc1_norm2_b,
      %diff_mid_conv1_w, %diff_mid_conv1_b, %diff_mid_norm1_w,
      %diff_mid_norm1_b, %diff_mid_film_w, %diff_mid_film_b, %diff_mid_conv2_w,
      %diff_mid_conv2_b, %diff_mid_norm2_w, %diff_mid_norm2_b,
      %diff_attn_norm_w, %diff_attn_norm_b, %diff_attn_q_w, %diff_attn_k_w,
      %diff_attn_v_w, %diff_attn_out_w, %diff_attn_out_b, %diff_up_w,
      %diff_up_b, %diff_dec1_conv1_w, %diff_dec1_conv1_b, %diff_dec1_norm1_w,
      %diff_dec1_norm1_b, %diff_dec1_film_w, %diff_dec1_film_b,
      %diff_dec1_conv2_w, %diff_dec1_conv2_b, %diff_dec1_norm2_w,
      %diff_dec1_norm2_b, %diff_out_w, %diff_out_b)
      : (tensor<2x3x8x8xf32>, tensor<2xi64>, tensor<2x4x6xf32>,
          tensor<8x16xf32>, tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>,
          tensor<8x3x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<16x16xf32>, tensor<16xf32>,
          tensor<8x8x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>,
          tensor<16x1x1xf32>, tensor<16x1x1xf32>, tensor<16x32xf32>,
          tensor<32xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>,
          tensor<16x1x1xf32>, tensor<16x1x1xf32>, tensor<16xf32>,
          tensor<16xf32>, tensor<16x8xf32>, tensor<6x8xf32>, tensor<6x8xf32>,
          tensor<8x16xf32>, tensor<16xf32>, tensor<16x8x2x2xf32>,
          tensor<8xf32>, tensor<8x16x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<16x16xf32>,
          tensor<16xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<3x8x1x1xf32>,
          tensor<3xf32>)
      -> tensor<2x3x8x8xf32>
  return %segmentation, %eps : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
}

func.func @loss(%x: tensor<2x3x8x8xf32> {nn.input = "x"},
    %labels: tensor<2x8x8xi64> {nn.input = "labels"},
    %x0: tensor<2x3x8x8xf32> {nn.input = "x0"},
    %t: tensor<2xi64> {nn.input = "t"},
    %noise: tensor<2x3x8x8xf32> {nn.input = "noise"},
    %context: tensor<2x4x6xf32> {nn.input = "context"},
    %unet_enc1_conv1_w: tensor<4x3x3x3xf32> {nn.param = "unet.enc1.conv1.weight"},
    %unet_enc1_conv1_b: tensor<4xf32> {nn.param = "unet.enc1.conv1.bias"},
    %unet_enc1_norm1_w: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm1.weight"},
    %unet_enc1_norm1_b: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm1.bias"},
    %unet_enc1_conv2_w: tensor<4x4x3x3xf32> {nn.param = "unet.enc1.conv2.weight"},
    %unet_enc1_conv2_b: tensor<4xf32> {nn.param = "unet.enc1.conv2.bias"},
    %unet_enc1_norm2_w: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm2.weight"},
    %unet_enc1_norm2_b: tensor<4x1x1xf32> {nn.param = "unet.enc1.norm2.bias"},
    %unet_enc2_conv1_w: tensor<8x4x3x3xf32> {nn.param = "unet.enc2.conv1.weight"},
    %unet_enc2_conv1_b: tensor<8xf32> {nn.param = "unet.enc2.conv1.bias"},
    %unet_enc2_norm1_w: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm1.weight"},
    %unet_enc2_norm1_b: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm1.bias"},
    %unet_enc2_conv2_w: tensor<8x8x3x3xf32> {nn.param = "unet.enc2.conv2.weight"},
    %unet_enc2_conv2_b: tensor<8xf32> {nn.param = "unet.enc2.conv2.bias"},
    %unet_enc2_norm2_w: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm2.weight"},
    %unet_enc2_norm2_b: tensor<8x1x1xf32> {nn.param = "unet.enc2.norm2.bias"},
    %unet_mid_conv1_w: tensor<16x8x3x3xf32> {nn.param = "unet.mid.conv1.weight"},
    %unet_mid_conv1_b: tensor<16xf32> {nn.param = "unet.mid.conv1.bias"},
    %unet_mid_norm1_w: tensor<16x1x1xf32> {nn.param = "unet.mid.norm1.weight"},
    %unet_mid_norm1_b: tensor<16x1x1xf32> {nn.param = "unet.mid.norm1.bias"},
    %unet_mid_conv2_w: tensor<16x16x3x3xf32> {nn.param = "unet.mid.conv2.weight"},
    %unet_mid_conv2_b: tensor<16xf32> {nn.param = "unet.mid.conv2.bias"},
    %unet_mid_norm2_w: tensor<16x1x1xf32> {nn.param = "unet.mid.norm2.weight"},
    %unet_mid_norm2_b: tensor<16x1x1xf32> {nn.param = "unet.mid.norm2.bias"},
    %unet_up2_w: tensor<16x8x2x2xf32> {nn.param = "unet.up2.weight"},
    %unet_up2_b: tensor<8xf32> {nn.param = "unet.up2.bias"},
    %unet_dec2_conv1_w: tensor<8x16x3x3xf32> {nn.param = "unet.dec2.conv1.weight"},
    %unet_dec2_conv1_b: tensor<8xf32> {nn.param = "unet.dec2.conv1.bias"},
    %unet_dec2_norm1_w: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm1.weight"},
    %unet_dec2_norm1_b: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm1.bias"},
    %unet_dec2_conv2_w: tensor<8x8x3x3xf32> {nn.param = "unet.dec2.conv2.weight"},
    %unet_dec2_conv2_b: tensor<8xf32> {nn.param = "unet.dec2.conv2.bias"},
    %unet_dec2_norm2_w: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm2.weight"},
    %unet_dec2_norm2_b: tensor<8x1x1xf32> {nn.param = "unet.dec2.norm2.bias"},
    %unet_up1_w: tensor<8x4x2x2xf32> {nn.param = "unet.up1.weight"},
    %unet_up1_b: tensor<4xf32> {nn.param = "unet.up1.bias"},
    %unet_dec1_conv1_w: tensor<4x8x3x3xf32> {nn.param = "unet.dec1.conv1.weight"},
    %unet_dec1_conv1_b: tensor<4xf32> {nn.param = "unet.dec1.conv1.bias"},
    %unet_dec1_norm1_w: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm1.weight"},
    %unet_dec1_norm1_b: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm1.bias"},
    %unet_dec1_conv2_w: tensor<4x4x3x3xf32> {nn.param = "unet.dec1.conv2.weight"},
    %unet_dec1_conv2_b: tensor<4xf32> {nn.param = "unet.dec1.conv2.bias"},
    %unet_dec1_norm2_w: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm2.weight"},
    %unet_dec1_norm2_b: tensor<4x1x1xf32> {nn.param = "unet.dec1.norm2.bias"},
    %unet_head_w: tensor<3x4x1x1xf32> {nn.param = "unet.head.weight"},
    %unet_head_b: tensor<3xf32> {nn.param = "unet.head.bias"},
    %diff_time_fc1_w: tensor<8x16xf32> {nn.param = "diffusion.time.fc1.weight"},
    %diff_time_fc1_b: tensor<16xf32> {nn.param = "diffusion.time.fc1.bias"},
    %diff_time_fc2_w: tensor<16x16xf32> {nn.param = "diffusion.time.fc2.weight"},
    %diff_time_fc2_b: tensor<16xf32> {nn.param = "diffusion.time.fc2.bias"},
    %diff_enc1_conv1_w: tensor<8x3x3x3xf32> {nn.param = "diffusion.enc1.conv1.weight"},
    %diff_enc1_conv1_b: tensor<8xf32> {nn.param = "diffusion.enc1.conv1.bias"},
    %diff_enc1_norm1_w: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm1.weight"},
    %diff_enc1_norm1_b: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm1.bias"},
    %diff_enc1_film_w: tensor<16x16xf32> {nn.param = "diffusion.enc1.film.weight"},
    %diff_enc1_film_b: tensor<16xf32> {nn.param = "diffusion.enc1.film.bias"},
    %diff_enc1_conv2_w: tensor<8x8x3x3xf32> {nn.param = "diffusion.enc1.conv2.weight"},
    %diff_enc1_conv2_b: tensor<8xf32> {nn.param = "diffusion.enc1.conv2.bias"},
    %diff_enc1_norm2_w: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm2.weight"},
    %diff_enc1_norm2_b: tensor<8x1x1xf32> {nn.param = "diffusion.enc1.norm2.bias"},
    %diff_mid_conv1_w: tensor<16x8x3x3xf32> {nn.param = "diffusion.mid.conv1.weight"},
    %diff_mid_conv1_b: tensor<16xf32> {nn.param = "diffusion.mid.conv1.bias"},
    %diff_mid_norm1_w: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm1.weight"},
    %diff_mid_norm1_b: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm1.bias"},
    %diff_mid_film_w: tensor<16x32xf32> {nn.param = "diffusion.mid.film.weight"},
    %diff_mid_film_b: tensor<32xf32> {nn.param = "diffusion.mid.film.bias"},
    %diff_mid_conv2_w: tensor<16x16x3x3xf32> {nn.param = "diffusion.mid.conv2.weight"},
    %diff_mid_conv2_b: tensor<16xf32> {nn.param = "diffusion.mid.conv2.bias"},
    %diff_mid_norm2_w: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm2.weight"},
    %diff_mid_norm2_b: tensor<16x1x1xf32> {nn.param = "diffusion.mid.norm2.bias"},
    %diff_attn_norm_w: tensor<16xf32> {nn.param = "diffusion.attn.norm.weight"},
    %diff_attn_norm_b: tensor<16xf32> {nn.param = "diffusion.attn.norm.bias"},
    %diff_attn_q_w: tensor<16x8xf32> {nn.param = "diffusion.attn.q.weight"},
    %diff_attn_k_w: tensor<6x8xf32> {nn.param = "diffusion.attn.k.weight"},
    %diff_attn_v_w: tensor<6x8xf32> {nn.param = "diffusion.attn.v.weight"},
    %diff_attn_out_w: tensor<8x16xf32> {nn.param = "diffusion.attn.out.weight"},
    %diff_attn_out_b: tensor<16xf32> {nn.param = "diffusion.attn.out.bias"},
    %diff_up_w: tensor<16x8x2x2xf32> {nn.param = "diffusion.up.weight"},
    %diff_up_b: tensor<8xf32> {nn.param = "diffusion.up.bias"},
    %diff_dec1_conv1_w: tensor<8x16x3x3xf32> {nn.param = "diffusion.dec1.conv1.weight"},
    %diff_dec1_conv1_b: tensor<8xf32> {nn.param = "diffusion.dec1.conv1.bias"},
    %diff_dec1_norm1_w: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm1.weight"},
    %diff_dec1_norm1_b: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm1.bias"},
    %diff_dec1_film_w: tensor<16x16xf32> {nn.param = "diffusion.dec1.film.weight"},
    %diff_dec1_film_b: tensor<16xf32> {nn.param = "diffusion.dec1.film.bias"},
    %diff_dec1_conv2_w: tensor<8x8x3x3xf32> {nn.param = "diffusion.dec1.conv2.weight"},
    %diff_dec1_conv2_b: tensor<8xf32> {nn.param = "diffusion.dec1.conv2.bias"},
    %diff_dec1_norm2_w: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm2.weight"},
    %diff_dec1_norm2_b: tensor<8x1x1xf32> {nn.param = "diffusion.dec1.norm2.bias"},
    %diff_out_w: tensor<3x8x1x1xf32> {nn.param = "diffusion.out.weight"},
    %diff_out_b: tensor<3xf32> {nn.param = "diffusion.out.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits = func.call @unet(%x, %unet_enc1_conv1_w, %unet_enc1_conv1_b,
      %unet_enc1_norm1_w, %unet_enc1_norm1_b, %unet_enc1_conv2_w,
      %unet_enc1_conv2_b, %unet_enc1_norm2_w, %unet_enc1_norm2_b,
      %unet_enc2_conv1_w, %unet_enc2_conv1_b, %unet_enc2_norm1_w,
      %unet_enc2_norm1_b, %unet_enc2_conv2_w, %unet_enc2_conv2_b,
      %unet_enc2_norm2_w, %unet_enc2_norm2_b, %unet_mid_conv1_w,
      %unet_mid_conv1_b, %unet_mid_norm1_w, %unet_mid_norm1_b,
      %unet_mid_conv2_w, %unet_mid_conv2_b, %unet_mid_norm2_w,
      %unet_mid_norm2_b, %unet_up2_w, %unet_up2_b, %unet_dec2_conv1_w,
      %unet_dec2_conv1_b, %unet_dec2_norm1_w, %unet_dec2_norm1_b,
      %unet_dec2_conv2_w, %unet_dec2_conv2_b, %unet_dec2_norm2_w,
      %unet_dec2_norm2_b, %unet_up1_w, %unet_up1_b, %unet_dec1_conv1_w,
      %unet_dec1_conv1_b, %unet_dec1_norm1_w, %unet_dec1_norm1_b,
      %unet_dec1_conv2_w, %unet_dec1_conv2_b, %unet_dec1_norm2_w,
      %unet_dec1_norm2_b, %unet_head_w, %unet_head_b)
      : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>,
          tensor<4x1x1xf32>, tensor<4x1x1xf32>, tensor<4x4x3x3xf32>,
          tensor<4xf32>, tensor<4x1x1xf32>, tensor<4x1x1xf32>,
          tensor<8x4x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<16x8x3x3xf32>,
          tensor<16xf32>, tensor<16x1x1xf32>, tensor<16x1x1xf32>,
          tensor<16x16x3x3xf32>, tensor<16xf32>, tensor<16x1x1xf32>,
          tensor<16x1x1xf32>, tensor<16x8x2x2xf32>, tensor<8xf32>,
          tensor<8x16x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<8x4x2x2xf32>,
          tensor<4xf32>, tensor<4x8x3x3xf32>, tensor<4xf32>, tensor<4x1x1xf32>,
          tensor<4x1x1xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>,
          tensor<4x1x1xf32>, tensor<4x1x1xf32>, tensor<3x4x1x1xf32>,
          tensor<3xf32>)
      -> tensor<2x3x8x8xf32>
  %lt = nn.transpose %logits [0, 2, 3, 1] : tensor<2x3x8x8xf32>
  %lf = nn.reshape %lt [128, 3] : tensor<2x8x8x3xf32>
  %lab = nn.reshape %labels [128] : tensor<2x8x8xi64>
  %ce = nn.cross_entropy %lf, %lab : tensor<128x3xf32>, tensor<128xi64>
  %abar_table = arith.constant dense<
      [[9.990000129e-01], [9.759119749e-01], [9.317790866e-01],
      [8.690392971e-01], [7.913085818e-01], [7.030336857e-01],
      [6.090615392e-01], [5.141832829e-01], [4.227157831e-01],
      [3.381726146e-01]]> : tensor<10x1xf32>
  %onehot = nn.one_hot %t : tensor<2xi64> -> tensor<2x10xf32>
  %abar2 = nn.matmul %onehot, %abar_table : tensor<2x10xf32>, tensor<10x1xf32>
  %abar = nn.reshape %abar2 [2, 1, 1, 1] : tensor<2x1xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %signal = nn.sqrt %abar : tensor<2x1x1x1xf32>
  %rest = nn.sub %one, %abar : tensor<f32>, tensor<2x1x1x1xf32>
  %spread = nn.sqrt %rest : tensor<2x1x1x1xf32>
  %xs = nn.mul %x0, %signal : tensor<2x3x8x8xf32>, tensor<2x1x1x1xf32>
  %ns = nn.mul %noise, %spread : tensor<2x3x8x8xf32>, tensor<2x1x1x1xf32>
  %x_t = nn.add %xs, %ns : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
  %eps = func.call @diffusion_unet(%x_t, %t, %context, %diff_time_fc1_w,
      %diff_time_fc1_b, %diff_time_fc2_w, %diff_time_fc2_b, %diff_enc1_conv1_w,
      %diff_enc1_conv1_b, %diff_enc1_norm1_w, %diff_enc1_norm1_b,
      %diff_enc1_film_w, %diff_enc1_film_b, %diff_enc1_conv2_w,
      %diff_enc1_conv2_b, %diff_enc1_norm2_w, %diff_enc1_norm2_b,
      %diff_mid_conv1_w, %diff_mid_conv1_b, %diff_mid_norm1_w,
      %diff_mid_norm1_b, %diff_mid_film_w, %diff_mid_film_b, %diff_mid_conv2_w,
      %diff_mid_conv2_b, %diff_mid_norm2_w, %diff_mid_norm2_b,
      %diff_attn_norm_w, %diff_attn_norm_b, %diff_attn_q_w, %diff_attn_k_w,
      %diff_attn_v_w, %diff_attn_out_w, %diff_attn_out_b, %diff_up_w,
      %diff_up_b, %diff_dec1_conv1_w, %diff_dec1_conv1_b, %diff_dec1_norm1_w,
      %diff_dec1_norm1_b, %diff_dec1_film_w, %diff_dec1_film_b,
      %diff_dec1_conv2_w, %diff_dec1_conv2_b, %diff_dec1_norm2_w,
      %diff_dec1_norm2_b, %diff_out_w, %diff_out_b)
      : (tensor<2x3x8x8xf32>, tensor<2xi64>, tensor<2x4x6xf32>,
          tensor<8x16xf32>, tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>,
          tensor<8x3x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<16x16xf32>, tensor<16xf32>,
          tensor<8x8x3x3xf32>, tensor<8xf32>, tensor<8x1x1xf32>,
          tensor<8x1x1xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>,
          tensor<16x1x1xf32>, tensor<16x1x1xf32>, tensor<16x32xf32>,
          tensor<32xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>,
          tensor<16x1x1xf32>, tensor<16x1x1xf32>, tensor<16xf32>,
          tensor<16xf32>, tensor<16x8xf32>, tensor<6x8xf32>, tensor<6x8xf32>,
          tensor<8x16xf32>, tensor<16xf32>, tensor<16x8x2x2xf32>,
          tensor<8xf32>, tensor<8x16x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<16x16xf32>,
          tensor<16xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>,
          tensor<8x1x1xf32>, tensor<8x1x1xf32>, tensor<3x8x1x1xf32>,
          tensor<3xf32>)
      -> tensor<2x3x8x8xf32>
  %mse = nn.mse_loss %eps, %noise : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
  %l = nn.add %ce, %mse : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
