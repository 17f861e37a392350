"""Writes the ONNX models of the attention recognition lit test.

usage: make_attention_models.py OUTDIR

Attention as PyTorch 1.13 exports it (MatMul of q with transposed keys,
scaling, an additive mask, Softmax over the last axis, MatMul with the
values), built with onnx.helper (Debian's python3-onnx): rank 4 with the
scores divided and masked, rank 3 with q and k scaled separately, causal
masks as masked_fill (Where) of constants and of position comparisons,
additive constants, boolean masks through Where either way round, and a
Softmax over another axis, which is no attention. attention.test
FileChecks `nnc import`.
"""
import os
import sys

import numpy as np
from onnx import TensorProto

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import const, model, node, tensor, write_models  # noqa: E402


def models():
    """Yields (file name, ModelProto) for every test model."""
    # [B, H, L, D]: (q k^T) / sqrt(8) + mask.
    yield "attention_4d.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         node("MatMul", ["q", "kt"], ["s"]),
         const("c", np.float32(np.sqrt(8.0))),
         node("Div", ["s", "c"], ["ss"]),
         node("Add", ["ss", "mask"], ["sm"]),
         node("Softmax", ["sm"], ["p"], axis=-1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [1, 2, 4, 8]), tensor("k", [1, 2, 6, 8]),
         tensor("v", [1, 2, 6, 3]), tensor("mask", [4, 6])],
        [tensor("o", [1, 2, 4, 3])])

    # [N, L, D] with q * 0.5 and k^T * 0.25 (torch.nn.MultiheadAttention's
    # layout; the keys come as [L, N, D]).
    yield "attention_3d.onnx", model(
        [const("cq", np.float32(0.5)),
         const("ck", np.float32(0.25)),
         node("Mul", ["q", "cq"], ["qs"]),
         node("Transpose", ["k"], ["kt"], perm=[1, 2, 0]),
         node("Mul", ["kt", "ck"], ["kts"]),
         node("MatMul", ["qs", "kts"], ["s"]),
         node("Softmax", ["s"], ["p"], axis=2),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [4, 5, 8]), tensor("k", [7, 4, 8]),
         tensor("v", [4, 7, 8])],
        [tensor("o", [4, 5, 8])])

    # nanoGPT's form: scores * 8 ** -0.5 (a Pow of constants), then
    # masked_fill(j > i, -inf) as Where(mask, -inf, scores): the causal flag.
    later = np.triu(np.ones((4, 4), dtype=bool), 1)
    yield "attention_causal_where.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         node("MatMul", ["q", "kt"], ["s"]),
         const("d", np.float32(8.0)),
         const("e", np.float32(-0.5)),
         node("Pow", ["d", "e"], ["c"]),
         node("Mul", ["s", "c"], ["ss"]),
         const("later", later),
         const("ninf", np.float32(-np.inf)),
         node("Where", ["later", "ninf", "ss"], ["sm"]),
         node("Softmax", ["sm"], ["p"], axis=-1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [1, 2, 4, 8]), tensor("k", [1, 2, 4, 8]),
         tensor("v", [1, 2, 4, 3])],
        [tensor("o", [1, 2, 4, 3])])

    # The same with an additive 0 / -inf causal mask.
    yield "attention_causal_additive.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         node("MatMul", ["q", "kt"], ["s"]),
         const("bias", np.where(later, -np.inf, 0.0).astype(np.float32)),
         node("Add", ["s", "bias"], ["sm"]),
         node("Softmax", ["sm"], ["p"], axis=-1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [1, 2, 4, 8]), tensor("k", [1, 2, 4, 8]),
         tensor("v", [1, 2, 4, 3])],
        [tensor("o", [1, 2, 4, 3])])

    # Where(keep, scores, -inf) with a run-time mask: the mask as it is.
    yield "attention_keep_where.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         node("MatMul", ["q", "kt"], ["s"]),
         const("ninf", np.float32(-np.inf)),
         node("Where", ["keep", "s", "ninf"], ["sm"]),
         node("Softmax", ["sm"], ["p"], axis=-1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [1, 2, 4, 8]), tensor("k", [1, 2, 6, 8]),
         tensor("v", [1, 2, 6, 3]), tensor("keep", [4, 6], TensorProto.BOOL)],
        [tensor("o", [1, 2, 4, 3])])

    # Where(masked, -inf, scores) with a constant that is not causal: the
    # negated constant as the keep-mask.
    yield "attention_masked_where.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         node("MatMul", ["q", "kt"], ["s"]),
         const("masked", np.array([[False, True], [True, False]])),
         const("ninf", np.float32(-np.inf)),
         node("Where", ["masked", "ninf", "s"], ["sm"]),
         node("Softmax", ["sm"], ["p"], axis=-1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [1, 2, 2, 8]), tensor("k", [1, 2, 2, 8]),
         tensor("v", [1, 2, 2, 3])],
        [tensor("o", [1, 2, 2, 3])])

    # Positions compared at run length 4100, whose 4100 x 4100 mask is too
    # large to compute at import time: torch's
    # masked_fill(arange(L)[None, :] > arange(L)[:, None], -inf) is the
    # causal flag; the same comparison shifted by one key is not causal and
    # stays a comparison the compiled model computes.
    long = 4100
    for name, shift in (("attention_causal_range.onnx", 0),
                        ("attention_shifted_range.onnx", 1)):
        yield name, model(
            [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
             node("MatMul", ["q", "kt"], ["s"]),
             const("start", np.int64(0)),
             const("limit", np.int64(long)),
             const("delta", np.int64(1)),
             node("Range", ["start", "limit", "delta"], ["pos"]),
             const("shift", np.int64(shift)),
             node("Add", ["pos", "shift"], ["query_pos"]),
             const("rows", np.array([1], dtype=np.int64)),
             const("columns", np.array([0], dtype=np.int64)),
             node("Unsqueeze", ["pos", "columns"], ["key_pos"]),
             node("Unsqueeze", ["query_pos", "rows"], ["query_col"]),
             node("Greater", ["key_pos", "query_col"], ["later"]),
             const("ninf", np.float32(-np.inf)),
             node("Where", ["later", "ninf", "s"], ["sm"]),
             node("Softmax", ["sm"], ["p"], axis=-1),
             node("MatMul", ["p", "v"], ["o"])],
            [tensor("q", [1, 1, long, 8]), tensor("k", [1, 1, long, 8]),
             tensor("v", [1, 1, long, 3])],
            [tensor("o", [1, 1, long, 3])])

    # Softmax over the query axis: not attention.
    yield "softmax_other_axis.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 2, 1]),
         node("MatMul", ["q", "kt"], ["s"]),
         node("Softmax", ["s"], ["p"], axis=1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [2, 5, 8]), tensor("k", [2, 5, 8]),
         tensor("v", [2, 5, 8])],
        [tensor("o", [2, 5, 8])])


def main():
    write_models(sys.argv[1], models())


if __name__ == "__main__":
    main()
