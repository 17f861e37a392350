// Gradient of nn.batch_norm with respect to input, weight and bias: in
// training mode on [N, C, L] (batch statistics, PyTorch's closed form) and on
// [N, C] with eps and momentum given, and in inference mode (running
// statistics, affine in the input). The running statistics are inputs and
// get no gradient; the updated ones of the [N, C, L] case are further
// outputs, passed through after the gradients.
// Golden data: make_golden.py (test "batch_norm").
func.func @loss(
    %x: tensor<4x3x5xf32> {nn.param = "x"},
    %x2: tensor<6x3xf32> {nn.param = "x2"},
    %x_eval: tensor<4x3x5xf32> {nn.param = "x_eval"},
    %weight: tensor<3xf32> {nn.param = "weight"},
    %bias: tensor<3xf32> {nn.param = "bias"},
    %running_mean: tensor<3xf32> {nn.input = "running_mean"},
    %running_var: tensor<3xf32> {nn.input = "running_var"},
    %cot_train: tensor<4x3x5xf32> {nn.input = "cot_train"},
    %cot_2d: tensor<6x3xf32> {nn.input = "cot_2d"},
    %cot_eval: tensor<4x3x5xf32> {nn.input = "cot_eval"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<3xf32> {nn.output = "new_running_mean"},
        tensor<3xf32> {nn.output = "new_running_var"}) {
  %y0, %m0, %v0 = nn.batch_norm %x, %weight, %bias, %running_mean,
      %running_var
      : tensor<4x3x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %y1, %m1, %v1 = nn.batch_norm %x2, %weight, %bias, %running_mean,
      %running_var {eps = 1.0e-3, momentum = 0.3}
      : tensor<6x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %y2, %m2, %v2 = nn.batch_norm %x_eval, %weight, %bias, %running_mean,
      %running_var {training = false}
      : tensor<4x3x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %prod0 = nn.mul %y0, %cot_train : tensor<4x3x5xf32>, tensor<4x3x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x3x5xf32>
  %prod1 = nn.mul %y1, %cot_2d : tensor<6x3xf32>, tensor<6x3xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<6x3xf32>
  %prod2 = nn.mul %y2, %cot_eval : tensor<4x3x5xf32>, tensor<4x3x5xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x3x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1, %m0, %v0 : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}
