func.func @forward(%x: tensor<?x4xf32> {nn.input = "x"}) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
