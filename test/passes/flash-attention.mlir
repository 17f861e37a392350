// RUN: nnc-opt %s -split-input-file -nnc-flash-attention="query-tile=2 key-tile=4" | FileCheck %s

// Causal grouped-query attention (4 query heads on 2 key/value heads), 4
// queries and 8 keys in tiles of 2 queries and 4 keys: the query is viewed
// as [B, Hkv, G, Lq, D]; a parallel loop (scf.forall) over query tiles
// holds a loop over key tiles that stops at the last tile the query tile
// can see (min with the next multiple of 4 past its last query); each step
// scores a tile, masks it by position, and updates the running maximum,
// sum and accumulator; the accumulator divided by the sum goes into the
// query tile's rows of the output. The keys are transposed once, before
// the loops, and each score tile multiplies by a block of their columns.
// No [Lq, Lk] scores remain and the attention op is gone.
// CHECK-LABEL: func.func @causal_grouped
// CHECK-NOT: nn.attention
// CHECK: %[[KT:.*]] = nn.transpose %arg1 [0, 1, 3, 2] : tensor<1x2x8x8xf32>
// CHECK: %[[Q5:.*]] = nn.reshape %{{.*}} [1, 2, 2, 4, 8]
// CHECK: %[[OUT:.*]] = scf.forall (%[[QI:.*]]) = (0) to (4) step (2) shared_outs(%[[O:.*]] = %{{.*}}) -> (tensor<1x2x2x4x8xf32>)
// CHECK: tensor.extract_slice %[[Q5]][0, 0, 0, %[[QI]], 0] [1, 2, 2, 2, 8] [1, 1, 1, 1, 1]
// CHECK: %[[UB:.*]] = arith.minsi
// CHECK: scf.for %[[KI:.*]] = %{{.*}} to %[[UB]] step %{{.*}} iter_args
// CHECK: %[[KTILE:.*]] = tensor.extract_slice %[[KT]][0, 0, 0, %[[KI]]] [1, 2, 8, 4] [1, 1, 1, 1]
// CHECK: nn.matmul %{{.*}}, %[[KTILE]] : tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>
// CHECK: linalg.generic
// CHECK: arith.cmpi sle
// CHECK: nn.select
// CHECK: nn.reduce_max
// CHECK: nn.maximum
// CHECK: nn.exp
// CHECK: nn.matmul %{{.*}} : tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>
// CHECK: scf.yield
// CHECK: nn.div
// CHECK: scf.forall.in_parallel
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[O]][0, 0, 0, %[[QI]], 0] [1, 2, 2, 2, 8]
// CHECK: nn.reshape %[[OUT]] [1, 4, 4, 8]
func.func @causal_grouped(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x8x8xf32>,
                          %v: tensor<1x2x8x8xf32>) -> tensor<1x4x4x8xf32> {
  %o = nn.attention %q, %k, %v {causal = true}
      : tensor<1x4x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
  return %o : tensor<1x4x4x8xf32>
}

// -----

// A sliding window without causal starts the key loop at the tile of the
// first visible key (max with 0, rounded down to a multiple of 4) and ends
// it at the tile of the last; an additive mask is sliced per tile (its
// broadcast query axis stays 1) and added to the scores.
// CHECK-LABEL: func.func @window_bias
// CHECK-NOT: nn.attention
// CHECK: %[[M4:.*]] = nn.reshape %{{.*}} [1, 1, 1, 8]
// CHECK: scf.forall (%[[QI:.*]]) =
// CHECK: arith.maxsi
// CHECK: %[[LB:.*]] = arith.muli
// CHECK: %[[UB:.*]] = arith.minsi
// CHECK: scf.for %[[KI:.*]] = %[[LB]] to %[[UB]]
// CHECK: tensor.extract_slice %[[M4]][0, 0, 0, %[[KI]]] [1, 1, 1, 4] [1, 1, 1, 1]
// CHECK: nn.add
// CHECK: linalg.generic
// CHECK-NOT: arith.cmpi sle
// CHECK: scf.yield
func.func @window_bias(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x8x8xf32>,
                       %v: tensor<1x2x8x8xf32>, %bias: tensor<8xf32>)
    -> tensor<1x2x4x8xf32> {
  %o = nn.attention %q, %k, %v mask %bias {window = 3}
      : tensor<1x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>,
        tensor<8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// The gradient, FlashAttention-2 style: the query loop carries dQ (grouped)
// and the whole dK and dV; per query tile, D = rowsum(dO * O), one key
// loop gives the running maximum and sum (the logsumexp, with nn.log), and
// a second recomputes P = exp(S - L) per key tile and adds its dK and dV
// tiles into dK and dV at the key tile's offset. Nothing of [Lq, Lk].
// CHECK-LABEL: func.func @causal_grad
// CHECK-NOT: nn.attention_grad
// CHECK: %[[GRADS:.*]]:3 = scf.for %[[QI:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[DQ:.*]] = %{{.*}}, %[[DK:.*]] = %{{.*}}, %[[DV:.*]] = %{{.*}}) -> (tensor<1x2x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>)
// CHECK: nn.reduce_sum
// CHECK: %[[UB:.*]] = arith.minsi
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[UB]] step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x2x4x1xf32>, tensor<1x2x4x1xf32>)
// CHECK: nn.reduce_max
// CHECK: scf.yield
// CHECK: nn.log
// CHECK: scf.for %[[KI:.*]] = %{{.*}} to %[[UB]] step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[DKI:.*]] = %[[DK]], %[[DVI:.*]] = %[[DV]]) -> (tensor<1x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>)
// CHECK: nn.exp
// CHECK: tensor.extract_slice %[[DKI]][0, 0, %[[KI]], 0] [1, 2, 4, 8] [1, 1, 1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[DKI]][0, 0, %[[KI]], 0] [1, 2, 4, 8] [1, 1, 1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[DVI]][0, 0, %[[KI]], 0] [1, 2, 4, 8] [1, 1, 1, 1]
// CHECK: scf.yield
// CHECK: tensor.insert_slice %{{.*}} into %[[DQ]][0, 0, 0, %[[QI]], 0] [1, 2, 2, 2, 8]
// CHECK: nn.reshape %[[GRADS]]#0 [1, 4, 4, 8]
// CHECK: return %{{.*}}, %[[GRADS]]#1, %[[GRADS]]#2
func.func @causal_grad(%do: tensor<1x4x4x8xf32>, %o: tensor<1x4x4x8xf32>,
                       %q: tensor<1x4x4x8xf32>, %k: tensor<1x2x8x8xf32>,
                       %v: tensor<1x2x8x8xf32>)
    -> (tensor<1x4x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) {
  %dq, %dk, %dv = nn.attention_grad %do, %o, %q, %k, %v {causal = true}
      : tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x2x8x8xf32>,
        tensor<1x2x8x8xf32>
  return %dq, %dk, %dv : tensor<1x4x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
}
