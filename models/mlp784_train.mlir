// The training benchmark's model (bench/run, case mlp784_adam_b128): an MNIST-
// sized multilayer perceptron 784 -> 512 (ReLU) -> 512 (ReLU) -> 10 with mean
// cross-entropy, batches of 128. Weights use PyTorch's nn.Linear layout and
// names; bench/run makes them (torch.nn.Linear's initialization, seeded).
func.func @forward(
    %x: tensor<128x784xf32> {nn.input = "x"},
    %w1: tensor<512x784xf32> {nn.param = "fc1.weight"},
    %b1: tensor<512xf32> {nn.param = "fc1.bias"},
    %w2: tensor<512x512xf32> {nn.param = "fc2.weight"},
    %b2: tensor<512xf32> {nn.param = "fc2.bias"},
    %w3: tensor<10x512xf32> {nn.param = "fc3.weight"},
    %b3: tensor<10xf32> {nn.param = "fc3.bias"})
    -> (tensor<128x10xf32> {nn.output = "logits"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<512x784xf32>
  %h1 = nn.matmul %x, %w1t : tensor<128x784xf32>, tensor<784x512xf32>
  %z1 = nn.add %h1, %b1 : tensor<128x512xf32>, tensor<512xf32>
  %a1 = nn.relu %z1 : tensor<128x512xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<512x512xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<128x512xf32>, tensor<512x512xf32>
  %z2 = nn.add %h2, %b2 : tensor<128x512xf32>, tensor<512xf32>
  %a2 = nn.relu %z2 : tensor<128x512xf32>
  %w3t = nn.transpose %w3 [1, 0] : tensor<10x512xf32>
  %h3 = nn.matmul %a2, %w3t : tensor<128x512xf32>, tensor<512x10xf32>
  %logits = nn.add %h3, %b3 : tensor<128x10xf32>, tensor<10xf32>
  return %logits : tensor<128x10xf32>
}

func.func @loss(
    %x: tensor<128x784xf32> {nn.input = "x"},
    %y: tensor<128xi64> {nn.input = "y"},
    %w1: tensor<512x784xf32> {nn.param = "fc1.weight"},
    %b1: tensor<512xf32> {nn.param = "fc1.bias"},
    %w2: tensor<512x512xf32> {nn.param = "fc2.weight"},
    %b2: tensor<512xf32> {nn.param = "fc2.bias"},
    %w3: tensor<10x512xf32> {nn.param = "fc3.weight"},
    %b3: tensor<10xf32> {nn.param = "fc3.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits = func.call @forward(%x, %w1, %b1, %w2, %b2, %w3, %b3)
      : (tensor<128x784xf32>, tensor<512x784xf32>, tensor<512xf32>,
         tensor<512x512xf32>, tensor<512xf32>, tensor<10x512xf32>,
         tensor<10xf32>) -> tensor<128x10xf32>
  %l = nn.cross_entropy %logits, %y : tensor<128x10xf32>, tensor<128xi64>
  return %l : tensor<f32>
}
