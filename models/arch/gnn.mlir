// [gnn] Graph neural network layers by sparse message passing on a batch of
// 3 undirected graphs (6, 7 and 8 nodes: 21 nodes, 50 directed edges) given
// as an edge list: `src`, `dst` (i64, both directions of every edge) and the
// node -> graph index `batch`. Messages are node rows gathered by edge
// source (nn.gather) and summed (nn.scatter_add) or reduced
// (nn.scatter_reduce) into edge targets; no dense adjacency matrix is ever
// built.
//  - GCN (4 -> 8, then ReLU): self-loops appended to the edge list, degrees
//    of A + I by scatter_add of ones at the targets, each message scaled by
//    deg^-1/2[src] * deg^-1/2[dst]: D^-1/2 (A + I) D^-1/2 H W + b.
//  - GAT (8 -> 2 heads of 4, concatenated, then ELU) over the edges with
//    self-loops: per-edge logits LeakyReLU_0.2(a_h^T [W h_src || W h_dst]),
//    softmax over each node's incoming edges (the node's largest logit,
//    nn.scatter_reduce amax under nn.stop_gradient, subtracted first; the
//    sums of the exponentials by scatter_add), the messages W h_src
//    weighted by the attention summed at the target.
//  - GraphSAGE (8 -> 8): the mean and the maximum (scatter_reduce mean,
//    amax) of each node's neighbours' features, concatenated with the
//    node's own features, a linear layer, each row L2-normalized.
//  - Readout per graph: sum (scatter_add), mean and max (scatter_reduce) of
//    the SAGE features by `batch`.
//  - Heads: graph logits (3 classes) from the concatenated readouts, node
//    logits (2 classes) from the SAGE features.
// @loss = graph cross-entropy + node cross-entropy (means).
// Weights: gnn.safetensors (test/arch/gnn/make_golden.py, which also checks
// its sparse GCN and GAT against dense formulations).

// GCN layer over the edge list with self-loops (71 edges).
func.func private @gcn(%h: tensor<21x4xf32>, %src: tensor<71xi64>,
    %dst: tensor<71xi64>, %w: tensor<4x8xf32>, %b: tensor<8xf32>)
    -> tensor<21x8xf32> {
  %ones = arith.constant dense<1.0> : tensor<71xf32>
  %no_degree = arith.constant dense<0.0> : tensor<21xf32>
  %deg = nn.scatter_add %no_degree, %dst, %ones {axis = 0}
      : tensor<21xf32>, tensor<71xi64>, tensor<71xf32>
  %dinv = nn.rsqrt %deg : tensor<21xf32>
  %dinv_src = nn.gather %dinv, %src {axis = 0} : tensor<21xf32>, tensor<71xi64>
  %dinv_dst = nn.gather %dinv, %dst {axis = 0} : tensor<21xf32>, tensor<71xi64>
  %norm = nn.mul %dinv_src, %dinv_dst : tensor<71xf32>, tensor<71xf32>
  %norm_col = nn.reshape %norm [71, 1] : tensor<71xf32>
  %hw = nn.matmul %h, %w : tensor<21x4xf32>, tensor<4x8xf32>
  %hw_src = nn.gather %hw, %src {axis = 0} : tensor<21x8xf32>, tensor<71xi64>
  %messages = nn.mul %hw_src, %norm_col : tensor<71x8xf32>, tensor<71x1xf32>
  %zeros = arith.constant dense<0.0> : tensor<21x8xf32>
  %agg = nn.scatter_add %zeros, %dst, %messages {axis = 0}
      : tensor<21x8xf32>, tensor<71xi64>, tensor<71x8xf32>
  %out = nn.add %agg, %b : tensor<21x8xf32>, tensor<8xf32>
  return %out : tensor<21x8xf32>
}

// GAT layer over the edge list with self-loops (71 edges): the
// concatenated heads and the attention of every edge and head.
func.func private @gat(%h: tensor<21x8xf32>, %src: tensor<71xi64>,
    %dst: tensor<71xi64>, %w: tensor<8x8xf32>, %a: tensor<2x8xf32>,
    %b: tensor<8xf32>) -> (tensor<21x8xf32>, tensor<71x2xf32>) {
  %hw = nn.matmul %h, %w : tensor<21x8xf32>, tensor<8x8xf32>
  %wh = nn.reshape %hw [21, 2, 4] : tensor<21x8xf32>
  %wh_src = nn.gather %wh, %src {axis = 0} : tensor<21x2x4xf32>, tensor<71xi64>
  %wh_dst = nn.gather %wh, %dst {axis = 0} : tensor<21x2x4xf32>, tensor<71xi64>
  %pair = nn.concat %wh_src, %wh_dst axis 2
      : tensor<71x2x4xf32>, tensor<71x2x4xf32>
  %scored = nn.mul %pair, %a : tensor<71x2x8xf32>, tensor<2x8xf32>
  %score = nn.reduce_sum %scored [2] : tensor<71x2x8xf32>
  %logits = nn.leaky_relu %score {negative_slope = 0.2 : f64} : tensor<71x2xf32>
  %no_max = arith.constant dense<0.0> : tensor<21x2xf32>
  %node_max = nn.scatter_reduce %no_max, %dst, %logits
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<21x2xf32>, tensor<71xi64>, tensor<71x2xf32>
  %shift = nn.stop_gradient %node_max : tensor<21x2xf32>
  %shift_dst = nn.gather %shift, %dst {axis = 0}
      : tensor<21x2xf32>, tensor<71xi64>
  %shifted = nn.sub %logits, %shift_dst : tensor<71x2xf32>, tensor<71x2xf32>
  %weights = nn.exp %shifted : tensor<71x2xf32>
  %no_total = arith.constant dense<0.0> : tensor<21x2xf32>
  %total = nn.scatter_add %no_total, %dst, %weights {axis = 0}
      : tensor<21x2xf32>, tensor<71xi64>, tensor<71x2xf32>
  %total_dst = nn.gather %total, %dst {axis = 0}
      : tensor<21x2xf32>, tensor<71xi64>
  %attention = nn.div %weights, %total_dst : tensor<71x2xf32>, tensor<71x2xf32>
  %attention3 = nn.reshape %attention [71, 2, 1] : tensor<71x2xf32>
  %messages = nn.mul %wh_src, %attention3
      : tensor<71x2x4xf32>, tensor<71x2x1xf32>
  %zeros = arith.constant dense<0.0> : tensor<21x2x4xf32>
  %agg = nn.scatter_add %zeros, %dst, %messages {axis = 0}
      : tensor<21x2x4xf32>, tensor<71xi64>, tensor<71x2x4xf32>
  %heads = nn.reshape %agg [21, 8] : tensor<21x2x4xf32>
  %out = nn.add %heads, %b : tensor<21x8xf32>, tensor<8xf32>
  return %out, %attention : tensor<21x8xf32>, tensor<71x2xf32>
}

// GraphSAGE layer over the edge list without self-loops (50 edges).
func.func private @sage(%h: tensor<21x8xf32>, %src: tensor<50xi64>,
    %dst: tensor<50xi64>, %w: tensor<24x8xf32>, %b: tensor<8xf32>)
    -> tensor<21x8xf32> {
  %h_src = nn.gather %h, %src {axis = 0} : tensor<21x8xf32>, tensor<50xi64>
  %zeros = arith.constant dense<0.0> : tensor<21x8xf32>
  %mean = nn.scatter_reduce %zeros, %dst, %h_src
      {axis = 0, reduce = "mean", include_self = false}
      : tensor<21x8xf32>, tensor<50xi64>, tensor<50x8xf32>
  %largest = nn.scatter_reduce %zeros, %dst, %h_src
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<21x8xf32>, tensor<50xi64>, tensor<50x8xf32>
  %cat = nn.concat %h, %mean, %largest axis 1
      : tensor<21x8xf32>, tensor<21x8xf32>, tensor<21x8xf32>
  %zm = nn.matmul %cat, %w : tensor<21x24xf32>, tensor<24x8xf32>
  %z = nn.add %zm, %b : tensor<21x8xf32>, tensor<8xf32>
  %sq = nn.mul %z, %z : tensor<21x8xf32>, tensor<21x8xf32>
  %ss = nn.reduce_sum %sq [1] {keepdim = true} : tensor<21x8xf32>
  %norm = nn.sqrt %ss : tensor<21x1xf32>
  %eps = arith.constant dense<1.0e-12> : tensor<f32>
  %denom = nn.maximum %norm, %eps : tensor<21x1xf32>, tensor<f32>
  %out = nn.div %z, %denom : tensor<21x8xf32>, tensor<21x1xf32>
  return %out : tensor<21x8xf32>
}

// Every @forward output: GCN features, GAT features and attention, SAGE
// features, sum, mean and max readouts, graph logits, node logits.
func.func private @network(%x: tensor<21x4xf32>, %src: tensor<50xi64>,
    %dst: tensor<50xi64>, %batch: tensor<21xi64>,
    %gcn_w: tensor<4x8xf32>, %gcn_b: tensor<8xf32>,
    %gat_w: tensor<8x8xf32>, %gat_a: tensor<2x8xf32>, %gat_b: tensor<8xf32>,
    %sage_w: tensor<24x8xf32>, %sage_b: tensor<8xf32>,
    %graph_w: tensor<24x3xf32>, %graph_b: tensor<3xf32>,
    %node_w: tensor<8x2xf32>, %node_b: tensor<2xf32>)
    -> (tensor<21x8xf32>, tensor<21x8xf32>, tensor<71x2xf32>, tensor<21x8xf32>,
        tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x3xf32>,
        tensor<21x2xf32>) {
  %loops = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                                 14, 15, 16, 17, 18, 19, 20]> : tensor<21xi64>
  %src_loops = nn.concat %src, %loops axis 0 : tensor<50xi64>, tensor<21xi64>
  %dst_loops = nn.concat %dst, %loops axis 0 : tensor<50xi64>, tensor<21xi64>
  %h_gcn = func.call @gcn(%x, %src_loops, %dst_loops, %gcn_w, %gcn_b)
      : (tensor<21x4xf32>, tensor<71xi64>, tensor<71xi64>, tensor<4x8xf32>,
         tensor<8xf32>) -> tensor<21x8xf32>
  %h1 = nn.relu %h_gcn : tensor<21x8xf32>
  %h_gat, %attention = func.call @gat(%h1, %src_loops, %dst_loops, %gat_w,
      %gat_a, %gat_b)
      : (tensor<21x8xf32>, tensor<71xi64>, tensor<71xi64>, tensor<8x8xf32>,
         tensor<2x8xf32>, tensor<8xf32>) -> (tensor<21x8xf32>, tensor<71x2xf32>)
  %h2 = nn.elu %h_gat : tensor<21x8xf32>
  %h_sage = func.call @sage(%h2, %src, %dst, %sage_w, %sage_b)
      : (tensor<21x8xf32>, tensor<50xi64>, tensor<50xi64>, tensor<24x8xf32>,
         tensor<8xf32>) -> tensor<21x8xf32>
  %zeros = arith.constant dense<0.0> : tensor<3x8xf32>
  %sum = nn.scatter_add %zeros, %batch, %h_sage {axis = 0}
      : tensor<3x8xf32>, tensor<21xi64>, tensor<21x8xf32>
  %mean = nn.scatter_reduce %zeros, %batch, %h_sage
      {axis = 0, reduce = "mean", include_self = false}
      : tensor<3x8xf32>, tensor<21xi64>, tensor<21x8xf32>
  %max = nn.scatter_reduce %zeros, %batch, %h_sage
      {axis = 0, reduce = "amax", include_self = false}
      : tensor<3x8xf32>, tensor<21xi64>, tensor<21x8xf32>
  %readout = nn.concat %sum, %mean, %max axis 1
      : tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>
  %gm = nn.matmul %readout, %graph_w : tensor<3x24xf32>, tensor<24x3xf32>
  %graph_logits = nn.add %gm, %graph_b : tensor<3x3xf32>, tensor<3xf32>
  %nm = nn.matmul %h_sage, %node_w : tensor<21x8xf32>, tensor<8x2xf32>
  %node_logits = nn.add %nm, %node_b : tensor<21x2xf32>, tensor<2xf32>
  return %h_gcn, %h_gat, %attention, %h_sage, %sum, %mean, %max, %graph_logits,
         %node_logits
      : tensor<21x8xf32>, tensor<21x8xf32>, tensor<71x2xf32>, tensor<21x8xf32>,
        tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x3xf32>,
        tensor<21x2xf32>
}

func.func @forward(%x: tensor<21x4xf32> {nn.input = "x"},
    %src: tensor<50xi64> {nn.input = "src"},
    %dst: tensor<50xi64> {nn.input = "dst"},
    %batch: tensor<21xi64> {nn.input = "batch"},
    %gcn_w: tensor<4x8xf32> {nn.param = "gcn.weight"},
    %gcn_b: tensor<8xf32> {nn.param = "gcn.bias"},
    %gat_w: tensor<8x8xf32> {nn.param = "gat.weight"},
    %gat_a: tensor<2x8xf32> {nn.param = "gat.attention"},
    %gat_b: tensor<8xf32> {nn.param = "gat.bias"},
    %sage_w: tensor<24x8xf32> {nn.param = "sage.weight"},
    %sage_b: tensor<8xf32> {nn.param = "sage.bias"},
    %graph_w: tensor<24x3xf32> {nn.param = "graph_head.weight"},
    %graph_b: tensor<3xf32> {nn.param = "graph_head.bias"},
    %node_w: tensor<8x2xf32> {nn.param = "node_head.weight"},
    %node_b: tensor<2xf32> {nn.param = "node_head.bias"})
    -> (tensor<21x8xf32> {nn.output = "gcn"},
        tensor<21x8xf32> {nn.output = "gat"},
        tensor<71x2xf32> {nn.output = "gat_attention"},
        tensor<21x8xf32> {nn.output = "sage"},
        tensor<3x8xf32> {nn.output = "readout_sum"},
        tensor<3x8xf32> {nn.output = "readout_mean"},
        tensor<3x8xf32> {nn.output = "readout_max"},
        tensor<3x3xf32> {nn.output = "graph_logits"},
        tensor<21x2xf32> {nn.output = "node_logits"}) {
  %out:9 = func.call @network(%x, %src, %dst, %batch, %gcn_w, %gcn_b, %gat_w,
      %gat_a, %gat_b, %sage_w, %sage_b, %graph_w, %graph_b, %node_w, %node_b)
      : (tensor<21x4xf32>, tensor<50xi64>, tensor<50xi64>, tensor<21xi64>,
         tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<2x8xf32>,
         tensor<8xf32>, tensor<24x8xf32>, tensor<8xf32>, tensor<24x3xf32>,
         tensor<3xf32>, tensor<8x2xf32>, tensor<2xf32>)
      -> (tensor<21x8xf32>, tensor<21x8xf32>, tensor<71x2xf32>,
          tensor<21x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>,
          tensor<3x3xf32>, tensor<21x2xf32>)
  return %out#0, %out#1, %out#2, %out#3, %out#4, %out#5, %out#6, %out#7, %out#8
      : tensor<21x8xf32>, tensor<21x8xf32>, tensor<71x2xf32>, tensor<21x8xf32>,
        tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x3xf32>,
        tensor<21x2xf32>
}

func.func @loss(%x: tensor<21x4xf32> {nn.input = "x"},
    %src: tensor<50xi64> {nn.input = "src"},
    %dst: tensor<50xi64> {nn.input = "dst"},
    %batch: tensor<21xi64> {nn.input = "batch"},
    %graph_labels: tensor<3xi64> {nn.input = "graph_labels"},
    %node_labels: tensor<21xi64> {nn.input = "node_labels"},
    %gcn_w: tensor<4x8xf32> {nn.param = "gcn.weight"},
    %gcn_b: tensor<8xf32> {nn.param = "gcn.bias"},
    %gat_w: tensor<8x8xf32> {nn.param = "gat.weight"},
    %gat_a: tensor<2x8xf32> {nn.param = "gat.attention"},
    %gat_b: tensor<8xf32> {nn.param = "gat.bias"},
    %sage_w: tensor<24x8xf32> {nn.param = "sage.weight"},
    %sage_b: tensor<8xf32> {nn.param = "sage.bias"},
    %graph_w: tensor<24x3xf32> {nn.param = "graph_head.weight"},
    %graph_b: tensor<3xf32> {nn.param = "graph_head.bias"},
    %node_w: tensor<8x2xf32> {nn.param = "node_head.weight"},
    %node_b: tensor<2xf32> {nn.param = "node_head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %out:9 = func.call @network(%x, %src, %dst, %batch, %gcn_w, %gcn_b, %gat_w,
      %gat_a, %gat_b, %sage_w, %sage_b, %graph_w, %graph_b, %node_w, %node_b)
      : (tensor<21x4xf32>, tensor<50xi64>, tensor<50xi64>, tensor<21xi64>,
         tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<2x8xf32>,
         tensor<8xf32>, tensor<24x8xf32>, tensor<8xf32>, tensor<24x3xf32>,
         tensor<3xf32>, tensor<8x2xf32>, tensor<2xf32>)
      -> (tensor<21x8xf32>, tensor<21x8xf32>, tensor<71x2xf32>,
          tensor<21x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>, tensor<3x8xf32>,
          tensor<3x3xf32>, tensor<21x2xf32>)
  %graph_loss = nn.cross_entropy %out#7, %graph_labels
      : tensor<3x3xf32>, tensor<3xi64>
  %node_loss = nn.cross_entropy %out#8, %node_labels
      : tensor<21x2xf32>, tensor<21xi64>
  %loss = nn.add %graph_loss, %node_loss : tensor<f32>, tensor<f32>
  return %loss : tensor<f32>
}
