// Autoencoders in three flavours, one network each with its own weights, all
// of one shape: 32 inputs in [0, 1] -> 24 (ReLU) -> 12-unit code -> 24 (ReLU)
// -> 32 (sigmoid) reconstruction, batch of 8; nn.Linear layout ([out, in])
// and PyTorch-style names "<flavour>.{enc1,enc2,dec1,dec2}.{weight,bias}".
//
//   plain      linear 12-unit bottleneck code, mean squared error;
//   denoising  trained on a corrupted input and scored (binary cross-entropy)
//              against the clean one. The corruption is masking noise, keyed:
//              nn.dropout zeroes a quarter of the pixels (rescaled back, since
//              masking noise does not rescale), plus additive Gaussian noise
//              of standard deviation 0.1 (the standard normals are the input
//              "noise": nn has no keyed random normal op yet);
//   sparse_l1  ReLU codes, MSE + 0.05 * batch mean of the L1 norm of codes;
//   sparse_kl  sigmoid codes, MSE + 0.5 * sum over code units of
//              KL(rho || rho_hat_j) with target activation rho = 0.05 and
//              rho_hat_j the unit's mean activation over the batch.
//
// @forward is inference: every flavour reconstructs "x" and the denoising one
// also cleans "x_noisy"; it returns reconstructions and the sparse codes.
// @loss is the sum of the four training losses: each flavour's weights reach
// only its own term, so every gradient checks that flavour alone.
// Golden data and weights: test/arch/autoencoder/make_golden.py.

// The encoder up to the code's pre-activation: x -> 24 (ReLU) -> 12.
func.func private @encoder(%x: tensor<8x32xf32>,
    %w1: tensor<24x32xf32>, %b1: tensor<24xf32>,
    %w2: tensor<12x24xf32>, %b2: tensor<12xf32>) -> tensor<8x12xf32> {
  %w1t = nn.transpose %w1 [1, 0] : tensor<24x32xf32>
  %h1 = nn.matmul %x, %w1t : tensor<8x32xf32>, tensor<32x24xf32>
  %z1 = nn.add %h1, %b1 : tensor<8x24xf32>, tensor<24xf32>
  %a1 = nn.relu %z1 : tensor<8x24xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<12x24xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<8x24xf32>, tensor<24x12xf32>
  %code = nn.add %h2, %b2 : tensor<8x12xf32>, tensor<12xf32>
  return %code : tensor<8x12xf32>
}

// The decoder: code -> 24 (ReLU) -> 32 (sigmoid).
func.func private @decoder(%code: tensor<8x12xf32>,
    %w1: tensor<24x12xf32>, %b1: tensor<24xf32>,
    %w2: tensor<32x24xf32>, %b2: tensor<32xf32>) -> tensor<8x32xf32> {
  %w1t = nn.transpose %w1 [1, 0] : tensor<24x12xf32>
  %h1 = nn.matmul %code, %w1t : tensor<8x12xf32>, tensor<12x24xf32>
  %z1 = nn.add %h1, %b1 : tensor<8x24xf32>, tensor<24xf32>
  %a1 = nn.relu %z1 : tensor<8x24xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<32x24xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<8x24xf32>, tensor<24x32xf32>
  %z2 = nn.add %h2, %b2 : tensor<8x32xf32>, tensor<32xf32>
  %recon = nn.sigmoid %z2 : tensor<8x32xf32>
  return %recon : tensor<8x32xf32>
}

func.func @forward(
    %x: tensor<8x32xf32> {nn.input = "x"},
    %x_noisy: tensor<8x32xf32> {nn.input = "x_noisy"},
    %p_enc1w: tensor<24x32xf32> {nn.param = "plain.enc1.weight"},
    %p_enc1b: tensor<24xf32> {nn.param = "plain.enc1.bias"},
    %p_enc2w: tensor<12x24xf32> {nn.param = "plain.enc2.weight"},
    %p_enc2b: tensor<12xf32> {nn.param = "plain.enc2.bias"},
    %p_dec1w: tensor<24x12xf32> {nn.param = "plain.dec1.weight"},
    %p_dec1b: tensor<24xf32> {nn.param = "plain.dec1.bias"},
    %p_dec2w: tensor<32x24xf32> {nn.param = "plain.dec2.weight"},
    %p_dec2b: tensor<32xf32> {nn.param = "plain.dec2.bias"},
    %d_enc1w: tensor<24x32xf32> {nn.param = "denoising.enc1.weight"},
    %d_enc1b: tensor<24xf32> {nn.param = "denoising.enc1.bias"},
    %d_enc2w: tensor<12x24xf32> {nn.param = "denoising.enc2.weight"},
    %d_enc2b: tensor<12xf32> {nn.param = "denoising.enc2.bias"},
    %d_dec1w: tensor<24x12xf32> {nn.param = "denoising.dec1.weight"},
    %d_dec1b: tensor<24xf32> {nn.param = "denoising.dec1.bias"},
    %d_dec2w: tensor<32x24xf32> {nn.param = "denoising.dec2.weight"},
    %d_dec2b: tensor<32xf32> {nn.param = "denoising.dec2.bias"},
    %l1_enc1w: tensor<24x32xf32> {nn.param = "sparse_l1.enc1.weight"},
    %l1_enc1b: tensor<24xf32> {nn.param = "sparse_l1.enc1.bias"},
    %l1_enc2w: tensor<12x24xf32> {nn.param = "sparse_l1.enc2.weight"},
    %l1_enc2b: tensor<12xf32> {nn.param = "sparse_l1.enc2.bias"},
    %l1_dec1w: tensor<24x12xf32> {nn.param = "sparse_l1.dec1.weight"},
    %l1_dec1b: tensor<24xf32> {nn.param = "sparse_l1.dec1.bias"},
    %l1_dec2w: tensor<32x24xf32> {nn.param = "sparse_l1.dec2.weight"},
    %l1_dec2b: tensor<32xf32> {nn.param = "sparse_l1.dec2.bias"},
    %kl_enc1w: tensor<24x32xf32> {nn.param = "sparse_kl.enc1.weight"},
    %kl_enc1b: tensor<24xf32> {nn.param = "sparse_kl.enc1.bias"},
    %kl_enc2w: tensor<12x24xf32> {nn.param = "sparse_kl.enc2.weight"},
    %kl_enc2b: tensor<12xf32> {nn.param = "sparse_kl.enc2.bias"},
    %kl_dec1w: tensor<24x12xf32> {nn.param = "sparse_kl.dec1.weight"},
    %kl_dec1b: tensor<24xf32> {nn.param = "sparse_kl.dec1.bias"},
    %kl_dec2w: tensor<32x24xf32> {nn.param = "sparse_kl.dec2.weight"},
    %kl_dec2b: tensor<32xf32> {nn.param = "sparse_kl.dec2.bias"})
    -> (tensor<8x32xf32> {nn.output = "plain"},
        tensor<8x32xf32> {nn.output = "denoised"},
        tensor<8x12xf32> {nn.output = "sparse_l1_code"},
        tensor<8x32xf32> {nn.output = "sparse_l1"},
        tensor<8x12xf32> {nn.output = "sparse_kl_code"},
        tensor<8x32xf32> {nn.output = "sparse_kl"}) {
  %p_code = func.call @encoder(%x, %p_enc1w, %p_enc1b, %p_enc2w, %p_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %plain = func.call @decoder(%p_code, %p_dec1w, %p_dec1b, %p_dec2w, %p_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>

  %d_code = func.call @encoder(%x_noisy, %d_enc1w, %d_enc1b, %d_enc2w, %d_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %denoised = func.call @decoder(%d_code, %d_dec1w, %d_dec1b, %d_dec2w, %d_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>

  %l1_pre = func.call @encoder(%x, %l1_enc1w, %l1_enc1b, %l1_enc2w, %l1_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %l1_code = nn.relu %l1_pre : tensor<8x12xf32>
  %l1 = func.call @decoder(%l1_code, %l1_dec1w, %l1_dec1b, %l1_dec2w, %l1_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>

  %kl_pre = func.call @encoder(%x, %kl_enc1w, %kl_enc1b, %kl_enc2w, %kl_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %kl_code = nn.sigmoid %kl_pre : tensor<8x12xf32>
  %kl = func.call @decoder(%kl_code, %kl_dec1w, %kl_dec1b, %kl_dec2w, %kl_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  return %plain, %denoised, %l1_code, %l1, %kl_code, %kl
      : tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x12xf32>,
        tensor<8x32xf32>, tensor<8x12xf32>, tensor<8x32xf32>
}

func.func @loss(
    %x: tensor<8x32xf32> {nn.input = "x"},
    %key: tensor<i64> {nn.input = "key"},
    %noise: tensor<8x32xf32> {nn.input = "noise"},
    %p_enc1w: tensor<24x32xf32> {nn.param = "plain.enc1.weight"},
    %p_enc1b: tensor<24xf32> {nn.param = "plain.enc1.bias"},
    %p_enc2w: tensor<12x24xf32> {nn.param = "plain.enc2.weight"},
    %p_enc2b: tensor<12xf32> {nn.param = "plain.enc2.bias"},
    %p_dec1w: tensor<24x12xf32> {nn.param = "plain.dec1.weight"},
    %p_dec1b: tensor<24xf32> {nn.param = "plain.dec1.bias"},
    %p_dec2w: tensor<32x24xf32> {nn.param = "plain.dec2.weight"},
    %p_dec2b: tensor<32xf32> {nn.param = "plain.dec2.bias"},
    %d_enc1w: tensor<24x32xf32> {nn.param = "denoising.enc1.weight"},
    %d_enc1b: tensor<24xf32> {nn.param = "denoising.enc1.bias"},
    %d_enc2w: tensor<12x24xf32> {nn.param = "denoising.enc2.weight"},
    %d_enc2b: tensor<12xf32> {nn.param = "denoising.enc2.bias"},
    %d_dec1w: tensor<24x12xf32> {nn.param = "denoising.dec1.weight"},
    %d_dec1b: tensor<24xf32> {nn.param = "denoising.dec1.bias"},
    %d_dec2w: tensor<32x24xf32> {nn.param = "denoising.dec2.weight"},
    %d_dec2b: tensor<32xf32> {nn.param = "denoising.dec2.bias"},
    %l1_enc1w: tensor<24x32xf32> {nn.param = "sparse_l1.enc1.weight"},
    %l1_enc1b: tensor<24xf32> {nn.param = "sparse_l1.enc1.bias"},
    %l1_enc2w: tensor<12x24xf32> {nn.param = "sparse_l1.enc2.weight"},
    %l1_enc2b: tensor<12xf32> {nn.param = "sparse_l1.enc2.bias"},
    %l1_dec1w: tensor<24x12xf32> {nn.param = "sparse_l1.dec1.weight"},
    %l1_dec1b: tensor<24xf32> {nn.param = "sparse_l1.dec1.bias"},
    %l1_dec2w: tensor<32x24xf32> {nn.param = "sparse_l1.dec2.weight"},
    %l1_dec2b: tensor<32xf32> {nn.param = "sparse_l1.dec2.bias"},
    %kl_enc1w: tensor<24x32xf32> {nn.param = "sparse_kl.enc1.weight"},
    %kl_enc1b: tensor<24xf32> {nn.param = "sparse_kl.enc1.bias"},
    %kl_enc2w: tensor<12x24xf32> {nn.param = "sparse_kl.enc2.weight"},
    %kl_enc2b: tensor<12xf32> {nn.param = "sparse_kl.enc2.bias"},
    %kl_dec1w: tensor<24x12xf32> {nn.param = "sparse_kl.dec1.weight"},
    %kl_dec1b: tensor<24xf32> {nn.param = "sparse_kl.dec1.bias"},
    %kl_dec2w: tensor<32x24xf32> {nn.param = "sparse_kl.dec2.weight"},
    %kl_dec2b: tensor<32xf32> {nn.param = "sparse_kl.dec2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  // Plain: reconstruct x, mean squared error.
  %p_code = func.call @encoder(%x, %p_enc1w, %p_enc1b, %p_enc2w, %p_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %p_recon = func.call @decoder(%p_code, %p_dec1w, %p_dec1b, %p_dec2w, %p_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %p_loss = nn.mse_loss %p_recon, %x : tensor<8x32xf32>, tensor<8x32xf32>

  // Denoising: x * mask + 0.1 * noise in, clean x as the target.
  %dropped = nn.dropout %x, %key {p = 0.25} : tensor<8x32xf32>, tensor<i64>
  %keep = arith.constant dense<0.75> : tensor<f32>
  %masked = nn.mul %dropped, %keep : tensor<8x32xf32>, tensor<f32>
  %sigma = arith.constant dense<0.1> : tensor<f32>
  %jitter = nn.mul %noise, %sigma : tensor<8x32xf32>, tensor<f32>
  %corrupted = nn.add %masked, %jitter : tensor<8x32xf32>, tensor<8x32xf32>
  %d_code = func.call @encoder(%corrupted, %d_enc1w, %d_enc1b, %d_enc2w, %d_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %d_recon = func.call @decoder(%d_code, %d_dec1w, %d_dec1b, %d_dec2w, %d_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %d_loss = nn.binary_cross_entropy %d_recon, %x
      : tensor<8x32xf32>, tensor<8x32xf32>

  // Sparse, L1: MSE + 0.05 * mean over the batch of sum_j |h_j|.
  %l1_pre = func.call @encoder(%x, %l1_enc1w, %l1_enc1b, %l1_enc2w, %l1_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %l1_code = nn.relu %l1_pre : tensor<8x12xf32>
  %l1_recon = func.call @decoder(%l1_code, %l1_dec1w, %l1_dec1b, %l1_dec2w, %l1_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %l1_mse = nn.mse_loss %l1_recon, %x : tensor<8x32xf32>, tensor<8x32xf32>
  %l1_abs = nn.abs %l1_code : tensor<8x12xf32>
  %l1_norms = nn.reduce_sum %l1_abs [1] : tensor<8x12xf32>
  %l1_mean = nn.reduce_mean %l1_norms [] : tensor<8xf32>
  %lambda = arith.constant dense<0.05> : tensor<f32>
  %l1_penalty = nn.mul %l1_mean, %lambda : tensor<f32>, tensor<f32>
  %l1_loss = nn.add %l1_mse, %l1_penalty : tensor<f32>, tensor<f32>

  // Sparse, KL: MSE + 0.5 * sum_j rho log(rho / rho_hat_j)
  //                          + (1 - rho) log((1 - rho) / (1 - rho_hat_j)).
  %kl_pre = func.call @encoder(%x, %kl_enc1w, %kl_enc1b, %kl_enc2w, %kl_enc2b)
      : (tensor<8x32xf32>, tensor<24x32xf32>, tensor<24xf32>,
         tensor<12x24xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %kl_code = nn.sigmoid %kl_pre : tensor<8x12xf32>
  %kl_recon = func.call @decoder(%kl_code, %kl_dec1w, %kl_dec1b, %kl_dec2w, %kl_dec2b)
      : (tensor<8x12xf32>, tensor<24x12xf32>, tensor<24xf32>,
         tensor<32x24xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %kl_mse = nn.mse_loss %kl_recon, %x : tensor<8x32xf32>, tensor<8x32xf32>
  %rho_hat = nn.reduce_mean %kl_code [0] : tensor<8x12xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %rho = arith.constant dense<0.05> : tensor<f32>
  %rho_c = arith.constant dense<0.95> : tensor<f32>
  %rho_hat_c = nn.sub %one, %rho_hat : tensor<f32>, tensor<12xf32>
  %on_ratio = nn.div %rho, %rho_hat : tensor<f32>, tensor<12xf32>
  %on_log = nn.log %on_ratio : tensor<12xf32>
  %on_term = nn.mul %rho, %on_log : tensor<f32>, tensor<12xf32>
  %off_ratio = nn.div %rho_c, %rho_hat_c : tensor<f32>, tensor<12xf32>
  %off_log = nn.log %off_ratio : tensor<12xf32>
  %off_term = nn.mul %rho_c, %off_log : tensor<f32>, tensor<12xf32>
  %kl_units = nn.add %on_term, %off_term : tensor<12xf32>, tensor<12xf32>
  %kl_div = nn.reduce_sum %kl_units [] : tensor<12xf32>
  %beta = arith.constant dense<0.5> : tensor<f32>
  %kl_penalty = nn.mul %kl_div, %beta : tensor<f32>, tensor<f32>
  %kl_loss = nn.add %kl_mse, %kl_penalty : tensor<f32>, tensor<f32>

  %sum0 = nn.add %p_loss, %d_loss : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %l1_loss : tensor<f32>, tensor<f32>
  %total = nn.add %sum1, %kl_loss : tensor<f32>, tensor<f32>
  return %total : tensor<f32>
}
