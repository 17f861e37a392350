// A two-layer regression loss, penalized by the test with
// `nnc-opt --nnc-weight-penalty="l1=0.01 l2=0.05"` before `nnc compile
// --grad`: the compiled loss and gradients must be those of
// mse + 0.01 sum|p| + 0.05 sum p^2 over the three params, as PyTorch
// computes them; the data inputs are not penalized.
// Golden data: make_golden.py here.
func.func @loss(
    %w1: tensor<3x4xf32> {nn.param = "fc1.weight"},
    %b1: tensor<4xf32> {nn.param = "fc1.bias"},
    %w2: tensor<4x2xf32> {nn.param = "fc2.weight"},
    %x: tensor<5x3xf32> {nn.input = "x"},
    %y: tensor<5x2xf32> {nn.input = "y"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %h0 = nn.matmul %x, %w1 : tensor<5x3xf32>, tensor<3x4xf32>
  %h1 = nn.add %h0, %b1 : tensor<5x4xf32>, tensor<4xf32>
  %h = nn.tanh %h1 : tensor<5x4xf32>
  %p = nn.matmul %h, %w2 : tensor<5x4xf32>, tensor<4x2xf32>
  %l = nn.mse_loss %p, %y : tensor<5x2xf32>, tensor<5x2xf32>
  return %l : tensor<f32>
}
