// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of nn.conv and nn.conv_transpose, one per case.

func.func @input_rank(%x: tensor<3x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{input must be [N, C, spatial...] with at least one spatial dimension, got 3x8}}
  %0 = nn.conv %x, %w : tensor<3x8xf32>, tensor<4x8xf32>
  return
}

// -----

func.func @weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{weight must have the input's rank 4 and element type 'f32', got 'tensor<4x3x3xf32>'}}
  %0 = nn.conv %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3xf32>
  return
}

// -----

func.func @channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{weight must be [F, C / groups, kernel...] with F divisible by groups: input channels 3, groups 1, weight 4x2x3x3}}
  %0 = nn.conv %x, %w : tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>
  return
}

// -----

func.func @filters_per_group(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+1 {{weight must be [F, C / groups, kernel...] with F divisible by groups: input channels 4, groups 2, weight 3x2x3x3}}
  %0 = nn.conv %x, %w {groups = 2} : tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>
  return
}

// -----

func.func @groups(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{groups must be at least 1, got 0}}
  %0 = nn.conv %x, %w {groups = 0} : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>
  return
}

// -----

func.func @bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{bias must be [4] of 'f32', got 'tensor<3xf32>'}}
  %0 = nn.conv %x, %w, %b : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>
  return
}

// -----

func.func @stride_entries(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{stride must have 2 entries (one per spatial dimension), got 1}}
  %0 = nn.conv %x, %w {stride = array<i64: 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @stride_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{stride entries must be at least 1, got 0}}
  %0 = nn.conv %x, %w {stride = array<i64: 1, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @dilation_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{dilation entries must be at least 1, got 0}}
  %0 = nn.conv %x, %w {dilation = array<i64: 0, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @padding_entries(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padding must have 2 entries (both sides) or 4 (begins, then ends), got 3}}
  %0 = nn.conv %x, %w {padding = array<i64: 1, 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @padding_negative(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padding entries must be at least 0, got -1}}
  %0 = nn.conv %x, %w {padding = array<i64: 0, 0, -1, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @window_too_large(%x: tensor<1x3x8x4xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{spatial dimension 1 of extent 4 with padding 0+0 is smaller than the window's span 5 (kernel 3, dilation 2)}}
  %0 = nn.conv %x, %w {dilation = array<i64: 2, 2>} : tensor<1x3x8x4xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @dynamic(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x3x8x8xf32>'}}
  %0 = nn.conv %x, %w : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

func.func @transpose_channels(%x: tensor<1x8x4x4xf32>, %w: tensor<4x4x2x2xf32>) {
  // expected-error @+1 {{weight must be [C, F / groups, kernel...] with C divisible by groups: input channels 8, groups 1, weight 4x4x2x2}}
  %0 = nn.conv_transpose %x, %w : tensor<1x8x4x4xf32>, tensor<4x4x2x2xf32>
  return
}

// -----

func.func @transpose_bias(%x: tensor<1x8x4x4xf32>, %w: tensor<8x2x2x2xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{bias must be [4] of 'f32', got 'tensor<2xf32>'}}
  %0 = nn.conv_transpose %x, %w, %b {groups = 2} : tensor<1x8x4x4xf32>, tensor<8x2x2x2xf32>, tensor<2xf32>
  return
}

// -----

func.func @output_padding_entries(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{output_padding must have 2 entries (one per spatial dimension), got 1}}
  %0 = nn.conv_transpose %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 1>} : tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>
  return
}

// -----

func.func @output_padding_too_large(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{output_padding entries must be non-negative and below the stride or the dilation, got 2 for spatial dimension 0}}
  %0 = nn.conv_transpose %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 2, 0>} : tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>
  return
}

// -----

func.func @transpose_padding_too_large(%x: tensor<1x8x1x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{spatial dimension 0 of the output would have extent -1: the padding 2+2 is too large}}
  %0 = nn.conv_transpose %x, %w {padding = array<i64: 2, 0>} : tensor<1x8x1x4xf32>, tensor<8x4x3x3xf32>
  return
}
