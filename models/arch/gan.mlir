// [gan] A generative adversarial network of perceptrons, 4-d noise to 6-d
// samples, batch 8, with both games in one training loss:
//  - the minimax game: discriminator D trained on binary cross-entropy of
//    real (target 1) and generated (target 0) samples, generator G on the
//    non-saturating loss BCE(D(G(z)), 1);
//  - Wasserstein GAN: critic C trained on mean C(fake) - mean C(real) plus
//    the gradient penalty 10 * mean((|dC/dx(x_hat)| - 1)^2) at
//    x_hat = eps x + (1 - eps) G(z), a gradient inside the loss (nn.grad, so
//    the loss's own gradient is second order); G also on -mean C(G(z)).
// Each player's loss reaches only its own parameters: generated samples
// enter the D and C losses through nn.stop_gradient, and D's and C's
// weights enter the generator losses through nn.stop_gradient, so one
// gradient holds every player's update (as alternating steps compute them).
// Weights: gan.safetensors (test/arch/gan/make_golden.py).

// G: z -> tanh(relu(z W1 + b1) W2 + b2).
func.func private @generator(%z: tensor<8x4xf32>, %w1: tensor<4x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x6xf32>, %b2: tensor<6xf32>)
    -> tensor<8x6xf32> {
  %m1 = nn.matmul %z, %w1 : tensor<8x4xf32>, tensor<4x16xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x16xf32>, tensor<16xf32>
  %h1 = nn.relu %z1 : tensor<8x16xf32>
  %m2 = nn.matmul %h1, %w2 : tensor<8x16xf32>, tensor<16x6xf32>
  %z2 = nn.add %m2, %b2 : tensor<8x6xf32>, tensor<6xf32>
  %x = nn.tanh %z2 : tensor<8x6xf32>
  return %x : tensor<8x6xf32>
}

// D and C: x -> leaky_relu(x W1 + b1) W2 + b2, one score (a logit for D).
func.func private @score(%x: tensor<8x6xf32>, %w1: tensor<6x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x1xf32>, %b2: tensor<1xf32>)
    -> tensor<8x1xf32> {
  %m1 = nn.matmul %x, %w1 : tensor<8x6xf32>, tensor<6x16xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x16xf32>, tensor<16xf32>
  %h1 = nn.leaky_relu %z1 {negative_slope = 0.2 : f64} : tensor<8x16xf32>
  %m2 = nn.matmul %h1, %w2 : tensor<8x16xf32>, tensor<16x1xf32>
  %s = nn.add %m2, %b2 : tensor<8x1xf32>, tensor<1xf32>
  return %s : tensor<8x1xf32>
}

// The sum of the critic's scores, whose gradient with respect to the
// samples the penalty takes.
func.func private @critic_sum(%x: tensor<8x6xf32>, %w1: tensor<6x16xf32>,
    %b1: tensor<16xf32>, %w2: tensor<16x1xf32>, %b2: tensor<1xf32>)
    -> tensor<f32> {
  %s = func.call @score(%x, %w1, %b1, %w2, %b2) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %t = nn.reduce_sum %s [] : tensor<8x1xf32>
  return %t : tensor<f32>
}

// Generated samples, D's probability that real and generated samples are
// real, and the critic's scores of both.
func.func @forward(%z: tensor<8x4xf32> {nn.input = "z"},
    %x: tensor<8x6xf32> {nn.input = "x"},
    %g1w: tensor<4x16xf32> {nn.param = "g1.weight"}, %g1b: tensor<16xf32> {nn.param = "g1.bias"},
    %g2w: tensor<16x6xf32> {nn.param = "g2.weight"}, %g2b: tensor<6xf32> {nn.param = "g2.bias"},
    %d1w: tensor<6x16xf32> {nn.param = "d1.weight"}, %d1b: tensor<16xf32> {nn.param = "d1.bias"},
    %d2w: tensor<16x1xf32> {nn.param = "d2.weight"}, %d2b: tensor<1xf32> {nn.param = "d2.bias"},
    %c1w: tensor<6x16xf32> {nn.param = "c1.weight"}, %c1b: tensor<16xf32> {nn.param = "c1.bias"},
    %c2w: tensor<16x1xf32> {nn.param = "c2.weight"}, %c2b: tensor<1xf32> {nn.param = "c2.bias"})
    -> (tensor<8x6xf32> {nn.output = "fake"}, tensor<8x1xf32> {nn.output = "d_real"},
        tensor<8x1xf32> {nn.output = "d_fake"}, tensor<8x1xf32> {nn.output = "c_real"},
        tensor<8x1xf32> {nn.output = "c_fake"}) {
  %fake = func.call @generator(%z, %g1w, %g1b, %g2w, %g2b) : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<16x6xf32>, tensor<6xf32>) -> tensor<8x6xf32>
  %lr = func.call @score(%x, %d1w, %d1b, %d2w, %d2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %lf = func.call @score(%fake, %d1w, %d1b, %d2w, %d2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %pr = nn.sigmoid %lr : tensor<8x1xf32>
  %pf = nn.sigmoid %lf : tensor<8x1xf32>
  %cr = func.call @score(%x, %c1w, %c1b, %c2w, %c2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %cf = func.call @score(%fake, %c1w, %c1b, %c2w, %c2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  return %fake, %pr, %pf, %cr, %cf : tensor<8x6xf32>, tensor<8x1xf32>, tensor<8x1xf32>, tensor<8x1xf32>, tensor<8x1xf32>
}

func.func @loss(%z: tensor<8x4xf32> {nn.input = "z"},
    %x: tensor<8x6xf32> {nn.input = "x"},
    %eps: tensor<8x1xf32> {nn.input = "eps"},
    %g1w: tensor<4x16xf32> {nn.param = "g1.weight"}, %g1b: tensor<16xf32> {nn.param = "g1.bias"},
    %g2w: tensor<16x6xf32> {nn.param = "g2.weight"}, %g2b: tensor<6xf32> {nn.param = "g2.bias"},
    %d1w: tensor<6x16xf32> {nn.param = "d1.weight"}, %d1b: tensor<16xf32> {nn.param = "d1.bias"},
    %d2w: tensor<16x1xf32> {nn.param = "d2.weight"}, %d2b: tensor<1xf32> {nn.param = "d2.bias"},
    %c1w: tensor<6x16xf32> {nn.param = "c1.weight"}, %c1b: tensor<16xf32> {nn.param = "c1.bias"},
    %c2w: tensor<16x1xf32> {nn.param = "c2.weight"}, %c2b: tensor<1xf32> {nn.param = "c2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %ones = arith.constant dense<1.0> : tensor<8x1xf32>
  %zeros = arith.constant dense<0.0> : tensor<8x1xf32>
  %fake = func.call @generator(%z, %g1w, %g1b, %g2w, %g2b) : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<16x6xf32>, tensor<6xf32>) -> tensor<8x6xf32>
  %fake_sg = nn.stop_gradient %fake : tensor<8x6xf32>

  // Minimax: D on real and (detached) generated samples.
  %lr = func.call @score(%x, %d1w, %d1b, %d2w, %d2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %lf = func.call @score(%fake_sg, %d1w, %d1b, %d2w, %d2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %d_real = nn.binary_cross_entropy_with_logits %lr, %ones : tensor<8x1xf32>, tensor<8x1xf32>
  %d_fake = nn.binary_cross_entropy_with_logits %lf, %zeros : tensor<8x1xf32>, tensor<8x1xf32>
  %d_loss = nn.add %d_real, %d_fake : tensor<f32>, tensor<f32>
  // Non-saturating generator loss through a frozen D.
  %d1w_sg = nn.stop_gradient %d1w : tensor<6x16xf32>
  %d1b_sg = nn.stop_gradient %d1b : tensor<16xf32>
  %d2w_sg = nn.stop_gradient %d2w : tensor<16x1xf32>
  %d2b_sg = nn.stop_gradient %d2b : tensor<1xf32>
  %lg = func.call @score(%fake, %d1w_sg, %d1b_sg, %d2w_sg, %d2b_sg) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %g_loss = nn.binary_cross_entropy_with_logits %lg, %ones : tensor<8x1xf32>, tensor<8x1xf32>

  // WGAN critic with the gradient penalty at interpolated samples.
  %cr = func.call @score(%x, %c1w, %c1b, %c2w, %c2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %cf = func.call @score(%fake_sg, %c1w, %c1b, %c2w, %c2b) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %cr_mean = nn.reduce_mean %cr [] : tensor<8x1xf32>
  %cf_mean = nn.reduce_mean %cf [] : tensor<8x1xf32>
  %w_dist = nn.sub %cf_mean, %cr_mean : tensor<f32>, tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %keep = nn.sub %one, %eps : tensor<f32>, tensor<8x1xf32>
  %xa = nn.mul %eps, %x : tensor<8x1xf32>, tensor<8x6xf32>
  %xb = nn.mul %keep, %fake_sg : tensor<8x1xf32>, tensor<8x6xf32>
  %xhat = nn.add %xa, %xb : tensor<8x6xf32>, tensor<8x6xf32>
  %dx = nn.grad @critic_sum(%xhat, %c1w, %c1b, %c2w, %c2b) wrt [0] : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x6xf32>
  %sq = nn.mul %dx, %dx : tensor<8x6xf32>, tensor<8x6xf32>
  %n2 = nn.reduce_sum %sq [1] : tensor<8x6xf32>
  %norm = nn.sqrt %n2 : tensor<8xf32>
  %dev = nn.sub %norm, %one : tensor<8xf32>, tensor<f32>
  %dev2 = nn.mul %dev, %dev : tensor<8xf32>, tensor<8xf32>
  %gp_mean = nn.reduce_mean %dev2 [] : tensor<8xf32>
  %ten = arith.constant dense<10.0> : tensor<f32>
  %gp = nn.mul %gp_mean, %ten : tensor<f32>, tensor<f32>
  %c_loss = nn.add %w_dist, %gp : tensor<f32>, tensor<f32>
  // The generator's Wasserstein loss through a frozen critic.
  %c1w_sg = nn.stop_gradient %c1w : tensor<6x16xf32>
  %c1b_sg = nn.stop_gradient %c1b : tensor<16xf32>
  %c2w_sg = nn.stop_gradient %c2w : tensor<16x1xf32>
  %c2b_sg = nn.stop_gradient %c2b : tensor<1xf32>
  %cg = func.call @score(%fake, %c1w_sg, %c1b_sg, %c2w_sg, %c2b_sg) : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %cg_mean = nn.reduce_mean %cg [] : tensor<8x1xf32>
  %wg_loss = nn.neg %cg_mean : tensor<f32>

  %s1 = nn.add %d_loss, %g_loss : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %c_loss : tensor<f32>, tensor<f32>
  %total = nn.add %s2, %wg_loss : tensor<f32>, tensor<f32>
  return %total : tensor<f32>
}
