func.func @loss(%u: tensor<3x3xf32> {nn.param = "u"}, %b: tensor<3xf32> {nn.param = "b"},
                %h0: tensor<2x3xf32> {nn.input = "h0"}) -> (tensor<f32> {nn.output = "loss"}) {
  %c0 = arith.constant 0 : index
  %c5 = arith.constant 5 : index
  %c1 = arith.constant 1 : index
  %h = scf.for %i = %c0 to %c5 step %c1 iter_args(%hi = %h0) -> tensor<2x3xf32> {
    %m = nn.matmul %hi, %u : tensor<2x3xf32>, tensor<3x3xf32>
    %z = nn.add %m, %b : tensor<2x3xf32>, tensor<3xf32>
    %t = nn.tanh %z : tensor<2x3xf32>
    scf.yield %t : tensor<2x3xf32>
  }
  %sq = nn.mul %h, %h : tensor<2x3xf32>, tensor<2x3xf32>
  %l = nn.reduce_sum %sq [] : tensor<2x3xf32>
  return %l : tensor<f32>
}
