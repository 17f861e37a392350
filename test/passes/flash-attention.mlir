// RUN: nnc-opt %s -split-input-file -nnc-flash-attention="query-tile=2 key-tile=4" | FileCheck %s

// Causal grouped-query attention (4 query heads on 2 key/value heads), 4
// queries and 8 keys in tiles of 2 queries and 4 keys: the query is viewed
// as [B, Hkv, G, Lq, D]; a parallel loop (scf.forall) over the batch, the
// key/value heads and the query tiles takes one head's group of query rows
// ([1, 1, G * Tq, D]) and holds a loop over its key tiles that stops at the last tile the query tile
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
// CHECK: %[[OUT:.*]] = scf.forall (%[[B:.*]], %[[H:.*]], %[[QI:.*]]) = (0, 0, 0) to (1, 2, 4) step (1, 1, 2) shared_outs(%[[O:.*]] = %{{.*}}) -> (tensor<1x2x2x4x8xf32>)
// CHECK: %[[QS:.*]] = tensor.extract_slice %[[Q5]][%[[B]], %[[H]], 0, %[[QI]], 0] [1, 1, 2, 2, 8] [1, 1, 1, 1, 1]
// CHECK: %[[QROWS:.*]] = nn.reshape %[[QS]] [1, 1, 4, 8]
// CHECK: %[[UB:.*]] = arith.minsi
// CHECK: scf.for %[[KI:.*]] = %{{.*}} to %[[UB]] step %{{.*}} iter_args
// CHECK: %[[KTILE:.*]] = tensor.extract_slice %[[KT]][%[[B]], %[[H]], 0, %[[KI]]] [1, 1, 8, 4] [1, 1, 1, 1]
// CHECK: nn.matmul %[[QROWS]], %[[KTILE]] : tensor<1x1x4x8xf32>, tensor<1x1x8x4xf32>
// CHECK: linalg.generic
// CHECK: arith.cmpi sle
// CHECK: nn.select
// CHECK: nn.reduce_max
// CHECK: nn.maximum
// CHECK: nn.exp
// CHECK: %[[VTILE:.*]] = tensor.extract_slice %arg2[%[[B]], %[[H]], %[[KI]], 0] [1, 1, 4, 8] [1, 1, 1, 1]
// CHECK: nn.matmul %{{.*}}, %[[VTILE]] : tensor<1x1x4x4xf32>, tensor<1x1x4x8xf32>
// CHECK: scf.yield
// CHECK: nn.div
// CHECK: scf.forall.in_parallel
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[O]][%[[B]], %[[H]], 0, %[[QI]], 0] [1, 1, 2, 2, 8]
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
// CHECK: scf.forall (%{{.*}}, %{{.*}}, %[[QI:.*]]) =
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

// The gradient, FlashAttention-2 style, in parallel over the batch and the
// key/value heads: per head, the query loop carries the head's dQ
// (grouped) and its whole dK and dV; per query tile, D = rowsum(dO * O),
// one key loop gives the running maximum and sum (the logsumexp, with
// nn.log), and a second recomputes P = exp(S - L) per key tile and adds its
// dK and dV tiles into the head's dK and dV at the key tile's offset. Each
// head's gradients go into its slices of the results. Nothing of [Lq, Lk].
// CHECK-LABEL: func.func @causal_grad
// CHECK-NOT: nn.attention_grad
// CHECK: %[[GRADS:.*]]:3 = scf.forall (%[[B:.*]], %[[H:.*]]) in (1, 2) shared_outs(%[[DQO:.*]] = %{{.*}}, %[[DKO:.*]] = %{{.*}}, %[[DVO:.*]] = %{{.*}}) -> (tensor<1x2x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>)
// CHECK: %[[HEAD:.*]]:3 = scf.for %[[QI:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[DQ:.*]] = %{{.*}}, %[[DK:.*]] = %{{.*}}, %[[DV:.*]] = %{{.*}}) -> (tensor<1x1x2x4x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>)
// CHECK: tensor.extract_slice %{{.*}}[%[[B]], %[[H]], 0, %[[QI]], 0] [1, 1, 2, 2, 8]
// CHECK: nn.reduce_sum
// CHECK: %[[UB:.*]] = arith.minsi
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[UB]] step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x1x4x1xf32>, tensor<1x1x4x1xf32>)
// CHECK: nn.reduce_max
// CHECK: scf.yield
// CHECK: nn.log
// CHECK: scf.for %[[KI:.*]] = %{{.*}} to %[[UB]] step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[DKI:.*]] = %[[DK]], %[[DVI:.*]] = %[[DV]]) -> (tensor<1x1x4x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>)
// CHECK: nn.exp
// CHECK: tensor.extract_slice %arg3[%[[B]], %[[H]], %[[KI]], 0] [1, 1, 4, 8]
// CHECK: tensor.extract_slice %arg4[%[[B]], %[[H]], %[[KI]], 0] [1, 1, 4, 8]
// CHECK: tensor.extract_slice %[[DKI]][0, 0, %[[KI]], 0] [1, 1, 4, 8] [1, 1, 1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[DKI]][0, 0, %[[KI]], 0] [1, 1, 4, 8] [1, 1, 1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[DVI]][0, 0, %[[KI]], 0] [1, 1, 4, 8] [1, 1, 1, 1]
// CHECK: scf.yield
// CHECK: tensor.insert_slice %{{.*}} into %[[DQ]][0, 0, 0, %[[QI]], 0] [1, 1, 2, 2, 8]
// CHECK: scf.forall.in_parallel
// CHECK: tensor.parallel_insert_slice %[[HEAD]]#0 into %[[DQO]][%[[B]], %[[H]], 0, 0, 0] [1, 1, 2, 4, 8]
// CHECK: tensor.parallel_insert_slice %[[HEAD]]#1 into %[[DKO]][%[[B]], %[[H]], 0, 0] [1, 1, 8, 8]
// CHECK: tensor.parallel_insert_slice %[[HEAD]]#2 into %[[DVO]][%[[B]], %[[H]], 0, 0] [1, 1, 8, 8]
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

// -----

// A boolean mask per batch element and query head, with grouped queries
// (4 query heads on 2 key/value heads): each tile takes its batch
// element's rows of the mask for its group's 2 query heads, from query
// head 2 * h.
// CHECK-LABEL: func.func @per_head_mask
// CHECK: %[[G:.*]] = arith.constant 2 : index
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]], %[[QI:.*]]) = (0, 0, 0) to (2, 2, 4) step (1, 1, 2)
// CHECK: scf.for %[[KI:[^ ]*]] =
// CHECK: %[[FIRST:.*]] = arith.muli %[[H]], %[[G]] : index
// CHECK: tensor.extract_slice %arg3[%[[B]], %[[FIRST]], %[[QI]], %[[KI]]] [1, 2, 2, 4] [1, 1, 1, 1] : tensor<2x4x4x8xi1> to tensor<1x2x2x4xi1>
// CHECK: nn.select
func.func @per_head_mask(%q: tensor<2x4x4x8xf32>, %k: tensor<2x2x8x8xf32>,
                         %v: tensor<2x2x8x8xf32>, %keep: tensor<2x4x4x8xi1>)
    -> tensor<2x4x4x8xf32> {
  %o = nn.attention %q, %k, %v mask %keep
      : tensor<2x4x4x8xf32>, tensor<2x2x8x8xf32>, tensor<2x2x8x8xf32>,
        tensor<2x4x4x8xi1>
  return %o : tensor<2x4x4x8xf32>
}
