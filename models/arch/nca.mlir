// [nca] A neural cellular automaton on a 6x6 grid of 4-channel cells
// (channel 3 is alpha), channels last, rolled out for 4 steps:
//  - perception by fixed filters: each channel, its Sobel x and its Sobel y
//    gradient (scaled by 1/8; zero padding at the border), computed from
//    shifted slices of the zero-padded grid;
//  - a per-cell update network (12 -> 16 ReLU -> 4, the 1x1 convolutions of
//    the original as matmuls over channels);
//  - a stochastic update mask: each cell fires where a keyed normal is
//    positive (probability 1/2);
//  - alive masking: a cell lives if the 3x3 neighbourhood maximum of alpha
//    exceeds 0.1 both before and after the update;
//  - the rollout is an nn.scan over per-step keys, and @loss (the mean
//    squared error of the final grid against a target pattern)
//    backpropagates through every step.
// Weights: nca.safetensors (test/arch/nca/make_golden.py).

func.func private @step(%s: tensor<1x6x6x4xf32>, %key: tensor<i64>, %w1: tensor<12x16xf32>, %b1: tensor<16xf32>, %w2: tensor<16x4xf32>) -> tensor<1x6x6x4xf32> {
  %threshold = arith.constant dense<0.1> : tensor<f32>
  %zeros = arith.constant dense<0.0> : tensor<1x8x8x4xf32>
  %padded = nn.slice_scatter %zeros, %s [0, 1, 1, 0] : tensor<1x8x8x4xf32>, tensor<1x6x6x4xf32>
  %sh00 = nn.slice %padded [0, 0, 0, 0] to [1, 6, 6, 4] : tensor<1x8x8x4xf32>
  %sh01 = nn.slice %padded [0, 0, 1, 0] to [1, 6, 7, 4] : tensor<1x8x8x4xf32>
  %sh02 = nn.slice %padded [0, 0, 2, 0] to [1, 6, 8, 4] : tensor<1x8x8x4xf32>
  %sh10 = nn.slice %padded [0, 1, 0, 0] to [1, 7, 6, 4] : tensor<1x8x8x4xf32>
  %sh11 = nn.slice %padded [0, 1, 1, 0] to [1, 7, 7, 4] : tensor<1x8x8x4xf32>
  %sh12 = nn.slice %padded [0, 1, 2, 0] to [1, 7, 8, 4] : tensor<1x8x8x4xf32>
  %sh20 = nn.slice %padded [0, 2, 0, 0] to [1, 8, 6, 4] : tensor<1x8x8x4xf32>
  %sh21 = nn.slice %padded [0, 2, 1, 0] to [1, 8, 7, 4] : tensor<1x8x8x4xf32>
  %sh22 = nn.slice %padded [0, 2, 2, 0] to [1, 8, 8, 4] : tensor<1x8x8x4xf32>
  %gxw0 = arith.constant dense<-1.250000e-01> : tensor<f32>
  %gxt0 = nn.mul %sh00, %gxw0 : tensor<1x6x6x4xf32>, tensor<f32>
  %gxw1 = arith.constant dense<1.250000e-01> : tensor<f32>
  %gxt1 = nn.mul %sh02, %gxw1 : tensor<1x6x6x4xf32>, tensor<f32>
  %gxa1 = nn.add %gxt0, %gxt1 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gxw2 = arith.constant dense<-2.500000e-01> : tensor<f32>
  %gxt2 = nn.mul %sh10, %gxw2 : tensor<1x6x6x4xf32>, tensor<f32>
  %gxa2 = nn.add %gxa1, %gxt2 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gxw3 = arith.constant dense<2.500000e-01> : tensor<f32>
  %gxt3 = nn.mul %sh12, %gxw3 : tensor<1x6x6x4xf32>, tensor<f32>
  %gxa3 = nn.add %gxa2, %gxt3 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gxw4 = arith.constant dense<-1.250000e-01> : tensor<f32>
  %gxt4 = nn.mul %sh20, %gxw4 : tensor<1x6x6x4xf32>, tensor<f32>
  %gxa4 = nn.add %gxa3, %gxt4 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gxw5 = arith.constant dense<1.250000e-01> : tensor<f32>
  %gxt5 = nn.mul %sh22, %gxw5 : tensor<1x6x6x4xf32>, tensor<f32>
  %gxa5 = nn.add %gxa4, %gxt5 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gyw0 = arith.constant dense<-1.250000e-01> : tensor<f32>
  %gyt0 = nn.mul %sh00, %gyw0 : tensor<1x6x6x4xf32>, tensor<f32>
  %gyw1 = arith.constant dense<-2.500000e-01> : tensor<f32>
  %gyt1 = nn.mul %sh01, %gyw1 : tensor<1x6x6x4xf32>, tensor<f32>
  %gya1 = nn.add %gyt0, %gyt1 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gyw2 = arith.constant dense<-1.250000e-01> : tensor<f32>
  %gyt2 = nn.mul %sh02, %gyw2 : tensor<1x6x6x4xf32>, tensor<f32>
  %gya2 = nn.add %gya1, %gyt2 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gyw3 = arith.constant dense<1.250000e-01> : tensor<f32>
  %gyt3 = nn.mul %sh20, %gyw3 : tensor<1x6x6x4xf32>, tensor<f32>
  %gya3 = nn.add %gya2, %gyt3 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gyw4 = arith.constant dense<2.500000e-01> : tensor<f32>
  %gyt4 = nn.mul %sh21, %gyw4 : tensor<1x6x6x4xf32>, tensor<f32>
  %gya4 = nn.add %gya3, %gyt4 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %gyw5 = arith.constant dense<1.250000e-01> : tensor<f32>
  %gyt5 = nn.mul %sh22, %gyw5 : tensor<1x6x6x4xf32>, tensor<f32>
  %gya5 = nn.add %gya4, %gyt5 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %perception = nn.concat %s, %gxa5, %gya5 axis 3 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %prepad = nn.slice_scatter %zeros, %s [0, 1, 1, 0] : tensor<1x8x8x4xf32>, tensor<1x6x6x4xf32>
  %prealpha = nn.slice %prepad [0, 0, 0, 3] to [1, 8, 8, 4] : tensor<1x8x8x4xf32>
  %prem00 = nn.slice %prealpha [0, 0, 0, 0] to [1, 6, 6, 1] : tensor<1x8x8x1xf32>
  %prem01 = nn.slice %prealpha [0, 0, 1, 0] to [1, 6, 7, 1] : tensor<1x8x8x1xf32>
  %prex01 = nn.maximum %prem00, %prem01 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem02 = nn.slice %prealpha [0, 0, 2, 0] to [1, 6, 8, 1] : tensor<1x8x8x1xf32>
  %prex02 = nn.maximum %prex01, %prem02 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem10 = nn.slice %prealpha [0, 1, 0, 0] to [1, 7, 6, 1] : tensor<1x8x8x1xf32>
  %prex10 = nn.maximum %prex02, %prem10 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem11 = nn.slice %prealpha [0, 1, 1, 0] to [1, 7, 7, 1] : tensor<1x8x8x1xf32>
  %prex11 = nn.maximum %prex10, %prem11 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem12 = nn.slice %prealpha [0, 1, 2, 0] to [1, 7, 8, 1] : tensor<1x8x8x1xf32>
  %prex12 = nn.maximum %prex11, %prem12 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem20 = nn.slice %prealpha [0, 2, 0, 0] to [1, 8, 6, 1] : tensor<1x8x8x1xf32>
  %prex20 = nn.maximum %prex12, %prem20 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem21 = nn.slice %prealpha [0, 2, 1, 0] to [1, 8, 7, 1] : tensor<1x8x8x1xf32>
  %prex21 = nn.maximum %prex20, %prem21 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %prem22 = nn.slice %prealpha [0, 2, 2, 0] to [1, 8, 8, 1] : tensor<1x8x8x1xf32>
  %prex22 = nn.maximum %prex21, %prem22 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %pre = nn.compare gt, %prex22, %threshold : tensor<1x6x6x1xf32>, tensor<f32>
  %hm = nn.matmul %perception, %w1 : tensor<1x6x6x12xf32>, tensor<12x16xf32>
  %hz = nn.add %hm, %b1 : tensor<1x6x6x16xf32>, tensor<16xf32>
  %h = nn.relu %hz : tensor<1x6x6x16xf32>
  %ds = nn.matmul %h, %w2 : tensor<1x6x6x16xf32>, tensor<16x4xf32>
  %u = nn.random_normal %key : tensor<i64> -> tensor<1x6x6x1xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %fires = nn.compare gt, %u, %zero : tensor<1x6x6x1xf32>, tensor<f32>
  %fire = nn.select %fires, %one, %zero : tensor<1x6x6x1xi1>, tensor<f32>, tensor<f32>
  %dsm = nn.mul %ds, %fire : tensor<1x6x6x4xf32>, tensor<1x6x6x1xf32>
  %next = nn.add %s, %dsm : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  %postpad = nn.slice_scatter %zeros, %next [0, 1, 1, 0] : tensor<1x8x8x4xf32>, tensor<1x6x6x4xf32>
  %postalpha = nn.slice %postpad [0, 0, 0, 3] to [1, 8, 8, 4] : tensor<1x8x8x4xf32>
  %postm00 = nn.slice %postalpha [0, 0, 0, 0] to [1, 6, 6, 1] : tensor<1x8x8x1xf32>
  %postm01 = nn.slice %postalpha [0, 0, 1, 0] to [1, 6, 7, 1] : tensor<1x8x8x1xf32>
  %postx01 = nn.maximum %postm00, %postm01 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm02 = nn.slice %postalpha [0, 0, 2, 0] to [1, 6, 8, 1] : tensor<1x8x8x1xf32>
  %postx02 = nn.maximum %postx01, %postm02 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm10 = nn.slice %postalpha [0, 1, 0, 0] to [1, 7, 6, 1] : tensor<1x8x8x1xf32>
  %postx10 = nn.maximum %postx02, %postm10 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm11 = nn.slice %postalpha [0, 1, 1, 0] to [1, 7, 7, 1] : tensor<1x8x8x1xf32>
  %postx11 = nn.maximum %postx10, %postm11 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm12 = nn.slice %postalpha [0, 1, 2, 0] to [1, 7, 8, 1] : tensor<1x8x8x1xf32>
  %postx12 = nn.maximum %postx11, %postm12 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm20 = nn.slice %postalpha [0, 2, 0, 0] to [1, 8, 6, 1] : tensor<1x8x8x1xf32>
  %postx20 = nn.maximum %postx12, %postm20 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm21 = nn.slice %postalpha [0, 2, 1, 0] to [1, 8, 7, 1] : tensor<1x8x8x1xf32>
  %postx21 = nn.maximum %postx20, %postm21 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %postm22 = nn.slice %postalpha [0, 2, 2, 0] to [1, 8, 8, 1] : tensor<1x8x8x1xf32>
  %postx22 = nn.maximum %postx21, %postm22 : tensor<1x6x6x1xf32>, tensor<1x6x6x1xf32>
  %post = nn.compare gt, %postx22, %threshold : tensor<1x6x6x1xf32>, tensor<f32>
  %both = nn.select %pre, %post, %pre : tensor<1x6x6x1xi1>, tensor<1x6x6x1xi1>, tensor<1x6x6x1xi1>
  %life = nn.select %both, %one, %zero : tensor<1x6x6x1xi1>, tensor<f32>, tensor<f32>
  %out = nn.mul %next, %life : tensor<1x6x6x4xf32>, tensor<1x6x6x1xf32>
  return %out : tensor<1x6x6x4xf32>
}

func.func @forward(%seed: tensor<1x6x6x4xf32> {nn.input = "seed"},
    %keys: tensor<4xi64> {nn.input = "keys"},
    %w1: tensor<12x16xf32> {nn.param = "update.fc1.weight"},
    %b1: tensor<16xf32> {nn.param = "update.fc1.bias"},
    %w2: tensor<16x4xf32> {nn.param = "update.fc2.weight"})
    -> (tensor<1x6x6x4xf32> {nn.output = "final"}) {
  %final, %trace = nn.scan init(%seed : tensor<1x6x6x4xf32>) over(%keys : tensor<4xi64>) finals(tensor<1x6x6x4xf32>) outputs(tensor<4x1x6x6x4xf32>) {
  ^bb0(%s: tensor<1x6x6x4xf32>, %key: tensor<i64>):
    %n = func.call @step(%s, %key, %w1, %b1, %w2) : (tensor<1x6x6x4xf32>, tensor<i64>, tensor<12x16xf32>, tensor<16xf32>, tensor<16x4xf32>) -> tensor<1x6x6x4xf32>
    nn.yield %n, %n : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  }
  return %final : tensor<1x6x6x4xf32>
}

func.func @loss(%seed: tensor<1x6x6x4xf32> {nn.input = "seed"},
    %keys: tensor<4xi64> {nn.input = "keys"},
    %target: tensor<1x6x6x4xf32> {nn.input = "target"},
    %w1: tensor<12x16xf32> {nn.param = "update.fc1.weight"},
    %b1: tensor<16xf32> {nn.param = "update.fc1.bias"},
    %w2: tensor<16x4xf32> {nn.param = "update.fc2.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %final, %trace = nn.scan init(%seed : tensor<1x6x6x4xf32>) over(%keys : tensor<4xi64>) finals(tensor<1x6x6x4xf32>) outputs(tensor<4x1x6x6x4xf32>) {
  ^bb0(%s: tensor<1x6x6x4xf32>, %key: tensor<i64>):
    %n = func.call @step(%s, %key, %w1, %b1, %w2) : (tensor<1x6x6x4xf32>, tensor<i64>, tensor<12x16xf32>, tensor<16xf32>, tensor<16x4xf32>) -> tensor<1x6x6x4xf32>
    nn.yield %n, %n : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  }
  %l = nn.mse_loss %final, %target : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32>
  return %l : tensor<f32>
}
