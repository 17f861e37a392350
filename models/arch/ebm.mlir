// [ebm] An energy-based model of 2-d points, batch 8: the energy
// E(x) = softplus(x W1 + b1) W2 + b2 (16 hidden units) defines the density
// p(x) ~ exp(-E(x)), whose score is -dE/dx. Trained by the sum of
//  - denoising score matching (Vincent 2011): at x~ = x + sigma n, with n
//    from nn.random_normal of `noise_key` and sigma = 0.5, the model's
//    score -dE/dx(x~) regresses the score of the noise kernel, -n / sigma:
//    0.5 mean_batch |-dE/dx(x~) + n / sigma|^2. The score is an nn.grad of
//    the energy inside @loss, so --grad differentiates it again (second
//    order, as the WGAN-GP penalty of models/arch/gan.mlir);
//  - contrastive divergence with negatives from 4 steps of Langevin MCMC
//    from `x_init`: x <- x - (eps / 2) dE/dx(x) + sqrt(eps) z with
//    eps = 1/16 and z from nn.random_normal of `key` (an nn.scan over the
//    steps, the gradient an nn.grad in its body); the negatives pass
//    through nn.stop_gradient, so the loss
//    mean E(x) - mean E(x_neg) + 1/8 (mean E(x)^2 + mean E(x_neg)^2)
//    (with the energy-magnitude regularizer of Du and Mordatch 2019)
//    lowers the energy of the data and raises that of the negatives.
// @forward gives the energies, the scores, the Langevin negatives and the
// two loss terms; @loss is their sum.
// Weights: ebm.safetensors (test/arch/ebm/make_golden.py).

// E(x) per row: softplus(x W1 + b1) W2 + b2.
func.func private @energy(%x: tensor<8x2xf32>, %w1: tensor<2x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x1xf32>, %b2: tensor<1xf32>)
    -> tensor<8xf32> {
  %m1 = nn.matmul %x, %w1 : tensor<8x2xf32>, tensor<2x16xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x16xf32>, tensor<16xf32>
  %h = nn.softplus %z1 : tensor<8x16xf32>
  %m2 = nn.matmul %h, %w2 : tensor<8x16xf32>, tensor<16x1xf32>
  %z2 = nn.add %m2, %b2 : tensor<8x1xf32>, tensor<1xf32>
  %e = nn.reshape %z2 [8] : tensor<8x1xf32>
  return %e : tensor<8xf32>
}

// The batch's total energy: its gradient is each row's dE/dx.
func.func private @energy_sum(%x: tensor<8x2xf32>, %w1: tensor<2x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x1xf32>, %b2: tensor<1xf32>)
    -> tensor<f32> {
  %e = func.call @energy(%x, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
         tensor<1xf32>) -> tensor<8xf32>
  %s = nn.reduce_sum %e [] : tensor<8xf32>
  return %s : tensor<f32>
}

// 4 Langevin steps from %x0 with the normals of %key ([4, 8, 2], step t
// taking slice t).
func.func private @langevin(%x0: tensor<8x2xf32>, %key: tensor<i64>,
    %w1: tensor<2x16xf32>, %b1: tensor<16xf32>, %w2: tensor<16x1xf32>,
    %b2: tensor<1xf32>) -> tensor<8x2xf32> {
  %half_eps = arith.constant dense<0.03125> : tensor<f32>
  %sqrt_eps = arith.constant dense<0.25> : tensor<f32>
  %z = nn.random_normal %key : tensor<i64> -> tensor<4x8x2xf32>
  %x_end = nn.scan init(%x0 : tensor<8x2xf32>) over(%z : tensor<4x8x2xf32>)
      finals(tensor<8x2xf32>) {
  ^bb0(%x: tensor<8x2xf32>, %zt: tensor<8x2xf32>):
    %de = nn.grad @energy_sum(%x, %w1, %b1, %w2, %b2) wrt [0]
        : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
           tensor<1xf32>) -> tensor<8x2xf32>
    %drift = nn.mul %de, %half_eps : tensor<8x2xf32>, tensor<f32>
    %noise = nn.mul %zt, %sqrt_eps : tensor<8x2xf32>, tensor<f32>
    %xd = nn.sub %x, %drift : tensor<8x2xf32>, tensor<8x2xf32>
    %xn = nn.add %xd, %noise : tensor<8x2xf32>, tensor<8x2xf32>
    nn.yield %xn : tensor<8x2xf32>
  }
  return %x_end : tensor<8x2xf32>
}

// The two training terms: denoising score matching at x + sigma n (n from
// %noise_key) and contrastive divergence against the Langevin negatives
// %neg (detached here).
func.func private @loss_terms(%x: tensor<8x2xf32>, %noise_key: tensor<i64>,
    %neg: tensor<8x2xf32>, %w1: tensor<2x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x1xf32>, %b2: tensor<1xf32>)
    -> (tensor<f32>, tensor<f32>) {
  %sigma = arith.constant dense<0.5> : tensor<f32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %alpha = arith.constant dense<0.125> : tensor<f32>
  // Denoising score matching: dE/dx(x~) should be n / sigma.
  %n = nn.random_normal %noise_key : tensor<i64> -> tensor<8x2xf32>
  %sn = nn.mul %n, %sigma : tensor<8x2xf32>, tensor<f32>
  %xt = nn.add %x, %sn : tensor<8x2xf32>, tensor<8x2xf32>
  %de = nn.grad @energy_sum(%xt, %w1, %b1, %w2, %b2) wrt [0]
      : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
         tensor<1xf32>) -> tensor<8x2xf32>
  %target = nn.div %n, %sigma : tensor<8x2xf32>, tensor<f32>
  %r = nn.sub %de, %target : tensor<8x2xf32>, tensor<8x2xf32>
  %r2 = nn.mul %r, %r : tensor<8x2xf32>, tensor<8x2xf32>
  %rs = nn.reduce_sum %r2 [1] : tensor<8x2xf32>
  %rm = nn.reduce_mean %rs [] : tensor<8xf32>
  %dsm = nn.mul %rm, %half : tensor<f32>, tensor<f32>
  // Contrastive divergence against the detached negatives.
  %neg_sg = nn.stop_gradient %neg : tensor<8x2xf32>
  %ep = func.call @energy(%x, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
         tensor<1xf32>) -> tensor<8xf32>
  %en = func.call @energy(%neg_sg, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
         tensor<1xf32>) -> tensor<8xf32>
  %ep_mean = nn.reduce_mean %ep [] : tensor<8xf32>
  %en_mean = nn.reduce_mean %en [] : tensor<8xf32>
  %gap = nn.sub %ep_mean, %en_mean : tensor<f32>, tensor<f32>
  %ep2 = nn.mul %ep, %ep : tensor<8xf32>, tensor<8xf32>
  %en2 = nn.mul %en, %en : tensor<8xf32>, tensor<8xf32>
  %ep2_mean = nn.reduce_mean %ep2 [] : tensor<8xf32>
  %en2_mean = nn.reduce_mean %en2 [] : tensor<8xf32>
  %reg_sum = nn.add %ep2_mean, %en2_mean : tensor<f32>, tensor<f32>
  %reg = nn.mul %reg_sum, %alpha : tensor<f32>, tensor<f32>
  %cd = nn.add %gap, %reg : tensor<f32>, tensor<f32>
  return %dsm, %cd : tensor<f32>, tensor<f32>
}

// The energies and scores -dE/dx of %x, the Langevin negatives from
// %x_init with the noise of %key, and the two training terms.
func.func @forward(%x: tensor<8x2xf32> {nn.input = "x"},
    %noise_key: tensor<i64> {nn.input = "noise_key"},
    %x_init: tensor<8x2xf32> {nn.input = "x_init"},
    %key: tensor<i64> {nn.input = "key"},
    %w1: tensor<2x16xf32> {nn.param = "fc1.weight"},
    %b1: tensor<16xf32> {nn.param = "fc1.bias"},
    %w2: tensor<16x1xf32> {nn.param = "fc2.weight"},
    %b2: tensor<1xf32> {nn.param = "fc2.bias"})
    -> (tensor<8xf32> {nn.output = "energy"},
        tensor<8x2xf32> {nn.output = "score"},
        tensor<8x2xf32> {nn.output = "negatives"},
        tensor<f32> {nn.output = "score_matching"},
        tensor<f32> {nn.output = "contrastive_divergence"}) {
  %e = func.call @energy(%x, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
         tensor<1xf32>) -> tensor<8xf32>
  %de = nn.grad @energy_sum(%x, %w1, %b1, %w2, %b2) wrt [0]
      : (tensor<8x2xf32>, tensor<2x16xf32>, tensor<16xf32>, tensor<16x1xf32>,
         tensor<1xf32>) -> tensor<8x2xf32>
  %score = nn.neg %de : tensor<8x2xf32>
  %neg = func.call @langevin(%x_init, %key, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<i64>, tensor<2x16xf32>, tensor<16xf32>,
         tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x2xf32>
  %dsm, %cd = func.call @loss_terms(%x, %noise_key, %neg, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<i64>, tensor<8x2xf32>, tensor<2x16xf32>,
         tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>)
      -> (tensor<f32>, tensor<f32>)
  return %e, %score, %neg, %dsm, %cd
      : tensor<8xf32>, tensor<8x2xf32>, tensor<8x2xf32>, tensor<f32>,
        tensor<f32>
}

// Denoising score matching plus contrastive divergence.
func.func @loss(%x: tensor<8x2xf32> {nn.input = "x"},
    %noise_key: tensor<i64> {nn.input = "noise_key"},
    %x_init: tensor<8x2xf32> {nn.input = "x_init"},
    %key: tensor<i64> {nn.input = "key"},
    %w1: tensor<2x16xf32> {nn.param = "fc1.weight"},
    %b1: tensor<16xf32> {nn.param = "fc1.bias"},
    %w2: tensor<16x1xf32> {nn.param = "fc2.weight"},
    %b2: tensor<1xf32> {nn.param = "fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %neg = func.call @langevin(%x_init, %key, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<i64>, tensor<2x16xf32>, tensor<16xf32>,
         tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x2xf32>
  %dsm, %cd = func.call @loss_terms(%x, %noise_key, %neg, %w1, %b1, %w2, %b2)
      : (tensor<8x2xf32>, tensor<i64>, tensor<8x2xf32>, tensor<2x16xf32>,
         tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>)
      -> (tensor<f32>, tensor<f32>)
  %total = nn.add %dsm, %cd : tensor<f32>, tensor<f32>
  return %total : tensor<f32>
}
