// RUN: nnc-opt %s --nnc-lower-nn-to-linalg | FileCheck %s

// The reference lowering of causal attention forms the untiled scores:
// the position mask is a [Lq, Lk] i1 constant (key j visible to query i
// when j <= i), and every nn op is lowered (to linalg, tensor, arith and
// math).
// CHECK-LABEL: func.func @causal
// CHECK: arith.constant dense<{{\[\[}}true, false, false], [true, true, false], [true, true, true]]> : tensor<3x3xi1>
// CHECK-NOT: nn.
// CHECK: return
func.func @causal(%q: tensor<1x2x3x4xf32>, %k: tensor<1x2x3x4xf32>,
                  %v: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %o = nn.attention %q, %k, %v {causal = true}
      : tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>
  return %o : tensor<1x2x3x4xf32>
}

// The reference lowering of the gradient recomputes the untiled
// probabilities (the [Lq, Lk] causal mask again) and lowers every nn op.
// CHECK-LABEL: func.func @causal_grad
// CHECK: arith.constant dense<{{\[\[}}true, false, false], [true, true, false], [true, true, true]]> : tensor<3x3xi1>
// CHECK-NOT: nn.
// CHECK: return
func.func @causal_grad(%do: tensor<1x2x3x4xf32>, %o: tensor<1x2x3x4xf32>,
                       %q: tensor<1x2x3x4xf32>, %k: tensor<1x2x3x4xf32>,
                       %v: tensor<1x2x3x4xf32>)
    -> (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) {
  %dq, %dk, %dv = nn.attention_grad %do, %o, %q, %k, %v {causal = true}
      : tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>,
        tensor<1x2x3x4xf32>
  return %dq, %dk, %dv : tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>
}
