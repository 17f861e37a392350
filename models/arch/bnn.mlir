// [bnn] A Bayesian neural network, 4 -> 16 -> 3 classes, batch 8:
//  - Bayes by backprop: each weight has a Gaussian posterior N(mu,
//    softplus(rho)^2), sampled by reparameterization with keyed normals
//    (nn.random_normal), and @loss is the negative ELBO of one sample: the
//    cross-entropy plus the closed-form KL divergence of the posteriors
//    from the N(0, 1) prior (nn.gaussian_kl_div), weighted 1/100 (one
//    minibatch of a 100-batch data set);
//  - MC dropout: a dropout mask on the hidden layer that stays on at
//    prediction time (drawn from keyed normals, not nn.dropout, which
//    inference mode turns off); @forward runs 5 stochastic passes (an
//    nn.scan over 5 keys) and returns the predictive mean and variance of
//    the class probabilities.
// Weights: bnn.safetensors (test/arch/bnn/make_golden.py).

// One stochastic pass: weights sampled by reparameterization,
// w = mu + softplus(rho) eps, and a dropout mask on the hidden layer kept
// where a standard normal exceeds Phi^-1(p) (probability 1 - p, p = 0.2),
// survivors scaled by 1 / (1 - p). Keys 3k, 3k + 1 and 3k + 2 draw the
// three noises of pass k.
func.func private @pass(%x: tensor<8x4xf32>, %key: tensor<i64>, %mu1: tensor<4x16xf32>, %rho1: tensor<4x16xf32>, %b1: tensor<16xf32>, %mu2: tensor<16x3xf32>, %rho2: tensor<16x3xf32>, %b2: tensor<3xf32>) -> tensor<8x3xf32> {
  %three = arith.constant dense<3> : tensor<i64>
  %k0 = nn.mul %key, %three : tensor<i64>, tensor<i64>
  %c1 = arith.constant dense<1> : tensor<i64>
  %c2 = arith.constant dense<2> : tensor<i64>
  %k1 = nn.add %k0, %c1 : tensor<i64>, tensor<i64>
  %k2 = nn.add %k0, %c2 : tensor<i64>, tensor<i64>
  %e1 = nn.random_normal %k0 : tensor<i64> -> tensor<4x16xf32>
  %s1 = nn.softplus %rho1 : tensor<4x16xf32>
  %n1 = nn.mul %s1, %e1 : tensor<4x16xf32>, tensor<4x16xf32>
  %w1 = nn.add %mu1, %n1 : tensor<4x16xf32>, tensor<4x16xf32>
  %e2 = nn.random_normal %k1 : tensor<i64> -> tensor<16x3xf32>
  %s2 = nn.softplus %rho2 : tensor<16x3xf32>
  %n2 = nn.mul %s2, %e2 : tensor<16x3xf32>, tensor<16x3xf32>
  %w2 = nn.add %mu2, %n2 : tensor<16x3xf32>, tensor<16x3xf32>
  %m1 = nn.matmul %x, %w1 : tensor<8x4xf32>, tensor<4x16xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x16xf32>, tensor<16xf32>
  %h = nn.relu %z1 : tensor<8x16xf32>
  %u = nn.random_normal %k2 : tensor<i64> -> tensor<8x16xf32>
  %thr = arith.constant dense<-8.4162123357291430e-01> : tensor<f32>
  %keep = nn.compare gt, %u, %thr : tensor<8x16xf32>, tensor<f32>
  %scale = arith.constant dense<1.250000000e+00> : tensor<f32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %mask = nn.select %keep, %scale, %zero : tensor<8x16xi1>, tensor<f32>, tensor<f32>
  %hd = nn.mul %h, %mask : tensor<8x16xf32>, tensor<8x16xf32>
  %m2 = nn.matmul %hd, %w2 : tensor<8x16xf32>, tensor<16x3xf32>
  %logits = nn.add %m2, %b2 : tensor<8x3xf32>, tensor<3xf32>
  return %logits : tensor<8x3xf32>
}

func.func @forward(%x: tensor<8x4xf32> {nn.input = "x"},
    %keys: tensor<5xi64> {nn.input = "keys"},
    %mu1: tensor<4x16xf32> {nn.param = "fc1.weight_mu"},
    %rho1: tensor<4x16xf32> {nn.param = "fc1.weight_rho"},
    %b1: tensor<16xf32> {nn.param = "fc1.bias"},
    %mu2: tensor<16x3xf32> {nn.param = "fc2.weight_mu"},
    %rho2: tensor<16x3xf32> {nn.param = "fc2.weight_rho"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"})
    -> (tensor<8x3xf32> {nn.output = "mean"}, tensor<8x3xf32> {nn.output = "variance"}) {
  %probs = nn.scan over(%keys : tensor<5xi64>) outputs(tensor<5x8x3xf32>) {
  ^bb0(%key: tensor<i64>):
    %logits = func.call @pass(%x, %key, %mu1, %rho1, %b1, %mu2, %rho2, %b2) : (tensor<8x4xf32>, tensor<i64>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<16x3xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
    %p = nn.softmax %logits axis 1 : tensor<8x3xf32>
    nn.yield %p : tensor<8x3xf32>
  }
  %mean = nn.reduce_mean %probs [0] : tensor<5x8x3xf32>
  %dev = nn.sub %probs, %mean : tensor<5x8x3xf32>, tensor<8x3xf32>
  %sq = nn.mul %dev, %dev : tensor<5x8x3xf32>, tensor<5x8x3xf32>
  %var = nn.reduce_mean %sq [0] : tensor<5x8x3xf32>
  return %mean, %var : tensor<8x3xf32>, tensor<8x3xf32>
}

func.func @loss(%x: tensor<8x4xf32> {nn.input = "x"},
    %y: tensor<8xi64> {nn.input = "y"},
    %key: tensor<i64> {nn.input = "key"},
    %mu1: tensor<4x16xf32> {nn.param = "fc1.weight_mu"},
    %rho1: tensor<4x16xf32> {nn.param = "fc1.weight_rho"},
    %b1: tensor<16xf32> {nn.param = "fc1.bias"},
    %mu2: tensor<16x3xf32> {nn.param = "fc2.weight_mu"},
    %rho2: tensor<16x3xf32> {nn.param = "fc2.weight_rho"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits = func.call @pass(%x, %key, %mu1, %rho1, %b1, %mu2, %rho2, %b2) : (tensor<8x4xf32>, tensor<i64>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<16xf32>, tensor<16x3xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  %ce = nn.cross_entropy %logits, %y : tensor<8x3xf32>, tensor<8xi64>
  %zero1 = arith.constant dense<0.0> : tensor<4x16xf32>
  %zero2 = arith.constant dense<0.0> : tensor<16x3xf32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %s1 = nn.softplus %rho1 : tensor<4x16xf32>
  %l1 = nn.log %s1 : tensor<4x16xf32>
  %lv1 = nn.mul %l1, %two : tensor<4x16xf32>, tensor<f32>
  %kl1 = nn.gaussian_kl_div %mu1, %lv1, %zero1, %zero1 {reduction = "sum"} : tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>
  %s2 = nn.softplus %rho2 : tensor<16x3xf32>
  %l2 = nn.log %s2 : tensor<16x3xf32>
  %lv2 = nn.mul %l2, %two : tensor<16x3xf32>, tensor<f32>
  %kl2 = nn.gaussian_kl_div %mu2, %lv2, %zero2, %zero2 {reduction = "sum"} : tensor<16x3xf32>, tensor<16x3xf32>, tensor<16x3xf32>, tensor<16x3xf32>
  %kl = nn.add %kl1, %kl2 : tensor<f32>, tensor<f32>
  %weight = arith.constant dense<0.01> : tensor<f32>
  %klw = nn.mul %kl, %weight : tensor<f32>, tensor<f32>
  %l = nn.add %ce, %klw : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
