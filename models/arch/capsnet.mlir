// [capsnet] A capsule network: 8 input features to 6 primary capsules of
// dimension 4 (a linear layer whose output is split into capsules and
// squashed: |s|^2 / (1 + |s|^2) s / |s|), each predicting 3 class capsules
// of dimension 5 through its own 5x4 matrix (u_hat = W_ij u_i), dynamic
// routing by agreement over 3 iterations (an scf.for: coupling c = softmax
// of the logits b over classes, s_j = sum_i c_ij u_hat_ij, v_j = squash(s_j),
// b_ij += u_hat_ij . v_j), and the margin loss on the class capsules'
// lengths (m+ = 0.9, m- = 0.1, lambda = 0.5), batch 4. Gradients flow
// through every routing iteration. Primary capsules come from a dense layer
// where CapsNet uses a convolution (the nn dialect has no convolution yet).
// Weights: capsnet.safetensors (test/arch/capsnet/make_golden.py).
func.func @forward(%x: tensor<4x8xf32> {nn.input = "x"},
    %wp: tensor<8x24xf32> {nn.param = "primary.weight"},
    %bp: tensor<24xf32> {nn.param = "primary.bias"},
    %w: tensor<6x3x5x4xf32> {nn.param = "routing.weight"})
    -> (tensor<4x3xf32> {nn.output = "lengths"}) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %tiny = arith.constant dense<1.0e-09> : tensor<f32>
  %pm = nn.matmul %x, %wp : tensor<4x8xf32>, tensor<8x24xf32>
  %pz = nn.add %pm, %bp : tensor<4x24xf32>, tensor<24xf32>
  %pr = nn.reshape %pz [4, 6, 4] : tensor<4x24xf32>
  %u_sq = nn.mul %pr, %pr : tensor<4x6x4xf32>, tensor<4x6x4xf32>
  %u_n2 = nn.reduce_sum %u_sq [-1] {keepdim = true} : tensor<4x6x4xf32>
  %u_n2e = nn.add %u_n2, %tiny : tensor<4x6x1xf32>, tensor<f32>
  %u_n = nn.sqrt %u_n2e : tensor<4x6x1xf32>
  %u_den = nn.add %u_n2, %one : tensor<4x6x1xf32>, tensor<f32>
  %u_f = nn.div %u_n, %u_den : tensor<4x6x1xf32>, tensor<4x6x1xf32>
  %u = nn.mul %pr, %u_f : tensor<4x6x4xf32>, tensor<4x6x1xf32>
  %u5 = nn.reshape %u [4, 6, 1, 4, 1] : tensor<4x6x4xf32>
  %uh5 = nn.matmul %w, %u5 : tensor<6x3x5x4xf32>, tensor<4x6x1x4x1xf32>
  %uhat = nn.reshape %uh5 [4, 6, 3, 5] : tensor<4x6x3x5x1xf32>
  %b0 = arith.constant dense<0.0> : tensor<4x6x3xf32>
  %v0 = arith.constant dense<0.0> : tensor<4x3x5xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %iters = arith.constant 3 : index
  %routed:2 = scf.for %r = %c0 to %iters step %c1 iter_args(%b = %b0, %vprev = %v0) -> (tensor<4x6x3xf32>, tensor<4x3x5xf32>) {
    %c = nn.softmax %b axis 2 : tensor<4x6x3xf32>
    %c4 = nn.reshape %c [4, 6, 3, 1] : tensor<4x6x3xf32>
    %cu = nn.mul %c4, %uhat : tensor<4x6x3x1xf32>, tensor<4x6x3x5xf32>
    %s = nn.reduce_sum %cu [1] : tensor<4x6x3x5xf32>
    %v_sq = nn.mul %s, %s : tensor<4x3x5xf32>, tensor<4x3x5xf32>
    %v_n2 = nn.reduce_sum %v_sq [-1] {keepdim = true} : tensor<4x3x5xf32>
    %v_n2e = nn.add %v_n2, %tiny : tensor<4x3x1xf32>, tensor<f32>
    %v_n = nn.sqrt %v_n2e : tensor<4x3x1xf32>
    %v_den = nn.add %v_n2, %one : tensor<4x3x1xf32>, tensor<f32>
    %v_f = nn.div %v_n, %v_den : tensor<4x3x1xf32>, tensor<4x3x1xf32>
    %v = nn.mul %s, %v_f : tensor<4x3x5xf32>, tensor<4x3x1xf32>
    %v4 = nn.reshape %v [4, 1, 3, 5] : tensor<4x3x5xf32>
    %uv = nn.mul %uhat, %v4 : tensor<4x6x3x5xf32>, tensor<4x1x3x5xf32>
    %agree = nn.reduce_sum %uv [3] : tensor<4x6x3x5xf32>
    %bn = nn.add %b, %agree : tensor<4x6x3xf32>, tensor<4x6x3xf32>
    scf.yield %bn, %v : tensor<4x6x3xf32>, tensor<4x3x5xf32>
  }
  %vv = nn.mul %routed#1, %routed#1 : tensor<4x3x5xf32>, tensor<4x3x5xf32>
  %len2 = nn.reduce_sum %vv [2] : tensor<4x3x5xf32>
  %len2e = nn.add %len2, %tiny : tensor<4x3xf32>, tensor<f32>
  %len = nn.sqrt %len2e : tensor<4x3xf32>
  return %len : tensor<4x3xf32>
}

func.func @loss(%x: tensor<4x8xf32> {nn.input = "x"}, %y: tensor<4xi64> {nn.input = "y"},
    %wp: tensor<8x24xf32> {nn.param = "primary.weight"},
    %bp: tensor<24xf32> {nn.param = "primary.bias"},
    %w: tensor<6x3x5x4xf32> {nn.param = "routing.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %tiny = arith.constant dense<1.0e-09> : tensor<f32>
  %pm = nn.matmul %x, %wp : tensor<4x8xf32>, tensor<8x24xf32>
  %pz = nn.add %pm, %bp : tensor<4x24xf32>, tensor<24xf32>
  %pr = nn.reshape %pz [4, 6, 4] : tensor<4x24xf32>
  %u_sq = nn.mul %pr, %pr : tensor<4x6x4xf32>, tensor<4x6x4xf32>
  %u_n2 = nn.reduce_sum %u_sq [-1] {keepdim = true} : tensor<4x6x4xf32>
  %u_n2e = nn.add %u_n2, %tiny : tensor<4x6x1xf32>, tensor<f32>
  %u_n = nn.sqrt %u_n2e : tensor<4x6x1xf32>
  %u_den = nn.add %u_n2, %one : tensor<4x6x1xf32>, tensor<f32>
  %u_f = nn.div %u_n, %u_den : tensor<4x6x1xf32>, tensor<4x6x1xf32>
  %u = nn.mul %pr, %u_f : tensor<4x6x4xf32>, tensor<4x6x1xf32>
  %u5 = nn.reshape %u [4, 6, 1, 4, 1] : tensor<4x6x4xf32>
  %uh5 = nn.matmul %w, %u5 : tensor<6x3x5x4xf32>, tensor<4x6x1x4x1xf32>
  %uhat = nn.reshape %uh5 [4, 6, 3, 5] : tensor<4x6x3x5x1xf32>
  %b0 = arith.constant dense<0.0> : tensor<4x6x3xf32>
  %v0 = arith.constant dense<0.0> : tensor<4x3x5xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %iters = arith.constant 3 : index
  %routed:2 = scf.for %r = %c0 to %iters step %c1 iter_args(%b = %b0, %vprev = %v0) -> (tensor<4x6x3xf32>, tensor<4x3x5xf32>) {
    %c = nn.softmax %b axis 2 : tensor<4x6x3xf32>
    %c4 = nn.reshape %c [4, 6, 3, 1] : tensor<4x6x3xf32>
    %cu = nn.mul %c4, %uhat : tensor<4x6x3x1xf32>, tensor<4x6x3x5xf32>
    %s = nn.reduce_sum %cu [1] : tensor<4x6x3x5xf32>
    %v_sq = nn.mul %s, %s : tensor<4x3x5xf32>, tensor<4x3x5xf32>
    %v_n2 = nn.reduce_sum %v_sq [-1] {keepdim = true} : tensor<4x3x5xf32>
    %v_n2e = nn.add %v_n2, %tiny : tensor<4x3x1xf32>, tensor<f32>
    %v_n = nn.sqrt %v_n2e : tensor<4x3x1xf32>
    %v_den = nn.add %v_n2, %one : tensor<4x3x1xf32>, tensor<f32>
    %v_f = nn.div %v_n, %v_den : tensor<4x3x1xf32>, tensor<4x3x1xf32>
    %v = nn.mul %s, %v_f : tensor<4x3x5xf32>, tensor<4x3x1xf32>
    %v4 = nn.reshape %v [4, 1, 3, 5] : tensor<4x3x5xf32>
    %uv = nn.mul %uhat, %v4 : tensor<4x6x3x5xf32>, tensor<4x1x3x5xf32>
    %agree = nn.reduce_sum %uv [3] : tensor<4x6x3x5xf32>
    %bn = nn.add %b, %agree : tensor<4x6x3xf32>, tensor<4x6x3xf32>
    scf.yield %bn, %v : tensor<4x6x3xf32>, tensor<4x3x5xf32>
  }
  %vv = nn.mul %routed#1, %routed#1 : tensor<4x3x5xf32>, tensor<4x3x5xf32>
  %len2 = nn.reduce_sum %vv [2] : tensor<4x3x5xf32>
  %len2e = nn.add %len2, %tiny : tensor<4x3xf32>, tensor<f32>
  %len = nn.sqrt %len2e : tensor<4x3xf32>
  %t = nn.one_hot %y : tensor<4xi64> -> tensor<4x3xf32>
  %mplus = arith.constant dense<0.9> : tensor<f32>
  %mminus = arith.constant dense<0.1> : tensor<f32>
  %lambda = arith.constant dense<0.5> : tensor<f32>
  %pgap = nn.sub %mplus, %len : tensor<f32>, tensor<4x3xf32>
  %ppos = nn.relu %pgap : tensor<4x3xf32>
  %psq = nn.mul %ppos, %ppos : tensor<4x3xf32>, tensor<4x3xf32>
  %present = nn.mul %t, %psq : tensor<4x3xf32>, tensor<4x3xf32>
  %agap = nn.sub %len, %mminus : tensor<4x3xf32>, tensor<f32>
  %apos = nn.relu %agap : tensor<4x3xf32>
  %asq = nn.mul %apos, %apos : tensor<4x3xf32>, tensor<4x3xf32>
  %nott = nn.sub %one, %t : tensor<f32>, tensor<4x3xf32>
  %absent0 = nn.mul %nott, %asq : tensor<4x3xf32>, tensor<4x3xf32>
  %absent = nn.mul %absent0, %lambda : tensor<4x3xf32>, tensor<f32>
  %per = nn.add %present, %absent : tensor<4x3xf32>, tensor<4x3xf32>
  %persample = nn.reduce_sum %per [1] : tensor<4x3xf32>
  %loss = nn.reduce_mean %persample [] : tensor<4xf32>
  return %loss : tensor<f32>
}
