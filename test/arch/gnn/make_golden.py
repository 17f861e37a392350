#!/usr/bin/python3
"""Golden data of arch/gnn: models/arch/gnn.mlir in PyTorch.

A batch of 3 small undirected graphs (6, 7 and 8 nodes, 21 in all) given as
an edge list (src, dst: int64, both directions of every edge) and a
node -> graph index vector. Message passing is sparse: node rows gathered by
edge source (index_select), messages summed into edge targets (index_add)
or reduced there (scatter_reduce), never a dense adjacency matrix:
- GCN (4 -> 8, ReLU): self-loops appended to the edge list, degrees by
  index_add of ones at the targets, messages scaled by
  deg^-1/2[src] * deg^-1/2[dst] (D^-1/2 (A + I) D^-1/2 H W + b);
- GAT (8 -> 2 heads of 4, concatenated, then ELU), over the edges with
  self-loops: per-edge logits LeakyReLU_0.2(a_h^T [W h_src || W h_dst]),
  softmax over each node's incoming edges (the node's maximum logit,
  scatter_reduce "amax", detached, subtracted first), messages W h_src
  weighted by the attention summed at the target;
- GraphSAGE (8 -> 8): the mean (scatter_reduce "mean") and the maximum
  ("amax") of the neighbours' features, concatenated with the node's own
  features, a linear layer and L2 normalization of each row (F.normalize);
- readout per graph: sum (index_add), mean (scatter_reduce "mean") and
  max ("amax") of the node features by the node -> graph index;
- heads: graph logits (3 classes) from the concatenated readouts, node
  logits (2 classes) from the SAGE features.
@loss = cross-entropy of the graph logits + cross-entropy of the node logits.
Asserts (checks of the reference itself): the sparse GCN layer equals the
dense D^-1/2 (A + I) D^-1/2 H W + b built from the same edge list; the
sparse GAT layer equals a dense masked softmax over the adjacency; each
node's attention weights sum to 1 per head.
Writes models/arch/gnn.safetensors and test/arch/data/gnn/.
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

GRAPH_SIZES = (6, 7, 8)
EXTRA_EDGES = (2, 2, 3)  # edges beyond each graph's spanning tree
NODES = sum(GRAPH_SIZES)
GRAPHS = len(GRAPH_SIZES)
FEATURES, HIDDEN, GRAPH_CLASSES, NODE_CLASSES = 4, 8, 3, 2
HEADS, HEAD_DIM = 2, 4  # GAT: HEADS * HEAD_DIM == HIDDEN
GAT_SLOPE = 0.2  # LeakyReLU slope of the attention logits
NORMALIZE_EPS = 1e-12  # F.normalize's floor on the row norm

# torch 1.13 warns on every call that scatter_reduce is in beta.
warnings.filterwarnings("ignore", message="scatter_reduce")


def gather(h, index):
    """Rows of h at index (one per edge or node)."""
    return h.index_select(0, index)


def scatter_sum(h, index, size):
    """Rows of h summed into `size` rows at index."""
    return torch.zeros((size,) + h.shape[1:], dtype=h.dtype).index_add(0, index, h)


def scatter_reduce(h, index, size, reduce):
    """Rows of h reduced ("mean", "amax") into `size` rows at index; rows
    that receive nothing stay 0."""
    full = index.view((-1,) + (1,) * (h.dim() - 1)).expand_as(h)
    return torch.zeros((size,) + h.shape[1:], dtype=h.dtype).scatter_reduce(
        0, full, h, reduce, include_self=False)


def with_self_loops(src, dst):
    """The edge list with the edge (i, i) appended for every node."""
    loops = torch.arange(NODES, dtype=src.dtype)
    return torch.cat([src, loops]), torch.cat([dst, loops])


def gcn(h, src, dst, w, b):
    """GCN layer; src, dst already hold the self-loops."""
    deg = scatter_sum(torch.ones(src.shape[0], dtype=h.dtype), dst, NODES)
    dinv = deg.rsqrt()
    hw = h @ w
    messages = gather(hw, src) * (gather(dinv, src) * gather(dinv, dst))[:, None]
    return scatter_sum(messages, dst, NODES) + b


def dense_gcn(h, src, dst, w, b):
    """The same layer from a dense adjacency matrix (src, dst without
    self-loops): D^-1/2 (A + I) D^-1/2 H W + b."""
    a = torch.zeros(NODES, NODES, dtype=h.dtype)
    a[dst, src] = 1
    a_hat = a + torch.eye(NODES, dtype=h.dtype)
    dinv = a_hat.sum(1).rsqrt()
    return (dinv[:, None] * a_hat * dinv[None, :]) @ (h @ w) + b


def gat(h, src, dst, w, a, b):
    """GAT layer; src, dst already hold the self-loops. Returns the
    concatenated heads [N, HEADS * HEAD_DIM] and the attention [E, HEADS]."""
    wh = (h @ w).view(NODES, HEADS, HEAD_DIM)
    wh_src = gather(wh, src)
    pair = torch.cat([wh_src, gather(wh, dst)], 2)
    logits = F.leaky_relu((pair * a).sum(2), GAT_SLOPE)
    node_max = scatter_reduce(logits, dst, NODES, "amax").detach()
    weights = (logits - gather(node_max, dst)).exp()
    attention = weights / gather(scatter_sum(weights, dst, NODES), dst)
    out = scatter_sum(wh_src * attention[:, :, None], dst, NODES)
    return out.reshape(NODES, HEADS * HEAD_DIM) + b, attention


def dense_gat(h, src, dst, w, a, b):
    """The same layer from a dense adjacency (src, dst without self-loops):
    per head, softmax over j of LeakyReLU(a^T [Wh_j || Wh_i]) masked to
    A + I, times W h."""
    mask = torch.eye(NODES, dtype=torch.bool)
    mask[dst, src] = True
    wh = (h @ w).view(NODES, HEADS, HEAD_DIM)
    src_score = (wh * a[:, :HEAD_DIM]).sum(2)  # [N, H], node as source j
    dst_score = (wh * a[:, HEAD_DIM:]).sum(2)  # [N, H], node as target i
    logits = F.leaky_relu(dst_score.T[:, :, None] + src_score.T[:, None, :],
                          GAT_SLOPE)  # [H, i, j]
    attention = logits.masked_fill(~mask, float("-inf")).softmax(2)
    out = attention @ wh.transpose(0, 1)  # [H, N, HEAD_DIM]
    return out.transpose(0, 1).reshape(NODES, HEADS * HEAD_DIM) + b


def sage(h, src, dst, w, b):
    """GraphSAGE layer: [h || mean || max of neighbours] W + b, rows
    L2-normalized."""
    h_src = gather(h, src)
    mean = scatter_reduce(h_src, dst, NODES, "mean")
    largest = scatter_reduce(h_src, dst, NODES, "amax")
    z = torch.cat([h, mean, largest], 1) @ w + b
    return F.normalize(z, dim=1, eps=NORMALIZE_EPS)


def network(p, x):
    """Every @forward output (see the module docstring)."""
    src, dst = x["src"], x["dst"]
    src_loops, dst_loops = with_self_loops(src, dst)
    h_gcn = gcn(x["x"], src_loops, dst_loops, p["gcn.weight"], p["gcn.bias"])
    h_gat, attention = gat(torch.relu(h_gcn), src_loops, dst_loops,
                           p["gat.weight"], p["gat.attention"], p["gat.bias"])
    h_sage = sage(F.elu(h_gat), src, dst, p["sage.weight"], p["sage.bias"])
    batch = x["batch"]
    readout_sum = scatter_sum(h_sage, batch, GRAPHS)
    readout_mean = scatter_reduce(h_sage, batch, GRAPHS, "mean")
    readout_max = scatter_reduce(h_sage, batch, GRAPHS, "amax")
    readout = torch.cat([readout_sum, readout_mean, readout_max], 1)
    return {
        "gcn": h_gcn,
        "gat": h_gat,
        "gat_attention": attention,
        "sage": h_sage,
        "readout_sum": readout_sum,
        "readout_mean": readout_mean,
        "readout_max": readout_max,
        "graph_logits": readout @ p["graph_head.weight"] + p["graph_head.bias"],
        "node_logits": h_sage @ p["node_head.weight"] + p["node_head.bias"],
    }


def forward(p, x):
    """@forward: the layers' node features, the readouts and both heads."""
    return network(p, x)


def loss(p, x):
    """@loss: graph classification cross-entropy + node classification
    cross-entropy (each a mean)."""
    out = network(p, x)
    return (F.cross_entropy(out["graph_logits"], x["graph_labels"])
            + F.cross_entropy(out["node_logits"], x["node_labels"]))


def random_graphs(rng):
    """Edge list (both directions of each undirected edge, shuffled) and
    node -> graph index of GRAPH_SIZES connected graphs: a random spanning
    tree plus EXTRA_EDGES distinct extra edges each, no self-loops."""
    edges, batch, first = [], [], 0
    for g, (n, extra) in enumerate(zip(GRAPH_SIZES, EXTRA_EDGES)):
        local = {(int(rng.integers(0, k)), k) for k in range(1, n)}
        while len(local) < n - 1 + extra:
            i, j = sorted(int(v) for v in rng.choice(n, 2, replace=False))
            local.add((i, j))
        for i, j in sorted(local):
            edges += [(first + i, first + j), (first + j, first + i)]
        batch += [g] * n
        first += n
    edges = np.array(edges)[rng.permutation(len(edges))]
    return edges[:, 0], edges[:, 1], np.array(batch)


def main():
    g = Golden("gnn")
    g.param("gcn.weight", (FEATURES, HIDDEN))
    g.param("gcn.bias", (HIDDEN,), 0.1)
    g.param("gat.weight", (HIDDEN, HEADS * HEAD_DIM))
    g.param("gat.attention", (HEADS, 2 * HEAD_DIM), 1.0)
    g.param("gat.bias", (HEADS * HEAD_DIM,), 0.1)
    g.param("sage.weight", (3 * HIDDEN, HIDDEN))
    g.param("sage.bias", (HIDDEN,), 0.1)
    g.param("graph_head.weight", (3 * HIDDEN, GRAPH_CLASSES))
    g.param("graph_head.bias", (GRAPH_CLASSES,), 0.1)
    g.param("node_head.weight", (HIDDEN, NODE_CLASSES))
    g.param("node_head.bias", (NODE_CLASSES,), 0.1)
    src, dst, batch = random_graphs(g.rng)
    x = {"x": g.input("x", g.normal((NODES, FEATURES))),
         "src": g.input("src", src), "dst": g.input("dst", dst),
         "batch": g.input("batch", batch)}
    x["graph_labels"] = g.input("graph_labels", g.rng.integers(0, GRAPH_CLASSES, GRAPHS))
    x["node_labels"] = g.input("node_labels", g.rng.integers(0, NODE_CLASSES, NODES))

    p = g.params
    src_loops, dst_loops = with_self_loops(x["src"], x["dst"])
    sparse = gcn(x["x"], src_loops, dst_loops, p["gcn.weight"], p["gcn.bias"])
    dense = dense_gcn(x["x"], x["src"], x["dst"], p["gcn.weight"], p["gcn.bias"])
    assert torch.allclose(sparse, dense, rtol=1e-12, atol=1e-12), \
        "sparse GCN differs from the dense formulation"
    h = torch.relu(sparse)
    gat_weights = (p["gat.weight"], p["gat.attention"], p["gat.bias"])
    sparse, attention = gat(h, src_loops, dst_loops, *gat_weights)
    dense = dense_gat(h, x["src"], x["dst"], *gat_weights)
    assert torch.allclose(sparse, dense, rtol=1e-12, atol=1e-12), \
        "sparse GAT differs from the dense formulation"
    totals = scatter_sum(attention, dst_loops, NODES)
    assert torch.allclose(totals, torch.ones_like(totals), rtol=0, atol=1e-12), \
        "a node's attention weights do not sum to 1"

    for name, value in forward(p, x).items():
        g.expect(name, value)
    g.expect_gradients(loss(p, x))
    g.save_weights()
    print("gnn: %d nodes, %d directed edges, %d graphs"
          % (NODES, len(src), GRAPHS))


if __name__ == "__main__":
    main()
