func.func @forward(%a: tensor<8x3xf32> {nn.input = "a"},
                   %b: tensor<4x3xf32> {nn.input = "b"}) -> tensor<8x3xf32> {
  %y = nn.add %a, %b : tensor<8x3xf32>, tensor<4x3xf32>
  return %y : tensor<8x3xf32>
}
