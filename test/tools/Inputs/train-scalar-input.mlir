// A loss with a rank-0 f32 input (a temperature): the training driver
// batches inputs along their first axis and supplies only rank-0 integer
// inputs (random keys) itself, so it cannot train this. The weights are
// test/train/data/dropout.safetensors.
func.func @forward(%x: tensor<4x6xf32> {nn.input = "x"},
                   %w1: tensor<5x6xf32> {nn.param = "fc1.weight"},
                   %w2: tensor<3x5xf32> {nn.param = "fc2.weight"})
    -> (tensor<4x3xf32> {nn.output = "logits"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<5x6xf32>
  %h = nn.matmul %x, %w1t : tensor<4x6xf32>, tensor<6x5xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<3x5xf32>
  %logits = nn.matmul %h, %w2t : tensor<4x5xf32>, tensor<5x3xf32>
  return %logits : tensor<4x3xf32>
}
func.func @loss(%x: tensor<4x6xf32> {nn.input = "x"},
                %t: tensor<f32> {nn.input = "temperature"},
                %y: tensor<4xi64> {nn.input = "y"},
                %w1: tensor<5x6xf32> {nn.param = "fc1.weight"},
                %w2: tensor<3x5xf32> {nn.param = "fc2.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits = func.call @forward(%x, %w1, %w2) : (tensor<4x6xf32>, tensor<5x6xf32>, tensor<3x5xf32>) -> tensor<4x3xf32>
  %scaled = nn.mul %logits, %t : tensor<4x3xf32>, tensor<f32>
  %l = nn.cross_entropy %scaled, %y : tensor<4x3xf32>, tensor<4xi64>
  return %l : tensor<f32>
}
