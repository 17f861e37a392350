// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// The ops of NNMathOps.td refuse what they do not define.

func.func @floor_integer(%x: tensor<4xi64>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values}}
  %0 = nn.floor %x : tensor<4xi64>
  return
}

// -----

func.func @fmod_mixed(%a: tensor<4xf32>, %b: tensor<4xi64>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'i64'}}
  %0 = nn.fmod %a, %b : tensor<4xf32>, tensor<4xi64>
  return
}

// -----

func.func @remainder_shapes(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{shapes 4 and 3 do not broadcast}}
  %0 = nn.remainder %a, %b : tensor<4xf32>, tensor<3xf32>
  return
}
