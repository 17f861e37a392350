// A deep tanh MLP (8 layers of 32) under mse: its gradient with and without
// recomputation (gradient checkpointing) must equal PyTorch's.
func.func @loss(%w0: tensor<32x32xf32> {nn.param = "l0.weight"},
                %b0: tensor<32xf32> {nn.param = "l0.bias"},
                %w1: tensor<32x32xf32> {nn.param = "l1.weight"},
                %b1: tensor<32xf32> {nn.param = "l1.bias"},
                %w2: tensor<32x32xf32> {nn.param = "l2.weight"},
                %b2: tensor<32xf32> {nn.param = "l2.bias"},
                %w3: tensor<32x32xf32> {nn.param = "l3.weight"},
                %b3: tensor<32xf32> {nn.param = "l3.bias"},
                %w4: tensor<32x32xf32> {nn.param = "l4.weight"},
                %b4: tensor<32xf32> {nn.param = "l4.bias"},
                %w5: tensor<32x32xf32> {nn.param = "l5.weight"},
                %b5: tensor<32xf32> {nn.param = "l5.bias"},
                %w6: tensor<32x32xf32> {nn.param = "l6.weight"},
                %b6: tensor<32xf32> {nn.param = "l6.bias"},
                %w7: tensor<32x32xf32> {nn.param = "l7.weight"},
                %b7: tensor<32xf32> {nn.param = "l7.bias"},
                %x: tensor<16x32xf32> {nn.input = "x"},
                %t: tensor<16x32xf32> {nn.input = "t"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %m0 = nn.matmul %x, %w0 : tensor<16x32xf32>, tensor<32x32xf32>
  %z0 = nn.add %m0, %b0 : tensor<16x32xf32>, tensor<32xf32>
  %h0 = nn.tanh %z0 : tensor<16x32xf32>
  %m1 = nn.matmul %h0, %w1 : tensor<16x32xf32>, tensor<32x32xf32>
  %z1 = nn.add %m1, %b1 : tensor<16x32xf32>, tensor<32xf32>
  %h1 = nn.tanh %z1 : tensor<16x32xf32>
  %m2 = nn.matmul %h1, %w2 : tensor<16x32xf32>, tensor<32x32xf32>
  %z2 = nn.add %m2, %b2 : tensor<16x32xf32>, tensor<32xf32>
  %h2 = nn.tanh %z2 : tensor<16x32xf32>
  %m3 = nn.matmul %h2, %w3 : tensor<16x32xf32>, tensor<32x32xf32>
  %z3 = nn.add %m3, %b3 : tensor<16x32xf32>, tensor<32xf32>
  %h3 = nn.tanh %z3 : tensor<16x32xf32>
  %m4 = nn.matmul %h3, %w4 : tensor<16x32xf32>, tensor<32x32xf32>
  %z4 = nn.add %m4, %b4 : tensor<16x32xf32>, tensor<32xf32>
  %h4 = nn.tanh %z4 : tensor<16x32xf32>
  %m5 = nn.matmul %h4, %w5 : tensor<16x32xf32>, tensor<32x32xf32>
  %z5 = nn.add %m5, %b5 : tensor<16x32xf32>, tensor<32xf32>
  %h5 = nn.tanh %z5 : tensor<16x32xf32>
  %m6 = nn.matmul %h5, %w6 : tensor<16x32xf32>, tensor<32x32xf32>
  %z6 = nn.add %m6, %b6 : tensor<16x32xf32>, tensor<32xf32>
  %h6 = nn.tanh %z6 : tensor<16x32xf32>
  %m7 = nn.matmul %h6, %w7 : tensor<16x32xf32>, tensor<32x32xf32>
  %z7 = nn.add %m7, %b7 : tensor<16x32xf32>, tensor<32xf32>
  %h7 = nn.tanh %z7 : tensor<16x32xf32>
  %l = nn.mse_loss %h7, %t : tensor<16x32xf32>, tensor<16x32xf32>
  return %l : tensor<f32>
}
