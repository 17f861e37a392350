// [vae] A variational autoencoder, 12-d inputs in (0, 1), 4-d latent,
// batch 8. The encoder gives each input a Gaussian posterior's mean and
// log-variance; the latent is sampled by reparameterization,
// z = mu + exp(logvar / 2) eps with eps = nn.random_normal of a key (the
// same key draws the same noise, so the gradient flows through mu and
// logvar); the decoder maps z to Bernoulli means. @loss is the negative
// ELBO per example: the summed binary cross-entropy of the reconstruction
// plus the closed-form KL divergence of the posterior from N(0, 1)
// (nn.gaussian_kl_div), over the batch size.
// Weights: vae.safetensors (test/arch/vae/make_golden.py).

func.func private @encode(%x: tensor<8x12xf32>, %w1: tensor<12x16xf32>,
    %b1: tensor<16xf32>, %wm: tensor<16x4xf32>, %bm: tensor<4xf32>,
    %wv: tensor<16x4xf32>, %bv: tensor<4xf32>)
    -> (tensor<8x4xf32>, tensor<8x4xf32>) {
  %m1 = nn.matmul %x, %w1 : tensor<8x12xf32>, tensor<12x16xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x16xf32>, tensor<16xf32>
  %h = nn.relu %z1 : tensor<8x16xf32>
  %mm = nn.matmul %h, %wm : tensor<8x16xf32>, tensor<16x4xf32>
  %mu = nn.add %mm, %bm : tensor<8x4xf32>, tensor<4xf32>
  %mv = nn.matmul %h, %wv : tensor<8x16xf32>, tensor<16x4xf32>
  %logvar = nn.add %mv, %bv : tensor<8x4xf32>, tensor<4xf32>
  return %mu, %logvar : tensor<8x4xf32>, tensor<8x4xf32>
}

func.func private @sample(%mu: tensor<8x4xf32>, %logvar: tensor<8x4xf32>,
    %key: tensor<i64>) -> tensor<8x4xf32> {
  %eps = nn.random_normal %key : tensor<i64> -> tensor<8x4xf32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %hl = nn.mul %logvar, %half : tensor<8x4xf32>, tensor<f32>
  %std = nn.exp %hl : tensor<8x4xf32>
  %noise = nn.mul %std, %eps : tensor<8x4xf32>, tensor<8x4xf32>
  %z = nn.add %mu, %noise : tensor<8x4xf32>, tensor<8x4xf32>
  return %z : tensor<8x4xf32>
}

func.func private @decode(%z: tensor<8x4xf32>, %w1: tensor<4x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x12xf32>, %b2: tensor<12xf32>)
    -> tensor<8x12xf32> {
  %m1 = nn.matmul %z, %w1 : tensor<8x4xf32>, tensor<4x16xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x16xf32>, tensor<16xf32>
  %h = nn.relu %z1 : tensor<8x16xf32>
  %m2 = nn.matmul %h, %w2 : tensor<8x16xf32>, tensor<16x12xf32>
  %z2 = nn.add %m2, %b2 : tensor<8x12xf32>, tensor<12xf32>
  %p = nn.sigmoid %z2 : tensor<8x12xf32>
  return %p : tensor<8x12xf32>
}

func.func @forward(%x: tensor<8x12xf32> {nn.input = "x"},
    %key: tensor<i64> {nn.input = "key"},
    %e1w: tensor<12x16xf32> {nn.param = "enc1.weight"}, %e1b: tensor<16xf32> {nn.param = "enc1.bias"},
    %emw: tensor<16x4xf32> {nn.param = "enc_mu.weight"}, %emb: tensor<4xf32> {nn.param = "enc_mu.bias"},
    %evw: tensor<16x4xf32> {nn.param = "enc_logvar.weight"}, %evb: tensor<4xf32> {nn.param = "enc_logvar.bias"},
    %d1w: tensor<4x16xf32> {nn.param = "dec1.weight"}, %d1b: tensor<16xf32> {nn.param = "dec1.bias"},
    %d2w: tensor<16x12xf32> {nn.param = "dec2.weight"}, %d2b: tensor<12xf32> {nn.param = "dec2.bias"})
    -> (tensor<8x12xf32> {nn.output = "reconstruction"},
        tensor<8x4xf32> {nn.output = "mu"}, tensor<8x4xf32> {nn.output = "logvar"}) {
  %mu, %logvar = func.call @encode(%x, %e1w, %e1b, %emw, %emb, %evw, %evb) : (tensor<8x12xf32>, tensor<12x16xf32>, tensor<16xf32>, tensor<16x4xf32>, tensor<4xf32>, tensor<16x4xf32>, tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>)
  %z = func.call @sample(%mu, %logvar, %key) : (tensor<8x4xf32>, tensor<8x4xf32>, tensor<i64>) -> tensor<8x4xf32>
  %p = func.call @decode(%z, %d1w, %d1b, %d2w, %d2b) : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<16x12xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  return %p, %mu, %logvar : tensor<8x12xf32>, tensor<8x4xf32>, tensor<8x4xf32>
}

func.func @loss(%x: tensor<8x12xf32> {nn.input = "x"},
    %key: tensor<i64> {nn.input = "key"},
    %e1w: tensor<12x16xf32> {nn.param = "enc1.weight"}, %e1b: tensor<16xf32> {nn.param = "enc1.bias"},
    %emw: tensor<16x4xf32> {nn.param = "enc_mu.weight"}, %emb: tensor<4xf32> {nn.param = "enc_mu.bias"},
    %evw: tensor<16x4xf32> {nn.param = "enc_logvar.weight"}, %evb: tensor<4xf32> {nn.param = "enc_logvar.bias"},
    %d1w: tensor<4x16xf32> {nn.param = "dec1.weight"}, %d1b: tensor<16xf32> {nn.param = "dec1.bias"},
    %d2w: tensor<16x12xf32> {nn.param = "dec2.weight"}, %d2b: tensor<12xf32> {nn.param = "dec2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %mu, %logvar = func.call @encode(%x, %e1w, %e1b, %emw, %emb, %evw, %evb) : (tensor<8x12xf32>, tensor<12x16xf32>, tensor<16xf32>, tensor<16x4xf32>, tensor<4xf32>, tensor<16x4xf32>, tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>)
  %z = func.call @sample(%mu, %logvar, %key) : (tensor<8x4xf32>, tensor<8x4xf32>, tensor<i64>) -> tensor<8x4xf32>
  %p = func.call @decode(%z, %d1w, %d1b, %d2w, %d2b) : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<16x12xf32>, tensor<12xf32>) -> tensor<8x12xf32>
  %recon = nn.binary_cross_entropy %p, %x {reduction = "sum"} : tensor<8x12xf32>, tensor<8x12xf32>
  %prior = arith.constant dense<0.0> : tensor<8x4xf32>
  %kl = nn.gaussian_kl_div %mu, %logvar, %prior, %prior {reduction = "sum"} : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
  %total = nn.add %recon, %kl : tensor<f32>, tensor<f32>
  %batch = arith.constant dense<8.0> : tensor<f32>
  %l = nn.div %total, %batch : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
