func.func private @critic(%x: tensor<4x3xf32>, %w1: tensor<3x5xf32>, %w2: tensor<5x1xf32>) -> tensor<f32> {
  %h = nn.matmul %x, %w1 : tensor<4x3xf32>, tensor<3x5xf32>
  %a = nn.tanh %h : tensor<4x5xf32>
  %s = nn.matmul %a, %w2 : tensor<4x5xf32>, tensor<5x1xf32>
  %t = nn.reduce_sum %s [] : tensor<4x1xf32>
  return %t : tensor<f32>
}
func.func @loss(%w1: tensor<3x5xf32> {nn.param = "w1"}, %w2: tensor<5x1xf32> {nn.param = "w2"},
                %x: tensor<4x3xf32> {nn.input = "x"}) -> (tensor<f32> {nn.output = "loss"}) {
  %c = func.call @critic(%x, %w1, %w2) : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5x1xf32>) -> tensor<f32>
  %g = nn.grad @critic(%x, %w1, %w2) wrt [0] : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5x1xf32>) -> tensor<4x3xf32>
  %sq = nn.mul %g, %g : tensor<4x3xf32>, tensor<4x3xf32>
  %n2 = nn.reduce_sum %sq [1] : tensor<4x3xf32>
  %n = nn.sqrt %n2 : tensor<4xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %d = nn.sub %n, %one : tensor<4xf32>, tensor<f32>
  %p = nn.mul %d, %d : tensor<4xf32>, tensor<4xf32>
  %pm = nn.reduce_mean %p [] : tensor<4xf32>
  %ten = arith.constant dense<10.0> : tensor<f32>
  %pen = nn.mul %pm, %ten : tensor<f32>, tensor<f32>
  %l = nn.add %c, %pen : tensor<f32>, tensor<f32>
  return %l : tensor<f32>
}
