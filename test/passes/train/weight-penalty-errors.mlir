// RUN: nnc-opt %s -split-input-file -verify-diagnostics --nnc-weight-penalty="l2=0.1"
// RUN: not nnc-opt %s -split-input-file --nnc-weight-penalty="function=missing l2=0.1" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not nnc-opt %s -split-input-file --nnc-weight-penalty="l1=-0.1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// A function that is not there.
// MISSING: error: no function @missing to penalize

// Negative coefficients would reward large weights.
// NEGATIVE: error: weight penalty coefficients must be non-negative, got l1 = -1.000000e-01 and l2 = 0.000000e+00

// The loss must be a scalar.
// expected-error @+1 {{the loss (result #0 of @loss) must be a rank-0 float tensor to add a weight penalty to}}
func.func @loss(%w: tensor<4xf32> {nn.param = "w"}) -> tensor<4xf32> {
  return %w : tensor<4xf32>
}

// -----

// A param of another float type than the loss's cannot be added to it.
// expected-error @+1 {{param 'w' has type 'tensor<4xf64>'; a weight penalty needs tensors of the loss's element type 'f32'}}
func.func @loss(%w: tensor<4xf64> {nn.param = "w"}, %x: tensor<4xf32>) -> tensor<f32> {
  %l = nn.reduce_sum %x [] : tensor<4xf32>
  return %l : tensor<f32>
}
