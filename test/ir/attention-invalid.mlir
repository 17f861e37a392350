// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// nn.attention refuses operands whose shapes do not fit together and
// attributes out of range.

func.func @rank(%q: tensor<4x8x16xf32>, %k: tensor<4x8x16xf32>, %v: tensor<4x8x16xf32>) {
  // expected-error @+1 {{query, key and value must be [batch, heads, sequence, head dim] (rank 4), got 4x8x16, 4x8x16 and 4x8x16}}
  %0 = nn.attention %q, %k, %v : tensor<4x8x16xf32>, tensor<4x8x16xf32>, tensor<4x8x16xf32>
  return
}

// -----

func.func @element_types(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf16>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{query, key and value must have one element type, got 'f32', 'f16' and 'f32'}}
  %0 = nn.attention %q, %k, %v : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf16>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @batch(%q: tensor<2x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{query, key and value must have one batch size, got 2, 1 and 1}}
  %0 = nn.attention %q, %k, %v : tensor<2x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @key_value(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x5x8xf32>) {
  // expected-error @+1 {{key and value must have the same heads and sequence length, got 1x2x4x8 and 1x2x5x8}}
  %0 = nn.attention %q, %k, %v : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x5x8xf32>
  return
}

// -----

func.func @head_dim(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x16xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{query and key must have the same head dimension, got 8 and 16}}
  %0 = nn.attention %q, %k, %v : tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @groups(%q: tensor<1x3x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{query heads (3) must be a multiple of key/value heads (2)}}
  %0 = nn.attention %q, %k, %v : tensor<1x3x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @mask_type(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<4x4xf16>) {
  // expected-error @+1 {{mask must be i1 or the query's element type 'f32', got 'f16'}}
  %0 = nn.attention %q, %k, %v mask %m : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xf16>
  return
}

// -----

func.func @mask_shape(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x8xf32>, %m: tensor<4x4xi1>) {
  // expected-error @+1 {{mask of shape 4x4 does not broadcast to the scores 1x2x4x6}}
  %0 = nn.attention %q, %k, %v mask %m : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<4x4xi1>
  return
}

// -----

func.func @window(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'nn.attention' op window must be 0 (none) or a positive number of keys, got -1}}
  %0 = nn.attention %q, %k, %v {window = -1} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'nn.attention' op scale must be finite, got}}
  %0 = nn.attention %q, %k, %v {scale = 0x7FF0000000000000 : f64} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @grad_output_type(%do: tensor<1x2x4x4xf32>, %q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{grad_output and output must have the type 'tensor<1x2x4x8xf32>' of the attention result, got 'tensor<1x2x4x4xf32>'}}
  %0:3 = nn.attention_grad %do, %do, %q, %k, %v : tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @grad_window(%do: tensor<1x2x4x8xf32>, %q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'nn.attention_grad' op window must be 0 (none) or a positive number of keys, got -2}}
  %0:3 = nn.attention_grad %do, %do, %q, %k, %v {window = -2} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}
