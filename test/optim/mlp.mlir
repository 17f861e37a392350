// The model of the optim/* tests: a 2-layer MLP (6 -> 5 tanh -> 3) with
// mean cross-entropy, on batches of 4. Small enough that 5 steps of every
// optimizer run in milliseconds, with all the parts of a real model: two
// layers, biases, a nonlinearity and a classification loss.
func.func @forward(
    %x: tensor<4x6xf32> {nn.input = "x"},
    %w1: tensor<5x6xf32> {nn.param = "fc1.weight"},
    %b1: tensor<5xf32> {nn.param = "fc1.bias"},
    %w2: tensor<3x5xf32> {nn.param = "fc2.weight"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"})
    -> (tensor<4x3xf32> {nn.output = "logits"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<5x6xf32>
  %h1 = nn.matmul %x, %w1t : tensor<4x6xf32>, tensor<6x5xf32>
  %z1 = nn.add %h1, %b1 : tensor<4x5xf32>, tensor<5xf32>
  %a1 = nn.tanh %z1 : tensor<4x5xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<3x5xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<4x5xf32>, tensor<5x3xf32>
  %logits = nn.add %h2, %b2 : tensor<4x3xf32>, tensor<3xf32>
  return %logits : tensor<4x3xf32>
}

func.func @loss(
    %x: tensor<4x6xf32> {nn.input = "x"},
    %y: tensor<4xi64> {nn.input = "y"},
    %w1: tensor<5x6xf32> {nn.param = "fc1.weight"},
    %b1: tensor<5xf32> {nn.param = "fc1.bias"},
    %w2: tensor<3x5xf32> {nn.param = "fc2.weight"},
    %b2: tensor<3xf32> {nn.param = "fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits = func.call @forward(%x, %w1, %b1, %w2, %b2)
      : (tensor<4x6xf32>, tensor<5x6xf32>, tensor<5xf32>, tensor<3x5xf32>,
         tensor<3xf32>) -> tensor<4x3xf32>
  %l = nn.cross_entropy %logits, %y : tensor<4x3xf32>, tensor<4xi64>
  return %l : tensor<f32>
}
