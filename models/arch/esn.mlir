// [esn] An echo state network: a fixed random reservoir of 16 leaky tanh
// units driven by a 1-D signal over T = 48 steps (batch 2), and a linear
// readout trained by ridge regression inside the model:
//   x_t = (1 - a) x_{t-1} + a tanh(W_in (s * u_t) + b + W x_{t-1}),  a = 0.3
//   W_out = solve(X^T X + lambda I, X^T (Y - c)),  lambda = 0.1
//   y_hat = X W_out + c
// W (reservoir.weight, spectral radius scaled to 0.9 < 1 by make_golden.py,
// which asserts it and the echo state property), W_in and b are fixed
// (nn.buffer); the recurrence is one nn.scan. X holds the states after a
// washout of 8 steps (40 steps x 2 sequences = 80 rows) and Y the targets,
// the next value of the signal. The ridge solution is one nn.solve, so the
// readout is trained every time the model runs. The trainable parameters
// are the input scaling s and the readout bias c: @loss is the readout's
// mean squared error, whose gradient flows back through the solve and
// through time through the reservoir.
// Weights: esn.safetensors (test/arch/esn/make_golden.py).
func.func @forward(%u: tensor<48x2x1xf32> {nn.input = "u"},
    %y: tensor<40x2x1xf32> {nn.input = "y"},
    %h0: tensor<2x16xf32> {nn.input = "h0"},
    %w_res: tensor<16x16xf32> {nn.buffer = "reservoir.weight"},
    %w_in: tensor<16x1xf32> {nn.buffer = "input.weight"},
    %b_res: tensor<16xf32> {nn.buffer = "reservoir.bias"},
    %scale: tensor<1xf32> {nn.param = "input.scale"},
    %c: tensor<1xf32> {nn.param = "readout.bias"})
    -> (tensor<48x2x16xf32> {nn.output = "states"},
        tensor<16x1xf32> {nn.output = "readout"},
        tensor<40x2x1xf32> {nn.output = "prediction"}) {
  %states, %readout, %prediction = call @esn(%u, %y, %h0, %w_res, %w_in, %b_res, %scale, %c)
      : (tensor<48x2x1xf32>, tensor<40x2x1xf32>, tensor<2x16xf32>, tensor<16x16xf32>,
         tensor<16x1xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>)
      -> (tensor<48x2x16xf32>, tensor<16x1xf32>, tensor<40x2x1xf32>)
  return %states, %readout, %prediction
      : tensor<48x2x16xf32>, tensor<16x1xf32>, tensor<40x2x1xf32>
}

// The readout's mean squared error on the 80 rows it was fitted to.
func.func @loss(%u: tensor<48x2x1xf32> {nn.input = "u"},
    %y: tensor<40x2x1xf32> {nn.input = "y"},
    %h0: tensor<2x16xf32> {nn.input = "h0"},
    %w_res: tensor<16x16xf32> {nn.buffer = "reservoir.weight"},
    %w_in: tensor<16x1xf32> {nn.buffer = "input.weight"},
    %b_res: tensor<16xf32> {nn.buffer = "reservoir.bias"},
    %scale: tensor<1xf32> {nn.param = "input.scale"},
    %c: tensor<1xf32> {nn.param = "readout.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %states, %readout, %prediction = call @esn(%u, %y, %h0, %w_res, %w_in, %b_res, %scale, %c)
      : (tensor<48x2x1xf32>, tensor<40x2x1xf32>, tensor<2x16xf32>, tensor<16x16xf32>,
         tensor<16x1xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>)
      -> (tensor<48x2x16xf32>, tensor<16x1xf32>, tensor<40x2x1xf32>)
  %err = nn.sub %prediction, %y : tensor<40x2x1xf32>, tensor<40x2x1xf32>
  %sq = nn.mul %err, %err : tensor<40x2x1xf32>, tensor<40x2x1xf32>
  %mse = nn.reduce_mean %sq [] : tensor<40x2x1xf32>
  return %mse : tensor<f32>
}

// The reservoir run, the ridge readout fitted to targets %y and its
// predictions: (states, W_out, y_hat).
func.func private @esn(%u: tensor<48x2x1xf32>, %y: tensor<40x2x1xf32>,
    %h0: tensor<2x16xf32>, %w_res: tensor<16x16xf32>, %w_in: tensor<16x1xf32>,
    %b_res: tensor<16xf32>, %scale: tensor<1xf32>, %c: tensor<1xf32>)
    -> (tensor<48x2x16xf32>, tensor<16x1xf32>, tensor<40x2x1xf32>) {
  %us = nn.mul %u, %scale : tensor<48x2x1xf32>, tensor<1xf32>
  %w_in_t = nn.transpose %w_in [1, 0] : tensor<16x1xf32>
  %uw = nn.matmul %us, %w_in_t : tensor<48x2x1xf32>, tensor<1x16xf32>
  %drive = nn.add %uw, %b_res : tensor<48x2x16xf32>, tensor<16xf32>
  %w_res_t = nn.transpose %w_res [1, 0] : tensor<16x16xf32>
  %leak = arith.constant dense<0.3> : tensor<f32>
  %keep = arith.constant dense<0.7> : tensor<f32>
  %h_n, %states = nn.scan init(%h0 : tensor<2x16xf32>) over(%drive : tensor<48x2x16xf32>)
      finals(tensor<2x16xf32>) outputs(tensor<48x2x16xf32>) {
  ^bb0(%h: tensor<2x16xf32>, %d_t: tensor<2x16xf32>):
    %r = nn.matmul %h, %w_res_t : tensor<2x16xf32>, tensor<16x16xf32>
    %z = nn.add %d_t, %r : tensor<2x16xf32>, tensor<2x16xf32>
    %act = nn.tanh %z : tensor<2x16xf32>
    %new = nn.mul %act, %leak : tensor<2x16xf32>, tensor<f32>
    %old = nn.mul %h, %keep : tensor<2x16xf32>, tensor<f32>
    %h_next = nn.add %old, %new : tensor<2x16xf32>, tensor<2x16xf32>
    nn.yield %h_next, %h_next : tensor<2x16xf32>, tensor<2x16xf32>
  }
  // The states after the washout as an 80x16 design matrix X.
  %kept = nn.slice %states [8, 0, 0] to [48, 2, 16] by [1, 1, 1] : tensor<48x2x16xf32>
  %x = nn.reshape %kept [80, 16] : tensor<40x2x16xf32>
  %x_t = nn.transpose %x [1, 0] : tensor<80x16xf32>
  %gram = nn.matmul %x_t, %x : tensor<16x80xf32>, tensor<80x16xf32>
  %diagonal = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]>
      : tensor<16xi64>
  %eye = nn.one_hot %diagonal : tensor<16xi64> -> tensor<16x16xf32>
  %lambda = arith.constant dense<0.1> : tensor<f32>
  %ridge = nn.mul %eye, %lambda : tensor<16x16xf32>, tensor<f32>
  %a = nn.add %gram, %ridge : tensor<16x16xf32>, tensor<16x16xf32>
  %y_flat = nn.reshape %y [80, 1] : tensor<40x2x1xf32>
  %y_centred = nn.sub %y_flat, %c : tensor<80x1xf32>, tensor<1xf32>
  %rhs = nn.matmul %x_t, %y_centred : tensor<16x80xf32>, tensor<80x1xf32>
  %w_out = nn.solve %a, %rhs : tensor<16x16xf32>, tensor<16x1xf32>
  %xw = nn.matmul %x, %w_out : tensor<80x16xf32>, tensor<16x1xf32>
  %pred_flat = nn.add %xw, %c : tensor<80x1xf32>, tensor<1xf32>
  %prediction = nn.reshape %pred_flat [40, 2, 1] : tensor<80x1xf32>
  return %states, %w_out, %prediction
      : tensor<48x2x16xf32>, tensor<16x1xf32>, tensor<40x2x1xf32>
}
