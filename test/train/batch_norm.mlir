// The model of train/batch-norm: linear, batch norm, relu, linear. In the
// train step batch norm normalizes with the batch's statistics and returns
// its running mean and variance updated (they are nn.buffers, returned
// under their own names); @forward evaluates with the running statistics.
func.func @forward(%x: tensor<4x6xf32> {nn.input = "x"},
                   %w1: tensor<6x5xf32> {nn.param = "fc1.weight"},
                   %g: tensor<5xf32> {nn.param = "bn.weight"},
                   %b: tensor<5xf32> {nn.param = "bn.bias"},
                   %w2: tensor<5x3xf32> {nn.param = "fc2.weight"},
                   %rm: tensor<5xf32> {nn.buffer = "bn.running_mean"},
                   %rv: tensor<5xf32> {nn.buffer = "bn.running_var"})
    -> (tensor<4x3xf32> {nn.output = "logits"}) {
  %h = nn.matmul %x, %w1 : tensor<4x6xf32>, tensor<6x5xf32>
  %n, %m, %v = nn.batch_norm %h, %g, %b, %rm, %rv
      : tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
  %a = nn.relu %n : tensor<4x5xf32>
  %y = nn.matmul %a, %w2 : tensor<4x5xf32>, tensor<5x3xf32>
  return %y : tensor<4x3xf32>
}
func.func @loss(%x: tensor<4x6xf32> {nn.input = "x"}, %t: tensor<4xi64> {nn.input = "y"},
                %w1: tensor<6x5xf32> {nn.param = "fc1.weight"},
                %g: tensor<5xf32> {nn.param = "bn.weight"},
                %b: tensor<5xf32> {nn.param = "bn.bias"},
                %w2: tensor<5x3xf32> {nn.param = "fc2.weight"},
                %rm: tensor<5xf32> {nn.buffer = "bn.running_mean"},
                %rv: tensor<5xf32> {nn.buffer = "bn.running_var"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<5xf32> {nn.output = "bn.running_mean"},
        tensor<5xf32> {nn.output = "bn.running_var"}) {
  %h = nn.matmul %x, %w1 : tensor<4x6xf32>, tensor<6x5xf32>
  %n, %m, %v = nn.batch_norm %h, %g, %b, %rm, %rv
      : tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
  %a = nn.relu %n : tensor<4x5xf32>
  %y = nn.matmul %a, %w2 : tensor<4x5xf32>, tensor<5x3xf32>
  %l = nn.cross_entropy %y, %t : tensor<4x3xf32>, tensor<4xi64>
  return %l, %m, %v : tensor<f32>, tensor<5xf32>, tensor<5xf32>
}
