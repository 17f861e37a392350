// The model of train/buffers: a linear classifier on inputs centered by a
// running mean, which the loss updates like batch norm's running statistics
// (running_mean' = 0.9 running_mean + 0.1 batch mean). The running mean is an
// nn.buffer: loaded with the weights, never differentiated, carried from
// step to step as an extra result of the loss, handed to @forward for
// evaluation, and saved with the trained weights.
func.func @forward(%x: tensor<4x6xf32> {nn.input = "x"},
                   %w: tensor<3x6xf32> {nn.param = "fc.weight"},
                   %rm: tensor<6xf32> {nn.buffer = "running_mean"})
    -> (tensor<4x3xf32> {nn.output = "logits"}) {
  %c = nn.sub %x, %rm : tensor<4x6xf32>, tensor<6xf32>
  %wt = nn.transpose %w [1, 0] : tensor<3x6xf32>
  %h = nn.matmul %c, %wt : tensor<4x6xf32>, tensor<6x3xf32>
  return %h : tensor<4x3xf32>
}
func.func @loss(%x: tensor<4x6xf32> {nn.input = "x"}, %y: tensor<4xi64> {nn.input = "y"},
                %w: tensor<3x6xf32> {nn.param = "fc.weight"},
                %rm: tensor<6xf32> {nn.buffer = "running_mean"})
    -> (tensor<f32> {nn.output = "loss"}, tensor<6xf32> {nn.output = "running_mean"}) {
  %m = nn.reduce_mean %x [0] : tensor<4x6xf32>
  %k = arith.constant dense<0.9> : tensor<f32>
  %j = arith.constant dense<0.1> : tensor<f32>
  %a = nn.mul %rm, %k : tensor<6xf32>, tensor<f32>
  %b = nn.mul %m, %j : tensor<6xf32>, tensor<f32>
  %new = nn.add %a, %b : tensor<6xf32>, tensor<6xf32>
  %logits = func.call @forward(%x, %w, %rm) : (tensor<4x6xf32>, tensor<3x6xf32>, tensor<6xf32>) -> tensor<4x3xf32>
  %l = nn.cross_entropy %logits, %y : tensor<4x3xf32>, tensor<4xi64>
  return %l, %new : tensor<f32>, tensor<6xf32>
}
