func.func @forward(%x: tensor<4xf32> {nn.input = "x"}) -> tensor<4xf32> {
  %y = nn.frobnicate %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
