// [ddpm] A denoising diffusion model over 3-d data, 8 steps, batch 4,
// conditioned on a class (2 classes plus a null class 2 for
// classifier-free guidance):
//  - a linear beta schedule from 1e-4 to 0.2 and its alpha-bar products
//    (constants below, computed by test/arch/ddpm/make_golden.py);
//  - forward noising in closed form, x_t = sqrt(abar_t) x_0 +
//    sqrt(1 - abar_t) eps, with eps = nn.random_normal of a key;
//  - an epsilon-prediction network (an MLP fed x_t and learned embeddings of
//    the timestep and the class) trained by the simplified loss
//    |eps - eps_theta(x_t, t, c)|^2 (@loss; examples whose class is the null
//    class train the unconditional prediction);
//  - @forward: ancestral sampling from x_T ~ N(0, I), an nn.scan over the
//    steps T-1 .. 0, with guidance eps = (1 + w) eps(x, t, c) - w eps(x, t,
//    null), w = 2, and x_(t-1) = (x_t - beta_t / sqrt(1 - abar_t) eps) /
//    sqrt(alpha_t) + sigma_t z (sigma_0 = 0).
// The timestep embedding is a learned table where DDPM uses sinusoids (the
// nn dialect has no sin/cos yet).
// Weights: ddpm.safetensors (test/arch/ddpm/make_golden.py).

// eps_theta: relu(x W1 + onehot(t) Temb + onehot(c) Cemb + b1) W2 + b2.
func.func private @denoise(%x: tensor<4x3xf32>, %t: tensor<4x8xf32>,
    %c: tensor<4x3xf32>, %w1: tensor<3x16xf32>, %temb: tensor<8x16xf32>,
    %cemb: tensor<3x16xf32>, %b1: tensor<16xf32>, %w2: tensor<16x3xf32>,
    %b2: tensor<3xf32>) -> tensor<4x3xf32> {
  %xm = nn.matmul %x, %w1 : tensor<4x3xf32>, tensor<3x16xf32>
  %tm = nn.matmul %t, %temb : tensor<4x8xf32>, tensor<8x16xf32>
  %cm = nn.matmul %c, %cemb : tensor<4x3xf32>, tensor<3x16xf32>
  %s1 = nn.add %xm, %tm : tensor<4x16xf32>, tensor<4x16xf32>
  %s2 = nn.add %s1, %cm : tensor<4x16xf32>, tensor<4x16xf32>
  %s3 = nn.add %s2, %b1 : tensor<4x16xf32>, tensor<16xf32>
  %h = nn.relu %s3 : tensor<4x16xf32>
  %om = nn.matmul %h, %w2 : tensor<4x16xf32>, tensor<16x3xf32>
  %o = nn.add %om, %b2 : tensor<4x3xf32>, tensor<3xf32>
  return %o : tensor<4x3xf32>
}

func.func @forward(%key: tensor<i64> {nn.input = "key"},
    %c: tensor<4xi64> {nn.input = "c"},
    %w1: tensor<3x16xf32> {nn.param = "fc1.weight"},
    %temb: tensor<8x16xf32> {nn.param = "time_embedding"},
    %cemb: tensor<3x16xf32> {nn.param = "class_embedding"},
    %b1: tensor<16xf32> {nn.param = "fc1.bias"},
    %w2: tensor<16x3xf32> {nn.param = "fc2.weight"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"})
    -> (tensor<4x3xf32> {nn.output = "samples"}) {
  %noise = nn.random_normal %key : tensor<i64> -> tensor<9x4x3xf32>
  %xT3 = nn.slice %noise [0, 0, 0] to [1, 4, 3] : tensor<9x4x3xf32>
  %xT = nn.reshape %xT3 [4, 3] : tensor<1x4x3xf32>
  %zs = nn.slice %noise [1, 0, 0] to [9, 4, 3] : tensor<9x4x3xf32>
  %steps = arith.constant dense<[7, 6, 5, 4, 3, 2, 1, 0]> : tensor<8xi64>
  %cond = nn.one_hot %c : tensor<4xi64> -> tensor<4x3xf32>
  %nulls = arith.constant dense<2> : tensor<4xi64>
  %uncond = nn.one_hot %nulls : tensor<4xi64> -> tensor<4x3xf32>
  %c1tab = arith.constant dense<[1.000050004e+00, 1.014644077e+00, 1.029896313e+00, 1.045857717e+00, 1.062585004e+00, 1.080141452e+00, 1.098597907e+00, 1.118033989e+00]> : tensor<8xf32>
  %c2tab = arith.constant dense<[1.000000000e-02, 1.689980376e-01, 1.970291150e-01, 2.125359330e-01, 2.248354685e-01, 2.366648138e-01, 2.491594692e-01, 2.628920844e-01]> : tensor<8xf32>
  %sigtab = arith.constant dense<[0.000000000e+00, 1.692842073e-01, 2.391950788e-01, 2.928675956e-01, 3.381250825e-01, 3.780022676e-01, 4.140565869e-01, 4.472135955e-01]> : tensor<8xf32>
  %guide = arith.constant dense<2.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %x0, %trace = nn.scan init(%xT : tensor<4x3xf32>) over(%steps, %zs : tensor<8xi64>, tensor<8x4x3xf32>) finals(tensor<4x3xf32>) outputs(tensor<8x4x3xf32>) {
  ^bb0(%x: tensor<4x3xf32>, %t: tensor<i64>, %z: tensor<4x3xf32>):
    %th = nn.one_hot %t : tensor<i64> -> tensor<8xf32>
    %tb = nn.broadcast_to %th [4, 8] : tensor<8xf32>
    %ec = func.call @denoise(%x, %tb, %cond, %w1, %temb, %cemb, %b1, %w2, %b2) : (tensor<4x3xf32>, tensor<4x8xf32>, tensor<4x3xf32>, tensor<3x16xf32>, tensor<8x16xf32>, tensor<3x16xf32>, tensor<16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    %eu = func.call @denoise(%x, %tb, %uncond, %w1, %temb, %cemb, %b1, %w2, %b2) : (tensor<4x3xf32>, tensor<4x8xf32>, tensor<4x3xf32>, tensor<3x16xf32>, tensor<8x16xf32>, tensor<3x16xf32>, tensor<16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    %wp1 = nn.add %one, %guide : tensor<f32>, tensor<f32>
    %gc = nn.mul %ec, %wp1 : tensor<4x3xf32>, tensor<f32>
    %gu = nn.mul %eu, %guide : tensor<4x3xf32>, tensor<f32>
    %eps = nn.sub %gc, %gu : tensor<4x3xf32>, tensor<4x3xf32>
    %c1p = nn.mul %th, %c1tab : tensor<8xf32>, tensor<8xf32>
    %c1v = nn.reduce_sum %c1p [] : tensor<8xf32>
    %c2p = nn.mul %th, %c2tab : tensor<8xf32>, tensor<8xf32>
    %c2v = nn.reduce_sum %c2p [] : tensor<8xf32>
    %sgp = nn.mul %th, %sigtab : tensor<8xf32>, tensor<8xf32>
    %sgv = nn.reduce_sum %sgp [] : tensor<8xf32>
    %de = nn.mul %eps, %c2v : tensor<4x3xf32>, tensor<f32>
    %xd = nn.sub %x, %de : tensor<4x3xf32>, tensor<4x3xf32>
    %mean = nn.mul %xd, %c1v : tensor<4x3xf32>, tensor<f32>
    %sz = nn.mul %z, %sgv : tensor<4x3xf32>, tensor<f32>
    %xn = nn.add %mean, %sz : tensor<4x3xf32>, tensor<4x3xf32>
    nn.yield %xn, %xn : tensor<4x3xf32>, tensor<4x3xf32>
  }
  return %x0 : tensor<4x3xf32>
}

func.func @loss(%x0: tensor<4x3xf32> {nn.input = "x0"},
    %t: tensor<4xi64> {nn.input = "t"},
    %c: tensor<4xi64> {nn.input = "labels"},
    %key: tensor<i64> {nn.input = "noise_key"},
    %w1: tensor<3x16xf32> {nn.param = "fc1.weight"},
    %temb: tensor<8x16xf32> {nn.param = "time_embedding"},
    %cemb: tensor<3x16xf32> {nn.param = "class_embedding"},
    %b1: tensor<16xf32> {nn.param = "fc1.bias"},
    %w2: tensor<16x3xf32> {nn.param = "fc2.weight"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %eps = nn.random_normal %key : tensor<i64> -> tensor<4x3xf32>
  %abartab = arith.constant dense<[9.999000000e-01, 9.712457229e-01, 9.156765926e-01, 8.371377031e-01, 7.414289454e-01, 6.354893410e-01, 5.265392327e-01, 4.212313861e-01]> : tensor<8xf32>
  %th = nn.one_hot %t : tensor<4xi64> -> tensor<4x8xf32>
  %ab = nn.mul %th, %abartab : tensor<4x8xf32>, tensor<8xf32>
  %abar = nn.reduce_sum %ab [1] {keepdim = true} : tensor<4x8xf32>
  %sa = nn.sqrt %abar : tensor<4x1xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %rest = nn.sub %one, %abar : tensor<f32>, tensor<4x1xf32>
  %sr = nn.sqrt %rest : tensor<4x1xf32>
  %xs = nn.mul %x0, %sa : tensor<4x3xf32>, tensor<4x1xf32>
  %es = nn.mul %eps, %sr : tensor<4x3xf32>, tensor<4x1xf32>
  %xt = nn.add %xs, %es : tensor<4x3xf32>, tensor<4x3xf32>
  %ch = nn.one_hot %c : tensor<4xi64> -> tensor<4x3xf32>
  %pred = func.call @denoise(%xt, %th, %ch, %w1, %temb, %cemb, %b1, %w2, %b2) : (tensor<4x3xf32>, tensor<4x8xf32>, tensor<4x3xf32>, tensor<3x16xf32>, tensor<8x16xf32>, tensor<3x16xf32>, tensor<16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %l = nn.mse_loss %pred, %eps : tensor<4x3xf32>, tensor<4x3xf32>
  return %l : tensor<f32>
}
