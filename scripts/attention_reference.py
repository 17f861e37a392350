"""nn.attention written out in PyTorch 1.13 ops, as ir/NNAttentionOps.td
defines it (PyTorch 1.13 has no scaled_dot_product_attention).

softmax(q k^T * scale + mask) v over the key axis: keys and values repeated
over each group of query heads (grouped-query attention), a float mask
added to the scores, a bool mask keeping the scores where it is true, the
causal mask (key j <= query i) and the window mask (|i - j| < window), and
zeros for a query whose keys are all masked out. Differentiable (autograd)
wherever some key is visible. Shared by the golden-data scripts under test/
(import it after putting this directory on sys.path).
"""

import torch


def attention(q, k, v, mask=None, causal=False, window=0, scale=None):
    """q [B, Hq, Lq, D], k [B, Hkv, Lk, D], v [B, Hkv, Lk, Dv] ->
    [B, Hq, Lq, Dv]."""
    group = q.shape[1] // k.shape[1]
    k = k.repeat_interleave(group, dim=1)
    v = v.repeat_interleave(group, dim=1)
    if scale is None:
        scale = 1.0 / float(q.shape[-1]) ** 0.5
    s = q @ k.transpose(-1, -2) * scale
    i = torch.arange(s.shape[-2]).unsqueeze(1)
    j = torch.arange(s.shape[-1]).unsqueeze(0)
    keep = torch.ones(s.shape[-2:], dtype=torch.bool)
    if causal:
        keep = keep & (j <= i)
    if window:
        keep = keep & ((i - j).abs() < window)
    if mask is not None:
        if mask.dtype == torch.bool:
            keep = keep & mask
        else:
            s = s + mask
    s = s.masked_fill(~keep, -float("inf"))
    p = torch.softmax(s, dim=-1)
    # A row of -inf scores gives NaN in softmax; nn.attention gives zeros.
    p = torch.where(torch.isnan(p), torch.zeros_like(p), p)
    return p @ v
