// RUN: nnc-opt %s -split-input-file | nnc-opt -split-input-file | FileCheck %s
// RUN: nnc-opt %s -split-input-file -mlir-print-op-generic | nnc-opt -split-input-file | FileCheck %s

// nn.attention prints in its custom form, parses back and infers
// [B, Hq, Lq, Dv] from the query and the value.

// Multi-head attention with defaults: no mask, not causal, no window.
// CHECK-LABEL: func.func @plain
// CHECK: nn.attention %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>
func.func @plain(%q: tensor<2x4x8x16xf32>, %k: tensor<2x4x8x16xf32>,
                 %v: tensor<2x4x8x16xf32>) -> tensor<2x4x8x16xf32> {
  %o = nn.attention %q, %k, %v : tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>
  return %o : tensor<2x4x8x16xf32>
}

// -----

// Grouped queries (8 query heads on 2 key/value heads), a value head
// dimension of its own, more keys than queries, causal with a window and an
// explicit scale.
// CHECK-LABEL: func.func @grouped_causal_window
// CHECK: nn.attention %{{.*}}, %{{.*}}, %{{.*}} {causal = true, scale = 1.250000e-01 : f64, window = 4 : i64} : tensor<1x8x6x16xf32>, tensor<1x2x10x16xf32>, tensor<1x2x10x32xf32>
func.func @grouped_causal_window(%q: tensor<1x8x6x16xf32>,
    %k: tensor<1x2x10x16xf32>, %v: tensor<1x2x10x32xf32>) -> tensor<1x8x6x32xf32> {
  %o = nn.attention %q, %k, %v {causal = true, window = 4, scale = 0.125}
      : tensor<1x8x6x16xf32>, tensor<1x2x10x16xf32>, tensor<1x2x10x32xf32>
  return %o : tensor<1x8x6x32xf32>
}

// -----

// An additive float mask and a boolean mask, each broadcast to the scores.
// CHECK-LABEL: func.func @masks
// CHECK: nn.attention %{{.*}}, %{{.*}}, %{{.*}} mask %{{.*}} : tensor<1x2x4x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<4x5xf32>
// CHECK: nn.attention %{{.*}}, %{{.*}}, %{{.*}} mask %{{.*}} : tensor<1x2x4x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x1x1x5xi1>
func.func @masks(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x5x8xf32>,
                 %v: tensor<1x2x5x8xf32>, %bias: tensor<4x5xf32>,
                 %keep: tensor<1x1x1x5xi1>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) {
  %a = nn.attention %q, %k, %v mask %bias
      : tensor<1x2x4x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<4x5xf32>
  %b = nn.attention %q, %k, %v mask %keep
      : tensor<1x2x4x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x1x1x5xi1>
  return %a, %b : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
}

// -----

// The gradient of grouped causal attention under a boolean mask: the
// gradients take the query's, key's and value's types.
// CHECK-LABEL: func.func @grad
// CHECK: nn.attention_grad %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} mask %{{.*}} {causal = true} : tensor<1x4x6x8xf32>, tensor<1x4x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x8xf32>, tensor<6x6xi1>
func.func @grad(%do: tensor<1x4x6x8xf32>, %o: tensor<1x4x6x8xf32>,
                %q: tensor<1x4x6x16xf32>, %k: tensor<1x2x6x16xf32>,
                %v: tensor<1x2x6x8xf32>, %keep: tensor<6x6xi1>)
    -> (tensor<1x4x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x8xf32>) {
  %dq, %dk, %dv = nn.attention_grad %do, %o, %q, %k, %v mask %keep {causal = true}
      : tensor<1x4x6x8xf32>, tensor<1x4x6x16xf32>, tensor<1x2x6x16xf32>,
        tensor<1x2x6x8xf32>, tensor<6x6xi1>
  return %dq, %dk, %dv : tensor<1x4x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x8xf32>
}
