// Second order through the new ops' rules: the loss is a vector-Jacobian
// product of d f / d x, where f chains layer_norm, rms_norm, batch_norm (in
// training mode), binary_cross_entropy and gaussian_kl_div, so its gradient
// differentiates each of their gradient rules again (nn.grad, as the
// gradient penalty of a WGAN-GP does).
// Golden data: make_golden.py (test "grad_of_regularization").
func.func private @f(%x: tensor<4x6xf32>, %w: tensor<6xf32>,
                     %b: tensor<6xf32>, %w2: tensor<6xf32>,
                     %p: tensor<4x6xf32>) -> tensor<f32> {
  %h = nn.layer_norm %x, %w, %b
      : tensor<4x6xf32>, tensor<6xf32>, tensor<6xf32>
  %r = nn.rms_norm %h, %w2 : tensor<4x6xf32>, tensor<6xf32>
  %y, %m, %v = nn.batch_norm %r, %w, %b, %b, %w
      : tensor<4x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>,
        tensor<6xf32>
  %s = nn.sigmoid %y : tensor<4x6xf32>
  %bce = nn.binary_cross_entropy %s, %p : tensor<4x6xf32>, tensor<4x6xf32>
  %kl = nn.gaussian_kl_div %y, %r, %h, %x {reduction = "sum"}
      : tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>
  %t = nn.add %bce, %kl : tensor<f32>, tensor<f32>
  return %t : tensor<f32>
}
func.func @loss(
    %x: tensor<4x6xf32> {nn.param = "x"},
    %w: tensor<6xf32> {nn.param = "w"},
    %b: tensor<6xf32> {nn.param = "b"},
    %w2: tensor<6xf32> {nn.param = "w2"},
    %p: tensor<4x6xf32> {nn.input = "p"},
    %cot: tensor<4x6xf32> {nn.input = "cot"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %g = nn.grad @f(%x, %w, %b, %w2, %p) wrt [0]
      : (tensor<4x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<4x6xf32>) -> tensor<4x6xf32>
  %q = nn.mul %g, %cot : tensor<4x6xf32>, tensor<4x6xf32>
  %l = nn.reduce_sum %q [] : tensor<4x6xf32>
  return %l : tensor<f32>
}
