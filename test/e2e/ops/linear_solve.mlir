// nn.solve against torch.linalg.solve: a general system with several
// right-hand sides; a system that needs pivoting (zeros on the diagonal, so
// elimination without row swaps would divide by 0); an ill-conditioned but
// solvable system (condition number 1e3); batched systems whose batch
// dimensions broadcast (2x1 matrices against 3 right-hand sides); a ridge
// regression readout W = solve(X^T X + lambda I, X^T Y), the use case of
// echo state networks and RBF networks; and two singular systems, whose
// infinities and NaNs are those of torch.linalg.solve_ex (torch.linalg.solve
// raises an error there).
// Golden data: make_golden.py (group "linear_solve").
func.func @forward(
    %a: tensor<4x4xf32> {nn.input = "a"},
    %b: tensor<4x3xf32> {nn.input = "b"},
    %pivoting: tensor<5x5xf32> {nn.input = "pivoting"},
    %b5: tensor<5x2xf32> {nn.input = "b5"},
    %ill: tensor<6x6xf32> {nn.input = "ill"},
    %b6: tensor<6x2xf32> {nn.input = "b6"},
    %batched_a: tensor<2x1x3x3xf32> {nn.input = "batched_a"},
    %batched_b: tensor<3x3x4xf32> {nn.input = "batched_b"},
    %features: tensor<20x4xf32> {nn.input = "features"},
    %targets: tensor<20x2xf32> {nn.input = "targets"},
    %ridge: tensor<4x4xf32> {nn.input = "ridge"},
    %singular: tensor<2x2x2xf32> {nn.input = "singular"},
    %b2: tensor<2x1xf32> {nn.input = "b2"})
    -> (tensor<4x3xf32> {nn.output = "general"},
        tensor<5x2xf32> {nn.output = "pivoted"},
        tensor<6x2xf32> {nn.output = "ill_conditioned"},
        tensor<2x3x3x4xf32> {nn.output = "batched"},
        tensor<4x2xf32> {nn.output = "ridge_readout"},
        tensor<2x2x1xf32> {nn.output = "singular_result"}) {
  %general = nn.solve %a, %b : tensor<4x4xf32>, tensor<4x3xf32>
  %pivoted = nn.solve %pivoting, %b5 : tensor<5x5xf32>, tensor<5x2xf32>
  %ill_conditioned = nn.solve %ill, %b6 : tensor<6x6xf32>, tensor<6x2xf32>
  %batched = nn.solve %batched_a, %batched_b
      : tensor<2x1x3x3xf32>, tensor<3x3x4xf32>
  %xt = nn.transpose %features [1, 0] : tensor<20x4xf32>
  %gram = nn.matmul %xt, %features : tensor<4x20xf32>, tensor<20x4xf32>
  %regularized = nn.add %gram, %ridge : tensor<4x4xf32>, tensor<4x4xf32>
  %moments = nn.matmul %xt, %targets : tensor<4x20xf32>, tensor<20x2xf32>
  %readout = nn.solve %regularized, %moments
      : tensor<4x4xf32>, tensor<4x2xf32>
  %singular_result = nn.solve %singular, %b2
      : tensor<2x2x2xf32>, tensor<2x1xf32>
  return %general, %pivoted, %ill_conditioned, %batched, %readout,
         %singular_result
      : tensor<4x3xf32>, tensor<5x2xf32>, tensor<6x2xf32>,
        tensor<2x3x3x4xf32>, tensor<4x2xf32>, tensor<2x2x1xf32>
}
