// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of nn.solve and nn.fft, one per case.

func.func @solve_dynamic(%a: tensor<?x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error @+1 {{a must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.solve %a, %b : tensor<?x4xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @solve_dynamic_rhs(%a: tensor<4x4xf32>, %b: tensor<4x?xf32>) {
  // expected-error @+1 {{b must have a static shape, got 'tensor<4x?xf32>'}}
  %0 = nn.solve %a, %b : tensor<4x4xf32>, tensor<4x?xf32>
  return
}

// -----

func.func @solve_rank(%a: tensor<4x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{operands must have rank >= 2 ([..., N, N] and [..., N, K]), got ranks 2 and 1}}
  %0 = nn.solve %a, %b : tensor<4x4xf32>, tensor<4xf32>
  return
}

// -----

func.func @solve_element_type(%a: tensor<4x4xf32>, %b: tensor<4x2xf64>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'f64'}}
  %0 = nn.solve %a, %b : tensor<4x4xf32>, tensor<4x2xf64>
  return
}

// -----

func.func @solve_square(%a: tensor<4x3xf32>, %b: tensor<4x2xf32>) {
  // expected-error @+1 {{a must be square matrices [..., N, N], got 4x3}}
  %0 = nn.solve %a, %b : tensor<4x3xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @solve_rows(%a: tensor<4x4xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{b must have N = 4 rows (those of a 4x4), got 3x2}}
  %0 = nn.solve %a, %b : tensor<4x4xf32>, tensor<3x2xf32>
  return
}

// -----

func.func @solve_batch(%a: tensor<2x4x4xf32>, %b: tensor<3x4x2xf32>) {
  // expected-error @+1 {{batch dimensions of 2x4x4 and 3x4x2 do not broadcast}}
  %0 = nn.solve %a, %b : tensor<2x4x4xf32>, tensor<3x4x2xf32>
  return
}

// -----

func.func @fft_dynamic(%x: tensor<?x8x2xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x8x2xf32>'}}
  %0 = nn.fft %x : tensor<?x8x2xf32>
  return
}

// -----

func.func @fft_not_complex(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{input must be complex values [..., N, 2] (real, imaginary), got 'tensor<8x3xf32>'}}
  %0 = nn.fft %x : tensor<8x3xf32>
  return
}

// -----

func.func @fft_rank(%x: tensor<2xf32>) {
  // expected-error @+1 {{input must be complex values [..., N, 2] (real, imaginary), got 'tensor<2xf32>'}}
  %0 = nn.fft %x : tensor<2xf32>
  return
}

// -----

func.func @fft_length(%x: tensor<4x6x2xf32>) {
  // expected-error @+1 {{sequence length N (dimension -2 of 'tensor<4x6x2xf32>') must be a power of two, got 6}}
  %0 = nn.fft %x : tensor<4x6x2xf32>
  return
}

// -----

func.func @fft_norm(%x: tensor<8x2xf32>) {
  // expected-error @+1 {{'nn.fft' op norm must be "backward", "forward" or "ortho", got "none"}}
  %0 = nn.fft %x {norm = "none"} : tensor<8x2xf32>
  return
}
