// RUN: nnc-opt %s -split-input-file -nnc-autodiff -verify-diagnostics

// expected-error @+1 {{cannot differentiate with respect to argument #0 ('steps') of type 'tensor<3xi64>': gradients exist only for float tensors}}
func.func @loss(%steps: tensor<3xi64> {nn.param = "steps"}) -> tensor<f32> {
  %c = arith.constant dense<1.0> : tensor<f32>
  return %c : tensor<f32>
}

// -----

// expected-error @+1 {{the loss (result #0 of @loss) must be a scalar: a rank-0 float tensor, got 'tensor<3xf32>'}}
func.func @loss(%w: tensor<3xf32> {nn.param = "w"}) -> tensor<3xf32> {
  return %w : tensor<3xf32>
}

// -----

func.func @loss(%w: tensor<3xf32> {nn.param = "w"}) -> tensor<f32> {
  // expected-error @+1 {{'arith.mulf' has no gradient rule, and the loss depends on it through the parameters}}
  %p = arith.mulf %w, %w : tensor<3xf32>
  %l = nn.reduce_sum %p [] : tensor<3xf32>
  return %l : tensor<f32>
}

// -----

func.func private @square(%w: tensor<3xf32>) -> tensor<3xf32> {
  %p = nn.mul %w, %w : tensor<3xf32>, tensor<3xf32>
  return %p : tensor<3xf32>
}
func.func @loss(%w: tensor<3xf32> {nn.param = "w"}) -> tensor<f32> {
  // expected-error @+1 {{'func.call' has no gradient rule, and the loss depends on it through the parameters; inline calls first (the `inline` pass)}}
  %p = func.call @square(%w) : (tensor<3xf32>) -> tensor<3xf32>
  %l = nn.reduce_sum %p [] : tensor<3xf32>
  return %l : tensor<f32>
}

// -----

// expected-error @+1 {{@loss has no nn.param arguments to differentiate with respect to}}
func.func @loss(%x: tensor<3xf32> {nn.input = "x"}) -> tensor<f32> {
  %l = nn.reduce_sum %x [] : tensor<3xf32>
  return %l : tensor<f32>
}

// -----

// expected-error @+1 {{no function @loss to differentiate}}
module {
  func.func @forward(%x: tensor<3xf32>) -> tensor<3xf32> {
    return %x : tensor<3xf32>
  }
}

// -----

// The pooling gradient ops have no gradients of their own: a second
// derivative through them is refused, not computed wrongly.
func.func @loss(%w: tensor<1x1x4xf32> {nn.param = "w"},
                %g: tensor<1x1x2xf32> {nn.input = "g"}) -> tensor<f32> {
  // expected-error @+1 {{'nn.max_pool_grad' has no gradient rule, and the loss depends on it through the parameters}}
  %d = nn.max_pool_grad %g, %w {kernel = array<i64: 2>} : tensor<1x1x2xf32>, tensor<1x1x4xf32>
  %l = nn.reduce_sum %d [] : tensor<1x1x4xf32>
  return %l : tensor<f32>
}

// -----

func.func @loss(%w: tensor<1x1x2xf32> {nn.param = "w"}) -> tensor<f32> {
  // expected-error @+1 {{'nn.avg_pool_grad' has no gradient rule, and the loss depends on it through the parameters}}
  %d = nn.avg_pool_grad %w {kernel = array<i64: 2>} : tensor<1x1x2xf32> -> tensor<1x1x4xf32>
  %l = nn.reduce_sum %d [] : tensor<1x1x4xf32>
  return %l : tensor<f32>
}
