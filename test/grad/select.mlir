// Gradient of nn.select (torch.where): the cotangent goes to the branch
// taken, summed over broadcast dims. Masks come from nn.compare (which has no
// gradient) of a param with an input row (x is at least 0.3 from thr) and of
// two inputs; branches are full, rank-0 (s), and both stretching (row, col);
// x is both branches of the last select, negated on one side.
// Golden data: make_golden.py (test "select").
func.func @loss(
    %x: tensor<4x5xf32> {nn.param = "x"},
    %a: tensor<4x5xf32> {nn.param = "a"},
    %s: tensor<f32> {nn.param = "s"},
    %row: tensor<5xf32> {nn.param = "row"},
    %col: tensor<4x1xf32> {nn.param = "col"},
    %thr: tensor<5xf32> {nn.input = "thr"},
    %u: tensor<4x1xf32> {nn.input = "u"},
    %v: tensor<4x5xf32> {nn.input = "v"},
    %cot_gt: tensor<4x5xf32> {nn.input = "cot_gt"},
    %cot_le: tensor<4x5xf32> {nn.input = "cot_le"},
    %cot_same: tensor<4x5xf32> {nn.input = "cot_same"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %gt = nn.compare gt, %x, %thr : tensor<4x5xf32>, tensor<5xf32>
  %le = nn.compare le, %v, %u : tensor<4x5xf32>, tensor<4x1xf32>
  %sel_gt = nn.select %gt, %a, %s : tensor<4x5xi1>, tensor<4x5xf32>, tensor<f32>
  %sel_le = nn.select %le, %row, %col
      : tensor<4x5xi1>, tensor<5xf32>, tensor<4x1xf32>
  %neg_x = nn.neg %x : tensor<4x5xf32>
  %sel_same = nn.select %gt, %x, %neg_x
      : tensor<4x5xi1>, tensor<4x5xf32>, tensor<4x5xf32>
  %prod0 = nn.mul %sel_gt, %cot_gt : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %sel_le, %cot_le : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %prod2 = nn.mul %sel_same, %cot_same : tensor<4x5xf32>, tensor<4x5xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  return %sum1 : tensor<f32>
}
