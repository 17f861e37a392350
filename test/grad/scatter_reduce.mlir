// Gradient of nn.scatter_reduce (torch.Tensor.index_reduce, index_add for
// "sum"): every reduction with and without include_self along axis 0, with
// unsorted, repeated targets and a node that receives nothing; a mean along
// the last axis with i32 indices. Maxima and minima are unique here
// (scatter_reduce_ties.mlir has the ties).
// Golden data: make_golden.py (test "scatter_reduce").
func.func @loss(
    %dest: tensor<5x3xf32> {nn.param = "dest"},
    %messages: tensor<8x3xf32> {nn.param = "messages"},
    %dest2: tensor<3x5xf32> {nn.param = "dest2"},
    %src2: tensor<3x4xf32> {nn.param = "src2"},
    %targets: tensor<8xi64> {nn.input = "targets"},
    %targets2: tensor<4xi32> {nn.input = "targets2"},
    %cot_sum_self: tensor<5x3xf32> {nn.input = "cot_sum_self"},
    %cot_sum: tensor<5x3xf32> {nn.input = "cot_sum"},
    %cot_mean_self: tensor<5x3xf32> {nn.input = "cot_mean_self"},
    %cot_mean: tensor<5x3xf32> {nn.input = "cot_mean"},
    %cot_amax_self: tensor<5x3xf32> {nn.input = "cot_amax_self"},
    %cot_amax: tensor<5x3xf32> {nn.input = "cot_amax"},
    %cot_amin_self: tensor<5x3xf32> {nn.input = "cot_amin_self"},
    %cot_amin: tensor<5x3xf32> {nn.input = "cot_amin"},
    %cot_cols: tensor<3x5xf32> {nn.input = "cot_cols"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r0 = nn.scatter_reduce %dest, %targets, %messages {axis = 0}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r1 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "sum", include_self = false}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r2 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "mean"}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r3 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "mean", include_self = false}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r4 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amax"}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r5 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r6 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amin"}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r7 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amin", include_self = false}
      : tensor<5x3xf32>, tensor<8xi64>, tensor<8x3xf32>
  %r8 = nn.scatter_reduce %dest2, %targets2, %src2
      {axis = -1, reduce = "mean", include_self = false}
      : tensor<3x5xf32>, tensor<4xi32>, tensor<3x4xf32>
  %p0 = nn.mul %r0, %cot_sum_self : tensor<5x3xf32>, tensor<5x3xf32>
  %p1 = nn.mul %r1, %cot_sum : tensor<5x3xf32>, tensor<5x3xf32>
  %p2 = nn.mul %r2, %cot_mean_self : tensor<5x3xf32>, tensor<5x3xf32>
  %p3 = nn.mul %r3, %cot_mean : tensor<5x3xf32>, tensor<5x3xf32>
  %p4 = nn.mul %r4, %cot_amax_self : tensor<5x3xf32>, tensor<5x3xf32>
  %p5 = nn.mul %r5, %cot_amax : tensor<5x3xf32>, tensor<5x3xf32>
  %p6 = nn.mul %r6, %cot_amin_self : tensor<5x3xf32>, tensor<5x3xf32>
  %p7 = nn.mul %r7, %cot_amin : tensor<5x3xf32>, tensor<5x3xf32>
  %p8 = nn.mul %r8, %cot_cols : tensor<3x5xf32>, tensor<3x5xf32>
  %t0 = nn.reduce_sum %p0 [] : tensor<5x3xf32>
  %t1 = nn.reduce_sum %p1 [] : tensor<5x3xf32>
  %t2 = nn.reduce_sum %p2 [] : tensor<5x3xf32>
  %t3 = nn.reduce_sum %p3 [] : tensor<5x3xf32>
  %t4 = nn.reduce_sum %p4 [] : tensor<5x3xf32>
  %t5 = nn.reduce_sum %p5 [] : tensor<5x3xf32>
  %t6 = nn.reduce_sum %p6 [] : tensor<5x3xf32>
  %t7 = nn.reduce_sum %p7 [] : tensor<5x3xf32>
  %t8 = nn.reduce_sum %p8 [] : tensor<3x5xf32>
  %s1 = nn.add %t0, %t1 : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %t2 : tensor<f32>, tensor<f32>
  %s3 = nn.add %s2, %t3 : tensor<f32>, tensor<f32>
  %s4 = nn.add %s3, %t4 : tensor<f32>, tensor<f32>
  %s5 = nn.add %s4, %t5 : tensor<f32>, tensor<f32>
  %s6 = nn.add %s5, %t6 : tensor<f32>, tensor<f32>
  %s7 = nn.add %s6, %t7 : tensor<f32>, tensor<f32>
  %s8 = nn.add %s7, %t8 : tensor<f32>, tensor<f32>
  return %s8 : tensor<f32>
}
