// batch_norm in training mode (batch statistics, updated running statistics
// with the default momentum and with momentum 0.3 on a [N, C] input) and in
// inference mode (running statistics, returned unchanged); layer_norm and
// rms_norm over the last one and the last two dimensions, with default and
// given eps. Inputs have a large common offset in places (a variance taken
// as E[x^2] - E[x]^2 would cancel there).
// Golden data: make_golden.py (group "normalization").
func.func @forward(
    %x: tensor<4x3x2x5xf32> {nn.input = "x"},
    %w: tensor<3xf32> {nn.input = "w"},
    %b: tensor<3xf32> {nn.input = "b"},
    %rm: tensor<3xf32> {nn.input = "rm"},
    %rv: tensor<3xf32> {nn.input = "rv"},
    %x2: tensor<6x3xf32> {nn.input = "x2"},
    %h: tensor<2x3x8xf32> {nn.input = "h"},
    %g1: tensor<8xf32> {nn.input = "g1"},
    %b1: tensor<8xf32> {nn.input = "b1"},
    %g2: tensor<3x8xf32> {nn.input = "g2"},
    %b2: tensor<3x8xf32> {nn.input = "b2"})
    -> (tensor<4x3x2x5xf32> {nn.output = "bn_train"},
        tensor<3xf32> {nn.output = "bn_train_mean"},
        tensor<3xf32> {nn.output = "bn_train_var"},
        tensor<6x3xf32> {nn.output = "bn_2d"},
        tensor<3xf32> {nn.output = "bn_2d_mean"},
        tensor<3xf32> {nn.output = "bn_2d_var"},
        tensor<4x3x2x5xf32> {nn.output = "bn_eval"},
        tensor<3xf32> {nn.output = "bn_eval_mean"},
        tensor<3xf32> {nn.output = "bn_eval_var"},
        tensor<2x3x8xf32> {nn.output = "ln_last"},
        tensor<2x3x8xf32> {nn.output = "ln_last2_eps"},
        tensor<2x3x8xf32> {nn.output = "rms_last"},
        tensor<2x3x8xf32> {nn.output = "rms_last2_eps"}) {
  %y0, %m0, %v0 = nn.batch_norm %x, %w, %b, %rm, %rv
      : tensor<4x3x2x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %y1, %m1, %v1 = nn.batch_norm %x2, %w, %b, %rm, %rv
      {eps = 1.0e-3, momentum = 0.3}
      : tensor<6x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %y2, %m2, %v2 = nn.batch_norm %x, %w, %b, %rm, %rv {training = false}
      : tensor<4x3x2x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %ln0 = nn.layer_norm %h, %g1, %b1
      : tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>
  %ln1 = nn.layer_norm %h, %g2, %b2 {eps = 1.0e-2}
      : tensor<2x3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>
  %rms0 = nn.rms_norm %h, %g1 : tensor<2x3x8xf32>, tensor<8xf32>
  %rms1 = nn.rms_norm %h, %g2 {eps = 1.0e-2} : tensor<2x3x8xf32>, tensor<3x8xf32>
  return %y0, %m0, %v0, %y1, %m1, %v1, %y2, %m2, %v2, %ln0, %ln1, %rms0, %rms1
      : tensor<4x3x2x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<6x3xf32>,
        tensor<3xf32>, tensor<3xf32>, tensor<4x3x2x5xf32>, tensor<3xf32>,
        tensor<3xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>
}
