// A loss over a batch_norm layer whose running statistics are model state:
// nn.buffer arguments, returned updated after the loss under their own names.
func.func @loss(%x: tensor<4x3xf32> {nn.input = "x"},
                %w: tensor<3xf32> {nn.param = "bn.weight"},
                %b: tensor<3xf32> {nn.param = "bn.bias"},
                %rm: tensor<3xf32> {nn.buffer = "bn.running_mean"},
                %rv: tensor<3xf32> {nn.buffer = "bn.running_var"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<3xf32> {nn.output = "bn.running_mean"},
        tensor<3xf32> {nn.output = "bn.running_var"}) {
  %y, %m, %v = nn.batch_norm %x, %w, %b, %rm, %rv
      : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  %l = nn.reduce_sum %y [] : tensor<4x3xf32>
  return %l, %m, %v : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}
