// Gradient of nn.scatter_reduce "amax" and "amin" at ties: maxima and
// minima tied between two messages and between dest and a message share
// the gradient evenly (torch's rule for index_reduce); a node that receives
// nothing passes dest's gradient through. Without include_self, dest
// (`alone`) equals no segment's extremum. Ties are not differentiable, so
// finite differences do not apply (CMakeLists.txt).
// Golden data: make_golden.py (test "scatter_reduce_ties").
func.func @loss(
    %messages: tensor<5x2xf32> {nn.param = "messages"},
    %dest: tensor<4x2xf32> {nn.param = "dest"},
    %alone: tensor<4x2xf32> {nn.param = "alone"},
    %targets: tensor<5xi64> {nn.input = "targets"},
    %cot_amax_self: tensor<4x2xf32> {nn.input = "cot_amax_self"},
    %cot_amax: tensor<4x2xf32> {nn.input = "cot_amax"},
    %cot_amin_self: tensor<4x2xf32> {nn.input = "cot_amin_self"},
    %cot_amin: tensor<4x2xf32> {nn.input = "cot_amin"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r0 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amax"}
      : tensor<4x2xf32>, tensor<5xi64>, tensor<5x2xf32>
  %r1 = nn.scatter_reduce %alone, %targets, %messages
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<4x2xf32>, tensor<5xi64>, tensor<5x2xf32>
  %r2 = nn.scatter_reduce %dest, %targets, %messages
      {axis = 0, reduce = "amin"}
      : tensor<4x2xf32>, tensor<5xi64>, tensor<5x2xf32>
  %r3 = nn.scatter_reduce %alone, %targets, %messages
      {axis = 0, reduce = "amin", include_self = false}
      : tensor<4x2xf32>, tensor<5xi64>, tensor<5x2xf32>
  %p0 = nn.mul %r0, %cot_amax_self : tensor<4x2xf32>, tensor<4x2xf32>
  %p1 = nn.mul %r1, %cot_amax : tensor<4x2xf32>, tensor<4x2xf32>
  %p2 = nn.mul %r2, %cot_amin_self : tensor<4x2xf32>, tensor<4x2xf32>
  %p3 = nn.mul %r3, %cot_amin : tensor<4x2xf32>, tensor<4x2xf32>
  %t0 = nn.reduce_sum %p0 [] : tensor<4x2xf32>
  %t1 = nn.reduce_sum %p1 [] : tensor<4x2xf32>
  %t2 = nn.reduce_sum %p2 [] : tensor<4x2xf32>
  %t3 = nn.reduce_sum %p3 [] : tensor<4x2xf32>
  %s1 = nn.add %t0, %t1 : tensor<f32>, tensor<f32>
  %s2 = nn.add %s1, %t2 : tensor<f32>, tensor<f32>
  %s3 = nn.add %s2, %t3 : tensor<f32>, tensor<f32>
  return %s3 : tensor<f32>
}
