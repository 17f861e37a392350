// The shape ops: reshape (with -1, and of a transposed, non-contiguous
// value), transpose with a 3-D permutation, broadcast_to (rank growing and a
// size-1 dimension stretched), slice with and without steps (a step that
// does not divide the extent too) and concat of three inputs along an inner
// axis, plus concat along a negative axis. They move values without
// arithmetic, so results must match exactly.
// Golden data: make_golden.py (group "shape").
func.func @forward(
    %x: tensor<2x3x4xf32> {nn.input = "x"},
    %col: tensor<3x1xf32> {nn.input = "col"},
    %y: tensor<2x1x4xf32> {nn.input = "y"},
    %z: tensor<2x2x4xf32> {nn.input = "z"})
    -> (tensor<4x6xf32> {nn.output = "reshape_4_m1"},
        tensor<24xf32> {nn.output = "reshape_flat"},
        tensor<4x2x3xf32> {nn.output = "transpose_201"},
        tensor<3x8xf32> {nn.output = "reshape_transposed"},
        tensor<2x3x4xf32> {nn.output = "broadcast_col"},
        tensor<2x3x4xf32> {nn.output = "broadcast_same"},
        tensor<2x2x2xf32> {nn.output = "slice_step"},
        tensor<1x2x2xf32> {nn.output = "slice_odd"},
        tensor<1x2x3xf32> {nn.output = "slice_unit"},
        tensor<2x6x4xf32> {nn.output = "concat_1"},
        tensor<2x3x8xf32> {nn.output = "concat_neg1"}) {
  %r0 = nn.reshape %x [4, -1] : tensor<2x3x4xf32>
  %r1 = nn.reshape %x [-1] : tensor<2x3x4xf32>
  %t = nn.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  %r2 = nn.reshape %t [3, 8] : tensor<4x2x3xf32>
  %b0 = nn.broadcast_to %col [2, 3, 4] : tensor<3x1xf32>
  %b1 = nn.broadcast_to %x [2, 3, 4] : tensor<2x3x4xf32>
  %s0 = nn.slice %x [0, 1, 0] to [2, 3, 4] by [1, 1, 2] : tensor<2x3x4xf32>
  %s1 = nn.slice %x [1, 0, 1] to [2, 3, 4] by [1, 2, 2] : tensor<2x3x4xf32>
  %s2 = nn.slice %x [1, 1, 1] to [2, 3, 4] : tensor<2x3x4xf32>
  %c0 = nn.concat %x, %y, %z axis 1
      : tensor<2x3x4xf32>, tensor<2x1x4xf32>, tensor<2x2x4xf32>
  %c1 = nn.concat %x, %x axis -1 : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %r0, %r1, %t, %r2, %b0, %b1, %s0, %s1, %s2, %c0, %c1
      : tensor<4x6xf32>, tensor<24xf32>, tensor<4x2x3xf32>, tensor<3x8xf32>,
        tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x2x2xf32>,
        tensor<1x2x2xf32>, tensor<1x2x3xf32>, tensor<2x6x4xf32>,
        tensor<2x3x8xf32>
}
