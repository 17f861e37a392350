// The model of train/keys: a two-layer classifier whose loss applies
// nn.dropout (p = 0.5) to the hidden layer with a rank-0 i64 random key.
// The training driver supplies the key, a fresh one each step from --seed
// and the step number (runtime/src/training_key.h); @forward (evaluation)
// has no dropout and no key.
func.func @forward(%x: tensor<4x6xf32> {nn.input = "x"},
                   %w1: tensor<5x6xf32> {nn.param = "fc1.weight"},
                   %w2: tensor<3x5xf32> {nn.param = "fc2.weight"})
    -> (tensor<4x3xf32> {nn.output = "logits"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<5x6xf32>
  %z = nn.matmul %x, %w1t : tensor<4x6xf32>, tensor<6x5xf32>
  %h = nn.relu %z : tensor<4x5xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<3x5xf32>
  %logits = nn.matmul %h, %w2t : tensor<4x5xf32>, tensor<5x3xf32>
  return %logits : tensor<4x3xf32>
}
func.func @loss(%x: tensor<4x6xf32> {nn.input = "x"},
                %key: tensor<i64> {nn.input = "key"},
                %y: tensor<4xi64> {nn.input = "y"},
                %w1: tensor<5x6xf32> {nn.param = "fc1.weight"},
                %w2: tensor<3x5xf32> {nn.param = "fc2.weight"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<5x6xf32>
  %z = nn.matmul %x, %w1t : tensor<4x6xf32>, tensor<6x5xf32>
  %h = nn.relu %z : tensor<4x5xf32>
  %d = nn.dropout %h, %key {p = 0.5} : tensor<4x5xf32>, tensor<i64>
  %w2t = nn.transpose %w2 [1, 0] : tensor<3x5xf32>
  %logits = nn.matmul %d, %w2t : tensor<4x5xf32>, tensor<5x3xf32>
  %l = nn.cross_entropy %logits, %y : tensor<4x3xf32>, tensor<4xi64>
  return %l : tensor<f32>
}
