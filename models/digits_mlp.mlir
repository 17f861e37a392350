// A multilayer perceptron for the 8x8 handwritten digits, written to be
// trained by nnc: 64 pixels -> 256 (ReLU) -> 10 logits, batches of 32.
// `@forward` is the inference entry; `@loss` (mean cross-entropy against
// integer labels) calls it, and `nnc compile --train` differentiates it.
// Weights use PyTorch's nn.Linear layout and names; the initial weights in
// models/digits_mlp.safetensors are torch.nn.Linear's default initialization
// (scripts/init_digits_mlp.py). scripts/train_digits.sh trains it.
func.func @forward(
    %x: tensor<32x64xf32> {nn.input = "x"},
    %w1: tensor<256x64xf32> {nn.param = "fc1.weight"},
    %b1: tensor<256xf32> {nn.param = "fc1.bias"},
    %w2: tensor<10x256xf32> {nn.param = "fc2.weight"},
    %b2: tensor<10xf32> {nn.param = "fc2.bias"})
    -> (tensor<32x10xf32> {nn.output = "logits"}) {
  %w1t = nn.transpose %w1 [1, 0] : tensor<256x64xf32>
  %h1 = nn.matmul %x, %w1t : tensor<32x64xf32>, tensor<64x256xf32>
  %z1 = nn.add %h1, %b1 : tensor<32x256xf32>, tensor<256xf32>
  %a1 = nn.relu %z1 : tensor<32x256xf32>
  %w2t = nn.transpose %w2 [1, 0] : tensor<10x256xf32>
  %h2 = nn.matmul %a1, %w2t : tensor<32x256xf32>, tensor<256x10xf32>
  %logits = nn.add %h2, %b2 : tensor<32x10xf32>, tensor<10xf32>
  return %logits : tensor<32x10xf32>
}

func.func @loss(
    %x: tensor<32x64xf32> {nn.input = "x"},
    %y: tensor<32xi64> {nn.input = "y"},
    %w1: tensor<256x64xf32> {nn.param = "fc1.weight"},
    %b1: tensor<256xf32> {nn.param = "fc1.bias"},
    %w2: tensor<10x256xf32> {nn.param = "fc2.weight"},
    %b2: tensor<10xf32> {nn.param = "fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %logits = func.call @forward(%x, %w1, %b1, %w2, %b2)
      : (tensor<32x64xf32>, tensor<256x64xf32>, tensor<256xf32>,
         tensor<10x256xf32>, tensor<10xf32>) -> tensor<32x10xf32>
  %l = nn.cross_entropy %logits, %y : tensor<32x10xf32>, tensor<32xi64>
  return %l : tensor<f32>
}
