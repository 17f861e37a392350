// Contrastive and self-supervised objectives on one small encoder f
// (16 -> 32 ReLU -> 8, batch of 4; nn.Linear layout [out, in], names
// "encoder.fc{1,2}.{weight,bias}"), summed into one @loss:
//
//   siamese  contrastive loss on pairs (pair_a, pair_b, same in {0, 1}):
//            mean(same d^2 + (1 - same) relu(2 - d)^2) / 2, d = ||f(a) - f(b)||;
//   triplet  mean relu(||f(a) - f(p)|| - ||f(a) - f(n)|| + 1);
//   nt_xent  SimCLR over 2N = 8 augmented views: two views of "x", each
//            x + 0.1 * nn.random_normal(key), L2-normalized embeddings,
//            cosine similarities / 0.5 with the self-similarity masked out
//            (- 1e9 on the diagonal), cross-entropy against the other view;
//   clip     image embeddings f(x) and text embeddings of a second encoder
//            ("text.fc*", 12 -> 32 -> 8), normalized, logits scaled by
//            exp(logit_scale), the mean of cross-entropy over rows and over
//            columns (symmetric InfoNCE, matches on the diagonal);
//   byol     predictor q ("predictor.fc*", 8 -> 16 ReLU -> 8) on the online
//            f of one view against the target encoder ("target.fc*", f's
//            shape) of the other view behind nn.stop_gradient,
//            2 - 2 cos summed over both directions; the target weights are
//            nn.param inputs whose gradient is therefore zero;
//   simsiam  the same predictor against f itself behind nn.stop_gradient,
//            -cos / 2 over both directions.
//
// @forward is inference plus the BYOL target update: it returns f(x), q(f(x)),
// the CLIP logits of (x, text) and "ema.<target weight>" = 0.99 target +
// 0.01 online for each target weight (the exponential moving average step).
// Golden data and weights: test/arch/contrastive/make_golden.py.

// f: 16 -> 32 (ReLU) -> 8; also the target encoder with its own weights.
func.func private @encoder(%x: tensor<4x16xf32>,
    %w1: tensor<32x16xf32>, %b1: tensor<32xf32>,
    %w2: tensor<8x32xf32>, %b2: tensor<8xf32>) -> tensor<4x8xf32> {
  %w1t = nn.transpose %w1 [1, 0] : tensor<32x16xf32>
  %h1 = nn.matmul %x, %w1t : tensor<4x16xf32>, tensor<16x32xf32>
  %z1 = nn.add %h1, %b1 : tensor<4x32xf32>, tensor<32xf32>
  %a1 = nn.relu %z1 : tensor<4x32xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<8x32xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<4x32xf32>, tensor<32x8xf32>
  %z2 = nn.add %h2, %b2 : tensor<4x8xf32>, tensor<8xf32>
  return %z2 : tensor<4x8xf32>
}

// CLIP's text tower: 12 -> 32 (ReLU) -> 8.
func.func private @text_encoder(%t: tensor<4x12xf32>,
    %w1: tensor<32x12xf32>, %b1: tensor<32xf32>,
    %w2: tensor<8x32xf32>, %b2: tensor<8xf32>) -> tensor<4x8xf32> {
  %w1t = nn.transpose %w1 [1, 0] : tensor<32x12xf32>
  %h1 = nn.matmul %t, %w1t : tensor<4x12xf32>, tensor<12x32xf32>
  %z1 = nn.add %h1, %b1 : tensor<4x32xf32>, tensor<32xf32>
  %a1 = nn.relu %z1 : tensor<4x32xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<8x32xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<4x32xf32>, tensor<32x8xf32>
  %z2 = nn.add %h2, %b2 : tensor<4x8xf32>, tensor<8xf32>
  return %z2 : tensor<4x8xf32>
}

// BYOL / SimSiam predictor q: 8 -> 16 (ReLU) -> 8.
func.func private @predictor(%z: tensor<4x8xf32>,
    %w1: tensor<16x8xf32>, %b1: tensor<16xf32>,
    %w2: tensor<8x16xf32>, %b2: tensor<8xf32>) -> tensor<4x8xf32> {
  %w1t = nn.transpose %w1 [1, 0] : tensor<16x8xf32>
  %h1 = nn.matmul %z, %w1t : tensor<4x8xf32>, tensor<8x16xf32>
  %z1 = nn.add %h1, %b1 : tensor<4x16xf32>, tensor<16xf32>
  %a1 = nn.relu %z1 : tensor<4x16xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<8x16xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<4x16xf32>, tensor<16x8xf32>
  %z2 = nn.add %h2, %b2 : tensor<4x8xf32>, tensor<8xf32>
  return %z2 : tensor<4x8xf32>
}

// Each row divided by its L2 norm (F.normalize without the epsilon).
func.func private @normalize(%z: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %sq = nn.mul %z, %z : tensor<4x8xf32>, tensor<4x8xf32>
  %ss = nn.reduce_sum %sq [1] {keepdim = true} : tensor<4x8xf32>
  %inv = nn.rsqrt %ss : tensor<4x1xf32>
  %n = nn.mul %z, %inv : tensor<4x8xf32>, tensor<4x1xf32>
  return %n : tensor<4x8xf32>
}

// Row-wise cosine similarity.
func.func private @cosine(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>)
    -> tensor<4xf32> {
  %an = func.call @normalize(%a) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %bn = func.call @normalize(%b) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %p = nn.mul %an, %bn : tensor<4x8xf32>, tensor<4x8xf32>
  %c = nn.reduce_sum %p [1] : tensor<4x8xf32>
  return %c : tensor<4xf32>
}

// Row-wise Euclidean distance.
func.func private @distance(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>)
    -> tensor<4xf32> {
  %d = nn.sub %a, %b : tensor<4x8xf32>, tensor<4x8xf32>
  %sq = nn.mul %d, %d : tensor<4x8xf32>, tensor<4x8xf32>
  %ss = nn.reduce_sum %sq [1] : tensor<4x8xf32>
  %dist = nn.sqrt %ss : tensor<4xf32>
  return %dist : tensor<4xf32>
}

// CLIP logits exp(logit_scale) * normalize(f(image)) normalize(g(text))^T.
func.func private @clip_logits(%image: tensor<4x16xf32>,
    %text: tensor<4x12xf32>,
    %e1w: tensor<32x16xf32>, %e1b: tensor<32xf32>,
    %e2w: tensor<8x32xf32>, %e2b: tensor<8xf32>,
    %t1w: tensor<32x12xf32>, %t1b: tensor<32xf32>,
    %t2w: tensor<8x32xf32>, %t2b: tensor<8xf32>,
    %scale: tensor<1xf32>) -> tensor<4x4xf32> {
  %ie = func.call @encoder(%image, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %te = func.call @text_encoder(%text, %t1w, %t1b, %t2w, %t2b)
      : (tensor<4x12xf32>, tensor<32x12xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %in = func.call @normalize(%ie) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %tn = func.call @normalize(%te) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %tnt = nn.transpose %tn [1, 0] : tensor<4x8xf32>
  %sim = nn.matmul %in, %tnt : tensor<4x8xf32>, tensor<8x4xf32>
  %temp = nn.exp %scale : tensor<1xf32>
  %logits = nn.mul %sim, %temp : tensor<4x4xf32>, tensor<1xf32>
  return %logits : tensor<4x4xf32>
}

func.func @forward(
    %x: tensor<4x16xf32> {nn.input = "x"},
    %text: tensor<4x12xf32> {nn.input = "text"},
    %e1w: tensor<32x16xf32> {nn.param = "encoder.fc1.weight"},
    %e1b: tensor<32xf32> {nn.param = "encoder.fc1.bias"},
    %e2w: tensor<8x32xf32> {nn.param = "encoder.fc2.weight"},
    %e2b: tensor<8xf32> {nn.param = "encoder.fc2.bias"},
    %p1w: tensor<16x8xf32> {nn.param = "predictor.fc1.weight"},
    %p1b: tensor<16xf32> {nn.param = "predictor.fc1.bias"},
    %p2w: tensor<8x16xf32> {nn.param = "predictor.fc2.weight"},
    %p2b: tensor<8xf32> {nn.param = "predictor.fc2.bias"},
    %t1w: tensor<32x12xf32> {nn.param = "text.fc1.weight"},
    %t1b: tensor<32xf32> {nn.param = "text.fc1.bias"},
    %t2w: tensor<8x32xf32> {nn.param = "text.fc2.weight"},
    %t2b: tensor<8xf32> {nn.param = "text.fc2.bias"},
    %scale: tensor<1xf32> {nn.param = "logit_scale"},
    %g1w: tensor<32x16xf32> {nn.param = "target.fc1.weight"},
    %g1b: tensor<32xf32> {nn.param = "target.fc1.bias"},
    %g2w: tensor<8x32xf32> {nn.param = "target.fc2.weight"},
    %g2b: tensor<8xf32> {nn.param = "target.fc2.bias"})
    -> (tensor<4x8xf32> {nn.output = "embedding"},
        tensor<4x8xf32> {nn.output = "prediction"},
        tensor<4x4xf32> {nn.output = "clip_logits"},
        tensor<32x16xf32> {nn.output = "ema.fc1.weight"},
        tensor<32xf32> {nn.output = "ema.fc1.bias"},
        tensor<8x32xf32> {nn.output = "ema.fc2.weight"},
        tensor<8xf32> {nn.output = "ema.fc2.bias"}) {
  %emb = func.call @encoder(%x, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %pred = func.call @predictor(%emb, %p1w, %p1b, %p2w, %p2b)
      : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>,
         tensor<8x16xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %logits = func.call @clip_logits(%x, %text, %e1w, %e1b, %e2w, %e2b,
      %t1w, %t1b, %t2w, %t2b, %scale)
      : (tensor<4x16xf32>, tensor<4x12xf32>, tensor<32x16xf32>,
         tensor<32xf32>, tensor<8x32xf32>, tensor<8xf32>, tensor<32x12xf32>,
         tensor<32xf32>, tensor<8x32xf32>, tensor<8xf32>, tensor<1xf32>)
      -> tensor<4x4xf32>
  // EMA: target + (1 - tau) (online - target) with tau = 0.99.
  %rate = arith.constant dense<0.01> : tensor<f32>
  %d1w = nn.sub %e1w, %g1w : tensor<32x16xf32>, tensor<32x16xf32>
  %s1w = nn.mul %d1w, %rate : tensor<32x16xf32>, tensor<f32>
  %n1w = nn.add %g1w, %s1w : tensor<32x16xf32>, tensor<32x16xf32>
  %d1b = nn.sub %e1b, %g1b : tensor<32xf32>, tensor<32xf32>
  %s1b = nn.mul %d1b, %rate : tensor<32xf32>, tensor<f32>
  %n1b = nn.add %g1b, %s1b : tensor<32xf32>, tensor<32xf32>
  %d2w = nn.sub %e2w, %g2w : tensor<8x32xf32>, tensor<8x32xf32>
  %s2w = nn.mul %d2w, %rate : tensor<8x32xf32>, tensor<f32>
  %n2w = nn.add %g2w, %s2w : tensor<8x32xf32>, tensor<8x32xf32>
  %d2b = nn.sub %e2b, %g2b : tensor<8xf32>, tensor<8xf32>
  %s2b = nn.mul %d2b, %rate : tensor<8xf32>, tensor<f32>
  %n2b = nn.add %g2b, %s2b : tensor<8xf32>, tensor<8xf32>
  return %emb, %pred, %logits, %n1w, %n1b, %n2w, %n2b
      : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x4xf32>, tensor<32x16xf32>,
        tensor<32xf32>, tensor<8x32xf32>, tensor<8xf32>
}

func.func @loss(
    %pair_a: tensor<4x16xf32> {nn.input = "pair_a"},
    %pair_b: tensor<4x16xf32> {nn.input = "pair_b"},
    %same: tensor<4xf32> {nn.input = "same"},
    %anchor: tensor<4x16xf32> {nn.input = "anchor"},
    %positive: tensor<4x16xf32> {nn.input = "positive"},
    %negative: tensor<4x16xf32> {nn.input = "negative"},
    %x: tensor<4x16xf32> {nn.input = "x"},
    %key1: tensor<i64> {nn.input = "key1"},
    %key2: tensor<i64> {nn.input = "key2"},
    %text: tensor<4x12xf32> {nn.input = "text"},
    %e1w: tensor<32x16xf32> {nn.param = "encoder.fc1.weight"},
    %e1b: tensor<32xf32> {nn.param = "encoder.fc1.bias"},
    %e2w: tensor<8x32xf32> {nn.param = "encoder.fc2.weight"},
    %e2b: tensor<8xf32> {nn.param = "encoder.fc2.bias"},
    %p1w: tensor<16x8xf32> {nn.param = "predictor.fc1.weight"},
    %p1b: tensor<16xf32> {nn.param = "predictor.fc1.bias"},
    %p2w: tensor<8x16xf32> {nn.param = "predictor.fc2.weight"},
    %p2b: tensor<8xf32> {nn.param = "predictor.fc2.bias"},
    %t1w: tensor<32x12xf32> {nn.param = "text.fc1.weight"},
    %t1b: tensor<32xf32> {nn.param = "text.fc1.bias"},
    %t2w: tensor<8x32xf32> {nn.param = "text.fc2.weight"},
    %t2b: tensor<8xf32> {nn.param = "text.fc2.bias"},
    %scale: tensor<1xf32> {nn.param = "logit_scale"},
    %g1w: tensor<32x16xf32> {nn.param = "target.fc1.weight"},
    %g1b: tensor<32xf32> {nn.param = "target.fc1.bias"},
    %g2w: tensor<8x32xf32> {nn.param = "target.fc2.weight"},
    %g2b: tensor<8xf32> {nn.param = "target.fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %half = arith.constant dense<0.5> : tensor<f32>

  // Siamese contrastive loss, margin 2.
  %ea = func.call @encoder(%pair_a, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %eb = func.call @encoder(%pair_b, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %d = func.call @distance(%ea, %eb)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %d2 = nn.mul %d, %d : tensor<4xf32>, tensor<4xf32>
  %pull = nn.mul %same, %d2 : tensor<4xf32>, tensor<4xf32>
  %margin = arith.constant dense<2.0> : tensor<f32>
  %gap = nn.sub %margin, %d : tensor<f32>, tensor<4xf32>
  %hinge = nn.relu %gap : tensor<4xf32>
  %hinge2 = nn.mul %hinge, %hinge : tensor<4xf32>, tensor<4xf32>
  %differ = nn.sub %one, %same : tensor<f32>, tensor<4xf32>
  %push = nn.mul %differ, %hinge2 : tensor<4xf32>, tensor<4xf32>
  %pair_terms = nn.add %pull, %push : tensor<4xf32>, tensor<4xf32>
  %pair_mean = nn.reduce_mean %pair_terms [] : tensor<4xf32>
  %siamese = nn.mul %pair_mean, %half : tensor<f32>, tensor<f32>

  // Triplet margin loss, margin 1.
  %fa = func.call @encoder(%anchor, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %fp = func.call @encoder(%positive, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %fn = func.call @encoder(%negative, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %dp = func.call @distance(%fa, %fp)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %dn = func.call @distance(%fa, %fn)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %dpn = nn.sub %dp, %dn : tensor<4xf32>, tensor<4xf32>
  %dpn1 = nn.add %dpn, %one : tensor<4xf32>, tensor<f32>
  %violation = nn.relu %dpn1 : tensor<4xf32>
  %triplet = nn.reduce_mean %violation [] : tensor<4xf32>

  // Two augmented views of x: x + 0.1 * N(0, 1) drawn from each key.
  %sigma = arith.constant dense<0.1> : tensor<f32>
  %n1 = nn.random_normal %key1 : tensor<i64> -> tensor<4x16xf32>
  %j1 = nn.mul %n1, %sigma : tensor<4x16xf32>, tensor<f32>
  %v1 = nn.add %x, %j1 : tensor<4x16xf32>, tensor<4x16xf32>
  %n2 = nn.random_normal %key2 : tensor<i64> -> tensor<4x16xf32>
  %j2 = nn.mul %n2, %sigma : tensor<4x16xf32>, tensor<f32>
  %v2 = nn.add %x, %j2 : tensor<4x16xf32>, tensor<4x16xf32>
  %z1 = func.call @encoder(%v1, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %z2 = func.call @encoder(%v2, %e1w, %e1b, %e2w, %e2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>

  // NT-Xent over the 2N = 8 views, temperature 0.5.
  %z1n = func.call @normalize(%z1) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %z2n = func.call @normalize(%z2) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %zs = nn.concat %z1n, %z2n axis 0 : tensor<4x8xf32>, tensor<4x8xf32>
  %zst = nn.transpose %zs [1, 0] : tensor<8x8xf32>
  %cos = nn.matmul %zs, %zst : tensor<8x8xf32>, tensor<8x8xf32>
  %inv_temp = arith.constant dense<2.0> : tensor<f32>
  %sim = nn.mul %cos, %inv_temp : tensor<8x8xf32>, tensor<f32>
  %rows = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
  %eye = nn.one_hot %rows : tensor<8xi64> -> tensor<8x8xf32>
  %big = arith.constant dense<1.0e9> : tensor<f32>
  %self = nn.mul %eye, %big : tensor<8x8xf32>, tensor<f32>
  %masked = nn.sub %sim, %self : tensor<8x8xf32>, tensor<8x8xf32>
  %partner = arith.constant dense<[4, 5, 6, 7, 0, 1, 2, 3]> : tensor<8xi64>
  %nt_xent = nn.cross_entropy %masked, %partner
      : tensor<8x8xf32>, tensor<8xi64>

  // CLIP: symmetric cross-entropy, image i matches text i.
  %logits = func.call @clip_logits(%x, %text, %e1w, %e1b, %e2w, %e2b,
      %t1w, %t1b, %t2w, %t2b, %scale)
      : (tensor<4x16xf32>, tensor<4x12xf32>, tensor<32x16xf32>,
         tensor<32xf32>, tensor<8x32xf32>, tensor<8xf32>, tensor<32x12xf32>,
         tensor<32xf32>, tensor<8x32xf32>, tensor<8xf32>, tensor<1xf32>)
      -> tensor<4x4xf32>
  %diag = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %image_ce = nn.cross_entropy %logits, %diag : tensor<4x4xf32>, tensor<4xi64>
  %logits_t = nn.transpose %logits [1, 0] : tensor<4x4xf32>
  %text_ce = nn.cross_entropy %logits_t, %diag : tensor<4x4xf32>, tensor<4xi64>
  %clip_sum = nn.add %image_ce, %text_ce : tensor<f32>, tensor<f32>
  %clip = nn.mul %clip_sum, %half : tensor<f32>, tensor<f32>

  // BYOL: q(f(v1)) against the stopped target g(v2), and symmetrically.
  %q1 = func.call @predictor(%z1, %p1w, %p1b, %p2w, %p2b)
      : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>,
         tensor<8x16xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %q2 = func.call @predictor(%z2, %p1w, %p1b, %p2w, %p2b)
      : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>,
         tensor<8x16xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %g1 = func.call @encoder(%v1, %g1w, %g1b, %g2w, %g2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %g2 = func.call @encoder(%v2, %g1w, %g1b, %g2w, %g2b)
      : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>,
         tensor<8x32xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %g1s = nn.stop_gradient %g1 : tensor<4x8xf32>
  %g2s = nn.stop_gradient %g2 : tensor<4x8xf32>
  %c12 = func.call @cosine(%q1, %g2s)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %c21 = func.call @cosine(%q2, %g1s)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %cb = nn.add %c12, %c21 : tensor<4xf32>, tensor<4xf32>
  %cb_mean = nn.reduce_mean %cb [] : tensor<4xf32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %four = arith.constant dense<4.0> : tensor<f32>
  %cb2 = nn.mul %cb_mean, %two : tensor<f32>, tensor<f32>
  %byol = nn.sub %four, %cb2 : tensor<f32>, tensor<f32>

  // SimSiam: the same predictor against f itself, stopped.
  %z1s = nn.stop_gradient %z1 : tensor<4x8xf32>
  %z2s = nn.stop_gradient %z2 : tensor<4x8xf32>
  %s12 = func.call @cosine(%q1, %z2s)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %s21 = func.call @cosine(%q2, %z1s)
      : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  %cs = nn.add %s12, %s21 : tensor<4xf32>, tensor<4xf32>
  %cs_mean = nn.reduce_mean %cs [] : tensor<4xf32>
  %cs_half = nn.mul %cs_mean, %half : tensor<f32>, tensor<f32>
  %simsiam = nn.neg %cs_half : tensor<f32>

  %sum0 = nn.add %siamese, %triplet : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %nt_xent : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %clip : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %byol : tensor<f32>, tensor<f32>
  %total = nn.add %sum3, %simsiam : tensor<f32>, tensor<f32>
  return %total : tensor<f32>
}
