// nn.matmul in every shape class: plain 2-D, batched 3-D, batch dimensions
// that broadcast against each other (2x1x4x5 @ 3x5x3 -> 2x3x4x3), and
// operands of different ranks (2-D @ 3-D and 3-D @ 2-D).
// Golden data: make_golden.py (group "matmul").
func.func @forward(
    %a: tensor<4x5xf32> {nn.input = "a"},
    %b: tensor<5x3xf32> {nn.input = "b"},
    %c: tensor<2x4x5xf32> {nn.input = "c"},
    %d: tensor<2x5x3xf32> {nn.input = "d"},
    %e: tensor<2x1x4x5xf32> {nn.input = "e"},
    %f: tensor<3x5x3xf32> {nn.input = "f"})
    -> (tensor<4x3xf32> {nn.output = "mm_2d"},
        tensor<2x4x3xf32> {nn.output = "mm_batched"},
        tensor<2x3x4x3xf32> {nn.output = "mm_broadcast"},
        tensor<2x4x3xf32> {nn.output = "mm_2d_3d"},
        tensor<2x4x3xf32> {nn.output = "mm_3d_2d"}) {
  %r0 = nn.matmul %a, %b : tensor<4x5xf32>, tensor<5x3xf32>
  %r1 = nn.matmul %c, %d : tensor<2x4x5xf32>, tensor<2x5x3xf32>
  %r2 = nn.matmul %e, %f : tensor<2x1x4x5xf32>, tensor<3x5x3xf32>
  %r3 = nn.matmul %a, %d : tensor<4x5xf32>, tensor<2x5x3xf32>
  %r4 = nn.matmul %c, %b : tensor<2x4x5xf32>, tensor<5x3xf32>
  return %r0, %r1, %r2, %r3, %r4
      : tensor<4x3xf32>, tensor<2x4x3xf32>, tensor<2x3x4x3xf32>,
        tensor<2x4x3xf32>, tensor<2x4x3xf32>
}
