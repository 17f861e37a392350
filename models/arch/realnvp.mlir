// [realnvp] A RealNVP normalizing flow on 4-d data, batch 8: two affine
// coupling layers with alternating binary masks ([1, 1, 0, 0] then
// [0, 0, 1, 1]). Each keeps its masked half and maps the other half by
// x exp(s) + t, with s = tanh(net_s(m x)) and t = net_t(m x) (two-layer
// ReLU networks). The exact log-likelihood is the standard normal
// log-density of z plus the sum of the log-determinants sum (1 - m) s.
// @forward gives z, log p(x) per example, and x reconstructed by the
// inverse pass (the layers undone in reverse order), which must equal x.
// @loss is the negative mean log-likelihood.
// Weights: realnvp.safetensors (test/arch/realnvp/make_golden.py).

func.func private @net(%h: tensor<8x4xf32>, %w1: tensor<4x8xf32>, %b1: tensor<8xf32>,
    %w2: tensor<8x4xf32>, %b2: tensor<4xf32>) -> tensor<8x4xf32> {
  %m1 = nn.matmul %h, %w1 : tensor<8x4xf32>, tensor<4x8xf32>
  %z1 = nn.add %m1, %b1 : tensor<8x8xf32>, tensor<8xf32>
  %a = nn.relu %z1 : tensor<8x8xf32>
  %m2 = nn.matmul %a, %w2 : tensor<8x8xf32>, tensor<8x4xf32>
  %o = nn.add %m2, %b2 : tensor<8x4xf32>, tensor<4xf32>
  return %o : tensor<8x4xf32>
}

// y = m x + (1 - m) (x exp(s(m x)) + t(m x)); log|det| = sum (1 - m) s.
func.func private @couple(%x: tensor<8x4xf32>, %mask: tensor<4xf32>, %sw1: tensor<4x8xf32>, %sb1: tensor<8xf32>, %sw2: tensor<8x4xf32>, %sb2: tensor<4xf32>,
    %tw1: tensor<4x8xf32>, %tb1: tensor<8xf32>, %tw2: tensor<8x4xf32>, %tb2: tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %free = nn.sub %one, %mask : tensor<f32>, tensor<4xf32>
  %in = nn.mul %x, %mask : tensor<8x4xf32>, tensor<4xf32>
  %sraw = func.call @net(%in, %sw1, %sb1, %sw2, %sb2) : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %stanh = nn.tanh %sraw : tensor<8x4xf32>
  %s = nn.mul %stanh, %free : tensor<8x4xf32>, tensor<4xf32>
  %traw = func.call @net(%in, %tw1, %tb1, %tw2, %tb2) : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %t = nn.mul %traw, %free : tensor<8x4xf32>, tensor<4xf32>
  %e = nn.exp %s : tensor<8x4xf32>
  %xe = nn.mul %x, %e : tensor<8x4xf32>, tensor<8x4xf32>
  %moved = nn.add %xe, %t : tensor<8x4xf32>, tensor<8x4xf32>
  %keptpart = nn.mul %x, %mask : tensor<8x4xf32>, tensor<4xf32>
  %movedpart = nn.mul %moved, %free : tensor<8x4xf32>, tensor<4xf32>
  %y = nn.add %keptpart, %movedpart : tensor<8x4xf32>, tensor<8x4xf32>
  %logdet = nn.reduce_sum %s [1] : tensor<8x4xf32>
  return %y, %logdet : tensor<8x4xf32>, tensor<8xf32>
}

// The inverse: x = m y + (1 - m) (y - t(m y)) exp(-s(m y)) (m y = m x).
func.func private @uncouple(%x: tensor<8x4xf32>, %mask: tensor<4xf32>, %sw1: tensor<4x8xf32>, %sb1: tensor<8xf32>, %sw2: tensor<8x4xf32>, %sb2: tensor<4xf32>,
    %tw1: tensor<4x8xf32>, %tb1: tensor<8xf32>, %tw2: tensor<8x4xf32>, %tb2: tensor<4xf32>) -> tensor<8x4xf32> {
  %one = arith.constant dense<1.0> : tensor<f32>
  %free = nn.sub %one, %mask : tensor<f32>, tensor<4xf32>
  %in = nn.mul %x, %mask : tensor<8x4xf32>, tensor<4xf32>
  %sraw = func.call @net(%in, %sw1, %sb1, %sw2, %sb2) : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %stanh = nn.tanh %sraw : tensor<8x4xf32>
  %s = nn.mul %stanh, %free : tensor<8x4xf32>, tensor<4xf32>
  %traw = func.call @net(%in, %tw1, %tb1, %tw2, %tb2) : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %t = nn.mul %traw, %free : tensor<8x4xf32>, tensor<4xf32>
  %ns = nn.neg %s : tensor<8x4xf32>
  %e = nn.exp %ns : tensor<8x4xf32>
  %yt = nn.sub %x, %t : tensor<8x4xf32>, tensor<8x4xf32>
  %back = nn.mul %yt, %e : tensor<8x4xf32>, tensor<8x4xf32>
  %keptpart = nn.mul %x, %mask : tensor<8x4xf32>, tensor<4xf32>
  %backpart = nn.mul %back, %free : tensor<8x4xf32>, tensor<4xf32>
  %r = nn.add %keptpart, %backpart : tensor<8x4xf32>, tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}

func.func @forward(%x: tensor<8x4xf32> {nn.input = "x"},
    %l0sw1: tensor<4x8xf32> {nn.param = "layer0.s.fc1.weight"},
    %l0sb1: tensor<8xf32> {nn.param = "layer0.s.fc1.bias"},
    %l0sw2: tensor<8x4xf32> {nn.param = "layer0.s.fc2.weight"},
    %l0sb2: tensor<4xf32> {nn.param = "layer0.s.fc2.bias"},
    %l0tw1: tensor<4x8xf32> {nn.param = "layer0.t.fc1.weight"},
    %l0tb1: tensor<8xf32> {nn.param = "layer0.t.fc1.bias"},
    %l0tw2: tensor<8x4xf32> {nn.param = "layer0.t.fc2.weight"},
    %l0tb2: tensor<4xf32> {nn.param = "layer0.t.fc2.bias"},
    %l1sw1: tensor<4x8xf32> {nn.param = "layer1.s.fc1.weight"},
    %l1sb1: tensor<8xf32> {nn.param = "layer1.s.fc1.bias"},
    %l1sw2: tensor<8x4xf32> {nn.param = "layer1.s.fc2.weight"},
    %l1sb2: tensor<4xf32> {nn.param = "layer1.s.fc2.bias"},
    %l1tw1: tensor<4x8xf32> {nn.param = "layer1.t.fc1.weight"},
    %l1tb1: tensor<8xf32> {nn.param = "layer1.t.fc1.bias"},
    %l1tw2: tensor<8x4xf32> {nn.param = "layer1.t.fc2.weight"},
    %l1tb2: tensor<4xf32> {nn.param = "layer1.t.fc2.bias"})
    -> (tensor<8x4xf32> {nn.output = "z"}, tensor<8xf32> {nn.output = "log_prob"},
        tensor<8x4xf32> {nn.output = "x_inverse"}) {
  %m0 = arith.constant dense<[1.0, 1.0, 0.0, 0.0]> : tensor<4xf32>
  %m1 = arith.constant dense<[0.0, 0.0, 1.0, 1.0]> : tensor<4xf32>
  %y0, %ld0 = func.call @couple(%x, %m0, %l0sw1, %l0sb1, %l0sw2, %l0sb2, %l0tw1, %l0tb1, %l0tw2, %l0tb2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8xf32>)
  %z, %ld1 = func.call @couple(%y0, %m1, %l1sw1, %l1sb1, %l1sw2, %l1sb2, %l1tw1, %l1tb1, %l1tw2, %l1tb2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8xf32>)
  %logdet = nn.add %ld0, %ld1 : tensor<8xf32>, tensor<8xf32>
  %zz = nn.mul %z, %z : tensor<8x4xf32>, tensor<8x4xf32>
  %sq = nn.reduce_sum %zz [1] : tensor<8x4xf32>
  %mhalf = arith.constant dense<-0.5> : tensor<f32>
  %quad = nn.mul %sq, %mhalf : tensor<8xf32>, tensor<f32>
  %norm = arith.constant dense<-3.675754133e+00> : tensor<f32>
  %base = nn.add %quad, %norm : tensor<8xf32>, tensor<f32>
  %logp = nn.add %base, %logdet : tensor<8xf32>, tensor<8xf32>
  %u1 = func.call @uncouple(%z, %m1, %l1sw1, %l1sb1, %l1sw2, %l1sb2, %l1tw1, %l1tb1, %l1tw2, %l1tb2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %u0 = func.call @uncouple(%u1, %m0, %l0sw1, %l0sb1, %l0sw2, %l0sb2, %l0tw1, %l0tb1, %l0tw2, %l0tb2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %z, %logp, %u0 : tensor<8x4xf32>, tensor<8xf32>, tensor<8x4xf32>
}

func.func @loss(%x: tensor<8x4xf32> {nn.input = "x"},
    %l0sw1: tensor<4x8xf32> {nn.param = "layer0.s.fc1.weight"},
    %l0sb1: tensor<8xf32> {nn.param = "layer0.s.fc1.bias"},
    %l0sw2: tensor<8x4xf32> {nn.param = "layer0.s.fc2.weight"},
    %l0sb2: tensor<4xf32> {nn.param = "layer0.s.fc2.bias"},
    %l0tw1: tensor<4x8xf32> {nn.param = "layer0.t.fc1.weight"},
    %l0tb1: tensor<8xf32> {nn.param = "layer0.t.fc1.bias"},
    %l0tw2: tensor<8x4xf32> {nn.param = "layer0.t.fc2.weight"},
    %l0tb2: tensor<4xf32> {nn.param = "layer0.t.fc2.bias"},
    %l1sw1: tensor<4x8xf32> {nn.param = "layer1.s.fc1.weight"},
    %l1sb1: tensor<8xf32> {nn.param = "layer1.s.fc1.bias"},
    %l1sw2: tensor<8x4xf32> {nn.param = "layer1.s.fc2.weight"},
    %l1sb2: tensor<4xf32> {nn.param = "layer1.s.fc2.bias"},
    %l1tw1: tensor<4x8xf32> {nn.param = "layer1.t.fc1.weight"},
    %l1tb1: tensor<8xf32> {nn.param = "layer1.t.fc1.bias"},
    %l1tw2: tensor<8x4xf32> {nn.param = "layer1.t.fc2.weight"},
    %l1tb2: tensor<4xf32> {nn.param = "layer1.t.fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %m0 = arith.constant dense<[1.0, 1.0, 0.0, 0.0]> : tensor<4xf32>
  %m1 = arith.constant dense<[0.0, 0.0, 1.0, 1.0]> : tensor<4xf32>
  %y0, %ld0 = func.call @couple(%x, %m0, %l0sw1, %l0sb1, %l0sw2, %l0sb2, %l0tw1, %l0tb1, %l0tw2, %l0tb2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8xf32>)
  %z, %ld1 = func.call @couple(%y0, %m1, %l1sw1, %l1sb1, %l1sw2, %l1sb2, %l1tw1, %l1tb1, %l1tw2, %l1tb2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> (tensor<8x4xf32>, tensor<8xf32>)
  %logdet = nn.add %ld0, %ld1 : tensor<8xf32>, tensor<8xf32>
  %zz = nn.mul %z, %z : tensor<8x4xf32>, tensor<8x4xf32>
  %sq = nn.reduce_sum %zz [1] : tensor<8x4xf32>
  %mhalf = arith.constant dense<-0.5> : tensor<f32>
  %quad = nn.mul %sq, %mhalf : tensor<8xf32>, tensor<f32>
  %norm = arith.constant dense<-3.675754133e+00> : tensor<f32>
  %base = nn.add %quad, %norm : tensor<8xf32>, tensor<f32>
  %logp = nn.add %base, %logdet : tensor<8xf32>, tensor<8xf32>
  %mean = nn.reduce_mean %logp [] : tensor<8xf32>
  %nll = nn.neg %mean : tensor<f32>
  return %nll : tensor<f32>
}
