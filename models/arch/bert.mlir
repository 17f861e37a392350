// [bert] A tiny BERT (Devlin et al.) pre-trained and fine-tuned in one
// model: vocabulary of 20 ids (0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP],
// 4 [MASK]; the words are 5..19), width 16, 2 heads of width 8, FFN 64,
// 2 layers, batch 2 of sentence pairs [CLS] A [SEP] B [SEP] of 8 tokens.
//  - Masked-LM input corruption drawn in the model from the rank-0 key by
//    keyed uniform draws (nn.random_uniform with keys key, key + 1,
//    key + 2): a word position (never [PAD], [UNK], [CLS], [SEP] or
//    [MASK]) is selected with probability 0.15; a selected position
//    becomes [MASK] with probability 0.8, a random word (5 + floor(15 u),
//    uniform over the 15 words) with 0.1, and keeps its id with 0.1;
//  - embeddings: rows of the token table (for the corrupted ids), the
//    position table (positions 0..7 of 16) and the segment (token type)
//    table, all by nn.gather, summed and layer-normalized;
//  - 2 post-LN encoder layers: multi-head self-attention whose scores get
//    BERT's extended attention mask (1 - attention_mask) * -10000 (padding
//    keys are not attended), residual, layer norm; FFN 16 -> 64 -> 16 with
//    exact (erf) GELU, residual, layer norm;
//  - the MLM head: dense, GELU, layer norm, then the decoder tied to the
//    token embedding table (its transpose) plus an output bias;
//  - the pooler (dense + tanh on the [CLS] state) feeding the 2-way
//    next-sentence-prediction head and a 3-class [CLS] classification
//    head (fine-tuning).
// Layer norms use BERT's eps 1e-12. Weights are stored [in, out].
// @forward returns the corrupted ids, the selection mask and the logits of
// the three heads; @loss = the MLM cross-entropy over the selected
// positions only (labels -100 elsewhere, nll_loss's ignore_index: the mean
// over the selected) + the NSP and the classification cross-entropies.
// Weights: bert.safetensors (test/arch/bert/make_golden.py).

/// BERT's masked-LM corruption of %ids, drawn from %key: returns the
/// corrupted ids and the selected positions (those the MLM loss predicts).
func.func private @mlm_masking(%ids: tensor<2x8xi64>, %key: tensor<i64>)
    -> (tensor<2x8xi64>, tensor<2x8xi1>) {
  %one = arith.constant dense<1> : tensor<i64>
  %two = arith.constant dense<2> : tensor<i64>
  %key_branch = nn.add %key, %one : tensor<i64>, tensor<i64>
  %key_word = nn.add %key, %two : tensor<i64>, tensor<i64>
  %u_select = nn.random_uniform %key : tensor<i64> -> tensor<2x8xf32>
  %u_branch = nn.random_uniform %key_branch : tensor<i64> -> tensor<2x8xf32>
  %u_word = nn.random_uniform %key_word : tensor<i64> -> tensor<2x8xf32>
  // Only words are selected: a special id's draw is replaced by 1, which
  // no threshold passes.
  %first_word = arith.constant dense<5> : tensor<i64>
  %is_word = nn.compare ge, %ids, %first_word : tensor<2x8xi64>, tensor<i64>
  %never = arith.constant dense<1.0> : tensor<f32>
  %u_word_select = nn.select %is_word, %u_select, %never
      : tensor<2x8xi1>, tensor<2x8xf32>, tensor<f32>
  %p_select = arith.constant dense<0.15> : tensor<f32>
  %selected = nn.compare lt, %u_word_select, %p_select : tensor<2x8xf32>, tensor<f32>
  // The random word 5 + floor(15 u); the float32 product rounds up to 15
  // for u within 2^-21 of 1, hence the minimum with the last word's index.
  %words = arith.constant dense<15.0> : tensor<f32>
  %scaled = nn.mul %u_word, %words : tensor<2x8xf32>, tensor<f32>
  %index = nn.cast %scaled : tensor<2x8xf32> -> tensor<2x8xi64>
  %last_index = arith.constant dense<14> : tensor<i64>
  %word_index = nn.minimum %index, %last_index : tensor<2x8xi64>, tensor<i64>
  %word = nn.add %word_index, %first_word : tensor<2x8xi64>, tensor<i64>
  // u_branch < 0.8: [MASK]; 0.8 <= u_branch < 0.9: the random word; else
  // the id stays.
  %p_mask = arith.constant dense<0.8> : tensor<f32>
  %p_mask_or_random = arith.constant dense<0.9> : tensor<f32>
  %is_mask = nn.compare lt, %u_branch, %p_mask : tensor<2x8xf32>, tensor<f32>
  %is_random = nn.compare lt, %u_branch, %p_mask_or_random : tensor<2x8xf32>, tensor<f32>
  %mask_id = arith.constant dense<4> : tensor<i64>
  %random_or_kept = nn.select %is_random, %word, %ids
      : tensor<2x8xi1>, tensor<2x8xi64>, tensor<2x8xi64>
  %replacement = nn.select %is_mask, %mask_id, %random_or_kept
      : tensor<2x8xi1>, tensor<i64>, tensor<2x8xi64>
  %masked = nn.select %selected, %replacement, %ids
      : tensor<2x8xi1>, tensor<2x8xi64>, tensor<2x8xi64>
  return %masked, %selected : tensor<2x8xi64>, tensor<2x8xi1>
}

/// Token + position + segment embeddings, summed and layer-normalized.
func.func private @embeddings(%ids: tensor<2x8xi64>, %types: tensor<2x8xi64>,
    %word: tensor<20x16xf32>, %position: tensor<16x16xf32>,
    %token_type: tensor<2x16xf32>, %g: tensor<16xf32>, %b: tensor<16xf32>)
    -> tensor<2x8x16xf32> {
  %positions = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
  %word_rows = nn.gather %word, %ids {axis = 0}
      : tensor<20x16xf32>, tensor<2x8xi64>
  %position_rows = nn.gather %position, %positions {axis = 0}
      : tensor<16x16xf32>, tensor<8xi64>
  %type_rows = nn.gather %token_type, %types {axis = 0}
      : tensor<2x16xf32>, tensor<2x8xi64>
  %sum0 = nn.add %word_rows, %position_rows : tensor<2x8x16xf32>, tensor<8x16xf32>
  %sum = nn.add %sum0, %type_rows : tensor<2x8x16xf32>, tensor<2x8x16xf32>
  %h = nn.layer_norm %sum, %g, %b {eps = 1.0e-12}
      : tensor<2x8x16xf32>, tensor<16xf32>, tensor<16xf32>
  return %h : tensor<2x8x16xf32>
}

/// BERT's extended attention mask: (1 - attention_mask) * -10000 [2,1,1,8],
/// added to the attention scores of every head and query.
func.func private @attention_bias(%mask: tensor<2x8xi64>) -> tensor<2x1x1x8xf32> {
  %keep = nn.cast %mask : tensor<2x8xi64> -> tensor<2x8xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %padding = nn.sub %one, %keep : tensor<f32>, tensor<2x8xf32>
  %big = arith.constant dense<-1.0e+04> : tensor<f32>
  %bias = nn.mul %padding, %big : tensor<2x8xf32>, tensor<f32>
  %bias4 = nn.reshape %bias [2, 1, 1, 8] : tensor<2x8xf32>
  return %bias4 : tensor<2x1x1x8xf32>
}

/// One post-LN encoder layer: 2-head self-attention with the score bias
/// %bias, residual, layer norm; GELU FFN, residual, layer norm.
func.func private @encoder_layer(%x: tensor<2x8x16xf32>, %bias: tensor<2x1x1x8xf32>,
    %wq: tensor<16x16xf32>, %bq: tensor<16xf32>, %wk: tensor<16x16xf32>,
    %bk: tensor<16xf32>, %wv: tensor<16x16xf32>, %bv: tensor<16xf32>,
    %wo: tensor<16x16xf32>, %bo: tensor<16xf32>, %g1: tensor<16xf32>,
    %be1: tensor<16xf32>, %w1: tensor<16x64xf32>, %b1: tensor<64xf32>,
    %w2: tensor<64x16xf32>, %b2: tensor<16xf32>, %g2: tensor<16xf32>,
    %be2: tensor<16xf32>) -> tensor<2x8x16xf32> {
  %q0 = nn.matmul %x, %wq : tensor<2x8x16xf32>, tensor<16x16xf32>
  %q = nn.add %q0, %bq : tensor<2x8x16xf32>, tensor<16xf32>
  %k0 = nn.matmul %x, %wk : tensor<2x8x16xf32>, tensor<16x16xf32>
  %k = nn.add %k0, %bk : tensor<2x8x16xf32>, tensor<16xf32>
  %v0 = nn.matmul %x, %wv : tensor<2x8x16xf32>, tensor<16x16xf32>
  %v = nn.add %v0, %bv : tensor<2x8x16xf32>, tensor<16xf32>
  %q4 = nn.reshape %q [2, 8, 2, 8] : tensor<2x8x16xf32>
  %k4 = nn.reshape %k [2, 8, 2, 8] : tensor<2x8x16xf32>
  %v4 = nn.reshape %v [2, 8, 2, 8] : tensor<2x8x16xf32>
  %qh = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x8x2x8xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x8x2x8xf32>
  %vh = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x8x2x8xf32>
  %dots = nn.matmul %qh, %kt : tensor<2x2x8x8xf32>, tensor<2x2x8x8xf32>
  // 1 / sqrt(head width 8).
  %scale = arith.constant dense<3.535533906e-01> : tensor<f32>
  %scaled = nn.mul %dots, %scale : tensor<2x2x8x8xf32>, tensor<f32>
  %scores = nn.add %scaled, %bias : tensor<2x2x8x8xf32>, tensor<2x1x1x8xf32>
  %weights = nn.softmax %scores axis -1 : tensor<2x2x8x8xf32>
  %oh = nn.matmul %weights, %vh : tensor<2x2x8x8xf32>, tensor<2x2x8x8xf32>
  %ot = nn.transpose %oh [0, 2, 1, 3] : tensor<2x2x8x8xf32>
  %o = nn.reshape %ot [2, 8, 16] : tensor<2x8x2x8xf32>
  %a0 = nn.matmul %o, %wo : tensor<2x8x16xf32>, tensor<16x16xf32>
  %a = nn.add %a0, %bo : tensor<2x8x16xf32>, tensor<16xf32>
  %r1 = nn.add %x, %a : tensor<2x8x16xf32>, tensor<2x8x16xf32>
  %x1 = nn.layer_norm %r1, %g1, %be1 {eps = 1.0e-12}
      : tensor<2x8x16xf32>, tensor<16xf32>, tensor<16xf32>
  %h0 = nn.matmul %x1, %w1 : tensor<2x8x16xf32>, tensor<16x64xf32>
  %h1 = nn.add %h0, %b1 : tensor<2x8x64xf32>, tensor<64xf32>
  %h = nn.gelu %h1 : tensor<2x8x64xf32>
  %f0 = nn.matmul %h, %w2 : tensor<2x8x64xf32>, tensor<64x16xf32>
  %f = nn.add %f0, %b2 : tensor<2x8x16xf32>, tensor<16xf32>
  %r2 = nn.add %x1, %f : tensor<2x8x16xf32>, tensor<2x8x16xf32>
  %x2 = nn.layer_norm %r2, %g2, %be2 {eps = 1.0e-12}
      : tensor<2x8x16xf32>, tensor<16xf32>, tensor<16xf32>
  return %x2 : tensor<2x8x16xf32>
}

/// The whole model: the corrupted ids, the selection, the MLM, NSP and
/// classification logits.
func.func private @bert(%ids: tensor<2x8xi64>, %types: tensor<2x8xi64>,
    %mask: tensor<2x8xi64>, %key: tensor<i64>,
    %word: tensor<20x16xf32>, %position: tensor<16x16xf32>,
    %token_type: tensor<2x16xf32>, %emb_g: tensor<16xf32>,
    %emb_b: tensor<16xf32>, %l0_wq: tensor<16x16xf32>, %l0_bq: tensor<16xf32>,
    %l0_wk: tensor<16x16xf32>, %l0_bk: tensor<16xf32>,
    %l0_wv: tensor<16x16xf32>, %l0_bv: tensor<16xf32>,
    %l0_wo: tensor<16x16xf32>, %l0_bo: tensor<16xf32>, %l0_g1: tensor<16xf32>,
    %l0_be1: tensor<16xf32>, %l0_w1: tensor<16x64xf32>, %l0_b1: tensor<64xf32>,
    %l0_w2: tensor<64x16xf32>, %l0_b2: tensor<16xf32>, %l0_g2: tensor<16xf32>,
    %l0_be2: tensor<16xf32>, %l1_wq: tensor<16x16xf32>, %l1_bq: tensor<16xf32>,
    %l1_wk: tensor<16x16xf32>, %l1_bk: tensor<16xf32>,
    %l1_wv: tensor<16x16xf32>, %l1_bv: tensor<16xf32>,
    %l1_wo: tensor<16x16xf32>, %l1_bo: tensor<16xf32>, %l1_g1: tensor<16xf32>,
    %l1_be1: tensor<16xf32>, %l1_w1: tensor<16x64xf32>, %l1_b1: tensor<64xf32>,
    %l1_w2: tensor<64x16xf32>, %l1_b2: tensor<16xf32>, %l1_g2: tensor<16xf32>,
    %l1_be2: tensor<16xf32>, %mlm_w: tensor<16x16xf32>, %mlm_b: tensor<16xf32>,
    %mlm_g: tensor<16xf32>, %mlm_be: tensor<16xf32>, %mlm_bias: tensor<20xf32>,
    %pool_w: tensor<16x16xf32>, %pool_b: tensor<16xf32>,
    %nsp_w: tensor<16x2xf32>, %nsp_b: tensor<2xf32>, %cls_w: tensor<16x3xf32>,
    %cls_b: tensor<3xf32>)
    -> (tensor<2x8xi64>, tensor<2x8xi1>, tensor<2x8x20xf32>, tensor<2x2xf32>,
        tensor<2x3xf32>) {
  %masked, %selected = func.call @mlm_masking(%ids, %key)
      : (tensor<2x8xi64>, tensor<i64>) -> (tensor<2x8xi64>, tensor<2x8xi1>)
  %h0 = func.call @embeddings(%masked, %types, %word, %position, %token_type,
                              %emb_g, %emb_b)
      : (tensor<2x8xi64>, tensor<2x8xi64>, tensor<20x16xf32>, tensor<16x16xf32>,
         tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x8x16xf32>
  %bias = func.call @attention_bias(%mask) : (tensor<2x8xi64>) -> tensor<2x1x1x8xf32>
  %h1 = func.call @encoder_layer(%h0, %bias, %l0_wq, %l0_bq, %l0_wk, %l0_bk,
      %l0_wv, %l0_bv, %l0_wo, %l0_bo, %l0_g1, %l0_be1, %l0_w1, %l0_b1, %l0_w2,
      %l0_b2, %l0_g2, %l0_be2)
      : (tensor<2x8x16xf32>, tensor<2x1x1x8xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x64xf32>, tensor<64xf32>, tensor<64x16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x8x16xf32>
  %h2 = func.call @encoder_layer(%h1, %bias, %l1_wq, %l1_bq, %l1_wk, %l1_bk,
      %l1_wv, %l1_bv, %l1_wo, %l1_bo, %l1_g1, %l1_be1, %l1_w1, %l1_b1, %l1_w2,
      %l1_b2, %l1_g2, %l1_be2)
      : (tensor<2x8x16xf32>, tensor<2x1x1x8xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x64xf32>, tensor<64xf32>, tensor<64x16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x8x16xf32>
  // MLM head; the decoder is the token embedding table, transposed.
  %t0 = nn.matmul %h2, %mlm_w : tensor<2x8x16xf32>, tensor<16x16xf32>
  %t1 = nn.add %t0, %mlm_b : tensor<2x8x16xf32>, tensor<16xf32>
  %t2 = nn.gelu %t1 : tensor<2x8x16xf32>
  %t = nn.layer_norm %t2, %mlm_g, %mlm_be {eps = 1.0e-12}
      : tensor<2x8x16xf32>, tensor<16xf32>, tensor<16xf32>
  %decoder = nn.transpose %word [1, 0] : tensor<20x16xf32>
  %mlm0 = nn.matmul %t, %decoder : tensor<2x8x16xf32>, tensor<16x20xf32>
  %mlm = nn.add %mlm0, %mlm_bias : tensor<2x8x20xf32>, tensor<20xf32>
  // Pooler on [CLS], then the NSP and classification heads.
  %cls3 = nn.slice %h2 [0, 0, 0] to [2, 1, 16] : tensor<2x8x16xf32>
  %cls = nn.reshape %cls3 [2, 16] : tensor<2x1x16xf32>
  %p0 = nn.matmul %cls, %pool_w : tensor<2x16xf32>, tensor<16x16xf32>
  %p1 = nn.add %p0, %pool_b : tensor<2x16xf32>, tensor<16xf32>
  %pooled = nn.tanh %p1 : tensor<2x16xf32>
  %n0 = nn.matmul %pooled, %nsp_w : tensor<2x16xf32>, tensor<16x2xf32>
  %nsp = nn.add %n0, %nsp_b : tensor<2x2xf32>, tensor<2xf32>
  %c0 = nn.matmul %pooled, %cls_w : tensor<2x16xf32>, tensor<16x3xf32>
  %classes = nn.add %c0, %cls_b : tensor<2x3xf32>, tensor<3xf32>
  return %masked, %selected, %mlm, %nsp, %classes
      : tensor<2x8xi64>, tensor<2x8xi1>, tensor<2x8x20xf32>, tensor<2x2xf32>,
        tensor<2x3xf32>
}

func.func @forward(%ids: tensor<2x8xi64> {nn.input = "input_ids"},
    %types: tensor<2x8xi64> {nn.input = "token_type_ids"},
    %mask: tensor<2x8xi64> {nn.input = "attention_mask"},
    %key: tensor<i64> {nn.input = "key"},
    %word: tensor<20x16xf32> {nn.param = "embeddings.word"},
    %position: tensor<16x16xf32> {nn.param = "embeddings.position"},
    %token_type: tensor<2x16xf32> {nn.param = "embeddings.token_type"},
    %emb_g: tensor<16xf32> {nn.param = "embeddings.norm.weight"},
    %emb_b: tensor<16xf32> {nn.param = "embeddings.norm.bias"},
    %l0_wq: tensor<16x16xf32> {nn.param = "encoder.0.attention.query.weight"},
    %l0_bq: tensor<16xf32> {nn.param = "encoder.0.attention.query.bias"},
    %l0_wk: tensor<16x16xf32> {nn.param = "encoder.0.attention.key.weight"},
    %l0_bk: tensor<16xf32> {nn.param = "encoder.0.attention.key.bias"},
    %l0_wv: tensor<16x16xf32> {nn.param = "encoder.0.attention.value.weight"},
    %l0_bv: tensor<16xf32> {nn.param = "encoder.0.attention.value.bias"},
    %l0_wo: tensor<16x16xf32> {nn.param = "encoder.0.attention.output.weight"},
    %l0_bo: tensor<16xf32> {nn.param = "encoder.0.attention.output.bias"},
    %l0_g1: tensor<16xf32> {nn.param = "encoder.0.attention.norm.weight"},
    %l0_be1: tensor<16xf32> {nn.param = "encoder.0.attention.norm.bias"},
    %l0_w1: tensor<16x64xf32> {nn.param = "encoder.0.intermediate.weight"},
    %l0_b1: tensor<64xf32> {nn.param = "encoder.0.intermediate.bias"},
    %l0_w2: tensor<64x16xf32> {nn.param = "encoder.0.output.weight"},
    %l0_b2: tensor<16xf32> {nn.param = "encoder.0.output.bias"},
    %l0_g2: tensor<16xf32> {nn.param = "encoder.0.output.norm.weight"},
    %l0_be2: tensor<16xf32> {nn.param = "encoder.0.output.norm.bias"},
    %l1_wq: tensor<16x16xf32> {nn.param = "encoder.1.attention.query.weight"},
    %l1_bq: tensor<16xf32> {nn.param = "encoder.1.attention.query.bias"},
    %l1_wk: tensor<16x16xf32> {nn.param = "encoder.1.attention.key.weight"},
    %l1_bk: tensor<16xf32> {nn.param = "encoder.1.attention.key.bias"},
    %l1_wv: tensor<16x16xf32> {nn.param = "encoder.1.attention.value.weight"},
    %l1_bv: tensor<16xf32> {nn.param = "encoder.1.attention.value.bias"},
    %l1_wo: tensor<16x16xf32> {nn.param = "encoder.1.attention.output.weight"},
    %l1_bo: tensor<16xf32> {nn.param = "encoder.1.attention.output.bias"},
    %l1_g1: tensor<16xf32> {nn.param = "encoder.1.attention.norm.weight"},
    %l1_be1: tensor<16xf32> {nn.param = "encoder.1.attention.norm.bias"},
    %l1_w1: tensor<16x64xf32> {nn.param = "encoder.1.intermediate.weight"},
    %l1_b1: tensor<64xf32> {nn.param = "encoder.1.intermediate.bias"},
    %l1_w2: tensor<64x16xf32> {nn.param = "encoder.1.output.weight"},
    %l1_b2: tensor<16xf32> {nn.param = "encoder.1.output.bias"},
    %l1_g2: tensor<16xf32> {nn.param = "encoder.1.output.norm.weight"},
    %l1_be2: tensor<16xf32> {nn.param = "encoder.1.output.norm.bias"},
    %mlm_w: tensor<16x16xf32> {nn.param = "mlm.transform.weight"},
    %mlm_b: tensor<16xf32> {nn.param = "mlm.transform.bias"},
    %mlm_g: tensor<16xf32> {nn.param = "mlm.norm.weight"},
    %mlm_be: tensor<16xf32> {nn.param = "mlm.norm.bias"},
    %mlm_bias: tensor<20xf32> {nn.param = "mlm.bias"},
    %pool_w: tensor<16x16xf32> {nn.param = "pooler.weight"},
    %pool_b: tensor<16xf32> {nn.param = "pooler.bias"},
    %nsp_w: tensor<16x2xf32> {nn.param = "nsp.weight"},
    %nsp_b: tensor<2xf32> {nn.param = "nsp.bias"},
    %cls_w: tensor<16x3xf32> {nn.param = "classifier.weight"},
    %cls_b: tensor<3xf32> {nn.param = "classifier.bias"})
    -> (tensor<2x8xi64> {nn.output = "masked_input_ids"},
        tensor<2x8xi1> {nn.output = "mlm_selected"},
        tensor<2x8x20xf32> {nn.output = "mlm_logits"},
        tensor<2x2xf32> {nn.output = "nsp_logits"},
        tensor<2x3xf32> {nn.output = "cls_logits"}) {
  %masked, %selected, %mlm, %nsp, %classes = func.call @bert(%ids, %types,
      %mask, %key, %word, %position, %token_type, %emb_g, %emb_b, %l0_wq,
      %l0_bq, %l0_wk, %l0_bk, %l0_wv, %l0_bv, %l0_wo, %l0_bo, %l0_g1, %l0_be1,
      %l0_w1, %l0_b1, %l0_w2, %l0_b2, %l0_g2, %l0_be2, %l1_wq, %l1_bq, %l1_wk,
      %l1_bk, %l1_wv, %l1_bv, %l1_wo, %l1_bo, %l1_g1, %l1_be1, %l1_w1, %l1_b1,
      %l1_w2, %l1_b2, %l1_g2, %l1_be2, %mlm_w, %mlm_b, %mlm_g, %mlm_be,
      %mlm_bias, %pool_w, %pool_b, %nsp_w, %nsp_b, %cls_w, %cls_b)
      : (tensor<2x8xi64>, tensor<2x8xi64>, tensor<2x8xi64>, tensor<i64>,
        tensor<20x16xf32>, tensor<16x16xf32>, tensor<2x16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x64xf32>,
        tensor<64xf32>, tensor<64x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x64xf32>,
        tensor<64xf32>, tensor<64x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<20xf32>, tensor<16x16xf32>, tensor<16xf32>,
        tensor<16x2xf32>, tensor<2xf32>, tensor<16x3xf32>, tensor<3xf32>)
      -> (tensor<2x8xi64>, tensor<2x8xi1>, tensor<2x8x20xf32>, tensor<2x2xf32>,
          tensor<2x3xf32>)
  return %masked, %selected, %mlm, %nsp, %classes
      : tensor<2x8xi64>, tensor<2x8xi1>, tensor<2x8x20xf32>, tensor<2x2xf32>,
        tensor<2x3xf32>
}

func.func @loss(%ids: tensor<2x8xi64> {nn.input = "input_ids"},
    %types: tensor<2x8xi64> {nn.input = "token_type_ids"},
    %mask: tensor<2x8xi64> {nn.input = "attention_mask"},
    %key: tensor<i64> {nn.input = "key"},
    %nsp_labels: tensor<2xi64> {nn.input = "next_sentence_labels"},
    %class_labels: tensor<2xi64> {nn.input = "class_labels"},
    %word: tensor<20x16xf32> {nn.param = "embeddings.word"},
    %position: tensor<16x16xf32> {nn.param = "embeddings.position"},
    %token_type: tensor<2x16xf32> {nn.param = "embeddings.token_type"},
    %emb_g: tensor<16xf32> {nn.param = "embeddings.norm.weight"},
    %emb_b: tensor<16xf32> {nn.param = "embeddings.norm.bias"},
    %l0_wq: tensor<16x16xf32> {nn.param = "encoder.0.attention.query.weight"},
    %l0_bq: tensor<16xf32> {nn.param = "encoder.0.attention.query.bias"},
    %l0_wk: tensor<16x16xf32> {nn.param = "encoder.0.attention.key.weight"},
    %l0_bk: tensor<16xf32> {nn.param = "encoder.0.attention.key.bias"},
    %l0_wv: tensor<16x16xf32> {nn.param = "encoder.0.attention.value.weight"},
    %l0_bv: tensor<16xf32> {nn.param = "encoder.0.attention.value.bias"},
    %l0_wo: tensor<16x16xf32> {nn.param = "encoder.0.attention.output.weight"},
    %l0_bo: tensor<16xf32> {nn.param = "encoder.0.attention.output.bias"},
    %l0_g1: tensor<16xf32> {nn.param = "encoder.0.attention.norm.weight"},
    %l0_be1: tensor<16xf32> {nn.param = "encoder.0.attention.norm.bias"},
    %l0_w1: tensor<16x64xf32> {nn.param = "encoder.0.intermediate.weight"},
    %l0_b1: tensor<64xf32> {nn.param = "encoder.0.intermediate.bias"},
    %l0_w2: tensor<64x16xf32> {nn.param = "encoder.0.output.weight"},
    %l0_b2: tensor<16xf32> {nn.param = "encoder.0.output.bias"},
    %l0_g2: tensor<16xf32> {nn.param = "encoder.0.output.norm.weight"},
    %l0_be2: tensor<16xf32> {nn.param = "encoder.0.output.norm.bias"},
    %l1_wq: tensor<16x16xf32> {nn.param = "encoder.1.attention.query.weight"},
    %l1_bq: tensor<16xf32> {nn.param = "encoder.1.attention.query.bias"},
    %l1_wk: tensor<16x16xf32> {nn.param = "encoder.1.attention.key.weight"},
    %l1_bk: tensor<16xf32> {nn.param = "encoder.1.attention.key.bias"},
    %l1_wv: tensor<16x16xf32> {nn.param = "encoder.1.attention.value.weight"},
    %l1_bv: tensor<16xf32> {nn.param = "encoder.1.attention.value.bias"},
    %l1_wo: tensor<16x16xf32> {nn.param = "encoder.1.attention.output.weight"},
    %l1_bo: tensor<16xf32> {nn.param = "encoder.1.attention.output.bias"},
    %l1_g1: tensor<16xf32> {nn.param = "encoder.1.attention.norm.weight"},
    %l1_be1: tensor<16xf32> {nn.param = "encoder.1.attention.norm.bias"},
    %l1_w1: tensor<16x64xf32> {nn.param = "encoder.1.intermediate.weight"},
    %l1_b1: tensor<64xf32> {nn.param = "encoder.1.intermediate.bias"},
    %l1_w2: tensor<64x16xf32> {nn.param = "encoder.1.output.weight"},
    %l1_b2: tensor<16xf32> {nn.param = "encoder.1.output.bias"},
    %l1_g2: tensor<16xf32> {nn.param = "encoder.1.output.norm.weight"},
    %l1_be2: tensor<16xf32> {nn.param = "encoder.1.output.norm.bias"},
    %mlm_w: tensor<16x16xf32> {nn.param = "mlm.transform.weight"},
    %mlm_b: tensor<16xf32> {nn.param = "mlm.transform.bias"},
    %mlm_g: tensor<16xf32> {nn.param = "mlm.norm.weight"},
    %mlm_be: tensor<16xf32> {nn.param = "mlm.norm.bias"},
    %mlm_bias: tensor<20xf32> {nn.param = "mlm.bias"},
    %pool_w: tensor<16x16xf32> {nn.param = "pooler.weight"},
    %pool_b: tensor<16xf32> {nn.param = "pooler.bias"},
    %nsp_w: tensor<16x2xf32> {nn.param = "nsp.weight"},
    %nsp_b: tensor<2xf32> {nn.param = "nsp.bias"},
    %cls_w: tensor<16x3xf32> {nn.param = "classifier.weight"},
    %cls_b: tensor<3xf32> {nn.param = "classifier.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %masked, %selected, %mlm, %nsp, %classes = func.call @bert(%ids, %types,
      %mask, %key, %word, %position, %token_type, %emb_g, %emb_b, %l0_wq,
      %l0_bq, %l0_wk, %l0_bk, %l0_wv, %l0_bv, %l0_wo, %l0_bo, %l0_g1, %l0_be1,
      %l0_w1, %l0_b1, %l0_w2, %l0_b2, %l0_g2, %l0_be2, %l1_wq, %l1_bq, %l1_wk,
      %l1_bk, %l1_wv, %l1_bv, %l1_wo, %l1_bo, %l1_g1, %l1_be1, %l1_w1, %l1_b1,
      %l1_w2, %l1_b2, %l1_g2, %l1_be2, %mlm_w, %mlm_b, %mlm_g, %mlm_be,
      %mlm_bias, %pool_w, %pool_b, %nsp_w, %nsp_b, %cls_w, %cls_b)
      : (tensor<2x8xi64>, tensor<2x8xi64>, tensor<2x8xi64>, tensor<i64>,
        tensor<20x16xf32>, tensor<16x16xf32>, tensor<2x16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x64xf32>,
        tensor<64xf32>, tensor<64x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x64xf32>,
        tensor<64xf32>, tensor<64x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<20xf32>, tensor<16x16xf32>, tensor<16xf32>,
        tensor<16x2xf32>, tensor<2xf32>, tensor<16x3xf32>, tensor<3xf32>)
      -> (tensor<2x8xi64>, tensor<2x8xi1>, tensor<2x8x20xf32>, tensor<2x2xf32>,
          tensor<2x3xf32>)
  // MLM: the selected positions predict their original ids; the others
  // get label -100, which nll_loss ignores (and leaves out of the mean).
  %ignore = arith.constant dense<-100> : tensor<i64>
  %labels2 = nn.select %selected, %ids, %ignore
      : tensor<2x8xi1>, tensor<2x8xi64>, tensor<i64>
  %labels = nn.reshape %labels2 [16] : tensor<2x8xi64>
  %logits = nn.reshape %mlm [16, 20] : tensor<2x8x20xf32>
  %log_p = nn.log_softmax %logits axis 1 : tensor<16x20xf32>
  %mlm_loss = nn.nll_loss %log_p, %labels : tensor<16x20xf32>, tensor<16xi64>
  %nsp_loss = nn.cross_entropy %nsp, %nsp_labels : tensor<2x2xf32>, tensor<2xi64>
  %cls_loss = nn.cross_entropy %classes, %class_labels : tensor<2x3xf32>, tensor<2xi64>
  %l0 = nn.add %mlm_loss, %nsp_loss : tensor<f32>, tensor<f32>
  %l = nn.add %l0, %cls_loss : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
