// The inference entry takes a param ('scale') that the loss never uses, so
// the train step cannot hand it over.
func.func @forward(%x: tensor<2x3xf32> {nn.input = "x"},
                   %w: tensor<3x3xf32> {nn.param = "w"},
                   %s: tensor<3xf32> {nn.param = "scale"})
    -> (tensor<2x3xf32> {nn.output = "y"}) {
  %h = nn.matmul %x, %w : tensor<2x3xf32>, tensor<3x3xf32>
  %y = nn.mul %h, %s : tensor<2x3xf32>, tensor<3xf32>
  return %y : tensor<2x3xf32>
}

func.func @loss(%x: tensor<2x3xf32> {nn.input = "x"},
                %w: tensor<3x3xf32> {nn.param = "w"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %h = nn.matmul %x, %w : tensor<2x3xf32>, tensor<3x3xf32>
  %l = nn.reduce_mean %h [] : tensor<2x3xf32>
  return %l : tensor<f32>
}
