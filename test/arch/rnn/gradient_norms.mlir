// The vanishing/exploding gradient experiment of arch/rnn: the Elman cell of
// models/arch/rnn.mlir over T = 128 steps (batch 2, 8 hidden),
//   z_t = u_t + h_{t-1} W_hh^T,   h_t = tanh(z_t),   loss = sum(c * h_128),
// with the input drive u_t a parameter ("drive") so that its gradient,
// d loss / d u_t = d loss / d z_t, is the backpropagated error at every step.
// BPTT gives  dL/dz_t = diag(tanh'(z_t)) W_hh^T dL/dz_{t+1}, so its norm
// changes per step by a factor between ||W_hh|| min tanh'(z_t) and
// ||W_hh|| max tanh'(z_t) when W_hh is a multiple of an orthogonal matrix:
// the gradient norm follows ||W_hh|| * gamma. The pre-activations z are
// passed through as an extra output so that the check
// (check_gradient_norms.py) can compute gamma from nnc's own numbers.
// Weights: test/arch/data/rnn/gradient_norms_*.safetensors (make_golden.py).
func.func @loss(%w_hh: tensor<8x8xf32> {nn.param = "weight_hh"},
    %drive: tensor<128x2x8xf32> {nn.param = "drive"},
    %h0: tensor<2x8xf32> {nn.input = "h0"},
    %c: tensor<2x8xf32> {nn.input = "c"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<128x2x8xf32> {nn.output = "z"}) {
  %w_hh_t = nn.transpose %w_hh [1, 0] : tensor<8x8xf32>
  %h_n, %zs = nn.scan init(%h0 : tensor<2x8xf32>) over(%drive : tensor<128x2x8xf32>)
      finals(tensor<2x8xf32>) outputs(tensor<128x2x8xf32>) {
  ^bb0(%h: tensor<2x8xf32>, %u_t: tensor<2x8xf32>):
    %r = nn.matmul %h, %w_hh_t : tensor<2x8xf32>, tensor<8x8xf32>
    %z = nn.add %u_t, %r : tensor<2x8xf32>, tensor<2x8xf32>
    %h_next = nn.tanh %z : tensor<2x8xf32>
    nn.yield %h_next, %z : tensor<2x8xf32>, tensor<2x8xf32>
  }
  %w = nn.mul %h_n, %c : tensor<2x8xf32>, tensor<2x8xf32>
  %l = nn.reduce_sum %w [] : tensor<2x8xf32>
  return %l, %zs : tensor<f32>, tensor<128x2x8xf32>
}
