// softmax and log_softmax along axes 0, 1 and -1 of a 3x4x5 `x` whose values
// include +-1e4 (exp of them overflows float32 unless the maximum is
// subtracted first) and a few isolated -inf entries (masked positions: their
// softmax is 0, their log_softmax -inf). No slice along any axis is all -inf.
// Golden data: make_golden.py (group "softmax").
func.func @forward(%x: tensor<3x4x5xf32> {nn.input = "x"})
    -> (tensor<3x4x5xf32> {nn.output = "softmax_0"},
        tensor<3x4x5xf32> {nn.output = "softmax_1"},
        tensor<3x4x5xf32> {nn.output = "softmax_neg1"},
        tensor<3x4x5xf32> {nn.output = "log_softmax_0"},
        tensor<3x4x5xf32> {nn.output = "log_softmax_1"},
        tensor<3x4x5xf32> {nn.output = "log_softmax_neg1"}) {
  %s0 = nn.softmax %x axis 0 : tensor<3x4x5xf32>
  %s1 = nn.softmax %x axis 1 : tensor<3x4x5xf32>
  %s2 = nn.softmax %x axis -1 : tensor<3x4x5xf32>
  %l0 = nn.log_softmax %x axis 0 : tensor<3x4x5xf32>
  %l1 = nn.log_softmax %x axis 1 : tensor<3x4x5xf32>
  %l2 = nn.log_softmax %x axis -1 : tensor<3x4x5xf32>
  return %s0, %s1, %s2, %l0, %l1, %l2
      : tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<3x4x5xf32>,
        tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<3x4x5xf32>
}
