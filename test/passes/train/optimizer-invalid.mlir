// nnc-optimizer's diagnostics for gradient functions it cannot wrap.
//
// RUN: nnc-opt %s --split-input-file --verify-diagnostics --nnc-optimizer

// expected-error @+1 {{nnc-optimizer: no function '@loss_grad' with a body to build a train step from (nnc-autodiff makes it)}}
module {
  func.func @loss(%w: tensor<4xf32> {nn.param = "w"}) -> tensor<f32> {
    %l = nn.reduce_sum %w [] : tensor<4xf32>
    return %l : tensor<f32>
  }
}

// -----

// expected-error @+1 {{the loss (result #0 of '@loss_grad') must be a scalar float tensor, got 'tensor<4xf32>'}}
func.func @loss_grad(%w: tensor<4xf32> {nn.param = "w"})
    -> (tensor<4xf32>, tensor<4xf32>) {
  return %w, %w : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{'@loss_grad' returns 2 values; expected the loss and one gradient for each of its 2 nn.param arguments}}
func.func @loss_grad(%w: tensor<4xf32> {nn.param = "w"},
                     %b: tensor<4xf32> {nn.param = "b"})
    -> (tensor<f32>, tensor<4xf32>) {
  %l = nn.reduce_sum %w [] : tensor<4xf32>
  return %l, %w : tensor<f32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{result #1 of '@loss_grad' (the gradient of 'w') has type 'tensor<2x2xf32>'; expected 'tensor<4xf32>'}}
func.func @loss_grad(%w: tensor<4xf32> {nn.param = "w"})
    -> (tensor<f32>, tensor<2x2xf32>) {
  %l = nn.reduce_sum %w [] : tensor<4xf32>
  %g = nn.reshape %w [2, 2] : tensor<4xf32>
  return %l, %g : tensor<f32>, tensor<2x2xf32>
}

// -----

// expected-error @+1 {{param 'steps' must be a float tensor, got 'tensor<4xi64>'}}
func.func @loss_grad(%w: tensor<4xi64> {nn.param = "steps"})
    -> (tensor<f32>, tensor<4xi64>) {
  %l = arith.constant dense<0.0> : tensor<f32>
  return %l, %w : tensor<f32>, tensor<4xi64>
}

// -----

// expected-error @+1 {{argument #1 of '@loss_grad' is not marked nn.param, nn.input or nn.buffer}}
func.func @loss_grad(%w: tensor<4xf32> {nn.param = "w"}, %x: tensor<4xf32>)
    -> (tensor<f32>, tensor<4xf32>) {
  %l = nn.reduce_sum %w [] : tensor<4xf32>
  return %l, %x : tensor<f32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{'@loss_grad' has no nn.param argument to train}}
func.func @loss_grad(%x: tensor<4xf32> {nn.input = "x"}) -> tensor<f32> {
  %l = nn.reduce_sum %x [] : tensor<4xf32>
  return %l : tensor<f32>
}

// -----

// expected-error @+1 {{params of different element types ('f32' and 'f64') cannot share one train step}}
func.func @loss_grad(%a: tensor<2xf32> {nn.param = "a"},
                     %b: tensor<2xf64> {nn.param = "b"})
    -> (tensor<f32>, tensor<2xf32>, tensor<2xf64>) {
  %l = nn.reduce_sum %a [] : tensor<2xf32>
  return %l, %a, %b : tensor<f32>, tensor<2xf32>, tensor<2xf64>
}

// -----

// expected-error @+1 {{nnc-optimizer: the module already has a '@train_step'}}
module {
  func.func @loss_grad(%w: tensor<4xf32> {nn.param = "w"})
      -> (tensor<f32>, tensor<4xf32>) {
    %l = nn.reduce_sum %w [] : tensor<4xf32>
    return %l, %w : tensor<f32>, tensor<4xf32>
  }
  func.func @train_step() {
    return
  }
}
