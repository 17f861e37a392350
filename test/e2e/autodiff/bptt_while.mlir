func.func @loss(%u: tensor<3x3xf32> {nn.param = "u"}, %b: tensor<3xf32> {nn.param = "b"},
                %h0: tensor<2x3xf32> {nn.input = "h0"}) -> (tensor<f32> {nn.output = "loss"}) {
  %c0 = arith.constant 0 : index
  %c5 = arith.constant 5 : index
  %c1 = arith.constant 1 : index
  %h, %n = scf.while (%hi = %h0, %i = %c0) : (tensor<2x3xf32>, index) -> (tensor<2x3xf32>, index) {
    %go = arith.cmpi slt, %i, %c5 : index
    scf.condition(%go) %hi, %i : tensor<2x3xf32>, index
  } do {
  ^bb0(%hj: tensor<2x3xf32>, %j: index):
    %m = nn.matmul %hj, %u : tensor<2x3xf32>, tensor<3x3xf32>
    %z = nn.add %m, %b : tensor<2x3xf32>, tensor<3xf32>
    %t = nn.tanh %z : tensor<2x3xf32>
    %k = arith.addi %j, %c1 : index
    scf.yield %t, %k : tensor<2x3xf32>, index
  }
  %sq = nn.mul %h, %h : tensor<2x3xf32>, tensor<2x3xf32>
  %l = nn.reduce_sum %sq [] : tensor<2x3xf32>
  return %l : tensor<f32>
}
