// [wavenet] A small WaveNet over a float audio signal of 33 samples (batch
// 2), predicting each next sample's 256-way mu-law class:
// - mu-law companding computed in the model: sign(x) log(1 + 255|x|) /
//   log(256) (log1p as log(1 + .)), mapped to classes 0 .. 255 by nn.cast
//   (truncation of the value + 0.5, torchaudio's mu_law_encoding);
// - the input classes one-hot, a causal convolution (kernel 2, padding 1
//   before and 0 after), then 4 layers of dilated causal convolutions (kernel
//   2, dilation 1, 2, 4, 8: padding `dilation` before, 0 after; receptive
//   field 17 samples) with the gated activation tanh(f) * sigmoid(g), where
//   the filter f and gate g come from one convolution with 16 outputs plus
//   the global conditioning V e (e: the speaker's embedding, one of 3);
// - residual (1x1 conv added to the layer's input; the last layer has none,
//   as its output feeds only the skip path) and skip (1x1 conv, summed)
//   connections; ReLU, 1x1 conv, ReLU, 1x1 conv to 256 logits; softmax.
// @forward returns the companded signal, the classes and the softmax of
// every step's next-sample distribution; @loss is the cross-entropy of the
// logits against the next sample's class.
// Weights: wavenet.safetensors (test/arch/wavenet/make_golden.py).
func.func @forward(%audio: tensor<2x33xf32> {nn.input = "audio"},
    %speaker: tensor<2xi64> {nn.input = "speaker"},
    %w_causal: tensor<8x256x2xf32> {nn.param = "causal.weight"},
    %b_causal: tensor<8xf32> {nn.param = "causal.bias"},
    %spk_table: tensor<3x4xf32> {nn.param = "speaker.weight"},
    %wg0: tensor<16x8x2xf32> {nn.param = "layers.0.gate.weight"},
    %bg0: tensor<16xf32> {nn.param = "layers.0.gate.bias"},
    %wc0: tensor<16x4xf32> {nn.param = "layers.0.cond.weight"},
    %wr0: tensor<8x8x1xf32> {nn.param = "layers.0.res.weight"},
    %br0: tensor<8xf32> {nn.param = "layers.0.res.bias"},
    %ws0: tensor<8x8x1xf32> {nn.param = "layers.0.skip.weight"},
    %bs0: tensor<8xf32> {nn.param = "layers.0.skip.bias"},
    %wg1: tensor<16x8x2xf32> {nn.param = "layers.1.gate.weight"},
    %bg1: tensor<16xf32> {nn.param = "layers.1.gate.bias"},
    %wc1: tensor<16x4xf32> {nn.param = "layers.1.cond.weight"},
    %wr1: tensor<8x8x1xf32> {nn.param = "layers.1.res.weight"},
    %br1: tensor<8xf32> {nn.param = "layers.1.res.bias"},
    %ws1: tensor<8x8x1xf32> {nn.param = "layers.1.skip.weight"},
    %bs1: tensor<8xf32> {nn.param = "layers.1.skip.bias"},
    %wg2: tensor<16x8x2xf32> {nn.param = "layers.2.gate.weight"},
    %bg2: tensor<16xf32> {nn.param = "layers.2.gate.bias"},
    %wc2: tensor<16x4xf32> {nn.param = "layers.2.cond.weight"},
    %wr2: tensor<8x8x1xf32> {nn.param = "layers.2.res.weight"},
    %br2: tensor<8xf32> {nn.param = "layers.2.res.bias"},
    %ws2: tensor<8x8x1xf32> {nn.param = "layers.2.skip.weight"},
    %bs2: tensor<8xf32> {nn.param = "layers.2.skip.bias"},
    %wg3: tensor<16x8x2xf32> {nn.param = "layers.3.gate.weight"},
    %bg3: tensor<16xf32> {nn.param = "layers.3.gate.bias"},
    %wc3: tensor<16x4xf32> {nn.param = "layers.3.cond.weight"},
    %ws3: tensor<8x8x1xf32> {nn.param = "layers.3.skip.weight"},
    %bs3: tensor<8xf32> {nn.param = "layers.3.skip.bias"},
    %wo1: tensor<8x8x1xf32> {nn.param = "out1.weight"},
    %bo1: tensor<8xf32> {nn.param = "out1.bias"},
    %wo2: tensor<256x8x1xf32> {nn.param = "out2.weight"},
    %bo2: tensor<256xf32> {nn.param = "out2.bias"})
    -> (tensor<2x33xf32> {nn.output = "companded"},
        tensor<2x33xi64> {nn.output = "classes"},
        tensor<2x256x32xf32> {nn.output = "probs"}) {
  // Mu-law companding (mu = 255) to classes 0 .. 255, as torchaudio's
  // mu_law_encoding: trunc((sign(x) log(1 + mu |x|) / log(1 + mu) + 1) / 2 * mu + 0.5).
  %mu = arith.constant dense<255.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %log1p_mu = arith.constant dense<5.5451774444795623> : tensor<f32>
  %half_mu = arith.constant dense<127.5> : tensor<f32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %abs = nn.abs %audio : tensor<2x33xf32>
  %mu_abs = nn.mul %abs, %mu : tensor<2x33xf32>, tensor<f32>
  %mu_abs1 = nn.add %mu_abs, %one : tensor<2x33xf32>, tensor<f32>
  %log = nn.log %mu_abs1 : tensor<2x33xf32>
  %mag = nn.div %log, %log1p_mu : tensor<2x33xf32>, tensor<f32>
  %sign = nn.sign %audio : tensor<2x33xf32>
  %companded = nn.mul %sign, %mag : tensor<2x33xf32>, tensor<2x33xf32>
  %shifted = nn.add %companded, %one : tensor<2x33xf32>, tensor<f32>
  %scaled = nn.mul %shifted, %half_mu : tensor<2x33xf32>, tensor<f32>
  %rounded = nn.add %scaled, %half : tensor<2x33xf32>, tensor<f32>
  %classes = nn.cast %rounded : tensor<2x33xf32> -> tensor<2x33xi64>
  // Samples 0 .. L-1 are the input, samples 1 .. L the next-sample targets.
  %inputs = nn.slice %classes [0, 0] to [2, 32] : tensor<2x33xi64>
  %targets = nn.slice %classes [0, 1] to [2, 33] : tensor<2x33xi64>
  %onehot = nn.one_hot %inputs : tensor<2x32xi64> -> tensor<2x32x256xf32>
  %onehot_t = nn.transpose %onehot [0, 2, 1] : tensor<2x32x256xf32>
  // The causal input convolution (kernel 2, left padding 1).
  %h0 = nn.conv %onehot_t, %w_causal, %b_causal {padding = array<i64: 1, 0>}
      : tensor<2x256x32xf32>, tensor<8x256x2xf32>, tensor<8xf32>
  // Global conditioning: the speaker's embedding.
  %emb = nn.gather %spk_table, %speaker {axis = 0} : tensor<3x4xf32>, tensor<2xi64>
  // Layer 0: dilation 1, causal (left padding 1).
  %z0 = nn.conv %h0, %wg0, %bg0 {padding = array<i64: 1, 0>, dilation = array<i64: 1>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc0_t = nn.transpose %wc0 [1, 0] : tensor<16x4xf32>
  %c0 = nn.matmul %emb, %wc0_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c0_col = nn.reshape %c0 [2, 16, 1] : tensor<2x16xf32>
  %a0 = nn.add %z0, %c0_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f0 = nn.slice %a0 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g0 = nn.slice %a0 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh0 = nn.tanh %f0 : tensor<2x8x32xf32>
  %sig0 = nn.sigmoid %g0 : tensor<2x8x32xf32>
  %o0 = nn.mul %tanh0, %sig0 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s0 = nn.conv %o0, %ws0, %bs0 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %r0 = nn.conv %o0, %wr0, %br0 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %h1 = nn.add %h0, %r0 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Layer 1: dilation 2, causal (left padding 2).
  %z1 = nn.conv %h1, %wg1, %bg1 {padding = array<i64: 2, 0>, dilation = array<i64: 2>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc1_t = nn.transpose %wc1 [1, 0] : tensor<16x4xf32>
  %c1 = nn.matmul %emb, %wc1_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c1_col = nn.reshape %c1 [2, 16, 1] : tensor<2x16xf32>
  %a1 = nn.add %z1, %c1_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f1 = nn.slice %a1 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g1 = nn.slice %a1 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh1 = nn.tanh %f1 : tensor<2x8x32xf32>
  %sig1 = nn.sigmoid %g1 : tensor<2x8x32xf32>
  %o1 = nn.mul %tanh1, %sig1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s1 = nn.conv %o1, %ws1, %bs1 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %skip1 = nn.add %s0, %s1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %r1 = nn.conv %o1, %wr1, %br1 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %h2 = nn.add %h1, %r1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Layer 2: dilation 4, causal (left padding 4).
  %z2 = nn.conv %h2, %wg2, %bg2 {padding = array<i64: 4, 0>, dilation = array<i64: 4>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc2_t = nn.transpose %wc2 [1, 0] : tensor<16x4xf32>
  %c2 = nn.matmul %emb, %wc2_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c2_col = nn.reshape %c2 [2, 16, 1] : tensor<2x16xf32>
  %a2 = nn.add %z2, %c2_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f2 = nn.slice %a2 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g2 = nn.slice %a2 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh2 = nn.tanh %f2 : tensor<2x8x32xf32>
  %sig2 = nn.sigmoid %g2 : tensor<2x8x32xf32>
  %o2 = nn.mul %tanh2, %sig2 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s2 = nn.conv %o2, %ws2, %bs2 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %skip2 = nn.add %skip1, %s2 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %r2 = nn.conv %o2, %wr2, %br2 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %h3 = nn.add %h2, %r2 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Layer 3: dilation 8, causal (left padding 8).
  %z3 = nn.conv %h3, %wg3, %bg3 {padding = array<i64: 8, 0>, dilation = array<i64: 8>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc3_t = nn.transpose %wc3 [1, 0] : tensor<16x4xf32>
  %c3 = nn.matmul %emb, %wc3_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c3_col = nn.reshape %c3 [2, 16, 1] : tensor<2x16xf32>
  %a3 = nn.add %z3, %c3_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f3 = nn.slice %a3 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g3 = nn.slice %a3 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh3 = nn.tanh %f3 : tensor<2x8x32xf32>
  %sig3 = nn.sigmoid %g3 : tensor<2x8x32xf32>
  %o3 = nn.mul %tanh3, %sig3 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s3 = nn.conv %o3, %ws3, %bs3 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %skip3 = nn.add %skip2, %s3 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Output: ReLU, 1x1 conv, ReLU, 1x1 conv to the 256 classes.
  %relu1 = nn.relu %skip3 : tensor<2x8x32xf32>
  %out1 = nn.conv %relu1, %wo1, %bo1 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %relu2 = nn.relu %out1 : tensor<2x8x32xf32>
  %logits = nn.conv %relu2, %wo2, %bo2 : tensor<2x8x32xf32>, tensor<256x8x1xf32>, tensor<256xf32>
  %probs = nn.softmax %logits axis 1 : tensor<2x256x32xf32>
  return %companded, %classes, %probs : tensor<2x33xf32>, tensor<2x33xi64>, tensor<2x256x32xf32>
}

// The mean cross-entropy of every step's logits against the next sample's
// mu-law class.
func.func @loss(%audio: tensor<2x33xf32> {nn.input = "audio"},
    %speaker: tensor<2xi64> {nn.input = "speaker"},
    %w_causal: tensor<8x256x2xf32> {nn.param = "causal.weight"},
    %b_causal: tensor<8xf32> {nn.param = "causal.bias"},
    %spk_table: tensor<3x4xf32> {nn.param = "speaker.weight"},
    %wg0: tensor<16x8x2xf32> {nn.param = "layers.0.gate.weight"},
    %bg0: tensor<16xf32> {nn.param = "layers.0.gate.bias"},
    %wc0: tensor<16x4xf32> {nn.param = "layers.0.cond.weight"},
    %wr0: tensor<8x8x1xf32> {nn.param = "layers.0.res.weight"},
    %br0: tensor<8xf32> {nn.param = "layers.0.res.bias"},
    %ws0: tensor<8x8x1xf32> {nn.param = "layers.0.skip.weight"},
    %bs0: tensor<8xf32> {nn.param = "layers.0.skip.bias"},
    %wg1: tensor<16x8x2xf32> {nn.param = "layers.1.gate.weight"},
    %bg1: tensor<16xf32> {nn.param = "layers.1.gate.bias"},
    %wc1: tensor<16x4xf32> {nn.param = "layers.1.cond.weight"},
    %wr1: tensor<8x8x1xf32> {nn.param = "layers.1.res.weight"},
    %br1: tensor<8xf32> {nn.param = "layers.1.res.bias"},
    %ws1: tensor<8x8x1xf32> {nn.param = "layers.1.skip.weight"},
    %bs1: tensor<8xf32> {nn.param = "layers.1.skip.bias"},
    %wg2: tensor<16x8x2xf32> {nn.param = "layers.2.gate.weight"},
    %bg2: tensor<16xf32> {nn.param = "layers.2.gate.bias"},
    %wc2: tensor<16x4xf32> {nn.param = "layers.2.cond.weight"},
    %wr2: tensor<8x8x1xf32> {nn.param = "layers.2.res.weight"},
    %br2: tensor<8xf32> {nn.param = "layers.2.res.bias"},
    %ws2: tensor<8x8x1xf32> {nn.param = "layers.2.skip.weight"},
    %bs2: tensor<8xf32> {nn.param = "layers.2.skip.bias"},
    %wg3: tensor<16x8x2xf32> {nn.param = "layers.3.gate.weight"},
    %bg3: tensor<16xf32> {nn.param = "layers.3.gate.bias"},
    %wc3: tensor<16x4xf32> {nn.param = "layers.3.cond.weight"},
    %ws3: tensor<8x8x1xf32> {nn.param = "layers.3.skip.weight"},
    %bs3: tensor<8xf32> {nn.param = "layers.3.skip.bias"},
    %wo1: tensor<8x8x1xf32> {nn.param = "out1.weight"},
    %bo1: tensor<8xf32> {nn.param = "out1.bias"},
    %wo2: tensor<256x8x1xf32> {nn.param = "out2.weight"},
    %bo2: tensor<256xf32> {nn.param = "out2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  // Mu-law companding (mu = 255) to classes 0 .. 255, as torchaudio's
  // mu_law_encoding: trunc((sign(x) log(1 + mu |x|) / log(1 + mu) + 1) / 2 * mu + 0.5).
  %mu = arith.constant dense<255.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %log1p_mu = arith.constant dense<5.5451774444795623> : tensor<f32>
  %half_mu = arith.constant dense<127.5> : tensor<f32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %abs = nn.abs %audio : tensor<2x33xf32>
  %mu_abs = nn.mul %abs, %mu : tensor<2x33xf32>, tensor<f32>
  %mu_abs1 = nn.add %mu_abs, %one : tensor<2x33xf32>, tensor<f32>
  %log = nn.log %mu_abs1 : tensor<2x33xf32>
  %mag = nn.div %log, %log1p_mu : tensor<2x33xf32>, tensor<f32>
  %sign = nn.sign %audio : tensor<2x33xf32>
  %companded = nn.mul %sign, %mag : tensor<2x33xf32>, tensor<2x33xf32>
  %shifted = nn.add %companded, %one : tensor<2x33xf32>, tensor<f32>
  %scaled = nn.mul %shifted, %half_mu : tensor<2x33xf32>, tensor<f32>
  %rounded = nn.add %scaled, %half : tensor<2x33xf32>, tensor<f32>
  %classes = nn.cast %rounded : tensor<2x33xf32> -> tensor<2x33xi64>
  // Samples 0 .. L-1 are the input, samples 1 .. L the next-sample targets.
  %inputs = nn.slice %classes [0, 0] to [2, 32] : tensor<2x33xi64>
  %targets = nn.slice %classes [0, 1] to [2, 33] : tensor<2x33xi64>
  %onehot = nn.one_hot %inputs : tensor<2x32xi64> -> tensor<2x32x256xf32>
  %onehot_t = nn.transpose %onehot [0, 2, 1] : tensor<2x32x256xf32>
  // The causal input convolution (kernel 2, left padding 1).
  %h0 = nn.conv %onehot_t, %w_causal, %b_causal {padding = array<i64: 1, 0>}
      : tensor<2x256x32xf32>, tensor<8x256x2xf32>, tensor<8xf32>
  // Global conditioning: the speaker's embedding.
  %emb = nn.gather %spk_table, %speaker {axis = 0} : tensor<3x4xf32>, tensor<2xi64>
  // Layer 0: dilation 1, causal (left padding 1).
  %z0 = nn.conv %h0, %wg0, %bg0 {padding = array<i64: 1, 0>, dilation = array<i64: 1>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc0_t = nn.transpose %wc0 [1, 0] : tensor<16x4xf32>
  %c0 = nn.matmul %emb, %wc0_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c0_col = nn.reshape %c0 [2, 16, 1] : tensor<2x16xf32>
  %a0 = nn.add %z0, %c0_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f0 = nn.slice %a0 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g0 = nn.slice %a0 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh0 = nn.tanh %f0 : tensor<2x8x32xf32>
  %sig0 = nn.sigmoid %g0 : tensor<2x8x32xf32>
  %o0 = nn.mul %tanh0, %sig0 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s0 = nn.conv %o0, %ws0, %bs0 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %r0 = nn.conv %o0, %wr0, %br0 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %h1 = nn.add %h0, %r0 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Layer 1: dilation 2, causal (left padding 2).
  %z1 = nn.conv %h1, %wg1, %bg1 {padding = array<i64: 2, 0>, dilation = array<i64: 2>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc1_t = nn.transpose %wc1 [1, 0] : tensor<16x4xf32>
  %c1 = nn.matmul %emb, %wc1_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c1_col = nn.reshape %c1 [2, 16, 1] : tensor<2x16xf32>
  %a1 = nn.add %z1, %c1_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f1 = nn.slice %a1 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g1 = nn.slice %a1 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh1 = nn.tanh %f1 : tensor<2x8x32xf32>
  %sig1 = nn.sigmoid %g1 : tensor<2x8x32xf32>
  %o1 = nn.mul %tanh1, %sig1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s1 = nn.conv %o1, %ws1, %bs1 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %skip1 = nn.add %s0, %s1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %r1 = nn.conv %o1, %wr1, %br1 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %h2 = nn.add %h1, %r1 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Layer 2: dilation 4, causal (left padding 4).
  %z2 = nn.conv %h2, %wg2, %bg2 {padding = array<i64: 4, 0>, dilation = array<i64: 4>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc2_t = nn.transpose %wc2 [1, 0] : tensor<16x4xf32>
  %c2 = nn.matmul %emb, %wc2_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c2_col = nn.reshape %c2 [2, 16, 1] : tensor<2x16xf32>
  %a2 = nn.add %z2, %c2_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f2 = nn.slice %a2 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g2 = nn.slice %a2 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh2 = nn.tanh %f2 : tensor<2x8x32xf32>
  %sig2 = nn.sigmoid %g2 : tensor<2x8x32xf32>
  %o2 = nn.mul %tanh2, %sig2 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s2 = nn.conv %o2, %ws2, %bs2 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %skip2 = nn.add %skip1, %s2 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %r2 = nn.conv %o2, %wr2, %br2 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %h3 = nn.add %h2, %r2 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Layer 3: dilation 8, causal (left padding 8).
  %z3 = nn.conv %h3, %wg3, %bg3 {padding = array<i64: 8, 0>, dilation = array<i64: 8>}
      : tensor<2x8x32xf32>, tensor<16x8x2xf32>, tensor<16xf32>
  %wc3_t = nn.transpose %wc3 [1, 0] : tensor<16x4xf32>
  %c3 = nn.matmul %emb, %wc3_t : tensor<2x4xf32>, tensor<4x16xf32>
  %c3_col = nn.reshape %c3 [2, 16, 1] : tensor<2x16xf32>
  %a3 = nn.add %z3, %c3_col : tensor<2x16x32xf32>, tensor<2x16x1xf32>
  %f3 = nn.slice %a3 [0, 0, 0] to [2, 8, 32] : tensor<2x16x32xf32>
  %g3 = nn.slice %a3 [0, 8, 0] to [2, 16, 32] : tensor<2x16x32xf32>
  %tanh3 = nn.tanh %f3 : tensor<2x8x32xf32>
  %sig3 = nn.sigmoid %g3 : tensor<2x8x32xf32>
  %o3 = nn.mul %tanh3, %sig3 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  %s3 = nn.conv %o3, %ws3, %bs3 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %skip3 = nn.add %skip2, %s3 : tensor<2x8x32xf32>, tensor<2x8x32xf32>
  // Output: ReLU, 1x1 conv, ReLU, 1x1 conv to the 256 classes.
  %relu1 = nn.relu %skip3 : tensor<2x8x32xf32>
  %out1 = nn.conv %relu1, %wo1, %bo1 : tensor<2x8x32xf32>, tensor<8x8x1xf32>, tensor<8xf32>
  %relu2 = nn.relu %out1 : tensor<2x8x32xf32>
  %logits = nn.conv %relu2, %wo2, %bo2 : tensor<2x8x32xf32>, tensor<256x8x1xf32>, tensor<256xf32>
  %logits_t = nn.transpose %logits [0, 2, 1] : tensor<2x256x32xf32>
  %rows = nn.reshape %logits_t [64, 256] : tensor<2x32x256xf32>
  %labels = nn.reshape %targets [64] : tensor<2x32xi64>
  %l = nn.cross_entropy %rows, %labels : tensor<64x256xf32>, tensor<64xi64>
  return %l : tensor<f32>
}
