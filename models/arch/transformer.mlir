// [transformer] Two small transformers over a vocabulary of 11 tokens,
// batch 2, sequences of 6 tokens, width 16:
//  - an encoder-decoder (Vaswani et al.): shared token embedding scaled by
//    sqrt(16) plus the sinusoidal positional encoding
//    PE[pos, 2i] = sin(pos / 10000^(2i/16)), PE[pos, 2i+1] = cos(same),
//    computed in the model with nn.sin/nn.cos; one post-norm encoder block
//    (4-head self-attention, residual, layer norm; position-wise FFN
//    16 -> 32 -> 16 with ReLU, residual, layer norm) and one post-norm
//    decoder block (4-head self-attention under the causal mask, cross-
//    attention to the encoder output, FFN, each with residual and layer
//    norm), then a linear generator to the vocabulary. The blocks compute
//    what torch.nn.TransformerEncoderLayer / TransformerDecoderLayer
//    (dropout 0, batch_first) compute with the same weights;
//  - a decoder-only language model in the LLaMA style: RMS norm, grouped-
//    query causal self-attention with 4 query heads sharing 2 key/value
//    heads (query heads 2g and 2g+1 read kv head g: the heads are grouped
//    by a reshape and the shared keys and values broadcast over the group,
//    never copied), rotary position embedding (RoPE, rotate-half form,
//    base 10000) applied to queries and keys, a SwiGLU FFN, final RMS norm
//    and a linear head.
// Weights are stored [in, out] (torch's Linear and MultiheadAttention
// weights transposed). @forward returns the positional encoding, the
// encoder output and the logits of both models; @loss is the sum of the
// cross-entropies of both models' logits against the next tokens (teacher
// forcing: the decoder reads the target sequence shifted right).
// Weights: transformer.safetensors (test/arch/transformer/make_golden.py).

/// The sinusoidal positional encoding of positions 0..5, width 16.
func.func private @sinusoidal_positions() -> tensor<6x16xf32> {
  %pos = arith.constant dense<[[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]> : tensor<6x1xf32>
  %i = arith.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]> : tensor<8xf32>
  // -ln(10000) * 2 / 16: the frequencies are 10000^(-2i/16).
  %step = arith.constant dense<-1.151292546> : tensor<f32>
  %exponent = nn.mul %i, %step : tensor<8xf32>, tensor<f32>
  %frequency = nn.exp %exponent : tensor<8xf32>
  %angle = nn.mul %pos, %frequency : tensor<6x1xf32>, tensor<8xf32>
  %sin = nn.sin %angle : tensor<6x8xf32>
  %cos = nn.cos %angle : tensor<6x8xf32>
  %sin3 = nn.reshape %sin [6, 8, 1] : tensor<6x8xf32>
  %cos3 = nn.reshape %cos [6, 8, 1] : tensor<6x8xf32>
  %pairs = nn.concat %sin3, %cos3 axis 2 : tensor<6x8x1xf32>, tensor<6x8x1xf32>
  %pe = nn.reshape %pairs [6, 16] : tensor<6x8x2xf32>
  return %pe : tensor<6x16xf32>
}

/// Token ids [2,6] to rows of the embedding table [11,16].
func.func private @embed(%tokens: tensor<2x6xi64>, %table: tensor<11x16xf32>)
    -> tensor<2x6x16xf32> {
  %onehot = nn.one_hot %tokens : tensor<2x6xi64> -> tensor<2x6x11xf32>
  %rows = nn.matmul %onehot, %table : tensor<2x6x11xf32>, tensor<11x16xf32>
  return %rows : tensor<2x6x16xf32>
}

/// 4-head attention of queries from %q_in over keys and values from %kv_in
/// (torch.nn.MultiheadAttention): %w holds the query, key and value
/// projections side by side, %mask is added to the scores.
func.func private @multi_head_attention(%q_in: tensor<2x6x16xf32>,
    %kv_in: tensor<2x6x16xf32>, %mask: tensor<6x6xf32>,
    %w: tensor<16x48xf32>, %b: tensor<48xf32>, %wo: tensor<16x16xf32>,
    %bo: tensor<16xf32>) -> tensor<2x6x16xf32> {
  %wq = nn.slice %w [0, 0] to [16, 16] : tensor<16x48xf32>
  %wkv = nn.slice %w [0, 16] to [16, 48] : tensor<16x48xf32>
  %bq = nn.slice %b [0] to [16] : tensor<48xf32>
  %bkv = nn.slice %b [16] to [48] : tensor<48xf32>
  %q0 = nn.matmul %q_in, %wq : tensor<2x6x16xf32>, tensor<16x16xf32>
  %q = nn.add %q0, %bq : tensor<2x6x16xf32>, tensor<16xf32>
  %kv0 = nn.matmul %kv_in, %wkv : tensor<2x6x16xf32>, tensor<16x32xf32>
  %kv = nn.add %kv0, %bkv : tensor<2x6x32xf32>, tensor<32xf32>
  %k = nn.slice %kv [0, 0, 0] to [2, 6, 16] : tensor<2x6x32xf32>
  %v = nn.slice %kv [0, 0, 16] to [2, 6, 32] : tensor<2x6x32xf32>
  %q4 = nn.reshape %q [2, 6, 4, 4] : tensor<2x6x16xf32>
  %k4 = nn.reshape %k [2, 6, 4, 4] : tensor<2x6x16xf32>
  %v4 = nn.reshape %v [2, 6, 4, 4] : tensor<2x6x16xf32>
  %qh = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x6x4x4xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x6x4x4xf32>
  %vh = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x6x4x4xf32>
  %dots = nn.matmul %qh, %kt : tensor<2x4x6x4xf32>, tensor<2x4x4x6xf32>
  // 1 / sqrt(head width 4).
  %scale = arith.constant dense<5.0e-01> : tensor<f32>
  %scaled = nn.mul %dots, %scale : tensor<2x4x6x6xf32>, tensor<f32>
  %scores = nn.add %scaled, %mask : tensor<2x4x6x6xf32>, tensor<6x6xf32>
  %weights = nn.softmax %scores axis -1 : tensor<2x4x6x6xf32>
  %oh = nn.matmul %weights, %vh : tensor<2x4x6x6xf32>, tensor<2x4x6x4xf32>
  %ot = nn.transpose %oh [0, 2, 1, 3] : tensor<2x4x6x4xf32>
  %o = nn.reshape %ot [2, 6, 16] : tensor<2x6x4x4xf32>
  %out0 = nn.matmul %o, %wo : tensor<2x6x16xf32>, tensor<16x16xf32>
  %out = nn.add %out0, %bo : tensor<2x6x16xf32>, tensor<16xf32>
  return %out : tensor<2x6x16xf32>
}

/// The position-wise FFN 16 -> 32 -> 16 with ReLU.
func.func private @feed_forward(%x: tensor<2x6x16xf32>, %w1: tensor<16x32xf32>,
    %b1: tensor<32xf32>, %w2: tensor<32x16xf32>, %b2: tensor<16xf32>)
    -> tensor<2x6x16xf32> {
  %h0 = nn.matmul %x, %w1 : tensor<2x6x16xf32>, tensor<16x32xf32>
  %h1 = nn.add %h0, %b1 : tensor<2x6x32xf32>, tensor<32xf32>
  %h = nn.relu %h1 : tensor<2x6x32xf32>
  %y0 = nn.matmul %h, %w2 : tensor<2x6x32xf32>, tensor<32x16xf32>
  %y = nn.add %y0, %b2 : tensor<2x6x16xf32>, tensor<16xf32>
  return %y : tensor<2x6x16xf32>
}

/// Residual connection then layer norm: norm(x + sublayer_out).
func.func private @add_norm(%x: tensor<2x6x16xf32>, %sub: tensor<2x6x16xf32>,
    %g: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<2x6x16xf32> {
  %r = nn.add %x, %sub : tensor<2x6x16xf32>, tensor<2x6x16xf32>
  %n = nn.layer_norm %r, %g, %b {eps = 1.0e-5}
      : tensor<2x6x16xf32>, tensor<16xf32>, tensor<16xf32>
  return %n : tensor<2x6x16xf32>
}

/// The encoder-decoder: returns the encoder output and the logits.
func.func private @encoder_decoder(%src: tensor<2x6xi64>, %tgt: tensor<2x6xi64>,
    %pe: tensor<6x16xf32>, %emb: tensor<11x16xf32>,
    %e_w: tensor<16x48xf32>, %e_b: tensor<48xf32>, %e_wo: tensor<16x16xf32>,
    %e_bo: tensor<16xf32>, %e_w1: tensor<16x32xf32>, %e_b1: tensor<32xf32>,
    %e_w2: tensor<32x16xf32>, %e_b2: tensor<16xf32>, %e_g1: tensor<16xf32>,
    %e_be1: tensor<16xf32>, %e_g2: tensor<16xf32>, %e_be2: tensor<16xf32>,
    %d_w: tensor<16x48xf32>, %d_b: tensor<48xf32>, %d_wo: tensor<16x16xf32>,
    %d_bo: tensor<16xf32>, %c_w: tensor<16x48xf32>, %c_b: tensor<48xf32>,
    %c_wo: tensor<16x16xf32>, %c_bo: tensor<16xf32>, %d_w1: tensor<16x32xf32>,
    %d_b1: tensor<32xf32>, %d_w2: tensor<32x16xf32>, %d_b2: tensor<16xf32>,
    %d_g1: tensor<16xf32>, %d_be1: tensor<16xf32>, %d_g2: tensor<16xf32>,
    %d_be2: tensor<16xf32>, %d_g3: tensor<16xf32>, %d_be3: tensor<16xf32>,
    %gen_w: tensor<16x11xf32>, %gen_b: tensor<11xf32>)
    -> (tensor<2x6x16xf32>, tensor<2x6x11xf32>) {
  // sqrt(16): the embedding scale.
  %emb_scale = arith.constant dense<4.0> : tensor<f32>
  %no_mask = arith.constant dense<0.0> : tensor<6x6xf32>
  %past = arith.constant dense<[[true, false, false, false, false, false],
                                [true, true, false, false, false, false],
                                [true, true, true, false, false, false],
                                [true, true, true, true, false, false],
                                [true, true, true, true, true, false],
                                [true, true, true, true, true, true]]> : tensor<6x6xi1>
  %neg_inf = arith.constant dense<0xFF800000> : tensor<f32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %causal = nn.select %past, %zero, %neg_inf : tensor<6x6xi1>, tensor<f32>, tensor<f32>

  // Encoder block.
  %xs = func.call @embed(%src, %emb) : (tensor<2x6xi64>, tensor<11x16xf32>) -> tensor<2x6x16xf32>
  %xs_scaled = nn.mul %xs, %emb_scale : tensor<2x6x16xf32>, tensor<f32>
  %x0 = nn.add %xs_scaled, %pe : tensor<2x6x16xf32>, tensor<6x16xf32>
  %e_sa = func.call @multi_head_attention(%x0, %x0, %no_mask, %e_w, %e_b, %e_wo, %e_bo)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<6x6xf32>, tensor<16x48xf32>,
         tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<2x6x16xf32>
  %x1 = func.call @add_norm(%x0, %e_sa, %e_g1, %e_be1)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x6x16xf32>
  %e_ff = func.call @feed_forward(%x1, %e_w1, %e_b1, %e_w2, %e_b2)
      : (tensor<2x6x16xf32>, tensor<16x32xf32>, tensor<32xf32>, tensor<32x16xf32>,
         tensor<16xf32>) -> tensor<2x6x16xf32>
  %memory = func.call @add_norm(%x1, %e_ff, %e_g2, %e_be2)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x6x16xf32>

  // Decoder block.
  %ys = func.call @embed(%tgt, %emb) : (tensor<2x6xi64>, tensor<11x16xf32>) -> tensor<2x6x16xf32>
  %ys_scaled = nn.mul %ys, %emb_scale : tensor<2x6x16xf32>, tensor<f32>
  %y0 = nn.add %ys_scaled, %pe : tensor<2x6x16xf32>, tensor<6x16xf32>
  %d_sa = func.call @multi_head_attention(%y0, %y0, %causal, %d_w, %d_b, %d_wo, %d_bo)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<6x6xf32>, tensor<16x48xf32>,
         tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<2x6x16xf32>
  %y1 = func.call @add_norm(%y0, %d_sa, %d_g1, %d_be1)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x6x16xf32>
  %d_ca = func.call @multi_head_attention(%y1, %memory, %no_mask, %c_w, %c_b, %c_wo, %c_bo)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<6x6xf32>, tensor<16x48xf32>,
         tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<2x6x16xf32>
  %y2 = func.call @add_norm(%y1, %d_ca, %d_g2, %d_be2)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x6x16xf32>
  %d_ff = func.call @feed_forward(%y2, %d_w1, %d_b1, %d_w2, %d_b2)
      : (tensor<2x6x16xf32>, tensor<16x32xf32>, tensor<32xf32>, tensor<32x16xf32>,
         tensor<16xf32>) -> tensor<2x6x16xf32>
  %y3 = func.call @add_norm(%y2, %d_ff, %d_g3, %d_be3)
      : (tensor<2x6x16xf32>, tensor<2x6x16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x6x16xf32>
  %logits0 = nn.matmul %y3, %gen_w : tensor<2x6x16xf32>, tensor<16x11xf32>
  %logits = nn.add %logits0, %gen_b : tensor<2x6x11xf32>, tensor<11xf32>
  return %memory, %logits : tensor<2x6x16xf32>, tensor<2x6x11xf32>
}

/// RoPE (rotate-half form) of 6 heads [2,6,6,4] at positions 0..5: the
/// halves (x1, x2) of every head turn by the angles pos * 10000^(-2i/4),
/// to (x1 cos - x2 sin, x2 cos + x1 sin).
func.func private @rotary(%x: tensor<2x6x6x4xf32>) -> tensor<2x6x6x4xf32> {
  %pos = arith.constant dense<[[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]> : tensor<6x1xf32>
  %frequency = arith.constant dense<[1.0, 1.0e-2]> : tensor<2xf32>
  %angle = nn.mul %pos, %frequency : tensor<6x1xf32>, tensor<2xf32>
  %angle3 = nn.reshape %angle [6, 1, 2] : tensor<6x2xf32>
  %cos = nn.cos %angle3 : tensor<6x1x2xf32>
  %sin = nn.sin %angle3 : tensor<6x1x2xf32>
  %x1 = nn.slice %x [0, 0, 0, 0] to [2, 6, 6, 2] : tensor<2x6x6x4xf32>
  %x2 = nn.slice %x [0, 0, 0, 2] to [2, 6, 6, 4] : tensor<2x6x6x4xf32>
  %x1c = nn.mul %x1, %cos : tensor<2x6x6x2xf32>, tensor<6x1x2xf32>
  %x2s = nn.mul %x2, %sin : tensor<2x6x6x2xf32>, tensor<6x1x2xf32>
  %r1 = nn.sub %x1c, %x2s : tensor<2x6x6x2xf32>, tensor<2x6x6x2xf32>
  %x2c = nn.mul %x2, %cos : tensor<2x6x6x2xf32>, tensor<6x1x2xf32>
  %x1s = nn.mul %x1, %sin : tensor<2x6x6x2xf32>, tensor<6x1x2xf32>
  %r2 = nn.add %x2c, %x1s : tensor<2x6x6x2xf32>, tensor<2x6x6x2xf32>
  %r = nn.concat %r1, %r2 axis 3 : tensor<2x6x6x2xf32>, tensor<2x6x6x2xf32>
  return %r : tensor<2x6x6x4xf32>
}

/// The LLaMA-style language model: returns its logits.
func.func private @gqa_language_model(%tokens: tensor<2x6xi64>,
    %emb: tensor<11x16xf32>, %g_attn: tensor<16xf32>, %w_qkv: tensor<16x32xf32>,
    %wo: tensor<16x16xf32>, %g_ffn: tensor<16xf32>, %w_gate: tensor<16x32xf32>,
    %w_up: tensor<16x32xf32>, %w_down: tensor<32x16xf32>, %g_out: tensor<16xf32>,
    %w_head: tensor<16x11xf32>) -> tensor<2x6x11xf32> {
  %past = arith.constant dense<[[true, false, false, false, false, false],
                                [true, true, false, false, false, false],
                                [true, true, true, false, false, false],
                                [true, true, true, true, false, false],
                                [true, true, true, true, true, false],
                                [true, true, true, true, true, true]]> : tensor<6x6xi1>
  %neg_inf = arith.constant dense<0xFF800000> : tensor<f32>
  %x = func.call @embed(%tokens, %emb) : (tensor<2x6xi64>, tensor<11x16xf32>) -> tensor<2x6x16xf32>

  // Grouped-query attention: 4 query heads, 2 key/value heads, width 4.
  // The projection gives [q heads 0..3 | k heads 0..1 | v heads 0..1].
  %h = nn.rms_norm %x, %g_attn {eps = 1.0e-6} : tensor<2x6x16xf32>, tensor<16xf32>
  %qkv = nn.matmul %h, %w_qkv : tensor<2x6x16xf32>, tensor<16x32xf32>
  %heads = nn.reshape %qkv [2, 6, 8, 4] : tensor<2x6x32xf32>
  %qk = nn.slice %heads [0, 0, 0, 0] to [2, 6, 6, 4] : tensor<2x6x8x4xf32>
  %v = nn.slice %heads [0, 0, 6, 0] to [2, 6, 8, 4] : tensor<2x6x8x4xf32>
  %qk_rot = func.call @rotary(%qk) : (tensor<2x6x6x4xf32>) -> tensor<2x6x6x4xf32>
  %q = nn.slice %qk_rot [0, 0, 0, 0] to [2, 6, 4, 4] : tensor<2x6x6x4xf32>
  %k = nn.slice %qk_rot [0, 0, 4, 0] to [2, 6, 6, 4] : tensor<2x6x6x4xf32>
  // Query head 2g + j (j in the group) is [b, g, j]; kv head g is [b, g, 1]
  // and broadcasts over j.
  %qh = nn.transpose %q [0, 2, 1, 3] : tensor<2x6x4x4xf32>
  %qg = nn.reshape %qh [2, 2, 2, 6, 4] : tensor<2x4x6x4xf32>
  %kt = nn.transpose %k [0, 2, 3, 1] : tensor<2x6x2x4xf32>
  %kg = nn.reshape %kt [2, 2, 1, 4, 6] : tensor<2x2x4x6xf32>
  %vh = nn.transpose %v [0, 2, 1, 3] : tensor<2x6x2x4xf32>
  %vg = nn.reshape %vh [2, 2, 1, 6, 4] : tensor<2x2x6x4xf32>
  %dots = nn.matmul %qg, %kg : tensor<2x2x2x6x4xf32>, tensor<2x2x1x4x6xf32>
  %scale = arith.constant dense<5.0e-01> : tensor<f32>
  %scaled = nn.mul %dots, %scale : tensor<2x2x2x6x6xf32>, tensor<f32>
  %scores = nn.select %past, %scaled, %neg_inf : tensor<6x6xi1>, tensor<2x2x2x6x6xf32>, tensor<f32>
  %weights = nn.softmax %scores axis -1 : tensor<2x2x2x6x6xf32>
  %og = nn.matmul %weights, %vg : tensor<2x2x2x6x6xf32>, tensor<2x2x1x6x4xf32>
  %oh = nn.reshape %og [2, 4, 6, 4] : tensor<2x2x2x6x4xf32>
  %ot = nn.transpose %oh [0, 2, 1, 3] : tensor<2x4x6x4xf32>
  %o = nn.reshape %ot [2, 6, 16] : tensor<2x6x4x4xf32>
  %attn = nn.matmul %o, %wo : tensor<2x6x16xf32>, tensor<16x16xf32>
  %x1 = nn.add %x, %attn : tensor<2x6x16xf32>, tensor<2x6x16xf32>

  // SwiGLU FFN: down(silu(gate(h)) * up(h)).
  %h2 = nn.rms_norm %x1, %g_ffn {eps = 1.0e-6} : tensor<2x6x16xf32>, tensor<16xf32>
  %gate0 = nn.matmul %h2, %w_gate : tensor<2x6x16xf32>, tensor<16x32xf32>
  %gate = nn.silu %gate0 : tensor<2x6x32xf32>
  %up = nn.matmul %h2, %w_up : tensor<2x6x16xf32>, tensor<16x32xf32>
  %glu = nn.mul %gate, %up : tensor<2x6x32xf32>, tensor<2x6x32xf32>
  %down = nn.matmul %glu, %w_down : tensor<2x6x32xf32>, tensor<32x16xf32>
  %x2 = nn.add %x1, %down : tensor<2x6x16xf32>, tensor<2x6x16xf32>
  %n = nn.rms_norm %x2, %g_out {eps = 1.0e-6} : tensor<2x6x16xf32>, tensor<16xf32>
  %logits = nn.matmul %n, %w_head : tensor<2x6x16xf32>, tensor<16x11xf32>
  return %logits : tensor<2x6x11xf32>
}

func.func @forward(%src: tensor<2x6xi64> {nn.input = "src_tokens"},
    %tgt: tensor<2x6xi64> {nn.input = "tgt_tokens"},
    %emb: tensor<11x16xf32> {nn.param = "embedding"},
    %e_w: tensor<16x48xf32> {nn.param = "encoder.self_attn.in_proj_weight"},
    %e_b: tensor<48xf32> {nn.param = "encoder.self_attn.in_proj_bias"},
    %e_wo: tensor<16x16xf32> {nn.param = "encoder.self_attn.out_proj.weight"},
    %e_bo: tensor<16xf32> {nn.param = "encoder.self_attn.out_proj.bias"},
    %e_w1: tensor<16x32xf32> {nn.param = "encoder.linear1.weight"},
    %e_b1: tensor<32xf32> {nn.param = "encoder.linear1.bias"},
    %e_w2: tensor<32x16xf32> {nn.param = "encoder.linear2.weight"},
    %e_b2: tensor<16xf32> {nn.param = "encoder.linear2.bias"},
    %e_g1: tensor<16xf32> {nn.param = "encoder.norm1.weight"},
    %e_be1: tensor<16xf32> {nn.param = "encoder.norm1.bias"},
    %e_g2: tensor<16xf32> {nn.param = "encoder.norm2.weight"},
    %e_be2: tensor<16xf32> {nn.param = "encoder.norm2.bias"},
    %d_w: tensor<16x48xf32> {nn.param = "decoder.self_attn.in_proj_weight"},
    %d_b: tensor<48xf32> {nn.param = "decoder.self_attn.in_proj_bias"},
    %d_wo: tensor<16x16xf32> {nn.param = "decoder.self_attn.out_proj.weight"},
    %d_bo: tensor<16xf32> {nn.param = "decoder.self_attn.out_proj.bias"},
    %c_w: tensor<16x48xf32> {nn.param = "decoder.multihead_attn.in_proj_weight"},
    %c_b: tensor<48xf32> {nn.param = "decoder.multihead_attn.in_proj_bias"},
    %c_wo: tensor<16x16xf32> {nn.param = "decoder.multihead_attn.out_proj.weight"},
    %c_bo: tensor<16xf32> {nn.param = "decoder.multihead_attn.out_proj.bias"},
    %d_w1: tensor<16x32xf32> {nn.param = "decoder.linear1.weight"},
    %d_b1: tensor<32xf32> {nn.param = "decoder.linear1.bias"},
    %d_w2: tensor<32x16xf32> {nn.param = "decoder.linear2.weight"},
    %d_b2: tensor<16xf32> {nn.param = "decoder.linear2.bias"},
    %d_g1: tensor<16xf32> {nn.param = "decoder.norm1.weight"},
    %d_be1: tensor<16xf32> {nn.param = "decoder.norm1.bias"},
    %d_g2: tensor<16xf32> {nn.param = "decoder.norm2.weight"},
    %d_be2: tensor<16xf32> {nn.param = "decoder.norm2.bias"},
    %d_g3: tensor<16xf32> {nn.param = "decoder.norm3.weight"},
    %d_be3: tensor<16xf32> {nn.param = "decoder.norm3.bias"},
    %gen_w: tensor<16x11xf32> {nn.param = "generator.weight"},
    %gen_b: tensor<11xf32> {nn.param = "generator.bias"},
    %lm_emb: tensor<11x16xf32> {nn.param = "lm.embedding"},
    %lm_g_attn: tensor<16xf32> {nn.param = "lm.attn_norm.weight"},
    %lm_w_qkv: tensor<16x32xf32> {nn.param = "lm.attn.qkv.weight"},
    %lm_wo: tensor<16x16xf32> {nn.param = "lm.attn.out.weight"},
    %lm_g_ffn: tensor<16xf32> {nn.param = "lm.ffn_norm.weight"},
    %lm_w_gate: tensor<16x32xf32> {nn.param = "lm.ffn.gate.weight"},
    %lm_w_up: tensor<16x32xf32> {nn.param = "lm.ffn.up.weight"},
    %lm_w_down: tensor<32x16xf32> {nn.param = "lm.ffn.down.weight"},
    %lm_g_out: tensor<16xf32> {nn.param = "lm.norm.weight"},
    %lm_w_head: tensor<16x11xf32> {nn.param = "lm.head.weight"})
    -> (tensor<6x16xf32> {nn.output = "positional_encoding"},
        tensor<2x6x16xf32> {nn.output = "encoder_output"},
        tensor<2x6x11xf32> {nn.output = "logits"},
        tensor<2x6x11xf32> {nn.output = "lm_logits"}) {
  %pe = func.call @sinusoidal_positions() : () -> tensor<6x16xf32>
  %memory, %logits = func.call @encoder_decoder(%src, %tgt, %pe, %emb,
      %e_w, %e_b, %e_wo, %e_bo, %e_w1, %e_b1, %e_w2, %e_b2, %e_g1, %e_be1,
      %e_g2, %e_be2, %d_w, %d_b, %d_wo, %d_bo, %c_w, %c_b, %c_wo, %c_bo,
      %d_w1, %d_b1, %d_w2, %d_b2, %d_g1, %d_be1, %d_g2, %d_be2, %d_g3, %d_be3,
      %gen_w, %gen_b)
      : (tensor<2x6xi64>, tensor<2x6xi64>, tensor<6x16xf32>, tensor<11x16xf32>,
         tensor<16x48xf32>, tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x32xf32>, tensor<32xf32>, tensor<32x16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16x48xf32>, tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x48xf32>, tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x32xf32>, tensor<32xf32>, tensor<32x16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16x11xf32>, tensor<11xf32>)
      -> (tensor<2x6x16xf32>, tensor<2x6x11xf32>)
  %lm_logits = func.call @gqa_language_model(%tgt, %lm_emb, %lm_g_attn, %lm_w_qkv,
      %lm_wo, %lm_g_ffn, %lm_w_gate, %lm_w_up, %lm_w_down, %lm_g_out, %lm_w_head)
      : (tensor<2x6xi64>, tensor<11x16xf32>, tensor<16xf32>, tensor<16x32xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>, tensor<16x32xf32>,
         tensor<32x16xf32>, tensor<16xf32>, tensor<16x11xf32>) -> tensor<2x6x11xf32>
  return %pe, %memory, %logits, %lm_logits
      : tensor<6x16xf32>, tensor<2x6x16xf32>, tensor<2x6x11xf32>, tensor<2x6x11xf32>
}

func.func @loss(%src: tensor<2x6xi64> {nn.input = "src_tokens"},
    %tgt: tensor<2x6xi64> {nn.input = "tgt_tokens"},
    %labels: tensor<2x6xi64> {nn.input = "tgt_labels"},
    %emb: tensor<11x16xf32> {nn.param = "embedding"},
    %e_w: tensor<16x48xf32> {nn.param = "encoder.self_attn.in_proj_weight"},
    %e_b: tensor<48xf32> {nn.param = "encoder.self_attn.in_proj_bias"},
    %e_wo: tensor<16x16xf32> {nn.param = "encoder.self_attn.out_proj.weight"},
    %e_bo: tensor<16xf32> {nn.param = "encoder.self_attn.out_proj.bias"},
    %e_w1: tensor<16x32xf32> {nn.param = "encoder.linear1.weight"},
    %e_b1: tensor<32xf32> {nn.param = "encoder.linear1.bias"},
    %e_w2: tensor<32x16xf32> {nn.param = "encoder.linear2.weight"},
    %e_b2: tensor<16xf32> {nn.param = "encoder.linear2.bias"},
    %e_g1: tensor<16xf32> {nn.param = "encoder.norm1.weight"},
    %e_be1: tensor<16xf32> {nn.param = "encoder.norm1.bias"},
    %e_g2: tensor<16xf32> {nn.param = "encoder.norm2.weight"},
    %e_be2: tensor<16xf32> {nn.param = "encoder.norm2.bias"},
    %d_w: tensor<16x48xf32> {nn.param = "decoder.self_attn.in_proj_weight"},
    %d_b: tensor<48xf32> {nn.param = "decoder.self_attn.in_proj_bias"},
    %d_wo: tensor<16x16xf32> {nn.param = "decoder.self_attn.out_proj.weight"},
    %d_bo: tensor<16xf32> {nn.param = "decoder.self_attn.out_proj.bias"},
    %c_w: tensor<16x48xf32> {nn.param = "decoder.multihead_attn.in_proj_weight"},
    %c_b: tensor<48xf32> {nn.param = "decoder.multihead_attn.in_proj_bias"},
    %c_wo: tensor<16x16xf32> {nn.param = "decoder.multihead_attn.out_proj.weight"},
    %c_bo: tensor<16xf32> {nn.param = "decoder.multihead_attn.out_proj.bias"},
    %d_w1: tensor<16x32xf32> {nn.param = "decoder.linear1.weight"},
    %d_b1: tensor<32xf32> {nn.param = "decoder.linear1.bias"},
    %d_w2: tensor<32x16xf32> {nn.param = "decoder.linear2.weight"},
    %d_b2: tensor<16xf32> {nn.param = "decoder.linear2.bias"},
    %d_g1: tensor<16xf32> {nn.param = "decoder.norm1.weight"},
    %d_be1: tensor<16xf32> {nn.param = "decoder.norm1.bias"},
    %d_g2: tensor<16xf32> {nn.param = "decoder.norm2.weight"},
    %d_be2: tensor<16xf32> {nn.param = "decoder.norm2.bias"},
    %d_g3: tensor<16xf32> {nn.param = "decoder.norm3.weight"},
    %d_be3: tensor<16xf32> {nn.param = "decoder.norm3.bias"},
    %gen_w: tensor<16x11xf32> {nn.param = "generator.weight"},
    %gen_b: tensor<11xf32> {nn.param = "generator.bias"},
    %lm_emb: tensor<11x16xf32> {nn.param = "lm.embedding"},
    %lm_g_attn: tensor<16xf32> {nn.param = "lm.attn_norm.weight"},
    %lm_w_qkv: tensor<16x32xf32> {nn.param = "lm.attn.qkv.weight"},
    %lm_wo: tensor<16x16xf32> {nn.param = "lm.attn.out.weight"},
    %lm_g_ffn: tensor<16xf32> {nn.param = "lm.ffn_norm.weight"},
    %lm_w_gate: tensor<16x32xf32> {nn.param = "lm.ffn.gate.weight"},
    %lm_w_up: tensor<16x32xf32> {nn.param = "lm.ffn.up.weight"},
    %lm_w_down: tensor<32x16xf32> {nn.param = "lm.ffn.down.weight"},
    %lm_g_out: tensor<16xf32> {nn.param = "lm.norm.weight"},
    %lm_w_head: tensor<16x11xf32> {nn.param = "lm.head.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %pe = func.call @sinusoidal_positions() : () -> tensor<6x16xf32>
  %memory, %logits = func.call @encoder_decoder(%src, %tgt, %pe, %emb,
      %e_w, %e_b, %e_wo, %e_bo, %e_w1, %e_b1, %e_w2, %e_b2, %e_g1, %e_be1,
      %e_g2, %e_be2, %d_w, %d_b, %d_wo, %d_bo, %c_w, %c_b, %c_wo, %c_bo,
      %d_w1, %d_b1, %d_w2, %d_b2, %d_g1, %d_be1, %d_g2, %d_be2, %d_g3, %d_be3,
      %gen_w, %gen_b)
      : (tensor<2x6xi64>, tensor<2x6xi64>, tensor<6x16xf32>, tensor<11x16xf32>,
         tensor<16x48xf32>, tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x32xf32>, tensor<32xf32>, tensor<32x16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16x48xf32>, tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x48xf32>, tensor<48xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x32xf32>, tensor<32xf32>, tensor<32x16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16x11xf32>, tensor<11xf32>)
      -> (tensor<2x6x16xf32>, tensor<2x6x11xf32>)
  %lm_logits = func.call @gqa_language_model(%tgt, %lm_emb, %lm_g_attn, %lm_w_qkv,
      %lm_wo, %lm_g_ffn, %lm_w_gate, %lm_w_up, %lm_w_down, %lm_g_out, %lm_w_head)
      : (tensor<2x6xi64>, tensor<11x16xf32>, tensor<16xf32>, tensor<16x32xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>, tensor<16x32xf32>,
         tensor<32x16xf32>, tensor<16xf32>, tensor<16x11xf32>) -> tensor<2x6x11xf32>
  %flat = nn.reshape %logits [12, 11] : tensor<2x6x11xf32>
  %lm_flat = nn.reshape %lm_logits [12, 11] : tensor<2x6x11xf32>
  %flat_labels = nn.reshape %labels [12] : tensor<2x6xi64>
  %l_s2s = nn.cross_entropy %flat, %flat_labels : tensor<12x11xf32>, tensor<12xi64>
  %l_lm = nn.cross_entropy %lm_flat, %flat_labels : tensor<12x11xf32>, tensor<12xi64>
  %loss = nn.add %l_s2s, %l_lm : tensor<f32>, tensor<f32>
  return %loss : tensor<f32>
}
