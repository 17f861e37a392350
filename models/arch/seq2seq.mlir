// [seq2seq] Three sequence-to-sequence models over a vocabulary of 12
// tokens (0 is <bos>), batch 2, source sentences of 6 tokens, targets of 5:
//  - rnn: a GRU encoder (nn.scan over the embedded source, from a zero
//    state; gate order r, z, n as torch.nn.GRU, one bias per gate) whose
//    final state starts a GRU decoder; a linear layer maps each decoder
//    state to the logits of the next token;
//  - attention: the same with Bahdanau attention: at every step the
//    decoder scores all 6 encoder states against its previous state,
//    e_j = v . tanh(s W_q + h_j W_k), takes the context c = sum_j
//    softmax(e)_j h_j, runs the GRU on [embedded token; c] and reads the
//    logits from [new state; c];
//  - transformer: a T5-style encoder-decoder: shared token embedding plus
//    the sinusoidal positional encoding, pre-norm blocks with RMS norm and
//    bias-free projections, one encoder block (4-head self-attention, ReLU
//    FFN 16 -> 32 -> 16) with a final norm, one decoder block (4-head
//    causal self-attention, 4-head cross-attention to the encoder output,
//    FFN) with a final norm, and an untied LM head. (T5 itself has learned
//    relative position biases and unscaled scores; this block adds the
//    sinusoidal encoding and scales the scores by 1/sqrt(4).)
// @loss trains all three with teacher forcing: it takes the source and the
// target token ids, builds the decoder input <bos> + target[:-1] (shifted
// right) and sums the three models' cross-entropies (mean over the 10
// target positions each). @forward decodes greedily: each model's decoder
// starts from <bos> and, for 5 steps, feeds nn.argmax of the previous
// step's logits back through its embedding (nn.gather); the loop is one
// nn.scan per model (not unrolled). The transformer's scan carries the
// decoded prefix [2,5] (unwritten positions hold <bos>, which the causal
// mask hides), reruns its decoder on it, reads the logits at step t (a
// one-hot product, exact) and writes the argmax at position t + 1.
// @forward returns each model's decoded token ids [2,5] (i64), the logits
// of every step [2,5,12] and the attention model's weights [2,5,6].
// Weights are stored [in, out]. Weights: seq2seq.safetensors
// (test/arch/seq2seq/make_golden.py).

//===----------------------------------------------------------------------===//
// Shared pieces
//===----------------------------------------------------------------------===//

/// The decoder input of teacher forcing: <bos> (0), then the targets
/// [2,5] without their last token.
func.func private @shift_right(%tgt: tensor<2x5xi64>) -> tensor<2x5xi64> {
  %bos = arith.constant dense<0> : tensor<2x1xi64>
  %head = nn.slice %tgt [0, 0] to [2, 4] : tensor<2x5xi64>
  %dec_in = nn.concat %bos, %head axis 1 : tensor<2x1xi64>, tensor<2x4xi64>
  return %dec_in : tensor<2x5xi64>
}

/// One GRU step (torch.nn.GRU's gate order r, z, n): the state h [2,8],
/// the input projection u = x W_ih + b [2,24] and W_hh [8,24].
func.func private @gru_cell(%h: tensor<2x8xf32>, %u: tensor<2x24xf32>,
    %w_hh: tensor<8x24xf32>) -> tensor<2x8xf32> {
  %v = nn.matmul %h, %w_hh : tensor<2x8xf32>, tensor<8x24xf32>
  %u_r = nn.slice %u [0, 0] to [2, 8] : tensor<2x24xf32>
  %u_z = nn.slice %u [0, 8] to [2, 16] : tensor<2x24xf32>
  %u_n = nn.slice %u [0, 16] to [2, 24] : tensor<2x24xf32>
  %v_r = nn.slice %v [0, 0] to [2, 8] : tensor<2x24xf32>
  %v_z = nn.slice %v [0, 8] to [2, 16] : tensor<2x24xf32>
  %v_n = nn.slice %v [0, 16] to [2, 24] : tensor<2x24xf32>
  %s_r = nn.add %u_r, %v_r : tensor<2x8xf32>, tensor<2x8xf32>
  %r = nn.sigmoid %s_r : tensor<2x8xf32>
  %s_z = nn.add %u_z, %v_z : tensor<2x8xf32>, tensor<2x8xf32>
  %z = nn.sigmoid %s_z : tensor<2x8xf32>
  %reset = nn.mul %r, %v_n : tensor<2x8xf32>, tensor<2x8xf32>
  %s_n = nn.add %u_n, %reset : tensor<2x8xf32>, tensor<2x8xf32>
  %n = nn.tanh %s_n : tensor<2x8xf32>
  %d = nn.sub %h, %n : tensor<2x8xf32>, tensor<2x8xf32>
  %zd = nn.mul %z, %d : tensor<2x8xf32>, tensor<2x8xf32>
  %h_next = nn.add %n, %zd : tensor<2x8xf32>, tensor<2x8xf32>
  return %h_next : tensor<2x8xf32>
}

/// The GRU encoder over source token ids [2,6] from a zero state: its
/// final state and every state [6,2,8].
func.func private @gru_encoder(%src: tensor<2x6xi64>, %emb: tensor<12x8xf32>,
    %w_ih: tensor<8x24xf32>, %w_hh: tensor<8x24xf32>, %b: tensor<24xf32>)
    -> (tensor<2x8xf32>, tensor<6x2x8xf32>) {
  %src_t = nn.transpose %src [1, 0] : tensor<2x6xi64>
  %x = nn.gather %emb, %src_t {axis = 0} : tensor<12x8xf32>, tensor<6x2xi64>
  %xw = nn.matmul %x, %w_ih : tensor<6x2x8xf32>, tensor<8x24xf32>
  %u = nn.add %xw, %b : tensor<6x2x24xf32>, tensor<24xf32>
  %h0 = arith.constant dense<0.0> : tensor<2x8xf32>
  %h_n, %hs = nn.scan init(%h0 : tensor<2x8xf32>) over(%u : tensor<6x2x24xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<6x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %u_t: tensor<2x24xf32>):
    %h_next = func.call @gru_cell(%h, %u_t, %w_hh)
        : (tensor<2x8xf32>, tensor<2x24xf32>, tensor<8x24xf32>) -> tensor<2x8xf32>
    nn.yield %h_next, %h_next : tensor<2x8xf32>, tensor<2x8xf32>
  }
  return %h_n, %hs : tensor<2x8xf32>, tensor<6x2x8xf32>
}

//===----------------------------------------------------------------------===//
// rnn: GRU encoder-decoder
//===----------------------------------------------------------------------===//

/// One decoder step: the state h [2,8] and the embedded previous token x
/// [2,8] to the next state and the logits [2,12].
func.func private @rnn_decoder_step(%h: tensor<2x8xf32>, %x: tensor<2x8xf32>,
    %w_ih: tensor<8x24xf32>, %w_hh: tensor<8x24xf32>, %b: tensor<24xf32>,
    %w_out: tensor<8x12xf32>, %b_out: tensor<12xf32>)
    -> (tensor<2x8xf32>, tensor<2x12xf32>) {
  %xw = nn.matmul %x, %w_ih : tensor<2x8xf32>, tensor<8x24xf32>
  %u = nn.add %xw, %b : tensor<2x24xf32>, tensor<24xf32>
  %h_next = func.call @gru_cell(%h, %u, %w_hh)
      : (tensor<2x8xf32>, tensor<2x24xf32>, tensor<8x24xf32>) -> tensor<2x8xf32>
  %o = nn.matmul %h_next, %w_out : tensor<2x8xf32>, tensor<8x12xf32>
  %logits = nn.add %o, %b_out : tensor<2x12xf32>, tensor<12xf32>
  return %h_next, %logits : tensor<2x8xf32>, tensor<2x12xf32>
}

/// Teacher forcing: the logits [2,5,12] of the decoder reading %dec_in.
func.func private @rnn_teacher_forced(%src: tensor<2x6xi64>,
    %dec_in: tensor<2x5xi64>, %src_emb: tensor<12x8xf32>,
    %e_w_ih: tensor<8x24xf32>, %e_w_hh: tensor<8x24xf32>, %e_b: tensor<24xf32>,
    %tgt_emb: tensor<12x8xf32>, %d_w_ih: tensor<8x24xf32>,
    %d_w_hh: tensor<8x24xf32>, %d_b: tensor<24xf32>, %w_out: tensor<8x12xf32>,
    %b_out: tensor<12xf32>) -> tensor<2x5x12xf32> {
  %h_s, %states = func.call @gru_encoder(%src, %src_emb, %e_w_ih, %e_w_hh, %e_b)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>) -> (tensor<2x8xf32>, tensor<6x2x8xf32>)
  %dec_t = nn.transpose %dec_in [1, 0] : tensor<2x5xi64>
  %y = nn.gather %tgt_emb, %dec_t {axis = 0} : tensor<12x8xf32>, tensor<5x2xi64>
  %h_n, %logits_t = nn.scan init(%h_s : tensor<2x8xf32>) over(%y : tensor<5x2x8xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<5x2x12xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %y_t: tensor<2x8xf32>):
    %h_next, %l = func.call @rnn_decoder_step(%h, %y_t, %d_w_ih, %d_w_hh, %d_b,
        %w_out, %b_out)
        : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
           tensor<24xf32>, tensor<8x12xf32>, tensor<12xf32>)
        -> (tensor<2x8xf32>, tensor<2x12xf32>)
    nn.yield %h_next, %l : tensor<2x8xf32>, tensor<2x12xf32>
  }
  %logits = nn.transpose %logits_t [1, 0, 2] : tensor<5x2x12xf32>
  return %logits : tensor<2x5x12xf32>
}

/// Greedy decoding for 5 steps from <bos>: the token ids [2,5] and the
/// logits of every step [2,5,12].
func.func private @rnn_greedy(%src: tensor<2x6xi64>, %src_emb: tensor<12x8xf32>,
    %e_w_ih: tensor<8x24xf32>, %e_w_hh: tensor<8x24xf32>, %e_b: tensor<24xf32>,
    %tgt_emb: tensor<12x8xf32>, %d_w_ih: tensor<8x24xf32>,
    %d_w_hh: tensor<8x24xf32>, %d_b: tensor<24xf32>, %w_out: tensor<8x12xf32>,
    %b_out: tensor<12xf32>) -> (tensor<2x5xi64>, tensor<2x5x12xf32>) {
  %h_s, %states = func.call @gru_encoder(%src, %src_emb, %e_w_ih, %e_w_hh, %e_b)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>) -> (tensor<2x8xf32>, tensor<6x2x8xf32>)
  %bos = arith.constant dense<0> : tensor<2xi64>
  %steps = arith.constant dense<[0, 1, 2, 3, 4]> : tensor<5xi64>
  %h_n, %last, %logits_t, %tokens_t = nn.scan
      init(%h_s, %bos : tensor<2x8xf32>, tensor<2xi64>)
      over(%steps : tensor<5xi64>)
      finals(tensor<2x8xf32>, tensor<2xi64>)
      outputs(tensor<5x2x12xf32>, tensor<5x2xi64>) {
  ^bb0(%h: tensor<2x8xf32>, %prev: tensor<2xi64>, %step: tensor<i64>):
    %y_t = nn.gather %tgt_emb, %prev {axis = 0} : tensor<12x8xf32>, tensor<2xi64>
    %h_next, %l = func.call @rnn_decoder_step(%h, %y_t, %d_w_ih, %d_w_hh, %d_b,
        %w_out, %b_out)
        : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
           tensor<24xf32>, tensor<8x12xf32>, tensor<12xf32>)
        -> (tensor<2x8xf32>, tensor<2x12xf32>)
    %next = nn.argmax %l {axis = 1} : tensor<2x12xf32>
    nn.yield %h_next, %next, %l, %next
        : tensor<2x8xf32>, tensor<2xi64>, tensor<2x12xf32>, tensor<2xi64>
  }
  %tokens = nn.transpose %tokens_t [1, 0] : tensor<5x2xi64>
  %logits = nn.transpose %logits_t [1, 0, 2] : tensor<5x2x12xf32>
  return %tokens, %logits : tensor<2x5xi64>, tensor<2x5x12xf32>
}

//===----------------------------------------------------------------------===//
// attention: GRU encoder-decoder with Bahdanau attention
//===----------------------------------------------------------------------===//

/// One decoder step: from the state s [2,8] and the embedded previous
/// token x [2,8], attention over the encoder states %memory [2,6,8] (whose
/// key projections are %keys = memory W_k), then the GRU on [x; context]
/// and the logits [2,12] from [new state; context]. Also returns the
/// attention weights [2,6].
func.func private @attention_decoder_step(%s: tensor<2x8xf32>,
    %x: tensor<2x8xf32>, %memory: tensor<2x6x8xf32>, %keys: tensor<2x6x8xf32>,
    %w_query: tensor<8x8xf32>, %v: tensor<8x1xf32>, %w_ih: tensor<16x24xf32>,
    %w_hh: tensor<8x24xf32>, %b: tensor<24xf32>, %w_out: tensor<16x12xf32>,
    %b_out: tensor<12xf32>)
    -> (tensor<2x8xf32>, tensor<2x12xf32>, tensor<2x6xf32>) {
  %q = nn.matmul %s, %w_query : tensor<2x8xf32>, tensor<8x8xf32>
  %q3 = nn.reshape %q [2, 1, 8] : tensor<2x8xf32>
  %pre = nn.add %q3, %keys : tensor<2x1x8xf32>, tensor<2x6x8xf32>
  %hidden = nn.tanh %pre : tensor<2x6x8xf32>
  %e3 = nn.matmul %hidden, %v : tensor<2x6x8xf32>, tensor<8x1xf32>
  %e = nn.reshape %e3 [2, 6] : tensor<2x6x1xf32>
  %alpha = nn.softmax %e axis -1 : tensor<2x6xf32>
  %alpha3 = nn.reshape %alpha [2, 1, 6] : tensor<2x6xf32>
  %c3 = nn.matmul %alpha3, %memory : tensor<2x1x6xf32>, tensor<2x6x8xf32>
  %c = nn.reshape %c3 [2, 8] : tensor<2x1x8xf32>
  %xc = nn.concat %x, %c axis 1 : tensor<2x8xf32>, tensor<2x8xf32>
  %xw = nn.matmul %xc, %w_ih : tensor<2x16xf32>, tensor<16x24xf32>
  %u = nn.add %xw, %b : tensor<2x24xf32>, tensor<24xf32>
  %s_next = func.call @gru_cell(%s, %u, %w_hh)
      : (tensor<2x8xf32>, tensor<2x24xf32>, tensor<8x24xf32>) -> tensor<2x8xf32>
  %sc = nn.concat %s_next, %c axis 1 : tensor<2x8xf32>, tensor<2x8xf32>
  %o = nn.matmul %sc, %w_out : tensor<2x16xf32>, tensor<16x12xf32>
  %logits = nn.add %o, %b_out : tensor<2x12xf32>, tensor<12xf32>
  return %s_next, %logits, %alpha : tensor<2x8xf32>, tensor<2x12xf32>, tensor<2x6xf32>
}

/// The encoder's final state, its states as the attention memory [2,6,8]
/// and their key projections [2,6,8].
func.func private @attention_encoder(%src: tensor<2x6xi64>,
    %src_emb: tensor<12x8xf32>, %e_w_ih: tensor<8x24xf32>,
    %e_w_hh: tensor<8x24xf32>, %e_b: tensor<24xf32>, %w_key: tensor<8x8xf32>)
    -> (tensor<2x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>) {
  %h_s, %states = func.call @gru_encoder(%src, %src_emb, %e_w_ih, %e_w_hh, %e_b)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>) -> (tensor<2x8xf32>, tensor<6x2x8xf32>)
  %memory = nn.transpose %states [1, 0, 2] : tensor<6x2x8xf32>
  %keys = nn.matmul %memory, %w_key : tensor<2x6x8xf32>, tensor<8x8xf32>
  return %h_s, %memory, %keys : tensor<2x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>
}

/// Teacher forcing: the logits [2,5,12] of the decoder reading %dec_in.
func.func private @attention_teacher_forced(%src: tensor<2x6xi64>,
    %dec_in: tensor<2x5xi64>, %src_emb: tensor<12x8xf32>,
    %e_w_ih: tensor<8x24xf32>, %e_w_hh: tensor<8x24xf32>, %e_b: tensor<24xf32>,
    %w_key: tensor<8x8xf32>, %w_query: tensor<8x8xf32>, %v: tensor<8x1xf32>,
    %tgt_emb: tensor<12x8xf32>, %d_w_ih: tensor<16x24xf32>,
    %d_w_hh: tensor<8x24xf32>, %d_b: tensor<24xf32>, %w_out: tensor<16x12xf32>,
    %b_out: tensor<12xf32>) -> tensor<2x5x12xf32> {
  %h_s, %memory, %keys = func.call @attention_encoder(%src, %src_emb, %e_w_ih,
      %e_w_hh, %e_b, %w_key)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>, tensor<8x8xf32>)
      -> (tensor<2x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>)
  %dec_t = nn.transpose %dec_in [1, 0] : tensor<2x5xi64>
  %y = nn.gather %tgt_emb, %dec_t {axis = 0} : tensor<12x8xf32>, tensor<5x2xi64>
  %s_n, %logits_t = nn.scan init(%h_s : tensor<2x8xf32>) over(%y : tensor<5x2x8xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<5x2x12xf32>) {
  ^bb0(%s: tensor<2x8xf32>, %y_t: tensor<2x8xf32>):
    %s_next, %l, %alpha = func.call @attention_decoder_step(%s, %y_t, %memory,
        %keys, %w_query, %v, %d_w_ih, %d_w_hh, %d_b, %w_out, %b_out)
        : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>,
           tensor<8x8xf32>, tensor<8x1xf32>, tensor<16x24xf32>, tensor<8x24xf32>,
           tensor<24xf32>, tensor<16x12xf32>, tensor<12xf32>)
        -> (tensor<2x8xf32>, tensor<2x12xf32>, tensor<2x6xf32>)
    nn.yield %s_next, %l : tensor<2x8xf32>, tensor<2x12xf32>
  }
  %logits = nn.transpose %logits_t [1, 0, 2] : tensor<5x2x12xf32>
  return %logits : tensor<2x5x12xf32>
}

/// Greedy decoding for 5 steps from <bos>: the token ids [2,5], the
/// logits of every step [2,5,12] and the attention weights [2,5,6].
func.func private @attention_greedy(%src: tensor<2x6xi64>,
    %src_emb: tensor<12x8xf32>, %e_w_ih: tensor<8x24xf32>,
    %e_w_hh: tensor<8x24xf32>, %e_b: tensor<24xf32>, %w_key: tensor<8x8xf32>,
    %w_query: tensor<8x8xf32>, %v: tensor<8x1xf32>, %tgt_emb: tensor<12x8xf32>,
    %d_w_ih: tensor<16x24xf32>, %d_w_hh: tensor<8x24xf32>, %d_b: tensor<24xf32>,
    %w_out: tensor<16x12xf32>, %b_out: tensor<12xf32>)
    -> (tensor<2x5xi64>, tensor<2x5x12xf32>, tensor<2x5x6xf32>) {
  %h_s, %memory, %keys = func.call @attention_encoder(%src, %src_emb, %e_w_ih,
      %e_w_hh, %e_b, %w_key)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>, tensor<8x8xf32>)
      -> (tensor<2x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>)
  %bos = arith.constant dense<0> : tensor<2xi64>
  %steps = arith.constant dense<[0, 1, 2, 3, 4]> : tensor<5xi64>
  %s_n, %last, %logits_t, %tokens_t, %alpha_t = nn.scan
      init(%h_s, %bos : tensor<2x8xf32>, tensor<2xi64>)
      over(%steps : tensor<5xi64>)
      finals(tensor<2x8xf32>, tensor<2xi64>)
      outputs(tensor<5x2x12xf32>, tensor<5x2xi64>, tensor<5x2x6xf32>) {
  ^bb0(%s: tensor<2x8xf32>, %prev: tensor<2xi64>, %step: tensor<i64>):
    %y_t = nn.gather %tgt_emb, %prev {axis = 0} : tensor<12x8xf32>, tensor<2xi64>
    %s_next, %l, %alpha = func.call @attention_decoder_step(%s, %y_t, %memory,
        %keys, %w_query, %v, %d_w_ih, %d_w_hh, %d_b, %w_out, %b_out)
        : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>,
           tensor<8x8xf32>, tensor<8x1xf32>, tensor<16x24xf32>, tensor<8x24xf32>,
           tensor<24xf32>, tensor<16x12xf32>, tensor<12xf32>)
        -> (tensor<2x8xf32>, tensor<2x12xf32>, tensor<2x6xf32>)
    %next = nn.argmax %l {axis = 1} : tensor<2x12xf32>
    nn.yield %s_next, %next, %l, %next, %alpha
        : tensor<2x8xf32>, tensor<2xi64>, tensor<2x12xf32>, tensor<2xi64>,
          tensor<2x6xf32>
  }
  %tokens = nn.transpose %tokens_t [1, 0] : tensor<5x2xi64>
  %logits = nn.transpose %logits_t [1, 0, 2] : tensor<5x2x12xf32>
  %alphas = nn.transpose %alpha_t [1, 0, 2] : tensor<5x2x6xf32>
  return %tokens, %logits, %alphas
      : tensor<2x5xi64>, tensor<2x5x12xf32>, tensor<2x5x6xf32>
}

//===----------------------------------------------------------------------===//
// transformer: T5-style encoder-decoder
//===----------------------------------------------------------------------===//

/// The sinusoidal positional encoding of positions 0..5, width 16:
/// PE[pos, 2i] = sin(pos / 10000^(2i/16)), PE[pos, 2i+1] = cos(same).
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

/// 4-head self-attention (heads of width 4) of the encoder's 6 positions.
func.func private @encoder_self_attention(%x: tensor<2x6x16xf32>,
    %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>,
    %wo: tensor<16x16xf32>) -> tensor<2x6x16xf32> {
  %q = nn.matmul %x, %wq : tensor<2x6x16xf32>, tensor<16x16xf32>
  %k = nn.matmul %x, %wk : tensor<2x6x16xf32>, tensor<16x16xf32>
  %v = nn.matmul %x, %wv : tensor<2x6x16xf32>, tensor<16x16xf32>
  %q4 = nn.reshape %q [2, 6, 4, 4] : tensor<2x6x16xf32>
  %k4 = nn.reshape %k [2, 6, 4, 4] : tensor<2x6x16xf32>
  %v4 = nn.reshape %v [2, 6, 4, 4] : tensor<2x6x16xf32>
  %qh = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x6x4x4xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x6x4x4xf32>
  %vh = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x6x4x4xf32>
  %dots = nn.matmul %qh, %kt : tensor<2x4x6x4xf32>, tensor<2x4x4x6xf32>
  // 1 / sqrt(head width 4).
  %scale = arith.constant dense<5.0e-01> : tensor<f32>
  %scores = nn.mul %dots, %scale : tensor<2x4x6x6xf32>, tensor<f32>
  %weights = nn.softmax %scores axis -1 : tensor<2x4x6x6xf32>
  %oh = nn.matmul %weights, %vh : tensor<2x4x6x6xf32>, tensor<2x4x6x4xf32>
  %ot = nn.transpose %oh [0, 2, 1, 3] : tensor<2x4x6x4xf32>
  %o = nn.reshape %ot [2, 6, 16] : tensor<2x6x4x4xf32>
  %out = nn.matmul %o, %wo : tensor<2x6x16xf32>, tensor<16x16xf32>
  return %out : tensor<2x6x16xf32>
}

/// 4-head causal self-attention of the decoder's 5 positions: position i
/// sees positions j <= i.
func.func private @decoder_self_attention(%x: tensor<2x5x16xf32>,
    %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>,
    %wo: tensor<16x16xf32>) -> tensor<2x5x16xf32> {
  %past = arith.constant dense<[[true, false, false, false, false],
                                [true, true, false, false, false],
                                [true, true, true, false, false],
                                [true, true, true, true, false],
                                [true, true, true, true, true]]> : tensor<5x5xi1>
  %neg_inf = arith.constant dense<0xFF800000> : tensor<f32>
  %q = nn.matmul %x, %wq : tensor<2x5x16xf32>, tensor<16x16xf32>
  %k = nn.matmul %x, %wk : tensor<2x5x16xf32>, tensor<16x16xf32>
  %v = nn.matmul %x, %wv : tensor<2x5x16xf32>, tensor<16x16xf32>
  %q4 = nn.reshape %q [2, 5, 4, 4] : tensor<2x5x16xf32>
  %k4 = nn.reshape %k [2, 5, 4, 4] : tensor<2x5x16xf32>
  %v4 = nn.reshape %v [2, 5, 4, 4] : tensor<2x5x16xf32>
  %qh = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x5x4x4xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x5x4x4xf32>
  %vh = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x5x4x4xf32>
  %dots = nn.matmul %qh, %kt : tensor<2x4x5x4xf32>, tensor<2x4x4x5xf32>
  %scale = arith.constant dense<5.0e-01> : tensor<f32>
  %scaled = nn.mul %dots, %scale : tensor<2x4x5x5xf32>, tensor<f32>
  %scores = nn.select %past, %scaled, %neg_inf
      : tensor<5x5xi1>, tensor<2x4x5x5xf32>, tensor<f32>
  %weights = nn.softmax %scores axis -1 : tensor<2x4x5x5xf32>
  %oh = nn.matmul %weights, %vh : tensor<2x4x5x5xf32>, tensor<2x4x5x4xf32>
  %ot = nn.transpose %oh [0, 2, 1, 3] : tensor<2x4x5x4xf32>
  %o = nn.reshape %ot [2, 5, 16] : tensor<2x5x4x4xf32>
  %out = nn.matmul %o, %wo : tensor<2x5x16xf32>, tensor<16x16xf32>
  return %out : tensor<2x5x16xf32>
}

/// 4-head cross-attention of the decoder's 5 positions over the encoder
/// output %memory [2,6,16].
func.func private @cross_attention(%x: tensor<2x5x16xf32>,
    %memory: tensor<2x6x16xf32>, %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>,
    %wv: tensor<16x16xf32>, %wo: tensor<16x16xf32>) -> tensor<2x5x16xf32> {
  %q = nn.matmul %x, %wq : tensor<2x5x16xf32>, tensor<16x16xf32>
  %k = nn.matmul %memory, %wk : tensor<2x6x16xf32>, tensor<16x16xf32>
  %v = nn.matmul %memory, %wv : tensor<2x6x16xf32>, tensor<16x16xf32>
  %q4 = nn.reshape %q [2, 5, 4, 4] : tensor<2x5x16xf32>
  %k4 = nn.reshape %k [2, 6, 4, 4] : tensor<2x6x16xf32>
  %v4 = nn.reshape %v [2, 6, 4, 4] : tensor<2x6x16xf32>
  %qh = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x5x4x4xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x6x4x4xf32>
  %vh = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x6x4x4xf32>
  %dots = nn.matmul %qh, %kt : tensor<2x4x5x4xf32>, tensor<2x4x4x6xf32>
  %scale = arith.constant dense<5.0e-01> : tensor<f32>
  %scores = nn.mul %dots, %scale : tensor<2x4x5x6xf32>, tensor<f32>
  %weights = nn.softmax %scores axis -1 : tensor<2x4x5x6xf32>
  %oh = nn.matmul %weights, %vh : tensor<2x4x5x6xf32>, tensor<2x4x6x4xf32>
  %ot = nn.transpose %oh [0, 2, 1, 3] : tensor<2x4x5x4xf32>
  %o = nn.reshape %ot [2, 5, 16] : tensor<2x5x4x4xf32>
  %out = nn.matmul %o, %wo : tensor<2x5x16xf32>, tensor<16x16xf32>
  return %out : tensor<2x5x16xf32>
}

/// The encoder: source token ids [2,6] to the encoder output [2,6,16].
func.func private @transformer_encoder(%src: tensor<2x6xi64>,
    %pe: tensor<6x16xf32>, %emb: tensor<12x16xf32>, %n_attn: tensor<16xf32>,
    %wq: tensor<16x16xf32>, %wk: tensor<16x16xf32>, %wv: tensor<16x16xf32>,
    %wo: tensor<16x16xf32>, %n_ffn: tensor<16xf32>, %w_in: tensor<16x32xf32>,
    %w_out: tensor<32x16xf32>, %n_final: tensor<16xf32>) -> tensor<2x6x16xf32> {
  %e = nn.gather %emb, %src {axis = 0} : tensor<12x16xf32>, tensor<2x6xi64>
  %x0 = nn.add %e, %pe : tensor<2x6x16xf32>, tensor<6x16xf32>
  %h0 = nn.rms_norm %x0, %n_attn {eps = 1.0e-6} : tensor<2x6x16xf32>, tensor<16xf32>
  %sa = func.call @encoder_self_attention(%h0, %wq, %wk, %wv, %wo)
      : (tensor<2x6x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<2x6x16xf32>
  %x1 = nn.add %x0, %sa : tensor<2x6x16xf32>, tensor<2x6x16xf32>
  %h1 = nn.rms_norm %x1, %n_ffn {eps = 1.0e-6} : tensor<2x6x16xf32>, tensor<16xf32>
  %f0 = nn.matmul %h1, %w_in : tensor<2x6x16xf32>, tensor<16x32xf32>
  %f1 = nn.relu %f0 : tensor<2x6x32xf32>
  %f = nn.matmul %f1, %w_out : tensor<2x6x32xf32>, tensor<32x16xf32>
  %x2 = nn.add %x1, %f : tensor<2x6x16xf32>, tensor<2x6x16xf32>
  %memory = nn.rms_norm %x2, %n_final {eps = 1.0e-6} : tensor<2x6x16xf32>, tensor<16xf32>
  return %memory : tensor<2x6x16xf32>
}

/// The decoder: the logits [2,5,12] at every position of the decoder
/// input %dec_in [2,5] (each position sees itself and those before it).
func.func private @transformer_decoder(%dec_in: tensor<2x5xi64>,
    %memory: tensor<2x6x16xf32>, %pe: tensor<5x16xf32>, %emb: tensor<12x16xf32>,
    %n_self: tensor<16xf32>, %sq: tensor<16x16xf32>, %sk: tensor<16x16xf32>,
    %sv: tensor<16x16xf32>, %so: tensor<16x16xf32>, %n_cross: tensor<16xf32>,
    %cq: tensor<16x16xf32>, %ck: tensor<16x16xf32>, %cv: tensor<16x16xf32>,
    %co: tensor<16x16xf32>, %n_ffn: tensor<16xf32>, %w_in: tensor<16x32xf32>,
    %w_out: tensor<32x16xf32>, %n_final: tensor<16xf32>,
    %w_head: tensor<16x12xf32>) -> tensor<2x5x12xf32> {
  %e = nn.gather %emb, %dec_in {axis = 0} : tensor<12x16xf32>, tensor<2x5xi64>
  %y0 = nn.add %e, %pe : tensor<2x5x16xf32>, tensor<5x16xf32>
  %h0 = nn.rms_norm %y0, %n_self {eps = 1.0e-6} : tensor<2x5x16xf32>, tensor<16xf32>
  %sa = func.call @decoder_self_attention(%h0, %sq, %sk, %sv, %so)
      : (tensor<2x5x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<2x5x16xf32>
  %y1 = nn.add %y0, %sa : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %h1 = nn.rms_norm %y1, %n_cross {eps = 1.0e-6} : tensor<2x5x16xf32>, tensor<16xf32>
  %ca = func.call @cross_attention(%h1, %memory, %cq, %ck, %cv, %co)
      : (tensor<2x5x16xf32>, tensor<2x6x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>)
      -> tensor<2x5x16xf32>
  %y2 = nn.add %y1, %ca : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %h2 = nn.rms_norm %y2, %n_ffn {eps = 1.0e-6} : tensor<2x5x16xf32>, tensor<16xf32>
  %f0 = nn.matmul %h2, %w_in : tensor<2x5x16xf32>, tensor<16x32xf32>
  %f1 = nn.relu %f0 : tensor<2x5x32xf32>
  %f = nn.matmul %f1, %w_out : tensor<2x5x32xf32>, tensor<32x16xf32>
  %y3 = nn.add %y2, %f : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %out = nn.rms_norm %y3, %n_final {eps = 1.0e-6} : tensor<2x5x16xf32>, tensor<16xf32>
  %logits = nn.matmul %out, %w_head : tensor<2x5x16xf32>, tensor<16x12xf32>
  return %logits : tensor<2x5x12xf32>
}

/// Teacher forcing: the encoder output of %src, then the decoder's logits
/// [2,5,12] reading %dec_in.
func.func private @transformer_teacher_forced(%src: tensor<2x6xi64>,
    %dec_in: tensor<2x5xi64>, %emb: tensor<12x16xf32>,
    %e_n_attn: tensor<16xf32>, %e_wq: tensor<16x16xf32>, %e_wk: tensor<16x16xf32>,
    %e_wv: tensor<16x16xf32>, %e_wo: tensor<16x16xf32>, %e_n_ffn: tensor<16xf32>,
    %e_w_in: tensor<16x32xf32>, %e_w_out: tensor<32x16xf32>,
    %e_n_final: tensor<16xf32>, %d_n_self: tensor<16xf32>,
    %d_sq: tensor<16x16xf32>, %d_sk: tensor<16x16xf32>, %d_sv: tensor<16x16xf32>,
    %d_so: tensor<16x16xf32>, %d_n_cross: tensor<16xf32>,
    %d_cq: tensor<16x16xf32>, %d_ck: tensor<16x16xf32>, %d_cv: tensor<16x16xf32>,
    %d_co: tensor<16x16xf32>, %d_n_ffn: tensor<16xf32>,
    %d_w_in: tensor<16x32xf32>, %d_w_out: tensor<32x16xf32>,
    %d_n_final: tensor<16xf32>, %w_head: tensor<16x12xf32>) -> tensor<2x5x12xf32> {
  %pe = func.call @sinusoidal_positions() : () -> tensor<6x16xf32>
  %pe5 = nn.slice %pe [0, 0] to [5, 16] : tensor<6x16xf32>
  %memory = func.call @transformer_encoder(%src, %pe, %emb, %e_n_attn, %e_wq,
      %e_wk, %e_wv, %e_wo, %e_n_ffn, %e_w_in, %e_w_out, %e_n_final)
      : (tensor<2x6xi64>, tensor<6x16xf32>, tensor<12x16xf32>, tensor<16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>, tensor<32x16xf32>,
         tensor<16xf32>) -> tensor<2x6x16xf32>
  %logits = func.call @transformer_decoder(%dec_in, %memory, %pe5, %emb,
      %d_n_self, %d_sq, %d_sk, %d_sv, %d_so, %d_n_cross, %d_cq, %d_ck, %d_cv,
      %d_co, %d_n_ffn, %d_w_in, %d_w_out, %d_n_final, %w_head)
      : (tensor<2x5xi64>, tensor<2x6x16xf32>, tensor<5x16xf32>, tensor<12x16xf32>,
         tensor<16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>,
         tensor<32x16xf32>, tensor<16xf32>, tensor<16x12xf32>) -> tensor<2x5x12xf32>
  return %logits : tensor<2x5x12xf32>
}

/// Greedy decoding for 5 steps from <bos>: the token ids [2,5] and the
/// logits of every step [2,5,12]. The scan carries the decoder input
/// [2,5]; step t runs the decoder on it, takes the logits at position t
/// (%at: one-hot of t) and writes their argmax at position t + 1 (%write:
/// true at t + 1 only; nowhere at the last step).
func.func private @transformer_greedy(%src: tensor<2x6xi64>,
    %emb: tensor<12x16xf32>,
    %e_n_attn: tensor<16xf32>, %e_wq: tensor<16x16xf32>, %e_wk: tensor<16x16xf32>,
    %e_wv: tensor<16x16xf32>, %e_wo: tensor<16x16xf32>, %e_n_ffn: tensor<16xf32>,
    %e_w_in: tensor<16x32xf32>, %e_w_out: tensor<32x16xf32>,
    %e_n_final: tensor<16xf32>, %d_n_self: tensor<16xf32>,
    %d_sq: tensor<16x16xf32>, %d_sk: tensor<16x16xf32>, %d_sv: tensor<16x16xf32>,
    %d_so: tensor<16x16xf32>, %d_n_cross: tensor<16xf32>,
    %d_cq: tensor<16x16xf32>, %d_ck: tensor<16x16xf32>, %d_cv: tensor<16x16xf32>,
    %d_co: tensor<16x16xf32>, %d_n_ffn: tensor<16xf32>,
    %d_w_in: tensor<16x32xf32>, %d_w_out: tensor<32x16xf32>,
    %d_n_final: tensor<16xf32>, %w_head: tensor<16x12xf32>)
    -> (tensor<2x5xi64>, tensor<2x5x12xf32>) {
  %pe = func.call @sinusoidal_positions() : () -> tensor<6x16xf32>
  %pe5 = nn.slice %pe [0, 0] to [5, 16] : tensor<6x16xf32>
  %memory = func.call @transformer_encoder(%src, %pe, %emb, %e_n_attn, %e_wq,
      %e_wk, %e_wv, %e_wo, %e_n_ffn, %e_w_in, %e_w_out, %e_n_final)
      : (tensor<2x6xi64>, tensor<6x16xf32>, tensor<12x16xf32>, tensor<16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>, tensor<32x16xf32>,
         tensor<16xf32>) -> tensor<2x6x16xf32>
  %bos = arith.constant dense<0> : tensor<2x5xi64>
  %at = arith.constant dense<[[1.0, 0.0, 0.0, 0.0, 0.0],
                              [0.0, 1.0, 0.0, 0.0, 0.0],
                              [0.0, 0.0, 1.0, 0.0, 0.0],
                              [0.0, 0.0, 0.0, 1.0, 0.0],
                              [0.0, 0.0, 0.0, 0.0, 1.0]]> : tensor<5x5xf32>
  %write = arith.constant dense<[[false, true, false, false, false],
                                 [false, false, true, false, false],
                                 [false, false, false, true, false],
                                 [false, false, false, false, true],
                                 [false, false, false, false, false]]> : tensor<5x5xi1>
  %prefix, %logits_t, %tokens_t = nn.scan init(%bos : tensor<2x5xi64>)
      over(%at, %write : tensor<5x5xf32>, tensor<5x5xi1>)
      finals(tensor<2x5xi64>) outputs(tensor<5x2x12xf32>, tensor<5x2xi64>) {
  ^bb0(%dec_in: tensor<2x5xi64>, %at_t: tensor<5xf32>, %write_t: tensor<5xi1>):
    %all = func.call @transformer_decoder(%dec_in, %memory, %pe5, %emb,
        %d_n_self, %d_sq, %d_sk, %d_sv, %d_so, %d_n_cross, %d_cq, %d_ck, %d_cv,
        %d_co, %d_n_ffn, %d_w_in, %d_w_out, %d_n_final, %w_head)
        : (tensor<2x5xi64>, tensor<2x6x16xf32>, tensor<5x16xf32>, tensor<12x16xf32>,
           tensor<16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
           tensor<16x16xf32>, tensor<16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
           tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>,
           tensor<32x16xf32>, tensor<16xf32>, tensor<16x12xf32>) -> tensor<2x5x12xf32>
    %at3 = nn.reshape %at_t [1, 5, 1] : tensor<5xf32>
    %picked = nn.mul %all, %at3 : tensor<2x5x12xf32>, tensor<1x5x1xf32>
    %l = nn.reduce_sum %picked [1] : tensor<2x5x12xf32>
    %next = nn.argmax %l {axis = 1} : tensor<2x12xf32>
    %next2 = nn.reshape %next [2, 1] : tensor<2xi64>
    %dec_next = nn.select %write_t, %next2, %dec_in
        : tensor<5xi1>, tensor<2x1xi64>, tensor<2x5xi64>
    nn.yield %dec_next, %l, %next : tensor<2x5xi64>, tensor<2x12xf32>, tensor<2xi64>
  }
  %tokens = nn.transpose %tokens_t [1, 0] : tensor<5x2xi64>
  %logits = nn.transpose %logits_t [1, 0, 2] : tensor<5x2x12xf32>
  return %tokens, %logits : tensor<2x5xi64>, tensor<2x5x12xf32>
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

func.func @forward(%src: tensor<2x6xi64> {nn.input = "src_tokens"},
    %rnn_src_emb: tensor<12x8xf32> {nn.param = "rnn.src_embedding"},
    %rnn_e_w_ih: tensor<8x24xf32> {nn.param = "rnn.encoder.weight_ih"},
    %rnn_e_w_hh: tensor<8x24xf32> {nn.param = "rnn.encoder.weight_hh"},
    %rnn_e_b: tensor<24xf32> {nn.param = "rnn.encoder.bias"},
    %rnn_tgt_emb: tensor<12x8xf32> {nn.param = "rnn.tgt_embedding"},
    %rnn_d_w_ih: tensor<8x24xf32> {nn.param = "rnn.decoder.weight_ih"},
    %rnn_d_w_hh: tensor<8x24xf32> {nn.param = "rnn.decoder.weight_hh"},
    %rnn_d_b: tensor<24xf32> {nn.param = "rnn.decoder.bias"},
    %rnn_w_out: tensor<8x12xf32> {nn.param = "rnn.out.weight"},
    %rnn_b_out: tensor<12xf32> {nn.param = "rnn.out.bias"},
    %att_src_emb: tensor<12x8xf32> {nn.param = "attention.src_embedding"},
    %att_e_w_ih: tensor<8x24xf32> {nn.param = "attention.encoder.weight_ih"},
    %att_e_w_hh: tensor<8x24xf32> {nn.param = "attention.encoder.weight_hh"},
    %att_e_b: tensor<24xf32> {nn.param = "attention.encoder.bias"},
    %att_w_key: tensor<8x8xf32> {nn.param = "attention.key.weight"},
    %att_w_query: tensor<8x8xf32> {nn.param = "attention.query.weight"},
    %att_v: tensor<8x1xf32> {nn.param = "attention.v"},
    %att_tgt_emb: tensor<12x8xf32> {nn.param = "attention.tgt_embedding"},
    %att_d_w_ih: tensor<16x24xf32> {nn.param = "attention.decoder.weight_ih"},
    %att_d_w_hh: tensor<8x24xf32> {nn.param = "attention.decoder.weight_hh"},
    %att_d_b: tensor<24xf32> {nn.param = "attention.decoder.bias"},
    %att_w_out: tensor<16x12xf32> {nn.param = "attention.out.weight"},
    %att_b_out: tensor<12xf32> {nn.param = "attention.out.bias"},
    %tf_emb: tensor<12x16xf32> {nn.param = "transformer.embedding"},
    %tf_e_n_attn: tensor<16xf32> {nn.param = "transformer.encoder.attn_norm.weight"},
    %tf_e_wq: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.q.weight"},
    %tf_e_wk: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.k.weight"},
    %tf_e_wv: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.v.weight"},
    %tf_e_wo: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.o.weight"},
    %tf_e_n_ffn: tensor<16xf32> {nn.param = "transformer.encoder.ffn_norm.weight"},
    %tf_e_w_in: tensor<16x32xf32> {nn.param = "transformer.encoder.ffn.wi.weight"},
    %tf_e_w_out: tensor<32x16xf32> {nn.param = "transformer.encoder.ffn.wo.weight"},
    %tf_e_n_final: tensor<16xf32> {nn.param = "transformer.encoder.final_norm.weight"},
    %tf_d_n_self: tensor<16xf32> {nn.param = "transformer.decoder.self_attn_norm.weight"},
    %tf_d_sq: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.q.weight"},
    %tf_d_sk: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.k.weight"},
    %tf_d_sv: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.v.weight"},
    %tf_d_so: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.o.weight"},
    %tf_d_n_cross: tensor<16xf32> {nn.param = "transformer.decoder.cross_attn_norm.weight"},
    %tf_d_cq: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.q.weight"},
    %tf_d_ck: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.k.weight"},
    %tf_d_cv: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.v.weight"},
    %tf_d_co: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.o.weight"},
    %tf_d_n_ffn: tensor<16xf32> {nn.param = "transformer.decoder.ffn_norm.weight"},
    %tf_d_w_in: tensor<16x32xf32> {nn.param = "transformer.decoder.ffn.wi.weight"},
    %tf_d_w_out: tensor<32x16xf32> {nn.param = "transformer.decoder.ffn.wo.weight"},
    %tf_d_n_final: tensor<16xf32> {nn.param = "transformer.decoder.final_norm.weight"},
    %tf_w_head: tensor<16x12xf32> {nn.param = "transformer.lm_head.weight"})
    -> (tensor<2x5xi64> {nn.output = "rnn_tokens"},
        tensor<2x5x12xf32> {nn.output = "rnn_logits"},
        tensor<2x5xi64> {nn.output = "attention_tokens"},
        tensor<2x5x12xf32> {nn.output = "attention_logits"},
        tensor<2x5x6xf32> {nn.output = "attention_weights"},
        tensor<2x5xi64> {nn.output = "transformer_tokens"},
        tensor<2x5x12xf32> {nn.output = "transformer_logits"}) {
  %rnn_tokens, %rnn_logits = func.call @rnn_greedy(%src, %rnn_src_emb,
      %rnn_e_w_ih, %rnn_e_w_hh, %rnn_e_b, %rnn_tgt_emb, %rnn_d_w_ih,
      %rnn_d_w_hh, %rnn_d_b, %rnn_w_out, %rnn_b_out)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>, tensor<8x12xf32>, tensor<12xf32>)
      -> (tensor<2x5xi64>, tensor<2x5x12xf32>)
  %att_tokens, %att_logits, %att_weights = func.call @attention_greedy(%src,
      %att_src_emb, %att_e_w_ih, %att_e_w_hh, %att_e_b, %att_w_key,
      %att_w_query, %att_v, %att_tgt_emb, %att_d_w_ih, %att_d_w_hh, %att_d_b,
      %att_w_out, %att_b_out)
      : (tensor<2x6xi64>, tensor<12x8xf32>, tensor<8x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x1xf32>,
         tensor<12x8xf32>, tensor<16x24xf32>, tensor<8x24xf32>, tensor<24xf32>,
         tensor<16x12xf32>, tensor<12xf32>)
      -> (tensor<2x5xi64>, tensor<2x5x12xf32>, tensor<2x5x6xf32>)
  %tf_tokens, %tf_logits = func.call @transformer_greedy(%src, %tf_emb,
      %tf_e_n_attn, %tf_e_wq, %tf_e_wk, %tf_e_wv, %tf_e_wo, %tf_e_n_ffn,
      %tf_e_w_in, %tf_e_w_out, %tf_e_n_final, %tf_d_n_self, %tf_d_sq, %tf_d_sk,
      %tf_d_sv, %tf_d_so, %tf_d_n_cross, %tf_d_cq, %tf_d_ck, %tf_d_cv, %tf_d_co,
      %tf_d_n_ffn, %tf_d_w_in, %tf_d_w_out, %tf_d_n_final, %tf_w_head)
      : (tensor<2x6xi64>, tensor<12x16xf32>, tensor<16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16xf32>, tensor<16x32xf32>, tensor<32x16xf32>, tensor<16xf32>,
         tensor<16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>,
         tensor<32x16xf32>, tensor<16xf32>, tensor<16x12xf32>)
      -> (tensor<2x5xi64>, tensor<2x5x12xf32>)
  return %rnn_tokens, %rnn_logits, %att_tokens, %att_logits, %att_weights,
      %tf_tokens, %tf_logits
      : tensor<2x5xi64>, tensor<2x5x12xf32>, tensor<2x5xi64>, tensor<2x5x12xf32>,
        tensor<2x5x6xf32>, tensor<2x5xi64>, tensor<2x5x12xf32>
}

// Teacher forcing: every model's decoder reads <bos> + tgt_tokens[:, :-1]
// and is scored by the cross-entropy of its logits against tgt_tokens
// (mean over the 2 x 5 positions); the loss is the sum over the models.
func.func @loss(%src: tensor<2x6xi64> {nn.input = "src_tokens"},
    %tgt: tensor<2x5xi64> {nn.input = "tgt_tokens"},
    %rnn_src_emb: tensor<12x8xf32> {nn.param = "rnn.src_embedding"},
    %rnn_e_w_ih: tensor<8x24xf32> {nn.param = "rnn.encoder.weight_ih"},
    %rnn_e_w_hh: tensor<8x24xf32> {nn.param = "rnn.encoder.weight_hh"},
    %rnn_e_b: tensor<24xf32> {nn.param = "rnn.encoder.bias"},
    %rnn_tgt_emb: tensor<12x8xf32> {nn.param = "rnn.tgt_embedding"},
    %rnn_d_w_ih: tensor<8x24xf32> {nn.param = "rnn.decoder.weight_ih"},
    %rnn_d_w_hh: tensor<8x24xf32> {nn.param = "rnn.decoder.weight_hh"},
    %rnn_d_b: tensor<24xf32> {nn.param = "rnn.decoder.bias"},
    %rnn_w_out: tensor<8x12xf32> {nn.param = "rnn.out.weight"},
    %rnn_b_out: tensor<12xf32> {nn.param = "rnn.out.bias"},
    %att_src_emb: tensor<12x8xf32> {nn.param = "attention.src_embedding"},
    %att_e_w_ih: tensor<8x24xf32> {nn.param = "attention.encoder.weight_ih"},
    %att_e_w_hh: tensor<8x24xf32> {nn.param = "attention.encoder.weight_hh"},
    %att_e_b: tensor<24xf32> {nn.param = "attention.encoder.bias"},
    %att_w_key: tensor<8x8xf32> {nn.param = "attention.key.weight"},
    %att_w_query: tensor<8x8xf32> {nn.param = "attention.query.weight"},
    %att_v: tensor<8x1xf32> {nn.param = "attention.v"},
    %att_tgt_emb: tensor<12x8xf32> {nn.param = "attention.tgt_embedding"},
    %att_d_w_ih: tensor<16x24xf32> {nn.param = "attention.decoder.weight_ih"},
    %att_d_w_hh: tensor<8x24xf32> {nn.param = "attention.decoder.weight_hh"},
    %att_d_b: tensor<24xf32> {nn.param = "attention.decoder.bias"},
    %att_w_out: tensor<16x12xf32> {nn.param = "attention.out.weight"},
    %att_b_out: tensor<12xf32> {nn.param = "attention.out.bias"},
    %tf_emb: tensor<12x16xf32> {nn.param = "transformer.embedding"},
    %tf_e_n_attn: tensor<16xf32> {nn.param = "transformer.encoder.attn_norm.weight"},
    %tf_e_wq: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.q.weight"},
    %tf_e_wk: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.k.weight"},
    %tf_e_wv: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.v.weight"},
    %tf_e_wo: tensor<16x16xf32> {nn.param = "transformer.encoder.self_attn.o.weight"},
    %tf_e_n_ffn: tensor<16xf32> {nn.param = "transformer.encoder.ffn_norm.weight"},
    %tf_e_w_in: tensor<16x32xf32> {nn.param = "transformer.encoder.ffn.wi.weight"},
    %tf_e_w_out: tensor<32x16xf32> {nn.param = "transformer.encoder.ffn.wo.weight"},
    %tf_e_n_final: tensor<16xf32> {nn.param = "transformer.encoder.final_norm.weight"},
    %tf_d_n_self: tensor<16xf32> {nn.param = "transformer.decoder.self_attn_norm.weight"},
    %tf_d_sq: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.q.weight"},
    %tf_d_sk: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.k.weight"},
    %tf_d_sv: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.v.weight"},
    %tf_d_so: tensor<16x16xf32> {nn.param = "transformer.decoder.self_attn.o.weight"},
    %tf_d_n_cross: tensor<16xf32> {nn.param = "transformer.decoder.cross_attn_norm.weight"},
    %tf_d_cq: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.q.weight"},
    %tf_d_ck: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.k.weight"},
    %tf_d_cv: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.v.weight"},
    %tf_d_co: tensor<16x16xf32> {nn.param = "transformer.decoder.cross_attn.o.weight"},
    %tf_d_n_ffn: tensor<16xf32> {nn.param = "transformer.decoder.ffn_norm.weight"},
    %tf_d_w_in: tensor<16x32xf32> {nn.param = "transformer.decoder.ffn.wi.weight"},
    %tf_d_w_out: tensor<32x16xf32> {nn.param = "transformer.decoder.ffn.wo.weight"},
    %tf_d_n_final: tensor<16xf32> {nn.param = "transformer.decoder.final_norm.weight"},
    %tf_w_head: tensor<16x12xf32> {nn.param = "transformer.lm_head.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %dec_in = func.call @shift_right(%tgt) : (tensor<2x5xi64>) -> tensor<2x5xi64>
  %rnn_logits = func.call @rnn_teacher_forced(%src, %dec_in, %rnn_src_emb,
      %rnn_e_w_ih, %rnn_e_w_hh, %rnn_e_b, %rnn_tgt_emb, %rnn_d_w_ih,
      %rnn_d_w_hh, %rnn_d_b, %rnn_w_out, %rnn_b_out)
      : (tensor<2x6xi64>, tensor<2x5xi64>, tensor<12x8xf32>, tensor<8x24xf32>,
         tensor<8x24xf32>, tensor<24xf32>, tensor<12x8xf32>, tensor<8x24xf32>,
         tensor<8x24xf32>, tensor<24xf32>, tensor<8x12xf32>, tensor<12xf32>)
      -> tensor<2x5x12xf32>
  %att_logits = func.call @attention_teacher_forced(%src, %dec_in, %att_src_emb,
      %att_e_w_ih, %att_e_w_hh, %att_e_b, %att_w_key, %att_w_query, %att_v,
      %att_tgt_emb, %att_d_w_ih, %att_d_w_hh, %att_d_b, %att_w_out, %att_b_out)
      : (tensor<2x6xi64>, tensor<2x5xi64>, tensor<12x8xf32>, tensor<8x24xf32>,
         tensor<8x24xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8x8xf32>,
         tensor<8x1xf32>, tensor<12x8xf32>, tensor<16x24xf32>, tensor<8x24xf32>,
         tensor<24xf32>, tensor<16x12xf32>, tensor<12xf32>)
      -> tensor<2x5x12xf32>
  %tf_logits = func.call @transformer_teacher_forced(%src, %dec_in, %tf_emb,
      %tf_e_n_attn, %tf_e_wq, %tf_e_wk, %tf_e_wv, %tf_e_wo, %tf_e_n_ffn,
      %tf_e_w_in, %tf_e_w_out, %tf_e_n_final, %tf_d_n_self, %tf_d_sq, %tf_d_sk,
      %tf_d_sv, %tf_d_so, %tf_d_n_cross, %tf_d_cq, %tf_d_ck, %tf_d_cv, %tf_d_co,
      %tf_d_n_ffn, %tf_d_w_in, %tf_d_w_out, %tf_d_n_final, %tf_w_head)
      : (tensor<2x6xi64>, tensor<2x5xi64>, tensor<12x16xf32>, tensor<16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16x32xf32>,
         tensor<32x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>,
         tensor<16x32xf32>, tensor<32x16xf32>, tensor<16xf32>,
         tensor<16x12xf32>)
      -> tensor<2x5x12xf32>
  %labels = nn.reshape %tgt [10] : tensor<2x5xi64>
  %rnn_flat = nn.reshape %rnn_logits [10, 12] : tensor<2x5x12xf32>
  %att_flat = nn.reshape %att_logits [10, 12] : tensor<2x5x12xf32>
  %tf_flat = nn.reshape %tf_logits [10, 12] : tensor<2x5x12xf32>
  %l_rnn = nn.cross_entropy %rnn_flat, %labels : tensor<10x12xf32>, tensor<10xi64>
  %l_att = nn.cross_entropy %att_flat, %labels : tensor<10x12xf32>, tensor<10xi64>
  %l_tf = nn.cross_entropy %tf_flat, %labels : tensor<10x12xf32>, tensor<10xi64>
  %l_recurrent = nn.add %l_rnn, %l_att : tensor<f32>, tensor<f32>
  %loss = nn.add %l_recurrent, %l_tf : tensor<f32>, tensor<f32>
  return %loss : tensor<f32>
}
