// A multilayer perceptron that classifies 8x8 handwritten digits: 64 pixels
// -> 128 (ReLU) -> 64 (tanh-approximate GELU) -> 10 logits, batch of 8.
// Weights use PyTorch's nn.Linear layout ([out, in]) and names, so a
// state_dict saved as safetensors loads as it is. models/mlp.safetensors holds
// weights trained by test/e2e/mlp/make_golden.py.
func.func @forward(
    %x: tensor<8x64xf32> {nn.input = "x"},
    %w1: tensor<128x64xf32> {nn.param = "fc1.weight"},
    %b1: tensor<128xf32> {nn.param = "fc1.bias"},
    %w2: tensor<64x128xf32> {nn.param = "fc2.weight"},
    %b2: tensor<64xf32> {nn.param = "fc2.bias"},
    %w3: tensor<10x64xf32> {nn.param = "fc3.weight"},
    %b3: tensor<10xf32> {nn.param = "fc3.bias"})
    -> (tensor<8x10xf32> {nn.output = "logits"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<128x64xf32>
  %h1 = nn.matmul %x, %w1t : tensor<8x64xf32>, tensor<64x128xf32>
  %z1 = nn.add %h1, %b1 : tensor<8x128xf32>, tensor<128xf32>
  %a1 = nn.relu %z1 : tensor<8x128xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<64x128xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<8x128xf32>, tensor<128x64xf32>
  %z2 = nn.add %h2, %b2 : tensor<8x64xf32>, tensor<64xf32>
  %a2 = nn.gelu %z2 {approximate = "tanh"} : tensor<8x64xf32>
  %w3t = nn.transpose %w3 [1, 0] : tensor<10x64xf32>
  %h3 = nn.matmul %a2, %w3t : tensor<8x64xf32>, tensor<64x10xf32>
  %logits = nn.add %h3, %b3 : tensor<8x10xf32>, tensor<10xf32>
  return %logits : tensor<8x10xf32>
}
