// Gradient of nn.matmul in every shape class: 2-D, batched, batch dims that
// broadcast (2x1 against 3, so e's gradient sums over the stretched dim),
// 2-D @ 3-D and 3-D @ 2-D (the 2-D operand's gradient sums over the batch),
// and a product with an input operand.
// Golden data: make_golden.py (test "matmul").
func.func @loss(
    %a: tensor<4x5xf32> {nn.param = "a"},
    %b: tensor<5x3xf32> {nn.param = "b"},
    %c: tensor<2x4x5xf32> {nn.param = "c"},
    %d: tensor<2x5x3xf32> {nn.param = "d"},
    %e: tensor<2x1x4x5xf32> {nn.param = "e"},
    %f: tensor<3x5x3xf32> {nn.param = "f"},
    %x: tensor<5x2xf32> {nn.input = "x"},
    %cot_2d: tensor<4x3xf32> {nn.input = "cot_2d"},
    %cot_batched: tensor<2x4x3xf32> {nn.input = "cot_batched"},
    %cot_broadcast: tensor<2x3x4x3xf32> {nn.input = "cot_broadcast"},
    %cot_2d_3d: tensor<2x4x3xf32> {nn.input = "cot_2d_3d"},
    %cot_3d_2d: tensor<2x4x3xf32> {nn.input = "cot_3d_2d"},
    %cot_input: tensor<4x2xf32> {nn.input = "cot_input"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %mm_2d = nn.matmul %a, %b : tensor<4x5xf32>, tensor<5x3xf32>
  %mm_batched = nn.matmul %c, %d : tensor<2x4x5xf32>, tensor<2x5x3xf32>
  %mm_broadcast = nn.matmul %e, %f : tensor<2x1x4x5xf32>, tensor<3x5x3xf32>
  %mm_2d_3d = nn.matmul %a, %d : tensor<4x5xf32>, tensor<2x5x3xf32>
  %mm_3d_2d = nn.matmul %c, %b : tensor<2x4x5xf32>, tensor<5x3xf32>
  %mm_input = nn.matmul %a, %x : tensor<4x5xf32>, tensor<5x2xf32>
  %prod0 = nn.mul %mm_2d, %cot_2d : tensor<4x3xf32>, tensor<4x3xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x3xf32>
  %prod1 = nn.mul %mm_batched, %cot_batched
      : tensor<2x4x3xf32>, tensor<2x4x3xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<2x4x3xf32>
  %prod2 = nn.mul %mm_broadcast, %cot_broadcast
      : tensor<2x3x4x3xf32>, tensor<2x3x4x3xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<2x3x4x3xf32>
  %prod3 = nn.mul %mm_2d_3d, %cot_2d_3d : tensor<2x4x3xf32>, tensor<2x4x3xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<2x4x3xf32>
  %prod4 = nn.mul %mm_3d_2d, %cot_3d_2d : tensor<2x4x3xf32>, tensor<2x4x3xf32>
  %term4 = nn.reduce_sum %prod4 [] : tensor<2x4x3xf32>
  %prod5 = nn.mul %mm_input, %cot_input : tensor<4x2xf32>, tensor<4x2xf32>
  %term5 = nn.reduce_sum %prod5 [] : tensor<4x2xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  %sum3 = nn.add %sum2, %term4 : tensor<f32>, tensor<f32>
  %sum4 = nn.add %sum3, %term5 : tensor<f32>, tensor<f32>
  return %sum4 : tensor<f32>
}
