// Gradient of nn.reduce_prod (torch.prod): each element gets the product of
// the other elements of its slice. Over one axis, several axes with keepdim
// and every axis, on values of magnitude 0.8 to 1.25; x_zeros' rows
// (reduced along axis 1) hold no zero, one zero and two zeros, where the
// gradient is the product of the others at the lone zero and 0 elsewhere.
// Golden data: make_golden.py (test "reduce_prod").
func.func @loss(
    %x_1: tensor<3x4x5xf32> {nn.param = "x_1"},
    %x_neg1_0_keep: tensor<3x4x5xf32> {nn.param = "x_neg1_0_keep"},
    %x_all: tensor<3x4x5xf32> {nn.param = "x_all"},
    %x_zeros: tensor<3x4xf32> {nn.param = "x_zeros"},
    %cot_1: tensor<3x5xf32> {nn.input = "cot_1"},
    %cot_neg1_0_keep: tensor<1x4x1xf32> {nn.input = "cot_neg1_0_keep"},
    %cot_all: tensor<f32> {nn.input = "cot_all"},
    %cot_zeros: tensor<3xf32> {nn.input = "cot_zeros"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r_1 = nn.reduce_prod %x_1 [1] : tensor<3x4x5xf32>
  %r_10 = nn.reduce_prod %x_neg1_0_keep [-1, 0] {keepdim = true} : tensor<3x4x5xf32>
  %r_all = nn.reduce_prod %x_all [] : tensor<3x4x5xf32>
  %r_zeros = nn.reduce_prod %x_zeros [1] : tensor<3x4xf32>
  %prod0 = nn.mul %r_1, %cot_1 : tensor<3x5xf32>, tensor<3x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<3x5xf32>
  %prod1 = nn.mul %r_10, %cot_neg1_0_keep : tensor<1x4x1xf32>, tensor<1x4x1xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<1x4x1xf32>
  %term2 = nn.mul %r_all, %cot_all : tensor<f32>, tensor<f32>
  %prod3 = nn.mul %r_zeros, %cot_zeros : tensor<3xf32>, tensor<3xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<3xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
