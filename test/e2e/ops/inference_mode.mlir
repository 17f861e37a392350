// A model written for training (dropout and batch_norm in their default
// training mode) compiled without --grad runs in inference mode, like a
// PyTorch module after model.eval(): dropout is the identity and batch_norm
// normalizes with the running statistics and returns them unchanged.
// Golden data: make_golden.py (group "inference_mode").
func.func @forward(
    %x: tensor<4x3x5xf32> {nn.input = "x"},
    %key: tensor<i64> {nn.input = "key"},
    %w: tensor<3xf32> {nn.input = "w"},
    %b: tensor<3xf32> {nn.input = "b"},
    %rm: tensor<3xf32> {nn.input = "rm"},
    %rv: tensor<3xf32> {nn.input = "rv"})
    -> (tensor<4x3x5xf32> {nn.output = "y"},
        tensor<3xf32> {nn.output = "running_mean"},
        tensor<3xf32> {nn.output = "running_var"}) {
  %d = nn.dropout %x, %key {p = 0.5} : tensor<4x3x5xf32>, tensor<i64>
  %y, %m, %v = nn.batch_norm %d, %w, %b, %rm, %rv
      : tensor<4x3x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
        tensor<3xf32>
  return %y, %m, %v : tensor<4x3x5xf32>, tensor<3xf32>, tensor<3xf32>
}
