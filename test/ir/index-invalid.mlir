// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the index, cast and spike ops, one per case.

func.func @gather_axis(%x: tensor<6x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{axis 2 is out of range for input of rank 2}}
  %0 = nn.gather %x, %i {axis = 2} : tensor<6x4xf32>, tensor<3xi64>
  return
}

// -----

func.func @gather_no_axis(%x: tensor<6x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{needs an integer axis attribute}}
  %0 = nn.gather %x, %i : tensor<6x4xf32>, tensor<3xi64>
  return
}

// -----

func.func @gather_empty_axis(%x: tensor<0x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{cannot gather from axis 0, which is empty}}
  %0 = nn.gather %x, %i {axis = 0} : tensor<0x4xf32>, tensor<3xi64>
  return
}

// -----

func.func @gather_dynamic(%x: tensor<?x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.gather %x, %i {axis = 0} : tensor<?x4xf32>, tensor<3xi64>
  return
}

// -----

func.func @gather_float_indices(%x: tensor<6x4xf32>, %i: tensor<3xf32>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = nn.gather %x, %i {axis = 0} : tensor<6x4xf32>, tensor<3xf32>
  return
}

// -----

func.func @scatter_axis(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{axis -3 is out of range for dest of rank 2}}
  %0 = nn.scatter_add %d, %i, %s {axis = -3}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_dynamic_dest(%d: tensor<?x4xf32>, %i: tensor<7xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{dest must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.scatter_add %d, %i, %s {axis = 0}
      : tensor<?x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_dynamic_indices(%d: tensor<5x4xf32>, %i: tensor<?xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{indices must have a static shape, got 'tensor<?xi64>'}}
  %0 = nn.scatter_add %d, %i, %s {axis = 0}
      : tensor<5x4xf32>, tensor<?xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_dynamic_source(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<?x4xf32>) {
  // expected-error @+1 {{source must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.scatter_add %d, %i, %s {axis = 0}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<?x4xf32>
  return
}

// -----

func.func @scatter_indices_rank(%d: tensor<5x4xf32>, %i: tensor<7x1xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{indices must be one-dimensional, got 7x1}}
  %0 = nn.scatter_add %d, %i, %s {axis = 0}
      : tensor<5x4xf32>, tensor<7x1xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_source_shape(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<6x4xf32>) {
  // expected-error @+1 {{source must be 7x4 of 'f32' (dest's shape with the index count along axis 0), got 'tensor<6x4xf32>'}}
  %0 = nn.scatter_add %d, %i, %s {axis = 0}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<6x4xf32>
  return
}

// -----

func.func @scatter_source_type(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<7x4xf16>) {
  // expected-error @+1 {{source must be 7x4 of 'f32' (dest's shape with the index count along axis 0), got 'tensor<7x4xf16>'}}
  %0 = nn.scatter_add %d, %i, %s {axis = 0}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf16>
  return
}

// -----

func.func @scatter_reduce_kind(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{reduce must be "sum", "mean", "amax" or "amin", got "prod"}}
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0, reduce = "prod"}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_reduce_axis(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{axis 2 is out of range for dest of rank 2}}
  %0 = nn.scatter_reduce %d, %i, %s {axis = 2, reduce = "amax"}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_reduce_dynamic_dest(%d: tensor<?x4xf32>, %i: tensor<7xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{dest must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0}
      : tensor<?x4xf32>, tensor<7xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_reduce_indices_rank(%d: tensor<5x4xf32>, %i: tensor<7x1xi64>, %s: tensor<7x4xf32>) {
  // expected-error @+1 {{indices must be one-dimensional, got 7x1}}
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0, reduce = "mean"}
      : tensor<5x4xf32>, tensor<7x1xi64>, tensor<7x4xf32>
  return
}

// -----

func.func @scatter_reduce_source_shape(%d: tensor<5x4xf32>, %i: tensor<7xi64>, %s: tensor<7x5xf32>) {
  // expected-error @+1 {{source must be 7x4 of 'f32' (dest's shape with the index count along axis 0), got 'tensor<7x5xf32>'}}
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0, reduce = "amin"}
      : tensor<5x4xf32>, tensor<7xi64>, tensor<7x5xf32>
  return
}

// -----

func.func @scatter_reduce_integers(%d: tensor<5x4xi32>, %i: tensor<7xi64>, %s: tensor<7x4xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values}}
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0, reduce = "amax"}
      : tensor<5x4xi32>, tensor<7xi64>, tensor<7x4xi32>
  return
}

// -----

func.func @argmax_axis(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{axis 2 is out of range for input of rank 2}}
  %0 = nn.argmax %x {axis = 2} : tensor<4x6xf32>
  return
}

// -----

func.func @argmin_axis(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{axis -3 is out of range for input of rank 2}}
  %0 = nn.argmin %x {axis = -3} : tensor<4x6xf32>
  return
}

// -----

func.func @cumsum_axis(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{axis 2 is out of range for input of rank 2}}
  %0 = nn.cumsum %x {axis = 2} : tensor<4x6xf32>
  return
}

// -----

func.func @cast_shape(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{result shape must be the input's shape 4x6, got 6x4}}
  %0 = nn.cast %x : tensor<4x6xf32> -> tensor<6x4xi64>
  return
}

// -----

func.func @heaviside_surrogate(%x: tensor<4xf32>) {
  // expected-error @+1 {{surrogate must be "fast_sigmoid", "sigmoid" or "straight_through", got "atan"}}
  %0 = nn.heaviside %x {surrogate = "atan"} : tensor<4xf32>
  return
}

// -----

func.func @heaviside_slope(%x: tensor<4xf32>) {
  // expected-error @+1 {{slope must be positive, got 0}}
  %0 = nn.heaviside %x {slope = 0.0} : tensor<4xf32>
  return
}
